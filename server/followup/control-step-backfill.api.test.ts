import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context';

/**
 * Migration 021 gives the internal-control occasions made before it their step by the title rule
 * that guessed it until then. The rows it met are gone once it has run, so its own statements are
 * run again here, on rows put back as they were: without a step and without the check.
 */
const MIGRATION = readFileSync(
  join(import.meta.dirname, '..', 'db', 'migrations', '021_cycle_control_step.sql'),
  'utf8',
);
const statement = (start: string) => {
  const at = MIGRATION.indexOf(start);
  if (at < 0) throw new Error(`021 has no statement starting ${start}`);
  return MIGRATION.slice(at, MIGRATION.indexOf(';', at) + 1);
};

describe('migration 021: the internal-control step of the occasions made before it', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => ctx.close());

  it('takes each step from the title by the old rule, and the check then holds', async () => {
    const db = ctx.services.db;
    await sql`ALTER TABLE cycle_occasions DROP CONSTRAINT cycle_occasions_control_step_kind`.execute(db);
    const rows: [string, string, string][] = [
      ['a', 'internal_control', 'ÅRLIG BEDÖMNING av den interna kontrollen'],
      ['r', 'internal_control', 'Riskanalys inför internkontrollplan 2024'],
      ['p', 'internal_control', 'Beslut om internkontrollplan 2024'],
      ['u', 'internal_control', 'Uppföljning av kontroller'],
      ['b', 'budget', 'Beslut om budget och plan'],
    ];
    for (const [id, kind, title] of rows)
      await sql`INSERT INTO cycle_occasions (id, year, kind, period, title, created_at)
        VALUES (${id}, 2024, ${kind}, NULL, ${title}, now())`.execute(db);

    await sql.raw(statement('UPDATE cycle_occasions SET control_step')).execute(db);
    const stored = await db.selectFrom('cycle_occasions').select(['id', 'control_step']).orderBy('id').execute();
    expect(stored).toEqual([
      { id: 'a', control_step: 'assessment' },
      { id: 'b', control_step: null },
      { id: 'p', control_step: 'plan' },
      { id: 'r', control_step: 'risk_analysis' },
      { id: 'u', control_step: 'results' },
    ]);
    await sql.raw(statement('ALTER TABLE cycle_occasions ADD CONSTRAINT')).execute(db);
  });
});
