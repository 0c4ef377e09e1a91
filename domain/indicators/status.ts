import Decimal from 'decimal.js';
import type { Direction, Status } from '../steering';

export interface Target {
  target: Decimal.Value;
  /** How far on the wrong side of the target a figure may be and still be yellow. */
  tolerance: Decimal.Value;
}

/**
 * Green when the figure meets the target (at or above it when higher is better, at or below
 * it when lower is better); yellow when it misses by no more than the tolerance; red beyond
 * that; grey when there is no figure or no target.
 */
export function statusOf(direction: Direction, figure: Decimal.Value | null, target: Target | null): Status {
  if (figure === null || target === null) return 'grey';
  const f = new Decimal(figure);
  const t = new Decimal(target.target);
  const shortfall = direction === 'higher' ? t.minus(f) : f.minus(t);
  if (shortfall.lte(0)) return 'green';
  if (shortfall.lte(target.tolerance)) return 'yellow';
  return 'red';
}

const SEVERITY: Record<Status, number> = { grey: 0, green: 1, yellow: 2, red: 3 };

/** A goal's status: the worst of its indicators' statuses; grey when none has a status. */
export function worstStatus(statuses: Iterable<Status>): Status {
  let worst: Status = 'grey';
  for (const s of statuses) if (SEVERITY[s] > SEVERITY[worst]) worst = s;
  return worst;
}

/** How many of each status, in a fixed order, for distributions and charts. */
export function statusCounts(statuses: Iterable<Status>): Record<Status, number> {
  const counts: Record<Status, number> = { green: 0, yellow: 0, red: 0, grey: 0 };
  for (const s of statuses) counts[s] += 1;
  return counts;
}
