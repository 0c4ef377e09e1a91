// The follow-up API's answers (server/followup/schemas.ts), as the generated client types them.
// Amounts are whole kronor as JSON strings of digits. The closed lists come from domain/followup.

import { DEADLINE_LEVELS } from '../../../domain/followup/cycle';
import type { Schema } from '../app/client';

export type { OccasionKind } from '../../../domain/followup/cycle';
export { FOLLOWUP_KINDS, isFollowupKind, MILESTONE_KINDS, OCCASION_KINDS } from '../../../domain/followup/cycle';
export type { SubmissionStatus } from '../../../domain/followup/submissions';
export { SUBMISSION_STATUSES } from '../../../domain/followup/submissions';

/** The levels an occasion has deadlines at, bottom up: units first, the council last. */
export const CYCLE_LEVELS = DEADLINE_LEVELS;
export type CycleLevel = (typeof CYCLE_LEVELS)[number];

export type Deadline = Schema<'Deadline'>;
export type Occasion = Schema<'Occasion'>;
export type Cycle = Schema<'Cycle'>;
export type StatusRow = Schema<'StatusRow'>;
export type StatusCounts = Schema<'SubmissionStatusCounts'>;
export type FollowupStatus = Schema<'FollowupStatus'>;
/** A leaf measure in the unit's subtree that has no report for the month. */
export type MissingMeasure = Schema<'MissingMeasure'>;

export type TrailEntry = Schema<'TrailEntry'>;
export type SubmissionDetail = Schema<'SubmissionDetail'>;
export type Deviation = Schema<'Deviation'>;
export type Deviations = Schema<'Deviations'>;
export type OutboxMessage = Schema<'OutboxMessage'>;
export type ReminderRun = Schema<'ReminderRun'>;
