import { compareSwedish } from '../../../domain/collation';
import { call, client } from '../app/client';
import type { ExportFormat, Meeting } from './types';

const id = (s: string) => encodeURIComponent(s);

export const reportsKey = ['reports'] as const;
export const meetingsKey = ['meetings'] as const;

export const reportsQuery = {
  queryKey: [...reportsKey, 'list'],
  queryFn: () => call(client.GET('/reports')),
};

export const reportQuery = (reportId: string) => ({
  queryKey: [...reportsKey, 'one', reportId],
  queryFn: () => call(client.GET('/reports/{id}', { params: { path: { id: reportId } } })),
});

export const meetingsQuery = (bodyId: string | null) => ({
  queryKey: [...meetingsKey, bodyId ?? 'all'],
  queryFn: () => call(client.GET('/meetings', { params: { query: bodyId ? { body: bodyId } : {} } })),
});

/** The file of a report, made while the request waits: the plain link, without progress. */
export const exportLink = (reportId: string, format: ExportFormat) =>
  `/api/reports/${id(reportId)}/export?format=${format}`;

export const reportPath = (reportId: string) => `/rapporter/${reportId}`;

/** Meetings sorted as a diary is read: the latest first. */
export const byDateDescending = (a: Meeting, b: Meeting) =>
  b.meetsOn.localeCompare(a.meetsOn) || compareSwedish(a.bodyName, b.bodyName);
