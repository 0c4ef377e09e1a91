import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, testDatabaseKind } from '../../test/support/context';

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
    // Checks that share a probe still each see the database as it is after they asked.
    await ctx.services.db.destroy();
    const after = await Promise.all(Array.from({ length: 3 }, () => agent.json('GET', '/api/health')));
    for (const r of after) expect(r.status).toBe(500);
  });

  it('serves an OpenAPI 3.1 document that lists the platform routes', async () => {
    const { status, body } = await ctx.agent().json('GET', '/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    for (const path of ['/health', '/auth/login', '/me', '/org-units', '/org-units/{id}', '/users', '/history'])
      expect(Object.keys(body.paths)).toContain(path);
  });
});
