import { type RawBuilder, sql } from 'kysely';
import { addTotals, EMPTY_TOTALS, type Totals } from '../../domain/economy/rollup';
import type { Executor } from '../core/context';

/*
 * Action-plan figures kept by the write path (decision 008). plan_measure_months holds every
 * leaf measure's figures per month of its plan's years; plan_month_sums their sums per plan and
 * month by owning unit, category and feasibility grade. The rule itself is the SQL function
 * plan_leaf_months (migration 010); this file keeps the two tables in step with it.
 */

/** Sums of leaf-month rows per plan and month along each dimension, negated when taking out. */
const sumsOf = (rows: RawBuilder<unknown>, sign: 1 | -1) => {
  const s = sql.raw(sign === 1 ? '' : '-');
  return sql`
    SELECT plan_id, month,
           CASE WHEN GROUPING(unit_id) = 0 THEN 'unit' WHEN GROUPING(category) = 0 THEN 'category' ELSE 'feasibility' END AS dimension,
           coalesce(unit_id, category, feasibility::text) AS key,
           ${s}sum(planned_kr) AS planned_kr,
           ${s}sum(planned_gross_kr) AS planned_gross_kr,
           ${s}coalesce(sum(planned_kr) FILTER (WHERE feasibility <= 2), 0) AS planned_grade12_kr,
           ${s}coalesce(sum(forecast_kr), 0) AS forecast_kr,
           ${s}coalesce(sum(forecast_kr) FILTER (WHERE feasibility <= 2), 0) AS forecast_grade12_kr,
           ${s}coalesce(sum(outcome_kr), 0) AS outcome_kr,
           ${s}count(*)::integer AS measures,
           ${s}(count(*) FILTER (WHERE stale))::integer AS stale_count
    FROM ${rows} AS leaf
    GROUP BY GROUPING SETS ((plan_id, month, unit_id), (plan_id, month, category), (plan_id, month, feasibility))
    -- One order for every writer, so two writes to the same sums wait for each other, not deadlock.
    ORDER BY 1, 2, 3, 4`;
};

/** The kept sums' columns (decision 008): written here, recomputed by rollup-verify.ts. */
export const SUM_COLUMNS = [
  'planned_kr',
  'planned_gross_kr',
  'planned_grade12_kr',
  'forecast_kr',
  'forecast_grade12_kr',
  'outcome_kr',
  'measures',
  'stale_count',
] as const;

const addToSums = (rows: RawBuilder<unknown>, sign: 1 | -1) => sql`
  INSERT INTO plan_month_sums (plan_id, month, dimension, key, ${sql.raw(SUM_COLUMNS.join(', '))})
  ${sumsOf(rows, sign)}
  ON CONFLICT (plan_id, month, dimension, key) DO UPDATE SET
  ${sql.raw(SUM_COLUMNS.map((c) => `${c} = plan_month_sums.${c} + excluded.${c}`).join(', '))}`;

/**
 * Replaces the kept figures of these measures (and with them the plans' sums) from the raw
 * rows, in the caller's transaction: three statements whatever the number of measures. A
 * caller that moves a measure under another passes the old parent too, which may become a leaf.
 */
export async function refreshMeasureFigures(db: Executor, measureIds: readonly (string | null | undefined)[]) {
  const ids = [...new Set(measureIds.filter((id): id is string => !!id))];
  if (ids.length === 0) return;
  // A new sub-measure turns its parent from a leaf into a sum of leaves.
  const parents = await sql<{ id: string }>`
    SELECT DISTINCT parent_measure_id AS id FROM measures
    WHERE id = ANY (${ids}::text[]) AND parent_measure_id IS NOT NULL`.execute(db);
  const all = [...new Set([...ids, ...parents.rows.map((r) => r.id)])];
  const list = sql`${all}::text[]`;
  await sql`
    WITH old AS (DELETE FROM plan_measure_months WHERE measure_id = ANY (${list}) RETURNING *)
    ${addToSums(sql`old`, -1)}`.execute(db);
  await sql`
    WITH new AS (
      INSERT INTO plan_measure_months SELECT * FROM plan_leaf_months(NULL, ${list}, NULL) RETURNING *
    )
    ${addToSums(sql`new`, 1)}`.execute(db);
  await sql`DELETE FROM plan_month_sums WHERE measures = 0`.execute(db);
}

