import { compareSwedish } from '../../../domain/collation';
import { formatMoney } from '../../../domain/money';
import type { MeetingRef, Outcome, Series } from './types';

// How reports, meetings and what the boards did are named: the way a protocol writes them,
// "Regionstyrelsen 2024-09-16 § 122", whatever the UI language.

/** "122", "§122" or "§ 122" → "§ 122"; nothing for an empty paragraph. */
export function paragraphText(paragraph: string | null | undefined): string {
  const bare = (paragraph ?? '').replace(/^\s*§\s*/, '').trim();
  return bare ? `§\u00a0${bare}` : '';
}

/** The paragraph as typed, without a leading "§", as the API takes it. */
export const bareParagraph = (typed: string): string => typed.replace(/^\s*§\s*/, '').trim();

/** "Regionstyrelsen 2024-09-16 § 122"; without a paragraph, "Regionstyrelsen 2024-09-16". */
export function meetingLabel(
  meeting: Pick<MeetingRef, 'bodyName' | 'meetsOn'> & { paragraph?: string | null },
): string {
  return [meeting.bodyName, meeting.meetsOn, paragraphText(meeting.paragraph)].filter(Boolean).join(' ');
}

/** The translation key of what a body did with a report. */
export const outcomeKey = (outcome: Outcome): string => `reports.outcome.${outcome}`;

/**
 * A series is flagged when the body has only noted the information two or more times in a
 * row: it was informed again and again and decided nothing. The count for the flag, else null.
 */
export function notedFlag(series: Pick<Series, 'notedInARow'> & Partial<Pick<Series, 'flagged'>>): number | null {
  const flagged = series.flagged ?? series.notedInARow >= 2;
  return flagged && series.notedInARow > 0 ? series.notedInARow : null;
}

/** How many reports a series holds. */
export const seriesSize = (series: Pick<Series, 'reports'>): number => series.reports.length;

/** Flagged series first (longest run first), then by body and unit. */
export function sortSeries(series: readonly Series[]): Series[] {
  return [...series].sort(
    (a, b) =>
      (notedFlag(b) ?? 0) - (notedFlag(a) ?? 0) ||
      compareSwedish(a.bodyName, b.bodyName) ||
      compareSwedish(a.unitName, b.unitName),
  );
}

/** The first twelve characters of a content hash: enough to compare two printouts by eye. */
export const shortHash = (hash: string): string => hash.replace(/^sha256:/, '').slice(0, 12);

const swedishDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' });

/** The Swedish calendar day of a timestamp, YYYY-MM-DD. */
export const dayOf = (iso: string): string => swedishDay.format(new Date(iso));

/**
 * Whole kronor in a report's content: a decimal string, as the API gives every amount; content
 * frozen before amounts were strings everywhere may hold a JSON number, read the same way.
 */
export type ContentKronor = string | number | null | undefined;

const digitsOf = (kronor: ContentKronor): string | null => {
  const text = kronor === null || kronor === undefined ? '' : String(kronor);
  return /^-?\d+$/.test(text) ? text : null;
};

/** Whole kronor in mnkr the way boards read them; null (or anything but whole kronor) is a dash. */
export function mnkrText(kronor: ContentKronor): string {
  const digits = digitsOf(kronor);
  return digits === null ? '–' : formatMoney(BigInt(digits)).replace('-', '\u2212');
}

/** The exact kronor, for a tooltip: "343 600 000 kr". */
export function kronorText(kronor: ContentKronor): string {
  const digits = digitsOf(kronor);
  return digits === null ? '–' : formatMoney(BigInt(digits), 'kr').replace('-', '\u2212');
}

/** Whether an amount is below zero (a shortfall against the target). */
export const isNegative = (kronor: ContentKronor): boolean => digitsOf(kronor)?.startsWith('-') ?? false;

/**
 * A key that makes a retried request harmless: the same one while the same request is
 * retried, a new one as soon as anything in it changes.
 */
export function keyFor(
  previous: { signature: string; key: string } | null,
  signature: string,
  make: () => string,
): { signature: string; key: string } {
  return previous && previous.signature === signature ? previous : { signature, key: make() };
}
