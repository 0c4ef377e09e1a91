import type { z } from '@hono/zod-openapi';
import Decimal from 'decimal.js';
import { sql } from 'kysely';
import { type MonthText, monthRange, shiftMonth } from '../../domain/indicators/months';
import { averageOf, EMPTY_PARTS, figureOf, mergeParts, type Parts, partsOf } from '../../domain/indicators/rollup';
import { dueMonth, dueMonths, shownFigure } from '../../domain/indicators/staleness';
import { statusOf } from '../../domain/indicators/status';
import { type TargetRow, targetFor } from '../../domain/indicators/targets';
import type { OrgIndex } from '../../domain/org';
import type { ValueKind } from '../../domain/steering';
import type { Executor } from '../core/context';
import { jsonNumber } from './common';
import type { IndicatorRecord } from './indicators';
import type { IndicatorFigureSchema } from './schemas';

/** How many reporting periods a trend shows, and how far back a missing figure is looked for. */
export const TREND_PERIODS = 12;

/** An indicator's figure for a unit and a month, as the scorecard and the cross-unit view show it. */
export type IndicatorFigure = z.infer<typeof IndicatorFigureSchema>;

type Series = Map<MonthText, Parts>;
/** Parts per kind and month for one indicator at one unit. */
type Sheet = Record<ValueKind, Series>;
const emptySheet = (): Sheet => ({ outcome: new Map(), forecast: new Map() });

/** The months an indicator's figures in `month` draw on: its trend, widened for rolling averages. */
export function monthsNeeded(indicator: IndicatorRecord, month: MonthText): { trend: MonthText[]; all: MonthText[] } {
  const trend = dueMonths(indicator.frequency, month, TREND_PERIODS).reverse();
  const first = shiftMonth(trend[0] as MonthText, -((indicator.rollingMonths ?? 1) - 1));
  return { trend, all: monthRange(first, trend.at(-1) as MonthText) };
}

/** The indicators whose entered values an indicator's figure is made from. */
export const baseOf = (i: IndicatorRecord): string[] =>
  i.aggregation === 'ratio'
    ? [i.numeratorId as string, i.denominatorId as string]
    : i.aggregation === 'weighted'
      ? [i.id, i.weightId as string]
      : [i.id];

/** The indicator whose reporters are counted for staleness. */
const countedOf = (i: IndicatorRecord) => (i.aggregation === 'ratio' ? (i.numeratorId as string) : i.id);

/** Finishes a figure from the parts per month, the targets and the counts of reporters. */
export function finishFigure(
  indicator: IndicatorRecord,
  month: MonthText,
  sheet: Sheet,
  counted: { reported: Map<MonthText, number>; expected: number },
  lineage: readonly string[],
  targets: readonly TargetRow[],
): IndicatorFigure {
  const { trend } = monthsNeeded(indicator, month);
  const aggregation = indicator.aggregation === 'none' ? 'sum' : indicator.aggregation;
  const plain = (kind: ValueKind, m: MonthText): Decimal | null => {
    const parts = sheet[kind].get(m);
    return parts ? figureOf(aggregation, parts, indicator.scale) : null;
  };
  const figure = (kind: ValueKind, m: MonthText): Decimal | null => {
    const n = indicator.rollingMonths;
    if (!n) return plain(kind, m);
    if (plain(kind, m) === null) return null;
    return averageOf(monthRange(shiftMonth(m, -(n - 1)), m).map((x) => plain(kind, x)));
  };
  const due = dueMonth(indicator.frequency, month);
  const shown = shownFigure(due, counted.reported, counted.expected, trend);
  const outcome = shown.month ? figure('outcome', shown.month) : null;
  const forecastMonth = [...trend].reverse().find((m) => m <= due && plain('forecast', m) !== null) ?? null;
  const forecast = forecastMonth ? figure('forecast', forecastMonth) : null;
  const target = targetFor(lineage, due, targets);
  return {
    id: indicator.id,
    name: indicator.name,
    measureUnit: indicator.measureUnit,
    direction: indicator.direction,
    aggregation: indicator.aggregation,
    frequency: indicator.frequency,
    target: target ? Number(target.target) : null,
    tolerance: target ? Number(target.tolerance) : null,
    outcome: jsonNumber(outcome),
    outcomeMonth: shown.month,
    forecast: jsonNumber(forecast),
    forecastMonth,
    status: statusOf(indicator.direction, outcome === null ? null : outcome.toDecimalPlaces(4), target),
    stale: shown.stale,
    reported: counted.reported.get(due) ?? 0,
    expected: counted.expected,
    trend: trend.map((m) => {
      const t = targetFor(lineage, m, targets);
      return { period: m, outcome: jsonNumber(figure('outcome', m)), target: t ? Number(t.target) : null };
    }),
  };
}

