import type { FieldError } from '../errors';

// The risk matrix (riskmatris): probability (sannolikhet) × consequence (konsekvens) on the
// region's scale, the value as their product and the colour level from the scale's thresholds.
// The one place these are computed: the server stores what these functions return, and the
// web colours what the server sends (decision 019).

/** Colour levels, lowest first (labels in web/src/i18n/lists.ts). */
export const RISK_LEVELS = ['low', 'medium', 'high', 'very_high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** A risk is worked on while active; a closed one stays in the register with its history. */
export const RISK_STATUSES = ['active', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

/** What a risk may threaten (hotar): records of other capabilities, by kind and id. */
export const RISK_LINK_KINDS = ['goal', 'measure', 'indicator'] as const;
export type RiskLinkKind = (typeof RISK_LINK_KINDS)[number];

export const MIN_STEPS = 2;
export const MAX_STEPS = 7;
export const MAX_STEP_WORD = 60;

/**
 * The region's scale. Step n (1-based) of an axis is named by the word at index n − 1. A
 * threshold is the lowest value of its level; values below `medium` are low.
 */
export interface RiskScale {
  probabilitySteps: readonly string[];
  consequenceSteps: readonly string[];
  thresholds: { medium: number; high: number; veryHigh: number };
}

/** 1–4 × 1–4 as most Swedish regions use it: 1–3 low, 4–6 medium, 8–9 high, 12–16 very high. */
export const DEFAULT_RISK_SCALE: RiskScale = {
  probabilitySteps: ['Osannolik', 'Mindre sannolik', 'Möjlig', 'Sannolik'],
  consequenceSteps: ['Försumbar', 'Lindrig', 'Kännbar', 'Allvarlig'],
  thresholds: { medium: 4, high: 8, veryHigh: 12 },
};

/** Riskvärde: probability × consequence. */
export const riskValue = (probability: number, consequence: number): number => probability * consequence;

/** The highest value the scale can give (its top-right cell). */
export const maxRiskValue = (scale: RiskScale): number =>
  riskValue(scale.probabilitySteps.length, scale.consequenceSteps.length);

/** The level of a value: the highest level whose threshold the value reaches. */
export function levelOfValue(scale: RiskScale, value: number): RiskLevel {
  const { medium, high, veryHigh } = scale.thresholds;
  if (value >= veryHigh) return 'very_high';
  if (value >= high) return 'high';
  if (value >= medium) return 'medium';
  return 'low';
}

/** The colour level of a cell of the matrix. */
export const riskLevel = (scale: RiskScale, probability: number, consequence: number): RiskLevel =>
  levelOfValue(scale, riskValue(probability, consequence));

const isStep = (n: number, steps: number) => Number.isInteger(n) && n >= 1 && n <= steps;

/** Field errors when probability or consequence is not a step of the scale (empty if both are). */
export function checkOnScale(scale: RiskScale, probability: number, consequence: number): FieldError[] {
  const errors: FieldError[] = [];
  const p = scale.probabilitySteps.length;
  const c = scale.consequenceSteps.length;
  if (!isStep(probability, p))
    errors.push({ field: 'probability', message: `Sannolikheten ska vara ett heltal från 1 till ${p}.` });
  if (!isStep(consequence, c))
    errors.push({ field: 'consequence', message: `Konsekvensen ska vara ett heltal från 1 till ${c}.` });
  return errors;
}

export interface MatrixCell {
  probability: number;
  consequence: number;
  value: number;
  level: RiskLevel;
}

/** Every cell of the matrix, probability-major, lowest first. */
export function matrixCells(scale: RiskScale): MatrixCell[] {
  const cells: MatrixCell[] = [];
  for (let p = 1; p <= scale.probabilitySteps.length; p++)
    for (let c = 1; c <= scale.consequenceSteps.length; c++)
      cells.push({ probability: p, consequence: c, value: riskValue(p, c), level: riskLevel(scale, p, c) });
  return cells;
}

function checkSteps(field: 'probabilitySteps' | 'consequenceSteps', steps: readonly string[]): FieldError[] {
  const axis = field === 'probabilitySteps' ? 'Sannolikheten' : 'Konsekvensen';
  if (steps.length < MIN_STEPS || steps.length > MAX_STEPS)
    return [{ field, message: `${axis} ska ha ${MIN_STEPS}–${MAX_STEPS} steg.` }];
  const errors: FieldError[] = [];
  steps.forEach((word, i) => {
    if (word.trim() === '') errors.push({ field: `${field}.${i}`, message: `Steg ${i + 1} saknar ord.` });
    else if (word.length > MAX_STEP_WORD)
      errors.push({ field: `${field}.${i}`, message: `Steg ${i + 1} får ha högst ${MAX_STEP_WORD} tecken.` });
  });
  const seen = new Set<string>();
  steps.forEach((word, i) => {
    const key = word.trim().toLocaleLowerCase('sv');
    if (key !== '' && seen.has(key))
      errors.push({ field: `${field}.${i}`, message: `Steg ${i + 1} har samma ord som ett annat steg.` });
    seen.add(key);
  });
  return errors;
}

/**
 * Field errors of a scale (empty if it is valid): 2–7 steps per axis, each with a word of its
 * own, and thresholds that increase strictly from above 1 up to at most the highest value, so
 * the lowest cell is always low and every level is a range of values.
 */
export function validateRiskScale(scale: RiskScale): FieldError[] {
  const errors = [
    ...checkSteps('probabilitySteps', scale.probabilitySteps),
    ...checkSteps('consequenceSteps', scale.consequenceSteps),
  ];
  const { medium, high, veryHigh } = scale.thresholds;
  const named = [
    ['thresholds.medium', medium],
    ['thresholds.high', high],
    ['thresholds.veryHigh', veryHigh],
  ] as const;
  for (const [field, v] of named)
    if (!Number.isInteger(v)) errors.push({ field, message: 'Gränsen ska vara ett heltal.' });
  if (errors.some((e) => e.field.startsWith('thresholds'))) return errors;
  if (medium <= 1) errors.push({ field: 'thresholds.medium', message: 'Gränsen för medel ska vara större än 1.' });
  if (high <= medium)
    errors.push({ field: 'thresholds.high', message: 'Gränsen för hög ska vara större än gränsen för medel.' });
  if (veryHigh <= high)
    errors.push({
      field: 'thresholds.veryHigh',
      message: 'Gränsen för mycket hög ska vara större än gränsen för hög.',
    });
  const steps = errors.some((e) => e.field.endsWith('Steps'));
  if (!steps && veryHigh > maxRiskValue(scale))
    errors.push({
      field: 'thresholds.veryHigh',
      message: `Gränsen för mycket hög får vara högst ${maxRiskValue(scale)}, matrisens högsta värde.`,
    });
  return errors;
}
