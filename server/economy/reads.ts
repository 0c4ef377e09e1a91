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