const unitFilter = (units: readonly string[] | null) =>
  units === null ? sql<boolean>`true` : sql<boolean>`unit_id = ANY(${[...units]}::text[])`;

/**
 * Figures of indicators for one unit, summed in the database over the unit's subtree (or its
 * own values for indicators that do not aggregate). `units` is null for the whole tree.
 */
export async function figuresForUnit(
  db: Executor,
  tree: OrgIndex,
  unitId: string,
  indicators: readonly IndicatorRecord[],
  month: MonthText,
): Promise<Map<string, IndicatorFigure>> {
  const out = new Map<string, IndicatorFigure>();
  if (indicators.length === 0) return out;
  const wholeTree = tree.roots().length === 1 && tree.roots()[0] === unitId;
  const subtree = wholeTree ? null : tree.subtree(unitId);
  const ranges = indicators.map((i) => monthsNeeded(i, month).all);
  const from = ranges.map((r) => r[0] as string).sort()[0] as string;
  const to = ranges
    .map((r) => r.at(-1) as string)
    .sort()
    .at(-1) as string;

  const aggregated = indicators.filter((i) => i.aggregation !== 'none');
  const own = indicators.filter((i) => i.aggregation === 'none');
  // Every aggregated indicator's reporters are counted from the same sums.
  const sumIds = [
    ...new Set([...aggregated.filter((i) => i.aggregation !== 'latest').flatMap(baseOf), ...aggregated.map(countedOf)]),
  ];
  const countIds = [...new Set(indicators.map(countedOf))];

  const sums = async (ids: string[], units: readonly string[] | null) =>
    ids.length === 0
      ? []
      : db
          .selectFrom('indicator_values')
          .select([
            'indicator_id',
            'kind',
            'period',
            sql<string>`sum(value)::text`.as('total'),
            sql<string>`count(*)::int`.as('n'),
          ])
          .where('indicator_id', 'in', ids)
          .where('period', '>=', from)
          .where('period', '<=', to)
          .where(unitFilter(units))
          .groupBy(['indicator_id', 'kind', 'period'])
          .execute();

  const [summed, ownRows, latestRows, expectedRows] = await Promise.all([
    sums(sumIds, subtree),
    sums(
      own.map((i) => i.id),
      [unitId],
    ),
    aggregated.some((i) => i.aggregation === 'latest')
      ? db
          .selectFrom('indicator_values')
          .distinctOn(['indicator_id', 'kind', 'period'])
          .select(['indicator_id', 'kind', 'period', 'value', 'entered_at'])
          .where(
            'indicator_id',
            'in',
            aggregated.filter((i) => i.aggregation === 'latest').map((i) => i.id),
          )
          .where('period', '>=', from)
          .where('period', '<=', to)
          .where(unitFilter(subtree))
          .orderBy('indicator_id')
          .orderBy('kind')
          .orderBy('period')
          .orderBy('entered_at', 'desc')
          .execute()
      : [],
    // Distinct pairs first: hashed, where count(DISTINCT …) would sort every row.
    db
      .selectFrom(
        db
          .selectFrom('indicator_values')
          .select(['indicator_id', 'unit_id'])
          .distinct()
          .where('indicator_id', 'in', countIds)
          .where('kind', '=', 'outcome')
          .where('period', '>=', from)
          .where('period', '<=', to)
          .where(unitFilter(subtree))
          .as('reporters'),
      )
      .select(['indicator_id', sql<string>`count(*)::int`.as('n')])
      .groupBy('indicator_id')
      .execute(),
  ]);

  const weightedRows = await Promise.all(
    aggregated
      .filter((i) => i.aggregation === 'weighted')
      .map(async (i) => ({
        id: i.id,
        rows: await db
          .selectFrom('indicator_values as v')
          .innerJoin('indicator_values as w', (j) =>
            j
              .onRef('w.unit_id', '=', 'v.unit_id')
              .onRef('w.period', '=', 'v.period')
              .on('w.indicator_id', '=', i.weightId as string)
              .on('w.kind', '=', 'outcome'),
          )
          .select([
            'v.kind',
            'v.period',
            sql<string>`sum(v.value * w.value)::text`.as('weighted'),
            sql<string>`sum(w.value)::text`.as('weight'),
            sql<string>`count(*)::int`.as('n'),
          ])
          .where('v.indicator_id', '=', i.id)
          .where('v.period', '>=', from)
          .where('v.period', '<=', to)
          .where(sql<boolean>`${subtree === null ? sql`true` : sql`v.unit_id = ANY(${[...subtree]}::text[])`}`)
          .groupBy(['v.kind', 'v.period'])
          .execute(),
      })),
  );

  const key = (id: string, kind: string, period: string) => `${id}|${kind}|${period}`;
  const summedBy = new Map(summed.map((r) => [key(r.indicator_id, r.kind, r.period), r]));
  const ownBy = new Map(ownRows.map((r) => [key(r.indicator_id, r.kind, r.period), r]));
  const latestBy = new Map(latestRows.map((r) => [key(r.indicator_id, r.kind, r.period), r]));
  const weightedBy = new Map(weightedRows.flatMap((w) => w.rows.map((r) => [key(w.id, r.kind, r.period), r] as const)));
  const expectedBy = new Map(expectedRows.map((r) => [r.indicator_id, Number(r.n)]));

  const lineage = tree.lineage(unitId);
  const targetRows = await db
    .selectFrom('indicator_targets')
    .selectAll()
    .where(
      'indicator_id',
      'in',
      indicators.map((i) => i.id),
    )
    .where('unit_id', 'in', lineage)
    .execute();

  for (const indicator of indicators) {
    const sheet = emptySheet();
    const reported = new Map<MonthText, number>();
    const countSource = indicator.aggregation === 'none' ? ownBy : summedBy;
    for (const m of monthsNeeded(indicator, month).all) {
      for (const kind of ['outcome', 'forecast'] as const) {
        let parts: Parts | null = null;
        const s = (id: string) => summedBy.get(key(id, kind, m));
        if (indicator.aggregation === 'sum') {
          const r = s(indicator.id);
          if (r) parts = { ...EMPTY_PARTS, sum: new Decimal(r.total), count: Number(r.n) };
        } else if (indicator.aggregation === 'ratio') {
          const num = s(indicator.numeratorId as string);
          const den = s(indicator.denominatorId as string);
          // A unit without a numerator adds nothing to it (no agency staff: no agency cost).
          if (den)
            parts = { ...partsOf({ numerator: num?.total ?? 0, denominator: den.total }), count: Number(num?.n ?? 0) };
        } else if (indicator.aggregation === 'weighted') {
          const r = weightedBy.get(key(indicator.id, kind, m));
          if (r)
            parts = {
              ...EMPTY_PARTS,
              weighted: new Decimal(r.weighted),
              weight: new Decimal(r.weight),
              count: Number(r.n),
            };
        } else if (indicator.aggregation === 'latest') {
          const r = latestBy.get(key(indicator.id, kind, m));
          if (r) parts = partsOf({ value: r.value, enteredAt: new Date(r.entered_at).getTime() });
        } else {
          const r = ownBy.get(key(indicator.id, kind, m));
          if (r) parts = partsOf({ value: r.total });
        }
        if (parts) sheet[kind].set(m, parts);
      }
      const counted = countSource.get(key(countedOf(indicator), 'outcome', m));
      if (counted) reported.set(m, Number(counted.n));
    }
    const expected =
      indicator.aggregation === 'none'
        ? Math.max(0, ...reported.values()) > 0
          ? 1
          : 0
        : (expectedBy.get(countedOf(indicator)) ?? 0);
    out.set(
      indicator.id,
      finishFigure(
        indicator,
        month,
        sheet,
        { reported, expected },
        lineage,
        targetRows
          .filter((t) => t.indicator_id === indicator.id)
          .map((t) => ({ unitId: t.unit_id, period: t.period, target: t.target, tolerance: t.tolerance })),
      ),
    );
  }
  return out;
}

