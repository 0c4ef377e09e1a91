/**
 * How a board report rounds an indicator's figure, in one place for the exports (PDF, Word,
 * Excel) and the web's report view: a percentage, and a difference in percentage points, with
 * one decimal ("13,2 %", "−11,8 procentenheter"); any other unit with at most one, so a count
 * stays whole ("1 840") and a computed ratio does not print four decimals. Amounts are mnkr with
 * one decimal (domain/money). The frozen content keeps the exact figure; only the text rounds.
 */

const LOCALE = 'sv-SE';
const DECIMAL = /^-?\d+(?:\.(\d+))?$/;

/** Shown where a figure is missing (no target, no forecast). */
export const NO_FIGURE = '–';

export const isPercent = (unitOfMeasure: string): boolean => unitOfMeasure.trim() === '%';

/** The decimals an indicator's figure shows, given as written (exact decimal text) and its unit. */
export function indicatorDecimals(text: string, unitOfMeasure: string): { min: number; max: number } {
  if (isPercent(unitOfMeasure)) return { min: 1, max: 1 };
  const given = DECIMAL.exec(text.trim())?.[1]?.length ?? 0;
  return given > 0 ? { min: 1, max: 1 } : { min: 0, max: 0 };
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(minDecimals: number, maxDecimals: number, signed: boolean): Intl.NumberFormat {
  const key = `${minDecimals}:${maxDecimals}:${signed}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, {
      minimumFractionDigits: minDecimals,
      maximumFractionDigits: maxDecimals,
      // 'negative' keeps a figure that rounds to zero from showing as "−0,0" or "+0,0"
      signDisplay: signed ? 'exceptZero' : ('negative' as Intl.NumberFormatOptions['signDisplay']),
    });
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * An indicator's figure (value, target or deviation) in Swedish, rounded half away from zero
 * from the exact decimal string: Intl formats the string itself, so nothing is lost to a float.
 * Text that is not a decimal number is shown as it is.
 */
export function indicatorFigure(value: string, unitOfMeasure: string, signed = false): string {
  const text = value.trim();
  if (!DECIMAL.test(text)) return value;
  const { min, max } = indicatorDecimals(text, unitOfMeasure);
  return numberFormat(min, max, signed).format(text as unknown as number);
}

/** Units written after the figure; a count ("antal") needs no unit after it. */
const UNITLESS = new Set(['', 'antal', 'st', 'st.']);

/** A figure with its unit: a short unit ("%", "kr") stays on the figure's line, a word may wrap. */
export function withUnit(figure: string, unitOfMeasure: string): string {
  const unit = unitOfMeasure.trim();
  if (UNITLESS.has(unit.toLowerCase())) return figure;
  return `${figure}${unit.length <= 4 ? '\u00a0' : ' '}${unit}`;
}

/** An indicator's value in its unit of measure: "13,2 %", "4,1 timmar", "1 840". */
export function indicatorValue(value: string | null, unitOfMeasure: string): string {
  return value === null ? NO_FIGURE : withUnit(indicatorFigure(value, unitOfMeasure), unitOfMeasure);
}

/** The difference between two percentages is in percentage points. */
export const deviationUnit = (unitOfMeasure: string, percentagePoints = 'procentenheter'): string =>
  isPercent(unitOfMeasure) ? percentagePoints : unitOfMeasure;

/** An indicator's deviation with its sign: "+2,8 procentenheter", "−11,8 procentenheter". */
export function indicatorDeviation(
  value: string | null,
  unitOfMeasure: string,
  percentagePoints = 'procentenheter',
): string {
  return value === null
    ? NO_FIGURE
    : withUnit(indicatorFigure(value, unitOfMeasure, true), deviationUnit(unitOfMeasure, percentagePoints));
}
