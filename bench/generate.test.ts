import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { levelRank } from '../domain/org';
import { unitsOn } from '../server/org/queries';
import { createTestContext, type TestContext } from '../test/support/context';
import { generateLargeRegion } from './generate';

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
