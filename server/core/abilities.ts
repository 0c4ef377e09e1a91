import type { OrgIndex } from '../../domain/org';
import type { Action } from '../../domain/permissions';
import { abilitiesOf } from '../../domain/permissions/abilities';
import type { Actor } from './context';

/**
 * The `can` of the records in an answer, computed with the same `can()` the writes check, so
 * the web shows a button or a link only where the server will allow what it leads to.
 */
export function abilities(actor: Actor, tree: OrgIndex) {
  const principal = actor.kind === 'system' ? null : actor.principal;
  return <K extends string>(unitId: string | null, actions: Record<K, Action>) =>
    abilitiesOf(principal, tree, unitId, actions);
}
