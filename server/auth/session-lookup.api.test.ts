import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';

const MINUTE = 60_000;

// The session lookup reads the session, its user and the roles in one statement; these pin the
// rules it must keep where sessions.api.test.ts goes through the API only.
describe('session lookup', () => {
  let ctx: TestContext;
  let users: Map<string, string>;
  beforeEach(async () => {
    const seeded = await createDemoContext();
    ctx = seeded;
    ({ users } = seeded.demo);
  });
  afterEach(async () => ctx.close());

  const sessionOf = (userId: string) =>
    ctx.services.db
      .selectFrom('sessions')
      .select(['last_seen_at', 'ended_at', 'ended_reason'])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();

  it('tells the web the server’s clock, from which it reckons today', async () => {
    const agent = ctx.agent();
    await agent.login('chef.kirurgi');
    ctx.clock.set('2025-06-15T10:05:00Z');
    const me = await agent.json('GET', '/api/me');
    expect(me.body.now).toBe('2025-06-15T10:05:00.000Z');
  });

  it('gives the roles the user holds at the time of each request', async () => {
    const agent = ctx.agent();
    await agent.login('chef.kirurgi');
    const id = users.get('chef.kirurgi') as string;
    const held = await ctx.services.db
      .selectFrom('role_assignments')
      .select(['role', 'unit_id'])
      .where('user_id', '=', id)
      .execute();
    expect(held.length).toBeGreaterThan(0);
    const me = await agent.json('GET', '/api/me');
    expect(me.body.roles).toHaveLength(held.length);
    expect(me.body.roles).toEqual(expect.arrayContaining(held.map((r) => ({ role: r.role, unitId: r.unit_id }))));
    await ctx.services.db.deleteFrom('role_assignments').where('user_id', '=', id).execute();
    expect((await agent.json('GET', '/api/me')).body.roles).toEqual([]);
  });

  it('ends the session of a user disabled behind its back, with the reason user_disabled', async () => {
    const agent = ctx.agent();
    await agent.login('chef.medicin');
    const id = users.get('chef.medicin') as string;
    await ctx.services.db.updateTable('users').set({ disabled: true }).where('id', '=', id).execute();
    expect((await agent.json('GET', '/api/me')).status).toBe(401);
    expect(await sessionOf(id)).toMatchObject({ ended_reason: 'user_disabled' });
    await ctx.services.db.updateTable('users').set({ disabled: false }).where('id', '=', id).execute();
    expect((await agent.json('GET', '/api/me')).status).toBe(401);
  });

  it('touches the session at most once a minute and ends an idle one with the reason timeout', async () => {
    const agent = ctx.agent();
    await agent.login('revisor');
    const id = users.get('revisor') as string;
    const signedIn = new Date((await sessionOf(id)).last_seen_at).getTime();
    ctx.clock.advance(MINUTE / 2);
    expect((await agent.json('GET', '/api/me')).status).toBe(200);
    expect(new Date((await sessionOf(id)).last_seen_at).getTime()).toBe(signedIn);
    ctx.clock.advance(MINUTE);
    expect((await agent.json('GET', '/api/me')).status).toBe(200);
    expect(new Date((await sessionOf(id)).last_seen_at).getTime()).toBe(ctx.clock.now().getTime());
    ctx.clock.advance(60 * MINUTE);
    expect((await agent.json('GET', '/api/me')).status).toBe(401);
    expect(await sessionOf(id)).toMatchObject({ ended_reason: 'timeout' });
  });
});
