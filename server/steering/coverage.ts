import { type PlanKind, type PlanStatus, type PlanVersionYears, planCoversYear } from '../../domain/steering';
import type { Executor } from '../core/context';

/**
 * The plans that cover a year by their version in force (domain/steering `planCoversYear`):
 * the one query the scorecard, the follow-up's missing reports and its deviations ask, so they
 * never disagree on which plans count.
 */
export async function plansCoveringYear(
  db: Executor,
  year: number,
  filter: { kind?: PlanKind; planIds?: readonly string[] } = {},
): Promise<string[]> {
  if (filter.planIds && filter.planIds.length === 0) return [];
  let q = db
    .selectFrom('plan_versions')
    .innerJoin('plans', 'plans.id', 'plan_versions.plan_id')
    .select([
      'plan_versions.plan_id',
      'plan_versions.seq',
      'plan_versions.status',
      'plan_versions.start_year',
      'plan_versions.end_year',
    ]);
  if (filter.kind) q = q.where('plans.kind', '=', filter.kind);
  if (filter.planIds) q = q.where('plans.id', 'in', [...filter.planIds]);
  const byPlan = new Map<string, PlanVersionYears[]>();
  for (const v of await q.execute()) {
    const list = byPlan.get(v.plan_id) ?? [];
    // The column holds PLAN_STATUSES only (the write path sets nothing else).
    list.push({ seq: v.seq, status: v.status as PlanStatus, startYear: v.start_year, endYear: v.end_year });
    byPlan.set(v.plan_id, list);
  }
  return [...byPlan]
    .filter(([, versions]) => planCoversYear(versions, year))
    .map(([id]) => id)
    .sort();
}
