import type { Principal, Role } from '../../domain/permissions';
import type { Executor } from '../core/context';

export interface RoleRow {
  role: string;
  unit_id: string;
}

/**
 * The principal of a user row and its role rows, or null when there is no such user or the
 * user is disabled. Shared by `loadPrincipal` and the session lookup, which reads both in one
 * statement.
 */
export function principalOf(user: {
  user_id: string | null;
  username: string | null;
  display_name: string | null;
  disabled: boolean | null;
  roles: RoleRow[];
}): (Principal & { displayName: string }) | null {
  if (user.user_id === null || user.disabled !== false) return null;
  return {
    userId: user.user_id,
    username: user.username as string,
    displayName: user.display_name as string,
    roles: user.roles.map((r) => ({ role: r.role as Role, unitId: r.unit_id })),
  };
}

/** The user with the roles they hold now. */
export async function loadPrincipal(
  db: Executor,
  userId: string,
): Promise<(Principal & { displayName: string }) | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.disabled) return null;
  const roles = await db
    .selectFrom('role_assignments')
    .select(['role', 'unit_id'])
    .where('user_id', '=', userId)
    .execute();
  return principalOf({ user_id: user.id, ...user, roles });
}
