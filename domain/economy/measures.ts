import type { Kronor } from '../money';

/** Categories of measure, in the order of preference the region's guidance gives. */
export const MEASURE_CATEGORIES = ['effektivisering', 'ransonering', 'kostnadsskillnader', 'generell'] as const;
export type MeasureCategory = (typeof MEASURE_CATEGORIES)[number];
export const MEASURE_CATEGORY_LABELS: Record<MeasureCategory, string> = {
  effektivisering: 'Effektivisering',
  ransonering: 'Ransonering',
  kostnadsskillnader: 'Minska omotiverade kostnadsskillnader',
  generell: 'Generell besparing',
};

export const MEASURE_STATUSES = ['planned', 'ongoing', 'done', 'stopped'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** The life of a corrective action against a deviation. */
export const CORRECTIVE_STATUSES = ['proposed', 'decided', 'ongoing', 'done'] as const;

export const FEASIBILITY_GRADES = [1, 2, 3] as const;
export type Feasibility = (typeof FEASIBILITY_GRADES)[number];

/** A calculation line (kalkylrad) saves money or costs money. */
export const CALC_LINE_KINDS = ['saving', 'cost'] as const;
export type CalcLineKind = (typeof CALC_LINE_KINDS)[number];

export interface CalcLine {
  year: number;
  kind: CalcLineKind;
  amountKr: Kronor;
  /** Whole percent of the amount expected to be realised. */
  realisationPct: number;
}

/** A line's expected effect: the amount times the realised share, to the nearest krona (half up). */
export const lineEffect = (line: Pick<CalcLine, 'amountKr' | 'realisationPct'>): Kronor =>
  (line.amountKr * BigInt(line.realisationPct) + 50n) / 100n;

export interface Effect {
  gross: Kronor;
  net: Kronor;
}

/**
 * A measure's target effect for a year, from its benefit calculation: gross is the realised
 * savings, net is gross less the realised costs the measure causes elsewhere.
 */
export function targetEffect(lines: readonly CalcLine[], year: number): Effect {
  let saving = 0n;
  let cost = 0n;
  for (const l of lines) {
    if (l.year !== year) continue;
    if (l.kind === 'saving') saving += lineEffect(l);
    else cost += lineEffect(l);
  }
  return { gross: saving, net: saving - cost };
}

/**
 * The amount competence weighs a measure by (decision 012): its largest yearly gross effect,
 * over the lines of the measure and its sub-measures together.
 */
export function largestYearlyGross(lines: readonly CalcLine[]): Kronor {
  let max = 0n;
  for (const year of new Set(lines.map((l) => l.year))) {
    const gross = targetEffect(lines, year).gross;
    if (gross > max) max = gross;
  }
  return max;
}

/** The years a calculation covers, in order. */
export const calcYears = (lines: readonly CalcLine[]): number[] =>
  [...new Set(lines.map((l) => l.year))].sort((a, b) => a - b);

/** Deviation is always computed, never typed: forecast less target. */
export const deviation = (forecast: Kronor, target: Kronor): Kronor => forecast - target;

/**
 * Whether a measure's forecast falls short of its target by more than `marginPct` percent of
 * the target (a deviation that calls for a corrective action).
 */
export function fallsShort(forecast: Kronor | null, target: Kronor, marginPct: number): boolean {
  if (forecast === null || target <= 0n) return false;
  return (target - forecast) * 100n > target * BigInt(marginPct);
}
