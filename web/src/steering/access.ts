import { OrgIndex } from '../../../domain/org';
import { membershipsOn, type Principal } from '../../../domain/permissions';
import { homeUnit } from '../../../domain/scopes';
import { today } from '../app/format';
import type { Me, OrgUnit } from '../app/types';

// What the signed-in user may do comes from the server: `can` on each record, on the tree's units
// and the bodies for records not yet made (writable.ts), `/api/me`'s `can` beyond them. Here only
// where the steering pages start, by the domain's rule the server opens on.

export const orgIndexOf = (units: readonly OrgUnit[]) => new OrgIndex(units);

/** The user as domain/permissions sees them: roles, and the seats held today (as the server loads them). */
const principalOf = (me: Me): Principal => ({
  userId: me.id,
  username: me.username,
  roles: me.roles,
  memberships: membershipsOn(me.seats, today()),
});

/** The unit a user's steering pages start from: domain/scopes `homeUnit`, the same the server opens on. */
export const homeUnitId = (me: Me | null | undefined, tree: OrgIndex): string | null =>
  me ? homeUnit(principalOf(me), tree) : null;
