import type { IsoDate } from '../dates';
import { type DelegationLevel, levelFor, mandateOf } from '../economy/delegation';
import { formatMoney, type Kronor } from '../money';
import { type BodyKind, UNIT_LEVEL_LABELS, type UnitLevel } from '../org';
import { type DelegationRow, isDelegate, lowestDelegateFor, orderOn, widest } from './delegation';
import {
  type CompetenceRule,
  DECIDER_CLASS_LABELS,
  type DeciderClass,
  deciderRank,
  isAmountMatter,
  LEGAL_FLOORS,
  type MatterKind,
  matterLabel,
  ruleAt,
} from './rules';

/** One record's matter, as far as competence goes: what kind, where in the tree, whose, how much. */
export interface Matter {
  kind: MatterKind;
  /** The unit the matter concerns, then every unit above it (nearest first); empty if none. */
  unitLineage: readonly string[];
  /** A plan owned by a body (its own plan): that body. */
  ownerBody: { id: string; name: string; kind: BodyKind } | null;
  /** The amount a measure or corrective action is about (its largest yearly effect); null if none. */
  amountKr: Kronor | null;
  /**
   * The nämnd or styrelse in whose area the matter's unit lies on the decision's day (the nearest
   * governing body up the tree, see `areaBodyOf`); null or absent when no body governs it.
   */
  areaBody?: { id: string; name: string; kind: BodyKind } | null;
}

/** Who took a decision: a body, or an official (tjänsteperson) leading a unit. */
export type DecisionMaker =
  | { kind: 'body'; id: string; name: string; bodyKind: BodyKind; governedUnitIds: readonly string[] }
  | { kind: 'official'; name: string; unitId: string | null; unitLevel: UnitLevel | null };

export interface CompetenceRules {
  rules: readonly CompetenceRule[];
  /** The region-wide amount ladder: who decides up to which amount where a body keeps no order of its own. */
  delegation: readonly DelegationLevel[];
  /** Every body's own delegation order (delegationsordning), all rows of all days. */
  orders?: readonly DelegationRow[];
}

export interface Competence {
  competent: boolean;
  /** Why, in Swedish: the rule, and what the maker lacks when not competent. */
  reason: string;
  /** Who must decide, in Swedish ("Regionfullmäktige", "Nämnden som styr enheten …"). */
  required: string;
}

/** The kind of decision maker; utskott and beredningar decide nothing in their own right here. */
export function classOf(maker: DecisionMaker): DeciderClass | null {
  if (maker.kind === 'official') return 'official';
  if (maker.bodyKind === 'fullmaktige' || maker.bodyKind === 'styrelse' || maker.bodyKind === 'namnd')
    return maker.bodyKind;
  return null;
}

const makerName = (m: DecisionMaker) => m.name;

/** The delegation step of a maker: a body's by its kind, an official's by the level of the unit they lead. */
function levelOfMaker(delegation: readonly DelegationLevel[], maker: DecisionMaker): DelegationLevel | null {
  if (maker.kind === 'body') return delegation.find((l) => l.bodyKind === maker.bodyKind) ?? null;
  return maker.unitLevel ? mandateOf(delegation, maker.unitLevel) : null;
}

/** Who must decide the matter under the rule (and, for an amount, the delegation order). */
export function requiredDecisionMaker(matter: Matter, rules: CompetenceRules, date: IsoDate): string {
  const rule = ruleAt(rules.rules, matter.kind, date);
  if (matter.ownerBody && matter.kind.startsWith('plan.') && rule.lowest !== 'fullmaktige')
    return matter.ownerBody.kind === 'fullmaktige'
      ? matter.ownerBody.name
      : `${matter.ownerBody.name} (planens eget organ) eller regionfullmäktige`;
  const area = matter.areaBody ?? null;
  const order = area ? orderOn(rules.orders ?? [], area.id, date) : [];
  if (rule.lowest === 'official' && area && order.length > 0) {
    const amount = isAmountMatter(matter.kind) ? matter.amountKr : null;
    const row = lowestDelegateFor(order, matter.kind, amount);
    const sum = amount !== null ? ` (${formatMoney(amount)})` : '';
    return row
      ? `${row.delegate.title} eller högre enligt ${area.name}s delegationsordning${sum}`
      : `${area.name}${sum}: delegationsordningen delegerar inte ärendet${amount !== null ? ' för beloppet' : ''}`;
  }
  if (rule.lowest === 'official' && matter.amountKr !== null && isAmountMatter(matter.kind)) {
    const level = levelFor(rules.delegation, matter.amountKr);
    return level
      ? `${level.name} eller högre enligt delegationsordningen (${formatMoney(matter.amountKr)})`
      : `Ingen nivå i delegationsordningen får besluta ${formatMoney(matter.amountKr)}`;
  }
  if (rule.lowest === 'official') return 'Chef för enheten eller en enhet över den, på delegation';
  if (rule.lowest === 'namnd') return 'Nämnden som styr enheten (eller regionstyrelsen, regionfullmäktige)';
  if (rule.lowest === 'styrelse') return 'Regionstyrelsen (eller regionfullmäktige)';
  return DECIDER_CLASS_LABELS.fullmaktige;
}

/**
 * Whether `maker` may decide `matter` by the rules in force on `date`. Pure: the caller says
 * which units a body governs and which unit an official leads.
 */
