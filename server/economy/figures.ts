import type { ExpressionBuilder } from 'kysely';
import { lacksBodyDecision } from '../../domain/competence/competent';
import { measureMatter } from '../../domain/competence/rules';
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
import { addTotals, EMPTY_TOTALS, type LeafFigures, type Totals, totalsOf } from '../../domain/economy/rollup';
import type { BodyKind, UnitLevel } from '../../domain/org';
import { bodyKindsByIds } from '../bodies/reads';
import type { Executor } from '../core/context';
import type { DB } from '../db/schema';
import { decisionsLinkedTo, latestPlanVersion } from '../steering/reads';

/** Appends to the list under a key, creating it (linear, unlike spreading a copy each time). */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Everything an action plan's figures are made from, read in a handful of queries. */
export interface PlanData {
  planId: string;
  title: string;
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
  unitLevels: ReadonlyMap<string, UnitLevel>,
  /** Read only each measure's newest report for the plan year this month reports on. */
  month: string,
): Promise<PlanData | null> {
  const latest = await latestPlanVersion(db, planId);
  if (!latest) return null;
  const plan = { start_year: latest.startYear, end_year: latest.endYear, title: latest.title };
  const [settings, measureRows, allocations, levels] = await Promise.all([
    db.selectFrom('action_plan_settings').selectAll().where('plan_id', '=', planId).executeTakeFirst(),
    // Unordered: whoever lists measures orders them (in Swedish) itself.
    db
      .selectFrom('measures')
      .select([
        'id',
        'version',
        'parent_measure_id',
        'owner_unit_id',
        'responsible_name',
        'title',
        'description',
        'category',
        'feasibility',
        'status',
        'start_on',
        'full_effect_on',
        'risk_analysis_ref',
      ])
      .where('plan_id', '=', planId)
      .execute(),
    db.selectFrom('action_plan_allocations').selectAll().where('plan_id', '=', planId).execute(),
    delegationLevels(db),
  ]);
  const year = Math.max(plan.start_year, Math.min(plan.end_year, Number(month.slice(0, 4))));
  const lastOfYear = year === plan.end_year ? month : `${year}-12` < month ? `${year}-12` : month;
  // Subqueries rather than lists of ids: a plan may have tens of thousands of measures.
  const ofPlan = (eb: ExpressionBuilder<DB, 'measures'>) =>
    eb.selectFrom('measures').select('measures.id').where('measures.plan_id', '=', planId);
  const [lineRows, reportRows, decisionRows] = await Promise.all([
    db
      .selectFrom('measure_calc_lines')
      .selectAll()
      .where('measure_id', 'in', (eb) => ofPlan(eb as unknown as ExpressionBuilder<DB, 'measures'>))
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('measure_reports as r')
      .innerJoin('measures as m', 'm.id', 'r.measure_id')
      .distinctOn('r.measure_id')
      .select([
        'r.measure_id',
        'r.period',
        'r.forecast_kr',
        'r.outcome_kr',
        'r.comment',
        'r.entered_by_name',
        'r.entered_at',
      ])
      .where('m.plan_id', '=', planId)
      .where('r.period', '>=', `${year}-01`)
      .where('r.period', '<=', lastOfYear)
      // Both descending, so the primary key (measure_id, period) serves the order backwards.
      .orderBy('r.measure_id', 'desc')
      .orderBy('r.period', 'desc')
      .execute(),
    decisionsLinkedTo(db, 'measure', (eb) => ofPlan(eb as unknown as ExpressionBuilder<DB, 'measures'>)),
  ]);
  const bodyKinds = await bodyKindsByIds(
    db,
    decisionRows.map((r) => r.decision.bodyId),
  );
  const lines = new Map<string, CalcLine[]>();
  for (const l of lineRows)
    pushTo(lines, l.measure_id, {
      year: l.year,
      kind: l.kind as 'saving' | 'cost',
      amountKr: BigInt(l.amount_kr),
      realisationPct: l.realisation_pct,
    });
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
  for (const { entityId, decision: d } of decisionRows) {
    if (d.kind !== 'beslut') continue;
    const bodyKind = d.bodyId === null ? undefined : bodyKinds.get(d.bodyId);
    const level = bodyKind
      ? levels.find((l) => l.bodyKind === bodyKind)
      : d.scopeUnitId && unitLevels.get(d.scopeUnitId)
        ? levels.find((l) => l.unitLevel === unitLevels.get(d.scopeUnitId as string))
        : undefined;
    if (level) pushTo(decidedBy, entityId, level);
  }
  return {
    planId,
    title: plan.title,
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
  unitLevels: ReadonlyMap<string, UnitLevel>,
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
  // Bottom-up, once: each measure's totals and yearly gross are its own (a leaf) or the sum
  // of its sub-measures'.
  const order: string[] = [];
  const ids = new Set(data.measures.map((m) => m.id));
  const roots = data.measures.filter((m) => !m.parentId || !ids.has(m.parentId));
  const stack = roots.map((m) => m.id).reverse();
  while (stack.length > 0) {
    const id = stack.pop() as string;
    order.push(id);
    for (const c of [...(children.get(id) ?? [])].reverse()) stack.push(c);
  }
  const totalsOfMeasure = new Map<string, Totals>();
  const grossByYear = new Map<string, Map<number, bigint>>();
  const forecastsBelow = new Map<string, number>();
  for (const id of [...order].reverse()) {
    const kids = children.get(id);
    if (!kids) {
      totalsOfMeasure.set(id, totalsOf([leafFigures.get(id) as LeafFigures]));
      forecastsBelow.set(id, leafFigures.get(id)?.forecast === null ? 0 : 1);
      const own = new Map<number, bigint>();
      for (const y of new Set((data.lines.get(id) ?? []).map((l) => l.year)))
        own.set(y, targetEffect(data.lines.get(id) ?? [], y).gross);
      grossByYear.set(id, own);
      continue;
    }
    let t = EMPTY_TOTALS;
    const gross = new Map<number, bigint>();
    let forecasts = 0;
    for (const c of kids) {
      t = addTotals(t, totalsOfMeasure.get(c) ?? EMPTY_TOTALS);
      forecasts += forecastsBelow.get(c) ?? 0;
      for (const [y, g] of grossByYear.get(c) ?? []) gross.set(y, (gross.get(y) ?? 0n) + g);
    }
    totalsOfMeasure.set(id, t);
    grossByYear.set(id, gross);
    forecastsBelow.set(id, forecasts);
  }
  const byId = new Map(data.measures.map((m) => [m.id, m]));
  const out = new Map<string, MeasureFigures>();
  for (const id of order) {
    const m = byId.get(id) as PlanData['measures'][number];
    const totals = totalsOfMeasure.get(id) ?? EMPTY_TOTALS;
    const leaf = !children.has(id);
    const maxGross = [...(grossByYear.get(id)?.values() ?? [])].reduce((a, b) => (b > a ? b : a), 0n);
    const check = checkMandate(
      data.levels,
      maxGross,
      unitLevels.get(m.ownerUnitId) ?? 'enhet',
      data.decidedBy.get(id) ?? [],
    );
    out.set(id, {
      id,
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
      lastReport: leaf ? (lastReports.get(id) ?? null) : null,
      stale: totals.staleCount > 0,
      deviates: (forecastsBelow.get(id) ?? 0) > 0 && fallsShort(totals.forecast, totals.planned, data.marginPct),
      mandate: {
        required: check.required?.name ?? null,
        owner: check.owner?.name ?? null,
        aboveMandate: check.aboveMandate,
        flagged: check.flagged || lacksBodyDecision(measureMatter(m.category), data.decidedBy.get(id) ?? []),
      },
    });
  }
  return out;
}
