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
