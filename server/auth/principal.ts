import { type RawBuilder, sql } from 'kysely';
import type { IsoDate } from '../../domain/dates';
import type { BodyKind } from '../../domain/org';
import {
  type MemberRole,
  type MembershipRow,
  membershipsOn,
  type Principal,
  type Role,
} from '../../domain/permissions';
import type { Executor } from '../core/context';

export interface RoleRow {
  role: string;
  unit_id: string;
}

/** A seat as the lookup reads it (JSON): dates as text, valid_to exclusive. */
export interface MembershipJson {
  body_id: string;
  body_kind: string;
  role: string;
  valid_from: string;
  valid_to: string | null;
  unit_ids: string[] | null;
}

/**
 * The user's seats in bodies with the units each body governs (a committee: the body above
 * it), as one JSON column, so that the session lookup stays one statement.
 */
export const membershipsJson = (userId: RawBuilder<unknown>) => sql`
    coalesce((SELECT json_agg(json_build_object('body_id', m.body_id, 'body_kind', b.kind, 'role', m.role,
                'valid_from', m.valid_from, 'valid_to', m.valid_to,
                'unit_ids', coalesce((SELECT json_agg(bu.unit_id) FROM body_units bu WHERE bu.body_id = m.body_id),
                                     (SELECT json_agg(bu.unit_id) FROM body_units bu WHERE bu.body_id = b.parent_body_id))))
              FROM body_members m JOIN bodies b ON b.id = m.body_id WHERE m.user_id = ${userId}), '[]'::json)`;

/**
 * The principal of a user row and its role and seat rows, or null when there is no such user
 * or the user is disabled. Seats count only on `today` (the clock's day). Shared by
 * `loadPrincipal` and the session lookup, which reads all of it in one statement.
 */
export function principalOf(
  user: {
    user_id: string | null;
    username: string | null;
    display_name: string | null;
    disabled: boolean | null;
    roles: RoleRow[];
    memberships?: MembershipJson[] | null;
  },
  today: IsoDate,
): (Principal & { displayName: string }) | null {
  if (user.user_id === null || user.disabled !== false) return null;
  const seats: MembershipRow[] = (user.memberships ?? []).map((m) => ({
    bodyId: m.body_id,
    bodyKind: m.body_kind as BodyKind,
    role: m.role as MemberRole,
    unitIds: m.unit_ids ?? [],
    validFrom: String(m.valid_from).slice(0, 10),
    validTo: m.valid_to === null ? null : String(m.valid_to).slice(0, 10),
  }));
  return {
    userId: user.user_id,
    username: user.username as string,
    displayName: user.display_name as string,
    roles: user.roles.map((r) => ({ role: r.role as Role, unitId: r.unit_id })),
    memberships: membershipsOn(seats, today),
  };
}

/** The user with the roles they hold now and the seats they hold on `today`, in one statement. */
export async function loadPrincipal(
  db: Executor,
  userId: string,
  today: IsoDate,
): Promise<(Principal & { displayName: string }) | null> {
  const row = (
    await sql<{
      user_id: string;
      username: string;
      display_name: string;
      disabled: boolean;
      roles: RoleRow[];
      memberships: MembershipJson[];
    }>`
    SELECT u.id AS user_id, u.username, u.display_name, u.disabled,
      coalesce((SELECT json_agg(json_build_object('role', r.role, 'unit_id', r.unit_id))
                FROM role_assignments r WHERE r.user_id = u.id), '[]'::json) AS roles,
      ${membershipsJson(sql.ref('u.id'))} AS memberships
    FROM users u WHERE u.id = ${userId}`.execute(db)
  ).rows[0];
  if (!row || row.disabled) return null;
  return principalOf(row, today);
}
