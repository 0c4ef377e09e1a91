import { randomUUID } from 'node:crypto';
import { sortBySwedishName } from '../../domain/collation';
import { DomainError, notFound } from '../../domain/errors';
import type { OrgIndex } from '../../domain/org';
import type { Role } from '../../domain/permissions';
import { hashPassword } from '../auth/passwords';
import { endSessions } from '../auth/service';
import { abilities } from '../core/abilities';
import { type Actor, actorId, type Executor, type Services } from '../core/context';
import { authorize, bumpVersion, write } from '../core/write';
import { currentTree } from '../org/service';

export interface UserRecord {
  id: string;
  version: number;
  username: string;
  displayName: string;
  email: string | null;
  disabled: boolean;
  roles: { id: string; role: Role; unitId: string }[];
}

async function userRecord(db: Executor, id: string): Promise<UserRecord | null> {
  const u = await db
    .selectFrom('users')
    .select(['id', 'version', 'username', 'display_name', 'email', 'disabled'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!u) return null;
  const roles = await db
    .selectFrom('role_assignments')
    .select(['id', 'role', 'unit_id'])
    .where('user_id', '=', id)
    .orderBy('created_at')
    .execute();
  return {
    id: u.id,
    version: u.version,
    username: u.username,
    displayName: u.display_name,
    email: u.email,
    disabled: u.disabled,
    roles: roles.map((r) => ({ id: r.id, role: r.role as Role, unitId: r.unit_id })),
  };
}

/**
 * What the caller may do with an account: change it (edit: the whole organisation's, root
 * administrators), give it roles (grantRoles: some unit where the caller assigns roles) and take
 * each role back (revoke: the role's unit) — never on their own account (refuseOwnAccount).
 */
function withAbilities(actor: Actor, tree: OrgIndex, user: UserRecord) {
  const can = abilities(actor, tree);
  const own = actor.kind === 'user' && actorId(actor) === user.id;
  const assignsSomewhere =
    actor.kind === 'system' || actor.principal.roles.some((g) => can(g.unitId, { assign: 'role.assign' }).assign);
  return {
    ...user,
    roles: user.roles.map((r) => ({ ...r, can: { revoke: !own && can(r.unitId, { a: 'role.assign' }).a } })),
    can: { edit: can(null, { edit: 'user.write' }).edit, grantRoles: !own && assignsSomewhere },
  };
}

/** What the caller may do with the list: create an account. */
export async function userListAbilities(services: Services, actor: Actor) {
  return abilities(actor, await currentTree(services))(null, { create: 'user.write' });
}

export async function listUsers(services: Services, actor: Actor) {
  const tree = await currentTree(services);
  authorize(actor, 'user.read', { unitId: null }, tree);
  const users = await services.db
    .selectFrom('users')
    .select(['id', 'version', 'username', 'display_name', 'email', 'disabled'])
    .execute();
  const roles = await services.db.selectFrom('role_assignments').select(['id', 'user_id', 'role', 'unit_id']).execute();
  const byUser = new Map<string, typeof roles>();
  for (const r of roles) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r]);
  return sortBySwedishName(
    users.map((u) =>
      withAbilities(actor, tree, {
        id: u.id,
        version: u.version,
        username: u.username,
        displayName: u.display_name,
        email: u.email,
        disabled: u.disabled,
        roles: (byUser.get(u.id) ?? []).map((r) => ({ id: r.id, role: r.role as Role, unitId: r.unit_id })),
      }),
    ),
    (u) => u.displayName,
  );
}

export async function getUser(services: Services, actor: Actor, id: string) {
  const tree = await currentTree(services);
  authorize(actor, 'user.read', { unitId: null }, tree);
  const user = await userRecord(services.db, id);
  if (!user) throw notFound('Användaren');
  return withAbilities(actor, tree, user);
}

export interface NewUser {
  username: string;
  displayName: string;
  email: string | null;
  password: string | null;
  isDemo?: boolean;
}

export async function createUser(services: Services, actor: Actor, input: NewUser, id = randomUUID()) {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return write(services, actor, async (w) => {
    authorize(actor, 'user.write', { unitId: null }, await currentTree(services, w.trx));
    const username = input.username.trim().toLowerCase();
    const taken = await w.trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (taken)
      throw new DomainError('conflict', `Användarnamnet ${username} är upptaget.`, {
        fields: [{ field: 'username', message: 'är upptaget' }],
      });
    await w.trx
      .insertInto('users')
      .values({
        id,
        username,
        display_name: input.displayName,
        email: input.email,
        password_hash: passwordHash,
        is_demo: input.isDemo ?? false,
        created_at: w.now,
        updated_at: w.now,
      })
      .execute();
    const after = (await userRecord(w.trx, id)) as UserRecord;
    await w.record({ kind: 'user.created', entity: 'user', entityId: id, unitId: null, before: null, after });
    return withAbilities(actor, await currentTree(services, w.trx), after);
  });
}

export interface UserChange {
  version: number;
  displayName?: string;
  email?: string | null;
  disabled?: boolean;
  password?: string;
}

