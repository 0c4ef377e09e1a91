import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { fixedClock } from '../../server/core/clock';
import type { Services } from '../../server/core/context';
import { openDatabase, PGLITE_PARSERS } from '../../server/db/connection';
import { migrate } from '../../server/db/migrate';
import { createScratchDatabase } from '../../server/db/scratch';
import { seedDemo } from '../../server/demo/seed';
import { encodeSeeded, START } from './demo-ids';

/**
 * Seeds the demo region once per test run, on the database the project tests on, so each
 * integration file gets a seeded database by copying it (a PGlite dump, or PostgreSQL's
 * `CREATE DATABASE … TEMPLATE`) in seconds instead of seeding for half a minute of its own.
 */
export default async function setup(project: TestProject) {
  const kind = project.config.env?.RT_TEST_DB === 'postgresql' ? 'postgresql' : 'pglite';
  const clock = fixedClock(START);
  if (kind === 'postgresql') {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) return;
    const scratch = await createScratchDatabase(adminUrl, 'rt_demo_template');
    const database = await openDatabase({ kind: 'postgresql', url: scratch.url, poolSize: 4 });
    try {
      await migrate(database.db, clock.now());
      const seeded = await seedDemo({ db: database.db, dbKind: 'postgresql', clock } satisfies Services);
      project.provide('demoTemplate', {
        kind,
        database: new URL(scratch.url).pathname.slice(1),
        ids: encodeSeeded(seeded),
      });
    } finally {
      // A template database may have no open connections while it is copied.
      await database.close();
    }
    return () => scratch.drop();
  }
  const client = await PGlite.create({ parsers: PGLITE_PARSERS });
  const database = await openDatabase({ kind: 'pglite', dataDir: null, client });
  await migrate(database.db, clock.now());
  const seeded = await seedDemo({ db: database.db, dbKind: 'pglite', clock } satisfies Services);
  const dump = await client.dumpDataDir('none');
  await database.close();
  const folder = resolve('.test-results');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `demo-pglite-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('demoTemplate', { kind, file, ids: encodeSeeded(seeded) });
  return () => rmSync(file, { force: true });
}
