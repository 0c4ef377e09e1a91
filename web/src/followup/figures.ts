import { formatMoney, parseKronor } from '../../../domain/money';
import { formatDecimalText, formatFigure } from '../steering/numbers';
import type { Deviation } from './types';

const NBSP = '\u00a0';

/** Whole kronor (digits as text, or a safe integer) as boards read them: "−146,6 mnkr"; a dash for none. */
export function mnkrText(kronor: string | number | null | undefined): string {
  if (kronor === null || kronor === undefined || kronor === '') return '–';
  const k = parseKronor(kronor);
  return k === null ? String(kronor) : formatMoney(k);
}

/** The exact amount, "−146 600 000 kr", for a tooltip. */
export function kronorText(kronor: string | number | null | undefined): string | undefined {
  if (kronor === null || kronor === undefined || kronor === '') return undefined;
  const k = parseKronor(kronor);
  return k === null ? undefined : formatMoney(k, 'kr');
}

/**
 * An indicator's figure with its unit of measure, one decimal at most as the scorecard shows
 * it: "21,3 %", "1 234 st"; a dash for none. Text that is not a number is shown as it came.
 */
export function indicatorText(value: string | number | null | undefined, unitOfMeasure: string | null): string {
  if (value === null || value === undefined || value === '') return '–';
  const n = typeof value === 'number' ? value : Number(value);
  if (Number.isFinite(n)) return formatFigure(n, unitOfMeasure ?? undefined);
  const text = formatDecimalText(String(value));
  return unitOfMeasure ? `${text}${NBSP}${unitOfMeasure}` : text;
}

/** A deviation's target, value or deviation as its kind is read: mnkr for a measure, the indicator's unit otherwise. */
export function deviationFigure(d: Pick<Deviation, 'kind' | 'unitOfMeasure'>, value: string | number | null): string {
  return d.kind === 'measure' ? mnkrText(value) : indicatorText(value, d.unitOfMeasure);
}
