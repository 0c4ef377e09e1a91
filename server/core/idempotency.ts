import { sql } from 'kysely';
import { DomainError } from '../../domain/errors';
import type { Actor, Services } from './context';
import { actorId } from './context';
import { type WriteTx, write } from './write';

/** Thrown inside the transaction to roll it back when the key was already used. */
class Replay extends Error {}

const KEY = /^[A-Za-z0-9_\-:.]{8,200}$/;

/**
 * A write that a client may retry with the same Idempotency-Key: the first request does the
 * work and stores its answer in the same transaction; a retry (same user, same key) gets that
 * answer without doing the work again. A concurrent retry waits on the key's row and then
 * replays. A key reused for another request (`scope`) is refused.
 */
export async function idempotent<T>(
  services: Services,
  actor: Actor,
  key: string | undefined,
  scope: string,
  work: (w: WriteTx) => Promise<T>,
): Promise<T> {
  if (key === undefined || key === '') return write(services, actor, work);
  if (!KEY.test(key))
    throw new DomainError('bad_request', 'Ogiltig Idempotency-Key.', {
      fields: [{ field: 'Idempotency-Key', message: '8–200 tecken: bokstäver, siffror, - _ : .' }],
    });
  const userId = actorId(actor) ?? 'system';
  try {
    return await write(services, actor, async (w) => {
      const claimed = await w.trx
        .insertInto('idempotency_keys')
        .values({ user_id: userId, key, scope, status: null, response: null, created_at: w.now })
        .onConflict((oc) => oc.doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!claimed) throw new Replay();
      const result = await work(w);
      await w.trx
        .updateTable('idempotency_keys')
        .set({ status: 200, response: JSON.stringify(result ?? null) })
        .where('user_id', '=', userId)
        .where('key', '=', key)
        .execute();
      return result;
    });
  } catch (err) {
    if (!(err instanceof Replay)) throw err;
  }
  const stored = await services.db
    .selectFrom('idempotency_keys')
    .select(['scope', 'response'])
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  if (stored.scope !== scope)
    throw new DomainError('unprocessable', 'Idempotency-Key har redan använts för en annan begäran.', {
      fields: [{ field: 'Idempotency-Key', message: 'används redan för en annan begäran' }],
    });
  return (typeof stored.response === 'string' ? JSON.parse(stored.response) : stored.response) as T;
}

/** Keys older than this many days are forgotten (a retry comes within minutes, not weeks). */
export async function forgetOldKeys(services: Services, days = 7): Promise<void> {
  const cutoff = new Date(services.clock.now().getTime() - days * 86_400_000);
  await sql`DELETE FROM idempotency_keys WHERE created_at < ${cutoff}`.execute(services.db);
}
