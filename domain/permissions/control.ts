import { isMemberInheriting, isRevisor } from './bodies';
import { anyOf, hasRoleOver, type PolicyContext, type Rule, readsInherited } from './predicates';

// Internal control (intern kontroll). The target is the unit a body's records belong to (the
// lowest unit above all the units it governs), or a control point's own unit.
export const controlRules = {
  // Plans, points, results and assessments are read by whoever reads what the body's units work
  // under; the styrelse's members read every nämnd's (uppsikt), the revisorer everything.
  'control.read': anyOf(readsInherited, isMemberInheriting),
  'control_plan.write': hasRoleOver('controller', 'manager'),
  // Who may ask for a decision; the decision itself must be the competent body's (plan.internkontrollplan).
  'control_plan.decide': hasRoleOver('controller', 'manager'),
  // The unit's chef (and the controller); the person who checks is let in by `mayRecordResult`.
  'control_result.write': hasRoleOver('controller', 'manager'),
  'control_action.write': hasRoleOver('controller', 'manager'),
  // The nämnd's controller writes its assessment; the nämnd decides it.
  'control_assessment.write': hasRoleOver('controller'),
} satisfies Record<string, Rule>;

/**
 * Whoever a point names to check it records its results, wherever they sit, besides the unit's
 * chef; a revisor records nothing whatever else they are.
 */
export const isNamedChecker = (ctx: PolicyContext, checkerUserId: string | null): boolean =>
  checkerUserId !== null && ctx.principal.userId === checkerUserId && !isRevisor(ctx, { unitId: null });
