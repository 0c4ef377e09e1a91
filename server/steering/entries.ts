import type { Executor } from '../core/context';

/**
 * The units that have entered steering data for a month: an indicator value or a goal
 * analysis. Follow-up asks this to tell a report in progress from one not started.
 */
export async function unitsWithSteeringEntries(
  db: Executor,
  period: string,
  unitIds?: readonly string[],
): Promise<Set<string>> {
  if (unitIds !== undefined && unitIds.length === 0) return new Set();
  const values = db.selectFrom('indicator_values').select('unit_id').where('period', '=', period);
  const analyses = db.selectFrom('goal_analyses').select('unit_id').where('period', '=', period);
  const rows = await (unitIds === undefined
    ? values.union(analyses)
    : values.where('unit_id', 'in', unitIds).union(analyses.where('unit_id', 'in', unitIds))
  ).execute();
  return new Set(rows.map((r) => r.unit_id));
}
