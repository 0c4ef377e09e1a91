import { createHash } from 'node:crypto';
import Decimal from 'decimal.js';
import { compareSwedish } from '../../domain/collation';
import { EMPTY_TOTALS } from '../../domain/economy/rollup';
import { parseMonth } from '../../domain/indicators/months';
import { formatPeriod } from '../../domain/periods';
import {
  type ActionPlanRow,
  type ActionPlanSection,
  type DeviationRow,
  isInternalControlReport,
  type ReportContent,
  type ReportKind,
  type Sbar,
  type ScorecardSection,
  type StaleRow,
} from '../../domain/reports/content';
import { PERSPECTIVE_LABELS } from '../../domain/steering';
import { boardFlags } from '../competence/board-flags';
import type { Actor, Services } from '../core/context';
import { yearOf } from '../economy/figures';
import { allocationsOfYear } from '../economy/reads';
import { planMonthSums, rollUpUnits } from '../economy/rollups';
import { type Deviation, indicatorDeviations, measureDeviations, staleIndicators } from '../followup/deviations';
import { unitsOn } from '../org/queries';
import { today } from '../org/service';
import { latestPlanVersion } from '../steering/reads';
import { scorecard } from '../steering/scorecard';
import { internalControlReportSection, internalControlSections } from './internal-control';

export interface ReportHead {
  title: string;
  kind: ReportKind;
  unitId: string;
  period: string;
  planId: string | null;
  sbar: Sbar;
  proposedDecision: string;
  meeting: ReportContent['meeting'];
  /** When and by whom the report is being sent; only while sending. */
  sent?: ReportContent['sent'];
}

const num = (n: number | null) => (n === null ? null : new Decimal(n).toString());

function deviationRow(d: Deviation): DeviationRow {
  const action = d.correctiveAction;
  return {
    kind: d.kind,
    name: d.name,
    unitName: d.unitName,
    unitOfMeasure: d.unitOfMeasure,
    target: d.target,
    value: d.value,
    deviation: d.deviation,
    analysis: d.analysis ?? '',
    correctiveAction: action ? `${action.what} (${action.responsibleName}, senast ${action.dueOn})` : null,
    decisionLevel: d.decisionLevel,
    escalated: d.escalated,
  };
}

/**
 * Builds a report's content from the data as it is now: the action-plan table of the report's
 * unit, its scorecard, the deviations and every stale figure. Only the head (title, SBAR text,
 * proposed decision) is written by people. `onProgress` hears each step.
 */
