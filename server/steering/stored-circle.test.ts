import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context';
import { makeUnit } from '../../test/support/factories';
import { systemActor } from '../core/context';
import { currentTree, today } from '../org/service';
import { figuresForUnit } from './figures';
import { createIndicator, indicatorRecords, setValues } from './indicators';
import { verifyIndicatorRollups } from './rollup-verify';

/*
 * Moves are refused when they would put a unit under itself on any day, but a database written
 * before that check may hold such a circle. It must leave the rest of the tree working: the
 * kept roll-ups' walks up and down the tree end, whatever the stored parents say.
 */
describe('a circle stored in the organisation tree', () => {
  let t: TestContext;
  const actor = systemActor('test');
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t?.close());

  it('hangs no write or read of kept roll-ups: values are kept, figures read, verify finishes', async () => {
    const s = t.services;
    const root = await makeUnit(s, 'Regionen');
    const kept = await makeUnit(s, 'Kvar i trädet', root);
    const a = await makeUnit(s, 'Enhet A', root);
    const b = await makeUnit(s, 'Enhet B', a);
    const c = await makeUnit(s, 'Enhet C', b);
    const indicator = await createIndicator(s, actor, {
      code: null,
      name: 'Besök',
      description: '',
      measureUnit: 'st',
      direction: 'higher',
      frequency: 'month',
      aggregation: 'sum',
      numeratorId: null,
      denominatorId: null,
      weightId: null,
      scale: '1',
      rollingMonths: null,
      source: 'entered',
      goalIds: [],
    });
    // As an unchecked write once could: A under B while B is under A, from today.
    await sql`UPDATE org_unit_states SET parent_id = ${b} WHERE unit_id = ${a}`.execute(s.db);
    await setValues(s, actor, [
      { indicatorId: indicator.id, unitId: kept, period: '2025-05', kind: 'outcome', value: '7', comment: '' },
      { indicatorId: indicator.id, unitId: c, period: '2025-05', kind: 'outcome', value: '5', comment: '' },
    ]);
    const tree = await currentTree(s);
    expect(tree.subtree(root)).toEqual([root, kept]);
    expect(new Set(tree.subtree(a))).toEqual(new Set([a, b, c]));
    const [record] = await indicatorRecords(s.db, [indicator.id]);
    const figures = await figuresForUnit(s.db, tree, root, [record as NonNullable<typeof record>], '2025-05');
    expect(figures.get(indicator.id)?.outcome).toBe(7);
    const verified = await verifyIndicatorRollups(s.db, { repair: false, day: today(s) });
    expect(verified.checked).toBeGreaterThan(0);
    // What verify finds concerns the units of the circle only: the rest of the tree is kept right.
    const circle = [a, b, c];
    for (const d of verified.differences)
      expect(
        circle.some((u) => d.key.includes(u)),
        d.key,
      ).toBe(true);
  });
});
