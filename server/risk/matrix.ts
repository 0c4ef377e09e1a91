import { matrixCells } from '../../domain/risk/matrix';
import type { Actor, Services } from '../core/context';
import { getRiskScale } from './scale';
import { listRisks, type RiskScope } from './service';

/**
 * The heat map of a scope: per cell of the region's scale, how many of the scope's risks the
 * actor may read sit there by their latest assessment, and which.
 */
export async function riskMatrix(services: Services, actor: Actor, scope: RiskScope) {
  const [risks, scale] = await Promise.all([listRisks(services, actor, scope), getRiskScale(services, actor)]);
  const cells = matrixCells(scale).map((c) => ({ ...c, count: 0, riskIds: [] as string[] }));
  const cellOf = new Map(cells.map((c) => [`${c.probability}:${c.consequence}`, c]));
  const unassessed: string[] = [];
  const offScale: string[] = [];
  for (const r of risks) {
    if (!r.current) {
      unassessed.push(r.id);
      continue;
    }
    const cell = cellOf.get(`${r.current.probability}:${r.current.consequence}`);
    if (!cell) {
      offScale.push(r.id);
      continue;
    }
    cell.count++;
    cell.riskIds.push(r.id);
  }
  return { scale, cells, unassessed, offScale };
}
