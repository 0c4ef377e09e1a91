import type { PGliteInterface } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * What the data versions were when last looked at, and a count that grows whenever they may have
 * changed, per PGlite client. PGlite is one connection in one process (its data folder is locked
 * to it), so every change passes here: while the count stands still, the versions read last still
 * hold (see `changesOf`).
 *
 * After a statement that may have changed data (outside a transaction), or a transaction that ran
 * one once it commits, the pool reads the versions on the connection it still holds and moves the
 * count only if they differ. Statements that change nothing a version follows (an import's rows
 * staged in scratch tables, thousands of them) then leave the readers answering from what they
 * keep, instead of reading the versions again and queueing for the connection behind the
 * import's transaction.
 */
interface Seen {
  count: number;
  /** The versions as one text, null before the first look or when they could not be read. */
  versions: string | null;
}
const seen = new WeakMap<PGliteInterface, Seen>();
/** The Kysely instances over a PGlite client, and that client. */
const clients = new WeakMap<object, PGliteInterface>();

// Read only for certain: a plain SELECT naming nothing that writes, or a prepared read. Anything
// else may change data; a false alarm only costs a look at the versions.
const MAY_WRITE =
  /\b(insert|update|delete|merge|truncate|create|alter|drop|copy|set_config|nextval|setval|refresh|call|do|lock|execute|prepare|into)\b/i;
const PREPARED_READS = new Set(['EXECUTE rt_data_versions']);
const plainRead = (sql: string) => /^\s*select\b/i.test(sql) && !MAY_WRITE.test(sql);
// Preparing a plain read (the first request's versions and session lookups) changes no data either.
const PREPARE_READ = /^\s*PREPARE rt_\w+(\([\w, ]*\))? AS\b/;
const readOnly = (sql: string) =>
  PREPARED_READS.has(sql.trim()) ||
  /^EXECUTE rt_session_lookup\('[^']*'\)$/.test(sql.trim()) ||
  plainRead(sql) ||
  (PREPARE_READ.test(sql) && plainRead(sql.replace(PREPARE_READ, '')));

// The versions in one row, in a fixed order. Before the migrations made the table (or if it cannot
// be read) the look fails, and the count moves: a fresh read then tells.
const VERSIONS = `SELECT coalesce(string_agg(area || '=' || version, ',' ORDER BY area), '') AS v FROM data_versions`;

/**
 * A number that grows whenever the data versions may have changed on the PGlite client under `db`
 * (see `seen`); null for a database that is not an embedded PGlite (other processes may write it).
 */
export function changesOf(db: object): number | null {
  const client = clients.get(db);
  return client ? (seen.get(client)?.count ?? 0) : null;
}

/** Notes that `db` runs on the PGlite `client`, for `changesOf`. */
export function registerPGlite(db: object, client: PGliteInterface): void {
  clients.set(db, client);
  seenOf(client);
}

function seenOf(client: PGliteInterface): Seen {
  let s = seen.get(client);
  if (!s) {
    s = { count: 0, versions: null };
    seen.set(client, s);
  }
  return s;
}

/** How the one connection is used: handed out so far, held or queued for now, free since when. */
export interface PoolActivity {
  /** Connections handed out or asked for since the pool opened. */
  connects: number;
  /** Callers holding the connection or queued for it. */
  waiting: number;
  /** When the last of them let go (`performance.now()`), meaningful while `waiting` is 0. */
  idleSince: number;
}

/**
 * PGlite works on this thread, and its answers arrive without the event loop taking a turn: a
 * transaction of long statements (an import's roll-ups, seconds in all) would hold every other
 * request, even one answered from memory, until its end. Once statements have held the thread
 * for this long since the pool last gave the loop a turn, the next waits for one.
 */
const YIELD_AFTER_MS = 20;

/**
 * Lets Kysely's PostgreSQL dialect drive the embedded PGlite. PGlite is one connection, so a
 * transaction must own it until it ends: `connect` hands it out to one caller at a time and
 * the others wait their turn, which keeps concurrent requests' transactions from interleaving.
 */
