// Numbers as Swedish readers write and read them: "1 234,5", "2,9 %", "−2 052 tkr".

const NBSP = '\u00a0';
const figureFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });

/**
 * A figure with its unit of measure, one decimal at most: "2,9 %", "1 234 tkr". Null is shown
 * as a dash, which screen readers announce; callers add words where a dash is not enough.
 */
export function formatFigure(value: number | null, measureUnit?: string): string {
  if (value === null) return '–';
  const n = figureFormat.format(value);
  return measureUnit ? `${n}${NBSP}${measureUnit}` : n;
}

export type ParsedDecimal = { ok: true; value: string | null } | { ok: false; reason: 'notANumber' | 'tooPrecise' };

// Spaces of any width may group thousands; the minus sign may be typographic (U+2212).
const SPACES = /[\s\u00a0\u202f\u2009]/g;
const DECIMAL_INPUT = /^(-?)(\d+)(?:[.,](\d+))?$/;

/**
 * What a user typed into a value cell, as the exact decimal text the API takes ("1 234,5" →
 * "1234.5"). An empty cell is null (the value is removed). Comma or point may separate the
 * decimals; at most 15 digits before and 6 after, as the server stores them.
 */
export function parseDecimalInput(text: string): ParsedDecimal {
  const compact = text.replace(SPACES, '').replace(/\u2212/g, '-');
  if (compact === '') return { ok: true, value: null };
  const m = DECIMAL_INPUT.exec(compact);
  if (!m) return { ok: false, reason: 'notANumber' };
  const [, sign, whole = '', fraction = ''] = m;
  const int = whole.replace(/^0+(?=\d)/, '');
  const frac = fraction.replace(/0+$/, '');
  if (int.length > 15 || frac.length > 6) return { ok: false, reason: 'tooPrecise' };
  const value = `${int}${frac ? `.${frac}` : ''}`;
  return { ok: true, value: sign && value !== '0' ? `-${value}` : value };
}

/** Exact decimal text as the API sends it ("-1234.50") in Swedish writing: "−1 234,5". */
export function formatDecimalText(text: string): string {
  const parsed = parseDecimalInput(text);
  if (!parsed.ok || parsed.value === null) return text;
  const negative = parsed.value.startsWith('-');
  const [int = '', frac] = parsed.value.replace('-', '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return `${negative ? '\u2212' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/** Whether two decimal texts are the same number ("12.50" and "12.5"); null is no value. */
export function sameDecimal(a: string | null, b: string | null): boolean {
  const norm = (x: string | null) => {
    if (x === null) return null;
    const p = parseDecimalInput(x);
    return p.ok ? p.value : x;
  };
  return norm(a) === norm(b);
}
