import { sql } from 'kysely';
import type { IsoDate } from '../../domain/dates';
import type { Executor } from '../core/context';
import { rebuildAllRollups, rebuildRollups, recomputedRollups, treeOn } from './rollups';

/** What one kept row holds, as compared: exact decimal text, normalised. */
export interface RollupParts {
  total: string;
  n: number;
  ownValue: string | null;
  weighted: string;
  weight: string;
  weightedN: number;
  latestValue: string | null;
  latestAt: string | null;
}

export interface RollupDifference {
  /** indicator|unit|kind|period, or tree|unit for the kept tree. */
  key: string;
  kept: RollupParts | { parentId: string | null } | null;
  recomputed: RollupParts | { parentId: string | null } | null;
}

export interface VerifyResult {
  /** Kept and recomputed rows compared (their union). */
  checked: number;
  /** How many differed; `differences` lists the first `LISTED` of them. */
  differing: number;
  differences: RollupDifference[];
}

/** How many differences are listed at most; the count of checked rows is always complete. */
export const LISTED = 1000;

// Numbers compared as normalised decimals (1.50 = 1.5), never as floats.
const parts = (p: string) =>
  sql.raw(`
  CASE WHEN ${p}.indicator_id IS NULL THEN NULL ELSE jsonb_build_object(
    'total', trim_scale(${p}.total)::text, 'n', ${p}.n, 'ownValue', trim_scale(${p}.own_value)::text,
    'weighted', trim_scale(${p}.weighted)::text, 'weight', trim_scale(${p}.weight)::text,
    'weightedN', ${p}.weighted_n, 'latestValue', trim_scale(${p}.latest_value)::text,
    'latestAt', to_char(${p}.latest_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) END`);

/**
 * Recomputes every kept indicator roll-up row from the raw values and lists where the kept rows
 * differ (a row kept that should not be, one missing, or different parts). With `tree` (the day
 * whose tree the roll-ups should follow, normally today) the kept tree is compared too. With
 * `repair`, everything is rebuilt in one transaction when anything differed; the differences
 * returned are those found before the repair.
 */
export async function verifyIndicatorRollups(
  db: Executor,
  options: { repair: boolean; day?: IsoDate },
): Promise<VerifyResult> {
  const treeDifferences: RollupDifference[] = [];
  if (options.day) {
    const tree = await sql<{
      unit_id: string;
      kept: string | null;
      current: string | null;
      in_kept: boolean;
      in_current: boolean;
    }>`
      WITH today AS (${treeOn(options.day)})
      SELECT coalesce(t.unit_id, k.unit_id) AS unit_id, k.parent_id AS kept, t.parent_id AS current,
        k.unit_id IS NOT NULL AS in_kept, t.unit_id IS NOT NULL AS in_current
      FROM today t FULL JOIN indicator_rollup_tree k ON k.unit_id = t.unit_id
      WHERE t.unit_id IS NULL OR k.unit_id IS NULL OR t.parent_id IS DISTINCT FROM k.parent_id
      ORDER BY 1`.execute(db);
    for (const r of tree.rows)
      treeDifferences.push({
        key: `tree|${r.unit_id}`,
        kept: r.in_kept ? { parentId: r.kept } : null,
        recomputed: r.in_current ? { parentId: r.current } : null,
      });
  }
  // Against the kept tree: a tree that differs is reported above, and a repair rebuilds both.
  const result = await sql<{ checked: number; differing: number; listed: RollupDifference[] }>`
    WITH fresh AS (${recomputedRollups()}), pairs AS MATERIALIZED (
      SELECT coalesce(k.indicator_id, f.indicator_id) || '|' || coalesce(k.unit_id, f.unit_id) || '|'
          || coalesce(k.kind, f.kind) || '|' || coalesce(k.period, f.period) AS key,
        ${parts('k')} AS kept, ${parts('f')} AS recomputed
      FROM indicator_rollups k
      FULL JOIN fresh f ON f.indicator_id = k.indicator_id AND f.unit_id = k.unit_id AND f.kind = k.kind
        AND f.period = k.period
    )
    SELECT (SELECT count(*) FROM pairs)::int AS checked,
      (SELECT count(*) FROM pairs WHERE kept IS DISTINCT FROM recomputed)::int AS differing,
      (SELECT coalesce(jsonb_agg(d ORDER BY d.key), '[]'::jsonb) FROM (
        SELECT key, kept, recomputed FROM pairs WHERE kept IS DISTINCT FROM recomputed ORDER BY key LIMIT ${LISTED}
      ) d) AS listed`.execute(db);
  const row = result.rows[0] as { checked: number; differing: number; listed: RollupDifference[] | string };
  const listed = typeof row.listed === 'string' ? (JSON.parse(row.listed) as RollupDifference[]) : row.listed;
  const differences = [...treeDifferences, ...listed];
  if (options.repair && differences.length > 0) {
    const repair = async (trx: Executor) => {
      if (options.day) await rebuildAllRollups(trx, options.day);
      else await rebuildRollups(trx);
    };
    if (db.isTransaction) await repair(db);
    else await db.transaction().execute((trx) => repair(trx));
  }
  return { checked: row.checked, differing: treeDifferences.length + row.differing, differences };
}
