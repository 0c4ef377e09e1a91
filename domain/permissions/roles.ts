/** Roles are given to a user for a unit and hold for that unit's whole subtree. */
export const ROLES = ['administrator', 'controller', 'manager', 'reporter', 'politician', 'auditor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGrant {
  role: Role;
  unitId: string;
}

/** Who is asking: the signed-in user and the roles they hold. */
export interface Principal {
  userId: string;
  username: string;
  roles: readonly RoleGrant[];
  /** The bodies the user sits in today (see bodies.ts); absent where only roles are known. */
  memberships?: readonly import('./bodies').Membership[];
}
