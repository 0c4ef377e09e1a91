import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../server/core/clock';
import { systemActor } from '../server/core/context';
import { openDatabase } from '../server/db/connection';
import { migrate } from '../server/db/migrate';
import { createUnit } from '../server/org/service';
import { createIndicator, setValues } from '../server/steering/indicators';
import { runCli, tempDir } from '../test/support/process';

// Run as a user would, on the embedded database; the PostgreSQL project skips it.
const embedded = process.env.RT_TEST_DB !== 'postgresql';

describe.runIf(embedded)('verify (indicator roll-ups)', () => {
  it('passes kept roll-ups, lists a tampered row with exit 1, and repairs it with --repair', async () => {
    const dir = tempDir('rt-verify-');
    const database = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      await migrate(database.db, systemClock.now());
      const services = { db: database.db, dbKind: database.kind, clock: systemClock };
      const actor = systemActor('test');
      const root = await createUnit(services, actor, {
        parentId: null,
        name: 'Region Prov',
        level: 'region',
        code: null,
        managerName: null,
        validFrom: '2020-01-01',
      });
      const leaf = await createUnit(services, actor, {
        parentId: root.id,
        name: 'Avdelning Prov',
        level: 'enhet',
        code: null,
        managerName: null,
        validFrom: '2020-01-01',
      });
      const indicator = await createIndicator(services, actor, {
        code: 'prov',
        name: 'Prov',
        description: '',
        measureUnit: 'st',
        direction: 'higher',
        frequency: 'month',
        aggregation: 'sum',
        numeratorId: null,
        denominatorId: null,
        weightId: null,
        scale: '1',
        rollingMonths: null,
        source: 'entered',
        goalIds: [],
      });
      await setValues(services, actor, [
        { indicatorId: indicator.id, unitId: leaf.id, period: '2025-03', kind: 'outcome', value: '12.5', comment: '' },
      ]);
      await sql`UPDATE indicator_rollups SET total = 99 WHERE unit_id = ${root.id}`.execute(database.db);
    } finally {
      await database.close();
    }

    const found = await runCli(dir, ['verify']);
    expect(found.code, found.output).toBe(1);
    expect(found.output).toMatch(/2 rader kontrollerade, 1 skillnader/);
    expect(found.output).toMatch(/"total":\s?"99"/);
    expect(found.output).toMatch(/"total":\s?"12.5"/);

    const repaired = await runCli(dir, ['verify', '--repair']);
    expect(repaired.code, repaired.output).toBe(0);
    expect(repaired.output).toMatch(/Reparerat/);

    const clean = await runCli(dir, ['verify']);
    expect(clean.code, clean.output).toBe(0);
    expect(clean.output).toMatch(/2 rader kontrollerade, 0 skillnader/);
  }, 240_000);
});
