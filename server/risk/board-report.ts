import { matrixCells } from '../../domain/risk/matrix';
import { type Services, systemActor } from '../core/context';
import { readRiskScale } from './scale';
import { listRisks } from './service';

/**
 * A body's active risks as its board report shows them: per cell of the region's scale how many
 * sit there by their latest assessment, and the `top` highest. Read as the system: the report's
 * readers are authorised on the report, and the board is shown the body's whole register.
 */
export async function riskMatrixForBoard(services: Services, bodyId: string, top: number) {
  const [risks, scale] = await Promise.all([
    listRisks(services, systemActor('reports'), { bodyId, includeBelow: true, status: 'active' }),
    readRiskScale(services.db),
  ]);
  const cells = matrixCells(scale).map((c) => ({ ...c, count: 0 }));
  const cellOf = new Map(cells.map((c) => [`${c.probability}:${c.consequence}`, c]));
  for (const r of risks) {
    const cell = r.current && cellOf.get(`${r.current.probability}:${r.current.consequence}`);
    if (cell) cell.count++;
  }
  return {
    probabilitySteps: [...scale.probabilitySteps],
    consequenceSteps: [...scale.consequenceSteps],
    cells,
    unassessed: risks.filter((r) => r.current === null).length,
    // listRisks answers highest current value first.
    topRisks: risks
      .filter((r) => r.current !== null)
      .slice(0, top)
      .map((r) => {
        const a = r.current as NonNullable<typeof r.current>;
        return {
          title: r.title,
          ownerName: r.unitName ?? r.bodyName ?? '',
          value: a.value,
          level: a.level,
          assessedOn: a.assessedAt.slice(0, 10),
        };
      }),
  };
}
