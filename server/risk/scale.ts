import type { RiskScale } from '../../domain/risk/matrix';
import type { Executor } from '../core/context';

/** The region's risk scale with its version (for 409 on a stale change). */
export interface StoredRiskScale extends RiskScale {
  version: number;
}

const words = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : JSON.parse(String(v)));

/** Reads the one scale row the migration creates; internal control and analyses use it too. */
export async function readRiskScale(db: Executor): Promise<StoredRiskScale> {
  const row = await db.selectFrom('risk_scales').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  return {
    version: row.version,
    probabilitySteps: words(row.probability_steps),
    consequenceSteps: words(row.consequence_steps),
    thresholds: { medium: row.medium_from, high: row.high_from, veryHigh: row.very_high_from },
  };
}
