import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';

// The definition rule (domain/indicators/definition.ts) as the API applies it: the web form
// checks the same fields before sending, the server refuses what slips through.
describe('indicator definition API', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createDemoContext();
  });
  afterAll(async () => ctx.close());
  const define = async (body: Record<string, unknown>) => {
    const agent = ctx.agent();
    await agent.login('controller');
    return agent.json('POST', '/api/indicators', {
      name: 'Kvot utan delar',
      measureUnit: '%',
      direction: 'higher',
      frequency: 'month',
      ...body,
    });
  };

  it('refuses a ratio without numerator and denominator with 422 naming both fields', async () => {
    const res = await define({ aggregation: 'ratio' });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual([
      { field: 'numeratorId', message: 'krävs för en kvot' },
      { field: 'denominatorId', message: 'krävs för en kvot' },
    ]);
  });

  it('refuses a weighted average without its weight with 422 naming the field', async () => {
    const res = await define({ aggregation: 'weighted' });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual([{ field: 'weightId', message: 'krävs för ett vägt medelvärde' }]);
  });

  it('defines a sum, which needs no other indicator', async () => {
    const res = await define({ name: 'Summa utan delar', aggregation: 'sum' });
    expect(res.status).toBe(201);
  });
});
