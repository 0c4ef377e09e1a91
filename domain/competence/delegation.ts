import type { IsoDate } from '../dates';
import type { Kronor } from '../money';
import type { BodyKind, UnitLevel } from '../org';
import type { MatterKind } from './rules';

/**
 * A body's delegation order (delegationsordning): which delegate may decide which kind of matter
 * on the body's behalf, up to which amount, from which day (KL 6:37, 7:5). Each nämnd and the
 * styrelse keep their own; a change ends a row and adds one, so the order of any past day stays.
 */
export type Delegate =
  /** An official (tjänsteperson) by title and the level of the unit they lead: förvaltningschef → forvaltning. */
  | { kind: 'official'; title: string; unitLevel: UnitLevel }
  /** A committee of the body (utskott). */
  | { kind: 'body'; title: string; bodyId: string };

export interface DelegationRow {
  id: string;
  /** The delegating body: a nämnd or the styrelse. */
  bodyId: string;
  matter: MatterKind;
  delegate: Delegate;
  /** The largest amount the delegate may decide; null for no limit (or a matter without amount). */
  maxAmountKr: Kronor | null;
  validFrom: IsoDate;
  /** The first day the row no longer holds; null while in force. */
  validTo: IsoDate | null;
  /** The body's decision that adopted the row. */
  decisionId: string | null;
}

/** Bodies that keep a delegation order: those with decision power in an area of their own. */
export const DELEGATING_BODY_KINDS: readonly BodyKind[] = ['namnd', 'styrelse'];

export const inForceOn = (r: { validFrom: IsoDate; validTo: IsoDate | null }, day: IsoDate): boolean =>
  r.validFrom <= day && (r.validTo === null || day < r.validTo);

/** The rows of `bodyId`'s order in force on `day`. */
export const orderOn = (rows: readonly DelegationRow[], bodyId: string, day: IsoDate): DelegationRow[] =>
  rows.filter((r) => r.bodyId === bodyId && inForceOn(r, day));

/** Whether the decision maker is the row's delegate: an official by the level of the unit they lead, a committee by id. */
export function isDelegate(
  row: DelegationRow,
  maker: { kind: 'official'; unitLevel: UnitLevel | null } | { kind: 'body'; id: string },
): boolean {
  if (row.delegate.kind === 'official') return maker.kind === 'official' && maker.unitLevel === row.delegate.unitLevel;
  return maker.kind === 'body' && maker.id === row.delegate.bodyId;
}

/** The row that gives the most room for `matter` among `rows` (no limit beats any limit). */
export function widest(rows: readonly DelegationRow[]): DelegationRow | null {
  let best: DelegationRow | null = null;
  for (const r of rows)
    if (best === null || (best.maxAmountKr !== null && (r.maxAmountKr === null || r.maxAmountKr > best.maxAmountKr)))
      best = r;
  return best;
}

/**
 * The lowest delegate in an order that may decide `amount` of `matter` (the smallest limit that
 * covers it); null when the order leaves the matter, at that amount, with the body itself.
 */
export function lowestDelegateFor(
  order: readonly DelegationRow[],
  matter: MatterKind,
  amount: Kronor | null,
): DelegationRow | null {
  const covering = order.filter(
    (r) => r.matter === matter && (amount === null || r.maxAmountKr === null || amount <= r.maxAmountKr),
  );
  covering.sort((a, b) =>
    a.maxAmountKr === null ? 1 : b.maxAmountKr === null ? -1 : a.maxAmountKr < b.maxAmountKr ? -1 : 1,
  );
  return covering[0] ?? null;
}

/**
 * The body in whose area a unit lies: the nearest unit of its lineage (nearest first) governed
 * by a nämnd or the styrelse in force on the day. The styrelse governs the region as a whole,
 * but where a nämnd governs a unit below, the matter is the nämnd's: the styrelse has uppsikt
 * there, not decision power (KL 6:1).
 */
export function areaBodyOf<B extends { id: string; kind: BodyKind; unitIds: readonly string[] }>(
  lineage: readonly string[],
  bodies: readonly B[],
): B | null {
  for (const unit of lineage) {
    const governing = bodies.filter((b) => DELEGATING_BODY_KINDS.includes(b.kind) && b.unitIds.includes(unit));
    // A nämnd before the styrelse when both name the same unit.
    const namnd = governing.find((b) => b.kind === 'namnd');
    if (namnd) return namnd;
    if (governing[0]) return governing[0];
  }
  return null;
}
