import { hasRoleOver, type Rule } from './predicates';

// Steering data (plans, goals, indicators, measures, follow-up) of a unit.
export const dataRules = {
  'data.read': hasRoleOver('administrator', 'controller', 'manager', 'reporter', 'politician', 'auditor', 'viewer'),
  'data.write': hasRoleOver('controller', 'manager'),
  'value.write': hasRoleOver('controller', 'manager', 'reporter'),
} satisfies Record<string, Rule>;
