import { sql } from 'kysely';
import {
  type CalcLineKind,
  largestYearlyGross,
  type MeasureCategory,
  type MeasureStatus,
} from '../../domain/economy/measures';
import type { Executor } from '../core/context';

/** How many measures (åtgärder) each of the given plans holds, by plan id; a plan with none is absent. */
export async function measureCountsByPlan(db: Executor, planIds: readonly string[]): Promise<Map<string, number>> {
  if (planIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('measures')
    .select(['plan_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('plan_id', 'in', [...planIds])
    .groupBy('plan_id')
    .execute();
  return new Map(rows.map((r) => [r.plan_id, Number(r.n)]));
}

/** The amounts a plan allots each unit in one year (ramar), by unit id; a unit with none is absent. */
export async function allocationsOfYear(db: Executor, planId: string, year: number): Promise<Map<string, bigint>> {
  const rows = await db
    .selectFrom('action_plan_allocations')
    .select(['unit_id', 'amount_kr'])
    .where('plan_id', '=', planId)
    .where('year', '=', year)
    .execute();
  return new Map(rows.map((r) => [r.unit_id, BigInt(r.amount_kr)]));
}

type Line = { year: number; kind: CalcLineKind; amountKr: bigint; realisationPct: number };

async function calcLinesOf(db: Executor, measureIds: readonly string[]): Promise<Map<string, Line[]>> {
  const out = new Map<string, Line[]>();
  if (measureIds.length === 0) return out;
  const rows = await db
    .selectFrom('measure_calc_lines')
    .select(['measure_id', 'year', 'kind', 'amount_kr', 'realisation_pct'])
    .where('measure_id', 'in', [...measureIds])
    .execute();
  for (const l of rows) {
    let lines = out.get(l.measure_id);
    if (!lines) {
      lines = [];
      out.set(l.measure_id, lines);
    }
    lines.push({
      year: l.year,
      kind: l.kind as CalcLineKind,
      amountKr: BigInt(l.amount_kr),
      realisationPct: l.realisation_pct,
    });
  }
  return out;
}

/** Each listed measure's amount as competence weighs it, its sub-measures' lines included. */
function judgedAmounts(
  measures: readonly { id: string; parent_measure_id: string | null }[],
  linesOf: Map<string, Line[]>,
  ids: readonly string[],
): Map<string, bigint> {
  const children = new Map<string, string[]>();
  for (const m of measures)
    if (m.parent_measure_id) children.set(m.parent_measure_id, [...(children.get(m.parent_measure_id) ?? []), m.id]);
  const out = new Map<string, bigint>();
  for (const id of ids) {
    const below: string[] = [];
    for (const stack = [id]; stack.length > 0; ) {
      const cur = stack.pop() as string;
      below.push(cur);
      stack.push(...(children.get(cur) ?? []));
    }
    out.set(id, largestYearlyGross(below.flatMap((m) => linesOf.get(m) ?? [])));
  }
  return out;
}

/** A measure as competence judges it: its category, owning unit and amount; null when there is none. */
export async function measureToJudge(db: Executor, id: string) {
  const m = await db
    .selectFrom('measures')
    .select(['plan_id', 'category', 'owner_unit_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!m) return null;
  // Only the measure and those below it in its plan: reading the whole plan for one measure made
  // judging every measure of a large plan (a board report's) quadratic.
  const below = await sql<{ id: string; parent_measure_id: string | null }>`
    WITH RECURSIVE below AS (
      SELECT id, parent_measure_id FROM measures WHERE id = ${id}
      UNION
      SELECT c.id, c.parent_measure_id FROM measures c JOIN below b ON c.parent_measure_id = b.id
      WHERE c.plan_id = ${m.plan_id}
    )
    SELECT id, parent_measure_id FROM below`.execute(db);
  const amounts = judgedAmounts(
    below.rows,
    await calcLinesOf(
      db,
      below.rows.map((x) => x.id),
    ),
    [id],
  );
  return {
    category: m.category as MeasureCategory,
    ownerUnitId: m.owner_unit_id,
    amountKr: amounts.get(id) ?? 0n,
  };
}

/**
 * The measures of every plan that has a measure owned by one of `unitIds`, each with the amount
 * competence weighs it by: for the board report's list of measures above their owner's mandate.
 */
export async function measuresToJudgeOfPlansIn(db: Executor, unitIds: readonly string[]) {
  if (unitIds.length === 0) return [];
  const measures = await db
    .selectFrom('measures')
    .select(['id', 'plan_id', 'parent_measure_id', 'owner_unit_id', 'title', 'category', 'status'])
    .where('plan_id', 'in', (eb) =>
      eb
        .selectFrom('measures as m')
        .select('m.plan_id')
        .where('m.owner_unit_id', 'in', [...unitIds]),
    )
    .execute();
  if (measures.length === 0) return [];
  const ids = measures.map((m) => m.id);
  const amounts = judgedAmounts(measures, await calcLinesOf(db, ids), ids);
  return measures.map((m) => ({
    id: m.id,
    ownerUnitId: m.owner_unit_id,
    title: m.title,
    category: m.category as MeasureCategory,
    status: m.status as MeasureStatus,
    amountKr: amounts.get(m.id) ?? 0n,
  }));
}

/** Corrective actions (of measures) as competence judges them, by id; the others are absent. */
export async function correctiveActionsToJudge(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, never>();
  const rows = await db
    .selectFrom('corrective_actions as a')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .select(['a.id', 'a.what', 'a.amount_kr', 'a.status', 'm.owner_unit_id', 'm.title as measure_title'])
    .where('a.id', 'in', [...ids])
    .execute();
  return new Map(rows.map((a) => [a.id, actionToJudge(a)]));
}

/** The corrective actions of the measures owned by any of `unitIds`, as competence judges them. */
export async function correctiveActionsToJudgeIn(db: Executor, unitIds: readonly string[]) {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('corrective_actions as a')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .select(['a.id', 'a.what', 'a.amount_kr', 'a.status', 'm.owner_unit_id', 'm.title as measure_title'])
    .where('m.owner_unit_id', 'in', [...unitIds])
    .execute();
  return rows.map(actionToJudge);
}

const actionToJudge = (a: {
  id: string;
  what: string;
  amount_kr: string | number | bigint;
  status: string;
  owner_unit_id: string;
  measure_title: string;
}) => ({
  id: a.id,
  what: a.what,
  amountKr: BigInt(a.amount_kr),
  status: a.status,
  ownerUnitId: a.owner_unit_id,
  measureTitle: a.measure_title,
});

/** The given measures' owning unit and title, by id; an id with no measure is absent. */
export async function measureHeads(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { ownerUnitId: string; title: string }>();
  const rows = await db
    .selectFrom('measures')
    .select(['id', 'owner_unit_id', 'title'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((m) => [m.id, { ownerUnitId: m.owner_unit_id, title: m.title }]));
}

/** What the given corrective actions say (their title), by id; an id with no action is absent. */
export async function correctiveActionTitles(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('corrective_actions')
    .select(['id', 'what'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((a) => [a.id, a.what]));
}
