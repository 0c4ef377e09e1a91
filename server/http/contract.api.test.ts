import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context';

/**
 * The OpenAPI document promises what every route may answer. Some answers can come from any
 * route, before it is reached: 400 for unreadable text (http/input.ts) and 413 for a body over
 * the limit. Each route's declaration must say so, or a generated client is told they cannot
 * happen (and the contract check in every other test reports them as violations).
 */
describe('the OpenAPI document', () => {
  let ctx: TestContext;
  let doc: any;
  beforeAll(async () => {
    ctx = await createTestContext();
    doc = (await ctx.agent().json('GET', '/api/openapi.json')).body;
  });
  afterAll(() => ctx.close());

  const operations = () =>
    Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ path, method, op })),
    );

  it('declares 400 on every route: any request may carry unreadable text', () => {
    const missing = operations()
      .filter(({ op }) => !op.responses?.['400'])
      .map(({ method, path }) => `${method} ${path}`);
    expect(missing).toEqual([]);
    expect(operations().length).toBeGreaterThan(80);
  });

  it('declares 413 on every route that takes a body', () => {
    const missing = operations()
      .filter(({ op }) => op.requestBody && !op.responses?.['413'])
      .map(({ method, path }) => `${method} ${path}`);
    expect(missing).toEqual([]);
  });

  it('describes every JSON answer with a schema', () => {
    const bare = operations().flatMap(({ method, path, op }) =>
      Object.entries(op.responses as Record<string, any>)
        .filter(([, r]) => r.content?.['application/json'] && !r.content['application/json'].schema)
        .map(([status]) => `${method} ${path} ${status}`),
    );
    expect(bare).toEqual([]);
  });
});
