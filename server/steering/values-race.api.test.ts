import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors';
import { createTestContext, type TestContext } from '../../test/support/context';
import { hashPassword } from '../auth/passwords';
import { systemActor } from '../core/context';
import { write } from '../core/write';
import { VALUE_COLUMNS, VALUES_SHEET } from './values-workbook';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const WRITERS = 12;

/**
 * Many writers of one value slot at once, each in its own session. On PostgreSQL the requests
 * really run in parallel (a pool of four connections); on PGlite they queue, which must give
 * the same answers.
 */
describe('concurrent writers of one value', () => {
  let ctx: TestContext;
  let unitId: string;
  let indicatorId: string;
  let agents: ReturnType<TestContext['agent']>[];

  // A one-unit region, one entered indicator and twelve controllers, inserted directly.
  beforeAll(async () => {
    ctx = await createTestContext();
    const db = ctx.services.db;
    const now = ctx.clock.now();
    unitId = randomUUID();
    indicatorId = randomUUID();
    await db.insertInto('org_units').values({ id: unitId, created_at: now }).execute();
    await db
      .insertInto('org_unit_states')
      .values({
        unit_id: unitId,
        valid_from: '2020-01-01',
        valid_to: null,
        parent_id: null,
        name: 'Region Samtidig',
        level: 'region',
        code: 'RS1',
        manager_name: 'Chef',
        manager_user_id: null,
      })
      .execute();
    await db
      .insertInto('indicators')
      .values({
        id: indicatorId,
        code: 'samtidig',
        name: 'Samtidigt inmatad',
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
        created_at: now,
      })
      .execute();
    const passwordHash = await hashPassword('samtidig');
    agents = [];
    for (let i = 0; i < WRITERS; i++) {
      const userId = randomUUID();
      await db
        .insertInto('users')
        .values({
          id: userId,
          username: `skrivare${i}`,
          display_name: `Skrivare ${i}`,
          email: null,
          password_hash: passwordHash,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await db
        .insertInto('role_assignments')
        .values({ id: randomUUID(), user_id: userId, role: 'controller', unit_id: unitId, created_at: now })
        .execute();
      const agent = ctx.agent();
      await agent.login(`skrivare${i}`, 'samtidig');
      agents.push(agent);
    }
  });
  afterAll(async () => ctx.close());

  // Every run writes a month no earlier run has touched.
  let month = 0;
  const freshPeriod = () => {
    month += 1;
    return `${2000 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
  };
  const put = (agent: (typeof agents)[number], period: string, value: string, basedOn?: string | null) =>
    agent.json('PUT', '/api/values', {
      values: [
        {
          indicatorId,
          unitId,
          period,
          kind: 'outcome',
          value,
          comment: '',
          ...(basedOn === undefined ? {} : { basedOn }),
        },
      ],
    });
  const stored = async (period: string) =>
    (
      await sql<{ value: string }>`SELECT value::text AS value FROM indicator_values
        WHERE indicator_id = ${indicatorId} AND unit_id = ${unitId} AND period = ${period} AND kind = 'outcome'`.execute(
        ctx.services.db,
      )
    ).rows.map((r) => r.value);
  async function workbook(rows: { period: string; value: string }[]) {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet(VALUES_SHEET);
    sheet.columns = VALUE_COLUMNS.map((c) => ({ header: c.header, key: c.key }));
    for (const r of rows)
      sheet.addRow({ indicator: 'samtidig', unit: 'RS1', period: r.period, kind: 'Utfall', value: r.value });
    return new Uint8Array(await book.xlsx.writeBuffer());
  }

  it('lets exactly one of the writers who saw the same version win; the others get 409 and the winner’s value stays', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: WRITERS }), fc.boolean(), async (writers, existing) => {
        const period = freshPeriod();
        let basedOn: string | null = null;
        if (existing) {
          const first = await put(agents[0] as (typeof agents)[number], period, '1', null);
          expect(first.status).toBe(200);
          basedOn = first.body.values[0].enteredAt;
        }
        const answers = await Promise.all(
          agents.slice(0, writers).map((agent, i) => put(agent, period, String(100 + i), basedOn)),
        );
        const statuses = answers.map((a) => a.status);
        expect(statuses.filter((s) => s === 200)).toHaveLength(1);
        expect(statuses.filter((s) => s === 409)).toHaveLength(writers - 1);
        for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.error.code).toBe('conflict');
        const winner = answers.find((a) => a.status === 200)?.body.values[0];
        expect(await stored(period)).toEqual([winner.value]);
        // The winner's time is the slot's version now: a writer who saw the one before is refused.
        if (existing) expect(winner.enteredAt).not.toBe(basedOn);
        const late = await put(agents[0] as (typeof agents)[number], period, '7', basedOn);
        expect(late.status).toBe(409);
        expect(late.body.error.current).toMatchObject({ value: winner.value, enteredAt: winner.enteredAt });
      }),
      { numRuns: 12 },
    );
  });

  it('lets imports and writes without a version all succeed at once, leaving one of the values written', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('put', 'import'), { minLength: 2, maxLength: WRITERS }),
        fc.boolean(),
        async (kinds, existing) => {
          const period = freshPeriod();
          // A second month in every import, in either order, so imports lock two rows each.
          const other = freshPeriod();
          if (existing) expect((await put(agents[0] as (typeof agents)[number], period, '1', null)).status).toBe(200);
          const written = kinds.map((_, i) => String(200 + i));
          const answers = await Promise.all(
            kinds.map(async (kind, i) => {
              const agent = agents[i] as (typeof agents)[number];
              const value = written[i] as string;
              if (kind === 'put') return put(agent, period, value);
              const rows = [
                { period, value },
                { period: other, value },
              ];
              const file = await workbook(i % 2 === 0 ? rows : rows.reverse());
              const res = await agent.request('POST', '/api/values/import', file, { 'content-type': XLSX });
              return { status: res.status, body: await res.json() };
            }),
          );
          expect(answers.map((a) => a.status)).toEqual(kinds.map(() => 200));
          const [value] = await stored(period);
          expect(written).toContain(value);
          expect(await stored(period)).toHaveLength(1);
        },
      ),
      { numRuns: 10 },
    );
  });
});

describe('a database clash between concurrent writers', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => ctx.close());

  const clash = (state: string) =>
    write(ctx.services, systemActor('test'), async (w) => {
      await sql.raw(`DO $$ BEGIN RAISE EXCEPTION 'clash' USING ERRCODE = '${state}'; END $$`).execute(w.trx);
    });

  it.each([
    ['a unique violation', '23505'],
    ['a serialisation failure', '40001'],
    ['a deadlock', '40P01'],
  ])('turns %s escaping any write into a 409 conflict with a Swedish message', async (_, state) => {
    const err = await clash(state).catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/samtidigt/);
  });

  it('turns a real duplicate key from two inserts into a 409, and rolls the write back', async () => {
    const insertUnit = (id: string) =>
      write(ctx.services, systemActor('test'), async (w) => {
        await w.trx.insertInto('org_units').values({ id, created_at: w.now }).execute();
        await w.trx.insertInto('org_units').values({ id: 'dubblett', created_at: w.now }).execute();
      });
    await insertUnit('dubblett-a');
    const err = await insertUnit('dubblett-b').catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe('conflict');
    const left = await ctx.services.db.selectFrom('org_units').select('id').where('id', 'like', 'dubblett%').execute();
    expect(left.map((r) => r.id).sort()).toEqual(['dubblett', 'dubblett-a']);
  });

  it('leaves other database errors as they are (they are bugs, not clashes)', async () => {
    const err = await clash('23503').catch((e) => e);
    expect(err).not.toBeInstanceOf(DomainError);
  });
});