/**
 * One indicator's figure for every unit of a subtree, built the other way: each unit's
 * entered values are read once and merged up the tree unit by unit. The cross-unit view uses
 * it; the two ways agreeing is tested.
 */
export async function figuresAcrossTree(
  db: Executor,
  tree: OrgIndex,
  rootId: string,
  indicator: IndicatorRecord,
  month: MonthText,
): Promise<Map<string, IndicatorFigure>> {
  const { all } = monthsNeeded(indicator, month);
  const from = all[0] as string;
  const to = all.at(-1) as string;
  const units = tree.subtree(rootId);
  const base = baseOf(indicator);
  const rows = await db
    .selectFrom('indicator_values')
    .select(['indicator_id', 'unit_id', 'kind', 'period', 'value', 'entered_at'])
    .where('indicator_id', 'in', base)
    .where('period', '>=', from)
    .where('period', '<=', to)
    .where(unitFilter(units))
    .execute();
  const targets = (
    await db.selectFrom('indicator_targets').selectAll().where('indicator_id', '=', indicator.id).execute()
  ).map((t) => ({ unitId: t.unit_id, period: t.period, target: t.target, tolerance: t.tolerance }));

  // Each unit's own readings per kind and month.
  const readings = new Map<string, Sheet>();
  const counted = countedOf(indicator);
  const ownReported = new Map<string, Set<MonthText>>();
  const index = new Map<
    string,
    Map<string, { value?: string; numerator?: string; denominator?: string; weight?: string; enteredAt?: number }>
  >();
  for (const r of rows) {
    const k = `${r.kind}|${r.period}`;
    const perUnit = index.get(r.unit_id) ?? new Map();
    index.set(r.unit_id, perUnit);
    const reading = perUnit.get(k) ?? {};
    if (indicator.aggregation === 'ratio') {
      if (r.indicator_id === indicator.numeratorId) reading.numerator = r.value;
      else reading.denominator = r.value;
    } else if (indicator.aggregation === 'weighted' && r.indicator_id === indicator.weightId) {
      if (r.kind === 'outcome') {
        reading.weight = r.value;
        // The weight of an outcome month also weighs that month's forecast.
        const f = perUnit.get(`forecast|${r.period}`) ?? {};
        f.weight = r.value;
        perUnit.set(`forecast|${r.period}`, f);
      }
    } else {
      reading.value = r.value;
      reading.enteredAt = new Date(r.entered_at).getTime();
    }
    perUnit.set(k, reading);
    if (r.indicator_id === counted && r.kind === 'outcome') {
      const s = ownReported.get(r.unit_id) ?? new Set<MonthText>();
      ownReported.set(r.unit_id, s);
      s.add(r.period);
    }
  }
  for (const [unit, perUnit] of index) {
    const sheet = emptySheet();
    for (const [k, reading] of perUnit) {
      const [kind, period] = k.split('|') as [ValueKind, MonthText];
      const complete =
        indicator.aggregation === 'ratio'
          ? reading.numerator !== undefined || reading.denominator !== undefined
          : indicator.aggregation === 'weighted'
            ? reading.value !== undefined && reading.weight !== undefined
            : reading.value !== undefined;
      if (complete) sheet[kind].set(period, partsOf(reading));
    }
    readings.set(unit, sheet);
  }

  // Merge bottom-up: children before parents (reverse depth-first order).
  const merged = new Map<string, Sheet>();
  const reportedBelow = new Map<string, { months: Map<MonthText, number>; expected: number }>();
  for (const unit of [...units].reverse()) {
    const sheet = emptySheet();
    const months = new Map<MonthText, number>();
    let expected = 0;
    const own = readings.get(unit);
    const sources = indicator.aggregation === 'none' ? [own] : [own, ...tree.children(unit).map((c) => merged.get(c))];
    for (const src of sources) {
      if (!src) continue;
      for (const kind of ['outcome', 'forecast'] as const)
        for (const [m, p] of src[kind]) sheet[kind].set(m, mergeParts(sheet[kind].get(m) ?? EMPTY_PARTS, p));
    }
    const ownMonths = ownReported.get(unit);
    if (ownMonths && ownMonths.size > 0) {
      expected += 1;
      for (const m of ownMonths) months.set(m, (months.get(m) ?? 0) + 1);
    }
    if (indicator.aggregation !== 'none')
      for (const c of tree.children(unit)) {
        const below = reportedBelow.get(c);
        if (!below) continue;
        expected += below.expected;
        for (const [m, n] of below.months) months.set(m, (months.get(m) ?? 0) + n);
      }
    merged.set(unit, sheet);
    reportedBelow.set(unit, { months, expected });
  }

  const out = new Map<string, IndicatorFigure>();
  for (const unit of units) {
    const counts = reportedBelow.get(unit) ?? { months: new Map(), expected: 0 };
    out.set(
      unit,
      finishFigure(
        indicator,
        month,
        merged.get(unit) ?? emptySheet(),
        { reported: counts.months, expected: counts.expected },
        tree.lineage(unit),
        targets,
      ),
    );
  }
  return out;
}
