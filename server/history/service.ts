import { DomainError } from '../../domain/errors';
import { changesOf, type JsonValue, normalisePayload } from '../../domain/history';
import { can } from '../../domain/permissions';
import type { Actor, Executor, Services } from '../core/context';
import { authorize } from '../core/write';
import { currentTree } from '../org/service';
import type { HistoryEntity, HistoryKind } from './kinds';
import { type HistoryEntry, HistoryEntrySchema } from './schemas';

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
    .where((eb) => {
      const own = eb.and([eb('entity', '=', entity), eb('entity_id', '=', id)]);
      // An analysis is a record of its own, yet part of what its goal and its unit have been
      // through: their histories show it too.
      if (entity === 'goal')
        return eb.or([
          own,
          eb.and([eb('entity', '=', 'goal_analysis'), eb('entity_id', 'like', `${escapeLike(id)}:%`)]),
        ]);
      if (entity === 'org_unit')
        return eb.or([own, eb.and([eb('entity', '=', 'goal_analysis'), eb('unit_id', '=', id)])]);
      return own;
    })
    .orderBy('id')
    .execute();
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A record's history, oldest first, for the capability that owns the record to show (a
 * submission's trail): no permission check, the caller has made its own.
 */
export async function historyEntriesOf(db: Executor, entity: HistoryEntity, id: string): Promise<HistoryEntry[]> {
  return (await historyRows(db, entity, id)).map(toEntry);
}

/**
 * A stored row as a typed entry: the payload in camelCase whatever shape it was written in
 * (rows written before decision 015 hold snake_case columns), the changes field by field, and
 * the payload checked against its kind's schema. An old entry whose payload its kind's schema
 * no longer reads keeps its changes, with before and after left out (null), rather than making
 * the whole history unreadable.
 */
function toEntry(r: Awaited<ReturnType<typeof historyRows>>[number]): HistoryEntry {
  const before = normalisePayload(parseJson(r.before));
  const after = normalisePayload(parseJson(r.after));
  const entry = {
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    // The write path records only the closed lists' kinds and entities (see kinds.ts).
    kind: r.kind as HistoryKind,
    entity: r.entity as HistoryEntity,
    entityId: r.entity_id,
    unitId: r.unit_id,
    changes: changesOf(before, after),
    before,
    after,
  };
  const parsed = HistoryEntrySchema.safeParse(entry);
  return parsed.success ? parsed.data : ({ ...entry, before: null, after: null } as HistoryEntry);
}

function parseJson(value: unknown): JsonValue {
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
  return parsed as JsonValue;
}
