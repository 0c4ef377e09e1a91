import { api } from '../app/api';
import { call, client } from '../app/client';
import type { ActionPlan, ActionPlanSummary, Measure, MeasureTree } from './types';

const id = (s: string) => encodeURIComponent(s);

export const actionPlansQuery = {
  queryKey: ['action-plans'],
  queryFn: () => api<{ plans: ActionPlan[] }>('/action-plans'),
  staleTime: 60_000,
};

/** Everything shown for one plan starts with this key, so one invalidation refreshes it all. */
export const planKey = (planId: string) => ['action-plan', planId];

export const summaryQuery = (planId: string, period: string) => ({
  queryKey: [...planKey(planId), 'summary', period],
  queryFn: () => api<ActionPlanSummary>(`/action-plans/${id(planId)}/summary?period=${period}`),
});

export const measureTreeQuery = (planId: string, period: string) => ({
  queryKey: [...planKey(planId), 'measures', period],
  queryFn: () => api<MeasureTree>(`/action-plans/${id(planId)}/measures?period=${period}`),
});

export const measureKey = (measureId: string) => ['measure', measureId];

export const measureQuery = (measureId: string, period: string) => ({
  queryKey: [...measureKey(measureId), period],
  queryFn: () => api<Measure>(`/measures/${id(measureId)}?period=${period}`),
});

export const measureHistoryQuery = (measureId: string) => ({
  queryKey: ['history', 'measure', measureId],
  queryFn: () => call(client.GET('/history', { params: { query: { entity: 'measure', id: measureId } } })),
});

export const exportUrl = (planId: string, period: string) =>
  `/api/action-plans/${id(planId)}/export.xlsx?period=${period}`;

export const planPath = (planId: string, period: string) => `/handlingsplaner/${planId}?period=${period}`;
export const measurePath = (measureId: string, period: string) => `/atgarder/${measureId}?period=${period}`;
