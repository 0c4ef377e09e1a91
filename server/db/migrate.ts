import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import type { DB } from './schema';

// Beside this file in the sources; beside the compiled server (or one folder up from a split
// chunk of it) in dist/.
const here = dirname(fileURLToPath(import.meta.url));
const MIGRATIONS_DIR =
  [join(here, 'migrations'), join(here, '..', 'migrations')].find((dir) => existsSync(dir)) ?? join(here, 'migrations');

/** Plain, numbered SQL files, each applied once in its own transaction, in name order. */
export async function migrate(db: Kysely<DB>, now: Date): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL)`.execute(db);
  const applied = new Set((await db.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name));
  const pending = readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql') && !applied.has(f))
    .sort();
  for (const name of pending) {
    const text = readFileSync(join(MIGRATIONS_DIR, name), 'utf8');
    await db.transaction().execute(async (trx) => {
      await sql.raw(text).execute(trx);
      await trx.insertInto('schema_migrations').values({ name, applied_at: now }).execute();
    });
  }
  return pending;
}
