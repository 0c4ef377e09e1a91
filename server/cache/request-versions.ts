import { AsyncLocalStorage } from 'node:async_hooks';
import type { Services } from '../core/context';
import { type Area, type DataVersions, readDataVersions } from './data-versions';
import { Lru } from './lru';

// Keyed by the request object, so the entry goes with the request and no other module's types
// need to carry it.
const perRequest = new WeakMap<Request, Promise<DataVersions>>();

/**
 * The data versions as read once for this request: the session lookup and the figure cache share
 * one read, taken before either uses it, so nothing they serve is older than those versions.
 */
export function versionsOfRequest(services: Services, request: Request): Promise<DataVersions> {
  let read = perRequest.get(request);
  if (!read) {
    read = readDataVersions(services);
    perRequest.set(request, read);
  }
  return read;
}

interface Reading {
  services: Services;
  request: Request;
}

const reading = new AsyncLocalStorage<Reading>();

/**
 * Runs `next` as a reading request: within it, `keptForRequest` may answer from what an earlier
 * request loaded at the same data versions. Only requests that write nothing qualify — a request
 * that writes must see its own write, which the versions read at its start do not cover.
 */
export function asReadingRequest<T>(services: Services, request: Request, next: () => Promise<T>): Promise<T> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return next();
  return reading.run({ services, request }, next);
}

const kept = new WeakMap<object, Lru<Promise<unknown>>>();
const KEPT_ENTRIES = 2_000;

/**
 * `load()`, or what it gave an earlier reading request of the same database for the same `key`
 * at the same versions of `areas`. Outside a reading request (writes, transactions, the CLI,
 * services called directly) it always loads. What is loaded after the versions were read is at
 * least as new as them, so an answer is never older than a commit the caller has seen: a write
 * bumps the area's version in its transaction, and the next request reads the new version.
 * Kept values are shared between requests and must not be changed by their users.
 */
export async function keptForRequest<T>(
  services: Services,
  areas: readonly Area[],
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  const scope = reading.getStore();
  if (!scope || scope.services.db !== services.db) return load();
  const versions = await versionsOfRequest(scope.services, scope.request);
  const full = `${key}|${areas.map((a) => versions[a]).join('.')}`;
  let lru = kept.get(services.db);
  if (!lru) {
    lru = new Lru(KEPT_ENTRIES, Number.POSITIVE_INFINITY);
    kept.set(services.db, lru);
  }
  const hit = lru.get(full) as Promise<T> | undefined;
  if (hit) return hit;
  const loading = load();
  lru.set(full, loading, 1);
  loading.catch(() => lru.delete(full));
  return loading;
}
