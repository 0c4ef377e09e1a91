import type { z } from '@hono/zod-openapi';
import Decimal from 'decimal.js';
import { type MonthText, monthRange, shiftMonth } from '../../domain/indicators/months';
import { averageOf, EMPTY_PARTS, figureOf, type Parts, partsOf } from '../../domain/indicators/rollup';
import { dueMonth, dueMonths, shownFigure } from '../../domain/indicators/staleness';
import { statusOf } from '../../domain/indicators/status';
import { type TargetRow, targetFor } from '../../domain/indicators/targets';
import type { OrgIndex } from '../../domain/org';
import type { ValueKind } from '../../domain/steering';
import type { Executor } from '../core/context';
import { jsonNumber } from '../core/json-number';
import type { IndicatorRecord } from './indicators';
import { keptRollups, type RollupParts, type RollupRow } from './rollups';
import type { AcrossFigureSchema, IndicatorFigureSchema } from './schemas';

/** How many reporting periods a trend shows, and how far back a missing figure is looked for. */
export const TREND_PERIODS = 12;

/** An indicator's figure for a unit and a month with its trend, as the scorecard shows it. */
export type IndicatorFigure = z.infer<typeof IndicatorFigureSchema>;

/** Parts per kind and month for one indicator at one unit (null: nothing kept for that month). */
type Sheet = (kind: ValueKind, m: MonthText) => Parts | null;

/** The months an indicator's figures in `month` draw on: its trend, widened for rolling averages. */
export function monthsNeeded(
  indicator: IndicatorRecord,
  month: MonthText,
): { readonly trend: readonly MonthText[]; readonly all: readonly MonthText[] } {
  // Asked for once per unit and figure, the same few answers: the cross-unit view asks 5 000 times.
  const key = `${indicator.frequency}|${indicator.rollingMonths ?? 1}|${month}`;
  let needed = monthsMemo.get(key);
  if (!needed) {
    const trend = dueMonths(indicator.frequency, month, TREND_PERIODS).reverse();
    const first = shiftMonth(trend[0] as MonthText, -((indicator.rollingMonths ?? 1) - 1));
    needed = Object.freeze({
      trend: Object.freeze(trend),
      all: Object.freeze(monthRange(first, trend.at(-1) as MonthText)),
    });
    if (monthsMemo.size >= 1000) monthsMemo.clear();
    monthsMemo.set(key, needed);
  }
  return needed;
}
const monthsMemo = new Map<string, { readonly trend: readonly MonthText[]; readonly all: readonly MonthText[] }>();

/** The indicators whose entered values an indicator's figure is made from. */
export const baseOf = (i: IndicatorRecord): string[] =>
  i.aggregation === 'ratio'
    ? [i.numeratorId as string, i.denominatorId as string]
    : i.aggregation === 'weighted'
      ? [i.id, i.weightId as string]
      : [i.id];

/** The indicator whose reporters are counted for staleness. */
const countedOf = (i: IndicatorRecord) => (i.aggregation === 'ratio' ? (i.numeratorId as string) : i.id);

/** A unit's figure in the cross-unit view: the month's, without the trend. */
export type AcrossFigure = z.infer<typeof AcrossFigureSchema>;

/**
 * Finishes the month's figure from the parts per month, the targets and the counts of reporters,
 * and gives the figure of any month of the look-back for the trend.
 */
