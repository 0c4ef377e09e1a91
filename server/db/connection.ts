import { PGlite, type PGliteInterface } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { lockDataDir } from './lock';
import { PGlitePool, type PoolActivity, registerPGlite } from './pglite-pool';
import type { DB } from './schema';

export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
  /** On the embedded database: how its one connection is used (for the upkeep, `db/upkeep.ts`). */
  activity?: () => Readonly<PoolActivity>;
}

export type DatabaseConfig =
  | { kind: 'postgresql'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string | null /* null: in memory */; client?: PGliteInterface };

// Both databases hand back the same JavaScript types: int8 and numeric as exact strings (money
// is never a float), dates as `YYYY-MM-DD`, timestamps as Date.
const OID_INT8 = 20;
const OID_NUMERIC = 1700;
const OID_DATE = 1082;
const keepText = (value: string) => value;
export const PGLITE_PARSERS = { [OID_INT8]: keepText, [OID_NUMERIC]: keepText, [OID_DATE]: keepText };

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === 'postgresql') {
    // Loaded only for PostgreSQL: an embedded server should not pay for it at start.
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: config.url,
      max: config.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: string) =>
          oid === OID_INT8 || oid === OID_NUMERIC || oid === OID_DATE
            ? keepText
            : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    // An idle pooled connection that the server ends (a restart, or a dropped test database)
    // is discarded by the pool; without a listener its error would end the whole process.
    pool.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01') console.error(`En vilande databasanslutning föll bort: ${err.message}`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgresql', close: () => db.destroy() };
  }

  const release = config.dataDir ? lockDataDir(config.dataDir) : () => {};
  try {
    const client =
      config.client ?? (await PGlite.create({ dataDir: config.dataDir ?? undefined, parsers: PGLITE_PARSERS }));
    const pool = new PGlitePool(client);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    registerPGlite(db, client);
    return {
      db,
      kind: 'pglite',
      activity: () => pool.activity(),
      async close() {
        await db.destroy();
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
