import { call, client } from '../app/client';

const id = (s: string) => encodeURIComponent(s);

export const actionPlansQuery = {
  queryKey: ['action-plans'],
  queryFn: () => call(client.GET('/action-plans')),
  staleTime: 60_000,
};

/** Everything shown for one plan starts with this key, so one invalidation refreshes it all. */
export const planKey = (planId: string) => ['action-plan', planId];

export const summaryQuery = (planId: string, period: string) => ({
  queryKey: [...planKey(planId), 'summary', period],
  queryFn: () =>
    call(client.GET('/action-plans/{id}/summary', { params: { path: { id: planId }, query: { period } } })),
});

export const measureTreeQuery = (planId: string, period: string) => ({
  queryKey: [...planKey(planId), 'measures', period],
  queryFn: () =>
    call(client.GET('/action-plans/{id}/measures', { params: { path: { id: planId }, query: { period } } })),
});

export const measureKey = (measureId: string) => ['measure', measureId];

export const measureQuery = (measureId: string, period: string) => ({
  queryKey: [...measureKey(measureId), period],
  queryFn: () => call(client.GET('/measures/{id}', { params: { path: { id: measureId }, query: { period } } })),
});

export const measureHistoryQuery = (measureId: string) => ({
  queryKey: ['history', 'measure', measureId],
  queryFn: () => call(client.GET('/history', { params: { query: { entity: 'measure', id: measureId } } })),
});

export const exportUrl = (planId: string, period: string) =>
  `/api/action-plans/${id(planId)}/export.xlsx?period=${period}`;

export const planPath = (planId: string, period: string) => `/handlingsplaner/${planId}?period=${period}`;
export const measurePath = (measureId: string, period: string) => `/atgarder/${measureId}?period=${period}`;
