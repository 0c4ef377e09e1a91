import { DomainError } from '../../domain/errors';
import type { OrgIndex } from '../../domain/org';
import { can } from '../../domain/permissions';
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
 * The unit a body's records belong to for permissions: the first unit the body governs, or
 * its parent body's; null (the whole organisation) for a body that governs none.
 */
export async function scopeOfBody(db: Executor, bodyId: string): Promise<string | null> {
  let current: string | null = bodyId;
  for (let depth = 0; current && depth < 10; depth++) {
    const unit = await db
      .selectFrom('body_units')
      .select('unit_id')
      .where('body_id', '=', current)
      .orderBy('unit_id')
      .executeTakeFirst();
    if (unit) return unit.unit_id;
    const body: { parent_body_id: string | null } | undefined = await db
      .selectFrom('bodies')
      .select('parent_body_id')
      .where('id', '=', current)
      .executeTakeFirst();
    current = body?.parent_body_id ?? null;
  }
  return null;
}

/** A predicate for filtering lists to what the actor may read. */
export function readable(actor: Actor, tree: OrgIndex): (unitId: string | null) => boolean {
  if (actor.kind === 'system') return () => true;
  return (unitId) => can(actor.principal, 'data.read', { unitId: unitId && tree.has(unitId) ? unitId : null }, tree);
}

/** A number for JSON from exact decimal text, rounded to at most `places` decimals. */
export function jsonNumber(value: { toDecimalPlaces(n: number): { toNumber(): number } } | null, places = 4) {
  return value === null ? null : value.toDecimalPlaces(places).toNumber();
}
