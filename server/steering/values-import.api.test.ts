import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context';
import { hashPassword } from '../auth/passwords';
import { systemActor } from '../core/context';
import type { ValueInput } from './indicators';
import { importValueRows, STAGE_BATCH, STALE_STAGING_MS } from './values-import';
import { VALUE_COLUMNS, VALUES_SHEET } from './values-workbook';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * An import is staged in short statements and applied in one transaction. Built on a region of
 * one unit with its own controller and one entered indicator per test, inserted directly.
 */
describe('a staged values import', () => {
  let ctx: TestContext;
  let unitId: string;
  let controller: ReturnType<TestContext['agent']>;

  beforeAll(async () => {
    ctx = await createTestContext();
    const db = ctx.services.db;
    const now = ctx.clock.now();
    unitId = randomUUID();
    await db.insertInto('org_units').values({ id: unitId, created_at: now }).execute();
    await db
      .insertInto('org_unit_states')
      .values({
        unit_id: unitId,
        valid_from: '2020-01-01',
        valid_to: null,
        parent_id: null,
        name: 'Region Stegvis',
        level: 'region',
        code: 'RSV',
        manager_name: 'Chef',
        manager_user_id: null,
      })
      .execute();
    const userId = randomUUID();
    await db
      .insertInto('users')
      .values({
        id: userId,
        username: 'stegvis',
        display_name: 'Stina Stegvis',
        email: null,
        password_hash: await hashPassword('stegvis'),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('role_assignments')
      .values({ id: randomUUID(), user_id: userId, role: 'controller', unit_id: unitId, created_at: now })
      .execute();
    controller = ctx.agent();
    await controller.login('stegvis', 'stegvis');
  });
  afterAll(async () => ctx.close());

  async function newIndicator(code: string) {
    const id = randomUUID();
    await ctx.services.db
      .insertInto('indicators')
      .values({
        id,
        code,
        name: `Indikator ${code}`,
        measure_unit: 'st',
        direction: 'higher',
        frequency: 'month',
        aggregation: 'sum',
        numerator_id: null,
        denominator_id: null,
        weight_id: null,
        scale: '1',
        rolling_months: null,
        source: 'entered',
        created_at: ctx.clock.now(),
      })
      .execute();
    return id;
  }
  // Month n counted from January 1900: as many distinct slots of one unit as a test needs.
  const month = (n: number) => `${1900 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  const rowsOf = (indicatorId: string, count: number, value = (n: number) => String(n)): ValueInput[] =>
    Array.from({ length: count }, (_, n) => ({
      indicatorId,
      unitId,
      period: month(n),
      kind: 'outcome',
      value: value(n),
      comment: '',
    }));
  const stored = (indicatorId: string) =>
    ctx.services.db
      .selectFrom('indicator_values')
      .select(['period', 'value', 'comment', 'entered_at'])
      .where('indicator_id', '=', indicatorId)
      .orderBy('period')
      .execute();
  const staged = async () => ({
    imports: (await ctx.services.db.selectFrom('value_imports').select('id').execute()).length,
    rows: (await ctx.services.db.selectFrom('value_import_rows').select('ord').execute()).length,
  });
  const imported = (indicatorId: string) =>
    ctx.services.db
      .selectFrom('history')
      .selectAll()
      .where('kind', '=', 'value.imported')
      .where('entity_id', '=', indicatorId)
      .execute();
  async function workbook(code: string, rows: { period: string; value: string | null; comment?: string }[]) {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet(VALUES_SHEET);
    sheet.columns = VALUE_COLUMNS.map((c) => ({ header: c.header, key: c.key }));
    for (const r of rows)
      sheet.addRow({
        indicator: code,
        unit: 'RSV',
        period: r.period,
        kind: 'Utfall',
        value: r.value === null ? null : Number(r.value),
        comment: r.comment ?? '',
      });
    return new Uint8Array(await book.xlsx.writeBuffer());
  }
  const upload = async (file: Uint8Array, query = '') => {
    const res = await controller.request('POST', `/api/values/import${query}`, file, { 'content-type': XLSX });
    return { status: res.status, body: await res.json() };
  };

  it('records one history entry holding each row’s value before and after, exactly as stored', async () => {
    const id = await newIndicator('fore-efter');
    expect(
      (
        await upload(
          await workbook('fore-efter', [
            { period: '2025-01', value: '1' },
            { period: '2025-02', value: '2' },
          ]),
        )
      ).status,
    ).toBe(200);
    const first = await stored(id);
    // At the same instant: a replaced value's time still moves past the one it replaces.
    const second = await upload(
      await workbook('fore-efter', [
        { period: '2025-03', value: '3.25', comment: 'ny' },
        { period: '2025-01', value: '10' },
        { period: '2025-02', value: null },
      ]),
    );
    expect(second).toEqual({ status: 200, body: { rows: 3, written: 2, removed: 1, dryRun: false } });
    const now = await stored(id);
    expect(now.map((v) => [v.period, v.value, v.comment])).toEqual([
      ['2025-01', '10', ''],
      ['2025-03', '3.25', 'ny'],
    ]);
    const at = (v: { entered_at: Date | string }) => new Date(v.entered_at).toISOString();
    expect(at(now[0] as (typeof now)[number])).toBe(
      new Date(new Date(at(first[0] as (typeof first)[number])).getTime() + 1).toISOString(),
    );

    const entries = await imported(id);
    expect(entries).toHaveLength(2);
    const last = entries.at(-1) as (typeof entries)[number];
    const value = (period: string, v: string, comment: string, enteredAt: string) => ({
      indicatorId: id,
      unitId,
      period,
      kind: 'outcome',
      value: v,
      comment,
      enteredByName: 'Stina Stegvis',
      enteredAt,
    });
    const clock = ctx.clock.now().toISOString();
    expect(last).toMatchObject({ actor_name: 'stegvis', entity: 'indicator', unit_id: null });
    expect(last.before).toEqual([
      null,
      value('2025-01', '1', '', at(first[0] as (typeof first)[number])),
      value('2025-02', '2', '', at(first[1] as (typeof first)[number])),
    ]);
    expect(last.after).toEqual([
      value('2025-03', '3.25', 'ny', clock),
      value('2025-01', '10', '', at(now[0] as (typeof now)[number])),
      null,
    ]);
    expect(await staged()).toEqual({ imports: 0, rows: 0 });
  });

  it('leaves neither values, history nor staged rows behind when the apply fails', async () => {
    const id = await newIndicator('avbruten');
    const before = rowsOf(id, 10, () => '1');
    await importValueRows(ctx.services, systemActor('test'), before);
    const kept = await stored(id);
    // The last new row of the import fails in the apply, after the replacements before it.
    const last = month(STAGE_BATCH);
    await sql
      .raw(`CREATE FUNCTION refuse_last() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'vägrad rad'; END $$ LANGUAGE plpgsql;
        CREATE TRIGGER refuse_last BEFORE INSERT ON indicator_values FOR EACH ROW
          WHEN (NEW.indicator_id = '${id}' AND NEW.period = '${last}') EXECUTE FUNCTION refuse_last()`)
      .execute(ctx.services.db);
    try {
      const failure = await importValueRows(
        ctx.services,
        systemActor('test'),
        rowsOf(id, STAGE_BATCH + 1, () => '2'),
      ).catch((err) => err);
      expect(String(failure)).toMatch(/vägrad rad/);
    } finally {
      await sql
        .raw('DROP TRIGGER refuse_last ON indicator_values; DROP FUNCTION refuse_last()')
        .execute(ctx.services.db);
    }
    expect(await stored(id)).toEqual(kept);
    expect(await imported(id)).toHaveLength(1);
    expect(await staged()).toEqual({ imports: 0, rows: 0 });
  });

  it('lets other requests through between the staged batches instead of after the whole import', async () => {
    const id = await newIndicator('genomslapp');
    const order: string[] = [];
    let probe: Promise<void> | null = null;
    await importValueRows(ctx.services, systemActor('test'), rowsOf(id, 10 * STAGE_BATCH), (done) => {
      if (done === STAGE_BATCH)
        probe = controller.json('GET', '/api/me').then((res) => {
          expect(res.status).toBe(200);
          order.push('me');
        });
    });
    order.push('import');
    await probe;
    expect(order).toEqual(['me', 'import']);
    expect(await stored(id)).toHaveLength(10 * STAGE_BATCH);
  });

  it('deletes the staged rows of an import that died half-way at the next import, and no running one’s', async () => {
    const id = await newIndicator('kvarglomd');
    const now = ctx.clock.now().getTime();
    const leftOver = async (importId: string, startedAt: number) => {
      await ctx.services.db
        .insertInto('value_imports')
        .values({ id: importId, started_at: new Date(startedAt) })
        .execute();
      await ctx.services.db
        .insertInto('value_import_rows')
        .values({
          import_id: importId,
          ord: 0,
          indicator_id: id,
          kind: 'outcome',
          period: '2025-01',
          unit_id: unitId,
          value: '1',
          comment: '',
        })
        .execute();
    };
    await leftOver('dead', now - STALE_STAGING_MS - 1);
    await leftOver('running', now - 60_000);
    expect((await upload(await workbook('kvarglomd', [{ period: '2025-05', value: '5' }]))).status).toBe(200);
    expect(await ctx.services.db.selectFrom('value_import_rows').select('import_id').execute()).toEqual([
      { import_id: 'running' },
    ]);
    expect((await stored(id)).map((v) => v.period)).toEqual(['2025-05']);
    await ctx.services.db.deleteFrom('value_imports').where('id', '=', 'running').execute();
  });

  it('writes nothing at all in a dry run, not even staged rows', async () => {
    const id = await newIndicator('provkorning');
    // Any write to the tables an import touches fails from here on, on both databases.
    await sql`CREATE FUNCTION refuse_writes() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'skrivning under provkörning'; END $$ LANGUAGE plpgsql`.execute(ctx.services.db);
    for (const table of ['value_imports', 'value_import_rows', 'indicator_values', 'history'])
      await sql
        .raw(`CREATE TRIGGER refuse_writes BEFORE INSERT OR UPDATE OR DELETE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION refuse_writes()`)
        .execute(ctx.services.db);
    try {
      const file = await workbook('provkorning', [{ period: '2025-01', value: '7' }]);
      expect(await upload(file, '?dryRun=true')).toEqual({
        status: 200,
        body: { rows: 1, written: 1, removed: 0, dryRun: true },
      });
      // The same file for real does reach the database (and is refused there).
      expect((await upload(file)).status).toBe(500);
    } finally {
      for (const table of ['value_imports', 'value_import_rows', 'indicator_values', 'history'])
        await sql.raw(`DROP TRIGGER refuse_writes ON ${table}`).execute(ctx.services.db);
    }
    expect(await stored(id)).toEqual([]);
  });
});
