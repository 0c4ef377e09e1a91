import { randomUUID } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { actorName } from '../../domain/actors';
import { compareSwedish } from '../../domain/collation';
import { DomainError, type FieldError, notFound } from '../../domain/errors';
import { type IndicatorDefinition, missingReferences } from '../../domain/indicators/definition';
import { isMonthText } from '../../domain/indicators/months';
import type { OrgIndex } from '../../domain/org';
import { can } from '../../domain/permissions';
import type { Aggregation, Direction, Frequency, IndicatorSource, ValueKind } from '../../domain/steering';
import { claimDataVersion } from '../cache/data-versions';
import { abilities } from '../core/abilities';
import type { Actor, Executor, Services } from '../core/context';
import { authorizeReadSomewhere, readable, readableInherited } from '../core/read-scope';
import { badRef, mustExist } from '../core/refs';
import { authorize, bumpVersion, type WriteTx, write } from '../core/write';
import { currentTree, today } from '../org/service';
import { afterValueChange, beforeValueChange, rebuildRollups, slotsOf } from './rollups';
import type { IndicatorSchema, StoredValueSchema } from './schemas';

export type IndicatorRecord = Omit<z.infer<typeof IndicatorSchema>, 'can'>;

/** A definition as answered to `actor`: definitions are the whole organisation's (unit null). */
const answer = (actor: Actor, tree: OrgIndex) => (i: IndicatorRecord) => ({
  ...i,
  can: abilities(actor, tree)(null, { edit: 'indicator.define' }),
});

export async function indicatorRecords(db: Executor, ids?: readonly string[]): Promise<IndicatorRecord[]> {
  let q = db.selectFrom('indicators').selectAll();
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('id', 'in', [...ids]);
  }
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('indicator_goals')
    .selectAll()
    .where(
      'indicator_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      version: r.version,
      code: r.code,
      name: r.name,
      description: r.description,
      measureUnit: r.measure_unit,
      direction: r.direction as Direction,
      frequency: r.frequency as Frequency,
      aggregation: r.aggregation as Aggregation,
      numeratorId: r.numerator_id,
      denominatorId: r.denominator_id,
      weightId: r.weight_id,
      scale: r.scale,
      rollingMonths: r.rolling_months,
      source: r.source as IndicatorSource,
      goalIds: links.filter((l) => l.indicator_id === r.id).map((l) => l.goal_id),
    }))
    .sort((a, b) => compareSwedish(a.name, b.name));
}

/** Indicator definitions are shared: whoever reads steering data anywhere reads them. */
export async function listIndicators(services: Services, actor: Actor, filter: { goalId?: string } = {}) {
  const tree = await currentTree(services);
  authorizeReadSomewhere(actor, tree);
  const all = await indicatorRecords(services.db);
  return (filter.goalId ? all.filter((i) => i.goalIds.includes(filter.goalId as string)) : all).map(
    answer(actor, tree),
  );
}

export async function getIndicator(services: Services, actor: Actor, id: string) {
  const tree = await currentTree(services);
  authorizeReadSomewhere(actor, tree);
  const [i] = await indicatorRecords(services.db, [id]);
  if (!i) throw notFound('Indikatorn');
  return answer(actor, tree)(i);
}

export type IndicatorInput = IndicatorDefinition;

