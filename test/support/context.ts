import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { buildApp } from '../../server/app';
import { defaultSessionPolicy, type SessionPolicy } from '../../server/auth/service';
import { type Clock, fixedClock } from '../../server/core/clock';
import type { Services } from '../../server/core/context';
import { openDatabase, PGLITE_PARSERS } from '../../server/db/connection';
import { migrate } from '../../server/db/migrate';
import { createScratchDatabase } from '../../server/db/scratch';
import { defaultMailConfig } from '../../server/followup/reminders';
import type { HttpConfig } from '../../server/http/env';
import { decodeSeeded, type Seeded, START } from './demo-ids';

export { START } from './demo-ids';

/** Which database the integration tests run on: set per Vitest project (see vitest.config.ts). */
export const testDatabaseKind = (): 'pglite' | 'postgresql' =>
  process.env.RT_TEST_DB === 'postgresql' ? 'postgresql' : 'pglite';

export interface TestContext {
  services: Services;
  clock: ReturnType<typeof fixedClock>;
  app: ReturnType<typeof buildApp>;
  /** Sends a request to the app in-process; JSON bodies are encoded, cookies kept per agent. */
  agent(): Agent;
  close(): Promise<void>;
}

export interface Agent {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  json<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T }>;
  login(username: string, password?: string): Promise<void>;
}

// Starting PGlite costs seconds; each test starts from a dump of one migrated instance made
// once per worker. (PGlite's own clone() would drop the type parsers production uses.)
let template: Promise<File | Blob> | null = null;
function pgliteTemplate(): Promise<File | Blob> {
  template ??= (async () => {
    const client = await PGlite.create({ parsers: PGLITE_PARSERS });
    const db = await openDatabase({ kind: 'pglite', dataDir: null, client });
    await migrate(db.db, new Date(START));
    const dump = await client.dumpDataDir('none');
    await client.close();
    return dump;
  })();
  return template;
}

/**
 * A fresh, migrated database (in-memory PGlite, or a new database on the PostgreSQL server
 * named by TEST_DATABASE_URL, dropped afterwards) and the HTTP app over it.
 */
export async function createTestContext(options?: ContextOptions & { demo?: false }): Promise<TestContext> {
  return contextOn(options, null);
}

interface ContextOptions {
  clock?: ReturnType<typeof fixedClock>;
  sessionPolicy?: Partial<SessionPolicy>;
  http?: Partial<HttpConfig>;
}

/**
 * A fresh database holding the demo region, copied from the one the run seeded at START (see
 * demo-template.ts), with the ids the seed returned. The clock starts at START like the seed's.
 */
export async function createDemoContext(
  options?: Omit<ContextOptions, 'clock'>,
): Promise<TestContext & { demo: Seeded }> {
  const template = inject('demoTemplate');
  if (!template) throw new Error('No demo template: the test project has no demo-template global setup.');
  const ctx = await contextOn(options, template);
  return Object.assign(ctx, { demo: decodeSeeded(template.ids) });
}

async function contextOn(
  options: ContextOptions | undefined,
  demo: NonNullable<ReturnType<typeof inject<'demoTemplate'>>> | null,
): Promise<TestContext> {
  const clock = options?.clock ?? fixedClock(START);
  let dropDatabase = async () => {};
  let database: Awaited<ReturnType<typeof openDatabase>>;
  if (testDatabaseKind() === 'postgresql') {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
    const scratch = await createScratchDatabase(
      adminUrl,
      'rt_test',
      demo?.kind === 'postgresql' ? demo.database : undefined,
    );
    database = await openDatabase({ kind: 'postgresql', url: scratch.url, poolSize: 4 });
    dropDatabase = scratch.drop;
  } else {
    const loadDataDir = demo?.kind === 'pglite' ? new Blob([readFileSync(demo.file)]) : await pgliteTemplate();
    const client = await PGlite.create({ loadDataDir, parsers: PGLITE_PARSERS });
    database = await openDatabase({ kind: 'pglite', dataDir: null, client });
  }
  await migrate(database.db, clock.now());
  const services: Services = { db: database.db, dbKind: database.kind, clock: clock as Clock };
  const app = buildApp({
    services,
    config: {
      secure: false,
      trustProxy: false,
      sessionPolicy: { ...defaultSessionPolicy, ...options?.sessionPolicy },
      maxBodyBytes: 64 * 1024,
      maxUploadBytes: 1024 * 1024,
      version: 'test',
      webRoot: null,
      log: () => {},
      mail: defaultMailConfig,
      contractViolation: (v) => {
        // Printed as well as answered 500, so a test that only checks a status still names the cause.
        console.error(`contract violation: ${v.method} ${v.path} ${v.status}: ${v.problems.join('; ')}`);
      },
      ...options?.http,
    },
  });

  const agent = (): Agent => {
    let cookie: string | null = null;
    const request: Agent['request'] = async (method, path, body, headers = {}) => {
      const res = await app.request(`http://localhost${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(cookie ? { cookie } : {}),
          ...(method !== 'GET' && cookie ? { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' } : {}),
          ...headers,
        },
        body:
          body === undefined
            ? undefined
            : typeof body === 'string' || body instanceof Uint8Array
              ? (body as BodyInit)
              : JSON.stringify(body),
      });
      const set = res.headers.get('set-cookie');
      if (set) {
        const pair = set.split(';')[0] as string;
        cookie = pair.endsWith('=') ? null : pair;
      }
      return res;
    };
    return {
      request,
      async json(method, path, body, headers) {
        const res = await request(method, path, body, headers);
        const text = await res.text();
        return { status: res.status, body: text ? JSON.parse(text) : null };
      },
      async login(username, password = 'demo') {
        const res = await request('POST', '/api/auth/login', { username, password });
        if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
      },
    };
  };

  return {
    services,
    clock,
    app,
    agent,
    async close() {
      await database.close();
      await dropDatabase();
    },
  };
}
