/**
 * The month a plan opens on when none is asked for: the current follow-up month every page opens
 * on (app/context.ts), but within the plan's years, so a plan that has ended opens on its last
 * month rather than on months it has no figures for.
 */
export function defaultPlanPeriod(current: string, plan?: { startYear: number; endYear: number } | null): string {
  if (!plan) return current;
  const first = `${plan.startYear}-01`;
  const end = `${plan.endYear}-12`;
  return current > end ? end : current < first ? first : current;
}
