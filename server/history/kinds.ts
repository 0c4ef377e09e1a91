/** The closed list of things the history records. */
export const HISTORY_KINDS = [
  'org_unit.created',
  'org_unit.updated',
  'org_unit.closed',
  'body.created',
  'body.updated',
  'user.created',
  'user.updated',
  'user.password_set',
  'user.disabled',
  'user.enabled',
  'role.granted',
  'role.revoked',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** Entities named in the history; a kind's prefix names its entity. */
export type HistoryEntity = 'org_unit' | 'body' | 'user' | 'role_assignment';
