import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';
import type { Seeded } from '../../test/support/demo-ids';
import { type App, send, signIn, twoApps } from '../../test/support/two-apps';

const get = async (app: App, cookie: string, path: string) => {
  const res = await send(app, cookie, 'GET', path);
  return { status: res.status, body: res.status === 200 ? await res.json() : null };
};

/**
 * What reading requests keep between them (today's tree, a user's seats) is keyed by the data
 * versions read at the start of each request: a commit made anywhere — another server process on
 * the same database included — is seen by the very next request, and a request that writes sees
 * its own write. (These apps read the versions per request; server processes on PostgreSQL keep them
 * by listening instead, under the rule tested in version-keeper.api.test.ts.)
 */
describe('reads kept per data version', () => {
  let ctx: TestContext & { demo: Seeded };
  let apps: Awaited<ReturnType<typeof twoApps>>;
  beforeEach(async () => {
    ctx = await createDemoContext();
    apps = await twoApps(ctx);
  });
  afterEach(async () => {
    await apps.close();
    await ctx.close();
  });

  it('gives app B a unit created in app A on the next request, though B had the tree kept', async () => {
    const [a, b] = [await signIn(apps.a, 'admin'), await signIn(apps.b, 'admin')];
    const before = await get(apps.b, b, '/api/org-units');
    expect(before.status).toBe(200);
    // Kept now in app B; a unit page judges permission on today's tree.
    expect((await get(apps.b, b, '/api/me')).status).toBe(200);
    const parentId = ctx.demo.units.get('kirurgi') as string;
    const created = await send(apps.a, a, 'POST', '/api/org-units', {
      parentId,
      name: 'Enhet för kept-test',
      level: 'enhet',
    });
    expect(created.status).toBe(201);
    const unit = await created.json();
    const page = await get(apps.b, b, `/api/org-units/${unit.id}`);
    expect(page.status).toBe(200);
    expect(page.body.unit.name).toBe('Enhet för kept-test');
    const after = await get(apps.b, b, '/api/org-units');
    expect(after.body.units.map((u: { id: string }) => u.id)).toContain(unit.id);
    expect(after.body.units).toHaveLength(before.body.units.length + 1);
  });

  it('judges a manager by the tree of the next request when a unit moves out of their part', async () => {
    const admin = await signIn(apps.a, 'admin');
    const chef = await signIn(apps.b, 'chef.kirurgi');
    const ortokir = ctx.demo.units.get('ortokir') as string;
    const values = `/api/values?unit=${ortokir}&from=2025-01&to=2025-01`;
    expect((await get(apps.b, chef, values)).status).toBe(200);
    const current = (await get(apps.a, admin, `/api/org-units/${ortokir}`)).body;
    const moved = await send(apps.a, admin, 'PATCH', `/api/org-units/${ortokir}`, {
      version: current.unit.version,
      parentId: ctx.demo.units.get('medicin'),
      effectiveFrom: '2025-06-15',
    });
    expect(moved.status).toBe(200);
    expect((await get(apps.b, chef, values)).status).toBe(403);
  });

  it('shows a seat given in app A in app B’s /api/me on the next request', async () => {
    const admin = await signIn(apps.a, 'admin');
    const chef = await signIn(apps.b, 'chef.medicin');
    const seatsBefore = (await get(apps.b, chef, '/api/me')).body.seats;
    const bodyId = ctx.demo.bodies.values().next().value as string;
    const userId = ctx.demo.users.get('chef.medicin') as string;
    const added = await send(apps.a, admin, 'POST', `/api/bodies/${bodyId}/members`, {
      userId,
      role: 'ersattare',
      validFrom: '2025-01-01',
    });
    expect(added.status).toBe(201);
    const seatsAfter = (await get(apps.b, chef, '/api/me')).body.seats;
    expect(seatsAfter).toHaveLength(seatsBefore.length + 1);
    expect(seatsAfter.map((s: { bodyId: string }) => s.bodyId)).toContain(bodyId);
  });
});
