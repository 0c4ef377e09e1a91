import { DomainError } from '../../domain/errors';
import { can } from '../../domain/permissions';
import type { Actor, Executor, Services } from '../core/context';
import { authorize } from '../core/write';
import { currentTree } from '../org/service';
import type { HistoryEntity, HistoryKind } from './kinds';
import type { JsonValue } from './routes';

export interface HistoryEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  kind: HistoryKind;
  entity: HistoryEntity;
  entityId: string;
  unitId: string | null;
  before: RecordedState;
  after: RecordedState;
}

/** A record's fields as the write path stored them (a list for an ordered whole, such as delegation levels). */
export type RecordedState = { [key: string]: JsonValue } | JsonValue[] | null;

/**
 * The history of one record, oldest first, entry by entry as far as the actor may read it:
 * auditors and administrators read the entries of the units in their part of the tree (entries
 * of the whole organisation, or of a unit no longer in the tree: at the root). A shared record
 * (an indicator, a region goal) thus shows each reader only their own units' entries. 403 when
 * none is readable, so that a record's existence leaks to nobody who could read none of it.
 */
export async function historyOf(
  services: Services,
  actor: Actor,
  query: { entity: HistoryEntity; id: string },
): Promise<HistoryEntry[]> {
  const rows = await historyRows(services.db, query.entity, query.id);
  const tree = await currentTree(services);
  const placed = (unitId: string | null) => ({ unitId: unitId !== null && tree.has(unitId) ? unitId : null });
  const visible =
    actor.kind === 'system' ? rows : rows.filter((r) => can(actor.principal, 'history.read', placed(r.unit_id), tree));
  if (visible.length === 0) authorize(actor, 'history.read', { unitId: null }, tree);
  return visible.map(toEntry);
}

async function historyRows(db: Executor, entity: HistoryEntity, id: string) {
  return db
    .selectFrom('history')
    .selectAll()
    .where('entity', '=', entity)
    .where('entity_id', '=', id)
    .orderBy('id')
    .execute();
}

/**
 * A record's history, oldest first, for the capability that owns the record to show (a
 * submission's trail): no permission check, the caller has made its own.
 */
export async function historyEntriesOf(db: Executor, entity: HistoryEntity, id: string): Promise<HistoryEntry[]> {
  return (await historyRows(db, entity, id)).map(toEntry);
}

function toEntry(r: Awaited<ReturnType<typeof historyRows>>[number]): HistoryEntry {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    // The write path records only the closed lists' kinds and entities (see kinds.ts).
    kind: r.kind as HistoryKind,
    entity: r.entity as HistoryEntity,
    entityId: r.entity_id,
    unitId: r.unit_id,
    before: parseJson(r.before),
    after: parseJson(r.after),
  };
}

function parseJson(value: unknown): RecordedState {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new DomainError('bad_request', 'Trasig historikpost.');
    }
  }
  if (parsed === null || parsed === undefined) return null;
  if (typeof parsed !== 'object') throw new DomainError('bad_request', 'Trasig historikpost.');
  return parsed as RecordedState;
}
