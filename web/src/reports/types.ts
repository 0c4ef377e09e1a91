// Hand-written mirrors of the board-report and meeting API's answers (docs/followup.md,
// "Board reports" and "Meetings and decisions"), kept to what the UI reads, as in app/types.ts.
// The report content itself is the domain's own shape, the one every export renders.

import type { ReportContent, ReportKind, Sbar } from '../../../domain/reports/content';

export type {
  ActionPlanRow,
  ActionPlanSection,
  DeviationRow,
  ReportContent,
  ReportKind,
  Sbar,
  ScorecardSection,
  StaleRow,
  TrafficLight,
} from '../../../domain/reports/content';
export { REPORT_KIND_LABELS, REPORT_KINDS, SBAR_HEADINGS } from '../../../domain/reports/content';

/** What a body did with a report: decided, gave an assignment, or only noted the information. */
export const OUTCOMES = ['beslut', 'uppdrag', 'information'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type ReportStatus = 'draft' | 'sent';

export interface MeetingRef {
  id: string;
  bodyName: string;
  meetsOn: string;
  paragraph: string;
}

export interface ReportListItem {
  id: string;
  title: string;
  kind: ReportKind;
  unitId: string;
  unitName: string;
  period: string;
  status: ReportStatus;
  sentAt: string | null;
  contentHash: string | null;
  meeting: MeetingRef | null;
  outcome: Outcome | null;
}

/** One report of a series, in meeting order. */
export interface SeriesReport {
  id: string;
  title: string;
  meetsOn?: string | null;
  outcome: Outcome | null;
}

/**
 * The reports one body got about one unit, in meeting order. The server sends the reports
 * themselves (docs/followup.md says a count; both are read) and whether the series is flagged.
 */
export interface Series {
  bodyName: string;
  unitName: string;
  reports: number | SeriesReport[];
  /** How many of the latest were followed only by "information noted". */
  notedInARow: number;
  flagged?: boolean;
}

export interface ReportList {
  reports: ReportListItem[];
  series: Series[];
}

/** What followed a sent report: the item it was on and the decision recorded there. */
export interface FollowedBy {
  meetingId?: string | null;
  itemId?: string | null;
  bodyName?: string | null;
  meetsOn?: string | null;
  paragraph?: string | null;
  outcome: Outcome | null;
  decisionId?: string | null;
  decisionTitle?: string | null;
  decisionText?: string | null;
  text?: string | null;
  title?: string | null;
  decidedOn?: string | null;
  diarienummer?: string | null;
}

export interface Report {
  id: string;
  version: number;
  title: string;
  kind: ReportKind;
  unitId: string;
  unitName: string;
  period: string;
  planId: string | null;
  status: ReportStatus;
  sentAt: string | null;
  sentByName: string | null;
  contentHash: string | null;
  /** The meeting and paragraph the report was sent to (also in the frozen content). */
  meeting?: MeetingRef | null;
  sbar: Sbar;
  proposedDecision: string;
  content: ReportContent;
  followedBy: FollowedBy[];
  mayEdit: boolean;
}

export interface MeetingItem {
  id: string;
  paragraph: string;
  title: string;
  reportId: string | null;
  reportTitle: string | null;
  outcome: Outcome | null;
  decisionId: string | null;
  decisionText: string | null;
}

export interface Meeting {
  id: string;
  bodyId: string;
  bodyName: string;
  meetsOn: string;
  title: string;
  items: MeetingItem[];
}

export const EXPORT_FORMATS = ['pdf', 'docx', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportJob {
  status: 'running' | 'done' | 'failed';
  progress: number;
  step: string;
  error: string | null;
}