export function competentFor(matter: Matter, maker: DecisionMaker, rules: CompetenceRules, date: IsoDate): Competence {
  const rule = ruleAt(rules.rules, matter.kind, date);
  const required = requiredDecisionMaker(matter, rules, date);
  const what = matterLabel(matter.kind).toLowerCase();
  const no = (why: string): Competence => ({
    competent: false,
    required,
    reason: `${makerName(maker)} får inte besluta om ${what}: ${why} ${rule.basis}`,
  });
  const cls = classOf(maker);
  const area = matter.areaBody ?? null;
  const order = area ? orderOn(rules.orders ?? [], area.id, date) : [];
  // On delegation: the delegate decides within the order of the body whose area the matter is in.
  const delegated = (): Competence => {
    if (!area) return no('ärendet ligger inte under någon nämnd eller styrelse som kan delegera.');
    if (rule.lowest !== 'official')
      return no(`ärendet får inte delegeras; det krävs lägst ${DECIDER_CLASS_LABELS[rule.lowest].toLowerCase()}.`);
    const mine = order.filter(
      (r) =>
        r.matter === matter.kind &&
        isDelegate(r, maker.kind === 'body' ? maker : { kind: 'official', unitLevel: maker.unitLevel }),
    );
    const row = widest(mine);
    if (!row) return no(`${area.name}s delegationsordning ger inte ${makerName(maker)} rätt att besluta i ärendet.`);
    if (
      isAmountMatter(matter.kind) &&
      matter.amountKr !== null &&
      row.maxAmountKr !== null &&
      matter.amountKr > row.maxAmountKr
    )
      return no(
        `${formatMoney(matter.amountKr)} är över ${row.delegate.title.toLowerCase()}s gräns på ${formatMoney(row.maxAmountKr)} enligt ${area.name}s delegationsordning.`,
      );
    return {
      competent: true,
      required,
      reason: `${makerName(maker)} får besluta om ${what} på delegation från ${area.name} (${row.delegate.title.toLowerCase()}, delegationsordningen från ${row.validFrom}). Beslutet ska anmälas till ${area.name}. ${rule.basis}`,
    };
  };
  if (cls === null) {
    // An utskott decides only what the body above it delegated to it.
    if (maker.kind === 'body' && maker.bodyKind === 'utskott' && order.length > 0) return delegated();
    return no('ett utskott eller en beredning beslutar inte i egen rätt.');
  }
  if (deciderRank(cls) < deciderRank(rule.lowest))
    return no(`det krävs lägst ${DECIDER_CLASS_LABELS[rule.lowest].toLowerCase()}.`);
  // A body's own plan is the body's: only it, or fullmäktige above every body, decides it.
  if (matter.ownerBody && matter.kind.startsWith('plan.')) {
    const own = maker.kind === 'body' && maker.id === matter.ownerBody.id;
    if (!own && cls !== 'fullmaktige') return no(`planen är ${matter.ownerBody.name}s egen.`);
  }
  // A body's own plan was settled above; otherwise a body decides only for the units it governs.
  if (maker.kind === 'body' && cls !== 'fullmaktige' && !matter.ownerBody && matter.unitLineage.length > 0) {
    const governs = matter.unitLineage.some((u) => maker.governedUnitIds.includes(u));
    if (!governs) return no('organet styr inte den enhet som ärendet gäller.');
    // The styrelse governs the region, but in a nämnd's area it has uppsikt only (KL 6:1).
    if (area && area.id !== maker.id && !(cls === 'styrelse' && rule.lowest === 'styrelse'))
      return no(
        cls === 'styrelse' && area.kind === 'namnd'
          ? `ärendet hör till ${area.name}s område; regionstyrelsen har uppsikt över nämnderna men ingen beslutanderätt där (KL 6 kap. 1 §).`
          : `ärendet hör till ${area.name}s område.`,
      );
  }
  if (maker.kind === 'official') {
    if (!maker.unitId) return no('ett tjänstemannabeslut tas av chefen för en enhet, och ingen enhet är angiven.');
    if (matter.unitLineage.length > 0 && !matter.unitLineage.includes(maker.unitId))
      return no('tjänstepersonen leder inte enheten eller en enhet över den.');
    // Where the area's body keeps its own order, it alone says what its officials may decide.
    if (order.length > 0) return delegated();
  }
  if (matter.amountKr !== null && isAmountMatter(matter.kind)) {
    const level = levelOfMaker(rules.delegation, maker);
    if (maker.kind === 'official' && !level)
      return no(
        `delegationsordningen ger ingen beloppsgräns för ${maker.unitLevel ? UNIT_LEVEL_LABELS[maker.unitLevel].toLowerCase() : 'tjänstepersonen'}.`,
      );
    if (level && level.maxAmountKr !== null && matter.amountKr > level.maxAmountKr)
      return no(
        `${formatMoney(matter.amountKr)} är över ${level.name.toLowerCase()}s gräns på ${formatMoney(level.maxAmountKr)}.`,
      );
  }
  return {
    competent: true,
    required,
    reason: `${makerName(maker)} får besluta om ${what}. ${rule.basis}`,
  };
}

/**
 * Whether a matter with a legal floor above officials (ransonering: the nämnd, KL 6:38) still
 * lacks a decision by a body at that floor, whatever its amount: the delegation order alone
 * would let a small ransonering pass as within an official's mandate.
 */
export function lacksBodyDecision(matter: MatterKind, decidedBy: readonly { bodyKind: BodyKind | null }[]): boolean {
  const floor = LEGAL_FLOORS[matter];
  if (!floor || floor === 'official') return false;
  return !decidedBy.some((l) => {
    if (!l.bodyKind) return false;
    const cls = classOf({ kind: 'body', id: '', name: '', bodyKind: l.bodyKind, governedUnitIds: [] });
    return cls !== null && deciderRank(cls) >= deciderRank(floor);
  });
}
