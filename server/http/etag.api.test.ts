import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext, testDatabaseKind } from '../../test/support/context';
import type { Seeded } from '../../test/support/demo-ids';
import { buildApp } from '../app';
import { defaultSessionPolicy } from '../auth/service';
import type { Services } from '../core/context';
import { openDatabase } from '../db/connection';
import { defaultMailConfig } from '../followup/reminders';
import type { HttpConfig } from './env';

// The test clock is 2025-06-15; the demo's values run to 2025-05.
const PERIOD = '2025-05';

const config: HttpConfig = {
  secure: false,
  trustProxy: false,
  sessionPolicy: defaultSessionPolicy,
  maxBodyBytes: 64 * 1024,
  maxUploadBytes: 1024 * 1024,
  version: 'test',
  webRoot: null,
  log: () => {},
  mail: defaultMailConfig,
};

type App = ReturnType<typeof buildApp>;

/** A signed-in client of one app, cookies kept. */
async function clientOf(app: App, username: string) {
  const login = await app.request('http://localhost/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  return {
    get: (path: string, headers: Record<string, string> = {}) =>
      app.request(`http://localhost${path}`, { headers: { cookie, ...headers } }),
    async json(path: string) {
      const res = await app.request(`http://localhost${path}`, { headers: { cookie } });
      return { status: res.status, etag: res.headers.get('etag'), body: await res.json() };
    },
    send: (method: string, path: string, body: unknown) =>
      app.request(`http://localhost${path}`, {
        method,
        headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' },
        body: JSON.stringify(body),
      }),
  };
}

/**
 * A second app over the same database as `ctx`, as a second server process would have: on
 * PostgreSQL its own pool to the same database, on PGlite the one client (one process owns it).
 */
async function secondApp(ctx: TestContext): Promise<{ app: App; close: () => Promise<void> }> {
  if (testDatabaseKind() === 'pglite')
    return { app: buildApp({ services: ctx.services, config }), close: async () => {} };
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(ctx.services.db);
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  url.pathname = `/${rows[0]?.name}`;
  const database = await openDatabase({ kind: 'postgresql', url: url.toString(), poolSize: 2 });
  const services: Services = { db: database.db, dbKind: database.kind, clock: ctx.clock };
  return { app: buildApp({ services, config }), close: () => database.close() };
}

