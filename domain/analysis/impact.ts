import type { MeasureCategory, MeasureStatus } from '../economy/measures';

/** What a risk- och konsekvensanalys is made for: a measure, a decision, or a change named in words. */
export const ANALYSIS_SUBJECT_KINDS = ['measure', 'decision', 'change'] as const;
export type AnalysisSubjectKind = (typeof ANALYSIS_SUBJECT_KINDS)[number];

/** An analysis is written as a draft and counts only once it is done. */
export const ANALYSIS_STATUSES = ['draft', 'done'] as const;
export type AnalysisStatus = (typeof ANALYSIS_STATUSES)[number];

/** Probability and consequence of a risk found, on the region's default 1–4 scale. */
export const RISK_GRADES = [1, 2, 3, 4] as const;

export interface AnalysisSubject {
  category: MeasureCategory;
  /** The measure changes a service's scope or quality (omfång eller kvalitet). */
  changesService: boolean;
}

/**
 * Whether a measure needs a risk- och konsekvensanalys before it goes further: ransonering
 * (less care or service to those who need it) and any measure that changes what a service
 * gives or how well, whatever its category.
 */
export const needsImpactAnalysis = (m: AnalysisSubject): boolean => m.category === 'ransonering' || m.changesService;

/** A measure is started once its status is beyond planned (ongoing or done). */
export const isStarted = (status: MeasureStatus): boolean => status === 'ongoing' || status === 'done';

/** Whether a measure needs an analysis and has no done one: what the flags show. */
export const lacksImpactAnalysis = (m: AnalysisSubject & { analysis: AnalysisStatus | null }): boolean =>
  needsImpactAnalysis(m) && m.analysis !== 'done';

/**
 * Whether a measure may be sent for decision (the action plan's submission) or reported as
 * started: only when it needs no analysis or its analysis is done.
 */
export const mayProceed = (m: AnalysisSubject & { analysis: AnalysisStatus | null }): boolean =>
  !lacksImpactAnalysis(m);

/**
 * Whether a write that leaves a measure in `after` (its status, category and scope flag) is
 * refused: it is started and lacks the analysis it needs.
 */
export const blocksStart = (after: AnalysisSubject & { status: MeasureStatus; analysis: AnalysisStatus | null }) =>
  isStarted(after.status) && lacksImpactAnalysis(after);
