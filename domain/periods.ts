import { swedishDate } from './dates';
import { DomainError } from './errors';

/**
 * Periods are values, never free strings: a month `2025-09`, a tertial `2025-T2`
 * (T1 Jan–Apr, T2 May–Aug, T3 Sep–Dec) or a year `2025`.
 */
export type Period =
  | { kind: 'month'; year: number; month: number }
  | { kind: 'tertial'; year: number; tertial: 1 | 2 | 3 }
  | { kind: 'year'; year: number };

const PATTERN = /^(\d{4})(?:-(?:(\d{2})|T([1-3])))?$/;

export function tryParsePeriod(text: string): Period | null {
  const m = PATTERN.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900 || year > 2200) return null;
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? { kind: 'month', year, month } : null;
  }
  if (m[3] !== undefined) return { kind: 'tertial', year, tertial: Number(m[3]) as 1 | 2 | 3 };
  return { kind: 'year', year };
}

/** Parses a period or throws 400 naming the field. */
export function parsePeriod(text: string, field = 'period'): Period {
  const p = tryParsePeriod(text);
  if (!p)
    throw new DomainError('bad_request', `Ogiltig period "${text}".`, {
      fields: [{ field, message: 'ska vara en månad ÅÅÅÅ-MM, ett tertial ÅÅÅÅ-T1…T3 eller ett år ÅÅÅÅ' }],
    });
  return p;
}

export function formatPeriod(p: Period): string {
  switch (p.kind) {
    case 'month':
      return `${p.year}-${String(p.month).padStart(2, '0')}`;
    case 'tertial':
      return `${p.year}-T${p.tertial}`;
    case 'year':
      return String(p.year);
  }
}

export const monthPeriod = (year: number, month: number): Period => ({ kind: 'month', year, month });

/** The months a period covers, in order. */
export function monthsOf(p: Period): Period[] {
  const [first, count] =
    p.kind === 'month' ? [p.month, 1] : p.kind === 'tertial' ? [(p.tertial - 1) * 4 + 1, 4] : [1, 12];
  return Array.from({ length: count }, (_, i) => monthPeriod(p.year, first + i));
}

export const tertialOfMonth = (month: number): 1 | 2 | 3 => (Math.floor((month - 1) / 4) + 1) as 1 | 2 | 3;

/** An index of months since year 0, for ordering and distances. */
const monthIndex = (year: number, month: number) => year * 12 + (month - 1);

function bounds(p: Period): [number, number] {
  const months = monthsOf(p);
  const first = months[0] as Extract<Period, { kind: 'month' }>;
  const last = months.at(-1) as Extract<Period, { kind: 'month' }>;
  return [monthIndex(first.year, first.month), monthIndex(last.year, last.month)];
}

/** Orders by start, then by length (a month before the tertial that starts with it). */
export function comparePeriods(a: Period, b: Period): number {
  const [as, ae] = bounds(a);
  const [bs, be] = bounds(b);
  return as - bs || ae - be;
}

export function contains(outer: Period, inner: Period): boolean {
  const [os, oe] = bounds(outer);
  const [is, ie] = bounds(inner);
  return os <= is && ie <= oe;
}

/** The month `n` months after (before, when negative) a month. */
export function addMonths(p: Extract<Period, { kind: 'month' }>, n: number): Extract<Period, { kind: 'month' }> {
  const i = monthIndex(p.year, p.month) + n;
  return { kind: 'month', year: Math.floor(i / 12), month: (i % 12) + 1 };
}

/** The last `count` months ending with `end`, oldest first (a trend, a rolling average). */
export function trailingMonths(end: Extract<Period, { kind: 'month' }>, count: number) {
  return Array.from({ length: count }, (_, i) => addMonths(end, i - count + 1));
}

/** The month an instant falls in, in Swedish time. */
export function monthOfDate(at: Date): Extract<Period, { kind: 'month' }> {
  const [year, month] = swedishDate(at).split('-').map(Number);
  return { kind: 'month', year: year as number, month: month as number };
}

/**
 * The current follow-up month (uppföljningsmånad), the period every page opens on: the newest
 * month the annual cycle follows up that has ended by `now` (a month is reported after it ends),
 * else, with no such occasion, the last whole month. `followedUp` are the months of the
 * cycle's follow-up occasions (`YYYY-MM`), in any order.
 */
export function currentFollowupMonth(now: Date, followedUp: readonly string[]): string {
  const lastWhole = formatPeriod(addMonths(monthOfDate(now), -1));
  const candidates = followedUp.filter((m) => /^\d{4}-\d{2}$/.test(m) && m <= lastWhole).sort();
  return candidates.at(-1) ?? lastWhole;
}
