import type { Executor } from '../core/context';

/** Reads of the bodies for other capabilities (decision 015), each answering one question. */

/** The names of the given bodies, by id: for other capabilities that name the body of a record. */
export async function bodyNamesByIds(db: Executor, bodyIds: readonly (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(bodyIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('bodies').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The kind of each given body (fullmäktige, nämnd …), by id: what a delegation level is matched on. */
export async function bodyKindsByIds(db: Executor, bodyIds: readonly (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(bodyIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('bodies').select(['id', 'kind']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.kind]));
}

/** The bodies that govern any of the given units (a body governing two of them is listed twice). */
export async function bodiesGoverning(db: Executor, unitIds: readonly string[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('body_units as bu')
    .innerJoin('bodies as b', 'b.id', 'bu.body_id')
    .select(['b.id', 'b.name', 'b.kind'])
    .where('bu.unit_id', 'in', [...unitIds])
    .execute();
}
