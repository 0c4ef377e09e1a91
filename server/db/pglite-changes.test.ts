import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataVersions } from '../cache/data-versions';
import { fixedClock } from '../core/clock';
import { type Services, systemActor } from '../core/context';
import { createUnit } from '../org/service';
import { type Database, openDatabase } from './connection';
import { migrate } from './migrate';
import { changesOf } from './pglite-pool';

// The embedded database moves a count when the data versions may have changed, so they are read
// again only then; the PostgreSQL project skips this (other processes write there).
const embedded = process.env.RT_TEST_DB !== 'postgresql';

describe.runIf(embedded)('what may have changed on the embedded database', () => {
  let database: Database;
  let services: Services;
  let units = 0;
  beforeAll(async () => {
    database = await openDatabase({ kind: 'pglite', dataDir: null });
    const clock = fixedClock('2025-06-15T10:00:00Z');
    await migrate(database.db, clock.now());
    services = { db: database.db, dbKind: database.kind, clock };
    await sql`CREATE TABLE scratch (id int primary key, n int)`.execute(database.db);
  }, 120_000);
  afterAll(async () => database?.close());

  const count = () => changesOf(database.db) as number;
  const moves = async (statement: ReturnType<typeof sql>) => {
    const before = count();
    await statement.execute(database.db);
    return count() !== before;
  };
  const newUnit = () =>
    createUnit(services, systemActor('test'), {
      name: `Enhet ${++units}`,
      parentId: null,
      level: 'region',
      validFrom: '2025-01-01',
      code: null,
      managerName: null,
    });

  it('moves for a change the data versions follow, and not for reads or scratch writes', async () => {
    expect(typeof count()).toBe('number');
    expect(await moves(sql`SELECT count(*) FROM scratch`)).toBe(false);
    expect(await moves(sql`select id from scratch where n = ${1}`)).toBe(false);
    // Writes to a table no version follows (as an import stages its rows) leave the versions.
    expect(await moves(sql`INSERT INTO scratch VALUES (1, 1)`)).toBe(false);
    expect(await moves(sql`UPDATE scratch SET n = 2`)).toBe(false);
    expect(await moves(sql`WITH x AS (DELETE FROM scratch RETURNING id) SELECT * FROM x`)).toBe(false);
    expect(await moves(sql`SELECT set_config('rt.x', 'y', false)`)).toBe(false);
    const before = count();
    await newUnit();
    expect(count()).toBeGreaterThan(before);
    // A write that bumps a version, hidden in a SELECT.
    expect(
      await moves(sql`WITH x AS (UPDATE org_unit_states SET name = name || '.' RETURNING id) SELECT count(*) FROM x`),
    ).toBe(true);
  });

  it('moves when a transaction commits a change, not while it is open, and not when it rolls back', async () => {
    await newUnit();
    const rename = sql`UPDATE org_unit_states SET name = name || '.'`;
    const before = count();
    await database.db.transaction().execute(async (trx) => {
      await rename.execute(trx);
      // Others answer what was committed before the transaction began.
      expect(count()).toBe(before);
    });
    expect(count()).toBeGreaterThan(before);

    const committed = count();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await rename.execute(trx);
        throw new Error('given up');
      }),
    ).rejects.toThrow('given up');
    expect(count()).toBe(committed);
  });

  it('moves whenever the versions cannot be read', async () => {
    expect(await moves(sql`ALTER TABLE data_versions RENAME TO data_versions_away`)).toBe(true);
    expect(await moves(sql`INSERT INTO scratch VALUES (7, 7)`)).toBe(true);
    expect(await moves(sql`ALTER TABLE data_versions_away RENAME TO data_versions`)).toBe(true);
    expect(await moves(sql`DELETE FROM scratch`)).toBe(false);
  });

  it('reads the data versions again only after a change', async () => {
    const first = readDataVersions(services);
    // Nothing changed: the same answer, without a statement.
    expect(readDataVersions(services)).toBe(first);
    const before = await first;
    await sql`INSERT INTO scratch VALUES (9, 9)`.execute(database.db);
    expect(readDataVersions(services)).toBe(first);
    await newUnit();
    const after = readDataVersions(services);
    expect(after).not.toBe(first);
    expect(BigInt((await after).org)).toBeGreaterThan(BigInt(before.org));
    expect(readDataVersions(services)).toBe(after);
  });
});
