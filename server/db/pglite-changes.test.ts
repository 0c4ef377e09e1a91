import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataVersions } from '../cache/data-versions';
import { fixedClock } from '../core/clock';
import { type Services, systemActor } from '../core/context';
import { createUnit } from '../org/service';
import { type Database, openDatabase } from './connection';
import { migrate } from './migrate';
import { changesOf } from './pglite-pool';

// The embedded database counts the statements that may change data, so the data versions are
// read again only after one; the PostgreSQL project skips this (other processes write there).
const embedded = process.env.RT_TEST_DB !== 'postgresql';

describe.runIf(embedded)('what may have changed on the embedded database', () => {
  let database: Database;
  let services: Services;
  beforeAll(async () => {
    database = await openDatabase({ kind: 'pglite', dataDir: null });
    const clock = fixedClock('2025-06-15T10:00:00Z');
    await migrate(database.db, clock.now());
    services = { db: database.db, dbKind: database.kind, clock };
  }, 120_000);
  afterAll(async () => database?.close());

  const count = () => changesOf(database.db) as number;
  const moves = async (statement: ReturnType<typeof sql>) => {
    const before = count();
    await statement.execute(database.db);
    return count() !== before;
  };

  it('counts every statement that may write and none that only reads', async () => {
    expect(typeof count()).toBe('number');
    await sql`CREATE TABLE t (id int primary key, n int)`.execute(database.db);
    expect(await moves(sql`SELECT count(*) FROM t`)).toBe(false);
    expect(await moves(sql`select id from t where n = ${1}`)).toBe(false);
    expect(await moves(sql`INSERT INTO t VALUES (1, 1)`)).toBe(true);
    expect(await moves(sql`UPDATE t SET n = 2`)).toBe(true);
    // A data-modifying CTE, a write hidden in a SELECT, a function that sets state.
    expect(await moves(sql`WITH x AS (DELETE FROM t RETURNING id) SELECT * FROM x`)).toBe(true);
    expect(await moves(sql`SELECT set_config('rt.x', 'y', false)`)).toBe(true);
    expect(await moves(sql`select * into t2 from t`)).toBe(true);
    expect(await moves(sql`BEGIN`)).toBe(true);
    await sql`COMMIT`.execute(database.db);
  });

  it('reads the data versions again only after a change', async () => {
    const first = readDataVersions(services);
    // Nothing changed: the same answer, without a statement.
    expect(readDataVersions(services)).toBe(first);
    const before = await first;
    await createUnit(services, systemActor('test'), {
      name: 'Regionen',
      parentId: null,
      level: 'region',
      validFrom: '2025-01-01',
      code: null,
      managerName: null,
    });
    const after = readDataVersions(services);
    expect(after).not.toBe(first);
    expect(BigInt((await after).org)).toBeGreaterThan(BigInt(before.org));
    expect(readDataVersions(services)).toBe(after);
  });
});