describe('ETags and the figure cache', () => {
  let ctx: TestContext & { demo: Seeded };
  const unit = (key: string) => ctx.demo.units.get(key) as string;
  const indicator = (key: string) => ctx.demo.steering.indicators.get(key) as string;
  const leafNamed = async (name: string) =>
    (
      await ctx.services.db
        .selectFrom('org_unit_states')
        .select('unit_id')
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    ).unit_id;

  beforeAll(async () => {
    ctx = await createDemoContext();
  });
  afterAll(async () => ctx.close());

  it('answers a repeated request with the same ETag and 304 without a body', async () => {
    const admin = await clientOf(ctx.app, 'admin');
    const paths = [
      '/api/org-units',
      `/api/scorecard?unit=${unit('region')}&period=${PERIOD}`,
      `/api/indicators/${indicator('besok')}/across?period=${PERIOD}`,
      `/api/action-plans/${ctx.demo.economy.planId}/summary?period=${PERIOD}`,
    ];
    for (const path of paths) {
      const first = await admin.get(path);
      expect(first.status, path).toBe(200);
      const etag = first.headers.get('etag');
      expect(etag, path).toMatch(/^"[\w-]+"$/);
      expect(first.headers.get('cache-control')).toBe('private, no-cache');
      const body = await first.text();

      const again = await admin.get(path);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe(body);

      const revalidated = await admin.get(path, { 'if-none-match': etag as string });
      expect(revalidated.status, path).toBe(304);
      expect(revalidated.headers.get('etag')).toBe(etag);
      expect(revalidated.headers.get('cache-control')).toBe('private, no-cache');
      expect(await revalidated.text()).toBe('');
    }
    // Another query is another answer.
    const other = await admin.get(`/api/scorecard?unit=${unit('region')}&period=2025-04`);
    expect(other.status).toBe(200);
    const first = await admin.get(paths[1] as string);
    expect(other.headers.get('etag')).not.toBe(first.headers.get('etag'));
    // Answers that are not cached keep no-store.
    expect((await admin.get('/api/me')).headers.get('cache-control')).toBe('no-store');
  });

  it('changes the ETag and the figure when a value is entered', async () => {
    const controller = await clientOf(ctx.app, 'controller');
    const ward = await leafNamed('Medicinavdelning 1');
    const across = `/api/indicators/${indicator('besok')}/across?period=${PERIOD}`;
    const before = await controller.json(across);
    expect(before.status).toBe(200);
    const row = (body: any) => body.rows.find((r: any) => r.unitId === ward);
    expect(row(before.body).figure.outcome).not.toBe(987654);

    const put = await controller.send('PUT', '/api/values', {
      values: [{ indicatorId: indicator('besok'), unitId: ward, period: PERIOD, kind: 'outcome', value: '987654' }],
    });
    expect(put.status).toBe(200);

    const after = await controller.json(across);
    expect(after.etag).not.toBe(before.etag);
    expect(row(after.body).figure.outcome).toBe(987654);
    const stale = await controller.get(across, { 'if-none-match': before.etag as string });
    expect(stale.status).toBe(200);
  });

  it('changes the tree when a unit is renamed', async () => {
    const admin = await clientOf(ctx.app, 'admin');
    const before = await admin.json('/api/org-units');
    const ward = await leafNamed('Medicinavdelning 2');
    const version = before.body.units.find((u: any) => u.id === ward).version;
    const res = await admin.send('PATCH', `/api/org-units/${ward}`, { version, name: 'Medicinavdelning Två' });
    expect(res.status).toBe(200);
    const after = await admin.json('/api/org-units');
    expect(after.etag).not.toBe(before.etag);
    expect(after.body.units.find((u: any) => u.id === ward).name).toBe('Medicinavdelning Två');
  });

  it('changes the answer when a role is revoked: no cached figure outlives the role', async () => {
    const admin = await clientOf(ctx.app, 'admin');
    const chef = await clientOf(ctx.app, 'chef.kirurgi');
    const card = `/api/scorecard?unit=${unit('kirurgi')}&period=${PERIOD}`;
    const before = await chef.json(card);
    expect(before.status).toBe(200);
    const roles = await ctx.services.db
      .selectFrom('role_assignments')
      .select('id')
      .where('user_id', '=', ctx.demo.users.get('chef.kirurgi') as string)
      .execute();
    expect(roles.length).toBeGreaterThan(0);
    for (const r of roles) expect((await admin.send('DELETE', `/api/role-assignments/${r.id}`, {})).status).toBe(204);
    expect((await chef.get(card)).status).toBe(403);
    expect((await chef.get(card, { 'if-none-match': before.etag as string })).status).toBe(403);
  });

  it('never gives one user’s cached answer, or a 304 on its ETag, to a user of another scope', async () => {
    const admin = await clientOf(ctx.app, 'admin');
    const medicin = await clientOf(ctx.app, 'chef.medicin');
    const card = `/api/scorecard?unit=${unit('kirurgi')}&period=${PERIOD}`;
    const warm = await admin.json(card);
    expect(warm.status).toBe(200);
    expect((await medicin.get(card)).status).toBe(403);
    expect((await medicin.get(card, { 'if-none-match': warm.etag as string })).status).toBe(403);
    // Where both may read, each gets an ETag of their own.
    const region = `/api/scorecard?unit=${unit('region')}&period=${PERIOD}`;
    const politiker = await clientOf(ctx.app, 'politiker');
    const a = await admin.json(region);
    const p = await politiker.json(region);
    expect(a.status).toBe(200);
    expect(p.status).toBe(200);
    expect(p.etag).not.toBe(a.etag);
  });

  it('never serves an old figure from one app after another app over the same database committed', async () => {
    const other = await secondApp(ctx);
    try {
      const a = await clientOf(ctx.app, 'controller');
      const b = await clientOf(other.app, 'controller');
      const ward = await leafNamed('Medicinavdelning 1');
      const across = `/api/indicators/${indicator('besok')}/across?period=${PERIOD}`;
      const summary = `/api/action-plans/${ctx.demo.economy.planId}/summary?period=${PERIOD}`;
      const outcome = (body: any) => body.rows.find((r: any) => r.unitId === ward).figure.outcome;
      for (const value of [111, 222, 333]) {
        // Both apps have the answer cached, then one of them takes a write.
        for (const client of [a, b]) {
          await client.json(across);
          await client.json(across);
        }
        const writer = value === 222 ? b : a;
        const put = await writer.send('PUT', '/api/values', {
          values: [
            { indicatorId: indicator('besok'), unitId: ward, period: PERIOD, kind: 'outcome', value: `${value}` },
          ],
        });
        expect(put.status).toBe(200);
        for (const client of [a, b]) expect(outcome((await client.json(across)).body)).toBe(value);
      }
      // A write that bypasses the services (a seed, a command-line import) is seen as well.
      const beforeA = await a.json(summary);
      const beforeB = await b.json(summary);
      expect(beforeB.body).toEqual(beforeA.body);
      await sql`UPDATE measure_reports SET forecast_kr = forecast_kr + 1000000`.execute(ctx.services.db);
      const afterA = await a.json(summary);
      const afterB = await b.json(summary);
      expect(afterA.etag).not.toBe(beforeA.etag);
      expect(afterB.body).toEqual(afterA.body);
      expect(afterA.body).not.toEqual(beforeA.body);
    } finally {
      await other.close();
    }
  });

  it('keeps the data version of an area unchanged by a rolled-back write, and bumps it once per transaction', async () => {
    const version = async () =>
      (
        await sql<{
          version: string;
        }>`SELECT version::text AS version FROM data_versions WHERE area = 'steering'`.execute(ctx.services.db)
      ).rows[0]?.version;
    const start = await version();
    await expect(
      ctx.services.db.transaction().execute(async (trx) => {
        await sql`UPDATE indicators SET version = version`.execute(trx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await version()).toBe(start);
    await ctx.services.db.transaction().execute(async (trx) => {
      await sql`UPDATE indicators SET version = version`.execute(trx);
      await sql`UPDATE goals SET version = version`.execute(trx);
    });
    expect(BigInt((await version()) as string)).toBe(BigInt(start as string) + 1n);
  });
});
