import { ApiError } from '../app/api';
import { call, client } from '../app/client';

const id = (s: string) => encodeURIComponent(s);

/** Everything the follow-up pages show starts with this key, so one invalidation refreshes it all. */
export const followupKey = ['followup'] as const;

export const cycleKey = ['cycle'] as const;

export const cycleQuery = (year: number) => ({
  queryKey: [...cycleKey, year],
  queryFn: () => call(client.GET('/cycle', { params: { query: { year } } })),
});

export const statusQuery = (period: string, unitId: string | null) => ({
  queryKey: [...followupKey, 'status', period, unitId],
  queryFn: () =>
    call(client.GET('/followup/status', { params: { query: { period, ...(unitId ? { unit: unitId } : {}) } } })),
});

export const submissionKey = (unitId: string, period: string) => [...followupKey, 'submission', unitId, period];

export const submissionPath = (unitId: string, period: string) => `/followup/submissions/${id(unitId)}/${id(period)}`;

export const submissionQuery = (unitId: string, period: string) => ({
  queryKey: submissionKey(unitId, period),
  queryFn: () => call(client.GET('/followup/submissions/{unitId}/{period}', { params: { path: { unitId, period } } })),
});

export const deviationsQuery = (period: string, unitId: string | null) => ({
  queryKey: [...followupKey, 'deviations', period, unitId],
  queryFn: () =>
    call(client.GET('/followup/deviations', { params: { query: { period, ...(unitId ? { unit: unitId } : {}) } } })),
});

export const outboxKey = ['outbox'] as const;

export const outboxQuery = {
  queryKey: outboxKey,
  queryFn: () => call(client.GET('/outbox')),
};

/** The web address of a unit's submission for a month. */
export const submissionPage = (unitId: string, period: string) => `/uppfoljning/${unitId}/${period}`;

/** The follow-up overview of a month. */
export const followupPage = (period: string) => `/uppfoljning?period=${period}`;

/**
 * A POST that must take effect once: the Idempotency-Key goes with it, so a retry with the
 * same key gets the first answer instead of doing the work again.
 */
export async function postOnce<T>(path: string, body: unknown, key: string): Promise<T> {
  const res = await fetch(`/api${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const data: any = await res.json().catch(() => null);
  if (!res.ok) {
    const e = data?.error;
    throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? res.statusText, e?.fields ?? [], e?.current);
  }
  return data as T;
}
