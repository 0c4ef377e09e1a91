import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';
import type { SteeringIds } from '../demo/steering';

// The test clock is 2025-06-15, so the demo's values run to 2025-05.
const PERIOD = '2025-05';

describe('scorecard shows only the indicators that apply to a unit', () => {
  let ctx: TestContext;
  let units: Map<string, string>;
  let steering: SteeringIds;
  beforeAll(async () => {
    const seeded = await createDemoContext();
    ctx = seeded;
    ({ units, steering } = seeded.demo);
  });
  afterAll(async () => ctx.close());
  const unit = (key: string) => units.get(key) as string;
  const indicator = (key: string) => steering.indicators.get(key) as string;

  async function card(unitKey: string) {
    const agent = ctx.agent();
    await agent.login('admin');
    const res = await agent.json('GET', `/api/scorecard?unit=${unit(unitKey)}&period=${PERIOD}`);
    expect(res.status).toBe(200);
    return res.body as { goals: { id: string; indicators: { id: string }[] }[] };
  }
  const shown = (body: { goals: { indicators: { id: string }[] }[] }) =>
    new Set(body.goals.flatMap((g) => g.indicators.map((i) => i.id)));

  it("does not give a ward under Kirurgi Kollektivtrafik's indicators nor its goal", async () => {
    const body = await card('2111-1');
    const ids = shown(body);
    expect(ids.has(indicator('resor'))).toBe(false);
    expect(ids.has(indicator('punktlighet'))).toBe(false);
    expect(body.goals.map((g) => g.id)).not.toContain(steering.goals.get('resande'));
    // What it serves stays: the hired-staff goal broken down through Kirurgi, and its indicator.
    expect(ids.has(indicator('hyrandel'))).toBe(true);
    expect(body.goals.map((g) => g.id)).toContain(steering.goals.get('kir-hyr'));
  });

  it('keeps them for Kollektivtrafik and the region', async () => {
    for (const key of ['kt', 'region']) {
      const ids = shown(await card(key));
      expect(ids.has(indicator('resor'))).toBe(true);
      expect(ids.has(indicator('punktlighet'))).toBe(true);
    }
  });

  it('gives a unit an indicator it reports even when it serves none of its goals', async () => {
    const agent = ctx.agent();
    await agent.login('chef.kirurgi');
    const put = await agent.json('PUT', '/api/values', {
      values: [
        { indicatorId: indicator('resor'), unitId: unit('2111-1'), period: PERIOD, kind: 'outcome', value: '3' },
      ],
    });
    expect(put.status).toBe(200);
    const body = await card('2111-1');
    expect(shown(body).has(indicator('resor'))).toBe(true);
    // Reported below Kirurgi, it applies to Kirurgi too, but not to a sibling ward.
    expect(shown(await card('kirurgi')).has(indicator('resor'))).toBe(true);
    expect(shown(await card('2111-2')).has(indicator('resor'))).toBe(false);
  });
});
