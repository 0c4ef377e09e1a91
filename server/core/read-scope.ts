import { forbidden } from '../../domain/errors';
import type { OrgIndex } from '../../domain/org';
import { can } from '../../domain/permissions';
import type { Actor } from './context';

/** A predicate for filtering lists to what the actor may read: the units they hold a reading role for. */
export function readable(actor: Actor, tree: OrgIndex): (unitId: string | null) => boolean {
  if (actor.kind === 'system') return () => true;
  return (unitId) => can(actor.principal, 'data.read', { unitId: unitId && tree.has(unitId) ? unitId : null }, tree);
}

/** 403 unless the actor reads steering data for some unit (shared definitions, registers). */
export function authorizeReadSomewhere(actor: Actor, tree: OrgIndex) {
  if (actor.kind === 'user' && !can(actor.principal, 'data.readSomewhere', { unitId: null }, tree)) throw forbidden();
}

/** A predicate for what the actor reads with what a unit inherits (`data.readInherited`). */
export function readableInherited(actor: Actor, tree: OrgIndex): (unitId: string | null) => boolean {
  if (actor.kind === 'system') return () => true;
  return (unitId) => can(actor.principal, 'data.readInherited', { unitId }, tree);
}
