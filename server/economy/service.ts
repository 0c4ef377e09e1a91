import { randomUUID } from 'node:crypto';
import { actorName } from '../../domain/actors';
import { compareSwedish, sortBySwedishName } from '../../domain/collation';
import type { IsoDate } from '../../domain/dates';
import type { DelegationLevel } from '../../domain/economy/delegation';
import {
  type CalcLine,
  calcYears,
  type Feasibility,
  MEASURE_CATEGORIES,
  type MeasureCategory,
  type MeasureStatus,
  targetEffect,
} from '../../domain/economy/measures';
import { allocationRows, EMPTY_TOTALS, type Totals } from '../../domain/economy/rollup';
import { DomainError, notFound } from '../../domain/errors';
import { parseMonth } from '../../domain/indicators/months';
import { OrgIndex, type UnitLevel } from '../../domain/org';
import { formatPeriod } from '../../domain/periods';
import { mayCite } from '../competence/citations';
import { Judge } from '../competence/judge';
import { abilities } from '../core/abilities';
import type { Actor, Executor, Services } from '../core/context';
import { authorize, bumpVersion, type WriteTx, write } from '../core/write';
import { unitsOn } from '../org/queries';
import { currentTree, today } from '../org/service';
import { authorizeReadSomewhere, badRef, mustExist, readableInherited } from '../steering/common';
import { linkDecision } from '../steering/decisions';
import { createPlan, planRecords } from '../steering/plans';
import {
  delegationLevels,
  loadPlanData,
  type MeasureFigures,
  measureFigures,
  type PlanData,
  pushTo,
  yearOf,
} from './figures';
import { planMonthSums, refreshMeasureFigures, rollUpUnits } from './rollups';

// Whole kronor leave the API as strings of digits: a JSON number loses kronor above 2^53.
const kr = (v: bigint | string) => BigInt(v).toString();

async function context(services: Services, db: Executor = services.db) {
  const units = await unitsOn(db, today(services));
  const tree = new OrgIndex(units);
  const levels = new Map(units.map((u) => [u.id, u.level as UnitLevel]));
  const names = new Map(units.map((u) => [u.id, u.name]));
  const parents = new Map(units.map((u) => [u.id, u.parentId]));
  return { units, tree, levels, names, parents };
}

async function planOrThrow(db: Executor, planId: string) {
  const [plan] = await planRecords(db, [planId]);
  if (plan?.kind !== 'handlingsplan') throw notFound('Handlingsplanen');
  return plan;
}

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

/** Sets the requirement a plan puts on a unit for a year (the region's at the top, split below). */
export async function setAllocation(
  services: Services,
  actor: Actor,
  planId: string,
  input: { unitId: string; year: number; amountKr: bigint },
) {
  return write(services, actor, async (w) => {
    const plan = await planOrThrow(w.trx, planId);
    await mustExist(w.trx, 'org_units', [input.unitId], 'unitId');
    authorize(actor, 'allocation.write', { unitId: input.unitId }, await currentTree(services, w.trx));
    if (input.year < plan.startYear || input.year > plan.endYear)
      throw new DomainError('unprocessable', 'Året ligger utanför planens period.', {
        fields: [{ field: 'year', message: `ska vara ${plan.startYear}–${plan.endYear}` }],
      });
    const before = await w.trx
      .selectFrom('action_plan_allocations')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('unit_id', '=', input.unitId)
      .where('year', '=', input.year)
      .executeTakeFirst();
    await w.trx
      .deleteFrom('action_plan_allocations')
      .where('plan_id', '=', planId)
      .where('unit_id', '=', input.unitId)
      .where('year', '=', input.year)
      .execute();
    await w.trx
      .insertInto('action_plan_allocations')
      .values({ plan_id: planId, unit_id: input.unitId, year: input.year, amount_kr: input.amountKr })
      .execute();
    const after = { unitId: input.unitId, year: input.year, amountKr: kr(input.amountKr) };
    await w.record({
      kind: 'allocation.set',
      entity: 'plan',
      entityId: planId,
      unitId: input.unitId,
      before: before ?? null,
      after,
    });
    return after;
  });
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

/** Refuses a user who may read steering data nowhere the plan could concern. */
function authorizePlanRead(actor: Actor, plan: { ownerUnitId: string | null }, tree: OrgIndex) {
  // An action plan is read across the organisation: whoever may read steering data for any
  // unit sees its totals; measures are shown by their owners' units.
  authorize(actor, 'data.readSomewhere', { unitId: plan.ownerUnitId ?? null }, tree);
}

/** A plan's data and every measure's figures for a month, for a reader of the plan. */
export async function figuresFor(services: Services, actor: Actor, planId: string, periodText: string) {
  const month = formatPeriod(parseMonth(periodText, 'period'));
  const plan = await planOrThrow(services.db, planId);
  const ctx = await context(services);
  authorizePlanRead(actor, plan, ctx.tree);
  const data = (await loadPlanData(services.db, planId, ctx.levels, month)) as PlanData;
  return { month, plan, ctx, data, figures: measureFigures(data, month, ctx.levels) };
}

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
    })),
  };
}

