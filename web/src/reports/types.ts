// The board-report and meeting API's answers (server/reports/schemas.ts), as the generated
// client types them. The report content itself is the domain's own shape, the one every export
// renders (domain/reports/content.ts); the API declares it section by section.

import type { Schema } from '../app/client';

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
export type { Outcome } from '../../../domain/reports/series';
/** What a body did with a report: decided, gave an assignment, or only noted the information. */
export { OUTCOMES } from '../../../domain/reports/series';

export type ReportStatus = Report['status'];
export type MeetingRef = Schema<'MeetingRef'>;
export type ReportListItem = Schema<'ReportListItem'>;
/** One report of a series, in meeting order. */
export type SeriesReport = Schema<'SeriesReport'>;
/** The reports one body got about one unit, in meeting order, and whether the series is flagged. */
export type Series = Schema<'ReportSeries'>;
export type ReportList = Schema<'ReportList'>;
/** What followed a sent report: the item it was on and the decision recorded there. */
export type FollowedBy = Schema<'FollowedBy'>;
export type Report = Schema<'Report'>;
export type MeetingItem = Schema<'MeetingItem'>;
export type Meeting = Schema<'Meeting'>;

export { REPORT_FORMATS as EXPORT_FORMATS, type ReportFormat as ExportFormat } from '../../../domain/reports/lists';
export type ExportJob = Schema<'ExportJob'>;
