import type { IsoDate } from '../dates';
import { type DelegationLevel, levelFor, mandateOf } from '../economy/delegation';
import { formatMoney, type Kronor } from '../money';
import { type BodyKind, UNIT_LEVEL_LABELS, type UnitLevel } from '../org';
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
}

/** Who took a decision: a body, or an official (tjänsteperson) leading a unit. */
export type DecisionMaker =
  | { kind: 'body'; id: string; name: string; bodyKind: BodyKind; governedUnitIds: readonly string[] }
  | { kind: 'official'; name: string; unitId: string | null; unitLevel: UnitLevel | null };

export interface CompetenceRules {
  rules: readonly CompetenceRule[];
  /** The delegation order (delegationsordning): who decides up to which amount. */
  delegation: readonly DelegationLevel[];
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
  if (cls === null) return no('ett utskott eller en beredning beslutar inte i egen rätt.');
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
  }
  if (maker.kind === 'official') {
    if (!maker.unitId) return no('ett tjänstemannabeslut tas av chefen för en enhet, och ingen enhet är angiven.');
    if (matter.unitLineage.length > 0 && !matter.unitLineage.includes(maker.unitId))
      return no('tjänstepersonen leder inte enheten eller en enhet över den.');
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
