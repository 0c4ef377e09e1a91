import { type Kysely, sql } from 'kysely';
import type { Database } from './connection';
import type { DB } from './schema';

/**
 * The embedded database's upkeep. PostgreSQL's autovacuum does not run in PGlite: without it a
 * table that is updated again and again (the kept roll-ups, rewritten by every value entered)
 * grows by every row version written, as the space of dead versions is never marked for reuse,
 * and the planner's statistics stay what they were when the tables were small. The upkeep does
 * what autovacuum would, by its default rules, when the server has a quiet moment.
 */

/** One table's upkeep: VACUUM (dead row versions, many inserts, pages not known visible), ANALYZE. */
export interface UpkeepTask {
  table: string;
  vacuum: boolean;
  analyze: boolean;
}

/**
 * The tables due for upkeep, largest first, by autovacuum's default thresholds: vacuum after
 * 50 + 20 % of the rows are dead, or 1 000 + 20 % were inserted, since the last vacuum; analyze
 * after 50 + 10 % were changed since the last analyze. PGlite counts these only from when it was
 * opened, so what the catalog keeps also counts: a table of eight pages or more of which fewer than
 * half are known all-visible is vacuumed, and one without statistics analysed if it has 50 rows or
 * more, or rows never counted.
 * Two statements: the counts are flushed to the views first.
 */
export async function dueForUpkeep(db: Kysely<DB>): Promise<UpkeepTask[]> {
  // The counts reach the statistics views at most once a second, unless a flush is asked for (it
  // happens as this statement ends).
  await sql`SELECT pg_stat_force_next_flush()`.execute(db);
  const { rows } = await sql<UpkeepTask>`
    SELECT c.relname AS "table",
      (s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
        OR s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0)
        OR (p.pages >= 8 AND c.relallvisible < p.pages / 2)) AS vacuum,
      (s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
        OR ((greatest(c.reltuples, s.n_live_tup) >= 50 OR (c.reltuples < 0 AND p.pages > 0))
          AND NOT EXISTS (SELECT 1 FROM pg_statistic st WHERE st.starelid = c.oid))) AS analyze
    FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid,
      LATERAL (SELECT pg_relation_size(c.oid) / current_setting('block_size')::int AS pages) p
    WHERE s.schemaname = current_schema()
    ORDER BY p.pages DESC, c.relname`.execute(db);
  return rows.filter((r) => r.vacuum || r.analyze);
}

/** Runs one table's upkeep; VACUUM cannot run in a transaction, so `db` is never one. */
export async function upkeepTable(db: Kysely<DB>, task: UpkeepTask): Promise<void> {
  const table = sql.id(task.table);
  if (task.vacuum) await sql`VACUUM ${sql.raw(task.analyze ? '(ANALYZE) ' : '')}${table}`.execute(db);
  else await sql`ANALYZE ${table}`.execute(db);
}

/** Keeps every table due up now, one after another (the CLI's `upkeep`, and the benchmark). */
export async function upkeepAll(
  db: Kysely<DB>,
  log: (event: Record<string, unknown>) => void = () => {},
): Promise<UpkeepTask[]> {
  const due = await dueForUpkeep(db);
  for (const task of due) {
    const started = performance.now();
    await upkeepTable(db, task);
    log({ event: 'upkeep', ...task, ms: Math.round(performance.now() - started) });
  }
  return due;
}

export interface UpkeepOptions {
  /** How often to look whether the database is quiet and something is due (ms). */
  everyMs: number;
  /** How long no request may have used the database before the upkeep starts (ms). */
  quietMs: number;
  /**
   * After this long without upkeep (a busy day has no quiet moment), one table is kept up at
   * the next look even if requests are under way: they wait for it (ms).
   */
  latestMs: number;
  /** The time in ms, as `performance.now()` gives it (the pool records its use on that scale). */
  now?: () => number;
  log?: (event: Record<string, unknown>) => void;
}

export const DEFAULT_UPKEEP: UpkeepOptions = { everyMs: 60_000, quietMs: 5_000, latestMs: 15 * 60_000 };

export interface Upkeep {
  /** Looks once, as the timer does; resolves with the tables kept up. */
  look(): Promise<UpkeepTask[]>;
  /** Stops looking, after the upkeep under way (if any) is done. */
  stop(): Promise<void>;
}

/**
 * Keeps the embedded database up while the server runs (nothing on PostgreSQL, whose own
 * autovacuum does this). At each look, when no request has used the database for `quietMs`,
 * the tables due are kept up one after another, stopping as soon as a request comes; a table's
 * upkeep is one statement, which a request arriving meanwhile waits for.
 */
export function keepUp(database: Database, options: UpkeepOptions = DEFAULT_UPKEEP): Upkeep | null {
  const activity = database.activity;
  if (database.kind !== 'pglite' || !activity) return null;
  const now = options.now ?? (() => performance.now());
  const log = options.log ?? (() => {});
  let lastUpkeep = now();
  let under: Promise<UpkeepTask[]> | null = null;
  const quiet = () => activity().waiting === 0 && now() - activity().idleSince >= options.quietMs;

  const run = async (): Promise<UpkeepTask[]> => {
    const forced = !quiet();
    if (forced && now() - lastUpkeep < options.latestMs) return [];
    const done: UpkeepTask[] = [];
    // The upkeep's own statements are the only connections it expects between its checks.
    let expected = activity().connects + 2;
    const due = await dueForUpkeep(database.db);
    for (const task of due) {
      // Quiet still: no one asked for the connection since the upkeep's own last statement.
      if (!forced && (activity().connects !== expected || activity().waiting > 0)) break;
      const started = now();
      await upkeepTable(database.db, task);
      expected += 1;
      done.push(task);
      log({ event: 'upkeep', ...task, ms: Math.round(now() - started) });
      if (forced) break;
    }
    if (due.length === 0 || done.length > 0) lastUpkeep = now();
    return done;
  };

  const look = () => {
    under ??= run()
      .catch((err) => {
        log({ event: 'upkeep_failed', error: err instanceof Error ? err.message : String(err) });
        return [];
      })
      .finally(() => {
        under = null;
      });
    return under;
  };
  const timer = setInterval(() => void look(), options.everyMs);
  timer.unref();
  return {
    look,
    async stop() {
      clearInterval(timer);
      await under;
    },
  };
}
