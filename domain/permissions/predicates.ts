import type { OrgIndex } from '../org';
import type { Principal, Role } from './roles';

/** The context every rule sees: who asks, and the tree the question is about. */
export interface PolicyContext {
  principal: Principal;
  tree: OrgIndex;
}

/** The record a rule is about is placed in the tree by its unit (null: the whole organisation). */
export interface Target {
  unitId: string | null;
  /** The body that owns the record, where a body does (a nämnd's risk register). */
  bodyId?: string | null;
}

export type Rule = (ctx: PolicyContext, target: Target) => boolean;

/**
 * The user holds one of `roles` for the target's unit or a unit above it. A target that
 * belongs to the whole organisation (unitId null) needs the role at a root of the tree.
 */
export const hasRoleOver =
  (...roles: Role[]): Rule =>
  ({ principal, tree }, { unitId }) =>
    principal.roles.some(
      (g) =>
        roles.includes(g.role) &&
        (unitId === null ? tree.roots().includes(g.unitId) : tree.isInSubtree(unitId, g.unitId)),
    );

/**
 * The user holds one of `roles` for the parent of the target's unit or above it: the level
 * that decides on the unit's work. The parent of a root is the whole organisation.
 */
export const hasRoleOverParent =
  (...roles: Role[]): Rule =>
  (ctx, { unitId }) =>
    hasRoleOver(...roles)(ctx, {
      unitId: unitId && ctx.tree.has(unitId) ? (ctx.tree.lineage(unitId)[1] ?? null) : null,
    });

/** The units where the principal holds a role that reads steering data. */
const READERS: Role[] = ['administrator', 'controller', 'manager', 'reporter', 'politician', 'auditor', 'viewer'];

/**
 * Readable with what a unit inherits: the principal's own units and everything below them, the
 * records of the units above them and of the whole organisation (null, or a unit no longer in
 * the tree) — not those of sibling units. Needs a reading role somewhere.
 */
export const readsInherited: Rule = ({ principal, tree }, { unitId }) => {
  const grants = principal.roles.filter((g) => READERS.includes(g.role) && tree.has(g.unitId)).map((g) => g.unitId);
  if (grants.length === 0) return false;
  if (unitId === null || !tree.has(unitId)) return true;
  return grants.some((g) => tree.isInSubtree(unitId, g) || tree.isInSubtree(g, unitId));
};

/** The principal reads steering data for some unit: shared registers and definitions. */
export const readsSomewhere: Rule = ({ principal, tree }) =>
  principal.roles.some((g) => READERS.includes(g.role) && tree.has(g.unitId));

/** The user holds one of `roles` anywhere in the organisation. */
export const hasRoleAnywhere =
  (...roles: Role[]): Rule =>
  ({ principal }) =>
    principal.roles.some((g) => roles.includes(g.role));

/** The user holds any role at all: they belong to the organisation. */
export const isMember: Rule = ({ principal }) => principal.roles.length > 0;

export const anyOf =
  (...rules: Rule[]): Rule =>
  (ctx, t) =>
    rules.some((r) => r(ctx, t));
