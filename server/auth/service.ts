import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../../domain/errors';
import type { Principal } from '../../domain/permissions';
import type { Services } from '../core/context';
import { verifyPassword } from './passwords';
import { loadPrincipal } from './principal';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
  /** Failed logins allowed per username, and per client address, within the window. */
  maxFailuresPerUser: number;
  maxFailuresPerIp: number;
  failureWindowMinutes: number;
}

export const defaultSessionPolicy: SessionPolicy = {
  idleMinutes: 60,
  absoluteHours: 12,
  maxFailuresPerUser: 5,
  maxFailuresPerIp: 50,
  failureWindowMinutes: 15,
};

const MINUTE = 60_000;
const sessionId = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface LoginResult {
  token: string;
  principal: Principal;
  displayName: string;
  expiresAt: Date;
}

/**
 * Checks a username and password. Every attempt is recorded; too many failures for one
 * username or one address within the window refuse further attempts for a while (429).
 */
export async function login(
  services: Services,
  policy: SessionPolicy,
  input: { username: string; password: string; ip: string },
): Promise<LoginResult> {
  const now = services.clock.now();
  const username = input.username.trim().toLowerCase();
  const since = new Date(now.getTime() - policy.failureWindowMinutes * MINUTE);
  const failures = await services.db
    .selectFrom('login_attempts')
    .select((eb) => [
      eb.fn.countAll<string>().filterWhere('username', '=', username).as('byUser'),
      eb.fn.countAll<string>().filterWhere('ip', '=', input.ip).as('byIp'),
    ])
    .where('success', '=', false)
    .where('at', '>', since)
    .where((eb) => eb.or([eb('username', '=', username), eb('ip', '=', input.ip)]))
    .executeTakeFirstOrThrow();
  if (Number(failures.byUser) >= policy.maxFailuresPerUser || Number(failures.byIp) >= policy.maxFailuresPerIp) {
    await recordAttempt(services, { at: now, username, ip: input.ip, success: false });
    throw new DomainError(
      'too_many_requests',
      `För många misslyckade inloggningar. Försök igen om ${policy.failureWindowMinutes} minuter.`,
      { details: { retryAfterSeconds: policy.failureWindowMinutes * 60 } },
    );
  }
  const user = await services.db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled'])
    .where('username', '=', username)
    .executeTakeFirst();
  const ok = (await verifyPassword(user?.password_hash ?? null, input.password)) && !user?.disabled;
  const principal = ok && user ? await loadPrincipal(services.db, user.id) : null;
  if (!principal || !user) {
    await recordAttempt(services, { at: now, username, ip: input.ip, success: false });
    throw new DomainError('unauthenticated', 'Fel användarnamn eller lösenord.');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + policy.absoluteHours * 60 * MINUTE);
  await services.db.transaction().execute(async (trx) => {
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

/**
 * The principal behind a session token, or null when the session is unknown, ended, idle
 * too long or past its absolute lifetime. An expired session is ended on the spot.
 */
export async function resolveSession(
  services: Services,
  policy: SessionPolicy,
  token: string,
): Promise<{ principal: Principal; displayName: string; sessionId: string } | null> {
  const now = services.clock.now();
  const id = sessionId(token);
  const session = await services.db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  if (!session) return null;
  const idleLimit = new Date(session.last_seen_at).getTime() + policy.idleMinutes * MINUTE;
  if (now.getTime() >= new Date(session.expires_at).getTime() || now.getTime() >= idleLimit) {
    await endSessions(services, { sessionId: id }, 'timeout');
    return null;
  }
  const principal = await loadPrincipal(services.db, session.user_id);
  if (!principal) {
    await endSessions(services, { sessionId: id }, 'user_disabled');
    return null;
  }
  // Touch at most once a minute: a page load makes many requests.
  if (now.getTime() - new Date(session.last_seen_at).getTime() > MINUTE)
    await services.db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  return { principal, displayName: principal.displayName, sessionId: id };
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
