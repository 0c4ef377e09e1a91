import type { MiddlewareHandler } from 'hono';
import { DomainError } from '../../domain/errors';
import { resolveSession } from '../auth/service';
import { SessionCache } from '../auth/session-cache';
import { freshVersionsOfRequest, versionsOfRequest } from '../cache/request-versions';
import { cookieOf } from './cookies';
import { defaultHeaders } from './default-headers';
import type { AppEnv, Deps } from './env';

export const SESSION_COOKIE = 'rt_session';

/** The security headers of every answer, the API's and the web UI's alike. */
export function securityHeaderList(secure: boolean): ReadonlyArray<readonly [string, string]> {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // Style attributes set by the component library need inline styles; no inline scripts.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
  return [
    ['content-security-policy', csp],
    ['cross-origin-opener-policy', 'same-origin'],
    ['cross-origin-resource-policy', 'same-origin'],
    ['origin-agent-cluster', '?1'],
    ['referrer-policy', 'same-origin'],
    ...(secure ? ([['strict-transport-security', 'max-age=31536000; includeSubDomains']] as const) : []),
    ['x-content-type-options', 'nosniff'],
    ['x-dns-prefetch-control', 'off'],
    ['x-download-options', 'noopen'],
    ['x-frame-options', 'DENY'],
    ['x-permitted-cross-domain-policies', 'none'],
    ['x-xss-protection', '0'],
  ];
}

export const securityHeaders = (secure: boolean) => defaultHeaders(() => securityHeaderList(secure));

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * An unsafe request that carries the session cookie is accepted only from our own origin:
 * the browser says where it comes from in Sec-Fetch-Site or Origin. A request with neither
 * header comes from a program, not a page another site could have planted it in.
 * Sign-in is checked even without a cookie: another site could otherwise sign a visitor in
 * to an account of its choosing (login CSRF) and watch what they enter.
 */
export function sameOriginOnly(trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (UNSAFE.has(c.req.method) && (cookieOf(c, SESSION_COOKIE) !== undefined || isSignIn(c.req.path))) {
      const site = c.req.header('sec-fetch-site');
      const origin = c.req.header('origin');
      const own = ownOrigin(
        c.req.url,
        c.req.header('host'),
        trustProxy ? c.req.header('x-forwarded-proto') : undefined,
      );
      const fromElsewhere =
        (site !== undefined && site !== 'same-origin' && site !== 'none') || (origin !== undefined && origin !== own);
      if (fromElsewhere) throw new DomainError('forbidden', 'Förfrågan kommer från en annan webbplats och avvisas.');
    }
    await next();
  };
}

const isSignIn = (path: string) => path.replace(/\/+$/, '').endsWith('/auth/login');

function ownOrigin(url: string, host: string | undefined, forwardedProto: string | undefined): string {
  const u = new URL(url);
  const proto = forwardedProto ? `${forwardedProto.split(',')[0]?.trim()}:` : u.protocol;
  return `${proto}//${host ?? u.host}`;
}

/**
 * Puts the signed-in user, if any, on the request. Resolved sessions are kept in memory (see
 * `SessionCache`) against the data versions, read once for the request and shared with the
 * figure cache.
 */
export function sessions({ services, config }: Deps): MiddlewareHandler<AppEnv> {
  const cache = new SessionCache();
  return async (c, next) => {
    const token = cookieOf(c, SESSION_COOKIE);
    c.set('auth', null);
    if (token) {
      const versions = await versionsOfRequest(services, c.req.raw);
      const found = await resolveSession(services, config.sessionPolicy, token, {
        cache,
        versions,
        fresh: () => freshVersionsOfRequest(services, c.req.raw),
      });
      if (found) c.set('auth', found);
    }
    // A request that writes must see its own write, which the versions read at its start do not
    // cover: only reading requests may answer from what another request loaded, and only signed-in
    // ones read anything worth keeping (the OpenAPI document is built without a database at all).
    const method = c.req.method;
    c.set(
      'services',
      c.get('auth') && (method === 'GET' || method === 'HEAD')
        ? { ...services, reading: { request: c.req.raw, db: services.db } }
        : services,
    );
    await next();
  };
}
