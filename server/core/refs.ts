import { DomainError } from '../../domain/errors';
import type { DB } from '../db/schema';
import type { Executor } from './context';

// An id another record points at must exist: the check a foreign key would make, so it reads
// any table by id only and is not a reach into another capability's records.
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
