import type { Executor } from '../core/context';

/** Reads of the accounts for other capabilities (decision 015), each answering one question. */

/** The account a sign-in names, with what checking the password needs; undefined when there is none. */
export async function accountForSignIn(db: Executor, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled'])
    .where('username', '=', username)
    .executeTakeFirst();
}

/** Whether the demo accounts are in the database (the demo was seeded). */
export async function hasDemoAccounts(db: Executor): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('is_demo', '=', true).executeTakeFirst()) !== undefined;
}

/** The enabled managers (chefer) to remind, with the unit each manages: a person managing two units is listed twice. */
export async function managersToRemind(db: Executor) {
  const rows = await db
    .selectFrom('role_assignments')
    .innerJoin('users', 'users.id', 'role_assignments.user_id')
    .select(['role_assignments.unit_id', 'users.id', 'users.display_name', 'users.email'])
    .where('role_assignments.role', '=', 'manager')
    .where('users.disabled', '=', false)
    .execute();
  return rows;
}

/** The display name and username of the given accounts, by id; an id with no account is absent. */
export async function accountNamesOf(
  db: Executor,
  userIds: readonly string[],
): Promise<Map<string, { displayName: string; username: string }>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'username']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { displayName: r.display_name, username: r.username }]));
}
