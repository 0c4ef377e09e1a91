/** Calendar dates are ISO strings `YYYY-MM-DD`: what a validity period or a decision date is. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The calendar date in Sweden at an instant; the region's day starts at Swedish midnight. */
export function swedishDate(at: Date): IsoDate {
  // Every request asks, mostly within the same minute: Sweden's day changes only on a whole
  // minute (its offsets are whole hours), so the answer for a minute holds for all of it.
  const minute = Math.floor(at.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastMinute = minute;
    lastDay = SWEDISH_DAY.format(at);
  }
  return lastDay;
}

let lastMinute = Number.NaN;
let lastDay: IsoDate = '';

// Built once: constructing a formatter loads locale and time-zone data and costs far more than
// formatting (it was the largest single cost of a signed-in request), and every request asks.
const SWEDISH_DAY = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** A validity interval [from, to): `to` is the first day it no longer holds; null is open. */
export interface Validity {
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export function isValidOn(v: Validity, day: IsoDate): boolean {
  return v.validFrom <= day && (v.validTo === null || day < v.validTo);
}
