/**
 * LKBR 13 kap. 1 §: a region's interim report (delårsrapport) covers at least half and at most
 * two thirds of the financial year, counted from its start. Reporting on month M covers M/12 of
 * the year, so the report is per juni, juli or augusti.
 */
export const INTERIM_MONTHS = { first: 6, last: 8 } as const;

export const INTERIM_RULE =
  'En delårsrapport ska omfatta minst hälften och högst två tredjedelar av räkenskapsåret (LKBR 13 kap. 1 §): per juni, juli eller augusti.';

/** Whether a delårsrapport reporting on `period` (YYYY-MM) covers a lawful part of the year. */
export function interimCoversLawfulPart(period: string): boolean {
  const month = Number(period.slice(5, 7));
  // month/12 between 1/2 and 2/3, in whole months: compared as integers, never as fractions.
  return month * 2 >= 12 && month * 3 <= 2 * 12;
}
