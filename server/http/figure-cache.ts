import { hash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { swedishDate } from '../../domain/dates';
import type { Area, DataVersions } from '../cache/data-versions';
import { Lru } from '../cache/lru';
import { freshVersionsOfRequest, versionsOfRequest } from '../cache/request-versions';
import { answerWith } from './default-headers';
import { type AppEnv, type Deps, jsonAnswer } from './env';

/**
 * Answers that change only with a write are computed once per data version: an ETag of what the
 * answer depends on (the versions of its areas, the caller's identity and roles, the query, the
 * day) lets the browser revalidate with 304 without anything being computed, and the JSON of an
 * answer is kept in a bounded in-process cache under the same key. The versions are read from
 * the database in this request, so a process never serves an answer older than a commit another
 * process made before the request began.
 */

interface CachedRoute {
  name: string;
  /** The path under /api. */
  path: RegExp;
  areas: readonly Area[];
}

// Units carry their manager's name, so the tree depends on accounts as well as on the tree.
export const CACHED_ROUTES: readonly CachedRoute[] = [
  { name: 'org.tree', path: /^\/org-units$/, areas: ['org', 'access'] },
  { name: 'scorecard', path: /^\/scorecard$/, areas: ['org', 'steering', 'access'] },
  { name: 'indicator.across', path: /^\/indicators\/[^/]+\/across$/, areas: ['org', 'steering', 'access'] },
  { name: 'plan.summary', path: /^\/action-plans\/[^/]+\/summary$/, areas: ['org', 'economy', 'access'] },
];

/**
 * Whether a GET of `path` (under /api) may be answered from kept data alone — the session, today's
 * tree, the caller's seats, a cached figure — so that the versions a keeper has heard suffice to
 * judge it (see `server/http/seen-versions.ts`). Anything it loads live on a miss reads the
 * versions from the database first.
 */
export function answeredFromKept(path: string): boolean {
  return path === '/me' || CACHED_ROUTES.some((r) => r.path.test(path));
}

export interface FigureCacheConfig {
  /** Most answers kept. */
  entries: number;
  /** Most bytes of JSON kept. */
  bytes: number;
}

export const defaultFigureCache: FigureCacheConfig = { entries: 500, bytes: 64 * 1024 * 1024 };

const CACHE_CONTROL = 'private, no-cache';

interface Kept {
  /** The answer's JSON as UTF-8, kept encoded: a hit is written to the socket as it is. */
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
}

const cacheHeaders = (etag: string) => ({ ETag: etag, 'Cache-Control': CACHE_CONTROL });

/** Whether `etag` is among the tags of an If-None-Match header. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

export function figureCache({ services, config }: Deps): MiddlewareHandler<AppEnv> {
  const limits = { ...defaultFigureCache, ...config.figureCache };
  const kept = new Lru<Kept>(limits.entries, limits.bytes);
  return async (c, next) => {
    const auth = c.get('auth');
    if (c.req.method !== 'GET' || !auth) return next();
    const path = c.req.path.startsWith('/api/') ? c.req.path.slice(4) : c.req.path;
    const route = CACHED_ROUTES.find((r) => r.path.test(path));
    if (!route) return next();

    const url = new URL(c.req.url);
    const roles = auth.principal.roles
      .map((r) => `${r.role}@${r.unitId}`)
      .sort()
      .join(',');
    const day = swedishDate(services.clock.now());
    const tagAt = (versions: DataVersions) => {
      const key = [
        config.version,
        route.name,
        path,
        url.search,
        auth.principal.userId,
        roles,
        day,
        ...route.areas.map((a) => `${a}=${versions[a]}`),
      ].join('\n');
      return `"${hash('sha256', key, 'base64url').slice(0, 32)}"`;
    };

    // Read by the session lookup already, before anything was computed for this request.
    let etag = tagAt(await versionsOfRequest(services, c.req.raw));
    if (matches(c.req.header('if-none-match'), etag)) return answerWith(c, null, 304, cacheHeaders(etag));
    let hit = kept.get(etag);
    if (hit) return answerWith(c, hit.body, 200, cacheHeaders(etag), hit.contentType);
    // A miss is computed live, so it is filed under (and its client told) versions read from the
    // database now if the request had only those the keeper had heard, which may trail the data.
    const fresh = tagAt(await freshVersionsOfRequest(services, c.req.raw));
    if (fresh !== etag) {
      etag = fresh;
      if (matches(c.req.header('if-none-match'), etag)) return answerWith(c, null, 304, cacheHeaders(etag));
      hit = kept.get(etag);
      if (hit) return answerWith(c, hit.body, 200, cacheHeaders(etag), hit.contentType);
    }

    // The answer's JSON is encoded once, to the bytes that are kept and sent (see `jsonAnswer`).
    const json = c.json;
    c.json = ((object: unknown, status?: unknown, headers?: unknown) =>
      // Anything but (object, status) is made as Hono makes it, and read back below.
      (status !== undefined && typeof status !== 'number') || headers !== undefined
        ? (json as (...args: unknown[]) => Response)(object, status, headers)
        : jsonAnswer(c, JSON.stringify(object), status as ContentfulStatusCode | undefined)) as unknown as typeof json;
    await next();
    if (c.res.status !== 200) return;
    const contentType = c.res.headers.get('content-type') ?? '';
    if (!contentType.startsWith('application/json')) return;
    const made = c.get('jsonBytes');
    if (made?.res === c.res) kept.set(etag, { body: made.bytes, contentType }, made.bytes.byteLength);
    else {
      // Made otherwise: read as the bytes it was encoded to, once, kept and sent as they are.
      const bytes = new Uint8Array(await c.res.arrayBuffer());
      kept.set(etag, { body: bytes, contentType }, bytes.byteLength);
      c.res = new Response(bytes, { status: 200, headers: c.res.headers });
    }
    c.res.headers.set('ETag', etag);
    c.res.headers.set('Cache-Control', CACHE_CONTROL);
  };
}
