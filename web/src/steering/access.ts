import { OrgIndex } from '../../../domain/org';
import { type Action, can, membershipsOn, type Principal } from '../../../domain/permissions';
import { homeUnit } from '../../../domain/scopes';
import { today } from '../app/format';
import type { Me, OrgUnit } from '../app/types';

// What the signed-in user may do is decided by domain/permissions, the rules the server
// enforces; the UI asks them only to offer what will be allowed, and still shows a refusal.

export const orgIndexOf = (units: readonly OrgUnit[]) => new OrgIndex(units);

/** The user as domain/permissions sees them: roles, and the seats held today (as the server loads them). */
const principalOf = (me: Me): Principal => ({
  userId: me.id,
  username: me.username,
  roles: me.roles,
  memberships: membershipsOn(me.seats, today()),
});

/** Whether the user may do `action` on records of `unitId` (null: the whole organisation). */
export function may(me: Me | null | undefined, action: Action, unitId: string | null, tree: OrgIndex): boolean {
  return !!me && can(principalOf(me), action, { unitId }, tree);
}

/** The unit a user's steering pages start from: domain/scopes `homeUnit`, the same the server opens on. */
export const homeUnitId = (me: Me | null | undefined, tree: OrgIndex): string | null =>
  me ? homeUnit(principalOf(me), tree) : null;
