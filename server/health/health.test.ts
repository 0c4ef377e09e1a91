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

  it('serves an OpenAPI 3.1 document that lists the platform routes', async () => {
    const { status, body } = await ctx.agent().json('GET', '/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    for (const path of ['/health', '/auth/login', '/me', '/org-units', '/org-units/{id}', '/users', '/history'])
      expect(Object.keys(body.paths)).toContain(path);
  });
});
