import { scopeOfBody } from '../bodies/scope';
import type { Actor, Services } from '../core/context';
import { authorize, type WriteTx } from '../core/write';
import { currentTree } from '../org/service';
import { writeActions } from './records';

/**
 * Authorises changing (`edit`) or assessing a risk inside a write, placing it as the
 * permissions do: on its unit, or on its body's scope. Returns the unit the history is kept on.
 */
export async function authorizeOn(
  services: Services,
  w: WriteTx,
  actor: Actor,
  r: { bodyId: string | null; unitId: string | null },
  which: 'edit' | 'assess',
): Promise<string | null> {
  const tree = await currentTree(services, w.trx);
  const scope =
    r.unitId !== null ? (tree.has(r.unitId) ? r.unitId : null) : await scopeOfBody(w.trx, r.bodyId as string, tree);
  authorize(actor, writeActions(r)[which], { unitId: scope, bodyId: r.bodyId }, tree);
  return scope;
}
