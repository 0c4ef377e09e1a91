import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sortBySwedishName } from '../../domain/collation';
import { abilitiesOf } from '../../domain/permissions/abilities';
import { createDemoContext, type TestContext } from '../../test/support/context';
import { loadPrincipal } from '../auth/principal';
import { unitsOn } from './queries';
import { currentTree, today, UNIT_ABILITIES } from './service';

/**
 * The organisation's answer is made from parts kept per list of units and per reader (each
 * unit's JSON, each reader's abilities); these hold it to the answer computed afresh from the
 * rows, for readers of every kind, on today and on earlier days, asked again and after a change.
 */
describe('the organisation tree as answered', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createDemoContext();
  });
  afterAll(async () => ctx.close());

  const expected = async (username: string, day: string) => {
    const s = ctx.services;
    const user = await s.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    const principal = await loadPrincipal(s.db, user.id, today(s));
    const tree = await currentTree(s);
    const units = sortBySwedishName(await unitsOn(s.db, day), (u) => u.name);
    return {
      asOf: day,
      units: units.map((u) => ({ ...u, can: abilitiesOf(principal, tree, u.id, UNIT_ABILITIES) })),
    };
  };

  it('equals the tree computed afresh, for every kind of reader, today and on earlier days', async () => {
    const now = today(ctx.services);
    for (const username of ['admin', 'controller', 'politiker', 'revisor', 'chef.kirurgi', 'chef.medicin']) {
      const agent = ctx.agent();
      await agent.login(username);
      for (const asOf of [undefined, '2023-06-01', '2022-01-01']) {
        const want = await expected(username, asOf ?? now);
        // Twice: the second answer is made from the parts kept by the first.
        for (let i = 0; i < 2; i++) {
          const res = await agent.json('GET', `/api/org-units${asOf ? `?asOf=${asOf}` : ''}`);
          expect(res.status).toBe(200);
          expect(res.body).toStrictEqual(want);
        }
      }
    }
    // Readers differ: a division manager may not do in every unit what the administrator may.
    const admin = await expected('admin', now);
    const chef = await expected('chef.kirurgi', now);
    expect(chef.units.map((u) => u.can)).not.toStrictEqual(admin.units.map((u) => u.can));
  });

  it('answers a renamed unit and its new place in the order at once', async () => {
    const agent = ctx.agent();
    await agent.login('admin');
    const before = (await agent.json('GET', '/api/org-units')).body;
    const first = before.units[0];
    const renamed = await agent.json('PATCH', `/api/org-units/${first.id}`, {
      name: 'Ö sist i ordningen',
      version: first.version,
    });
    expect(renamed.status).toBe(200);
    const after = await agent.json('GET', '/api/org-units');
    expect(after.body).toStrictEqual(await expected('admin', today(ctx.services)));
    expect(after.body.units.at(-1).name).toBe('Ö sist i ordningen');
  });
});
