import { checkMandate, type DelegationLevel } from '../../domain/economy/delegation';
import {
  type CalcLine,
  deviation,
  type Feasibility,
  fallsShort,
  type MeasureCategory,
  type MeasureStatus,
  targetEffect,
} from '../../domain/economy/measures';
import { type LeafFigures, type Totals, totalsOf } from '../../domain/economy/rollup';
import type { BodyKind, UnitLevel } from '../../domain/org';
import type { Executor } from '../core/context';

/** Appends to the list under a key, creating it (linear, unlike spreading a copy each time). */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Everything an action plan's figures are made from, read in a handful of queries. */
export interface PlanData {
  planId: string;
  startYear: number;
  endYear: number;
  marginPct: number;
  measures: {
    id: string;
    version: number;
    parentId: string | null;
    ownerUnitId: string;
    responsibleName: string;
    title: string;
    description: string;
    category: MeasureCategory;
    feasibility: Feasibility;
    status: MeasureStatus;
    startOn: string;
    fullEffectOn: string;
    riskAnalysisRef: string | null;
  }[];
  lines: Map<string, CalcLine[]>;
  reports: Map<
    string,
    {
      period: string;
      forecastKr: bigint;
      outcomeKr: bigint | null;
      comment: string;
      enteredByName: string;
      enteredAt: string;
    }[]
  >;
  allocations: { unitId: string; year: number; amountKr: bigint }[];
  levels: DelegationLevel[];
  /** The delegation levels of the decisions (beslut) behind each measure. */
  decidedBy: Map<string, DelegationLevel[]>;
}

export async function delegationLevels(db: Executor): Promise<DelegationLevel[]> {
  return (await db.selectFrom('delegation_levels').selectAll().orderBy('rank').execute()).map((l) => ({
    id: l.id,
    rank: l.rank,
    name: l.name,
    unitLevel: l.unit_level as UnitLevel | null,
    bodyKind: l.body_kind as BodyKind | null,
    maxAmountKr: l.max_amount_kr === null ? null : BigInt(l.max_amount_kr),
  }));
}

export async function loadPlanData(
  db: Executor,
  planId: string,
  unitLevels: Map<string, UnitLevel>,
): Promise<PlanData | null> {
  const plan = await db
    .selectFrom('plan_versions')
    .select(['start_year', 'end_year'])
    .where('plan_id', '=', planId)
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  if (!plan) return null;
  const [settings, measureRows, allocations, levels] = await Promise.all([
    db.selectFrom('action_plan_settings').selectAll().where('plan_id', '=', planId).executeTakeFirst(),
    db.selectFrom('measures').selectAll().where('plan_id', '=', planId).orderBy('title').execute(),
    db.selectFrom('action_plan_allocations').selectAll().where('plan_id', '=', planId).execute(),
    delegationLevels(db),
  ]);
  const ids = measureRows.map((m) => m.id);
  const none = ids.length === 0;
  const [lineRows, reportRows, decisionRows] = await Promise.all([
    none ? [] : db.selectFrom('measure_calc_lines').selectAll().where('measure_id', 'in', ids).orderBy('seq').execute(),
    none ? [] : db.selectFrom('measure_reports').selectAll().where('measure_id', 'in', ids).orderBy('period').execute(),
    none
      ? []
      : db
          .selectFrom('decision_links as l')
          .innerJoin('decisions as d', 'd.id', 'l.decision_id')
          .leftJoin('bodies as b', 'b.id', 'd.body_id')
          .select(['l.entity_id', 'd.kind', 'b.kind as body_kind', 'd.scope_unit_id'])
          .where('l.entity', '=', 'measure')
          .where('l.entity_id', 'in', ids)
          .execute(),
  ]);
  const lines = new Map<string, CalcLine[]>();
  for (const l of lineRows)
    lines.set(l.measure_id, [
      ...(lines.get(l.measure_id) ?? []),
      {
        year: l.year,
        kind: l.kind as 'saving' | 'cost',
        amountKr: BigInt(l.amount_kr),
        realisationPct: l.realisation_pct,
      },
    ]);
  const reports: PlanData['reports'] = new Map();
  for (const r of reportRows)
    pushTo(reports, r.measure_id, {
      period: r.period,
      forecastKr: BigInt(r.forecast_kr),
      outcomeKr: r.outcome_kr === null ? null : BigInt(r.outcome_kr),
      comment: r.comment,
      enteredByName: r.entered_by_name,
      enteredAt: new Date(r.entered_at).toISOString(),
    });
  const decidedBy = new Map<string, DelegationLevel[]>();
  for (const d of decisionRows) {
    if (d.kind !== 'beslut') continue;
    const level = d.body_kind
      ? levels.find((l) => l.bodyKind === d.body_kind)
      : d.scope_unit_id && unitLevels.get(d.scope_unit_id)
        ? levels.find((l) => l.unitLevel === unitLevels.get(d.scope_unit_id as string))
        : undefined;
    if (level) pushTo(decidedBy, d.entity_id, level);
  }
  return {
    planId,
    startYear: plan.start_year,
    endYear: plan.end_year,
    marginPct: settings?.deviation_margin_pct ?? 10,
    measures: measureRows.map((m) => ({
      id: m.id,
      version: m.version,
      parentId: m.parent_measure_id,
      ownerUnitId: m.owner_unit_id,
      responsibleName: m.responsible_name,
      title: m.title,
      description: m.description,
      category: m.category as MeasureCategory,
      feasibility: m.feasibility as Feasibility,
      status: m.status as MeasureStatus,
      startOn: m.start_on,
      fullEffectOn: m.full_effect_on,
      riskAnalysisRef: m.risk_analysis_ref,
    })),
    lines,
    reports,
    allocations: allocations.map((a) => ({ unitId: a.unit_id, year: a.year, amountKr: BigInt(a.amount_kr) })),
    levels,
    decidedBy,
  };
}

