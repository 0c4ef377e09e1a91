import type { Principal, Role } from '../../domain/permissions';
import type { Executor } from '../core/context';

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
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    roles: roles.map((r) => ({ role: r.role as Role, unitId: r.unit_id })),
  };
}