const measureAbilities = (f: MeasureFigures, canOn: ReturnType<typeof abilities>) => {
  const c = canOn(f.ownerUnitId, {
    read: 'data.readInherited',
    edit: 'measure.write',
    report: 'measure.report',
    correct: 'correctiveAction.write',
    history: 'history.read',
  });
  return { ...c, report: c.report && f.leaf };
};

const measureJson = (f: MeasureFigures, names: Map<string, string>, canOn: ReturnType<typeof abilities>) => ({
  id: f.id,
  version: f.version,
  parentId: f.parentId,
  title: f.title,
  ownerUnitId: f.ownerUnitId,
  ownerUnitName: names.get(f.ownerUnitId) ?? '',
  responsibleName: f.responsibleName,
  category: f.category,
  feasibility: f.feasibility,
  status: f.status,
  leaf: f.leaf,
  plannedGross: kr(f.totals.plannedGross),
  planned: kr(f.totals.planned),
  // A measure without sub-measures that has not reported has no figure yet, not a zero.
  forecast: f.leaf && f.lastReport === null ? null : kr(f.totals.forecast),
  outcome: f.leaf && f.lastReport === null ? null : kr(f.totals.outcome),
  deviation: kr(f.deviation),
  stale: f.stale,
  staleCount: f.totals.staleCount,
  deviates: f.deviates,
  lastReport: f.lastReport,
  mandate: f.mandate,
  can: measureAbilities(f, canOn),
});

/** The measure tree of a plan with each measure's figures for a month, parents before children. */
export async function listMeasures(services: Services, actor: Actor, planId: string, periodText: string) {
  const { month, ctx, figures } = await figuresFor(services, actor, planId, periodText);
  // A manager sees the measures of their units and the measures above them that theirs break down.
  const may = readableInherited(actor, ctx.tree);
  const childrenOf = new Map<string | null, MeasureFigures[]>();
  for (const f of figures.values()) pushTo(childrenOf, f.parentId, f);
  const ordered: MeasureFigures[] = [];
  const visit = (parentId: string | null) => {
    for (const f of (childrenOf.get(parentId) ?? []).sort((a, b) => compareSwedish(a.title, b.title))) {
      ordered.push(f);
      visit(f.id);
    }
  };
  visit(null);
  return {
    period: month,
    measures: ordered
      .filter((f) => may(f.ownerUnitId))
      .map((f) => measureJson(f, ctx.names, abilities(actor, ctx.tree))),
  };
}

