import type { IsoDate } from '../dates';
import type { BodyKind, OrgIndex } from '../org';
import { anyOf, type Rule } from './predicates';
import type { Principal } from './roles';

/** A seat in a body: ordförande, vice ordförande, ledamot or ersättare. */
export const MEMBER_ROLES = ['ordforande', 'vice_ordforande', 'ledamot', 'ersattare'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** A seat the principal holds on the day the principal was loaded, with the units the body governs. */
export interface Membership {
  bodyId: string;
  bodyKind: BodyKind;
  role: MemberRole;
  /** The units the body governs (body_units); a committee's are those of the body above it. */
  unitIds: readonly string[];
}

/** A seat row with its validity, as read from the database (valid_to exclusive). */
export interface MembershipRow extends Membership {
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

/** The seats held on `day`: a seat ends on its `validTo`, so access follows the clock. */
export const membershipsOn = (rows: readonly MembershipRow[], day: IsoDate): Membership[] =>
  rows
    .filter((m) => m.validFrom <= day && (m.validTo === null || day < m.validTo))
    .map(({ bodyId, bodyKind, role, unitIds }) => ({ bodyId, bodyKind, role, unitIds }));

const seats = (p: Principal): readonly Membership[] => p.memberships ?? [];

/**
 * The user sits in a body (not the revisorer) that governs the target's unit or a unit above
 * it: a politician reads what their bodies govern. A whole-organisation target needs a body
 * that governs a root of the tree.
 */
export const isMemberOfBodyOver: Rule = ({ principal, tree }, { unitId }) =>
  seats(principal).some(
    (m) =>
      m.bodyKind !== 'revisorer' &&
      m.unitIds.some((u) => (unitId === null ? tree.roots().includes(u) : tree.isInSubtree(unitId, u))),
  );

/**
 * What a body's units work under as well (`data.readInherited` for a seat): the records of the
 * units above the body's units and of the whole organisation, not a sibling's.
 */
export const isMemberInheriting: Rule = ({ principal, tree }, { unitId }) => {
  const units = seats(principal)
    .filter((m) => m.bodyKind !== 'revisorer')
    .flatMap((m) => m.unitIds.filter((u) => tree.has(u)));
  if (units.length === 0) return false;
  if (unitId === null || !tree.has(unitId)) return true;
  return units.some((u) => tree.isInSubtree(unitId, u) || tree.isInSubtree(u, unitId));
};

/** The user sits among the revisorer: they read everything (KL 12:8) and write nothing. */
export const isRevisor: Rule = ({ principal }) => seats(principal).some((m) => m.bodyKind === 'revisorer');

/** The user sits in some body: they belong to the organisation (read its chart and bodies). */
export const hasSeat: Rule = ({ principal }) => seats(principal).length > 0;

/** Reads every member of the organisation may do, seat or role. */
const MEMBER_READS = new Set(['orgUnit.read', 'body.read']);

/**
 * Reads a seat among the revisorer does not extend: the accounts register (personal data kept to
 * the administrators who need it; an auditor reviewing access asks them or holds the auditor role).
 */
const NOT_FOR_REVISORER = new Set(['user.read']);

/**
 * Adds the body rules to every action: reads of steering data follow the bodies a user sits
 * in, the revisorer read everything, and a revisor writes nothing, whatever roles they hold.
 * Applied over the whole rule table, so actions added later get the same treatment.
 */
export function withBodyMembership<K extends string>(rules: Record<K, Rule>): Record<K, Rule> {
  const out = {} as Record<K, Rule>;
  for (const action of Object.keys(rules) as K[]) {
    const base = rules[action];
    if (action === 'data.read') out[action] = anyOf(base, isMemberOfBodyOver, isRevisor);
    else if (action === 'data.readInherited') out[action] = anyOf(base, isMemberInheriting, isRevisor);
    else if (action === 'data.readSomewhere' || MEMBER_READS.has(action)) out[action] = anyOf(base, hasSeat);
    else if (action.endsWith('.read') && !NOT_FOR_REVISORER.has(action)) out[action] = anyOf(base, isRevisor);
    else if (action.endsWith('.read')) out[action] = base;
    else out[action] = (ctx, t) => !isRevisor(ctx, t) && base(ctx, t);
  }
  return out;
}

/**
 * The units a principal reads from, roles and seats alike: where a list starts looking for
 * what the principal may read (a revisor from the roots).
 */
export function grantUnits(principal: Principal, tree: OrgIndex): string[] {
  const units = new Set(principal.roles.map((g) => g.unitId));
  for (const m of seats(principal)) for (const u of m.bodyKind === 'revisorer' ? tree.roots() : m.unitIds) units.add(u);
  return [...units];
}
