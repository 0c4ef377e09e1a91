import type { OrgIndex } from '../../domain/org';
import type { Executor } from '../core/context';

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
