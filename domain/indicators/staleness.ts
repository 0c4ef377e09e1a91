import type { Frequency } from '../steering';
import { type MonthText, parseMonth, shiftMonth } from './months';

/**
 * The month whose value should be showing in `month`: the month itself for a monthly
 * indicator, the last month of the latest ended tertial (April, August, December) for a
 * tertial one, and the December before (or of) it for a yearly one.
 */
export function dueMonth(frequency: Frequency, month: MonthText): MonthText {
  const m = parseMonth(month);
  if (frequency === 'month') return month;
  const ends = frequency === 'tertial' ? [4, 8, 12] : [12];
  const end = [...ends].reverse().find((e) => e <= m.month);
  return end === undefined ? `${m.year - 1}-12` : `${m.year}-${String(end).padStart(2, '0')}`;
}

/** The months, newest first, that are due in `month` and the `count - 1` reporting periods before it. */
export function dueMonths(frequency: Frequency, month: MonthText, count: number): MonthText[] {
  const step = frequency === 'month' ? 1 : frequency === 'tertial' ? 4 : 12;
  const first = dueMonth(frequency, month);
  return Array.from({ length: count }, (_, i) => shiftMonth(first, -i * step));
}

export interface Shown {
  /** The month whose figure is shown, or null when there is none in the look-back. */
  month: MonthText | null;
  /** True when what is shown is not the due month's complete figure. */
  stale: boolean;
}

/**
 * Which month a figure is shown for, and whether it is stale. `reported` maps each month
 * that has any value to how many units reported it; `expected` is how many units report the
 * indicator at all. The due month is shown when anyone reported it — stale if not all did;
 * otherwise the newest earlier month in the look-back, stale; otherwise nothing.
 */
export function shownFigure(
  due: MonthText,
  reported: ReadonlyMap<MonthText, number>,
  expected: number,
  lookback: readonly MonthText[],
): Shown {
  const dueCount = reported.get(due) ?? 0;
  if (dueCount > 0) return { month: due, stale: dueCount < expected };
  const earlier = lookback.filter((m) => m < due && (reported.get(m) ?? 0) > 0).sort();
  const last = earlier.at(-1);
  return last ? { month: last, stale: true } : { month: null, stale: false };
}