async function measurePlanId(db: Executor, id: string) {
  const m = await db
    .selectFrom('measures')
    .select(['plan_id', 'owner_unit_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!m) throw notFound('Åtgärden');
  return m;
}

/** One measure: its figures, calculation, every report it ever had, decisions, goals and corrective actions. */
export async function getMeasure(services: Services, actor: Actor, id: string, periodText: string) {
  const { plan_id, owner_unit_id } = await measurePlanId(services.db, id);
  const { ctx, data, figures } = await figuresFor(services, actor, plan_id, periodText);
  // Read as the action plan lists it: a manager's own measures and those above that theirs break down.
  authorize(actor, 'data.readInherited', { unitId: owner_unit_id }, ctx.tree);
  const f = figures.get(id) as MeasureFigures;
  const m = data.measures.find((x) => x.id === id) as PlanData['measures'][number];
  const lines = await services.db
    .selectFrom('measure_calc_lines')
    .selectAll()
    .where('measure_id', '=', id)
    .orderBy('seq')
    .execute();
  const [reports, goals, decisions, actions] = await Promise.all([
    // Every report the measure ever had, not just the one in force.
    services.db.selectFrom('measure_reports').selectAll().where('measure_id', '=', id).orderBy('period').execute(),
    services.db.selectFrom('measure_goals').select('goal_id').where('measure_id', '=', id).execute(),
    services.db
      .selectFrom('decision_links as l')
      .innerJoin('decisions as d', 'd.id', 'l.decision_id')
      .leftJoin('bodies as b', 'b.id', 'd.body_id')
      .select([
        'd.id',
        'd.kind',
        'd.title',
        'd.decided_on',
        'd.paragraph',
        'd.diarienummer',
        'b.name as body_name',
        'd.official_name',
      ])
      .where('l.entity', '=', 'measure')
      .where('l.entity_id', '=', id)
      .execute(),
    services.db
      .selectFrom('corrective_actions')
      .selectAll()
      .where('measure_id', '=', id)
      .orderBy('created_at')
      .execute(),
  ]);
  const calc = lines.map((l) => ({
    year: l.year,
    kind: l.kind as 'saving' | 'cost',
    description: l.description,
    assumption: l.assumption,
    amountKr: kr(l.amount_kr),
    realisationPct: l.realisation_pct,
  }));
  const asLines: CalcLine[] = calc.map((l) => ({ ...l, amountKr: BigInt(l.amountKr) }));
  return {
    ...measureJson(f, ctx.names, abilities(actor, ctx.tree)),
    planId: plan_id,
    planTitle: data.title,
    planStartYear: data.startYear,
    planEndYear: data.endYear,
    description: m.description,
    startOn: m.startOn,
    fullEffectOn: m.fullEffectOn,
    riskAnalysisRef: m.riskAnalysisRef,
    children: data.measures.filter((x) => x.parentId === id).map((x) => x.id),
    calculation: calc,
    targets: calcYears(asLines).map((year) => {
      const e = targetEffect(asLines, year);
      return { year, gross: kr(e.gross), net: kr(e.net) };
    }),
    reports: reports.map((r) => ({
      period: r.period,
      forecast: kr(r.forecast_kr),
      outcome: r.outcome_kr === null ? null : kr(r.outcome_kr),
      comment: r.comment,
      enteredByName: r.entered_by_name,
      enteredAt: new Date(r.entered_at).toISOString(),
    })),
    goalIds: goals.map((g) => g.goal_id),
    decisions: decisions.map((d) => ({
      id: d.id,
      kind: d.kind,
      title: d.title,
      decidedOn: d.decided_on,
      paragraph: d.paragraph,
      diarienummer: d.diarienummer,
      bodyName: d.body_name,
      officialName: d.official_name,
    })),
    correctiveActions: actions.map((a) => ({
      id: a.id,
      version: a.version,
      what: a.what,
      responsibleName: a.responsible_name,
      dueOn: a.due_on,
      amountKr: kr(a.amount_kr),
      status: a.status,
      decisionId: a.decision_id,
      decisionLevel: levelName(data.levels, BigInt(a.amount_kr)),
    })),
    /** Who must decide the measure and why, and each beslut naming it, judged. */
    competence: await new Judge(services.db).record('measure', id, today(services)),
  };
}

const levelName = (levels: DelegationLevel[], amount: bigint) =>
  [...levels].sort((a, b) => a.rank - b.rank).find((l) => l.maxAmountKr === null || amount <= l.maxAmountKr)?.name ??
  null;

export interface MeasureInput {
  planId: string;
  parentMeasureId: string | null;
  ownerUnitId: string;
  responsibleName: string;
  title: string;
  description: string;
  category: MeasureCategory;
  feasibility: Feasibility;
  startOn: IsoDate;
  fullEffectOn: IsoDate;
  status: MeasureStatus;
  riskAnalysisRef: string | null;
  calculation: {
    year: number;
    kind: 'saving' | 'cost';
    description: string;
    assumption: string;
    amountKr: bigint;
    realisationPct: number;
  }[];
  goalIds: string[];
  decisionIds: string[];
}

async function checkMeasure(services: Services, w: WriteTx, input: MeasureInput, self: string) {
  await planOrThrow(w.trx, input.planId);
  await mustExist(w.trx, 'org_units', [input.ownerUnitId], 'ownerUnitId');
  await mustExist(w.trx, 'goals', input.goalIds, 'goalIds');
  await mustExist(w.trx, 'decisions', input.decisionIds, 'decisionIds');
  const tree = await currentTree(services, w.trx);
  authorize(w.actor, 'measure.write', { unitId: input.ownerUnitId }, tree);
  if (input.fullEffectOn < input.startOn)
    throw new DomainError('unprocessable', 'Full effekt kan inte komma före start.', {
      fields: [{ field: 'fullEffectOn', message: 'är före startOn' }],
    });
  if (input.parentMeasureId) {
    const parent = await w.trx
      .selectFrom('measures')
      .selectAll()
      .where('id', '=', input.parentMeasureId)
      .executeTakeFirst();
    if (!parent) throw badRef('parentMeasureId', 'finns inte');
    if (parent.plan_id !== input.planId) throw badRef('parentMeasureId', 'hör till en annan plan');
    if (!tree.isInSubtree(input.ownerUnitId, parent.owner_unit_id))
      throw badRef(
        'ownerUnitId',
        'en delåtgärd ägs av huvudåtgärdens enhet eller en enhet under den',
        'Delåtgärden ligger utanför huvudåtgärdens enhet.',
      );
    // No loops: the parent may not be this measure or lie below it.
    for (let cur: string | null = parent.id; cur; ) {
      if (cur === self) throw badRef('parentMeasureId', 'ger en slinga');
      const up: { parent_measure_id: string | null } | undefined = await w.trx
        .selectFrom('measures')
        .select('parent_measure_id')
        .where('id', '=', cur)
        .executeTakeFirst();
      cur = up?.parent_measure_id ?? null;
    }
  }
}

async function writeParts(services: Services, w: WriteTx, id: string, input: MeasureInput) {
  await w.trx.deleteFrom('measure_calc_lines').where('measure_id', '=', id).execute();
  if (input.calculation.length > 0)
    await w.trx
      .insertInto('measure_calc_lines')
      .values(
        input.calculation.map((l, i) => ({
          measure_id: id,
          seq: i + 1,
          year: l.year,
          kind: l.kind,
          description: l.description,
          assumption: l.assumption,
          amount_kr: l.amountKr,
          realisation_pct: l.realisationPct,
        })),
      )
      .execute();
  await w.trx.deleteFrom('measure_goals').where('measure_id', '=', id).execute();
  const goals = [...new Set(input.goalIds)];
  if (goals.length > 0)
    await w.trx
      .insertInto('measure_goals')
      .values(goals.map((goal_id) => ({ measure_id: id, goal_id })))
      .execute();
  await mayCite(services, w, 'measure', id, input.decisionIds, (i) => `decisionIds.${i}`);
  for (const d of input.decisionIds) await linkDecision(w.trx, d, 'measure', id);
}

const measureRow = (input: MeasureInput) => ({
  plan_id: input.planId,
  parent_measure_id: input.parentMeasureId,
  owner_unit_id: input.ownerUnitId,
  responsible_name: input.responsibleName,
  title: input.title,
  description: input.description,
  category: input.category,
  feasibility: input.feasibility,
  start_on: input.startOn,
  full_effect_on: input.fullEffectOn,
  status: input.status,
  risk_analysis_ref: input.riskAnalysisRef,
});

const snapshot = async (db: Executor, id: string) => ({
  measure: await db.selectFrom('measures').selectAll().where('id', '=', id).executeTakeFirst(),
  calculation: await db
    .selectFrom('measure_calc_lines')
    .selectAll()
    .where('measure_id', '=', id)
    .orderBy('seq')
    .execute(),
});

export async function createMeasure(services: Services, actor: Actor, input: MeasureInput, id = randomUUID()) {
  return write(services, actor, async (w) => {
    await checkMeasure(services, w, input, id);
    await w.trx
      .insertInto('measures')
      .values({ id, ...measureRow(input), created_at: w.now })
      .execute();
    await writeParts(services, w, id, input);
    await refreshMeasureFigures(w.trx, [id, input.parentMeasureId]);
    await w.record({
      kind: 'measure.created',
      entity: 'measure',
      entityId: id,
      unitId: input.ownerUnitId,
      before: null,
      after: await snapshot(w.trx, id),
    });
    return { id };
  });
}

export async function updateMeasure(
  services: Services,
  actor: Actor,
  id: string,
  input: MeasureInput & { version: number },
) {
  return write(services, actor, async (w) => {
    const before = await snapshot(w.trx, id);
    if (!before.measure) throw notFound('Åtgärden');
    authorize(actor, 'measure.write', { unitId: before.measure.owner_unit_id }, await currentTree(services, w.trx));
    await checkMeasure(services, w, input, id);
    await bumpVersion(w.trx, 'measures', id, input.version, async () => (await snapshot(w.trx, id)).measure ?? null);
    await w.trx.updateTable('measures').set(measureRow(input)).where('id', '=', id).execute();
    await writeParts(services, w, id, input);
    // The old parent may have lost its last sub-measure and become a leaf again.
    await refreshMeasureFigures(w.trx, [id, input.parentMeasureId, before.measure.parent_measure_id]);
    await w.record({
      kind: 'measure.updated',
      entity: 'measure',
      entityId: id,
      unitId: input.ownerUnitId,
      before,
      after: await snapshot(w.trx, id),
    });
    return { id };
  });
}

export interface ReportInput {
  measureId: string;
  version: number;
  period: string;
  forecastKr: bigint;
  outcomeKr: bigint | null;
  comment: string;
}

/**
 * A unit's report on a measure for a month: the forecast of the year's net effect and the
 * outcome so far. Only measures without sub-measures take reports; a stale version is refused.
 */
export async function reportMeasureIn(
  services: Services,
  w: WriteTx,
  input: ReportInput,
  field = (f: string) => f,
  /** A bulk import refreshes the kept figures once for all its measures instead. */
  options: { deferFigures?: boolean } = {},
) {
  const month = formatPeriod(parseMonth(input.period, field('period')));
  const m = await w.trx.selectFrom('measures').selectAll().where('id', '=', input.measureId).executeTakeFirst();
  if (!m) throw badRef(field('measureId'), 'finns inte');
  authorize(w.actor, 'measure.report', { unitId: m.owner_unit_id }, await currentTree(services, w.trx));
  const child = await w.trx
    .selectFrom('measures')
    .select('id')
    .where('parent_measure_id', '=', m.id)
    .executeTakeFirst();
  if (child)
    throw new DomainError('unprocessable', 'En åtgärd med delåtgärder räknas fram ur dem och rapporteras inte själv.', {
      fields: [{ field: field('measureId'), message: 'har delåtgärder' }],
    });
  const before = await w.trx
    .selectFrom('measure_reports')
    .selectAll()
    .where('measure_id', '=', m.id)
    .where('period', '=', month)
    .executeTakeFirst();
  await bumpVersion(w.trx, 'measures', m.id, input.version, async () => ({
    ...m,
    report: before ?? null,
  }));
  await w.trx.deleteFrom('measure_reports').where('measure_id', '=', m.id).where('period', '=', month).execute();
  const enteredByName = actorName(w.actor);
  const after = await w.trx
    .insertInto('measure_reports')
    .values({
      measure_id: m.id,
      period: month,
      forecast_kr: input.forecastKr,
      outcome_kr: input.outcomeKr,
      comment: input.comment,
      entered_by_name: enteredByName,
      entered_at: w.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (!options.deferFigures) await refreshMeasureFigures(w.trx, [m.id]);
  await w.record({
    kind: 'measure.reported',
    entity: 'measure',
    entityId: m.id,
    unitId: m.owner_unit_id,
    before: before ?? null,
    after,
  });
  return after;
}

export async function reportMeasure(services: Services, actor: Actor, input: ReportInput) {
  const row = await write(services, actor, (w) => reportMeasureIn(services, w, input));
  return {
    measureId: row.measure_id,
    period: row.period,
    forecast: kr(row.forecast_kr),
    outcome: row.outcome_kr === null ? null : kr(row.outcome_kr),
    comment: row.comment,
    enteredByName: row.entered_by_name,
    enteredAt: new Date(row.entered_at).toISOString(),
  };
}

export async function createCorrectiveAction(
  services: Services,
  actor: Actor,
  measureId: string,
  input: {
    what: string;
    responsibleName: string;
    dueOn: IsoDate;
    amountKr: bigint;
    status: string;
    decisionId: string | null;
  },
  id = randomUUID(),
) {
  return write(services, actor, async (w) => {
    const m = await measurePlanId(w.trx, measureId);
    authorize(actor, 'correctiveAction.write', { unitId: m.owner_unit_id }, await currentTree(services, w.trx));
    if (input.decisionId) await mustExist(w.trx, 'decisions', [input.decisionId], 'decisionId');
    const row = {
      id,
      measure_id: measureId,
      what: input.what,
      responsible_name: input.responsibleName,
      due_on: input.dueOn,
      amount_kr: input.amountKr,
      status: input.status,
      decision_id: input.decisionId,
      created_at: w.now,
    };
    await w.trx.insertInto('corrective_actions').values(row).execute();
    if (input.decisionId) {
      await mayCite(services, w, 'corrective_action', id, [input.decisionId], () => 'decisionId');
      await linkDecision(w.trx, input.decisionId, 'corrective_action', id);
    }
    await w.record({
      kind: 'corrective_action.created',
      entity: 'corrective_action',
      entityId: id,
      unitId: m.owner_unit_id,
      before: null,
      after: { ...row, amount_kr: String(row.amount_kr) },
    });
    return { id, decisionLevel: levelName(await delegationLevels(w.trx), input.amountKr) };
  });
}

/** The delegation order is shared knowledge: whoever reads steering data somewhere reads it. */
export async function listDelegationLevels(services: Services, actor: Actor) {
  authorizeReadSomewhere(actor, await currentTree(services));
  return (await delegationLevels(services.db)).map((l) => ({
    ...l,
    maxAmountKr: l.maxAmountKr === null ? null : kr(l.maxAmountKr),
  }));
}

/** Replaces the delegation order; the system owner (administrator for the whole tree) keeps it. */
export async function setDelegationLevels(
  services: Services,
  actor: Actor,
  levels: { name: string; unitLevel: UnitLevel | null; bodyKind: string | null; maxAmountKr: bigint | null }[],
) {
  return write(services, actor, async (w) => {
    authorize(actor, 'orgUnit.write', { unitId: null }, await currentTree(services, w.trx));
    for (const [i, l] of levels.entries()) {
      if (!l.unitLevel && !l.bodyKind)
        throw new DomainError('unprocessable', 'En nivå är en chefsnivå eller ett organ.', {
          fields: [{ field: `levels.${i}.unitLevel`, message: 'ange unitLevel eller bodyKind' }],
        });
      const previous = levels[i - 1];
      if (previous && previous.maxAmountKr !== null && l.maxAmountKr !== null && l.maxAmountKr < previous.maxAmountKr)
        throw new DomainError('unprocessable', 'Beloppsgränserna ska öka uppåt i ordningen.', {
          fields: [{ field: `levels.${i}.maxAmountKr`, message: 'är lägre än nivån under' }],
        });
      if (previous && previous.maxAmountKr === null)
        throw new DomainError('unprocessable', 'Bara den översta nivån kan sakna beloppsgräns.', {
          fields: [{ field: `levels.${i - 1}.maxAmountKr`, message: 'saknar gräns men har nivåer över sig' }],
        });
    }
    const before = await delegationLevels(w.trx);
    await w.trx.deleteFrom('delegation_levels').execute();
    if (levels.length > 0)
      await w.trx
        .insertInto('delegation_levels')
        .values(
          levels.map((l, i) => ({
            id: randomUUID(),
            rank: i + 1,
            name: l.name,
            unit_level: l.unitLevel,
            body_kind: l.bodyKind,
            max_amount_kr: l.maxAmountKr,
            created_at: w.now,
          })),
        )
        .execute();
    const after = await delegationLevels(w.trx);
    const json = (ls: DelegationLevel[]) =>
      ls.map((l) => ({ ...l, maxAmountKr: l.maxAmountKr === null ? null : String(l.maxAmountKr) }));
    await w.record({
      kind: 'delegation.updated',
      entity: 'delegation',
      entityId: 'order',
      unitId: null,
      before: json(before),
      after: json(after),
    });
    return json(after);
  });
}

/**
 * A unit submits its month: every measure without sub-measures that the unit or a unit below
 * it owns must have its report for the month (each missing one is named), then the submission
 * is recorded with who and when. Submitting again records the new time.
 */
export async function submitPeriod(
  services: Services,
  actor: Actor,
  planId: string,
  input: { unitId: string; period: string },
) {
  const month = formatPeriod(parseMonth(input.period, 'period'));
  return write(services, actor, async (w) => {
    await planOrThrow(w.trx, planId);
    await mustExist(w.trx, 'org_units', [input.unitId], 'unitId');
    const tree = await currentTree(services, w.trx);
    authorize(actor, 'measure.report', { unitId: input.unitId }, tree);
    const inScope = new Set(tree.subtree(input.unitId));
    const measures = await w.trx
      .selectFrom('measures')
      .select(['id', 'title', 'owner_unit_id', 'parent_measure_id', 'status'])
      .where('plan_id', '=', planId)
      .execute();
    const parents = new Set(measures.map((m) => m.parent_measure_id));
    const leaves = measures.filter((m) => !parents.has(m.id) && inScope.has(m.owner_unit_id) && m.status !== 'stopped');
    const reported = new Set(
      leaves.length === 0
        ? []
        : (
            await w.trx
              .selectFrom('measure_reports')
              .select('measure_id')
              .where('period', '=', month)
              .where(
                'measure_id',
                'in',
                leaves.map((l) => l.id),
              )
              .execute()
          ).map((r) => r.measure_id),
    );
    const missing = leaves.filter((l) => !reported.has(l.id));
    if (missing.length > 0)
      throw new DomainError(
        'unprocessable',
        `${missing.length} åtgärder saknar rapport för ${month}. Inget har lämnats in.`,
        {
          fields: missing.map((m) => ({
            field: `measures.${m.id}`,
            message: `${m.title} saknar prognos för ${month}`,
          })),
        },
      );
    const before = await w.trx
      .selectFrom('action_plan_submissions')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('unit_id', '=', input.unitId)
      .where('period', '=', month)
      .executeTakeFirst();
    await w.trx
      .deleteFrom('action_plan_submissions')
      .where('plan_id', '=', planId)
      .where('unit_id', '=', input.unitId)
      .where('period', '=', month)
      .execute();
    const submittedByName = actorName(w.actor);
    await w.trx
      .insertInto('action_plan_submissions')
      .values({
        plan_id: planId,
        unit_id: input.unitId,
        period: month,
        submitted_at: w.now,
        submitted_by_name: submittedByName,
      })
      .execute();
    const after = {
      unitId: input.unitId,
      period: month,
      submittedAt: w.now.toISOString(),
      submittedByName,
      measures: leaves.length,
    };
    await w.record({
      kind: 'action_plan.submitted',
      entity: 'plan',
      entityId: planId,
      unitId: input.unitId,
      before: before ?? null,
      after,
    });
    return after;
  });
}

/** Which units have submitted the month, with who and when. */
export async function listSubmissions(services: Services, actor: Actor, planId: string, periodText: string) {
  const month = formatPeriod(parseMonth(periodText, 'period'));
  const ctx = await context(services);
  authorizeReadSomewhere(actor, ctx.tree);
  await planOrThrow(services.db, planId);
  const may = readableInherited(actor, ctx.tree);
  const rows = await services.db
    .selectFrom('action_plan_submissions')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('period', '=', month)
    .execute();
  return rows
    .filter((r) => may(r.unit_id))
    .map((r) => ({
      unitId: r.unit_id,
      name: ctx.names.get(r.unit_id) ?? '',
      period: r.period,
      submittedAt: new Date(r.submitted_at).toISOString(),
      submittedByName: r.submitted_by_name,
    }));
}
