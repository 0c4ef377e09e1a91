import { hasRoleAnywhere, hasRoleOver, type Rule } from './predicates';

export const userRules = {
  'user.read': hasRoleAnywhere('administrator'),
  // Accounts belong to the whole organisation (target unitId null): root administrators only.
  'user.write': hasRoleOver('administrator'),
  // A role for a unit may be given by an administrator of that unit's subtree.
  'role.assign': hasRoleOver('administrator'),
} satisfies Record<string, Rule>;
