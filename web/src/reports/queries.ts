import { ApiError, api } from '../app/api';
import type { ExportFormat, Meeting, Report, ReportList } from './types';

const id = (s: string) => encodeURIComponent(s);

export const reportsKey = ['reports'] as const;
export const meetingsKey = ['meetings'] as const;

export const reportsQuery = {
  queryKey: [...reportsKey, 'list'],
  queryFn: () => api<ReportList>('/reports'),
};

export const reportQuery = (reportId: string) => ({
  queryKey: [...reportsKey, 'one', reportId],
  queryFn: () => api<Report>(`/reports/${id(reportId)}`),
});

export const meetingsQuery = (bodyId: string | null) => ({
  queryKey: [...meetingsKey, bodyId ?? 'all'],
  queryFn: () => api<{ meetings: Meeting[] }>(`/meetings${bodyId ? `?body=${id(bodyId)}` : ''}`),
});

/** The file of a report, made while the request waits: the plain link, without progress. */
export const exportLink = (reportId: string, format: ExportFormat) =>
  `/api/reports/${id(reportId)}/export?format=${format}`;

export const reportPath = (reportId: string) => `/rapporter/${reportId}`;

/** POST with an Idempotency-Key: a retry with the same key does the work once. */
export async function postOnce<T>(path: string, body: unknown, key: string): Promise<T> {
  const res = await fetch(`/api${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T;
  const data: any = await res.json().catch(() => null);
  const e = data?.error;
  throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? res.statusText, e?.fields ?? [], e?.current);
}

/** Meetings sorted as a diary is read: the latest first. */
export const byDateDescending = (a: Meeting, b: Meeting) =>
  b.meetsOn.localeCompare(a.meetsOn) || a.bodyName.localeCompare(b.bodyName, 'sv');
