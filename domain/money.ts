/**
 * Money is whole kronor as bigint, end to end: sums are exact and reproducible. Display units
 * (tkr, mnkr) are produced only here, at the edge, with Swedish formatting.
 */
export type Kronor = bigint;

export type MoneyUnit = 'kr' | 'tkr' | 'mnkr';
const SCALE: Record<MoneyUnit, number> = { kr: 0, tkr: 3, mnkr: 6 };

export const sumKronor = (values: Iterable<Kronor>): Kronor => {
  let total = 0n;
  for (const v of values) total += v;
  return total;
};

/** Exact decimal text of `kronor` in `unit`, e.g. 146_600_000n in mnkr → "146.6". */
export function kronorInUnit(kronor: Kronor, unit: MoneyUnit): string {
  const digits = SCALE[unit];
  if (digits === 0) return kronor.toString();
  const negative = kronor < 0n;
  const abs = (negative ? -kronor : kronor).toString().padStart(digits + 1, '0');
  const whole = abs.slice(0, -digits);
  const fraction = abs.slice(-digits).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(locale: string, decimals: number): Intl.NumberFormat {
  const key = `${locale}:${decimals}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formatters.set(key, f);
  }
  return f;
}

/**
 * `1 234,5 mnkr`. Rounds half away from zero on the exact decimal (Intl formats decimal
 * strings without going through a float), so display never changes what a total is.
 */
export function formatMoney(
  kronor: Kronor,
  unit: MoneyUnit = 'mnkr',
  decimals = unit === 'kr' ? 0 : 1,
  locale = 'sv-SE',
) {
  return `${formatter(locale, decimals).format(kronorInUnit(kronor, unit) as unknown as number)} ${unit}`;
}

/** Parses a whole-kronor amount from text or a safe integer; anything else is refused. */
export function parseKronor(value: string | number | bigint): Kronor | null {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : null;
  const text = value.replace(/[\s\u00a0]/g, '').replace('\u2212', '-');
  return /^-?\d{1,18}$/.test(text) ? BigInt(text) : null;
}

/** Millions of kronor as written in board papers ("343,6" or "343.6") to whole kronor, exactly. */
export function mnkrToKronor(value: string): Kronor | null {
  const text = value
    .replace(/[\s\u00a0]/g, '')
    .replace('\u2212', '-')
    .replace(',', '.');
  const m = /^(-?)(\d{1,12})(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) return null;
  const kronor = BigInt(m[2] as string) * 1_000_000n + BigInt((m[3] ?? '').padEnd(6, '0'));
  return m[1] ? -kronor : kronor;
}
