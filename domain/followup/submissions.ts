import type { IsoDate } from '../dates';
import { addDays } from './cycle';

/** Where a unit's report for a month stands. `not_started` is the absence of anything. */
export const SUBMISSION_STATUSES = ['not_started', 'in_progress', 'submitted', 'returned', 'approved'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  not_started: 'Ej påbörjad',
  in_progress: 'Pågår',
  submitted: 'Inlämnad',
  returned: 'Återsänd',
  approved: 'Godkänd',
};

export const SUBMISSION_ACTIONS = ['save', 'submit', 'return', 'approve'] as const;
export type SubmissionAction = (typeof SUBMISSION_ACTIONS)[number];

/** What the follow-up trail says happened: each action in the past tense, as history records it. */
export const TRAIL_ACTIONS = ['saved', 'submitted', 'returned', 'approved'] as const;
export type TrailAction = (typeof TRAIL_ACTIONS)[number];

export const TRAIL_ACTION_OF: Record<SubmissionAction, TrailAction> = {
  save: 'saved',
  submit: 'submitted',
  return: 'returned',
  approve: 'approved',
};

/** The history kind a submission action is recorded as (`submission.submitted` …). */
export const submissionHistoryKind = (action: SubmissionAction): `submission.${TrailAction}` =>
  `submission.${TRAIL_ACTION_OF[action]}`;

/** The trail action a history kind records; null for a kind that is no submission action. */
export function trailActionOf(kind: string): TrailAction | null {
  const action = kind.replace(/^submission\./, '');
  return (TRAIL_ACTIONS as readonly string[]).includes(action) ? (action as TrailAction) : null;
}

/** Which action may be taken from which status; anything else is refused (409). */
const ALLOWED: Record<SubmissionAction, readonly SubmissionStatus[]> = {
  save: ['not_started', 'in_progress', 'returned'],
  submit: ['not_started', 'in_progress', 'returned'],
  return: ['submitted'],
  approve: ['submitted'],
};

export const mayTake = (action: SubmissionAction, from: SubmissionStatus): boolean => ALLOWED[action].includes(from);

/**
 * What a user may do with a unit's report now: the state machine above, given what the server
 * says they may do for the unit (submit for it, decide on it).
 */
export function submissionActions(row: { status: SubmissionStatus; maySubmit: boolean; mayDecide: boolean }) {
  return {
    edit: row.maySubmit && mayTake('save', row.status),
    submit: row.maySubmit && mayTake('submit', row.status),
    decide: row.mayDecide && mayTake('approve', row.status),
  };
}

/** The status an action leads to. Saving a returned report keeps it returned until resubmitted. */
export function nextStatus(action: SubmissionAction, from: SubmissionStatus): SubmissionStatus {
  switch (action) {
    case 'save':
      return from === 'returned' ? 'returned' : 'in_progress';
    case 'submit':
      return 'submitted';
    case 'return':
      return 'returned';
    case 'approve':
      return 'approved';
  }
}

/** Submitted for the next level: it has left the unit's hands. */
export const isHandedIn = (s: SubmissionStatus): boolean => s === 'submitted' || s === 'approved';

/** A reminder a unit's manager gets: a few days before the deadline, and the day after it. */
export type ReminderWhen = 'before' | 'after';

export interface DueReminder {
  when: ReminderWhen;
  /** The day the reminder becomes due. */
  dueFrom: IsoDate;
}

/** A late report is chased for this long; older ones are for the overview, not the inbox. */
export const LATE_WINDOW_DAYS = 30;

/**
 * The reminders due on `today` for a report due on `deadline` that is not handed in: the
 * "before" reminder from `daysBefore` days ahead until the deadline, the "after" reminder from
 * the day after (for `lateWindowDays`). Each has its own key, so each is sent once.
 */
export function dueReminders(
  deadline: IsoDate,
  today: IsoDate,
  status: SubmissionStatus,
  daysBefore: number,
  lateWindowDays = LATE_WINDOW_DAYS,
): DueReminder[] {
  if (isHandedIn(status)) return [];
  const before = addDays(deadline, -daysBefore);
  const after = addDays(deadline, 1);
  const out: DueReminder[] = [];
  if (today >= before && today <= deadline) out.push({ when: 'before', dueFrom: before });
  if (today >= after && today <= addDays(deadline, lateWindowDays)) out.push({ when: 'after', dueFrom: after });
  return out;
}

/** The key that makes a reminder unique: one per occasion, unit, person and kind. */
export const reminderKey = (occasionId: string, unitId: string, userId: string, when: ReminderWhen): string =>
  `reminder:${occasionId}:${unitId}:${userId}:${when}`;
