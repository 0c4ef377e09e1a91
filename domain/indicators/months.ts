import { DomainError } from '../errors';
import { addMonths, formatPeriod, type Period, tryParsePeriod } from '../periods';

/** A month as the steering data stores it: `YYYY-MM`. */
export type MonthText = string;
type Month = Extract<Period, { kind: 'month' }>;

export function parseMonth(text: string, field = 'period'): Month {
  const p = tryParsePeriod(text);
  if (p?.kind !== 'month')
    throw new DomainError('bad_request', `Ogiltig månad "${text}".`, {
      fields: [{ field, message: 'ska vara en månad ÅÅÅÅ-MM, t.ex. 2025-09' }],
    });
  return p;
}

export const isMonthText = (text: string): boolean => tryParsePeriod(text)?.kind === 'month';

export const shiftMonth = (month: MonthText, n: number): MonthText => formatPeriod(addMonths(parseMonth(month), n));

/** The `count` months ending with `end`, oldest first. */
export const monthsEnding = (end: MonthText, count: number): MonthText[] =>
  Array.from({ length: count }, (_, i) => shiftMonth(end, i - count + 1));

/** The months from `first` to `last`, both included. */
export function monthRange(first: MonthText, last: MonthText): MonthText[] {
  const out: MonthText[] = [];
  for (let m = first; m <= last; m = shiftMonth(m, 1)) out.push(m);
  return out;
}
