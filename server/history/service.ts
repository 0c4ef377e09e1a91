import { DomainError } from '../../domain/errors';
import type { Actor, Services } from '../core/context';
import { authorize } from '../core/write';
import { currentTree } from '../org/service';
import type { HistoryEntity } from './kinds';

export interface HistoryEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  kind: string;
  entity: string;
  entityId: string;
  unitId: string | null;
  before: unknown;
  after: unknown;
}

/**
 * The history of one record, oldest first. Readable by auditors and administrators whose part
 * of the tree holds the record (records of the whole organisation: at the root).
 */
export async function historyOf(
  services: Services,
  actor: Actor,
  query: { entity: HistoryEntity; id: string },
): Promise<HistoryEntry[]> {
  const rows = await services.db
    .selectFrom('history')
    .selectAll()
    .where('entity', '=', query.entity)
    .where('entity_id', '=', query.id)
    .orderBy('id')
    .execute();
  const tree = await currentTree(services);
  // Where the record sits in the tree is taken from its latest entry: a moved unit is judged
  // where it is now. A record without history is judged at the root, so its existence leaks
  // to nobody who could not read it.
  const unitId = rows.at(-1)?.unit_id ?? null;
  authorize(actor, 'history.read', { unitId: unitId !== null && tree.has(unitId) ? unitId : null }, tree);
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    kind: r.kind,
    entity: r.entity,
    entityId: r.entity_id,
    unitId: r.unit_id,
    before: parseJson(r.before),
    after: parseJson(r.after),
  }));
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new DomainError('bad_request', 'Trasig historikpost.');
  }
}
