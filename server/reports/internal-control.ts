import {
  type ControlResultsSection,
  type InternalControlReportSection,
  type RiskMatrixSection,
  TOP_RISKS,
} from '../../domain/reports/content';
import { listBodies } from '../bodies/service';
import { controlResultsForBoard } from '../control/board-report';
import { internalControlForReport } from '../control/report';
import { type Services, systemActor } from '../core/context';
import { unitsOn } from '../org/queries';
import { currentTree, today } from '../org/service';
import { riskMatrixForBoard } from '../risk/board-report';

/**
 * The nämnd or styrelse a report's unit belongs to: the one that governs the unit itself, or
 * the nearest unit above it; a nämnd before the styrelse when both govern the same unit (the
 * styrelse governs the region as a whole, a nämnd its own förvaltningar). Null when none does.
 */
export async function bodyOfUnit(services: Services, unitId: string) {
  const [bodies, tree] = await Promise.all([listBodies(services, systemActor('reports')), currentTree(services)]);
  const day = today(services);
  const keeping = bodies.filter(
    (b) =>
      (b.kind === 'namnd' || b.kind === 'styrelse') && b.validFrom <= day && (b.validTo === null || day < b.validTo),
  );
  const line = tree.has(unitId) ? tree.lineage(unitId) : [unitId];
  for (const u of line) {
    const governing = keeping.filter((b) => b.unitIds.includes(u));
    const chosen = governing.find((b) => b.kind === 'namnd') ?? governing[0];
    if (chosen) return { id: chosen.id, name: chosen.name, kind: chosen.kind as 'namnd' | 'styrelse' };
  }
  return null;
}

/**
 * The risk matrix and the control results of the report's body for the period's year (issue 14),
 * as frozen with the report; both null when the unit belongs to no nämnd or styrelse.
 */
export async function internalControlSections(
  services: Services,
  unitId: string,
  period: string,
): Promise<{ riskMatrix: RiskMatrixSection | null; controlResults: ControlResultsSection | null }> {
  const body = await bodyOfUnit(services, unitId);
  if (!body) return { riskMatrix: null, controlResults: null };
  const year = Number(period.slice(0, 4));
  const [risks, control, unitRows] = await Promise.all([
    riskMatrixForBoard(services, body.id, TOP_RISKS),
    controlResultsForBoard(services, body.id, year, today(services)),
    unitsOn(services.db, today(services)),
  ]);
  const units = new Map(unitRows.map((u) => [u.id, u.name]));
  return {
    riskMatrix: { bodyName: body.name, ...risks },
    controlResults: {
      bodyName: body.name,
      year,
      planStatus: control.planStatus,
      points: control.points.map(({ unitId: u, ...p }) => ({ ...p, unitName: u ? (units.get(u) ?? null) : null })),
      openDeviations: control.openDeviations,
    },
  };
}

/**
 * The internkontrollrapport's own section (issue 14): the plan, results, actions and assessment
 * of the body the report's unit belongs to for the period's year; the styrelse's also holds the
 * uppsikt over every body. Null when the unit belongs to no nämnd or styrelse.
 */
export async function internalControlReportSection(
  services: Services,
  unitId: string,
  period: string,
): Promise<InternalControlReportSection | null> {
  const body = await bodyOfUnit(services, unitId);
  if (!body) return null;
  const day = today(services);
  const units = new Map((await unitsOn(services.db, day)).map((u) => [u.id, u.name]));
  return internalControlForReport(services, body, Number(period.slice(0, 4)), day, units);
}
