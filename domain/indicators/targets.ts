import type { MonthText } from './months';

export interface TargetRow {
  unitId: string;
  /** `YYYY` for the whole year or `YYYY-MM` for one month. */
  period: string;
  target: string;
  tolerance: string;
}

/**
 * The target that holds for a unit in a month: the unit's own target for the month, else its
 * own for the year; else the same from the nearest unit above it. `lineage` runs from the
 * unit itself up to the root.
 */
export function targetFor(
  lineage: readonly string[],
  month: MonthText,
  targets: readonly TargetRow[],
): TargetRow | null {
  const year = month.slice(0, 4);
  for (const unit of lineage) {
    const own = targets.filter((t) => t.unitId === unit);
    const hit = own.find((t) => t.period === month) ?? own.find((t) => t.period === year);
    if (hit) return hit;
  }
  return null;
}
