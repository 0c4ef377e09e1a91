import type { Kronor } from '../money';
import type { BodyKind, UnitLevel } from '../org';

/** One step of the delegation order: an official at a level of the tree, or a body. */
export interface DelegationLevel {
  id: string;
  rank: number;
  name: string;
  unitLevel: UnitLevel | null;
  bodyKind: BodyKind | null;
  /** The largest amount this level may decide; null for no limit. */
  maxAmountKr: Kronor | null;
}

const byRank = (levels: readonly DelegationLevel[]) => [...levels].sort((a, b) => a.rank - b.rank);

/** The lowest level that may decide `amount`; null when no level may (the order has a gap). */
export function levelFor(levels: readonly DelegationLevel[], amount: Kronor): DelegationLevel | null {
  return byRank(levels).find((l) => l.maxAmountKr === null || amount <= l.maxAmountKr) ?? null;
}

/** The level of the official who leads a unit at `unitLevel`, if the order names one. */
export const mandateOf = (levels: readonly DelegationLevel[], unitLevel: UnitLevel): DelegationLevel | null =>
  byRank(levels).find((l) => l.unitLevel === unitLevel) ?? null;

export interface MandateCheck {
  /** The level that must decide. */
  required: DelegationLevel | null;
  /** The owner's own level. */
  owner: DelegationLevel | null;
  /** Above the owner's mandate. */
  aboveMandate: boolean;
  /** Above the owner's mandate with no decision at (or above) the required level. */
  flagged: boolean;
}

/**
 * Who must decide a measure or corrective action of `amount` owned by a unit at `ownerLevel`,
 * and whether it lacks that decision. `decidedBy` are the levels of the decisions behind it.
 */
export function checkMandate(
  levels: readonly DelegationLevel[],
  amount: Kronor,
  ownerLevel: UnitLevel,
  decidedBy: readonly DelegationLevel[],
): MandateCheck {
  const required = levelFor(levels, amount);
  const owner = mandateOf(levels, ownerLevel);
  const aboveMandate = required !== null && (owner === null || required.rank > owner.rank);
  const decided = required !== null && decidedBy.some((d) => d.rank >= required.rank);
  return { required, owner, aboveMandate, flagged: aboveMandate && !decided };
}
