import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';
import type { Seeded } from '../../test/support/demo-ids';

// The test clock is 2025-06-15, so the demo's values run to 2025-05.
const PERIOD = '2025-05';

// The cross-unit view files kept rows per unit by position and cuts each lineage to the units
// that set targets; these hold it to the scorecard's own figure, field for field, trend and
// targets included.
describe('the cross-unit view', () => {
  let ctx: TestContext & { demo: Seeded };
  beforeAll(async () => {
    ctx = await createDemoContext();
  });
  afterAll(async () => ctx.close());

  it('gives every unit the whole figure its scorecard gives, targets and trend included', async () => {
    const agent = ctx.agent();
    await agent.login('controller');
    const keys = ['region', 'medicin', 'kirurgi', 'psykiatri', 'pvnorr'];
    let compared = 0;
    let withTarget = 0;
    const cards = new Map<string, any[]>();
    for (const key of keys) {
      const { status, body } = await agent.json(
        'GET',
        `/api/scorecard?unit=${ctx.demo.units.get(key)}&period=${PERIOD}`,
      );
      expect(status).toBe(200);
      cards.set(
        key,
        body.goals.flatMap((g: any) => g.indicators),
      );
    }
    const ids = new Set([...cards.values()].flat().map((f: any) => f.id as string));
    for (const id of ids) {
      const across = await agent.json('GET', `/api/indicators/${id}/across?period=${PERIOD}`);
      expect(across.status).toBe(200);
      const byUnit = new Map(across.body.rows.map((r: any) => [r.unitId, r.figure]));
      for (const key of keys) {
        const figure = cards.get(key)?.find((f: any) => f.id === id);
        if (!figure) continue;
        expect(byUnit.get(ctx.demo.units.get(key) as string)).toEqual(figure);
        compared++;
        if (figure.target !== null) withTarget++;
      }
    }
    expect(compared).toBeGreaterThan(20);
    expect(withTarget).toBeGreaterThan(0);
  });
});