async function checkIndicator(db: Executor, input: IndicatorInput, self: string) {
  const fields: FieldError[] = [];
  for (const field of missingReferences(input))
    fields.push({ field, message: field === 'weightId' ? 'krävs för ett vägt medelvärde' : 'krävs för en kvot' });
  for (const f of ['numeratorId', 'denominatorId', 'weightId'] as const)
    if (input[f] === self) fields.push({ field: f, message: 'kan inte vara indikatorn själv' });
  if (input.source === 'formula' && input.aggregation !== 'ratio')
    fields.push({ field: 'source', message: 'en beräknad indikator räknas som kvot av täljare och nämnare' });
  if (fields.length > 0) throw new DomainError('unprocessable', 'Indikatorns definition går inte ihop.', { fields });
  for (const f of ['numeratorId', 'denominatorId', 'weightId'] as const) {
    const ref = input[f];
    if (!ref) continue;
    await mustExist(db, 'indicators', [ref], f);
    const [row] = await db.selectFrom('indicators').select('aggregation').where('id', '=', ref).execute();
    if (row?.aggregation !== 'sum') throw badRef(f, 'måste vara en indikator som summeras');
  }
  await mustExist(db, 'goals', input.goalIds, 'goalIds');
  if (input.code) {
    const clash = await db
      .selectFrom('indicators')
      .select('id')
      .where('code', '=', input.code)
      .where('id', '<>', self)
      .executeTakeFirst();
    if (clash)
      throw new DomainError('conflict', 'Koden används redan av en annan indikator.', {
        fields: [{ field: 'code', message: 'används redan' }],
      });
  }
}

const columns = (input: IndicatorInput) => ({
  code: input.code,
  name: input.name,
  description: input.description,
  measure_unit: input.measureUnit,
  direction: input.direction,
  frequency: input.frequency,
  aggregation: input.aggregation,
  numerator_id: input.numeratorId,
  denominator_id: input.denominatorId,
  weight_id: input.weightId,
  scale: input.scale,
  rolling_months: input.rollingMonths,
  source: input.source,
});

async function writeGoalLinks(db: Executor, id: string, goalIds: readonly string[]) {
  await db.deleteFrom('indicator_goals').where('indicator_id', '=', id).execute();
  const unique = [...new Set(goalIds)];
  if (unique.length > 0)
    await db
      .insertInto('indicator_goals')
      .values(unique.map((goal_id) => ({ indicator_id: id, goal_id })))
      .execute();
}

/** Indicator definitions are the whole organisation's: a controller at the top defines them. */
export async function createIndicator(services: Services, actor: Actor, input: IndicatorInput, id = randomUUID()) {
  return write(services, actor, async (w) => {
    authorize(actor, 'indicator.define', { unitId: null }, await currentTree(services, w.trx));
    await checkIndicator(w.trx, input, id);
    await w.trx
      .insertInto('indicators')
      .values({ id, ...columns(input), created_at: w.now })
      .execute();
    await writeGoalLinks(w.trx, id, input.goalIds);
    const [after] = await indicatorRecords(w.trx, [id]);
    await w.record({ kind: 'indicator.created', entity: 'indicator', entityId: id, unitId: null, before: null, after });
    return answer(actor, await currentTree(services, w.trx))(after as IndicatorRecord);
  });
}

export async function updateIndicator(
  services: Services,
  actor: Actor,
  id: string,
  input: IndicatorInput & { version: number },
) {
  return write(services, actor, async (w) => {
    authorize(actor, 'indicator.define', { unitId: null }, await currentTree(services, w.trx));
    const [before] = await indicatorRecords(w.trx, [id]);
    if (!before) throw notFound('Indikatorn');
    await bumpVersion(
      w.trx,
      'indicators',
      id,
      input.version,
      async () => (await indicatorRecords(w.trx, [id]))[0] ?? null,
    );
    await checkIndicator(w.trx, input, id);
    await w.trx.updateTable('indicators').set(columns(input)).where('id', '=', id).execute();
    await writeGoalLinks(w.trx, id, input.goalIds);
    const [after] = await indicatorRecords(w.trx, [id]);
    // The kept rows hold a weighted indicator's Σ value × weight and a "latest" indicator's
    // newest value; sums are kept for every indicator and ratios and scales apply when read.
    if (after && (after.aggregation !== before.aggregation || after.weightId !== before.weightId))
      await rebuildRollups(w.trx, { indicators: [id] });
    await w.record({ kind: 'indicator.updated', entity: 'indicator', entityId: id, unitId: null, before, after });
    return answer(actor, await currentTree(services, w.trx))(after as IndicatorRecord);
  });
}

export interface TargetInput {
  unitId: string;
  period: string;
  /** null removes the target. */
  target: string | null;
  tolerance: string;
}

