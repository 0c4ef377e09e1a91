import type { PGliteInterface } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * Statements that may have changed data, counted per PGlite client. PGlite is one connection in
 * one process (its data folder is locked to it), so every change passes here: while the count
 * stands still, what was read from the database still holds (see `changesOf`).
 */
const changes = new WeakMap<PGliteInterface, { count: number }>();
/** The Kysely instances over a PGlite client, and that client. */
const clients = new WeakMap<object, PGliteInterface>();

// Read only for certain: a plain SELECT naming nothing that writes, or a prepared read. Anything
// else (a transaction's BEGIN and COMMIT included) counts as a change; a false count only costs a
// fresh read.
const MAY_WRITE =
  /\b(insert|update|delete|merge|truncate|create|alter|drop|copy|set_config|nextval|setval|refresh|call|do|lock|execute|prepare|into)\b/i;
const PREPARED_READS = new Set(['EXECUTE rt_data_versions']);
const readOnly = (sql: string) =>
  PREPARED_READS.has(sql.trim()) ||
  /^EXECUTE rt_session_lookup\('[^']*'\)$/.test(sql.trim()) ||
  (/^\s*select\b/i.test(sql) && !MAY_WRITE.test(sql));

/**
 * A number that grows whenever a statement that may change data has run on the PGlite client
 * under `db`; null for a database that is not an embedded PGlite (other processes may write it).
 */
export function changesOf(db: object): number | null {
  const client = clients.get(db);
  return client ? (changes.get(client)?.count ?? 0) : null;
}

/** Notes that `db` runs on the PGlite `client`, for `changesOf`. */
export function registerPGlite(db: object, client: PGliteInterface): void {
  clients.set(db, client);
  if (!changes.has(client)) changes.set(client, { count: 0 });
}

/**
 * Lets Kysely's PostgreSQL dialect drive the embedded PGlite. PGlite is one connection, so a
 * transaction must own it until it ends: `connect` hands it out to one caller at a time and
 * the others wait their turn, which keeps concurrent requests' transactions from interleaving.
 */
export class PGlitePool implements PostgresPool {
  readonly options = {};
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly pg: PGliteInterface) {}

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.queue;
    this.queue = previous.then(() => turn);
    await previous;
    const pg = this.pg;
    const counter = changes.get(pg) ?? { count: 0 };
    changes.set(pg, counter);
    let released = false;
    return {
      async query<R>(sql: string, parameters: ReadonlyArray<unknown>) {
        // Counted before and after: a read that starts once a change has begun reads afresh,
        // and so does one after it ended (a failed statement may have changed nothing; a fresh
        // read then costs only itself).
        const writes = !readOnly(sql);
        if (writes) counter.count++;
        try {
          return await run<R>(pg, sql, parameters);
        } finally {
          if (writes) counter.count++;
        }
      },
      release() {
        if (released) return;
        released = true;
        release();
      },
    } as PostgresPoolClient;
  }

  async end(): Promise<void> {
    await this.queue;
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