/**
 * Changes an account. Disabling it or setting its password ends every session the user has,
 * the actor's own included, in the same transaction.
 */
export async function updateUser(services: Services, actor: Actor, id: string, change: UserChange) {
  const passwordHash = change.password ? await hashPassword(change.password) : undefined;
  return write(services, actor, async (w) => {
    authorize(actor, 'user.write', { unitId: null }, await currentTree(services, w.trx));
    const before = await userRecord(w.trx, id);
    if (!before) throw notFound('Användaren');
    await bumpVersion(w.trx, 'users', id, change.version, () => userRecord(w.trx, id));
    if (change.disabled === true && actor.kind === 'user' && actor.principal.userId === id)
      throw new DomainError('unprocessable', 'Du kan inte stänga av ditt eget konto.', {
        fields: [{ field: 'disabled', message: 'eget konto' }],
      });
    await w.trx
      .updateTable('users')
      .set({
        display_name: change.displayName ?? before.displayName,
        email: change.email === undefined ? before.email : change.email,
        disabled: change.disabled ?? before.disabled,
        ...(passwordHash ? { password_hash: passwordHash } : {}),
        updated_at: w.now,
      })
      .where('id', '=', id)
      .execute();
    if (change.disabled === true && !before.disabled)
      await endSessions(services, { userId: id }, 'user_disabled', w.trx);
    // Whoever knew the old password, or held a session won with it, is out with it.
    else if (passwordHash) await endSessions(services, { userId: id }, 'password_changed', w.trx);
    const after = (await userRecord(w.trx, id)) as UserRecord;
    const kind =
      change.disabled === true && !before.disabled
        ? 'user.disabled'
        : change.disabled === false && before.disabled
          ? 'user.enabled'
          : passwordHash && change.displayName === undefined && change.email === undefined
            ? 'user.password_set'
            : 'user.updated';
    // The history never holds a password or its hash.
    await w.record({ kind, entity: 'user', entityId: id, unitId: null, before, after });
    return withAbilities(actor, await currentTree(services, w.trx), after);
  });
}

/**
 * Nobody changes the roles of their own account, however wide their rights: an administrator
 * of a subtree could otherwise make itself controller there, and any change to one's own
 * rights should have a second person behind it.
 */
function refuseOwnAccount(actor: Actor, userId: string, field: string): void {
  if (actor.kind === 'user' && actor.principal.userId === userId)
    throw new DomainError('forbidden', 'Du kan inte ändra rollerna för ditt eget konto.', {
      fields: [{ field, message: 'eget konto' }],
    });
}

export async function grantRole(
  services: Services,
  actor: Actor,
  input: { userId: string; role: Role; unitId: string },
  id = randomUUID(),
) {
  return write(services, actor, async (w) => {
    const tree = await currentTree(services, w.trx);
    if (!tree.has(input.unitId))
      throw new DomainError('unprocessable', 'Enheten finns inte i dag.', {
        fields: [{ field: 'unitId', message: 'finns inte' }],
      });
    authorize(actor, 'role.assign', { unitId: input.unitId }, tree);
    refuseOwnAccount(actor, input.userId, 'userId');
    if (!(await userRecord(w.trx, input.userId)))
      throw new DomainError('unprocessable', 'Användaren finns inte.', {
        fields: [{ field: 'userId', message: 'finns inte' }],
      });
    const existing = await w.trx
      .selectFrom('role_assignments')
      .select('id')
      .where('user_id', '=', input.userId)
      .where('role', '=', input.role)
      .where('unit_id', '=', input.unitId)
      .executeTakeFirst();
    if (existing)
      throw new DomainError('conflict', 'Användaren har redan den rollen för enheten.', {
        fields: [{ field: 'role', message: 'finns redan' }],
      });
    const after = { id, userId: input.userId, role: input.role, unitId: input.unitId };
    await w.trx
      .insertInto('role_assignments')
      .values({ id, user_id: input.userId, role: input.role, unit_id: input.unitId, created_at: w.now })
      .execute();
    await w.record({
      kind: 'role.granted',
      entity: 'role_assignment',
      entityId: id,
      unitId: input.unitId,
      before: null,
      after,
    });
    return after;
  });
}

export async function revokeRole(services: Services, actor: Actor, assignmentId: string) {
  return write(services, actor, async (w) => {
    const row = await w.trx
      .selectFrom('role_assignments')
      .select(['id', 'user_id', 'role', 'unit_id'])
      .where('id', '=', assignmentId)
      .executeTakeFirst();
    if (!row) throw notFound('Rolltilldelningen');
    authorize(actor, 'role.assign', { unitId: row.unit_id }, await currentTree(services, w.trx));
    refuseOwnAccount(actor, row.user_id, 'id');
    await w.trx.deleteFrom('role_assignments').where('id', '=', assignmentId).execute();
    const before = { id: row.id, userId: row.user_id, role: row.role, unitId: row.unit_id };
    await w.record({
      kind: 'role.revoked',
      entity: 'role_assignment',
      entityId: row.id,
      unitId: row.unit_id,
      before,
      after: null,
    });
  });
}
