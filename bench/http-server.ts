/**
 * A server process for the `http` bench section: `bare` is a bare Hono app answering small
 * JSON on @hono/node-server, `app` the product's app on the demo database (embedded PGlite,
 * in memory; with BENCH_DATABASE_URL a scratch database on that PostgreSQL server, dropped when
 * the process is stopped). Listens on a free loopback port and prints `{"port":N, ...}` on one line when ready,
 * with the demo's root unit and action plan for the requests that need them.
 */

import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { buildApp } from '../server/app';
import { keepVersions } from '../server/cache/version-keeper';
import { systemClock } from '../server/core/clock';
import { openDatabase } from '../server/db/connection';
import { migrate } from '../server/db/migrate';
import { createScratchDatabase } from '../server/db/scratch';
import { seedDemo } from '../server/demo/seed';
import { BENCH_HTTP_CONFIG } from './http-config';

async function main() {
  const kind = process.argv[2];
  let fetch: (req: Request) => Response | Promise<Response>;
  let ids: { rootId?: string; planId?: string } = {};
  if (kind === 'bare') {
    const bare = new Hono();
    bare.get('/', (c) => c.json({ status: 'ok' }));
    fetch = bare.fetch;
  } else {
    const adminUrl = process.env.BENCH_DATABASE_URL;
    const scratch = adminUrl ? await createScratchDatabase(adminUrl, 'rt_bench_http') : null;
    const database = scratch
      ? await openDatabase({ kind: 'postgresql', url: scratch.url })
      : await openDatabase({ kind: 'pglite', dataDir: null });
    // As the server's main does: on PostgreSQL the versions are kept by listening.
    const keeper = await keepVersions(
      database.db,
      scratch ? { kind: 'postgresql', url: scratch.url } : { kind: 'pglite' },
    );
    if (scratch)
      process.once('SIGTERM', () => {
        Promise.resolve(keeper?.stop())
          .then(() => database.close())
          .then(scratch.drop)
          .finally(() => process.exit(0));
      });
    await migrate(database.db, systemClock.now());
    const services = { db: database.db, dbKind: database.kind, clock: systemClock };
    const seeded = await seedDemo(services);
    ids = { rootId: seeded.units.get('region'), planId: seeded.economy.planId };
    fetch = buildApp({
      services,
      config: BENCH_HTTP_CONFIG,
    }).fetch;
  }
  serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    console.log(JSON.stringify({ port: info.port, ...ids }));
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
