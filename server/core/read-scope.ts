import { forbidden } from '../../domain/errors';
import type { OrgIndex } from '../../domain/org';
import { can } from '../../domain/permissions';
import type { Actor } from './context';

/** A predicate for filtering lists to what the actor may read: the units they hold a reading role for. */
export function readable(actor: Actor, tree: OrgIndex): (unitId: string | null) => boolean {
  if (actor.kind === 'system') return () => true;
  return (unitId) => can(actor.principal, 'data.read', { unitId: unitId && tree.has(unitId) ? unitId : null }, tree);
}

/** The units where the actor holds a role that reads steering data. */
const readingGrants = (actor: Actor, tree: OrgIndex): string[] =>
  actor.kind === 'system'
    ? tree.roots()
    : actor.principal.roles
        .filter((g) => tree.has(g.unitId) && can(actor.principal, 'data.read', { unitId: g.unitId }, tree))
        .map((g) => g.unitId);

/** 403 unless the actor reads steering data for some unit (shared definitions, registers). */
export function authorizeReadSomewhere(actor: Actor, tree: OrgIndex) {
  if (readingGrants(actor, tree).length === 0) throw forbidden();
}

/**
 * Readable with what a unit inherits: the actor's own units and everything below them, and
 * the records of the units above them (the plans, goals and decisions they work under) and of
 * the whole organisation — not those of sibling units.
 */
export function readableInherited(actor: Actor, tree: OrgIndex): (unitId: string | null) => boolean {
  if (actor.kind === 'system') return () => true;
  const grants = readingGrants(actor, tree);
  const strict = readable(actor, tree);
  return (unitId) => {
    if (grants.length === 0) return false;
    if (unitId === null || !tree.has(unitId)) return true;
    return strict(unitId) || grants.some((g) => tree.isInSubtree(g, unitId));
  };
}
