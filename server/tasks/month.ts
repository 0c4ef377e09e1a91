import type { z } from '@hono/zod-openapi';
import { isHandedIn } from '../../domain/followup/submissions';
import { parseMonth, shiftMonth } from '../../domain/indicators/months';
import { dueMonth } from '../../domain/indicators/staleness';
import { formatPeriod } from '../../domain/periods';
import type { Actor, Services } from '../core/context';
import { listActionPlans } from '../economy/action-plans';
import { listMeasures } from '../economy/measures';
import { getSubmission } from '../followup/submissions';
import { currentTree } from '../org/service';
import { type IndicatorRecord, indicatorRecords, listValues, mayEnter, type StoredValue } from '../steering/indicators';
import { scorecard } from '../steering/scorecard';
import type {
  MissingItemSchema,
  MonthIndicatorSchema,
  MonthMeasureSchema,
  MonthPartSchema,
  UnitMonthSchema,
} from './schemas';

export type UnitMonth = z.infer<typeof UnitMonthSchema>;
type MonthIndicator = z.infer<typeof MonthIndicatorSchema>;
type MonthPart = z.infer<typeof MonthPartSchema>;
type MissingItem = z.infer<typeof MissingItemSchema>;
type MonthMeasure = z.infer<typeof MonthMeasureSchema>;

/** The indicators a figure is entered as, with the part each plays. */
function partsOf(i: IndicatorRecord): { indicatorId: string; role: MonthPart['role'] }[] {
  if (i.aggregation === 'ratio')
    return [
      { indicatorId: i.numeratorId as string, role: 'numerator' },
      { indicatorId: i.denominatorId as string, role: 'denominator' },
    ];
  if (i.aggregation === 'weighted')
    return [
      { indicatorId: i.id, role: 'value' },
      { indicatorId: i.weightId as string, role: 'weight' },
    ];
  return [{ indicatorId: i.id, role: 'value' }];
}

/**
 * Whether a base indicator's values are entered at this unit, as the values route decides
 * (server/steering/indicators.ts refusal): a rolled-up indicator only at a leaf, one that does
 * not roll up anywhere, never one computed by a formula.
 */
const enteredAt = (base: IndicatorRecord | undefined, leaf: boolean) =>
  !!base && base.source !== 'formula' && base.aggregation !== 'ratio' && (leaf || base.aggregation === 'none');

const entered = (v: StoredValue | undefined) =>
  v ? { value: v.value, enteredAt: v.enteredAt, enteredByName: v.enteredByName } : null;

/** The measures of the action plans running in the month's year, owned in the unit's subtree. */
async function measuresOf(services: Services, actor: Actor, month: string, subtree: Set<string>) {
  const year = Number(month.slice(0, 4));
  const plans = (await listActionPlans(services, actor)).filter((p) => p.startYear <= year && year <= p.endYear);
  const out: MonthMeasure[] = [];
  for (const plan of plans) {
    const { measures } = await listMeasures(services, actor, plan.id, month);
    for (const m of measures) {
      if (!m.leaf || !subtree.has(m.ownerUnitId) || m.status === 'stopped' || m.status === 'done') continue;
      out.push({
        id: m.id,
        version: m.version,
        planId: plan.id,
        title: m.title,
        ownerUnitId: m.ownerUnitId,
        ownerUnitName: m.ownerUnitName,
        planned: m.planned,
        forecast: m.forecast,
        outcome: m.outcome,
        reported: m.lastReport?.period === month,
        mayReport: false,
      });
    }
  }
  return out;
}

/**
 * A unit's month on one page: every indicator of its scorecard with the figures entered at the
 * unit (outcome and forecast, ratios as their parts), the goal analyses, the measures, the
 * consolidated analysis, and what is still missing of all of these before it can be handed in.
 * Reads the other capabilities through their services, so their permissions apply.
 */
