import type { Executor } from '../core/context';

/**
 * The action plans (handlingsplaner) whose years cover `year` in any of their versions: the
 * plans that ask units for measure reports and deviations that year. Read here, beside the plan
 * tables, so that follow-up asks steering instead of reading its tables.
 */
export async function actionPlansCovering(db: Executor, year: number): Promise<string[]> {
  const rows = await db
    .selectFrom('plans')
    .innerJoin('plan_versions', 'plan_versions.plan_id', 'plans.id')
    .select('plans.id')
    .where('plans.kind', '=', 'handlingsplan')
    .where('plan_versions.start_year', '<=', year)
    .where('plan_versions.end_year', '>=', year)
    .distinct()
    .execute();
  return rows.map((r) => r.id);
}
