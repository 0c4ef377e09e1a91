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
}

export type Executor = Kysely<DB> | Transaction<DB>;

/** Who does a thing: a signed-in user, or the system itself (migrations, seed, CLI). */
export type Actor = { kind: 'user'; principal: Principal; displayName: string } | { kind: 'system'; name: string };

export const systemActor = (name = 'system'): Actor => ({ kind: 'system', name });

export const actorId = (a: Actor): string | null => (a.kind === 'user' ? a.principal.userId : null);
/** The audit identity history records (domain/actors `actorAccount`): the username, or `system:<name>`. */
export const actorName = (a: Actor): string =>
  actorAccount(a.kind === 'user' ? { kind: 'user', username: a.principal.username } : a);