export async function unitMonth(
  services: Services,
  actor: Actor,
  unitId: string,
  periodText: string,
): Promise<UnitMonth> {
  const month = formatPeriod(parseMonth(periodText, 'period'));
  const card = await scorecard(services, actor, unitId, month);
  const submission = await getSubmission(services, actor, unitId, month);
  const tree = await currentTree(services);
  const leaf = tree.children(unitId).length === 0;
  const subtree = new Set(tree.subtree(unitId));

  const figures = new Map(card.goals.flatMap((g) => g.indicators.map((i) => [i.id, i] as const)));
  const records = await indicatorRecords(services.db, [...figures.keys()]);
  const baseIds = [...new Set(records.flatMap((r) => partsOf(r).map((p) => p.indicatorId)))];
  const bases = new Map((await indicatorRecords(services.db, baseIds)).map((b) => [b.id, b]));
  const values =
    baseIds.length === 0
      ? []
      : (await listValues(services, actor, { indicatorIds: baseIds, unitId, from: month, to: month })).filter(
          (v) => v.unitId === unitId,
        );
  const storedOf = (id: string, kind: 'outcome' | 'forecast') =>
    values.find((v) => v.indicatorId === id && v.kind === kind);

  const goalIdsOf = (id: string) => card.goals.filter((g) => g.indicators.some((i) => i.id === id)).map((g) => g.id);
  const indicators: MonthIndicator[] = records
    .map((r) => {
      const f = figures.get(r.id) as NonNullable<ReturnType<typeof figures.get>>;
      const parts = partsOf(r).map(({ indicatorId, role }) => {
        const base = bases.get(indicatorId);
        return {
          indicatorId,
          role,
          name: base?.name ?? '',
          measureUnit: base?.measureUnit ?? '',
          outcome: entered(storedOf(indicatorId, 'outcome')),
          forecast: entered(storedOf(indicatorId, 'forecast')),
        };
      });
      const previous = f.trend.length >= 2 ? f.trend[f.trend.length - 2] : undefined;
      return {
        id: r.id,
        name: r.name,
        measureUnit: r.measureUnit,
        direction: r.direction,
        aggregation: r.aggregation,
        frequency: r.frequency,
        scale: r.scale,
        goalIds: goalIdsOf(r.id),
        due: dueMonth(r.frequency, month) === month,
        enteredHere: r.source !== 'formula' && partsOf(r).every((p) => enteredAt(bases.get(p.indicatorId), leaf)),
        parts,
        outcome: f.outcome,
        outcomeMonth: f.outcomeMonth,
        forecast: f.forecast,
        target: f.target,
        deviation: f.outcome !== null && f.target !== null ? Number((f.outcome - f.target).toFixed(4)) : null,
        status: f.status,
        stale: f.stale,
        previousOutcome: previous?.outcome ?? null,
        previousPeriod: previous?.period ?? null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));

  const goals = card.goals.map((g) => ({
    id: g.id,
    title: g.title,
    ownerUnitName: g.ownerUnitName,
    status: g.status,
    indicatorIds: g.indicators.map((i) => i.id),
    analysis: g.analysis
      ? { text: g.analysis.text, version: g.analysis.version, enteredByName: g.analysis.enteredByName }
      : null,
  }));

  // Figures and texts are entered while the report may be saved: the same permission for the
  // unit (entering figures and handing them in are one job) and a report not handed in.
  const mayEdit = submission.can.edit;
  const measures = (await measuresOf(services, actor, month, subtree)).map((m) => ({
    ...m,
    mayReport: mayEdit && mayEnter(actor, m.ownerUnitId, tree),
  }));

  const missing: MissingItem[] = [];
  // Once handed in (or approved) nothing more is asked of the unit.
  if (!isHandedIn(submission.status)) {
    for (const i of indicators) {
      if (!i.due || !i.enteredHere) continue;
      if (i.parts.some((p) => p.outcome === null))
        missing.push({ kind: 'indicator_outcome', id: i.id, label: `Utfall för ${i.name}` });
      if (i.parts.some((p) => p.forecast === null))
        missing.push({ kind: 'indicator_forecast', id: i.id, label: `Prognos för ${i.name}` });
    }
    for (const g of goals)
      if (!g.analysis || g.analysis.text.trim() === '')
        missing.push({ kind: 'goal_analysis', id: g.id, label: `Analys av målet ${g.title}` });
    for (const m of submission.missingMeasureReports)
      missing.push({ kind: 'measure', id: m.id, label: `Prognos för åtgärden ${m.title} (${m.unitName})` });
    if (submission.analysis.trim() === '')
      missing.push({ kind: 'analysis', id: unitId, label: 'Enhetens samlade analys' });
  }

  return {
    unitId,
    unitName: card.unitName,
    unitLevel: card.unitLevel,
    leaf,
    period: month,
    previousPeriod: shiftMonth(month, -1),
    status: submission.status,
    statusLabel: submission.statusLabel,
    deadline: submission.deadline,
    late: submission.late,
    version: submission.version,
    analysis: submission.analysis,
    returnComment: submission.returnComment,
    can: submission.can,
    indicators,
    goals,
    measures,
    missing,
    children: submission.children.map((c) => ({
      unitId: c.unitId,
      name: c.name,
      status: c.status,
      statusLabel: c.statusLabel,
    })),
  };
}
