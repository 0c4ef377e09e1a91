import type { BodyKind } from '../../domain/org';
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

/** Bodies with the units each governs: the given ones, or (no ids) every body, as competence judges a maker or an area. */
export async function bodiesWithUnits(db: Executor, ids?: readonly string[]) {
  if (ids !== undefined && ids.length === 0) return [];
  let q = db.selectFrom('bodies').select(['id', 'name', 'kind', 'parent_body_id', 'valid_from', 'valid_to']);
  let lq = db.selectFrom('body_units').select(['body_id', 'unit_id']);
  if (ids) {
    q = q.where('id', 'in', [...ids]);
    lq = lq.where('body_id', 'in', [...ids]);
  }
  const [rows, links] = await Promise.all([q.execute(), lq.execute()]);
  return rows.map((b) => ({
    id: b.id,
    name: b.name,
    kind: b.kind as BodyKind,
    parentBodyId: b.parent_body_id,
    validFrom: String(b.valid_from),
    validTo: b.valid_to === null ? null : String(b.valid_to),
    unitIds: links.filter((l) => l.body_id === b.id).map((l) => l.unit_id),
  }));
}
