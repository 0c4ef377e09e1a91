import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, createTestContext, type TestContext } from '../../test/support/context';
import { makeUnit, makeUser, PASSWORD } from '../../test/support/factories';
import type { SessionPolicy } from './service';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

// Behind a trusted proxy, so each request can say which address it comes from.
async function context(sessionPolicy?: Partial<SessionPolicy>) {
  return createTestContext({ http: { trustProxy: true }, sessionPolicy });
}

function signIn(
  ctx: TestContext,
  username: string,
  password: string,
  ip: string,
  headers: Record<string, string> = {},
) {
  return ctx.app.request('http://localhost/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, ...headers },
    body: JSON.stringify({ username, password }),
  });
}

const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
const me = (ctx: TestContext, cookie: string) => ctx.app.request('http://localhost/api/me', { headers: { cookie } });

describe('sign-in attempts per account and address', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await context();
    const region = await makeUnit(ctx.services, 'Region Test');
    for (const name of ['anna', 'bertil', 'cecilia'])
      await makeUser(ctx.services, name, [{ role: 'viewer', unitId: region }]);
  });
  afterEach(async () => ctx.close());

  it('makes one account from one address wait 1, 2, 4 … minutes after five failures, and refusals do not add to it', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn(ctx, 'anna', 'fel', '10.0.0.1')).status).toBe(401);
    const first = await signIn(ctx, 'anna', PASSWORD, '10.0.0.1');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('60');
    expect((await first.json()).error.message).toMatch(/1 minut\./);
    ctx.clock.advance(30 * SECOND);
    // Knocking while refused neither counts nor makes the wait longer.
    expect((await signIn(ctx, 'anna', 'fel', '10.0.0.1')).headers.get('retry-after')).toBe('30');
    ctx.clock.advance(30 * SECOND);
    expect((await signIn(ctx, 'anna', 'fel', '10.0.0.1')).status).toBe(401);
    expect((await signIn(ctx, 'anna', PASSWORD, '10.0.0.1')).headers.get('retry-after')).toBe('120');
    ctx.clock.advance(2 * MINUTE);
    expect((await signIn(ctx, 'anna', 'fel', '10.0.0.1')).status).toBe(401);
    expect((await signIn(ctx, 'anna', PASSWORD, '10.0.0.1')).headers.get('retry-after')).toBe('240');
    ctx.clock.advance(4 * MINUTE);
    expect((await signIn(ctx, 'anna', PASSWORD, '10.0.0.1')).status).toBe(200);
    // A success starts the pair afresh.
    expect((await signIn(ctx, 'anna', 'fel', '10.0.0.1')).status).toBe(401);
    expect((await signIn(ctx, 'anna', PASSWORD, '10.0.0.1')).status).toBe(200);
  });

  it('never refuses the right password from an address because others behind it failed', async () => {
    const nat = '192.0.2.10';
    // Colleagues behind the hospital's NAT mistype their own passwords over and over …
    for (let i = 0; i < 30; i++) {
      expect((await signIn(ctx, 'bertil', 'fel', nat)).status).toBeGreaterThanOrEqual(401);
      expect((await signIn(ctx, 'okänd', 'fel', nat)).status).toBeGreaterThanOrEqual(401);
    }
    // … and someone elsewhere guesses at Anna's.
    for (let i = 0; i < 6; i++) await signIn(ctx, 'anna', 'fel', '198.51.100.7');
    expect((await signIn(ctx, 'bertil', PASSWORD, nat)).status).toBe(429);
    expect((await signIn(ctx, 'anna', PASSWORD, '198.51.100.7')).status).toBe(429);
    expect((await signIn(ctx, 'anna', PASSWORD, nat)).status).toBe(200);
    expect((await signIn(ctx, 'cecilia', PASSWORD, nat)).status).toBe(200);
    const recorded = await ctx.services.db.selectFrom('login_attempts').select('id').where('ip', '=', nat).execute();
    expect(recorded).toHaveLength(63);
  });
});

describe('the cap on one account from all addresses', () => {
  it('refuses the account everywhere until the failures age out of the window', async () => {
    const ctx = await context({ maxFailuresPerUser: 10, failureWindowMinutes: 15 });
    try {
      await makeUser(ctx.services, 'anna');
      for (let i = 0; i < 10; i++) {
        expect((await signIn(ctx, 'anna', 'fel', `203.0.113.${i}`)).status).toBe(401);
        ctx.clock.advance(10 * SECOND);
      }
      const capped = await signIn(ctx, 'anna', PASSWORD, '10.9.9.9');
      expect(capped.status).toBe(429);
      expect(capped.headers.get('retry-after')).toBe(String(15 * 60 - 100));
      ctx.clock.advance((15 * 60 - 100) * SECOND);
      expect((await signIn(ctx, 'anna', PASSWORD, '10.9.9.9')).status).toBe(200);
    } finally {
      await ctx.close();
    }
  });
});

