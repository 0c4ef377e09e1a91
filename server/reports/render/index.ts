/**
 * A board report's content rendered to a file in one of the export formats, with the file's
 * content type and a file name safe in any file system and download header.
 */
import { type Progress, type ReportContent, withFiguresAsText } from '../../../domain/reports/content';
import { REPORT_FORMATS, type ReportFormat } from '../../../domain/reports/lists';
import { kindLabel } from './format';

export { REPORT_FORMATS, type ReportFormat };

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

// Each renderer and its library (pdfkit, docx, exceljs) is loaded on the first export, not at start.
const RENDERERS: Record<ReportFormat, (content: ReportContent, onProgress?: Progress) => Promise<Buffer>> = {
  pdf: async (content, onProgress) => (await import('./pdf')).renderPdf(content, onProgress),
  docx: async (content, onProgress) => (await import('./docx')).renderDocx(content, onProgress),
  xlsx: async (content, onProgress) => (await import('./xlsx')).renderXlsx(content, onProgress),
};

export const isReportFormat = (value: unknown): value is ReportFormat =>
  typeof value === 'string' && (REPORT_FORMATS as readonly string[]).includes(value);

export interface RenderedReport {
  body: Buffer;
  contentType: string;
  /** Without the dot: "pdf". */
  extension: string;
}

export async function renderReport(
  content: ReportContent,
  format: ReportFormat,
  onProgress?: Progress,
): Promise<RenderedReport> {
  const render = RENDERERS[format];
  if (!render) throw new Error(`Okänt exportformat: ${String(format)}`);
  // Content frozen long ago may hold amounts as JSON numbers; every renderer reads strings.
  return {
    body: await render(withFiguresAsText(content), onProgress),
    contentType: REPORT_CONTENT_TYPES[format],
    extension: format,
  };
}

/** Lower-case ASCII words joined by hyphens: "Hälso- och sjukvård" → "halso-och-sjukvard". */
function slug(text: string, max: number): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '');
}

/** "manadsrapport-halso-och-sjukvard-2025-09.pdf" */
export function reportFileName(content: ReportContent, extension: string): string {
  const ext = slug(extension, 10) || 'bin';
  const parts = [slug(kindLabel(content.kind), 30), slug(content.unitName, 60), slug(content.period, 10)];
  return `${parts.filter((p) => p !== '').join('-') || 'rapport'}.${ext}`;
}
