import { hasRoleOver, isMember, type Rule } from './predicates';

// The organisation chart is shared knowledge inside the region: every member may read it.
// Changing it is the system owner's (administratör) work, within their part of the tree.
export const orgRules = {
  'orgUnit.read': isMember,
  'orgUnit.write': hasRoleOver('administrator'),
  // The year's follow-up cycle (årshjulet) is the whole organisation's: kept by who keeps the tree.
  'cycle.write': hasRoleOver('administrator'),
  'body.read': isMember,
  'body.write': hasRoleOver('administrator'),
} satisfies Record<string, Rule>;
