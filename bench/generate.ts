import { randomUUID } from 'node:crypto';
import { UNIT_LEVELS, type UnitLevel } from '../domain/org';
import type { Role } from '../domain/permissions';
import { hashPassword } from '../server/auth/passwords';
import type { Executor } from '../server/core/context';

export interface LargeRegionSize {
  units: number;
  users: number;
}

/** Above the largest Swedish regions (about 50 000 employees, a few thousand units). */
export const LARGE_REGION: LargeRegionSize = { units: 5_000, users: 20_000 };

// How many children a unit has at each level, top down; the last level takes the remainder.
const FAN_OUT = [5, 5, 6, 5, 6];
const ROLES_FOR_USERS: Role[] = ['manager', 'reporter', 'viewer', 'controller'];

/**
 * A synthetic region: a tree over all six levels and users with roles, inserted in bulk
 * (not through the services: that is the point of measuring the services against it).
 * Returns the root unit and the password every generated user shares.
 */
export async function generateLargeRegion(db: Executor, size: LargeRegionSize = LARGE_REGION) {
  const now = new Date('2025-01-01T00:00:00Z');
  const units: { id: string; parentId: string | null; level: UnitLevel; name: string; code: string }[] = [];
  const root = { id: randomUUID(), parentId: null, level: 'region' as UnitLevel, name: 'Region Stor', code: 'R0' };
  units.push(root);
  let frontier: typeof units = [root];
  for (let depth = 1; depth < UNIT_LEVELS.length && units.length < size.units; depth++) {
    const level = UNIT_LEVELS[depth] as UnitLevel;
    const next: typeof units = [];
    const last = depth === UNIT_LEVELS.length - 1;
    const perParent = last ? Math.ceil((size.units - units.length) / frontier.length) : (FAN_OUT[depth - 1] as number);
    for (const parent of frontier) {
      for (let i = 0; i < perParent && units.length + next.length < size.units; i++) {
        const code = `${parent.code}.${i + 1}`;
        next.push({ id: randomUUID(), parentId: parent.id, level, name: `${level} ${code}`, code });
      }
    }
    units.push(...next);
    frontier = next;
  }

  const batch = <T>(rows: T[], n = 500) =>
    Array.from({ length: Math.ceil(rows.length / n) }, (_, i) => rows.slice(i * n, i * n + n));
  for (const part of batch(units)) {
    await db
      .insertInto('org_units')
      .values(part.map((u) => ({ id: u.id, created_at: now })))
      .execute();
    await db
      .insertInto('org_unit_states')
      .values(
        part.map((u) => ({
          unit_id: u.id,
          valid_from: '2020-01-01',
          valid_to: null,
          parent_id: u.parentId,
          name: u.name,
          level: u.level,
          code: u.code,
          manager_name: `Chef ${u.code}`,
          manager_user_id: null,
        })),
      )
      .execute();
  }

  const password = 'bench-password';
  const passwordHash = await hashPassword(password);
  const users = Array.from({ length: size.users }, (_, i) => ({
    id: randomUUID(),
    username: `user${i}`,
    display_name: `Användare ${i}`,
    email: null,
    password_hash: passwordHash,
    created_at: now,
    updated_at: now,
  }));
  for (const part of batch(users)) await db.insertInto('users').values(part).execute();
  const roles = users.map((u, i) => ({
    id: randomUUID(),
    user_id: u.id,
    role: ROLES_FOR_USERS[i % ROLES_FOR_USERS.length] as Role,
    unit_id: (units[i % units.length] as (typeof units)[number]).id,
    created_at: now,
  }));
  for (const part of batch(roles)) await db.insertInto('role_assignments').values(part).execute();
  const admin = users[0] as (typeof users)[number];
  await db
    .insertInto('role_assignments')
    .values({ id: randomUUID(), user_id: admin.id, role: 'administrator', unit_id: root.id, created_at: now })
    .execute();
  return { rootId: root.id, units, adminUsername: admin.username, password };
}