/** Replaces every kept figure of these plans: after a change of a plan's years, or bulk inserts. */
export async function refreshPlanFigures(db: Executor, planIds: readonly string[]) {
  if (planIds.length === 0) return;
  const plans = sql`${[...planIds]}::text[]`;
  await sql`DELETE FROM plan_month_sums WHERE plan_id = ANY (${plans})`.execute(db);
  await sql`DELETE FROM plan_measure_months WHERE plan_id = ANY (${plans})`.execute(db);
  for (const planId of planIds)
    await sql`INSERT INTO plan_measure_months SELECT * FROM plan_leaf_months(${planId}, NULL, NULL)`.execute(db);
  await sql`
    INSERT INTO plan_month_sums (plan_id, month, dimension, key, ${sql.raw(SUM_COLUMNS.join(', '))})
    ${sumsOf(sql`(SELECT * FROM plan_measure_months WHERE plan_id = ANY (${plans}))`, 1)}`.execute(db);
}

/** Throws away every kept figure and computes them all again: after bulk inserts that bypass the write path. */
export async function rebuildAllPlanFigures(db: Executor) {
  await sql`DELETE FROM plan_month_sums`.execute(db);
  await sql`DELETE FROM plan_measure_months`.execute(db);
  await sql`INSERT INTO plan_measure_months SELECT * FROM plan_leaf_months(NULL, NULL, NULL)`.execute(db);
  await sql`
    INSERT INTO plan_month_sums (plan_id, month, dimension, key, ${sql.raw(SUM_COLUMNS.join(', '))})
    ${sumsOf(sql`plan_measure_months`, 1)}`.execute(db);
}

export interface PlanMonthSums {
  /** Totals of the measures each unit owns itself (not yet rolled up the tree). */
  ownByUnit: Map<string, Totals>;
  byCategory: Map<string, Totals>;
  byFeasibility: Map<number, Totals>;
}

interface SumRow {
  dimension: 'unit' | 'category' | 'feasibility';
  key: string;
  planned_kr: string;
  planned_gross_kr: string;
  planned_grade12_kr: string;
  forecast_kr: string;
  forecast_grade12_kr: string;
  outcome_kr: string;
  measures: number;
  stale_count: number;
}

const textColumns = sql.raw(
  `dimension, key, ${SUM_COLUMNS.map((c) => (c === 'measures' || c === 'stale_count' ? c : `${c}::text AS ${c}`)).join(', ')}`,
);

/**
 * A plan's sums for a month. A month within the plan's years is read from the kept rows; one
 * outside them (before the plan starts, after it ends) is summed from the raw rows by the same
 * rule, since no write keeps an open-ended run of months.
 */
export async function planMonthSums(
  db: Executor,
  plan: { id: string; startYear: number; endYear: number },
  month: string,
): Promise<PlanMonthSums> {
  const year = Number(month.slice(0, 4));
  const rows =
    year >= plan.startYear && year <= plan.endYear
      ? await sql<SumRow>`
          SELECT ${textColumns} FROM plan_month_sums WHERE plan_id = ${plan.id} AND month = ${month}`.execute(db)
      : await sql<SumRow>`
          SELECT ${textColumns} FROM (${sumsOf(sql`plan_leaf_months(${plan.id}, NULL, ${month})`, 1)}) s`.execute(db);
  const out: PlanMonthSums = { ownByUnit: new Map(), byCategory: new Map(), byFeasibility: new Map() };
  for (const r of rows.rows) {
    const t: Totals = {
      planned: BigInt(r.planned_kr),
      plannedGross: BigInt(r.planned_gross_kr),
      plannedGrade12: BigInt(r.planned_grade12_kr),
      forecast: BigInt(r.forecast_kr),
      forecastGrade12: BigInt(r.forecast_grade12_kr),
      outcome: BigInt(r.outcome_kr),
      measures: Number(r.measures),
      staleCount: Number(r.stale_count),
    };
    if (r.dimension === 'unit') out.ownByUnit.set(r.key, t);
    else if (r.dimension === 'category') out.byCategory.set(r.key, t);
    else out.byFeasibility.set(Number(r.key), t);
  }
  return out;
}

/**
 * Totals per unit over its whole subtree of today's tree, from what each unit owns itself: the
 * same sum as domain totalsByUnit, over kept sums instead of measures. `order` is depth first.
 */
export function rollUpUnits(
  order: readonly string[],
  children: (id: string) => readonly string[],
  own: Map<string, Totals>,
): Map<string, Totals> {
  const out = new Map<string, Totals>();
  for (const unit of [...order].reverse()) {
    let t = own.get(unit) ?? EMPTY_TOTALS;
    for (const c of children(unit)) t = addTotals(t, out.get(c) ?? EMPTY_TOTALS);
    out.set(unit, t);
  }
  return out;
}
