import { sql } from 'kysely';
import { expect } from 'vitest';
import { buildApp } from '../../server/app';
import { defaultSessionPolicy } from '../../server/auth/service';
import type { Services } from '../../server/core/context';
import { openDatabase } from '../../server/db/connection';
import { defaultMailConfig } from '../../server/followup/reminders';
import type { HttpConfig } from '../../server/http/env';
import { type TestContext, testDatabaseKind } from './context';

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

export type App = ReturnType<typeof buildApp>;

/** An app over `services`, configured as the test apps are. */
export const appOver = (services: Services): App => buildApp({ services, config });

/**
 * Two apps over one database, as two server processes: on PostgreSQL each with its own pool, on
 * PGlite over the one client (one process owns it). Each app keeps its own session cache.
 */
export async function twoApps(ctx: TestContext): Promise<{ a: App; b: App; close: () => Promise<void> }> {
  const a = buildApp({ services: ctx.services, config });
  if (testDatabaseKind() === 'pglite')
    return { a, b: buildApp({ services: ctx.services, config }), close: async () => {} };
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(ctx.services.db);
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  url.pathname = `/${rows[0]?.name}`;
  const database = await openDatabase({ kind: 'postgresql', url: url.toString(), poolSize: 2 });
  const services: Services = { db: database.db, dbKind: database.kind, clock: ctx.clock };
  return { a, b: buildApp({ services, config }), close: () => database.close() };
}

export async function signIn(app: App, username: string): Promise<string> {
  const res = await app.request('http://localhost/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

export const send = (app: App, cookie: string, method: string, path: string, body?: unknown) =>
  app.request(`http://localhost${path}`, {
    method,
    headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
