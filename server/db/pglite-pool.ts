import type { PGliteInterface } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

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
    let released = false;
    return {
      async query<R>(sql: string, parameters: ReadonlyArray<unknown>) {
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
