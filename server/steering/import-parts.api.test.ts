import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';
import { systemActor } from '../core/context';
import { currentTree, today } from '../org/service';
import { checkValues, type ValueInput } from './indicators';
import { verifyIndicatorRollups } from './rollup-verify';
import { importValueRows } from './values-import';

/**
 * A large import keeps the roll-ups in parts (on the embedded database, so that no statement holds
 * the server's one thread for long). A weight's value changes the weighted indicator's parts of
 * the same unit, so the parts divide the rows by unit: here every unit's weighted value and its
 * weight are staged far apart, and each part is as small as it can be.
 */
describe('an import kept in parts', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createDemoContext();
  });
  afterAll(async () => ctx.close());

  it('leaves the kept roll-ups equal to a recomputation, weights and weighted values in one import', async () => {
    const s = ctx.services;
    const weighted = await s.db
      .selectFrom('indicators')
      .select(['id', 'weight_id'])
      .where('aggregation', '=', 'weighted')
      .where('frequency', '=', 'tertial')
      .executeTakeFirstOrThrow();
    const tree = await currentTree(s);
    const leaves = tree.subtree(tree.roots()[0] as string).filter((u) => tree.children(u).length === 0);
    expect(leaves.length).toBeGreaterThan(5);
    const row = (indicatorId: string, unitId: string, value: string): ValueInput => ({
      indicatorId,
      unitId,
      period: '2025-04',
      kind: 'outcome',
      value,
      comment: '',
    });
    const rows = [
      ...leaves.map((u, i) => row(weighted.id, u, `${70 + (i % 20)}.5`)),
      ...leaves.map((u, i) => row(weighted.weight_id as string, u, `${100 + i * 7}`)),
    ];
    const actor = systemActor('test');
    await checkValues(s, s.db, actor, rows, (i, f) => `${i}.${f}`);
    await importValueRows(s, actor, rows, undefined, 1);
    const verified = await verifyIndicatorRollups(s.db, { repair: false, day: today(s) });
    expect(verified.differences).toEqual([]);
    expect(verified.checked).toBeGreaterThan(leaves.length);
  }, 120_000);
});
