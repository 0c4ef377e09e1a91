import { DomainError, forbidden } from '../../domain/errors';
import type { OrgIndex } from '../../domain/org';
import { can, grantUnits } from '../../domain/permissions';
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
  let current: string | null = bodyId;
  for (let depth = 0; current && depth < 10; depth++) {
    const governed = (await db.selectFrom('body_units').select('unit_id').where('body_id', '=', current).execute())
      .map((r) => r.unit_id)
      .filter((u) => tree.has(u));
    if (governed.length > 0) {
      const lineages = governed.map((u) => tree.lineage(u));
      return (lineages[0] as string[]).find((candidate) => lineages.every((l) => l.includes(candidate))) ?? null;
    }
    const body: { parent_body_id: string | null } | undefined = await db
      .selectFrom('bodies')
      .select('parent_body_id')
      .where('id', '=', current)
      .executeTakeFirst();
    current = body?.parent_body_id ?? null;
  }
  return null;
}

/** A predicate for filtering lists to what the actor may read: the units they hold a reading role for. */
export function readable(actor: Actor, tree: OrgIndex): (unitId: string | null) => boolean {
  if (actor.kind === 'system') return () => true;
  return (unitId) => can(actor.principal, 'data.read', { unitId: unitId && tree.has(unitId) ? unitId : null }, tree);
}

/** The units where the actor holds a role that reads steering data. */
const readingGrants = (actor: Actor, tree: OrgIndex): string[] =>
  actor.kind === 'system'
    ? tree.roots()
    : grantUnits(actor.principal, tree).filter(
        (u) => tree.has(u) && can(actor.principal, 'data.read', { unitId: u }, tree),
      );

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

/** A number for JSON from exact decimal text, rounded to at most `places` decimals. */
export function jsonNumber(value: { toDecimalPlaces(n: number): { toNumber(): number } } | null, places = 4) {
  return value === null ? null : value.toDecimalPlaces(places).toNumber();
}
