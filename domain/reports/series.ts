/** What a board did with an agenda item: the decision register's kinds. */
export const OUTCOMES = ['beslut', 'uppdrag', 'information'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Record<Outcome, string> = {
  beslut: 'Beslut',
  uppdrag: 'Uppdrag',
  information: 'Informationen antecknas till protokollet',
};

/** From this many reports in a row only noted, a series is flagged (seeds 002 and 004). */
export const NOTED_FLAG_AT = 2;

/**
 * How many of the latest reports in a series (oldest first) were followed only by "information
 * noted". A report with no decision recorded yet does not break or extend the run.
 */
export function notedInARow(outcomes: readonly (Outcome | null)[]): number {
  let n = 0;
  for (let i = outcomes.length - 1; i >= 0; i--) {
    const o = outcomes[i];
    if (o === null) continue;
    if (o !== 'information') break;
    n++;
  }
  return n;
}
