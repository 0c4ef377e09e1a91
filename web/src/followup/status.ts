import type { MantineColor } from '@mantine/core';
import { isMonthText, shiftMonth } from '../../../domain/indicators/months';
import type { SubmissionStatus } from './types';

// How the follow-up pages show a unit's status. What a user may do next is the state machine of
// domain/followup/submissions (`submissionActions`), the one the server enforces.

/** The colour beside a status; the status is always said in words too. */
export const SUBMISSION_COLORS: Record<SubmissionStatus, MantineColor> = {
  not_started: 'gray',
  in_progress: 'blue',
  submitted: 'violet',
  returned: 'orange',
  approved: 'green',
};

/** Each row's depth below the first row (the top of what is shown), from the parent links. */
export function depthsOf(rows: readonly { unitId: string; parentId: string | null }[]): Map<string, number> {
  const depth = new Map<string, number>();
  for (const r of rows)
    depth.set(r.unitId, r.parentId !== null && depth.has(r.parentId) ? (depth.get(r.parentId) ?? 0) + 1 : 0);
  return depth;
}

/**
 * The month the follow-up page opens on: the latest month with a follow-up occasion that has
 * begun (no later than the last whole month), else the last whole month.
 */
export function defaultFollowupPeriod(todayIso: string, occasionPeriods: readonly (string | null)[]): string {
  const lastWhole = shiftMonth(todayIso.slice(0, 7), -1);
  const begun = occasionPeriods.filter((p): p is string => !!p && isMonthText(p) && p <= lastWhole);
  return begun.length > 0 ? begun.reduce((a, b) => (a > b ? a : b)) : lastWhole;
}
