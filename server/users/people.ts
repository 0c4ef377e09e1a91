import { sortBySwedishName } from '../../domain/collation';
import { DomainError, notFound } from '../../domain/errors';
import { bodyNamesByIds } from '../bodies/reads';
import { scopeOfBody } from '../bodies/scope';
import type { Actor, Services } from '../core/context';
import { authorize } from '../core/write';
import { currentTree } from '../org/service';

export interface Person {
  id: string;
  displayName: string;
}

/**
 * The people who work in a part of the organisation, to choose an owner, a checker or a
 * responsible person from: active accounts with a role on the unit (or the body's scope), on a
 * unit above it or on one below it. Whoever may read that part may see who works there; the list
 * answers names only, never usernames or addresses, so a manager picks a colleague without the
 * administrator's view of every account.
 */
export async function peopleOf(
  services: Services,
  actor: Actor,
  where: { unitId?: string; bodyId?: string },
): Promise<Person[]> {
  if ((where.unitId === undefined) === (where.bodyId === undefined))
    throw new DomainError('bad_request', 'Ange antingen en enhet eller ett organ.', {
      fields: [{ field: where.unitId === undefined ? 'unitId' : 'bodyId', message: 'Ange en enhet eller ett organ.' }],
    });
  const tree = await currentTree(services);
  let scope: string | null;
  if (where.unitId !== undefined) {
    if (!tree.has(where.unitId)) throw notFound('Enheten');
    scope = where.unitId;
  } else {
    const bodyId = where.bodyId as string;
    if (!(await bodyNamesByIds(services.db, [bodyId])).has(bodyId)) throw notFound('Organet');
    scope = await scopeOfBody(services.db, bodyId, tree);
  }
  authorize(actor, 'data.read', { unitId: scope, bodyId: where.bodyId ?? null }, tree);
  let q = services.db
    .selectFrom('role_assignments as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.display_name'])
    .where('u.disabled', '=', false)
    .distinct();
  // The whole organisation's records (a body over no unit): anyone with a role anywhere.
  if (scope !== null) q = q.where('r.unit_id', 'in', [...new Set([...tree.lineage(scope), ...tree.subtree(scope)])]);
  const rows = await q.execute();
  return sortBySwedishName(
    rows.map((r) => ({ id: r.id, displayName: r.display_name })),
    (p) => p.displayName,
  );
}
