import type { Principal } from '../../domain/permissions';
import type { DataVersions } from '../cache/data-versions';
import { Lru } from '../cache/lru';

/** A resolved session as kept in memory, with the versions it was read at. */
export interface KeptSession {
  principal: Principal;
  displayName: string;
  /** When it was last touched in the database, as far as this process knows (ms). */
  lastSeen: number;
  expiresAt: number;
  /** `access` (users, roles) and `sessions` (ending of sessions) when the row was read. */
  access: string;
  sessions: string;
  /** The (Swedish) day the principal's seats in bodies were taken for: a seat ends at midnight. */
  day: string;
}

export interface SessionCacheConfig {
  /** Most sessions kept. */
  entries: number;
}

export const defaultSessionCache: SessionCacheConfig = { entries: 10_000 };

/**
 * Resolved sessions of this process, keyed by session id (a hash of the token). An entry is used
 * only while the database's `access` and `sessions` versions are the ones it was read at: any
 * change to users or roles, and the ending of any session by any process, makes every entry miss
 * once and be read again. Expiry is judged by the clock at each request, not by the cache.
 */
export class SessionCache {
  readonly #kept: Lru<KeptSession>;

  constructor(config: SessionCacheConfig = defaultSessionCache) {
    this.#kept = new Lru(config.entries, Number.POSITIVE_INFINITY);
  }

  /** The kept session if it is still current at `versions`, else nothing (and it is dropped). */
  get(id: string, versions: DataVersions): KeptSession | undefined {
    const hit = this.#kept.get(id);
    if (!hit) return undefined;
    if (hit.access === versions.access && hit.sessions === versions.sessions) return hit;
    this.#kept.delete(id);
    return undefined;
  }

  set(id: string, session: KeptSession): void {
    this.#kept.set(id, session, 1);
  }

  delete(id: string): void {
    this.#kept.delete(id);
  }

  get size(): number {
    return this.#kept.size;
  }
}
