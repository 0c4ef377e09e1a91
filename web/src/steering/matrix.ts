import { goalsByPerspective } from './scorecard';
import type { AcrossRow, Figure, MonthFigure, Perspective, Scorecard, ScorecardGoal, Status } from './types';

/** One row of the scorecard matrix: a perspective heading, a goal, or one of its indicators. */
export type MatrixRow =
  | { kind: 'perspective'; key: string; perspective: Perspective }
  | { kind: 'goal'; key: string; goal: ScorecardGoal }
  | { kind: 'indicator'; key: string; goal: ScorecardGoal; figure: Figure };

/**
 * The scorecard as dense rows: each perspective, its goals in the server's order, and under
 * each goal one row per indicator, so 17 indicators fit one screen.
 */
export function matrixRows(card: Pick<Scorecard, 'goals'>): MatrixRow[] {
  const rows: MatrixRow[] = [];
  for (const group of goalsByPerspective(card.goals)) {
    rows.push({ kind: 'perspective', key: `p-${group.perspective}`, perspective: group.perspective });
    for (const goal of group.goals) {
      rows.push({ kind: 'goal', key: `g-${goal.id}`, goal });
      for (const figure of goal.indicators)
        rows.push({ kind: 'indicator', key: `i-${goal.id}-${figure.id}`, goal, figure });
    }
  }
  return rows;
}

/** The counts line above the matrix, in the order worst first, without the empty ones. */
export function countsLine(counts: Record<Status, number>): { status: Status; count: number }[] {
  return (['red', 'yellow', 'green', 'grey'] as const)
    .map((status) => ({ status, count: counts[status] }))
    .filter((c) => c.count > 0);
}

/** A cell of the horizontal view: a unit's figure for one indicator, or none when not asked yet. */
export interface UnitsRow {
  unitId: string;
  unitName: string;
  cells: (MonthFigure | null)[];
}

/**
 * The horizontal view (units × indicators): one row per child unit, one cell per indicator,
 * taken from each indicator's cross-unit answer; a unit missing from an answer gets no cell.
 */
export function unitsMatrix(
  children: readonly { id: string; name: string }[],
  across: readonly (readonly AcrossRow[] | undefined)[],
): UnitsRow[] {
  const byIndicator = across.map((rows) => new Map((rows ?? []).map((r) => [r.unitId, r.figure])));
  return children.map((c) => ({
    unitId: c.id,
    unitName: c.name,
    cells: byIndicator.map((m) => m.get(c.id) ?? null),
  }));
}

/** The indicators of the horizontal view: a goal's, or every indicator of the scorecard once. */
export function indicatorsOf(card: Pick<Scorecard, 'goals'>, goalId: string | null): Figure[] {
  const goals = goalId ? card.goals.filter((g) => g.id === goalId) : card.goals;
  const seen = new Map<string, Figure>();
  for (const g of goals) for (const f of g.indicators) if (!seen.has(f.id)) seen.set(f.id, f);
  return [...seen.values()];
}
