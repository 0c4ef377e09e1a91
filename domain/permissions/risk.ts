import { isMemberOfBodyOver } from './bodies';
import { anyOf, hasRoleOver, type Rule } from './predicates';

// Risk registers (riskregister, decision 019). A unit's risks are placed on the unit; a body's
// risks on the body's scope (domain/scopes.ts bodyScope) with `bodyId` naming the body.

/** Every role that reads steering data reads the risks of its part of the tree. */
const readsRisks = hasRoleOver('administrator', 'controller', 'manager', 'reporter', 'politician', 'auditor', 'viewer');

/** A seat in the body that owns the risk: a nämnd's members read the nämnd's own register. */
export const sitsInOwningBody: Rule = ({ principal }, { bodyId }) =>
  !!bodyId && (principal.memberships ?? []).some((m) => m.bodyId === bodyId);

/** A seat in the styrelse: its uppsikt (KL 6:1) covers every nämnd's risks, wherever they sit. */
export const sitsInStyrelse: Rule = ({ principal }) =>
  (principal.memberships ?? []).some((m) => m.bodyKind === 'styrelse');

// Units write their own: the chef of the unit and above, and its controllers.
const unitRiskWriters = hasRoleOver('controller', 'manager');
// A body's register is kept by those who serve the body: its controllers and administrators.
const bodyRiskWriters = hasRoleOver('controller', 'administrator');

export const riskRules = {
  // The revisorer read every risk and write none (added for every action in bodies.ts).
  'risk.read': anyOf(readsRisks, isMemberOfBodyOver, sitsInOwningBody, sitsInStyrelse),
  'risk.write': unitRiskWriters,
  'risk.assess': unitRiskWriters,
  'bodyRisk.write': bodyRiskWriters,
  'bodyRisk.assess': bodyRiskWriters,
  // The scale is the region's, so only an administrator at the root changes it (target null).
  'riskScale.write': hasRoleOver('administrator'),
} satisfies Record<string, Rule>;
