import { DomainError, forbidden } from '../../domain/errors';
import type { OrgIndex } from '../../domain/org';
import { can } from '../../domain/permissions';
import { bodyScope } from '../../domain/scopes';
import type { Actor, Executor } from '../core/context';
import type { DB } from '../db/schema';

/** 422 naming the field, for a reference to something that does not exist or may not be used. */
export const badRef = (field: string, message: string, text = 'Uppgiften pekar på något som inte finns.') =>
  new DomainError('unprocessable', text, { fields: [{ field, message }] });

type TableWithId = {
  [K in keyof DB]: DB[K] extends { id: string } ? K : never;
}[keyof DB];

/** Throws 422 naming `field` unless every id exists in `table`. */
export async function mustExist(db: Executor, table: TableWithId, ids: readonly string[], field: string) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await (db as any).selectFrom(table).select('id').where('id', 'in', unique).execute();
  const missing = unique.filter((id) => !found.some((f: { id: string }) => f.id === id));
  if (missing.length > 0) throw badRef(field, `finns inte: ${missing.join(', ')}`);
}

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

/** A number for JSON from exact decimal text, rounded to at most `places` decimals. */
export function jsonNumber(value: { toDecimalPlaces(n: number): { toNumber(): number } } | null, places = 4) {
  return value === null ? null : value.toDecimalPlaces(places).toNumber();
}
