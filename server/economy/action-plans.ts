import { sortBySwedishName } from '../../domain/collation';
import { MEASURE_CATEGORIES } from '../../domain/economy/measures';
import { allocationRows, EMPTY_TOTALS, type Totals } from '../../domain/economy/rollup';
import { parseMonth } from '../../domain/indicators/months';
import { formatPeriod } from '../../domain/periods';
import { abilities } from '../core/abilities';
import type { Actor, Services } from '../core/context';
import { authorizeReadSomewhere, readableInherited } from '../core/read-scope';
import { write } from '../core/write';
import { createPlan, planRecords } from '../steering/plans';
import { authorizePlanRead, context, kr, planOrThrow } from './context';
import { yearOf } from './figures';
import { planMonthSums, rollUpUnits } from './rollups';

/** The action plans (handlingsplaner) the actor may read, with their requirement per year. */
export async function listActionPlans(services: Services, actor: Actor) {
  const { tree } = await context(services);
  authorizeReadSomewhere(actor, tree);
  const may = readableInherited(actor, tree);
  const plans = (await planRecords(services.db)).filter((p) => p.kind === 'handlingsplan' && may(p.scopeUnitId));
  const allocations = plans.length
    ? await services.db
        .selectFrom('action_plan_allocations')
        .selectAll()
        .where(
          'plan_id',
          'in',
          plans.map((p) => p.id),
        )
        .execute()
    : [];
  const roots = new Set(tree.roots());
  const can = abilities(actor, tree);
  return plans.map((p) => ({
    id: p.id,
    version: p.version,
    title: p.title,
    description: p.description,
    status: p.status,
    startYear: p.startYear,
    endYear: p.endYear,
    ownerBodyName: p.ownerBodyName,
    ownerUnitId: p.ownerUnitId,
    decision: p.inForce?.decision ?? null,
    steersWithoutDecision: p.steersWithoutDecision,
    requirement: allocations
      .filter((a) => a.plan_id === p.id && roots.has(a.unit_id))
      .map((a) => ({ year: a.year, amountKr: kr(a.amount_kr) }))
      .sort((a, b) => a.year - b.year),
    can: can(p.ownerUnitId, { edit: 'plan.write' }),
  }));
}

export async function createActionPlan(
  services: Services,
  actor: Actor,
  input: {
    title: string;
    description: string;
    startYear: number;
    endYear: number;
    ownerBodyId: string | null;
    ownerUnitId: string | null;
    deviationMarginPct: number;
  },
) {
  const plan = await createPlan(services, actor, { ...input, kind: 'handlingsplan', parentPlanId: null });
  await write(services, actor, async (w) => {
    await w.trx
      .insertInto('action_plan_settings')
      .values({ plan_id: plan.id, deviation_margin_pct: input.deviationMarginPct })
      .execute();
    await w.record({
      kind: 'action_plan.created',
      entity: 'plan',
      entityId: plan.id,
      unitId: plan.ownerUnitId,
      before: null,
      after: input,
    });
  });
  return plan;
}

const totalsJson = (t: Totals, target: bigint | null) => ({
  target: target === null ? null : kr(target),
  planned: kr(t.planned),
  plannedGross: kr(t.plannedGross),
  plannedGrade12: kr(t.plannedGrade12),
  forecast: kr(t.forecast),
  forecastGrade12: kr(t.forecastGrade12),
  outcome: kr(t.outcome),
  deviation: target === null ? null : kr(t.forecast - target),
  measures: t.measures,
  staleCount: t.staleCount,
});

/**
 * The plan's totals for a month: the allocated requirement, the planned (net) effect, the
 * forecast and outcome, with the grade 1–2 totals beside them and deviation = forecast −
 * target; per category, per feasibility grade, and per förvaltning (the units under the top).
 * Read from the sums the write path keeps (decision 008), rolled up today's tree.
 */
export async function actionPlanSummary(services: Services, actor: Actor, planId: string, periodText: string) {
  const month = formatPeriod(parseMonth(periodText, 'period'));
  const plan = await planOrThrow(services.db, planId);
  const ctx = await context(services);
  authorizePlanRead(actor, plan, ctx.tree);
  const year = yearOf(plan, month);
  const [sums, allocationRowsOfYear] = await Promise.all([
    planMonthSums(services.db, plan, month),
    services.db
      .selectFrom('action_plan_allocations')
      .select(['unit_id', 'amount_kr'])
      .where('plan_id', '=', planId)
      .where('year', '=', year)
      .execute(),
  ]);
  const requirements = new Map(allocationRowsOfYear.map((a) => [a.unit_id, BigInt(a.amount_kr)]));
  const root = ctx.tree.roots()[0] as string;
  const order = ctx.tree.subtree(root);
  const byUnit = rollUpUnits(order, (id) => ctx.tree.children(id), sums.ownByUnit);
  const allocation = (unitId: string) => requirements.get(unitId) ?? 0n;
  const whole = byUnit.get(root) ?? EMPTY_TOTALS;
  const can = abilities(actor, ctx.tree);
  return {
    plan: plan.id,
    title: plan.title,
    period: month,
    year,
    ...totalsJson(whole, allocation(root)),
    byCategory: MEASURE_CATEGORIES.map((category) => ({
      category,
      ...totalsJson(sums.byCategory.get(category) ?? EMPTY_TOTALS, null),
    })),
    byFeasibility: ([1, 2, 3] as const).map((feasibility) => ({
      feasibility,
      ...totalsJson(sums.byFeasibility.get(feasibility) ?? EMPTY_TOTALS, null),
    })),
    byUnit: sortBySwedishName(
      ctx.tree.children(root).map((id) => ({
        unitId: id,
        name: ctx.names.get(id) ?? '',
        ...totalsJson(byUnit.get(id) ?? EMPTY_TOTALS, allocation(id)),
      })),
      (r) => r.name,
    ),
    /** Every unit with a requirement or a measure: the requirement beside what is planned below it. */
    allocations: allocationRows(
      order,
      (id) => ctx.tree.children(id),
      (id) => requirements.get(id) ?? null,
      (id) => byUnit.get(id) ?? EMPTY_TOTALS,
    ).map((r) => ({
      unitId: r.unitId,
      name: ctx.names.get(r.unitId) ?? '',
      parentId: ctx.parents.get(r.unitId) ?? null,
      requirement: r.requirement === null ? null : kr(r.requirement),
      allocatedBelow: kr(r.allocatedBelow),
      planned: kr(r.planned),
      planningGap: r.planningGap === null ? null : kr(r.planningGap),
      // Set the unit's requirement; hand in the unit's month (every measure below it reported).
      can: can(r.unitId, { allocate: 'allocation.write', submit: 'measure.report' }),
    })),
  };
}