export async function listTargets(services: Services, actor: Actor, indicatorId: string) {
  const tree = await currentTree(services);
  authorizeReadSomewhere(actor, tree);
  const may = readableInherited(actor, tree);
  const rows = await services.db
    .selectFrom('indicator_targets')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .execute();
  return rows
    .filter((r) => may(r.unit_id))
    .map((r) => ({
      unitId: r.unit_id,
      period: r.period,
      target: r.target,
      tolerance: r.tolerance,
      can: abilities(actor, tree)(r.unit_id, { edit: 'target.write' }),
    }))
    .sort((a, b) => a.period.localeCompare(b.period));
}

/** Sets (or removes) the target of an indicator for a unit and a year or month. */
export async function setTarget(services: Services, actor: Actor, indicatorId: string, input: TargetInput) {
  return write(services, actor, async (w) => {
    await mustExist(w.trx, 'indicators', [indicatorId], 'indicatorId');
    await mustExist(w.trx, 'org_units', [input.unitId], 'unitId');
    authorize(actor, 'target.write', { unitId: input.unitId }, await currentTree(services, w.trx));
    if (!/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(input.period))
      throw new DomainError('bad_request', 'Ogiltig period för målvärdet.', {
        fields: [{ field: 'period', message: 'ska vara ett år ÅÅÅÅ eller en månad ÅÅÅÅ-MM' }],
      });
    const key = (q: ReturnType<typeof w.trx.selectFrom<'indicator_targets'>>) =>
      q.where('indicator_id', '=', indicatorId).where('unit_id', '=', input.unitId).where('period', '=', input.period);
    const before = (await key(w.trx.selectFrom('indicator_targets')).selectAll().executeTakeFirst()) ?? null;
    await w.trx
      .deleteFrom('indicator_targets')
      .where('indicator_id', '=', indicatorId)
      .where('unit_id', '=', input.unitId)
      .where('period', '=', input.period)
      .execute();
    if (input.target !== null)
      await w.trx
        .insertInto('indicator_targets')
        .values({
          indicator_id: indicatorId,
          unit_id: input.unitId,
          period: input.period,
          target: input.target,
          tolerance: input.tolerance,
        })
        .execute();
    const after = input.target === null ? null : { ...input };
    await w.record({
      kind: 'target.set',
      entity: 'indicator',
      entityId: indicatorId,
      unitId: input.unitId,
      before,
      after,
    });
    const tree = await currentTree(services, w.trx);
    return after && { ...after, can: abilities(actor, tree)(input.unitId, { edit: 'target.write' }) };
  });
}

export interface ValueInput {
  indicatorId: string;
  unitId: string;
  period: string;
  kind: ValueKind;
  /** Exact decimal text; null removes the value. */
  value: string | null;
  comment: string;
  /**
   * When the value the writer last saw was entered (ISO time), or null if they saw none.
   * Given, a value changed by someone else since is refused with 409; left out, the write
   * replaces whatever is there (imports).
   */
  basedOn?: string | null;
}

export type StoredValue = z.infer<typeof StoredValueSchema>;

const toStored = (r: {
  indicator_id: string;
  unit_id: string;
  period: string;
  kind: string;
  value: string;
  comment: string;
  entered_by_name: string;
  entered_at: Date | string;
}): StoredValue => ({
  indicatorId: r.indicator_id,
  unitId: r.unit_id,
  period: r.period,
  kind: r.kind as ValueKind,
  value: r.value,
  comment: r.comment,
  enteredByName: r.entered_by_name,
  enteredAt: new Date(r.entered_at).toISOString(),
});

const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;

