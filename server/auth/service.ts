import { hash, randomBytes } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import { swedishDate } from '../../domain/dates';
import { DomainError } from '../../domain/errors';
import type { Principal } from '../../domain/permissions';
import type { DataVersions } from '../cache/data-versions';
import type { Services } from '../core/context';
import { accountForSignIn } from '../users/reads';
import { verifyPassword } from './passwords';
import { loadPrincipal, type MembershipJson, membershipsJson, principalOf, type RoleRow } from './principal';
import type { SessionCache } from './session-cache';
import { loginWaitSeconds, type ThrottlePolicy } from './throttle';

export interface SessionPolicy extends ThrottlePolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export const defaultSessionPolicy: SessionPolicy = {
  idleMinutes: 60,
  absoluteHours: 12,
  freeFailuresPerAddress: 5,
  backoffBaseSeconds: 60,
  backoffMaxMinutes: 30,
  maxFailuresPerUser: 100,
  failureWindowMinutes: 60,
};

const MINUTE = 60_000;
// Attempts older than this, or beyond this many, are not looked at: a pair's back-off is
// capped well below a day, and a longer replay would only make an attacker's flood costly to us.
const REMEMBERED_HOURS = 24;
const REMEMBERED_ATTEMPTS = 2000;
// Every signed-in request hashes its token: the one-shot hash, not a Hash object per request.
const sessionId = (token: string) => hash('sha256', token, 'base64url');

export interface LoginResult {
  token: string;
  principal: Principal;
  displayName: string;
  expiresAt: Date;
}

/**
 * Checks a username and password. Every attempt is recorded; repeated failures slow down that
 * account from that address, and very many from everywhere the account (429, see
 * `loginWaitSeconds`). On success the session the request presented, if any, ends and a new
 * one begins, so a session planted before sign-in never becomes a signed-in one.
 */
export async function login(
  services: Services,
  policy: SessionPolicy,
  input: { username: string; password: string; ip: string; presentedToken?: string },
): Promise<LoginResult> {
  const now = services.clock.now();
  const username = input.username.trim().toLowerCase();
  const recent = await services.db
    .selectFrom('login_attempts')
    .select(['at', 'ip', 'success'])
    .where('username', '=', username)
    .where('at', '>', new Date(now.getTime() - REMEMBERED_HOURS * 60 * MINUTE))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(REMEMBERED_ATTEMPTS)
    .execute();
  const wait = loginWaitSeconds(
    recent.reverse().map((a) => ({ at: new Date(a.at), ip: a.ip, success: a.success })),
    input.ip,
    now,
    policy,
  );
  if (wait > 0) {
    await recordAttempt(services, { at: now, username, ip: input.ip, success: false });
    const minutes = Math.ceil(wait / 60);
    throw new DomainError(
      'too_many_requests',
      `För många misslyckade inloggningar. Försök igen om ${minutes} ${minutes === 1 ? 'minut' : 'minuter'}.`,
      { details: { retryAfterSeconds: wait } },
    );
  }
  const user = await accountForSignIn(services.db, username);
  const ok = (await verifyPassword(user?.password_hash ?? null, input.password)) && !user?.disabled;
  const principal = ok && user ? await loadPrincipal(services.db, user.id, swedishDate(new Date(now))) : null;
  if (!principal || !user) {
    await recordAttempt(services, { at: now, username, ip: input.ip, success: false });
    throw new DomainError('unauthenticated', 'Fel användarnamn eller lösenord.');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + policy.absoluteHours * 60 * MINUTE);
  await services.db.transaction().execute(async (trx) => {
    if (input.presentedToken !== undefined)
      await endSessions(services, { sessionId: sessionId(input.presentedToken) }, 'replaced', trx);
    await trx
      .insertInto('sessions')
      .values({ id: sessionId(token), user_id: user.id, created_at: now, last_seen_at: now, expires_at: expiresAt })
      .execute();
    await trx.insertInto('login_attempts').values({ at: now, username, ip: input.ip, success: true }).execute();
  });
  return { token, principal, displayName: principal.displayName, expiresAt };
}

async function recordAttempt(services: Services, row: { at: Date; username: string; ip: string; success: boolean }) {
  await services.db.insertInto('login_attempts').values(row).execute();
}

type SessionRow = {
  last_seen_at: Date | string;
  expires_at: Date | string;
  user_id: string | null;
  username: string | null;
  display_name: string | null;
  disabled: boolean | null;
  roles: RoleRow[];
  memberships: MembershipJson[];
};

// The session, its user and the user's roles in one statement: every signed-in request runs
// it, and on the embedded database each statement queues for the single connection.
const sessionQuery = (id: RawBuilder<unknown>) => sql<SessionRow>`
  SELECT s.last_seen_at, s.expires_at, u.id AS user_id, u.username, u.display_name, u.disabled,
    coalesce((SELECT json_agg(json_build_object('role', r.role, 'unit_id', r.unit_id))
              FROM role_assignments r WHERE r.user_id = s.user_id), '[]'::json) AS roles,
    ${membershipsJson(sql.ref('s.user_id'))} AS memberships
  FROM sessions s LEFT JOIN users u ON u.id = s.user_id
  WHERE s.id = ${id} AND s.ended_at IS NULL`;

