import { randomUUID } from 'node:crypto';
import { compareSwedish } from '../../domain/collation';
import type { IsoDate } from '../../domain/dates';
import {
  type CalcLine,
  calcYears,
  type Feasibility,
  type MeasureCategory,
  type MeasureStatus,
  targetEffect,
} from '../../domain/economy/measures';
import { DomainError, notFound } from '../../domain/errors';
import { analysesOfMeasures, assertMayStart, type MeasureAnalysis } from '../analysis/gate';
import { mayCite } from '../competence/citations';
import { Judge } from '../competence/judge';
import { abilities } from '../core/abilities';
import type { Actor, Executor, Services } from '../core/context';
import { readableInherited } from '../core/read-scope';
import { badRef, mustExist } from '../core/refs';
import { authorize, bumpVersion, type WriteTx, write } from '../core/write';
import { currentTree, today } from '../org/service';
import { decisionRecords, linkDecision } from '../steering/decisions';
import { figuresFor, kr, levelName, measurePlanId, planOrThrow } from './context';
import { correctiveActionAbilities } from './corrective-actions';
import { type MeasureFigures, type PlanData, pushTo } from './figures';
import { refreshMeasureFigures } from './rollups';

export const measureAbilities = (f: MeasureFigures, canOn: ReturnType<typeof abilities>) => {
  const c = canOn(f.ownerUnitId, {
    read: 'data.readInherited',
    edit: 'measure.write',
    report: 'measure.report',
    correct: 'correctiveAction.write',
    analyse: 'impactAnalysis.write',
    history: 'history.read',
  });
  return { ...c, report: c.report && f.leaf };
};

const measureJson = (
  f: MeasureFigures,
  names: ReadonlyMap<string, string>,
  canOn: ReturnType<typeof abilities>,
  gate: MeasureAnalysis,
) => ({
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
  changesService: gate.changesService,
  impactAnalysis: gate.analysis,
  needsImpactAnalysis: gate.needed,
  lacksImpactAnalysis: gate.lacking,
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
  const shown = ordered.filter((f) => may(f.ownerUnitId));
  const gates = await analysesOfMeasures(
    services.db,
    shown.map((f) => f.id),
  );
  return {
    period: month,
    measures: shown.map((f) =>
      measureJson(f, ctx.names, abilities(actor, ctx.tree), gates.get(f.id) as MeasureAnalysis),
    ),
  };
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
    decisionRecords(services.db, { entity: 'measure', entityId: id }),
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
  const gate = (await analysesOfMeasures(services.db, [id])).get(id) as MeasureAnalysis;
  return {
    ...measureJson(f, ctx.names, abilities(actor, ctx.tree), gate),
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
      decidedOn: d.decidedOn,
      paragraph: d.paragraph,
      diarienummer: d.diarienummer,
      bodyName: d.bodyName,
      officialName: d.officialName,
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
      can: correctiveActionAbilities(actor, ctx.tree, owner_unit_id, a.status),
    })),
    /** Who must decide the measure and why, and each beslut naming it, judged. */
    competence: await new Judge(services.db).record('measure', id, today(services)),
  };
}

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
  /** Changes a service's scope or quality; kept as it is when left out of an edit. */
  changesService?: boolean;
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
      fields: [{ field: 'fullEffectOn', message: 'är före startdatumet' }],
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

const measureRow = (input: MeasureInput, changesService: boolean) => ({
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
  changes_service: changesService,
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
    const changesService = input.changesService ?? false;
    await w.trx
      .insertInto('measures')
      .values({ id, ...measureRow(input, changesService), created_at: w.now })
      .execute();
    await writeParts(services, w, id, input);
    // A new measure has no analysis yet: it may be created planned, not started (issue 14).
    await assertMayStart(w.trx, {
      id,
      title: input.title,
      category: input.category,
      changesService,
      status: input.status,
    });
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
    const changesService = input.changesService ?? before.measure.changes_service;
    await w.trx.updateTable('measures').set(measureRow(input, changesService)).where('id', '=', id).execute();
    await writeParts(services, w, id, input);
    await assertMayStart(w.trx, {
      id,
      title: input.title,
      category: input.category,
      changesService,
      status: input.status,
    });
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

/** What the analysis rule needs of a measure: for the analysis capability, which may not read measures itself. */
export async function measureSubjects(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('measures')
    .select(['id', 'title', 'owner_unit_id', 'category', 'changes_service', 'status'])
    .where('id', 'in', ids)
    .execute();
  return rows.map(subjectOf);
}

/**
 * The measures owned by the given units that need a risk- och konsekvensanalys by their kind
 * (ransonering, or changing a service) and still run: what the flags are drawn from.
 */
export async function measuresNeedingAnalysis(db: Executor, ownerUnitIds: readonly string[]) {
  if (ownerUnitIds.length === 0) return [];
  const rows = await db
    .selectFrom('measures')
    .select(['id', 'title', 'owner_unit_id', 'category', 'changes_service', 'status'])
    .where('owner_unit_id', 'in', ownerUnitIds)
    .where('status', '!=', 'stopped')
    .where((eb) => eb.or([eb('category', '=', 'ransonering'), eb('changes_service', '=', true)]))
    .execute();
  return rows.map(subjectOf);
}

const subjectOf = (r: {
  id: string;
  title: string;
  owner_unit_id: string;
  category: string;
  changes_service: boolean;
  status: string;
}) => ({
  id: r.id,
  title: r.title,
  ownerUnitId: r.owner_unit_id,
  category: r.category as MeasureCategory,
  changesService: r.changes_service,
  status: r.status as MeasureStatus,
});
