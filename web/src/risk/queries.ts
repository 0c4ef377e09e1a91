import { call, client, type Schema } from '../app/client';

export type Risk = Schema<'Risk'>;
export type RiskDetail = Schema<'RiskDetail'>;
export type RiskLevel = Schema<'RiskAssessment'>['level'];

/** Which register a page shows: a body's or a unit's, with or without what lies below. */
export interface RiskScope {
  bodyId?: string;
  unitId?: string;
  includeBelow: boolean;
  status: 'active' | 'closed' | 'all';
}

const query = (s: RiskScope) => ({
  ...(s.bodyId ? { bodyId: s.bodyId } : {}),
  ...(s.unitId ? { unitId: s.unitId } : {}),
  includeBelow: s.includeBelow ? ('true' as const) : ('false' as const),
  status: s.status,
});

export const risksKey = ['risks'] as const;

/** The register's workbook: a plain link, so the browser downloads it with the session cookie. */
export const riskExportHref = (s: RiskScope) => `/api/risks/export.xlsx?${new URLSearchParams(query(s))}`;

export const risksQuery = (s: RiskScope) => ({
  queryKey: [...risksKey, 'list', s],
  queryFn: () => call(client.GET('/risks', { params: { query: query(s) } })),
});

export const matrixQuery = (s: RiskScope) => ({
  queryKey: [...risksKey, 'matrix', s],
  queryFn: () => call(client.GET('/risks/matrix', { params: { query: query(s) } })),
});

export const riskQuery = (id: string) => ({
  queryKey: [...risksKey, 'one', id],
  queryFn: () => call(client.GET('/risks/{id}', { params: { path: { id } } })),
});

export const riskPath = (id: string) => `/risker/${id}`;

/** Light fills with dark text: each level's colour reaches WCAG AA contrast, and a word names it too. */
export const LEVEL_COLORS: Record<RiskLevel, string> = {
  low: '#d3f9d8',
  medium: '#fff3bf',
  high: '#ffd8a8',
  very_high: '#ffc9c9',
};