// On the embedded database parsing and planning cost several times what running the lookup
// does, so it is prepared once per database and executed by name. Its one connection keeps
// the prepared statement for good; a PostgreSQL pool has many, so there it is a plain query.
const prepared = new WeakMap<object, Promise<void>>();

async function sessionRow(services: Services, id: string): Promise<SessionRow | undefined> {
  if (services.dbKind !== 'pglite') return (await sessionQuery(sql`${id}`).execute(services.db)).rows[0];
  let ready = prepared.get(services.db);
  if (!ready) {
    ready = sql`PREPARE rt_session_lookup(text) AS ${sessionQuery(sql.raw('$1'))}`.execute(services.db).then(
      () => undefined,
      (err: unknown) => {
        // Another Kysely over the same PGlite client prepared it already: the same statement.
        if ((err as { code?: string }).code !== '42P05') throw err;
      },
    );
    prepared.set(services.db, ready);
    ready.catch(() => prepared.delete(services.db));
  }
  await ready;
  // The id is a SHA-256 in base64url (letters, digits, - and _); a literal all the same.
  return (await sql<SessionRow>`EXECUTE rt_session_lookup(${sql.lit(id)})`.execute(services.db)).rows[0];
}

/**
 * The principal behind a session token, or null when the session is unknown, ended, idle
 * too long or past its absolute lifetime. An expired session is ended on the spot.
 *
 * With `kept` (the process's session cache and the data versions read for this request), a
 * session resolved before is taken from memory while the `access` and `sessions` versions are
 * unchanged, so a signed-in request costs no statement of its own. Its expiry is still judged
 * by the clock now; one that looks expired by what this process remembers is read again first,
 * since another process may have touched it since.
 */
export async function resolveSession(
  services: Services,
  policy: SessionPolicy,
  token: string,
  kept?: {
    cache: SessionCache;
    versions: DataVersions;
    /** Reads the versions anew before the session is loaded live (see `freshVersionsOfRequest`). */
    fresh?: () => Promise<DataVersions>;
  },
): Promise<{ principal: Principal; displayName: string; sessionId: string } | null> {
  const now = services.clock.now().getTime();
  const id = sessionId(token);
  const hit = kept?.cache.get(id, kept.versions);
  if (
    hit &&
    hit.day === swedishDate(new Date(now)) &&
    now < hit.expiresAt &&
    now < hit.lastSeen + policy.idleMinutes * MINUTE
  ) {
    if (now - hit.lastSeen > MINUTE) {
      await touch(services, id, now);
      hit.lastSeen = now;
    }
    return { principal: hit.principal, displayName: hit.displayName, sessionId: id };
  }
  const filedAt = (kept?.fresh ? await kept.fresh() : kept?.versions) ?? null;
  const session = await sessionRow(services, id);
  if (!session) {
    kept?.cache.delete(id);
    return null;
  }
  let lastSeen = new Date(session.last_seen_at).getTime();
  const expiresAt = new Date(session.expires_at).getTime();
  if (now >= expiresAt || now >= lastSeen + policy.idleMinutes * MINUTE) {
    kept?.cache.delete(id);
    await endSessions(services, { sessionId: id }, 'timeout');
    return null;
  }
  const principal = principalOf(session, swedishDate(new Date(now)));
  if (!principal) {
    kept?.cache.delete(id);
    await endSessions(services, { sessionId: id }, 'user_disabled');
    return null;
  }
  // Touch at most once a minute: a page load makes many requests.
  if (now - lastSeen > MINUTE) {
    await touch(services, id, now);
    lastSeen = now;
  }
  // Filed under the versions read before the row: a change committed after that read bumps them.
  if (kept && filedAt)
    kept.cache.set(id, {
      principal,
      displayName: principal.displayName,
      lastSeen,
      expiresAt,
      access: filedAt.access,
      sessions: filedAt.sessions,
      day: swedishDate(new Date(now)),
    });
  return { principal, displayName: principal.displayName, sessionId: id };
}

async function touch(services: Services, id: string, now: number): Promise<void> {
  await services.db
    .updateTable('sessions')
    .set({ last_seen_at: new Date(now) })
    .where('id', '=', id)
    .execute();
}

export async function logout(services: Services, token: string): Promise<void> {
  await endSessions(services, { sessionId: sessionId(token) }, 'logout');
}

export async function endSessions(
  services: Pick<Services, 'db' | 'clock'>,
  which: { sessionId: string } | { userId: string },
  reason: string,
  db = services.db,
): Promise<void> {
  let q = db
    .updateTable('sessions')
    .set({ ended_at: services.clock.now(), ended_reason: reason })
    .where('ended_at', 'is', null);
  q = 'sessionId' in which ? q.where('id', '=', which.sessionId) : q.where('user_id', '=', which.userId);
  await q.execute();
}