export class PGlitePool implements PostgresPool {
  readonly options = {};
  private queue: Promise<void> = Promise.resolve();
  private heldMs = 0;
  private readonly use: PoolActivity = { connects: 0, waiting: 0, idleSince: performance.now() };

  constructor(private readonly pg: PGliteInterface) {}

  /** How the connection is used (see `PoolActivity`); the upkeep runs only when no one waits. */
  activity(): Readonly<PoolActivity> {
    return this.use;
  }

  async connect(): Promise<PostgresPoolClient> {
    this.use.connects++;
    this.use.waiting++;
    let release!: () => void;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.queue;
    this.queue = previous.then(() => turn);
    await previous;
    const state = seenOf(this.pg);
    const use = this.use;
    let released = false;
    const execute = <R>(sql: string, parameters: ReadonlyArray<unknown>) => this.run<R>(sql, parameters);
    // Looks at the versions on the connection still held, and moves the count if they moved.
    const settle = async () => {
      let now: string | null = null;
      try {
        now = ((await execute<{ v: string }>(VERSIONS, [])).rows[0] as { v: string }).v;
      } catch {
        // No versions to compare (before the migrations): count it as a change.
      }
      if (now === null || now !== state.versions) state.count++;
      state.versions = now;
    };
    // Within a transaction nothing it changes is seen by others until it commits, so requests
    // answered from kept data meanwhile (the session, today's tree, a cached figure) need not read
    // the versions and wait seconds behind an import for the connection: they answer what was
    // committed before the transaction began.
    let open = false;
    let changed = false;
    return {
      async query<R>(sql: string, parameters: ReadonlyArray<unknown>) {
        const statement = sql.trim().toLowerCase();
        if (statement === 'begin' || statement.startsWith('start transaction')) {
          const result = await execute<R>(sql, parameters);
          open = true;
          changed = false;
          return result;
        }
        if (open && (statement === 'commit' || statement === 'rollback')) {
          const committing = statement === 'commit' && changed;
          open = false;
          changed = false;
          const result = await execute<R>(sql, parameters);
          if (committing) await settle();
          return result;
        }
        const writes = !readOnly(sql);
        if (open) {
          if (writes) changed = true;
          return execute<R>(sql, parameters);
        }
        // Outside a transaction a change is seen once its statement ends (a failed statement may
        // have changed nothing; looking costs only the look).
        try {
          return await execute<R>(sql, parameters);
        } finally {
          if (writes) await settle();
        }
      },
      release() {
        if (released) return;
        released = true;
        // A transaction given up without its end: whatever it did, the next reader looks afresh.
        if (open && changed) {
          state.count++;
          state.versions = null;
        }
        use.waiting--;
        if (use.waiting === 0) use.idleSince = performance.now();
        release();
      },
    } as PostgresPoolClient;
  }

  async end(): Promise<void> {
    await this.queue;
  }

  private async run<R>(sql: string, parameters: ReadonlyArray<unknown>) {
    if (this.heldMs >= YIELD_AFTER_MS) {
      this.heldMs = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const started = performance.now();
    try {
      return await run<R>(this.pg, sql, parameters);
    } finally {
      this.heldMs += performance.now() - started;
    }
  }
}

async function run<R>(pg: PGliteInterface, sql: string, parameters: ReadonlyArray<unknown>) {
  // Without parameters the simple protocol runs it, which allows several statements
  // (a migration file); its last statement's result is the answer.
  const result =
    parameters.length === 0
      ? ((await pg.exec(sql)).at(-1) ?? { rows: [], affectedRows: 0 })
      : await pg.query<R>(sql, parameters as unknown[]);
  return {
    command: commandOf(sql),
    rowCount: result.affectedRows ?? result.rows.length,
    rows: result.rows as R[],
  } satisfies PostgresQueryResult<R>;
}

function commandOf(sql: string): PostgresQueryResult<unknown>['command'] {
  const word = /^\s*(?:with\b[\s\S]*?\)\s*)?(\w+)/i.exec(sql)?.[1]?.toUpperCase();
  switch (word) {
    case 'INSERT':
    case 'UPDATE':
    case 'DELETE':
    case 'MERGE':
      return word;
    default:
      return 'SELECT';
  }
}
