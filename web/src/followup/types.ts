// Hand-written mirrors of the follow-up API's answers (docs/followup.md), kept to what the UI
// reads, as in app/types.ts. Amounts are whole kronor as JSON strings of digits.

/** The levels an occasion has deadlines at, bottom up: units first, the council last. */
export const CYCLE_LEVELS = [
  'enhet',
  'verksamhet',
  'omrade',
  'division',
  'forvaltning',
  'region',
  'namnd',
  'styrelse',
  'fullmaktige',
] as const;
export type CycleLevel = (typeof CYCLE_LEVELS)[number];

/** Follow-up of a month, and the planning milestones of the year. */
export const FOLLOWUP_KINDS = ['month', 'tertial', 'interim', 'annual'] as const;
export const MILESTONE_KINDS = ['budget', 'regionplan', 'verksamhetsplan'] as const;
export const OCCASION_KINDS = [...FOLLOWUP_KINDS, ...MILESTONE_KINDS] as const;
export type OccasionKind = (typeof OCCASION_KINDS)[number];

export const isFollowupKind = (kind: string): boolean => (FOLLOWUP_KINDS as readonly string[]).includes(kind);

export interface Deadline {
  level: CycleLevel;
  /** YYYY-MM-DD */
  dueOn: string;
}

export interface Occasion {
  id: string;
  version: number;
  year: number;
  kind: OccasionKind;
  /** The month a follow-up reports on; null for a milestone. */
  period: string | null;
  title: string;
  deadlines: Deadline[];
}

export interface Cycle {
  year: number;
  levels: CycleLevel[];
  occasions: Occasion[];
}

export const SUBMISSION_STATUSES = ['not_started', 'in_progress', 'submitted', 'returned', 'approved'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export interface StatusRow {
  unitId: string;
  name: string;
  level: string;
  parentId: string | null;
  status: SubmissionStatus;
  deadline: string | null;
  late: boolean;
  daysLate: number;
  submittedAt: string | null;
  submittedByName: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  returnComment: string | null;
  version: number;
  maySubmit: boolean;
  mayDecide: boolean;
}

export type StatusCounts = Record<SubmissionStatus | 'late', number>;

export interface FollowupStatus {
  period: string;
  occasion: { id: string; kind: OccasionKind; title: string } | null;
  counts: StatusCounts;
  units: StatusRow[];
}

/** A leaf measure in the unit's subtree that has no report for the month. */
export interface MissingMeasure {
  id: string;
  title: string;
  /** The unit that owns the measure. */
  unitId: string;
  unitName: string;
}

export const TRAIL_ACTIONS = ['saved', 'submitted', 'returned', 'approved'] as const;
export type TrailAction = (typeof TRAIL_ACTIONS)[number];

export interface TrailEntry {
  at: string;
  actorName: string;
  action: TrailAction;
  /** Empty when none was given. */
  comment: string | null;
}

export interface SubmissionDetail extends StatusRow {
  analysis: string;
  missingMeasureReports: MissingMeasure[];
  children: { unitId: string; name: string; status: SubmissionStatus; late?: boolean }[];
  trail: TrailEntry[];
}

export interface Deviation {
  kind: 'indicator' | 'measure';
  id: string;
  name: string;
  unitId: string;
  unitName: string;
  unitOfMeasure: string | null;
  /** Whole kronor as a string of digits for a measure; the indicator's own figure, as a decimal string, otherwise. */
  target: string | null;
  value: string | null;
  deviation: string | null;
  status: string;
  analysis: string | null;
  correctiveAction: {
    id: string;
    what: string;
    responsibleName: string;
    dueOn: string;
    status: string;
  } | null;
  decisionLevel: string | null;
  escalated: boolean;
}

export interface Deviations {
  period: string;
  deviations: Deviation[];
}

export interface OutboxMessage {
  id: string;
  /** Null when the recipient has no e-mail address. */
  to: string | null;
  subject: string;
  body: string;
  createdAt: string;
  sentAt: string | null;
  transport: 'smtp' | 'outbox';
  error: string | null;
}

export interface ReminderRun {
  created: number;
  sent: number;
}
