import { sql } from 'kysely';
import type { Executor, Services } from '../core/context';
import { changesOf } from '../db/pglite-pool';

/**
 * The areas of data whose versions the database keeps (migration 011_data_versions.sql), and the
 * ending of sessions (013_session_versions.sql), which only the session cache reads.
 */
export const AREAS = ['org', 'steering', 'economy', 'followup', 'access', 'sessions'] as const;
export type Area = (typeof AREAS)[number];

export type DataVersions = Record<Area, string>;

// On PGlite parsing and planning cost more than running a statement this small, and the one
// connection keeps a prepared statement for good (as the session lookup does); a PostgreSQL
// pool has many connections, so there it is a plain query.
const prepared = new WeakMap<object, Promise<void>>();

/**
 * The current version of every area, read from the database in one statement. Read before the
 * answer is computed: an answer is then never older than the versions it is filed under.
 */
export function readDataVersions(services: Services): Promise<DataVersions> {
  // On PGlite nothing but this process writes, and it counts what may have changed data: while
  // that count stands still the versions read last still hold, and no statement is needed.
  const changes = changesOf(services.db);
  if (changes === null) return queryDataVersions(services);
  const last = lastRead.get(services.db);
  if (last && last.changes === changes) return last.versions;
  const versions = queryDataVersions(services);
  // Filed under the count seen before reading: a change meanwhile moves the count on, and the
  // next request reads again.
  lastRead.set(services.db, { changes, versions });
  versions.catch(() => lastRead.delete(services.db));
  return versions;
}

const lastRead = new WeakMap<object, { changes: number; versions: Promise<DataVersions> }>();

async function queryDataVersions(services: Services): Promise<DataVersions> {
  let rows: { area: string; version: string }[];
  if (services.dbKind !== 'pglite') {
    rows = (
      await sql<{ area: string; version: string }>`SELECT area, version::text AS version FROM data_versions`.execute(
        services.db,
      )
    ).rows;
  } else {
    let ready = prepared.get(services.db);
    if (!ready) {
      ready = sql`PREPARE rt_data_versions AS SELECT area, version::text AS version FROM data_versions`
        .execute(services.db)
        .then(
          () => {},
          (err: unknown) => {
            // Another Kysely over the same PGlite client prepared it already: the same statement.
            if ((err as { code?: string }).code !== '42P05') throw err;
          },
        );
      prepared.set(services.db, ready);
      ready.catch(() => prepared.delete(services.db));
    }
    await ready;
    rows = (await sql<{ area: string; version: string }>`EXECUTE rt_data_versions`.execute(services.db)).rows;
  }
  const out = {} as DataVersions;
  for (const a of AREAS) out[a] = '0';
  for (const r of rows) if ((AREAS as readonly string[]).includes(r.area)) out[r.area as Area] = r.version;
  return out;
}

/**
 * Bumps an area's version now, at the start of a writing transaction, rather than when the
 * first write's trigger fires. Writers of values take the area's row lock first and the value
 * rows after it, all in the same order, so two of them (a single write and an import, say) queue
 * instead of deadlocking on value rows one holds and a version row the other holds. The trigger
 * then finds the area bumped in this transaction and takes nothing more.
 */
export async function claimDataVersion(trx: Executor, area: Area): Promise<void> {
  const flag = `rt_data_version.${area}`;
  // Two statements: in one, the flag could be set before the update reads it.
  await sql`
    UPDATE data_versions SET version = version + 1
    WHERE area = ${area} AND coalesce(current_setting(${flag}, true), '') <> 'bumped'`.execute(trx);
  await sql`SELECT set_config(${flag}, 'bumped', true)`.execute(trx);
}