/** Why a value may not be entered here, or null when it may. */
function refusal(
  indicator: IndicatorRecord | undefined,
  input: ValueInput,
  tree: OrgIndex,
): { field: keyof ValueInput; message: string } | null {
  if (!indicator) return { field: 'indicatorId', message: 'finns inte' };
  if (!tree.has(input.unitId)) return { field: 'unitId', message: 'finns inte i dagens organisation' };
  if (!isMonthText(input.period)) return { field: 'period', message: 'ska vara en månad ÅÅÅÅ-MM' };
  const month = Number(input.period.slice(5));
  if (indicator.frequency === 'tertial' && month % 4 !== 0)
    return { field: 'period', message: 'en tertialindikator rapporteras för april, augusti och december' };
  if (indicator.frequency === 'year' && month !== 12)
    return { field: 'period', message: 'en årsindikator rapporteras för december' };
  if (indicator.aggregation === 'ratio' || indicator.source === 'formula')
    return { field: 'indicatorId', message: 'beräknas ur täljare och nämnare och matas inte in' };
  if (indicator.aggregation !== 'none' && tree.children(input.unitId).length > 0)
    return { field: 'unitId', message: 'värdet räknas fram ur enheterna under och skrivs inte in' };
  if (input.value !== null && !DECIMAL.test(input.value))
    return { field: 'value', message: 'ska vara ett tal med punkt som decimaltecken, högst sex decimaler' };
  return null;
}

/**
 * Checks every row, reporting all bad rows together (`rowField(i, field)` names them), and the
 * actor's right to enter each unit's values: 422 or 403, or nothing when all may be written.
 */
export async function checkValues(
  services: Services,
  db: Executor,
  actor: Actor,
  rows: readonly ValueInput[],
  rowField: (index: number, field: string) => string,
): Promise<void> {
  const tree = await currentTree(services, db);
  const indicators = new Map(
    (await indicatorRecords(db, [...new Set(rows.map((r) => r.indicatorId))])).map((i) => [i.id, i]),
  );
  const fields: FieldError[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const why = refusal(indicators.get(row.indicatorId), row, tree);
    if (why) fields.push({ field: rowField(i, why.field), message: why.message });
    const key = slotKey(row);
    if (seen.has(key))
      fields.push({ field: rowField(i, 'period'), message: 'samma värde finns redan på en tidigare rad' });
    seen.add(key);
  });
  if (fields.length > 0)
    throw new DomainError('unprocessable', `${fields.length} värden kan inte sparas. Inget har sparats.`, { fields });
  for (const unitId of new Set(rows.map((r) => r.unitId))) authorize(actor, 'value.write', { unitId }, tree);
}

