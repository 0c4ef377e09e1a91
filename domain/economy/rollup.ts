import type { Kronor } from '../money';
import type { Feasibility, MeasureCategory } from './measures';

/** The figures of one measure with no sub-measures, for a year and a month. */
export interface LeafFigures {
  id: string;
  /** The unit that owns the measure. */
  unitId: string;
  category: MeasureCategory;
  feasibility: Feasibility;
  plannedGross: Kronor;
  plannedNet: Kronor;
  /** The newest forecast at or before the month; null if none yet. */
  forecast: Kronor | null;
  outcome: Kronor | null;
  /** Not reported in the month: what is shown is older, or missing. */
  stale: boolean;
}

export interface Totals {
  planned: Kronor;
  plannedGross: Kronor;
  plannedGrade12: Kronor;
  forecast: Kronor;
  forecastGrade12: Kronor;
  outcome: Kronor;
  measures: number;
  staleCount: number;
}

export const EMPTY_TOTALS: Totals = {
  planned: 0n,
  plannedGross: 0n,
  plannedGrade12: 0n,
  forecast: 0n,
  forecastGrade12: 0n,
  outcome: 0n,
  measures: 0,
  staleCount: 0,
};

export function totalsOf(leaves: Iterable<LeafFigures>): Totals {
  const t = { ...EMPTY_TOTALS };
  for (const l of leaves) {
    const grade12 = l.feasibility <= 2;
    t.planned += l.plannedNet;
    t.plannedGross += l.plannedGross;
    if (grade12) t.plannedGrade12 += l.plannedNet;
    t.forecast += l.forecast ?? 0n;
    if (grade12) t.forecastGrade12 += l.forecast ?? 0n;
    t.outcome += l.outcome ?? 0n;
    t.measures += 1;
    if (l.stale) t.staleCount += 1;
  }
  return t;
}

export function addTotals(a: Totals, b: Totals): Totals {
  return {
    planned: a.planned + b.planned,
    plannedGross: a.plannedGross + b.plannedGross,
    plannedGrade12: a.plannedGrade12 + b.plannedGrade12,
    forecast: a.forecast + b.forecast,
    forecastGrade12: a.forecastGrade12 + b.forecastGrade12,
    outcome: a.outcome + b.outcome,
    measures: a.measures + b.measures,
    staleCount: a.staleCount + b.staleCount,
  };
}

/**
 * Totals per organisation unit over its whole subtree: each unit's own measures plus its
 * children's totals, children first. `order` is the tree depth first (parents before children).
 */
export function totalsByUnit(
  order: readonly string[],
  children: (id: string) => readonly string[],
  leaves: readonly LeafFigures[],
): Map<string, Totals> {
  const own = new Map<string, LeafFigures[]>();
  for (const l of leaves) {
    const list = own.get(l.unitId);
    if (list) list.push(l);
    else own.set(l.unitId, [l]);
  }
  const out = new Map<string, Totals>();
  for (const unit of [...order].reverse()) {
    let t = totalsOf(own.get(unit) ?? []);
    for (const c of children(unit)) t = addTotals(t, out.get(c) ?? EMPTY_TOTALS);
    out.set(unit, t);
  }
  return out;
}

/** Totals per value of a key (category, feasibility), in the order given. */
export function totalsBy<K>(
  leaves: readonly LeafFigures[],
  keys: readonly K[],
  keyOf: (l: LeafFigures) => K,
): { key: K; totals: Totals }[] {
  return keys.map((key) => ({ key, totals: totalsOf(leaves.filter((l) => keyOf(l) === key)) }));
}

export interface AllocationRow {
  unitId: string;
  /** The unit's own requirement, or null if it has none. */
  requirement: Kronor | null;
  /** The requirements put on the units directly below it, summed. */
  allocatedBelow: Kronor;
  /** The planned net effect of the measures in its subtree. */
  planned: Kronor;
  /** Requirement not covered by planned measures (positive: a gap), or null without a requirement. */
  planningGap: Kronor | null;
}

/**
 * The requirement at every unit that has one (or has measures), beside what was allocated
 * below it and what the measures below it plan: seed 004's gap between need and measures.
 */
export function allocationRows(
  order: readonly string[],
  children: (id: string) => readonly string[],
  requirementOf: (unitId: string) => Kronor | null,
  plannedOf: (unitId: string) => { planned: Kronor; measures: number },
): AllocationRow[] {
  return order
    .filter((id) => requirementOf(id) !== null || plannedOf(id).measures > 0)
    .map((id) => {
      const requirement = requirementOf(id);
      const planned = plannedOf(id).planned;
      return {
        unitId: id,
        requirement,
        allocatedBelow: children(id).reduce((s, c) => s + (requirementOf(c) ?? 0n), 0n),
        planned,
        planningGap: requirement === null ? null : requirement - planned,
      };
    });
}
