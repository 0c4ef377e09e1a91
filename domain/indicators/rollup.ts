import Decimal from 'decimal.js';
import type { Aggregation } from '../steering';

/**
 * What one unit reports for an indicator and a month: its value, and for ratio and weighted
 * indicators the parts the value is made from (numerator and denominator; weight).
 */
export interface Reading {
  value?: Decimal.Value | null;
  numerator?: Decimal.Value | null;
  denominator?: Decimal.Value | null;
  weight?: Decimal.Value | null;
  /** When it was entered (ms), for the "latest value" aggregation. */
  enteredAt?: number;
}

/**
 * The summable parts of any number of readings. A parent's figure is made from the merged
 * parts of the units below it — never from their finished figures — so a ratio at any level
 * is the ratio of sums, and merging in any order or grouping gives the same result.
 */
export interface Parts {
  sum: Decimal;
  numerator: Decimal;
  denominator: Decimal;
  weighted: Decimal;
  weight: Decimal;
  latest: { value: Decimal; at: number } | null;
  count: number;
}

const ZERO = new Decimal(0);
export const EMPTY_PARTS: Parts = {
  sum: ZERO,
  numerator: ZERO,
  denominator: ZERO,
  weighted: ZERO,
  weight: ZERO,
  latest: null,
  count: 0,
};

const dec = (v: Decimal.Value | null | undefined) => (v === null || v === undefined ? null : new Decimal(v));

export function partsOf(r: Reading): Parts {
  const value = dec(r.value);
  const numerator = dec(r.numerator);
  const denominator = dec(r.denominator);
  const weight = dec(r.weight);
  return {
    sum: value ?? ZERO,
    numerator: numerator ?? ZERO,
    denominator: denominator ?? ZERO,
    weighted: value && weight ? value.times(weight) : ZERO,
    weight: value && weight ? weight : ZERO,
    latest: value ? { value, at: r.enteredAt ?? 0 } : null,
    count: 1,
  };
}

export function mergeParts(a: Parts, b: Parts): Parts {
  return {
    sum: a.sum.plus(b.sum),
    numerator: a.numerator.plus(b.numerator),
    denominator: a.denominator.plus(b.denominator),
    weighted: a.weighted.plus(b.weighted),
    weight: a.weight.plus(b.weight),
    latest: !a.latest ? b.latest : !b.latest ? a.latest : b.latest.at > a.latest.at ? b.latest : a.latest,
    count: a.count + b.count,
  };
}

export const mergeAll = (parts: Iterable<Parts>): Parts => {
  let total = EMPTY_PARTS;
  for (const p of parts) total = mergeParts(total, p);
  return total;
};

/**
 * The figure the parts make under an aggregation; null when there is nothing to show (no
 * readings, a zero denominator or weight, or an indicator that does not aggregate).
 * `scale` multiplies a ratio (100 for a percentage).
 */
export function figureOf(aggregation: Aggregation, parts: Parts, scale: Decimal.Value = 1): Decimal | null {
  if (parts.count === 0) return null;
  switch (aggregation) {
    case 'sum':
      return parts.sum;
    case 'ratio':
      return parts.denominator.isZero() ? null : parts.numerator.div(parts.denominator).times(scale);
    case 'weighted':
      return parts.weight.isZero() ? null : parts.weighted.div(parts.weight);
    case 'latest':
      return parts.latest?.value ?? null;
    case 'none':
      return null;
  }
}

/** Whether a parent's value of this indicator is computed from the units below it. */
export const aggregates = (aggregation: Aggregation): boolean => aggregation !== 'none';

/** The plain average of the months that have a figure (a rolling average); null if none. */
export function averageOf(values: readonly (Decimal | null)[]): Decimal | null {
  const present = values.filter((v): v is Decimal => v !== null);
  if (present.length === 0) return null;
  return present.reduce((a, b) => a.plus(b), ZERO).div(present.length);
}

/**
 * A unit's figure computed through the tree: each unit merges its children's parts. Used to
 * show (and test) that going level by level gives what summing the leaves at once gives.
 */
export function partsThroughTree(
  unit: string,
  children: (id: string) => readonly string[],
  readings: ReadonlyMap<string, Reading>,
): Parts {
  const kids = children(unit);
  if (kids.length === 0) {
    const own = readings.get(unit);
    return own ? partsOf(own) : EMPTY_PARTS;
  }
  return mergeAll(kids.map((k) => partsThroughTree(k, children, readings)));
}
