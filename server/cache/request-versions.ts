import type { Services } from '../core/context';
import { type Area, type DataVersions, readDataVersions } from './data-versions';
import { Lru } from './lru';
import { keeperOf } from './version-keeper';

// Keyed by the request object, so the entry goes with the request and no other module's types
// need to carry it.
const perRequest = new WeakMap<Request, Promise<DataVersions>>();
// Requests whose versions are the keeper's (what this process has heard), not read for them.
const fromKeeper = new WeakSet<Request>();

/**
 * The data versions as read once for this request: the session lookup and the figure cache share
 * one read, taken before either uses it, so nothing they serve is older than those versions.
 */
export function versionsOfRequest(services: Services, request: Request): Promise<DataVersions> {
  let read = perRequest.get(request);
  if (!read) {
    read = readFromDatabase(services);
    perRequest.set(request, read);
  }
  return read;
}

function readFromDatabase(services: Services): Promise<DataVersions> {
  const read = readDataVersions(services);
  const keeper = keeperOf(services.db);
  if (keeper)
    void read.then(
      (v) => keeper.observe(v),
      () => {},
    );
  return read;
}

/**
 * Lets this request answer from `known`, the versions a keeper has heard (see `VersionKeeper`),
 * instead of reading them: only for a request answered from kept data alone, and only when the
 * client has seen nothing newer. What it then loads live goes through `freshVersionsOfRequest`.
 */
export function answerFromKnownVersions(request: Request, known: DataVersions): void {
  if (perRequest.has(request)) return;
  perRequest.set(request, Promise.resolve(known));
  fromKeeper.add(request);
}

/**
 * The versions read from the database for this request: the same as `versionsOfRequest` unless
 * that answered from what the keeper had heard, in which case they are read now. Called before
 * anything is loaded live on a miss of a kept answer, so that what is loaded is filed under (and
 * shown to the client as) versions no newer than the data in it.
 */
export function freshVersionsOfRequest(services: Services, request: Request): Promise<DataVersions> {
  if (!fromKeeper.has(request)) return versionsOfRequest(services, request);
  fromKeeper.delete(request);
  const read = readFromDatabase(services);
  perRequest.set(request, read);
  return read;
}

/** The versions this request was answered at, if it read any. */
export function versionsShownBy(request: Request): Promise<DataVersions> | undefined {
  return perRequest.get(request);
}

const kept = new WeakMap<object, Lru<Promise<unknown>>>();
const KEPT_ENTRIES = 2_000;

/**
 * `load()`, or what it gave an earlier reading request of the same database for the same `key`
 * at the same versions of `areas`. Only services answering a reading request carry one
 * (`Services.reading`, set by the HTTP layer for GET and HEAD: a request that writes must see its
 * own write, which the versions read at its start do not cover); outside one (writes,
 * transactions, jobs, the CLI, services called directly) it always loads. The request travels on
 * the services rather than in an AsyncLocalStorage, whose hook on every promise cost a third of
 * the throughput of the lightest requests. What is loaded after the versions were read is at
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
  const reading = services.reading;
  if (!reading || reading.db !== services.db) return load();
  const { request } = reading;
  let lru = kept.get(services.db);
  if (!lru) {
    lru = new Lru(KEPT_ENTRIES, Number.POSITIVE_INFINITY);
    kept.set(services.db, lru);
  }
  const keyAt = (versions: DataVersions) => `${key}|${areas.map((a) => versions[a]).join('.')}`;
  let full = keyAt(await versionsOfRequest(services, request));
  let hit = lru.get(full) as Promise<T> | undefined;
  if (hit) return hit;
  if (fromKeeper.has(request)) {
    full = keyAt(await freshVersionsOfRequest(services, request));
    hit = lru.get(full) as Promise<T> | undefined;
    if (hit) return hit;
  }
  const loading = load();
  lru.set(full, loading, 1);
  loading.catch(() => lru.delete(full));
  return loading;
}
