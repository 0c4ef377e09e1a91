import type { Executor } from '../core/context';

/** Which of the given ids are units (at any time): for a record that names the units it concerns. */
export async function existingUnitIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const rows = await db.selectFrom('org_units').select('id').where('id', 'in', unique).execute();
  return new Set(rows.map((r) => r.id));
}