describe('sessions around sign-in and passwords', () => {
  let ctx: TestContext;
  let region: string;
  let admin: Agent;
  let annaId: string;
  beforeEach(async () => {
    ctx = await context();
    region = await makeUnit(ctx.services, 'Region Test');
    await makeUser(ctx.services, 'admin', [{ role: 'administrator', unitId: region }]);
    annaId = await makeUser(ctx.services, 'anna', [{ role: 'viewer', unitId: region }]);
    admin = ctx.agent();
    await admin.login('admin', PASSWORD);
  });
  afterEach(async () => ctx.close());

  it('ends the session a sign-in presents and issues a new token, so a planted session never signs anyone in', async () => {
    // An attacker signs in and plants their session cookie in the victim's browser.
    const planted = cookieOf(await signIn(ctx, 'admin', PASSWORD, '10.0.0.5'));
    expect((await me(ctx, planted)).status).toBe(200);
    const res = await signIn(ctx, 'anna', PASSWORD, '10.0.0.6', {
      cookie: planted,
      origin: 'http://localhost',
      'sec-fetch-site': 'same-origin',
    });
    expect(res.status).toBe(200);
    const fresh = cookieOf(res);
    expect(fresh).not.toBe(planted);
    expect((await me(ctx, planted)).status).toBe(401);
    expect((await (await me(ctx, fresh)).json()).username).toBe('anna');
    const ended = await ctx.services.db
      .selectFrom('sessions')
      .select('ended_reason')
      .where('ended_at', 'is not', null)
      .execute();
    expect(ended.map((s) => s.ended_reason)).toEqual(['replaced']);
  });

  it('ends every session of a user whose password is set, with the history saying so', async () => {
    const phone = cookieOf(await signIn(ctx, 'anna', PASSWORD, '10.0.0.7'));
    const desk = cookieOf(await signIn(ctx, 'anna', PASSWORD, '10.0.0.8'));
    const { body: user } = await admin.json('GET', `/api/users/${annaId}`);
    const set = await admin.json('PATCH', `/api/users/${annaId}`, {
      version: user.version,
      password: 'ett-nytt-lösen',
    });
    expect(set.status).toBe(200);
    expect((await me(ctx, phone)).status).toBe(401);
    expect((await me(ctx, desk)).status).toBe(401);
    expect((await signIn(ctx, 'anna', PASSWORD, '10.0.0.7')).status).toBe(401);
    expect((await signIn(ctx, 'anna', 'ett-nytt-lösen', '10.0.0.7')).status).toBe(200);
    const history = await admin.json('GET', `/api/history?entity=user&id=${annaId}`);
    expect(history.body.entries.at(-1).kind).toBe('user.password_set');
    // The administrator is still signed in: only the account whose password changed is out.
    expect((await admin.json('GET', '/api/me')).status).toBe(200);
  });

  it("ends the administrator's own sessions too when it sets its own password", async () => {
    const { body: self } = await admin.json('GET', '/api/me');
    const { body: user } = await admin.json('GET', `/api/users/${self.id}`);
    const set = await admin.json('PATCH', `/api/users/${self.id}`, {
      version: user.version,
      password: 'ett-nytt-lösen',
    });
    expect(set.status).toBe(200);
    expect((await admin.json('GET', '/api/me')).status).toBe(401);
  });

  it('refuses a sign-in from another site even without a cookie, but not from a program', async () => {
    for (const headers of <Record<string, string>[]>[
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'same-site' },
    ]) {
      const res = await signIn(ctx, 'anna', PASSWORD, '10.0.0.9', headers);
      expect(res.status).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    const attempts = await ctx.services.db
      .selectFrom('login_attempts')
      .select('id')
      .where('username', '=', 'anna')
      .execute();
    expect(attempts).toHaveLength(0);
    const own = { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' };
    expect((await signIn(ctx, 'anna', PASSWORD, '10.0.0.9', own)).status).toBe(200);
    expect((await signIn(ctx, 'anna', PASSWORD, '10.0.0.9')).status).toBe(200);
  });
});

describe('roles on one’s own account', () => {
  it('keeps a subtree administrator from making itself controller there, while another administrator can', async () => {
    const ctx = await context();
    try {
      const region = await makeUnit(ctx.services, 'Region Test');
      const division = await makeUnit(ctx.services, 'Division Test', region, 'division');
      await makeUser(ctx.services, 'admin', [{ role: 'administrator', unitId: region }]);
      const subId = await makeUser(ctx.services, 'deladmin', [{ role: 'administrator', unitId: division }]);
      const sub = ctx.agent();
      await sub.login('deladmin', PASSWORD);
      const admin = ctx.agent();
      await admin.login('admin', PASSWORD);

      const self = await sub.json('POST', '/api/role-assignments', {
        userId: subId,
        role: 'controller',
        unitId: division,
      });
      expect(self.status).toBe(403);
      expect(self.body.error.fields).toEqual([{ field: 'userId', message: 'eget konto' }]);
      expect((await sub.json('GET', '/api/me')).body.roles).toEqual([{ role: 'administrator', unitId: division }]);

      const granted = await admin.json('POST', '/api/role-assignments', {
        userId: subId,
        role: 'controller',
        unitId: division,
      });
      expect(granted.status).toBe(201);
      // Nor may it take a role away from itself, or the root administrator give itself one.
      const revoke = await sub.json('DELETE', `/api/role-assignments/${granted.body.id}`);
      expect(revoke.status).toBe(403);
      expect(revoke.body.error.fields).toEqual([{ field: 'id', message: 'eget konto' }]);
      const { body: adminMe } = await admin.json('GET', '/api/me');
      const rootSelf = await admin.json('POST', '/api/role-assignments', {
        userId: adminMe.id,
        role: 'controller',
        unitId: region,
      });
      expect(rootSelf.status).toBe(403);
      expect((await admin.json('DELETE', `/api/role-assignments/${granted.body.id}`)).status).toBe(204);
    } finally {
      await ctx.close();
    }
  });
});
