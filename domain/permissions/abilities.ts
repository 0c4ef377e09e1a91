import type { OrgIndex } from '../org';
import { type Action, can } from './index';
import type { Principal } from './roles';

/**
 * What a principal may do with one record, answer by answer, as the record's `can` in an API
 * answer: `{ edit: 'goal.write' }` → `{ edit: true }`. A null principal is the system (all true).
 */
export function abilitiesOf<K extends string>(
  principal: Principal | null,
  tree: OrgIndex,
  unitId: string | null,
  actions: Record<K, Action>,
): Record<K, boolean> {
  // A record placed on a unit that is no longer in the tree belongs to the whole organisation.
  const target = { unitId: unitId && tree.has(unitId) ? unitId : null };
  const out = {} as Record<K, boolean>;
  for (const key of Object.keys(actions) as K[])
    out[key] = principal === null || can(principal, actions[key], target, tree);
  return out;
}
