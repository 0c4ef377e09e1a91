import type { OrgIndex } from '../../domain/org';
import { bodyScope } from '../../domain/scopes';
import type { Executor } from '../core/context';

/**
 * The unit a body's records belong to for permissions: the lowest unit above all the units the
 * body governs (Hälso- och sjukvårdsnämnden governs two förvaltningar: the region), or its
 * parent body's; null (the whole organisation) for a body that governs none.
 */
export async function scopeOfBody(db: Executor, bodyId: string, tree: OrgIndex): Promise<string | null> {
  const [bodies, links] = await Promise.all([
    db.selectFrom('bodies').select(['id', 'parent_body_id']).execute(),
    db.selectFrom('body_units').select(['body_id', 'unit_id']).execute(),
  ]);
  const byId = new Map(bodies.map((b) => [b.id, { unitIds: [] as string[], parentBodyId: b.parent_body_id }]));
  for (const l of links) byId.get(l.body_id)?.unitIds.push(l.unit_id);
  return bodyScope(bodyId, (id) => byId.get(id), tree);
}
