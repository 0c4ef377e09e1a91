import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';
import type { Seeded } from '../../test/support/demo-ids';
import { type App, send, signIn, twoApps } from '../../test/support/two-apps';

const MINUTE = 60_000;

const me = async (app: App, cookie: string) => {
  const res = await app.request('http://localhost/api/me', { headers: { cookie } });
  return { status: res.status, body: res.status === 200 ? await res.json() : null };
};

describe('the session cache across server processes', () => {
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

  const versions = async () =>
    Object.fromEntries(
      (
        await sql<{ area: string; version: string }>`SELECT area, version::text AS version FROM data_versions`.execute(
          ctx.services.db,
        )
      ).rows.map((r) => [r.area, r.version]),
    );

  it('refuses in app B a session cached there once it is signed out in app A', async () => {
    const cookie = await signIn(apps.a, 'controller');
    expect((await me(apps.b, cookie)).status).toBe(200);
    expect((await me(apps.b, cookie)).status).toBe(200);
    expect((await send(apps.a, cookie, 'POST', '/api/auth/logout')).status).toBe(204);
    expect((await me(apps.b, cookie)).status).toBe(401);
    expect((await me(apps.a, cookie)).status).toBe(401);
  });

  it('gives app B the roles changed in app A on the very next request', async () => {
    const chef = await signIn(apps.a, 'chef.kirurgi');
    const admin = await signIn(apps.a, 'admin');
    const before = await me(apps.b, chef);
    expect(before.body.roles.length).toBeGreaterThan(0);
    const held = await ctx.services.db
      .selectFrom('role_assignments')
      .select('id')
      .where('user_id', '=', ctx.demo.users.get('chef.kirurgi') as string)
      .execute();
    for (const r of held)
      expect((await send(apps.a, admin, 'DELETE', `/api/role-assignments/${r.id}`)).status).toBe(204);
    expect((await me(apps.b, chef)).body.roles).toEqual([]);
    const granted = await send(apps.a, admin, 'POST', '/api/role-assignments', {
      userId: ctx.demo.users.get('chef.kirurgi'),
      role: 'viewer',
      unitId: ctx.demo.units.get('kirurgi'),
    });
    expect(granted.status).toBe(201);
    expect((await me(apps.b, chef)).body.roles).toEqual([{ role: 'viewer', unitId: ctx.demo.units.get('kirurgi') }]);
  });

  it('refuses in app B the cached session of a user disabled in app A', async () => {
    const victim = await signIn(apps.a, 'chef.medicin');
    const admin = await signIn(apps.a, 'admin');
    expect((await me(apps.b, victim)).status).toBe(200);
    const id = ctx.demo.users.get('chef.medicin') as string;
    const user = await (await send(apps.a, admin, 'GET', `/api/users/${id}`)).json();
    expect(
      (await send(apps.a, admin, 'PATCH', `/api/users/${id}`, { version: user.version, disabled: true })).status,
    ).toBe(200);
    expect((await me(apps.b, victim)).status).toBe(401);
  });

  it('judges idle and absolute expiry of a cached session by the clock at each request', async () => {
    const cookie = await signIn(apps.a, 'revisor');
    expect((await me(apps.b, cookie)).status).toBe(200);
    ctx.clock.advance(61 * MINUTE);
    expect((await me(apps.b, cookie)).status).toBe(401);

    const busy = await signIn(apps.a, 'revisor');
    for (let h = 0; h < 24; h++) {
      ctx.clock.advance(30 * MINUTE);
      // Alternating apps: each one's memory of the last touch is older than the database's.
      expect((await me(h % 2 === 0 ? apps.a : apps.b, busy)).status).toBe(h < 23 ? 200 : 401);
    }
  });

  it('serves a resolved session from memory, and neither a touch nor a sign-in changes a version', async () => {
    const cookie = await signIn(apps.a, 'revisor');
    expect((await me(apps.b, cookie)).status).toBe(200);
    const id = ctx.demo.users.get('revisor') as string;
    // Were the row read again, a session last seen two hours ago would be ended as idle.
    await ctx.services.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(ctx.clock.now().getTime() - 120 * MINUTE) })
      .where('user_id', '=', id)
      .execute();
    const quiet = await versions();
    expect((await me(apps.b, cookie)).status).toBe(200);
    ctx.clock.advance(2 * MINUTE);
    expect((await me(apps.b, cookie)).status).toBe(200);
    await signIn(apps.a, 'controller');
    expect(await versions()).toEqual(quiet);
    // The touch above wrote the time of that request, so a read of the row now finds it current.
    const row = await ctx.services.db
      .selectFrom('sessions')
      .select(['last_seen_at', 'ended_at'])
      .where('user_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(new Date(row.last_seen_at).getTime()).toBe(ctx.clock.now().getTime());
    expect(row.ended_at).toBeNull();
    expect((await me(apps.a, cookie)).status).toBe(200);
  });

  it('bumps the sessions version, and not access, when a session ends', async () => {
    const cookie = await signIn(apps.a, 'revisor');
    const before = await versions();
    expect((await send(apps.b, cookie, 'POST', '/api/auth/logout')).status).toBe(204);
    const after = await versions();
    expect(BigInt(after.sessions as string)).toBeGreaterThan(BigInt(before.sessions as string));
    expect(after.access).toBe(before.access);
    expect(after.steering).toBe(before.steering);
  });
});
