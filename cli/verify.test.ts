import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../server/core/clock';
import { systemActor } from '../server/core/context';
import { openDatabase } from '../server/db/connection';
import { migrate } from '../server/db/migrate';
import { createActionPlan } from '../server/economy/action-plans';
import { createMeasure } from '../server/economy/measures';
import { reportMeasure } from '../server/economy/reports';
import { createUnit } from '../server/org/service';
import { runCli, tempDir } from '../test/support/process';

// Run as a user would, on the embedded database; the PostgreSQL project skips it.
const embedded = process.env.RT_TEST_DB !== 'postgresql';

describe.runIf(embedded)('verify (action-plan figures)', () => {
  it('passes kept plan figures, lists a tampered sum with exit 1, and repairs it with --repair', async () => {
    const dir = tempDir('rt-verify-plan-');
    const database = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      await migrate(database.db, systemClock.now());
      const services = { db: database.db, dbKind: database.kind, clock: systemClock };
      const actor = systemActor('test');
      const unit = (parentId: string | null, name: string, level: 'region' | 'enhet') =>
        createUnit(services, actor, { parentId, name, level, code: null, managerName: null, validFrom: '2020-01-01' });
      const root = await unit(null, 'Region Prov', 'region');
      const leaf = await unit(root.id, 'Avdelning Prov', 'enhet');
      const plan = await createActionPlan(services, actor, {
        title: 'Ekonomi i balans',
        description: '',
        startYear: 2025,
        endYear: 2025,
        ownerBodyId: null,
        ownerUnitId: root.id,
        deviationMarginPct: 10,
      });
      const measure = await createMeasure(services, actor, {
        planId: plan.id,
        parentMeasureId: null,
        ownerUnitId: leaf.id,
        responsibleName: 'Chef',
        title: 'Färre hyrläkare',
        description: '',
        category: 'effektivisering',
        feasibility: 1,
        startOn: '2025-01-01',
        fullEffectOn: '2025-12-31',
        status: 'ongoing',
        riskAnalysisRef: null,
        calculation: [
          { year: 2025, kind: 'saving', description: 'Rad', assumption: '', amountKr: 1_200_000n, realisationPct: 100 },
        ],
        goalIds: [],
        decisionIds: [],
      });
      const { version } = await database.db
        .selectFrom('measures')
        .select('version')
        .where('id', '=', measure.id)
        .executeTakeFirstOrThrow();
      await reportMeasure(services, actor, {
        measureId: measure.id,
        version,
        period: '2025-03',
        forecastKr: 900_000n,
        outcomeKr: 300_000n,
        comment: '',
      });
      await sql`UPDATE plan_month_sums SET forecast_kr = 1 WHERE month = '2025-03' AND dimension = 'unit'`.execute(
        database.db,
      );
    } finally {
      await database.close();
    }

    const found = await runCli(dir, ['verify']);
    expect(found.code, found.output).toBe(1);
    expect(found.output).toMatch(/åtgärdsplanernas summeringar: \d+ rader kontrollerade, 1 skillnader/);
    expect(found.output).toMatch(/sum:[^:]+:2025-03:unit:/);
    expect(found.output).toMatch(/900000/);

    const repaired = await runCli(dir, ['verify', '--repair']);
    expect(repaired.code, repaired.output).toBe(0);
    expect(repaired.output).toMatch(/Reparerat/);

    const clean = await runCli(dir, ['verify']);
    expect(clean.code, clean.output).toBe(0);
    expect(clean.output).toMatch(/åtgärdsplanernas summeringar: \d+ rader kontrollerade, 0 skillnader/);
  }, 240_000);
});
