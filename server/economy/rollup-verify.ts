import { type Kysely, sql } from 'kysely';
import type { Executor } from '../core/context';
import type { DB } from '../db/schema';
import { rebuildAllPlanFigures, SUM_COLUMNS } from './rollups';

export interface RollupDifference {
  /** Which kept row: `measure:<measure>:<month>` or `sum:<plan>:<month>:<dimension>:<key>`. */
  key: string;
  /** The row as kept, or null if it is missing. */
  kept: string | null;
  /** The row as recomputed from the raw rows, or null if it should not exist. */
  recomputed: string | null;
}

const MEASURE_COLUMNS = [
  'plan_id',
  'unit_id',
  'category',
  'feasibility',
  'planned_kr',
  'planned_gross_kr',
  'forecast_kr',
  'outcome_kr',
  'report_period',
  'stale',
];

const row = (alias: string, columns: readonly string[]) =>
  sql.raw(`(${columns.map((c) => `${alias}.${c}`).join(', ')})`);
const json = (alias: string, columns: readonly string[]) =>
  sql.raw(
    `CASE WHEN ${alias}.${columns[0]} IS NULL THEN NULL ELSE json_build_object(${columns
      .map((c) => `'${c}', ${alias}.${c}::text`)
      .join(', ')})::text END`,
  );

interface Compared {
  key: string;
  kept: string | null;
  recomputed: string | null;
  same: boolean;
}

async function differences(db: Executor): Promise<{ checked: number; differences: RollupDifference[] }> {
  // Recomputed from the raw rows by the rule (plan_leaf_months), independent of what the
  // write path did to the kept tables since.
  const measures = sql<Compared>`
    WITH e AS (SELECT * FROM plan_leaf_months(NULL, NULL, NULL))
    SELECT 'measure:' || coalesce(k.measure_id, e.measure_id) || ':' || coalesce(k.month, e.month) AS key,
           ${json('k', MEASURE_COLUMNS)} AS kept, ${json('e', MEASURE_COLUMNS)} AS recomputed,
           ${row('k', MEASURE_COLUMNS)} IS NOT DISTINCT FROM ${row('e', MEASURE_COLUMNS)} AS same
    FROM plan_measure_months k FULL JOIN e ON e.measure_id = k.measure_id AND e.month = k.month`;
  const sums = sql<Compared>`
    WITH leaf AS (SELECT * FROM plan_leaf_months(NULL, NULL, NULL)),
    e AS (
      SELECT plan_id, month,
             CASE WHEN GROUPING(unit_id) = 0 THEN 'unit' WHEN GROUPING(category) = 0 THEN 'category' ELSE 'feasibility' END AS dimension,
             coalesce(unit_id, category, feasibility::text) AS key,
             sum(planned_kr) AS planned_kr, sum(planned_gross_kr) AS planned_gross_kr,
             coalesce(sum(planned_kr) FILTER (WHERE feasibility <= 2), 0) AS planned_grade12_kr,
             coalesce(sum(forecast_kr), 0) AS forecast_kr,
             coalesce(sum(forecast_kr) FILTER (WHERE feasibility <= 2), 0) AS forecast_grade12_kr,
             coalesce(sum(outcome_kr), 0) AS outcome_kr,
             count(*)::integer AS measures, (count(*) FILTER (WHERE stale))::integer AS stale_count
      FROM leaf
      GROUP BY GROUPING SETS ((plan_id, month, unit_id), (plan_id, month, category), (plan_id, month, feasibility))
    )
    SELECT 'sum:' || concat_ws(':', coalesce(k.plan_id, e.plan_id), coalesce(k.month, e.month),
             coalesce(k.dimension, e.dimension), coalesce(k.key, e.key)) AS key,
           ${json('k', SUM_COLUMNS)} AS kept, ${json('e', SUM_COLUMNS)} AS recomputed,
           ${row('k', SUM_COLUMNS)} IS NOT DISTINCT FROM ${row('e', SUM_COLUMNS)} AS same
    FROM plan_month_sums k FULL JOIN e
      ON e.plan_id = k.plan_id AND e.month = k.month AND e.dimension = k.dimension AND e.key = k.key`;
  // Only the count and the differing rows leave the database.
  const result = await sql<{ key: string | null; kept: string | null; recomputed: string | null; total: number }>`
    WITH d AS ((${measures}) UNION ALL (${sums}))
    SELECT NULL AS key, NULL AS kept, NULL AS recomputed, count(*)::integer AS total FROM d
    UNION ALL
    SELECT key, kept, recomputed, 0 FROM d WHERE NOT same`.execute(db);
  const [head, ...rest] = result.rows;
  return {
    checked: Number(head?.total ?? 0),
    differences: rest.map((r) => ({ key: r.key as string, kept: r.kept, recomputed: r.recomputed })),
  };
}

/**
 * Recomputes every kept action-plan figure (decision 008) from the raw rows and lists where
 * the kept rows differ. With repair, rebuilds them all in one transaction and reports the
 * differences that were found before the rebuild.
 */
export async function verifyPlanRollups(
  db: Kysely<DB>,
  options: { repair: boolean },
): Promise<{ checked: number; differences: RollupDifference[] }> {
  if (!options.repair) return differences(db);
  return db.transaction().execute(async (trx) => {
    const found = await differences(trx);
    if (found.differences.length > 0) await rebuildAllPlanFigures(trx);
    return found;
  });
}
