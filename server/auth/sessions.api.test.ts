import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';

const MINUTE = 60_000;

describe('sign-in, sessions and request safety', () => {
  let ctx: TestContext;
  let users: Map<string, string>;
  let units: Map<string, string>;
  beforeEach(async () => {
    const seeded = await createDemoContext();
    ctx = seeded;
    ({ users, units } = seeded.demo);
  });
  afterEach(async () => ctx.close());

  it('signs in with an HttpOnly SameSite=Lax cookie and signs out for good', async () => {
    const agent = ctx.agent();
    const res = await agent.request('POST', '/api/auth/login', { username: 'controller', password: 'demo' });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect((await agent.json('GET', '/api/me')).body.username).toBe('controller');
    const stolen = cookie.split(';')[0] as string;
    expect((await agent.request('POST', '/api/auth/logout')).status).toBe(204);
    const replay = await ctx.app.request('http://localhost/api/me', { headers: { cookie: stolen } });
    expect(replay.status).toBe(401);
  });

  it('answers a wrong password or unknown user with 401 JSON, and without a cookie /me is 401', async () => {
    const agent = ctx.agent();
    for (const body of [
      { username: 'admin', password: 'fel' },
      { username: 'ingen', password: 'demo' },
    ]) {
      const { status, body: err } = await agent.json('POST', '/api/auth/login', body);
      expect(status).toBe(401);
      expect(err.error.code).toBe('unauthenticated');
    }
    expect((await agent.json('GET', '/api/me')).status).toBe(401);
  });

  it('refuses further attempts after five failures, even with the right password, and records them', async () => {
    const agent = ctx.agent();
    for (let i = 0; i < 5; i++)
      expect((await agent.json('POST', '/api/auth/login', { username: 'politiker', password: 'fel' })).status).toBe(
        401,
      );
    const blocked = await agent.request('POST', '/api/auth/login', { username: 'politiker', password: 'demo' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const attempts = await ctx.services.db
      .selectFrom('login_attempts')
      .selectAll()
      .where('username', '=', 'politiker')
      .execute();
    expect(attempts).toHaveLength(6);
    expect(attempts.every((a) => !a.success)).toBe(true);
    ctx.clock.advance(16 * MINUTE);
    expect((await agent.json('POST', '/api/auth/login', { username: 'politiker', password: 'demo' })).status).toBe(200);
  });

  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const idle = ctx.agent();
    await idle.login('revisor');
    ctx.clock.advance(59 * MINUTE);
    expect((await idle.json('GET', '/api/me')).status).toBe(200);
    ctx.clock.advance(61 * MINUTE);
    expect((await idle.json('GET', '/api/me')).status).toBe(401);

    const busy = ctx.agent();
    await busy.login('revisor');
    for (let h = 0; h < 24; h++) {
      ctx.clock.advance(30 * MINUTE);
      const status = (await busy.json('GET', '/api/me')).status;
      expect(status).toBe(h < 23 ? 200 : 401);
    }
  });

  it('ends every session of a user who is disabled', async () => {
    const victim = ctx.agent();
    await victim.login('chef.medicin');
    const admin = ctx.agent();
    await admin.login('admin');
    const id = users.get('chef.medicin') as string;
    const { body } = await admin.json('GET', `/api/users/${id}`);
    expect((await admin.json('PATCH', `/api/users/${id}`, { version: body.version, disabled: true })).status).toBe(200);
    expect((await victim.json('GET', '/api/me')).status).toBe(401);
    expect(
      (await ctx.agent().json('POST', '/api/auth/login', { username: 'chef.medicin', password: 'demo' })).status,
    ).toBe(401);
    const history = await admin.json('GET', `/api/history?entity=user&id=${id}`);
    expect(history.body.entries.at(-1).kind).toBe('user.disabled');
    expect(JSON.stringify(history.body)).not.toMatch(/argon2|password_hash/);
  });

  it('refuses a cookie-authenticated write from another site and writes nothing', async () => {
    const admin = ctx.agent();
    await admin.login('admin');
    const create = { parentId: units.get('region'), name: 'Planterad enhet', level: 'enhet', code: '99999' };
    for (const headers of <Record<string, string>[]>[
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
    ]) {
      const res = await admin.json('POST', '/api/org-units', create, headers);
      expect(res.status).toBe(403);
    }
    const names = (await admin.json('GET', '/api/org-units')).body.units.map((u: { name: string }) => u.name);
    expect(names).not.toContain('Planterad enhet');
    expect((await admin.json('POST', '/api/org-units', create)).status).toBe(201);
  });

  it('answers oversize, malformed and unknown requests with JSON errors and security headers', async () => {
    const admin = ctx.agent();
    await admin.login('admin');
    const big = await admin.json('POST', '/api/org-units', { name: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
    const malformed = await admin.json('POST', '/api/org-units', '{"name": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('bad_request');
    const missing = await admin.request('GET', '/api/nope');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
    const csp = missing.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
    expect(missing.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('behind HTTPS', () => {
  it('sends HSTS and a Secure cookie', async () => {
    const ctx = await createDemoContext({ http: { secure: true } });
    try {
      const res = await ctx.agent().request('POST', '/api/auth/login', { username: 'admin', password: 'demo' });
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('set-cookie')).toMatch(/Secure/);
    } finally {
      await ctx.close();
    }
  });
});
