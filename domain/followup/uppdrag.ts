import type { IsoDate } from '../dates';
import type { AssignmentStatus } from '../steering';

/** How an open uppdrag stands on a body's agenda. */
export const FOLLOW_UP_STATUSES = ['not_started', 'ongoing', 'reported', 'late'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export const FOLLOW_UP_STATUS_LABELS: Record<FollowUpStatus, string> = {
  not_started: 'Ej påbörjat',
  ongoing: 'Pågår',
  reported: 'Återrapporterat',
  late: 'Försenat',
};

/**
 * Where an uppdrag stands on `today`: reported once reported back, late when its report-back
 * day has passed without that, otherwise as the assignee said (not started or in progress).
 */
export function followUpStatus(a: { status: AssignmentStatus; reportBackOn: IsoDate }, today: IsoDate): FollowUpStatus {
  if (a.status === 'reported' || a.status === 'closed') return 'reported';
  if (a.reportBackOn < today) return 'late';
  return a.status === 'ongoing' ? 'ongoing' : 'not_started';
}
