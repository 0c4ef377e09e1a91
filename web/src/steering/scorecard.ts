import { PERSPECTIVES, type Perspective, type Scorecard, type ScorecardGoal } from './types';

/**
 * Goals under their perspective, in the fixed order Medborgare/patient, Medarbetare,
 * Verksamhet, Ekonomi; within one, in the server's order (the region's goals first).
 */
export function goalsByPerspective(
  goals: readonly ScorecardGoal[],
): { perspective: Perspective; goals: ScorecardGoal[] }[] {
  return PERSPECTIVES.map((perspective) => ({
    perspective,
    goals: goals.filter((g) => g.perspective === perspective),
  })).filter((group) => group.goals.length > 0);
}

/** Whether any indicator on the scorecard has an outcome to show. */
export const hasOutcomes = (card: Scorecard): boolean =>
  card.goals.some((g) => g.indicators.some((i) => i.outcome !== null));

/** The newest month in the scorecard's trends that has an outcome, to offer when the chosen month has none. */
export function latestMonthWithData(card: Scorecard): string | null {
  let latest: string | null = null;
  for (const g of card.goals)
    for (const i of g.indicators)
      for (const p of i.trend) if (p.outcome !== null && (latest === null || p.period > latest)) latest = p.period;
  return latest;
}
