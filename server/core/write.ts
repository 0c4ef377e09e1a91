import type { Transaction } from 'kysely';
import { DomainError, forbidden, staleVersion } from '../../domain/errors';
import { normalisePayload } from '../../domain/history';
import type { OrgIndex } from '../../domain/org';
import { type Action, can, type Target } from '../../domain/permissions';
import type { DB } from '../db/schema';
import type { HistoryEntity, HistoryKind } from '../history/kinds';
import { checkPayload } from '../history/schemas';
import { type Actor, actorId, actorName, type Services } from './context';

export interface WriteTx {
  trx: Transaction<DB>;
  now: Date;
  actor: Actor;
  /** Records one change in the history, in this transaction. */
  record(entry: HistoryEntry): Promise<void>;
  /** Records many changes in the history, in this transaction, in a few statements. */
  recordAll(entries: readonly HistoryEntry[]): Promise<void>;
}

export interface HistoryEntry {
  kind: HistoryKind;
  entity: HistoryEntity;
  entityId: string;
  unitId: string | null;
  before: unknown;
  after: unknown;
}

/**
 * The one path every write takes: one transaction in which the caller checks permission,
 * validates, compares versions and writes, and in which the history is recorded. Anything
 * thrown rolls the whole of it back.
 */
export async function write<T>(services: Services, actor: Actor, work: (w: WriteTx) => Promise<T>): Promise<T> {
  try {
    return await writeTransaction(services, actor, work);
  } catch (err) {
    throw concurrencyConflict(err) ?? err;
  }
}

// A clash the database settled between two writers that ran at once: whoever lost gets a 409
// to read again and retry, like a stale version, rather than a 500.
const CLASHES: Record<string, string> = {
  '23505': 'Någon annan sparade samma uppgift samtidigt. Läs in sidan igen och gör om ändringen.', // unique_violation
  '40001': 'Någon annan ändrade samma uppgifter samtidigt. Läs in sidan igen och gör om ändringen.', // serialization_failure
  '40P01': 'Någon annan ändrade samma uppgifter samtidigt. Läs in sidan igen och gör om ändringen.', // deadlock_detected
};

/** The 409 for a database error that is a clash between concurrent writers, or null. */
export function concurrencyConflict(err: unknown): DomainError | null {
  if (err instanceof DomainError || typeof err !== 'object' || err === null) return null;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !(code in CLASHES)) return null;
  const constraint = (err as { constraint?: unknown }).constraint;
  return new DomainError('conflict', CLASHES[code] as string, {
    details: { sqlState: code, ...(typeof constraint === 'string' ? { constraint } : {}) },
  });
}

async function writeTransaction<T>(services: Services, actor: Actor, work: (w: WriteTx) => Promise<T>): Promise<T> {
  const now = services.clock.now();
  return services.db.transaction().execute(async (trx) => {
    const w: WriteTx = {
      trx,
      now,
      actor,
      async record(entry) {
        await w.recordAll([entry]);
      },
      async recordAll(entries) {
        // A few hundred rows a statement: one round trip for a grid, far below the parameter limit.
        for (let start = 0; start < entries.length; start += 500)
          await trx
            .insertInto('history')
            .values(
              entries.slice(start, start + 500).map((entry) => {
                // One shape for every payload (decision 015): camelCase keys, kronor and times as
                // text, and the fields its kind's schema declares (server/history/schemas.ts).
                const before = normalisePayload(entry.before);
                const after = normalisePayload(entry.after);
                checkPayload(entry.kind, before, after);
                return {
                  at: now,
                  actor_id: actorId(actor),
                  actor_name: actorName(actor),
                  kind: entry.kind,
                  entity: entry.entity,
                  entity_id: entry.entityId,
                  unit_id: entry.unitId,
                  before: entry.before === undefined ? null : JSON.stringify(before),
                  after: entry.after === undefined ? null : JSON.stringify(after),
                };
              }),
            )
            .execute();
      },
    };
    return work(w);
  });
}

/** Throws 403 unless the actor may do `action` on `target`. The system may do anything. */
export function authorize(actor: Actor, action: Action, target: Target, tree: OrgIndex): void {
  if (actor.kind === 'system') return;
  if (!can(actor.principal, action, target, tree)) throw forbidden();
}

/**
 * Optimistic concurrency: bumps the version of `table` row `id` only if it still is
 * `expected`; otherwise 409 carrying the current record, and nothing is changed.
 */
export async function bumpVersion(
  trx: Transaction<DB>,
  table:
    | 'org_units'
    | 'bodies'
    | 'users'
    | 'decisions'
    | 'plans'
    | 'goals'
    | 'assignments'
    | 'indicators'
    | 'activities'
    | 'measures'
    | 'corrective_actions'
    | 'impact_analyses'
    | 'cycle_occasions'
    | 'board_reports',
  id: string,
  expected: number,
  current: () => Promise<object | null>,
): Promise<number> {
  const row = await trx
    .updateTable(table)
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expected)
    .returning('version')
    .executeTakeFirst();
  if (row) return row.version;
  const now = await current();
  if (!now) throw new DomainError('not_found', 'Posten finns inte.');
  throw staleVersion(now);
}
