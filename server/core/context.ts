import type { Kysely, Transaction } from 'kysely';
import { actorAccount } from '../../domain/actors';
import type { Principal } from '../../domain/permissions';
import type { DatabaseKind } from '../db/connection';
import type { DB } from '../db/schema';
import type { Clock } from './clock';

/** What every service function gets: the database, the clock and the configuration. */
export interface Services {
  db: Kysely<DB>;
  dbKind: DatabaseKind;
  clock: Clock;
  /**
   * The signed-in reading request (GET or HEAD) these services answer, if any: set per request by
   * the HTTP layer (`servicesOf`), never for a write, a job, the CLI or a service called directly. Within
   * it `keptForRequest` may answer from what an earlier request loaded at the same data versions,
   * as long as the services still read the database the request was given (`db`), not a
   * transaction.
   */
  reading?: { request: Request; db: Kysely<DB> };
}

export type Executor = Kysely<DB> | Transaction<DB>;

/** Who does a thing: a signed-in user, or the system itself (migrations, seed, CLI). */
export type Actor = { kind: 'user'; principal: Principal; displayName: string } | { kind: 'system'; name: string };

export const systemActor = (name = 'system'): Actor => ({ kind: 'system', name });

export const actorId = (a: Actor): string | null => (a.kind === 'user' ? a.principal.userId : null);
/** The audit identity history records (domain/actors `actorAccount`): the username, or `system:<name>`. */
export const actorName = (a: Actor): string =>
  actorAccount(a.kind === 'user' ? { kind: 'user', username: a.principal.username } : a);