function monthFigure(
  indicator: IndicatorRecord,
  month: MonthText,
  sheet: Sheet,
  counted: { reported: Map<MonthText, number>; expected: number },
  lineage: readonly string[],
  targets: readonly TargetRow[],
): { shown: AcrossFigure; figure: (kind: ValueKind, m: MonthText) => Decimal | null } {
  const { trend } = monthsNeeded(indicator, month);
  const aggregation = indicator.aggregation === 'none' ? 'sum' : indicator.aggregation;
  // The trend, the shown figure and rolling averages ask for the same months again.
  const plainOf = new Map<string, Decimal | null>();
  const plain = (kind: ValueKind, m: MonthText): Decimal | null => {
    const key = `${kind}${m}`;
    let figure = plainOf.get(key);
    if (figure === undefined) {
      const parts = sheet(kind, m);
      figure = parts ? figureOf(aggregation, parts, indicator.scale) : null;
      plainOf.set(key, figure);
    }
    return figure;
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
  // The newest month up to the due one that has a forecast.
  let forecastMonth: MonthText | null = null;
  for (let i = trend.length - 1; i >= 0 && forecastMonth === null; i--) {
    const m = trend[i] as MonthText;
    if (m <= due && plain('forecast', m) !== null) forecastMonth = m;
  }
  const forecast = forecastMonth ? figure('forecast', forecastMonth) : null;
  const target = targetFor(lineage, due, targets);
  return {
    shown: {
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
    },
    figure,
  };
}

/** Finishes a figure with its trend from the parts per month, the targets and the counts of reporters. */
export function finishFigure(...args: Parameters<typeof monthFigure>): IndicatorFigure {
  const [indicator, month, , , lineage, targets] = args;
  const { shown, figure } = monthFigure(...args);
  return {
    ...shown,
    trend: monthsNeeded(indicator, month).trend.map((m) => {
      const t = targetFor(lineage, m, targets);
      return { period: m, outcome: jsonNumber(figure('outcome', m)), target: t ? Number(t.target) : null };
    }),
  };
}

/**
 * One indicator's parts per kind and month at one unit, and how many units reported, from the
 * kept roll-up rows of that unit (`row(indicatorId, kind, month)`). The counts are taken for the
 * whole look-back (staleness needs them); the parts are made only for the months a figure asks
 * for (a month's figure without its trend asks for one or two of them).
 */
function sheetFromRollups(
  indicator: IndicatorRecord,
  month: MonthText,
  row: (id: string, kind: ValueKind, m: MonthText) => RollupRow | undefined,
): { sheet: Sheet; reported: Map<MonthText, number>; expected: number } {
  const reported = new Map<MonthText, number>();
  for (const m of monthsNeeded(indicator, month).all) {
    const counted = row(countedOf(indicator), 'outcome', m);
    const n = indicator.aggregation === 'none' ? (counted?.own_value != null ? 1 : 0) : Number(counted?.n ?? 0);
    if (n > 0) reported.set(m, n);
  }
  const sheet: Sheet = (kind, m) => {
    if (indicator.aggregation === 'sum') {
      const r = row(indicator.id, kind, m);
      return r ? { ...EMPTY_PARTS, sum: new Decimal(r.total), count: Number(r.n) } : null;
    }
    if (indicator.aggregation === 'ratio') {
      const den = row(indicator.denominatorId as string, kind, m);
      if (!den) return null;
      // A unit without a numerator adds nothing to it (no agency staff: no agency cost).
      const num = row(indicator.numeratorId as string, kind, m);
      return { ...partsOf({ numerator: num?.total ?? 0, denominator: den.total }), count: Number(num?.n ?? 0) };
    }
    if (indicator.aggregation === 'weighted') {
      const r = row(indicator.id, kind, m);
      return r && Number(r.weighted_n) > 0
        ? {
            ...EMPTY_PARTS,
            weighted: new Decimal(r.weighted),
            weight: new Decimal(r.weight),
            count: Number(r.weighted_n),
          }
        : null;
    }
    const r = row(indicator.id, kind, m);
    if (indicator.aggregation === 'latest')
      return r?.latest_value != null
        ? partsOf({ value: r.latest_value, enteredAt: new Date(r.latest_at as string).getTime() })
        : null;
    return r?.own_value != null ? partsOf({ value: r.own_value }) : null;
  };
  // Expected reporters: the most that reported in any one month of the look-back (decision 007).
  return { sheet, reported, expected: Math.max(0, ...reported.values()) };
}

const rowKey = (id: string, unit: string, kind: string, period: string) => `${id}|${unit}|${kind}|${period}`;

/** The base indicators whose kept rows an indicator's figure reads. */
const readOf = (i: IndicatorRecord) => [...new Set([...baseOf(i), countedOf(i)])];

/** The parts of the kept rows that some indicators' figures read. */
const partsFor = (indicators: readonly IndicatorRecord[]): RollupParts => ({
  own: indicators.some((i) => i.aggregation === 'none'),
  weighted: indicators.some((i) => i.aggregation === 'weighted'),
  latest: indicators.some((i) => i.aggregation === 'latest'),
});

/** A target as stored: an indicator's target and tolerance set at a unit from a month. */
export interface IndicatorTargetRow {
  indicator_id: string;
  unit_id: string;
  period: string;
  target: string;
  tolerance: string;
}

const targetsOf = (rows: readonly IndicatorTargetRow[]) =>
  rows.map((t) => ({ unitId: t.unit_id, period: t.period, target: t.target, tolerance: t.tolerance }));

/**
 * Figures of indicators for one unit, read from the kept roll-ups of the unit (its whole
 * subtree, or its own values for indicators that do not aggregate): a handful of rows per
 * indicator, however many units are below.
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
  const ranges = indicators.map((i) => monthsNeeded(i, month).all);
  const from = ranges.map((r) => r[0] as string).sort()[0] as string;
  const to = ranges
    .map((r) => r.at(-1) as string)
    .sort()
    .at(-1) as string;
  const lineage = tree.lineage(unitId);
  const [rows, targetRows] = await Promise.all([
    keptRollups(db, tree, indicators.flatMap(readOf), [unitId], from, to, partsFor(indicators)),
    db
      .selectFrom('indicator_targets')
      .selectAll()
      .where(
        'indicator_id',
        'in',
        indicators.map((i) => i.id),
      )
      .where('unit_id', 'in', lineage)
      .execute(),
  ]);
  const byKey = new Map(rows.map((r) => [rowKey(r.indicator_id, r.unit_id, r.kind, r.period), r]));
  for (const indicator of indicators) {
    const { sheet, reported, expected } = sheetFromRollups(indicator, month, (id, kind, m) =>
      byKey.get(rowKey(id, unitId, kind, m)),
    );
    out.set(
      indicator.id,
      finishFigure(
        indicator,
        month,
        sheet,
        { reported, expected },
        lineage,
        targetsOf(targetRows.filter((t) => t.indicator_id === indicator.id)),
      ),
    );
  }
  return out;
}

/**
 * One indicator's figure for every unit of a subtree (or only the units `only`, a page of the
 * cross-unit view), each read from that unit's kept roll-up rows, as `figuresForUnit` reads
 * them for one unit.
 *
 * Thousands of units make this a bulk job: the rows are filed per unit in an array indexed by
 * indicator, kind and month (no string keys to build and hash per lookup), the whole tree's rows
 * are read without a list of 5 000 unit ids when the subtree is the whole tree, and a unit's
 * lineage is cut to the units on it that set targets for the indicator (the others add nothing
 * to `targetFor`).
 */
export async function figuresAcrossTree(
  db: Executor,
  tree: OrgIndex,
  rootId: string,
  indicator: IndicatorRecord,
  month: MonthText,
  targetRows: readonly IndicatorTargetRow[],
  only?: readonly string[],
): Promise<Map<string, AcrossFigure>> {
  const { all } = monthsNeeded(indicator, month);
  const units = only ?? tree.subtree(rootId);
  const ids = readOf(indicator);
  // Filtering by a long list of units costs more than reading the rows of the units outside it.
  const wholeTree = !only && tree.roots().length === 1 && rootId === tree.roots()[0];
  const rows = await keptRollups(
    db,
    tree,
    ids,
    wholeTree ? null : units,
    all[0] as string,
    all.at(-1) as string,
    partsFor([indicator]),
  );
  const targets = targetsOf(targetRows);
  const monthIndex = new Map(all.map((m, i) => [m as string, i]));
  const idIndex = new Map(ids.map((id, i) => [id, i]));
  const slots = ids.length * 2 * all.length;
  const slotOf = (id: string, kind: string, m: string) =>
    ((idIndex.get(id) as number) * 2 + (kind === 'outcome' ? 0 : 1)) * all.length + (monthIndex.get(m) as number);
  const byUnit = new Map<string, (RollupRow | undefined)[]>();
  for (const r of rows) {
    if (!monthIndex.has(r.period) || !idIndex.has(r.indicator_id)) continue;
    let sheet = byUnit.get(r.unit_id);
    if (!sheet) {
      sheet = new Array(slots);
      byUnit.set(r.unit_id, sheet);
    }
    sheet[slotOf(r.indicator_id, r.kind, r.period)] = r;
  }
  // Only the units on a lineage that set targets can answer `targetFor`; the rest are skipped.
  const targetUnits = new Set(targets.map((t) => t.unitId));
  const out = new Map<string, AcrossFigure>();
  // Units without kept rows (nothing reported below them) differ only by the targets on their
  // lineage: their figure is finished once per such lineage.
  const withoutRows = new Map<string, AcrossFigure>();
  const noRow = () => undefined;
  for (const unit of units) {
    const lineage = targetUnits.size === 0 ? [] : tree.lineage(unit).filter((u) => targetUnits.has(u));
    const sheetRows = byUnit.get(unit);
    const key = sheetRows ? null : lineage.join('|');
    const known = key === null ? undefined : withoutRows.get(key);
    if (known) {
      out.set(unit, known);
      continue;
    }
    const { sheet, reported, expected } = sheetFromRollups(
      indicator,
      month,
      sheetRows ? (id, kind, m) => sheetRows[slotOf(id, kind, m)] : noRow,
    );
    const shown = monthFigure(indicator, month, sheet, { reported, expected }, lineage, targets).shown;
    if (key !== null) withoutRows.set(key, shown);
    out.set(unit, shown);
  }
  return out;
}
