import { OrgIndex } from '../../../domain/org';
import { type Action, can, type Principal } from '../../../domain/permissions';
import type { Me, OrgUnit } from '../app/types';

// What the signed-in user may do is decided by domain/permissions, the rules the server
// enforces; the UI asks them only to offer what will be allowed, and still shows a refusal.

export const orgIndexOf = (units: readonly OrgUnit[]) => new OrgIndex(units);

const principalOf = (me: Me): Principal => ({ userId: me.id, username: me.username, roles: me.roles });

/** Whether the user may do `action` on records of `unitId` (null: the whole organisation). */
export function may(me: Me | null | undefined, action: Action, unitId: string | null, tree: OrgIndex): boolean {
  return !!me && can(principalOf(me), action, { unitId }, tree);
}

/**
 * The unit a user's steering pages start from: the root when they may read the whole
 * organisation, otherwise the highest unit they hold a reading role for; null if none.
 */
export function homeUnitId(me: Me | null | undefined, tree: OrgIndex): string | null {
  const root = tree.roots()[0];
  if (!me) return null;
  if (root && may(me, 'data.read', null, tree)) return root;
  const readable = me.roles
    .map((r) => r.unitId)
    .filter((id) => tree.has(id) && may(me, 'data.read', id, tree))
    .sort((a, b) => tree.lineage(a).length - tree.lineage(b).length);
  return readable[0] ?? null;
}