export async function buildContent(
  services: Services,
  actor: Actor,
  head: ReportHead,
  onProgress: (fraction: number, step: string) => void = () => {},
): Promise<ReportContent> {
  if (isInternalControlReport(head.kind)) return buildInternalControlContent(services, head, onProgress);
  onProgress(0.05, 'Hämtar styrkortet');
  const card = await scorecard(services, actor, head.unitId, head.period);
  const scorecardSection: ScorecardSection = {
    counts: card.statusCounts,
    goals: card.goals.map((g) => ({
      title: g.title,
      perspective: PERSPECTIVE_LABELS[g.perspective],
      status: g.status,
      indicators: g.indicators.map((i) => ({
        name: i.name,
        unitOfMeasure: i.measureUnit,
        target: num(i.target),
        outcome: num(i.outcome),
        forecast: num(i.forecast),
        status: i.status,
        stale: i.stale,
      })),
    })),
  };
  const deviations: DeviationRow[] = (await indicatorDeviations(services.db, card)).map(deviationRow);
  const stale: StaleRow[] = staleIndicators(card).map((s) => ({
    kind: s.kind,
    name: s.name,
    unitName: s.unitName,
    asOf: s.asOf,
  }));
  let actionPlan: ActionPlanSection | null = null;
  if (head.planId !== null) {
    onProgress(0.35, 'Räknar åtgärdsplanen');
    const {
      deviations: measureDevs,
      stale: staleMeasures,
      figures,
      ctx,
    } = await measureDeviations(services, actor, head.planId, head.unitId, head.period);
    deviations.push(...measureDevs.map(deviationRow));
    stale.push(...staleMeasures.map((s) => ({ kind: s.kind, name: s.name, unitName: s.unitName, asOf: s.asOf })));
    const plan = await latestPlanVersion(services.db, head.planId);
    if (plan === null) throw new Error(`plan ${head.planId} has no version`);
    const year = yearOf(plan, head.period);
    const allocations = await allocationsOfYear(services.db, head.planId, year);
    const allocation = (id: string) => allocations.get(id) ?? 0n;
    const scope = ctx.tree.subtree(head.unitId);
    const inScope = new Set(scope);
    // The units' totals from the plan's kept sums (decision 008), rolled up today's tree.
    const sums = await planMonthSums(
      services.db,
      { id: head.planId, startYear: plan.startYear, endYear: plan.endYear },
      formatPeriod(parseMonth(head.period, 'period')),
    );
    const byUnit = rollUpUnits(scope, (id) => ctx.tree.children(id), sums.ownByUnit);
    const whole = byUnit.get(head.unitId) ?? EMPTY_TOTALS;
    const unitRow = (id: string): ActionPlanRow => {
      const t = byUnit.get(id) ?? EMPTY_TOTALS;
      return {
        unitName: ctx.names.get(id) ?? '',
        measure: null,
        targetKr: allocation(id).toString(),
        forecastKr: t.forecast.toString(),
        deviationKr: (t.forecast - allocation(id)).toString(),
        comment: t.staleCount > 0 ? `${t.staleCount} åtgärder utan rapport för månaden` : '',
        stale: t.staleCount > 0,
      };
    };
    // The overarching measures under the unit: those whose parent measure (if any) is owned
    // outside it – the level the board follows measure by measure (seed 002's 18 measures).
    const top = [...figures.values()].filter(
      (f) =>
        inScope.has(f.ownerUnitId) && (f.parentId === null || !inScope.has(figures.get(f.parentId)?.ownerUnitId ?? '')),
    );
    top.sort(
      (a, b) =>
        compareSwedish(ctx.names.get(a.ownerUnitId) ?? '', ctx.names.get(b.ownerUnitId) ?? '') ||
        compareSwedish(a.title, b.title),
    );
    const measureRow = (f: (typeof top)[number]): ActionPlanRow => {
      const reported = !f.leaf || f.lastReport !== null;
      return {
        unitName: ctx.names.get(f.ownerUnitId) ?? '',
        measure: f.title,
        targetKr: f.totals.planned.toString(),
        forecastKr: reported ? f.totals.forecast.toString() : null,
        deviationKr: reported ? f.deviation.toString() : null,
        comment: f.lastReport?.comment ?? '',
        stale: f.leaf ? f.stale : f.totals.staleCount > 0,
      };
    };
    // A measure belongs to the unit directly below the report's unit whose subtree owns it, or
    // to the report's unit itself when that owns it.
    const children = ctx.tree.children(head.unitId);
    const groupOf = new Map<string, string>([[head.unitId, head.unitId]]);
    for (const child of children) for (const id of ctx.tree.subtree(child)) groupOf.set(id, child);
    const measuresUnder = new Map<string, (typeof top)[number][]>();
    for (const f of top) {
      const group = groupOf.get(f.ownerUnitId) ?? head.unitId;
      measuresUnder.set(group, [...(measuresUnder.get(group) ?? []), f]);
    }
    onProgress(0.6, 'Ställer upp åtgärdstabellen');
    actionPlan = {
      planTitle: plan.title,
      year,
      totals: {
        targetKr: allocation(head.unitId).toString(),
        plannedKr: whole.planned.toString(),
        plannedGrade12Kr: whole.plannedGrade12.toString(),
        forecastKr: whole.forecast.toString(),
        forecastGrade12Kr: whole.forecastGrade12.toString(),
        outcomeKr: whole.outcome.toString(),
        deviationKr: (whole.forecast - allocation(head.unitId)).toString(),
      },
      // Each unit row followed by its own measures, so no measure reads as the next unit's.
      rows: [head.unitId, ...children].flatMap((id) => [unitRow(id), ...(measuresUnder.get(id) ?? []).map(measureRow)]),
      layout: 'byUnit',
    };
  }
  onProgress(0.8, 'Tar med det som saknar behörigt beslut');
  // Judged on the day the content is built: sending freezes what the board was shown (decision 016).
  const flags = await boardFlags(services.db, head.unitId, today(services));
  onProgress(0.85, 'Hämtar riskmatrisen och kontrollresultaten');
  const ic = await internalControlSections(services, head.unitId, card.period);
  onProgress(0.9, 'Sammanställer rapporten');
  const unitName = card.unitName;
  const content: ReportContent = {
    title: head.title,
    kind: head.kind,
    unitName,
    period: card.period,
    meeting: head.meeting,
    ...(head.sent ? { sent: head.sent } : {}),
    sbar: head.sbar,
    proposedDecision: head.proposedDecision,
    actionPlan,
    scorecard: scorecardSection,
    deviations,
    stale,
    undecidedPlans: flags.undecidedPlans,
    driftedGoals: flags.driftedGoals,
    aboveCompetence: flags.aboveCompetence,
    missingAnalyses: flags.missingAnalyses,
    riskMatrix: ic.riskMatrix,
    controlResults: ic.controlResults,
  };
  onProgress(1, 'Klar');
  return content;
}

/**
 * An internkontrollrapport's content (issue 14): the body's plan, results, actions, assessment
 * (and, for the styrelse, the uppsikt) with its risk matrix and control summary. It carries none
 * of the month's figures: the scorecard, deviations and stale lists stay empty.
 */
async function buildInternalControlContent(
  services: Services,
  head: ReportHead,
  onProgress: (fraction: number, step: string) => void,
): Promise<ReportContent> {
  onProgress(0.1, 'Hämtar internkontrollplanen och resultaten');
  const internalControl = await internalControlReportSection(services, head.unitId, head.period);
  onProgress(0.6, 'Hämtar riskmatrisen');
  const ic = await internalControlSections(services, head.unitId, head.period);
  const unitName = (await unitsOn(services.db, today(services))).find((u) => u.id === head.unitId)?.name ?? '';
  onProgress(1, 'Klar');
  return {
    title: head.title,
    kind: head.kind,
    unitName,
    period: head.period,
    meeting: head.meeting,
    ...(head.sent ? { sent: head.sent } : {}),
    sbar: head.sbar,
    proposedDecision: head.proposedDecision,
    actionPlan: null,
    scorecard: { counts: { green: 0, yellow: 0, red: 0, grey: 0 }, goals: [] },
    deviations: [],
    stale: [],
    riskMatrix: ic.riskMatrix,
    controlResults: ic.controlResults,
    internalControl,
  };
}

/** JSON with keys in sorted order, so the same content always gives the same text and hash. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

export const contentHash = (content: ReportContent): string =>
  createHash('sha256').update(canonicalJson(content)).digest('hex');
