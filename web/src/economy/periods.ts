import { previousMonth } from '../steering/periods';

/**
 * The month a plan opens on when none is asked for: the last whole month, but within the
 * plan's years, so a plan that has ended opens on its last month rather than on months it
 * has no figures for.
 */
export function defaultPlanPeriod(todayIso: string, plan?: { startYear: number; endYear: number } | null): string {
  const last = previousMonth(todayIso);
  if (!plan) return last;
  const first = `${plan.startYear}-01`;
  const end = `${plan.endYear}-12`;
  return last > end ? end : last < first ? first : last;
}