/** The plan year a month reports on: the month's year, or the plan's last year after it ends. */
export const yearOf = (data: Pick<PlanData, 'startYear' | 'endYear'>, month: string): number =>
  Math.max(data.startYear, Math.min(data.endYear, Number(month.slice(0, 4))));

export interface MeasureFigures {
  id: string;
  version: number;
  parentId: string | null;
  title: string;
  ownerUnitId: string;
  responsibleName: string;
  category: MeasureCategory;
  feasibility: Feasibility;
  status: MeasureStatus;
  leaf: boolean;
  totals: Totals;
  /** Deviation = forecast − planned net effect. */
  deviation: bigint;
  /** The newest report of a leaf measure at or before the month. */
  lastReport: { period: string; comment: string; enteredByName: string; enteredAt: string } | null;
  stale: boolean;
  /** Forecast short of the planned net effect by more than the plan's margin. */
  deviates: boolean;
  mandate: { required: string | null; owner: string | null; aboveMandate: boolean; flagged: boolean };
}

/**
 * Every measure's figures for a month: a leaf measure from its calculation and its newest
 * report for the year; a measure with sub-measures as the sum of them, to any depth.
 */
export function measureFigures(
  data: PlanData,
  month: string,
  unitLevels: Map<string, UnitLevel>,
): Map<string, MeasureFigures> {
  const year = yearOf(data, month);
  const children = new Map<string, string[]>();
  for (const m of data.measures) if (m.parentId) pushTo(children, m.parentId, m.id);
  const leafFigures = new Map<string, LeafFigures>();
  const lastReports = new Map<string, MeasureFigures['lastReport']>();
  for (const m of data.measures) {
    if (children.has(m.id)) continue;
    const effect = targetEffect(data.lines.get(m.id) ?? [], year);
    const ofYear = (data.reports.get(m.id) ?? []).filter((r) => r.period <= month && yearOf(data, r.period) === year);
    const last = ofYear.at(-1) ?? null;
    lastReports.set(
      m.id,
      last
        ? { period: last.period, comment: last.comment, enteredByName: last.enteredByName, enteredAt: last.enteredAt }
        : null,
    );
    leafFigures.set(m.id, {
      id: m.id,
      unitId: m.ownerUnitId,
      category: m.category,
      feasibility: m.feasibility,
      plannedGross: effect.gross,
      plannedNet: effect.net,
      forecast: last?.forecastKr ?? null,
      outcome: last?.outcomeKr ?? null,
      stale: m.status !== 'stopped' && last?.period !== month,
    });
  }
  const leavesBelow = (id: string): LeafFigures[] =>
    children.has(id) ? (children.get(id) ?? []).flatMap(leavesBelow) : [leafFigures.get(id) as LeafFigures];
  const out = new Map<string, MeasureFigures>();
  for (const m of data.measures) {
    const leaves = leavesBelow(m.id);
    const totals = totalsOf(leaves);
    const leaf = !children.has(m.id);
    const maxGross = calcMaxGross(
      data,
      leaves.map((l) => l.id),
    );
    const check = checkMandate(
      data.levels,
      maxGross,
      unitLevels.get(m.ownerUnitId) ?? 'enhet',
      data.decidedBy.get(m.id) ?? [],
    );
    out.set(m.id, {
      id: m.id,
      version: m.version,
      parentId: m.parentId,
      title: m.title,
      ownerUnitId: m.ownerUnitId,
      responsibleName: m.responsibleName,
      category: m.category,
      feasibility: m.feasibility,
      status: m.status,
      leaf,
      totals,
      deviation: deviation(totals.forecast, totals.planned),
      lastReport: leaf ? (lastReports.get(m.id) ?? null) : null,
      stale: totals.staleCount > 0,
      deviates: leaves.some((l) => l.forecast !== null) && fallsShort(totals.forecast, totals.planned, data.marginPct),
      mandate: {
        required: check.required?.name ?? null,
        owner: check.owner?.name ?? null,
        aboveMandate: check.aboveMandate,
        flagged: check.flagged,
      },
    });
  }
  return out;
}

/** The largest yearly gross effect of the measures' calculations together: what a decision is about. */
function calcMaxGross(data: PlanData, ids: readonly string[]): bigint {
  const years = new Set<number>();
  for (const id of ids) for (const l of data.lines.get(id) ?? []) years.add(l.year);
  let max = 0n;
  for (const y of years) {
    let sum = 0n;
    for (const id of ids) sum += targetEffect(data.lines.get(id) ?? [], y).gross;
    if (sum > max) max = sum;
  }
  return max;
}
