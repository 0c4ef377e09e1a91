import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, testDatabaseKind } from '../../test/support/context';
import { PROBE_FRESH_MS } from './routes';

describe('health', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext();
  });
  afterEach(async () => ctx.close());

  it('reports ok and which database it runs on', async () => {
    const { status, body } = await ctx.agent().json('GET', '/api/health');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', database: testDatabaseKind(), version: 'test' });
  });

  it('answers checks that arrive together, and stops answering ok once the database is gone', async () => {
    const agent = ctx.agent();
    const together = await Promise.all(Array.from({ length: 20 }, () => agent.json('GET', '/api/health')));
    expect(together.map((r) => r.status)).toEqual(Array(20).fill(200));
    await ctx.services.db.destroy();
    // A probe answered less than a second ago still stands for the database…
    ctx.clock.advance(PROBE_FRESH_MS - 1);
    expect((await agent.json('GET', '/api/health')).status).toBe(200);
    // …and no longer once that second has passed: checks that share a probe each see the
    // database as it is after they asked, and a failed probe is not reused.
    ctx.clock.advance(1);
    const after = await Promise.all(Array.from({ length: 3 }, () => agent.json('GET', '/api/health')));
    for (const r of after) expect(r.status).toBe(500);
    expect((await agent.json('GET', '/api/health')).status).toBe(500);
  });

  it('serves an OpenAPI 3.1 document that lists the platform routes', async () => {
    const { status, body } = await ctx.agent().json('GET', '/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    for (const path of ['/health', '/auth/login', '/me', '/org-units', '/org-units/{id}', '/users', '/history'])
      expect(Object.keys(body.paths)).toContain(path);
  });
});
