import { formatMoney, kronorInUnit, mnkrToKronor } from '../../../domain/money';

// Amounts arrive as whole kronor in JSON strings of digits, exact beyond 2^53. They are shown
// the way boards read them, "343,6 mnkr", rounded by domain/money on the exact decimal so a
// display never changes a sum. Arithmetic on them is done in BigInt.

/** Whole kronor as the API gives them ("-146600000"), or as a BigInt already. */
export type Kronor = string | bigint;

const NBSP = '\u00a0';
const MINUS = '\u2212';

/** "343,6 mnkr", "−146,6 mnkr"; null (no figure) is a dash. */
export function formatMnkr(kronor: Kronor | null): string {
  return kronor === null ? '–' : formatMoney(BigInt(kronor));
}

/** The exact amount for a tooltip or a detail: "343 600 000 kr", "−4 100 000 kr". */
export function formatKronor(kronor: Kronor | null): string {
  return kronor === null ? '–' : formatMoney(BigInt(kronor), 'kr');
}

/**
 * The exact amount in mnkr as a person types it, for an input's starting text: 2_345_678 →
 * "2,345678", −1_234_500_000 → "−1 234,5". Whatever is shown reads back to the same kronor.
 */
export function mnkrInputText(kronor: Kronor | null): string {
  if (kronor === null) return '';
  const exact = kronorInUnit(BigInt(kronor), 'mnkr');
  const negative = exact.startsWith('-');
  const [whole = '', fraction] = exact.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return `${negative ? MINUS : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

export type ParsedMnkr =
  | { ok: true; kronor: bigint }
  | { ok: false; reason: 'empty' | 'notANumber' | 'tooPrecise' | 'tooLarge' };

const SPACES = /[\s\u00a0\u202f\u2009]/g;

/**
 * Millions of kronor as typed ("8,5", "1 234,5", "−2.25") to whole kronor, exactly: the text
 * is read as decimal digits, never as a float. A millionth of a million is one krona, so more
 * than six decimals would be part of a krona and is refused.
 */
export function parseMnkrInput(text: string): ParsedMnkr {
  const compact = text.replace(SPACES, '').replace(/\u2212|\u2013/g, '-');
  if (compact === '') return { ok: false, reason: 'empty' };
  const m = /^-?(\d+)(?:[.,](\d+))?$/.exec(compact);
  if (!m) return { ok: false, reason: 'notANumber' };
  const [, whole = '', fraction = ''] = m;
  if (fraction.replace(/0+$/, '').length > 6) return { ok: false, reason: 'tooPrecise' };
  if (whole.replace(/^0+(?=\d)/, '').length > 12) return { ok: false, reason: 'tooLarge' };
  const digits = `${whole.replace(/^0+(?=\d)/, '')}${fraction ? `.${fraction.slice(0, 6)}` : ''}`;
  const kronor = mnkrToKronor(`${compact.startsWith('-') ? '-' : ''}${digits}`);
  return kronor === null ? { ok: false, reason: 'notANumber' } : { ok: true, kronor };
}

/** Whole kronor for a JSON body: a number while it is exact, else the digits (the API takes both). */
export function kronorJson(kronor: bigint): number | string {
  const n = Number(kronor);
  return Number.isSafeInteger(n) ? n : kronor.toString();
}

/** Kronor in mnkr as a plain number, only for drawing a chart (the table beside it shows exact text). */
export function mnkrForChart(kronor: Kronor): number {
  return Number(kronorInUnit(BigInt(kronor), 'mnkr'));
}

const abs = (x: bigint) => (x < 0n ? -x : x);

/** A part of a whole in percent with one decimal, "87,9 %"; a dash when the whole is zero. */
export function formatShare(part: Kronor, whole: Kronor): string {
  if (BigInt(whole) === 0n) return '–';
  // Tenths of a percent, rounded half away from zero, in bigint so large sums stay exact.
  const p = BigInt(part);
  const w = BigInt(whole);
  const tenths = (abs(p) * 2000n) / abs(w);
  const rounded = (tenths + 1n) / 2n;
  const negative = rounded !== 0n && p < 0n !== w < 0n;
  const digits = rounded.toString().padStart(2, '0');
  return `${negative ? MINUS : ''}${digits.slice(0, -1)},${digits.slice(-1)}${NBSP}%`;
}
