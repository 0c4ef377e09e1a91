import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CalcLineKind, largestYearlyGross } from '../../domain/economy/measures';
import { createDemoContext, type TestContext } from '../../test/support/context';
import { measureToJudge } from './reads';

/**
 * The amount competence weighs a measure by is the largest yearly gross of its own lines and
 * those of every measure below it (decision 012): read from the measure's subtree alone, it must
 * equal the same amount worked out from the whole plan.
 */
describe('measureToJudge', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createDemoContext();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('weighs every demo measure by its own and its sub-measures’ lines, and nothing else of the plan', async () => {
    const db = ctx.services.db;
    const measures = await db
      .selectFrom('measures')
      .select(['id', 'plan_id', 'parent_measure_id', 'category'])
      .execute();
    const lines = await db
      .selectFrom('measure_calc_lines')
      .select(['measure_id', 'year', 'kind', 'amount_kr', 'realisation_pct'])
      .execute();
    const withChildren = new Set(measures.map((m) => m.parent_measure_id).filter((p) => p !== null));
    expect(withChildren.size).toBeGreaterThan(0);
    const below = (id: string): string[] => [
      id,
      ...measures.filter((m) => m.parent_measure_id === id).flatMap((m) => below(m.id)),
    ];
    for (const m of measures) {
      const ids = new Set(below(m.id));
      const expected = largestYearlyGross(
        lines
          .filter((l) => ids.has(l.measure_id))
          .map((l) => ({
            year: l.year,
            kind: l.kind as CalcLineKind,
            amountKr: BigInt(l.amount_kr),
            realisationPct: l.realisation_pct,
          })),
      );
      const judged = await measureToJudge(db, m.id);
      expect(judged?.amountKr, m.id).toBe(expected);
      expect(judged?.category).toBe(m.category);
    }
    // A parent's amount counts what lies below it.
    const parent = measures.find((m) => withChildren.has(m.id)) as { id: string };
    expect((await measureToJudge(db, parent.id))?.amountKr).toBeGreaterThan(0n);
    expect(await measureToJudge(db, 'no-such-measure')).toBeNull();
  });
});