type Slot = Pick<ValueInput, 'indicatorId' | 'unitId' | 'period' | 'kind'>;
// The primary key's columns in its order, so that every writer takes row locks in one order.
const slotKey = (r: Slot) => `${r.indicatorId}|${r.kind}|${r.period}|${r.unitId}`;
const bySlot = (a: Slot, b: Slot) => {
  const x = slotKey(a);
  const y = slotKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

type ValueRow = Parameters<typeof toStored>[0];

/** The slots as four parallel arrays, for `unnest` into a key set of any size in one parameter each. */
const slotArrays = (rows: readonly Slot[]) => ({
  indicators: rows.map((r) => r.indicatorId),
  kinds: rows.map((r) => r.kind as string),
  periods: rows.map((r) => r.period),
  units: rows.map((r) => r.unitId),
});

/** The stored values of these slots, each locked until the transaction ends, in key order. */
async function lockSlots(trx: WriteTx['trx'], rows: readonly Slot[]): Promise<Map<string, StoredValue>> {
  const k = slotArrays(rows);
  const found = await sql<ValueRow>`
    SELECT v.* FROM indicator_values v
    JOIN unnest(${k.indicators}::text[], ${k.kinds}::text[], ${k.periods}::text[], ${k.units}::text[])
      AS k(indicator_id, kind, period, unit_id)
      ON v.indicator_id = k.indicator_id AND v.kind = k.kind AND v.period = k.period AND v.unit_id = k.unit_id
    ORDER BY v.indicator_id, v.kind, v.period, v.unit_id
    FOR UPDATE OF v`.execute(trx);
  return new Map(found.rows.map((r) => [slotKey(toSlot(r)), toStored(r)]));
}

const toSlot = (r: ValueRow): Slot => ({
  indicatorId: r.indicator_id,
  unitId: r.unit_id,
  period: r.period,
  kind: r.kind as ValueKind,
});

const changedMeanwhile = (current: StoredValue | null) =>
  new DomainError('conflict', 'Värdet har ändrats av någon annan sedan du läste det. Läs in det igen.', {
    details: { current },
  });

/**
 * Enters, replaces or removes values in the write under way (a grid; imports take the staged
 * path of `importValueRows`): every row is checked first (unless
 * the caller did so just before, `checked`) and nothing is written unless every row is good.
 *
 * The version rule holds against concurrent writers because the database decides it: the
 * existing rows are locked before they are compared with `basedOn`, and a new value goes in with
 * `ON CONFLICT DO NOTHING`, so of two writers of one new slot the second finds the first's row
 * and is refused (or, without `basedOn`, replaces it). `enteredAt` is the slot's version: a
 * replacement gets a time strictly after the one it replaces, even within one millisecond.
 */
export async function setValuesIn(
  services: Services,
  w: WriteTx,
  rows: readonly ValueInput[],
  options: {
    rowField: (index: number, field: string) => string;
    /** The caller ran `checkValues` on these rows for this actor just before the write began. */
    checked?: boolean;
  },
): Promise<StoredValue[]> {
  if (!options.checked) await checkValues(services, w.trx, w.actor, rows, options.rowField);
  const enteredBy = w.actor.kind === 'user' ? w.actor.principal.userId : null;
  const enteredByName = actorName(w.actor);
  const beforeOf = new Map<string, StoredValue | null>();
  const afterOf = new Map<string, StoredValue>();
  const sorted = [...rows].sort(bySlot);
  // The area's version row first, then the roll-up rows (in key order), then the values: every
  // writer of values takes them in this order.
  await claimDataVersion(w.trx, 'steering');
  // The roll-up rows are locked (in key order) before the values, by every writer alike.
  const slots = slotsOf(slotArrays(sorted));
  await beforeValueChange(w.trx, slots, today(services));
  const BATCH = 2000;
  for (let start = 0; start < sorted.length; start += BATCH) {
    let pending = sorted.slice(start, start + BATCH);
    // A second round only for slots another writer filled between our look and our insert.
    for (let round = 0; pending.length > 0; round++) {
      if (round === 3) throw changedMeanwhile(null);
      const current = await lockSlots(w.trx, pending);
      for (const row of pending) {
        const now = current.get(slotKey(row)) ?? null;
        if (row.basedOn !== undefined && (now?.enteredAt ?? null) !== row.basedOn) throw changedMeanwhile(now);
        beforeOf.set(slotKey(row), now);
      }
      const present = pending.filter((r) => current.has(slotKey(r)));
      const absent = pending.filter((r) => !current.has(slotKey(r)) && r.value !== null);
      const removed = present.filter((r) => r.value === null);
      if (removed.length > 0) {
        const k = slotArrays(removed);
        await sql`
          DELETE FROM indicator_values v
          USING unnest(${k.indicators}::text[], ${k.kinds}::text[], ${k.periods}::text[], ${k.units}::text[])
            AS k(indicator_id, kind, period, unit_id)
          WHERE v.indicator_id = k.indicator_id AND v.kind = k.kind AND v.period = k.period AND v.unit_id = k.unit_id`.execute(
          w.trx,
        );
      }
      const replaced = present.filter((r) => r.value !== null);
      if (replaced.length > 0) {
        const k = slotArrays(replaced);
        const updated = await sql<ValueRow>`
          UPDATE indicator_values v
          SET value = k.value::numeric, comment = k.comment, entered_by = ${enteredBy},
              entered_by_name = ${enteredByName},
              entered_at = greatest(${w.now}::timestamptz, date_trunc('milliseconds', v.entered_at) + interval '1 millisecond')
          FROM unnest(${k.indicators}::text[], ${k.kinds}::text[], ${k.periods}::text[], ${k.units}::text[],
                      ${replaced.map((r) => r.value)}::text[], ${replaced.map((r) => r.comment)}::text[])
            AS k(indicator_id, kind, period, unit_id, value, comment)
          WHERE v.indicator_id = k.indicator_id AND v.kind = k.kind AND v.period = k.period AND v.unit_id = k.unit_id
          RETURNING v.*`.execute(w.trx);
        for (const r of updated.rows) afterOf.set(slotKey(toSlot(r)), toStored(r));
      }
      if (absent.length === 0) break;
      const k = slotArrays(absent);
      const inserted = await sql<ValueRow>`
        INSERT INTO indicator_values
          (indicator_id, kind, period, unit_id, value, comment, entered_by, entered_by_name, entered_at)
        SELECT k.indicator_id, k.kind, k.period, k.unit_id, k.value::numeric, k.comment, ${enteredBy}, ${enteredByName}, ${w.now}::timestamptz
        FROM unnest(${k.indicators}::text[], ${k.kinds}::text[], ${k.periods}::text[], ${k.units}::text[],
                    ${absent.map((r) => r.value)}::text[], ${absent.map((r) => r.comment)}::text[])
          AS k(indicator_id, kind, period, unit_id, value, comment)
        ON CONFLICT (indicator_id, kind, period, unit_id) DO NOTHING
        RETURNING *`.execute(w.trx);
      for (const r of inserted.rows) afterOf.set(slotKey(toSlot(r)), toStored(r));
      pending = absent.filter((r) => !afterOf.has(slotKey(r)));
    }
  }
  await afterValueChange(w.trx, slots);

  const changes = rows.map((row) => ({
    row,
    before: beforeOf.get(slotKey(row)) ?? null,
    after: afterOf.get(slotKey(row)) ?? null,
  }));
  await w.recordAll(
    changes.map(({ row, before, after }) => ({
      kind: row.value === null ? 'value.deleted' : 'value.set',
      entity: 'indicator' as const,
      entityId: row.indicatorId,
      unitId: row.unitId,
      before,
      after,
    })),
  );
  return changes.flatMap((c) => (c.after ? [c.after] : []));
}

/**
 * The rows are checked against the tree, the indicators and the actor's rights just before the
 * write rather than in it: under READ COMMITTED a read of rows the write does not lock gives no
 * stronger guarantee inside the transaction than just before it, and on the embedded database,
 * one connection for everyone, loading the tree of a large region inside would hold every other
 * request for that long. What the write relies on, the database still enforces: the keys of
 * indicator and unit, and the version of each value under a row lock.
 */
export async function setValues(services: Services, actor: Actor, rows: readonly ValueInput[]) {
  const rowField = (i: number, f: string) => `values.${i}.${f}`;
  await checkValues(services, services.db, actor, rows, rowField);
  return write(services, actor, (w) => setValuesIn(services, w, rows, { rowField, checked: true }));
}

/** The values entered for units in a subtree (or everything the actor may read) and a range of months. */
export async function listValues(
  services: Services,
  actor: Actor,
  query: { indicatorIds?: string[]; unitId?: string; from: string; to: string },
): Promise<StoredValue[]> {
  const tree = await currentTree(services);
  if (query.unitId) authorize(actor, 'data.read', { unitId: query.unitId }, tree);
  else authorizeReadSomewhere(actor, tree);
  const may = readable(actor, tree);
  let q = services.db
    .selectFrom('indicator_values')
    .selectAll()
    .where('period', '>=', query.from)
    .where('period', '<=', query.to);
  if (query.indicatorIds) q = q.where('indicator_id', 'in', query.indicatorIds.length > 0 ? query.indicatorIds : ['']);
  const units = query.unitId ? new Set(tree.subtree(query.unitId)) : null;
  const rows = await q.orderBy('period').execute();
  return rows.filter((r) => (units ? units.has(r.unit_id) : true) && may(r.unit_id)).map(toStored);
}

/** Whether the actor may enter values for a unit (shown in the UI; enforced in setValuesIn). */
export const mayEnter = (actor: Actor, unitId: string, tree: OrgIndex) =>
  actor.kind === 'system' || can(actor.principal, 'value.write', { unitId }, tree);
