import type { MantineColor } from '@mantine/core';
import { isMonthText, shiftMonth } from '../../../domain/indicators/months';
import type { StatusRow, SubmissionDetail, SubmissionStatus } from './types';

// The rules the follow-up pages read a unit's status by; the server decides, these only say
// what it decided and what the user can do next.

/** The colour beside a status; the status is always said in words too. */
export const SUBMISSION_COLORS: Record<SubmissionStatus, MantineColor> = {
  not_started: 'gray',
  in_progress: 'blue',
  submitted: 'violet',
  returned: 'orange',
  approved: 'green',
};

/** Submitted or approved: the unit has reported for the month. */
export const hasReported = (status: SubmissionStatus): boolean => status === 'submitted' || status === 'approved';

/** The statuses a unit can still submit from. */
export const isOpen = (status: SubmissionStatus): boolean =>
  status === 'not_started' || status === 'in_progress' || status === 'returned';

/** What the signed-in user may do with a submission now. */
export function actionsOf(row: Pick<StatusRow, 'status' | 'maySubmit' | 'mayDecide'>) {
  return {
    edit: row.maySubmit && isOpen(row.status),
    submit: row.maySubmit && isOpen(row.status),
    decide: row.mayDecide && row.status === 'submitted',
  };
}

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

/**
 * The detail the server sent, whatever shape its list is in: a number of missing reports
 * becomes that many unnamed entries only when no list was given.
 */
export function normaliseDetail(raw: SubmissionDetail): SubmissionDetail & { missingCount: number } {
  const missing = raw.missingMeasureReports as unknown;
  const list = Array.isArray(missing) ? (missing as SubmissionDetail['missingMeasureReports']) : [];
  const missingCount = typeof missing === 'number' ? missing : list.length;
  return {
    ...raw,
    analysis: raw.analysis ?? '',
    missingMeasureReports: list,
    missingCount,
    children: raw.children ?? [],
    trail: raw.trail ?? [],
  };
}
