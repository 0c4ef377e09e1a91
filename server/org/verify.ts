import { type OrgFault, organisationFaults } from '../../domain/org-check';
import type { Executor } from '../core/context';

/**
 * The stored organisation checked on every day it changes (see `organisationFaults`). The writes
 * refuse each of these faults; data written before a check existed, or by hand, may hold them.
 * Nothing here is repaired: which unit to move or close is a decision for a person.
 */
export async function verifyOrganisation(db: Executor): Promise<{ checked: number; faults: OrgFault[] }> {
  const rows = await db
    .selectFrom('org_unit_states')
    .select(['unit_id', 'parent_id', 'name', 'code', 'valid_from', 'valid_to'])
    .orderBy('unit_id')
    .orderBy('valid_from')
    .execute();
  const faults = organisationFaults(
    rows.map((r) => ({
      unitId: r.unit_id,
      parentId: r.parent_id,
      name: r.name,
      code: r.code,
      validFrom: r.valid_from,
      validTo: r.valid_to,
    })),
  );
  return { checked: rows.length, faults };
}
