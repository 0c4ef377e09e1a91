/** A board report is a draft until it is sent; a sent report is frozen. */
export const REPORT_STATUSES = ['draft', 'sent'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Where an export job of a report stands. */
export const EXPORT_JOB_STATUSES = ['running', 'done', 'failed'] as const;
export type ExportJobStatus = (typeof EXPORT_JOB_STATUSES)[number];

/** The files a report is exported as. */
export const REPORT_FORMATS = ['pdf', 'docx', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
