import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context';
import type { Services } from '../core/context';
import { type Area, claimDataVersion } from './data-versions';
import { keptForRequest } from './request-versions';

/**
 * What `keptForRequest` shares, and with whom: services answering a reading request (as the HTTP
 * layer makes them for a GET) share what they load while the areas' versions stand; anything else
 * loads for itself.
 */
describe('keptForRequest', () => {
  let ctx: TestContext;
  let loads: number;
  const load = async () => ++loads;
  const reading = (): Services => ({
    ...ctx.services,
    reading: { request: new Request('http://localhost/api/org-units'), db: ctx.services.db },
  });
  const bump = (area: Area) => ctx.services.db.transaction().execute((trx) => claimDataVersion(trx, area));

  beforeEach(async () => {
    ctx = await createTestContext();
    loads = 0;
  });
  afterEach(async () => {
    await ctx.close();
  });

  it('loads once for reading requests at the same versions, and again after a commit to the area', async () => {
    expect(await keptForRequest(reading(), ['org'], 'tree', load)).toBe(1);
    expect(await keptForRequest(reading(), ['org'], 'tree', load)).toBe(1);
    // Another key is another load.
    expect(await keptForRequest(reading(), ['org'], 'units', load)).toBe(2);
    await bump('economy');
    expect(await keptForRequest(reading(), ['org'], 'tree', load)).toBe(1);
    await bump('org');
    expect(await keptForRequest(reading(), ['org'], 'tree', load)).toBe(3);
    expect(loads).toBe(3);
  });

  it('loads every time for services that answer no reading request: a write, a job, the CLI', async () => {
    expect(await keptForRequest(reading(), ['org'], 'tree', load)).toBe(1);
    expect(await keptForRequest(ctx.services, ['org'], 'tree', load)).toBe(2);
    expect(await keptForRequest(ctx.services, ['org'], 'tree', load)).toBe(3);
  });

  it('loads within a transaction, though the services were made for a reading request', async () => {
    expect(await keptForRequest(reading(), ['org'], 'tree', load)).toBe(1);
    await ctx.services.db.transaction().execute(async (trx) => {
      const inTransaction = { ...reading(), db: trx };
      expect(await keptForRequest(inTransaction, ['org'], 'tree', load)).toBe(2);
    });
    expect(await keptForRequest(reading(), ['org'], 'tree', load)).toBe(1);
  });
});
