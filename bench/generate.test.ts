import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { levelRank } from '../domain/org';
import { unitsOn } from '../server/org/queries';
import { createTestContext, type TestContext } from '../test/support/context';
import { generateActionPlan, generateLargeRegion, generateSteering } from './generate';

describe('synthetic large region', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext();
  });
  afterEach(async () => ctx.close());

  it('builds one tree over all six levels with unique codes and users who can sign in', async () => {
    const region = await generateLargeRegion(ctx.services.db, { units: 1000, users: 50 });
    const units = await unitsOn(ctx.services.db, '2025-06-15');
    expect(units).toHaveLength(1000);
    const byId = new Map(units.map((u) => [u.id, u]));
    expect(units.filter((u) => u.parentId === null)).toHaveLength(1);
    for (const u of units) {
      if (u.parentId === null) continue;
      const parent = byId.get(u.parentId);
      expect(parent).toBeDefined();
      expect(levelRank(u.level)).toBe(levelRank(parent?.level ?? 'region') + 1);
    }
    expect(new Set(units.map((u) => u.level)).size).toBe(6);
    expect(new Set(units.map((u) => u.code)).size).toBe(1000);

    const agent = ctx.agent();
    await agent.login(region.adminUsername, region.password);
    const { status, body } = await agent.json('GET', '/api/org-units');
    expect(status).toBe(200);
    expect(body.units).toHaveLength(1000);
  });
});

describe('synthetic steering data', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext();
  });
  afterEach(async () => ctx.close());

  it('gives every leaf its indicators for every month, and the root scorecard sums them', async () => {
    const region = await generateLargeRegion(ctx.services.db, { units: 200, users: 5 });
    const size = { indicators: 30, onRootGoals: 10, perLeaf: 3, months: 4 };
    const steering = await generateSteering(ctx.services.db, region, size);
    expect(steering.lastMonth).toBe('2024-04');
    const rows = await ctx.services.db.selectFrom('indicator_values').select(['indicator_id', 'value']).execute();
    expect(rows).toHaveLength(steering.leaves * size.perLeaf * size.months);
    expect(await ctx.services.db.selectFrom('indicators').select('id').execute()).toHaveLength(30);

    const agent = ctx.agent();
    await agent.login(region.adminUsername, region.password);
    const { status, body } = await agent.json('GET', `/api/scorecard?unit=${region.rootId}&period=2024-04`);
    expect(status).toBe(200);
    const figures = body.goals.flatMap((g: { indicators: { id: string; outcome: number }[] }) => g.indicators);
    expect(figures).toHaveLength(10);
    const first = steering.baseIndicatorIds[0] as string;
    const april = await ctx.services.db
      .selectFrom('indicator_values')
      .select('value')
      .where('indicator_id', '=', first)
      .where('period', '=', '2024-04')
      .execute();
    const sum = april.reduce((s, r) => s + Number(r.value), 0);
    expect(figures.find((f: { id: string }) => f.id === first).outcome).toBe(sum);
  });
});

describe('synthetic action plan', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext();
  });
  afterEach(async () => ctx.close());

  it('builds a measure tree of the asked depth with a report per leaf and month, and the summary sums it', async () => {
    const region = await generateLargeRegion(ctx.services.db, { units: 300, users: 5 });
    const plan = await generateActionPlan(ctx.services.db, region, { measures: 400, depth: 4, fanOut: 3, months: 3 });
    expect(plan.measures).toBe(400);
    const measures = await ctx.services.db.selectFrom('measures').select(['id', 'parent_measure_id']).execute();
    const parentOf = new Map(measures.map((m) => [m.id, m.parent_measure_id]));
    const depthOf = (id: string): number => (parentOf.get(id) ? 1 + depthOf(parentOf.get(id) as string) : 1);
    expect(Math.max(...measures.map((m) => depthOf(m.id)))).toBe(4);
    const reports = await ctx.services.db.selectFrom('measure_reports').select(['period', 'forecast_kr']).execute();
    expect(reports).toHaveLength(plan.leaves * 3);
    const agent = ctx.agent();
    await agent.login(region.adminUsername, region.password);
    const { status, body } = await agent.json(
      'GET',
      `/api/action-plans/${plan.planId}/summary?period=${plan.lastMonth}`,
    );
    expect(status).toBe(200);
    const lastMonth = reports
      .filter((r) => r.period === plan.lastMonth)
      .reduce((s, r) => s + BigInt(r.forecast_kr), 0n);
    // Whole kronor come back as a string of digits.
    expect(body.forecast).toBe(lastMonth.toString());
    expect(body.staleCount).toBe(0);
  });
});
