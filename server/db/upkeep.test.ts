import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from './connection';
import { dueForUpkeep, keepUp, type UpkeepOptions, upkeepTable } from './upkeep';

// PGlite runs no autovacuum; the server's upkeep does its work. The PostgreSQL project only checks
// that nothing is started there (its own autovacuum runs).
const embedded = process.env.RT_TEST_DB !== 'postgresql';

describe('the upkeep on PostgreSQL', () => {
  it('is not started: the server’s own autovacuum keeps the tables', () => {
    const database = { kind: 'postgresql', db: {} as Database['db'], close: async () => {} } satisfies Database;
    expect(keepUp(database)).toBeNull();
  });
});

describe.runIf(embedded)('the embedded database’s upkeep', () => {
  let database: Database;
  const db = () => database.db;
  const pages = async (table: string) =>
    Number(
      (await sql<{ p: string }>`SELECT pg_relation_size(${table}::regclass) / 8192 AS p`.execute(db())).rows[0]?.p,
    );
  const counts = async (table: string) =>
    (
      await sql<{ vacuums: number; analyzes: number }>`
        SELECT vacuum_count::int AS vacuums, analyze_count::int AS analyzes
        FROM pg_stat_user_tables WHERE relname = ${table}`.execute(db())
    ).rows[0];

  beforeAll(async () => {
    database = await openDatabase({ kind: 'pglite', dataDir: null });
  }, 60_000);
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await sql`DROP TABLE IF EXISTS churn`.execute(db());
    await sql`CREATE TABLE churn (id int PRIMARY KEY, total numeric NOT NULL, note text NOT NULL)`.execute(db());
    await sql`INSERT INTO churn SELECT g, g, repeat('x', 40) FROM generate_series(1, 20000) g`.execute(db());
  });

  it('finds a table with many new or rewritten rows due, and not once it is kept up', async () => {
    const due = await dueForUpkeep(db());
    expect(due).toContainEqual({ table: 'churn', vacuum: true, analyze: true });
    const before = await counts('churn');
    await upkeepTable(db(), { table: 'churn', vacuum: true, analyze: true });
    expect(await counts('churn')).toEqual({
      vacuums: (before?.vacuums ?? 0) + 1,
      analyzes: (before?.analyzes ?? 0) + 1,
    });
    expect((await dueForUpkeep(db())).map((t) => t.table)).not.toContain('churn');
    // A few changes are not enough; a fifth of the rows dead is.
    await sql`UPDATE churn SET total = total + 1 WHERE id <= 40`.execute(db());
    expect((await dueForUpkeep(db())).map((t) => t.table)).not.toContain('churn');
    await sql`UPDATE churn SET total = total + 1 WHERE id <= 5000`.execute(db());
    expect(await dueForUpkeep(db())).toContainEqual({ table: 'churn', vacuum: true, analyze: true });
  });

  it('keeps a table rewritten again and again from growing, which it does without', async () => {
    await upkeepTable(db(), { table: 'churn', vacuum: true, analyze: true });
    const rewrite = () => sql`UPDATE churn SET total = total + 1 WHERE id % 4 = 0`.execute(db());
    const start = await pages('churn');
    for (let i = 0; i < 4; i++) {
      await rewrite();
      await upkeepTable(db(), { table: 'churn', vacuum: true, analyze: false });
    }
    const kept = await pages('churn');
    for (let i = 0; i < 4; i++) await rewrite();
    const unkept = await pages('churn');
    // Kept up, the rewritten quarter reuses the space its old versions left: at most one
    // round's growth. Without, every round adds a quarter of the table again.
    expect(kept - start).toBeLessThanOrEqual(Math.ceil(start / 4) + 1);
    expect(unkept - kept).toBeGreaterThanOrEqual(3 * Math.floor(start / 4));
  });

  describe('while the server runs', () => {
    let clock = 0;
    const options: UpkeepOptions = {
      everyMs: 3_600_000,
      quietMs: 5_000,
      latestMs: 900_000,
      now: () => clock,
    };
    // The pool's times are fractional milliseconds: a quiet moment of exactly `quietMs` may come out
    // a hair short once subtracted again, so the tests stay clear of the bound.
    const quietFor = (ms: number) => {
      clock = (database.activity?.().idleSince ?? 0) + ms;
    };

    it('waits for a quiet moment, then keeps up what is due', async () => {
      const upkeep = keepUp(database, options);
      if (!upkeep) throw new Error('no upkeep on the embedded database');
      try {
        quietFor(1_000);
        expect(await upkeep.look()).toEqual([]);
        expect((await dueForUpkeep(db())).map((t) => t.table)).toContain('churn');
        quietFor(6_000);
        const done = await upkeep.look();
        expect(done.map((t) => t.table)).toContain('churn');
        expect((await dueForUpkeep(db())).map((t) => t.table)).not.toContain('churn');
      } finally {
        await upkeep.stop();
      }
    });

    it('does not start while a request holds the database, until it has waited too long', async () => {
      // Last kept up (as far as it knows) when it starts.
      quietFor(0);
      const upkeep = keepUp(database, options);
      if (!upkeep) throw new Error('no upkeep on the embedded database');
      let finish = () => {};
      const held = new Promise<void>((resolve) => {
        finish = resolve;
      });
      // A request's transaction holds the one connection.
      const request = db()
        .transaction()
        .execute(async (trx) => {
          await sql`SELECT 1`.execute(trx);
          await held;
        });
      try {
        clock = (database.activity?.().idleSince ?? 0) + 60_000;
        expect(database.activity?.().waiting).toBe(1);
        expect(await upkeep.look()).toEqual([]);
        // Past `latestMs` since it was last done, one table is kept up: it waits its turn.
        clock += options.latestMs;
        const forced = upkeep.look();
        finish();
        await request;
        const done = await forced;
        expect(done).toHaveLength(1);
        expect(done[0]?.table).toBe('churn');
      } finally {
        finish();
        await upkeep.stop();
      }
    });

    it('stops between tables when a request comes', async () => {
      await sql`DROP TABLE IF EXISTS churn2`.execute(db());
      await sql`CREATE TABLE churn2 AS SELECT * FROM churn`.execute(db());
      const due = (await dueForUpkeep(db())).map((t) => t.table);
      expect(due).toEqual(expect.arrayContaining(['churn', 'churn2']));
      const seen: Record<string, unknown>[] = [];
      const upkeep = keepUp(database, {
        ...options,
        // A request arrives while the first table is kept up.
        log: (event) => {
          seen.push(event);
          if (seen.length === 1) void sql`SELECT 1`.execute(db());
        },
      });
      if (!upkeep) throw new Error('no upkeep on the embedded database');
      try {
        quietFor(6_000);
        const done = await upkeep.look();
        expect(done, JSON.stringify({ seen, activity: database.activity?.(), clock })).toHaveLength(1);
        expect((await dueForUpkeep(db())).length).toBeGreaterThan(0);
      } finally {
        await upkeep.stop();
        await sql`DROP TABLE churn2`.execute(db());
      }
    });
  });
});
