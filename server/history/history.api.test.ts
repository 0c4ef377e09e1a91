import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';
import { systemActor } from '../core/context';
import { write } from '../core/write';
import { createCorrectiveAction, createIndicatorAction } from '../economy/corrective-actions';
import { transition } from '../followup/submissions';
import { setAnalysis } from '../steering/scorecard';
import { HISTORY_KINDS, type HistoryKind } from './kinds';
import { checkPayload, entrySchemaOf, PAYLOADS } from './schemas';

/** Every key of a payload, at any depth. */
const keysOf = (value: unknown): string[] =>
  value === null || typeof value !== 'object'
    ? []
    : Array.isArray(value)
      ? value.flatMap(keysOf)
      : Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);

describe('typed history', () => {
  let ctx: TestContext & { demo: Awaited<ReturnType<typeof createDemoContext>>['demo'] };
  let admin: ReturnType<TestContext['agent']>;
  beforeAll(async () => {
    ctx = await createDemoContext();
    admin = ctx.agent();
    await admin.login('admin');
  });
  afterAll(async () => ctx.close());

  const historyOf = async (entity: string, id: string) => {
    const res = await admin.json('GET', `/api/history?entity=${entity}&id=${encodeURIComponent(id)}`);
    expect(res.status).toBe(200);
    return res.body.entries as any[];
  };

  /** Each kind written so far, with one record it was written on. */
  const writtenKinds = async () =>
    (
      await ctx.services.db
        .selectFrom('history')
        .select(['kind', 'entity', 'entity_id'])
        .distinctOn('kind')
        .orderBy('kind')
        .orderBy('id', 'desc')
        .execute()
    ).map((r) => ({ kind: r.kind as HistoryKind, entity: r.entity, id: r.entity_id }));

  it('answers each kind with its schema: camelCase payloads and the changes field by field', async () => {
    const unit = ctx.demo.units.get('kir') as string;
    const measureId = [...ctx.demo.economy.measures.values()][0] as string;
    const indicator = await ctx.services.db.selectFrom('indicators').select('id').executeTakeFirstOrThrow();
    const system = systemActor('test');
    // The kinds the demo does not write itself.
    await createCorrectiveAction(ctx.services, system, measureId, {
      what: 'Stoppa inhyrning',
      responsibleName: 'Anna',
      dueOn: '2025-09-30',
      amountKr: 2_000_000n,
      status: 'proposed',
      decisionId: null,
    });
    await createIndicatorAction(ctx.services, system, {
      indicatorId: indicator.id,
      unitId: unit,
      what: 'Fler vårdplatser',
      responsibleName: 'Bo',
      dueOn: '2025-10-31',
      amountKr: 0n,
      status: 'ongoing',
    });
    await transition(ctx.services, system, 'save', unit, '2025-05', { version: 0, analysis: 'Bättre än väntat.' });

    const written = await writtenKinds();
    const kinds = written.map((w) => w.kind);
    for (const declared of [
      'corrective_action.created',
      'measure.reported',
      'allocation.set',
      'delegation.updated',
      'submission.saved',
    ] as HistoryKind[])
      expect(kinds).toContain(declared);
    for (const { kind, entity, id } of written) {
      const entries = (await historyOf(entity, id)).filter((e) => e.kind === kind);
      expect(entries.length, kind).toBeGreaterThan(0);
      const stored = await ctx.services.db
        .selectFrom('history')
        .select(['before', 'after'])
        .where('entity', '=', entity)
        .where('entity_id', '=', id)
        .where('kind', '=', kind)
        .execute();
      for (const entry of entries) {
        const parsed = entrySchemaOf(kind).safeParse(entry);
        expect(parsed.success, `${kind}: ${parsed.error?.message}`).toBe(true);
        expect(
          keysOf([entry.before, entry.after]).filter((k) => /_/.test(k)),
          kind,
        ).toEqual([]);
        // Read as written, not dropped: an entry that has a payload keeps it.
        if (stored.some((s) => s.after !== null)) expect(entry.after, kind).not.toBeNull();
        // A creation's changes are its fields, each from nothing.
        if (entry.before === null && entry.after !== null) {
          expect(entry.changes.length, kind).toBeGreaterThan(0);
          expect(
            entry.changes.every((c: any) => c.before === null),
            kind,
          ).toBe(true);
        }
      }
    }
  });

  it('says who changed what from what to what in a submission', async () => {
    const unit = ctx.demo.units.get('kir') as string;
    const system = systemActor('test');
    await transition(ctx.services, system, 'save', unit, '2025-04', { version: 0, analysis: 'Första.' });
    await transition(ctx.services, system, 'save', unit, '2025-04', { version: 1, analysis: 'Andra.' });
    const entries = await historyOf('submission', `${unit}:2025-04`);
    expect(entries.map((e) => e.kind)).toEqual(['submission.saved', 'submission.saved']);
    expect(entries[1]).toMatchObject({
      actorName: 'system:test',
      before: { status: 'in_progress', analysis: 'Första.' },
      after: { status: 'in_progress', analysis: 'Andra.', comment: null },
      changes: [{ field: 'analysis', before: 'Första.', after: 'Andra.' }],
    });
  });

  it('reads an entry written before typed history in camelCase', async () => {
    const measureId = [...ctx.demo.economy.measures.values()][1] as string;
    await write(ctx.services, systemActor('old'), async (w) => {
      // The shape measure.reported had: the raw snake_case row.
      await w.trx
        .insertInto('history')
        .values({
          at: w.now,
          actor_id: null,
          actor_name: 'system:old',
          kind: 'measure.reported',
          entity: 'measure',
          entity_id: measureId,
          unit_id: null,
          before: null,
          after: JSON.stringify({
            measure_id: measureId,
            period: '2023-12',
            forecast_kr: '1500000',
            outcome_kr: null,
            comment: 'Gammal',
            entered_by_name: 'Gammal Användare',
            entered_at: '2023-12-31T10:00:00.000Z',
          }),
        })
        .execute();
    });
    const entry = (await historyOf('measure', measureId)).find((e) => e.actorName === 'system:old');
    expect(entry).toMatchObject({
      kind: 'measure.reported',
      after: {
        measureId,
        period: '2023-12',
        forecastKr: '1500000',
        outcomeKr: null,
        enteredByName: 'Gammal Användare',
      },
    });
    expect(entry.changes).toContainEqual({ field: 'forecastKr', before: null, after: '1500000' });
  });

  it("records an analysis on the analysis, and shows it in its goal's and its unit's history", async () => {
    const unit = ctx.demo.units.get('kir') as string;
    const goal = await ctx.services.db.selectFrom('goals').select('id').orderBy('id').executeTakeFirstOrThrow();
    await setAnalysis(ctx.services, systemActor('test'), goal.id, {
      unitId: unit,
      period: '2024-02',
      text: 'Analysen',
      version: null,
    });
    const id = `${goal.id}:${unit}:2024-02`;
    const own = await historyOf('goal_analysis', id);
    expect(own).toMatchObject([
      {
        kind: 'analysis.set',
        entity: 'goal_analysis',
        entityId: id,
        unitId: unit,
        before: null,
        after: { goalId: goal.id, unitId: unit, period: '2024-02', text: 'Analysen' },
      },
    ]);
    for (const [entity, of] of [
      ['goal', goal.id],
      ['org_unit', unit],
    ] as const)
      expect(
        (await historyOf(entity, of)).filter((e) => e.entityId === id).map((e) => e.kind),
        entity,
      ).toEqual(['analysis.set']);
    // Another unit's history does not show it.
    const other = ctx.demo.units.get('med') as string;
    expect((await historyOf('org_unit', other)).some((e) => e.entityId === id)).toBe(false);
  });

  it('moves analyses recorded on the goal to the analysis (migration 019)', async () => {
    const unit = ctx.demo.units.get('kir') as string;
    const goal = await ctx.services.db.selectFrom('goals').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const old = await ctx.services.db
      .insertInto('history')
      .values({
        at: new Date('2024-01-31T10:00:00Z'),
        actor_id: null,
        actor_name: 'system:old',
        kind: 'analysis.set',
        entity: 'goal',
        entity_id: goal.id,
        unit_id: unit,
        before: null,
        after: JSON.stringify({ goal_id: goal.id, unit_id: unit, period: '2024-01', text: 'Gammal' }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql
      .raw(readFileSync(new URL('../db/migrations/019_history_camel.sql', import.meta.url), 'utf8'))
      .execute(ctx.services.db);
    const moved = await ctx.services.db
      .selectFrom('history')
      .select(['entity', 'entity_id'])
      .where('id', '=', old.id)
      .executeTakeFirstOrThrow();
    expect(moved).toEqual({ entity: 'goal_analysis', entity_id: `${goal.id}:${unit}:2024-01` });
    expect((await historyOf('goal', goal.id)).some((e) => e.id === String(old.id))).toBe(true);
  });

  it('declares a payload schema for every kind it lists, and no other', () => {
    expect(Object.keys(PAYLOADS).sort()).toEqual([...HISTORY_KINDS].sort());
    for (const kind of HISTORY_KINDS) {
      expect(PAYLOADS[kind].before, kind).toBeDefined();
      expect(PAYLOADS[kind].after, kind).toBeDefined();
    }
  });

  it('refuses a payload with a field its kind does not declare, a snake_case key or a number for kronor', () => {
    const allocation = { unitId: 'u1', year: 2025, amountKr: '1000' };
    expect(() => checkPayload('allocation.set', null, allocation)).not.toThrow();
    expect(() => checkPayload('allocation.set', null, { ...allocation, note: 'x' })).toThrow(/allocation.set.after/);
    expect(() => checkPayload('allocation.set', null, { unit_id: 'u1', year: 2025, amountKr: '1000' })).toThrow();
    expect(() => checkPayload('allocation.set', null, { ...allocation, amountKr: 1000 })).toThrow();
    expect(() => checkPayload('role.revoked', { id: 'r', userId: 'u', role: 'auditor', unitId: 'x' }, {})).toThrow(
      /role.revoked.after/,
    );
  });

  it('fails the write, and records nothing, when a payload does not match its kind', async () => {
    const before = await ctx.services.db
      .selectFrom('history')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    await expect(
      write(ctx.services, systemActor('test'), (w) =>
        w.record({
          kind: 'meeting.created',
          entity: 'meeting',
          entityId: 'm-none',
          unitId: null,
          before: null,
          after: { bodyId: 'b', meetsOn: '2025-01-01', title: 'Möte', room: 'A' },
        }),
      ),
    ).rejects.toThrow(/meeting.created.after/);
    const after = await ctx.services.db
      .selectFrom('history')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(after?.n)).toBe(Number(before?.n));
  });
});
