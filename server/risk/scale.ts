import { DomainError, staleVersion } from '../../domain/errors';
import { matrixCells, type RiskScale, validateRiskScale } from '../../domain/risk/matrix';
import type { Actor, Executor, Services } from '../core/context';
import { authorizeReadSomewhere } from '../core/read-scope';
import { authorize, write } from '../core/write';
import { currentTree } from '../org/service';

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

/** The scale as answered: with every cell's value and level, and whether the actor may change it. */
export function scaleOut(scale: StoredRiskScale, canEdit: boolean) {
  return {
    version: scale.version,
    probabilitySteps: [...scale.probabilitySteps],
    consequenceSteps: [...scale.consequenceSteps],
    thresholds: { ...scale.thresholds },
    cells: matrixCells(scale),
    can: { edit: canEdit },
  };
}

const mayEdit = (actor: Actor, tree: Awaited<ReturnType<typeof currentTree>>) => {
  try {
    authorize(actor, 'riskScale.write', { unitId: null }, tree);
    return true;
  } catch {
    return false;
  }
};

export async function getRiskScale(services: Services, actor: Actor) {
  const tree = await currentTree(services);
  authorizeReadSomewhere(actor, tree);
  return scaleOut(await readRiskScale(services.db), mayEdit(actor, tree));
}

/**
 * Sets the region's scale. Earlier assessments keep the value and level they were given; a
 * risk's colour changes with the scale only when it is assessed again.
 */
export async function setRiskScale(services: Services, actor: Actor, input: RiskScale & { version: number }) {
  const next: RiskScale = {
    probabilitySteps: input.probabilitySteps.map((s) => s.trim()),
    consequenceSteps: input.consequenceSteps.map((s) => s.trim()),
    thresholds: input.thresholds,
  };
  const scale = await write(services, actor, async (w) => {
    const tree = await currentTree(services, w.trx);
    authorize(actor, 'riskScale.write', { unitId: null }, tree);
    const fields = validateRiskScale(next);
    if (fields.length > 0) throw new DomainError('unprocessable', fields.map((f) => f.message).join(' '), { fields });
    const before = await readRiskScale(w.trx);
    const changed = await w.trx
      .updateTable('risk_scales')
      .set((eb) => ({
        probability_steps: JSON.stringify(next.probabilitySteps),
        consequence_steps: JSON.stringify(next.consequenceSteps),
        medium_from: next.thresholds.medium,
        high_from: next.thresholds.high,
        very_high_from: next.thresholds.veryHigh,
        updated_at: w.now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', 1)
      .where('version', '=', input.version)
      .returning('id')
      .executeTakeFirst();
    if (!changed) throw staleVersion(scaleOut(before, true));
    const after = await readRiskScale(w.trx);
    await w.record({
      kind: 'risk_scale.updated',
      entity: 'risk_scale',
      entityId: 'region',
      unitId: null,
      before,
      after,
    });
    return after;
  });
  return scaleOut(scale, true);
}
