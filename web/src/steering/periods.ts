import { isMonthText, shiftMonth } from '../../../domain/indicators/months';
import { dueMonth } from '../../../domain/indicators/staleness';
import type { Frequency } from './types';

// Months in Swedish whatever the UI language, like dates elsewhere: these are Swedish records.
const monthYear = new Intl.DateTimeFormat('sv-SE', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthShort = new Intl.DateTimeFormat('sv-SE', { month: 'short', timeZone: 'UTC' });
const monthLong = new Intl.DateTimeFormat('sv-SE', { month: 'long', timeZone: 'UTC' });

const asDate = (period: string) => new Date(`${period}-15T12:00:00Z`);

/** "2025-03" → "mars 2025". */
export const formatMonth = (period: string): string => monthYear.format(asDate(period));

/** "2025-03" → "mars" (for column headings where the year stands above). */
export const monthName = (period: string): string => monthLong.format(asDate(period));

/** "2025-03" → "mars", "2025-01" → "jan." (short, for narrow columns). */
export const monthAbbreviation = (period: string): string => monthShort.format(asDate(period));

/** The month before the one a date (YYYY-MM-DD) falls in: the last whole month. */
export const previousMonth = (isoDate: string): string => shiftMonth(isoDate.slice(0, 7), -1);

/** The twelve months of a year, January first. */
export const monthsOfYear = (year: number): string[] =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

/** A month from the address, or null when it is missing or not a month. */
export const monthOrNull = (text: string | null): string | null => (text && isMonthText(text) ? text : null);

/**
 * Whether an indicator of a frequency takes a value for a month: every month, the last month of
 * each tertial (April, August, December), or December. The server refuses other months.
 */
export const reportsIn = (frequency: Frequency, period: string): boolean => dueMonth(frequency, period) === period;

/** The month an indicator's figure for `period` should be for (a tertial's or year's end). */
export const dueMonthOf = (frequency: Frequency, period: string): string => dueMonth(frequency, period);
