import type { MiddlewareHandler } from 'hono';
import { setCookie } from 'hono/cookie';
import { readDataVersions } from '../cache/data-versions';
import { answerFromKnownVersions, versionsShownBy } from '../cache/request-versions';
import { covers, formatSeen, keeperOf, parseSeen } from '../cache/version-keeper';
import { cookieOf } from './cookies';
import type { AppEnv, Deps } from './env';
import { answeredFromKept } from './figure-cache';
import { SESSION_COOKIE } from './security';

export const SEEN_COOKIE = 'rt_seen';

/**
 * Where a version keeper runs (several server processes over one PostgreSQL database), a client
 * carries the data versions it has been shown, and no process answers it from older ones:
 *
 * - a GET answered from kept data alone (`answeredFromKept`) takes the versions the keeper has
 *   heard when they cover the client's `rt_seen` cookie, and reads them from the database when
 *   they do not (a notification still in flight) or when the keeper is not listening;
 * - every other request reads them from the database, as without a keeper;
 * - after a write, the versions are read again (they include its commit) and the keeper learns them;
 * - an answer sets `rt_seen` to the versions it was made at whenever they differ from the cookie.
 *
 * Without a keeper (the embedded database: one process), or without a session, this does nothing.
 */
export function seenVersions({ services, config }: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Versions are read, and kept data answered, only for a signed-in request (see `sessions`).
    if (cookieOf(c, SESSION_COOKIE) === undefined) return next();
    const keeper = keeperOf(services.db);
    if (!keeper) return next();
    const cookie = cookieOf(c, SEEN_COOKIE);
    let told = cookie;
    const tell = (value: string) => {
      if (value === told) return;
      told = value;
      setCookie(c, SEEN_COOKIE, value, { httpOnly: true, sameSite: 'Strict', secure: config.secure, path: '/api' });
    };
    const reading = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (reading) {
      const path = c.req.path.startsWith('/api/') ? c.req.path.slice(4) : c.req.path;
      const known = answeredFromKept(path) ? keeper.current() : null;
      // A client shown exactly what is known (the common case) covers it without parsing.
      if (known && (cookie === formatSeen(known) || covers(known, parseSeen(cookie)))) {
        answerFromKnownVersions(c.req.raw, known);
        // Told before the answer is made: a header set afterwards costs a copy of the response.
        tell(formatSeen(known));
      }
    }
    await next();
    let shown = reading ? await versionsShownBy(c.req.raw) : undefined;
    if (!reading && c.res.status < 400) {
      shown = await readDataVersions(services);
      keeper.observe(shown);
    }
    // Versions read from the database are at least any its commits have shown, so an answer below
    // the cookie means a cookie not of this database: it is brought down to what was shown.
    if (shown) tell(formatSeen(shown));
  };
}
