import { hasRoleOver, type Rule } from './predicates';

// Auditors (revisorer) and administrators read who changed what and when, for their subtree.
export const historyRules = {
  'history.read': hasRoleOver('administrator', 'auditor'),
} satisfies Record<string, Rule>;
