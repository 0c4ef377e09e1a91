import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../server/core/clock';
import { openDatabase } from '../server/db/connection';
import { migrate } from '../server/db/migrate';
import { makeUnit } from '../test/support/factories';
import { runCli, tempDir } from '../test/support/process';

// Run as a user would, on the embedded database; the PostgreSQL project skips it.
const embedded = process.env.RT_TEST_DB !== 'postgresql';

describe.runIf(embedded)('verify (the organisation)', () => {
  it('names a stored circle and the day it begins, exits 1, and leaves it to a person even with --repair', async () => {
    const dir = tempDir('rt-verify-org-');
    const database = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      await migrate(database.db, systemClock.now());
      const services = { db: database.db, dbKind: database.kind, clock: systemClock };
      const root = await makeUnit(services, 'Region Prov');
      const a = await makeUnit(services, 'Vård A', root);
      const b = await makeUnit(services, 'Vård B', a);
      // As an unchecked write once could: A under B (under A) from 2030-01-01.
      await sql`UPDATE org_unit_states SET valid_to = '2030-01-01' WHERE unit_id = ${a}`.execute(database.db);
      await sql`INSERT INTO org_unit_states (unit_id, valid_from, valid_to, parent_id, name, level, code)
        VALUES (${a}, '2030-01-01', NULL, ${b}, 'Vård A', 'enhet', NULL)`.execute(database.db);
    } finally {
      await database.close();
    }

    const found = await runCli(dir, ['verify']);
    expect(found.code, found.output).toBe(1);
    expect(found.output).toMatch(/organisationen: 4 rader kontrollerade, 1 fel/);
    expect(found.output).toMatch(/från 2030-01-01: .*cirkel.*Vård (A|B) → Vård (A|B) → Vård/);

    const repaired = await runCli(dir, ['verify', '--repair']);
    expect(repaired.code, repaired.output).toBe(1);
    expect(repaired.output).toMatch(/Rättas inte av --repair/);
    expect(repaired.output).toMatch(/1 fel kvar som måste rättas för hand/);
  }, 240_000);
});
