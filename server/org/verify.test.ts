import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context';
import { makeUnit } from '../../test/support/factories';
import { systemActor } from '../core/context';
import { getUnit, today, updateUnit } from './service';
import { verifyOrganisation } from './verify';

/*
 * The writes refuse a circle, an orphan or a shared cost centre code on any day; a database
 * written before those checks may hold one. `verify` names it and the day it begins, and the move
 * a person makes to mend it is one the writes accept.
 */
describe('verifying the stored organisation', () => {
  let t: TestContext;
  const actor = systemActor('test');
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t?.close());

  it('names a circle dated ahead and a shared code by unit and day; the move that mends the circle is accepted', async () => {
    const s = t.services;
    const tomorrow = new Date(t.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
    const root = await makeUnit(s, 'Regionen');
    const a = await makeUnit(s, 'Enhet A', root);
    const b = await makeUnit(s, 'Enhet B', a);
    expect((await verifyOrganisation(s.db)).faults).toEqual([]);

    // As an unchecked write once could: from tomorrow A lies under B, which lies under A.
    await sql`UPDATE org_unit_states SET valid_to = ${tomorrow} WHERE unit_id = ${a}`.execute(s.db);
    await sql`INSERT INTO org_unit_states (unit_id, valid_from, valid_to, parent_id, name, level, code)
      VALUES (${a}, ${tomorrow}, NULL, ${b}, 'Enhet A', 'enhet', '7001')`.execute(s.db);
    await sql`UPDATE org_unit_states SET code = '7001' WHERE unit_id = ${b}`.execute(s.db);

    const found = await verifyOrganisation(s.db);
    expect(found.checked).toBe(4);
    expect(found.faults.map((f) => [f.kind, f.from, f.to, [...f.unitIds].sort()])).toEqual([
      ['circle', tomorrow, null, [a, b].sort()],
      ['sharedCode', tomorrow, null, [a, b].sort()],
    ]);
    expect(found.faults[0]?.text).toMatch(/Enhet (A|B) \(7001\) → Enhet (A|B) \(7001\) → Enhet/);
    expect(found.faults[1]?.text).toContain('Kostnadsställe 7001');
    expect(today(s) < tomorrow).toBe(true);

    // Mended as a person would: B moves under the region from the day the circle begins, and
    // gives up the code. The writes accept it, since it closes no circle on any day.
    const { unit } = await getUnit(s, actor, b);
    await updateUnit(s, actor, b, { version: unit.version, effectiveFrom: tomorrow, parentId: root, code: null });
    expect((await verifyOrganisation(s.db)).faults).toEqual([]);
  });
});
