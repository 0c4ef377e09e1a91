import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ApiError, api } from '../app/api';
import { useMe } from '../app/auth';
import { call, client } from '../app/client';
import { today } from '../app/format';
import { orgUnitsQuery } from '../org/TreePage';
import { homeUnitId, orgIndexOf } from './access';
import { previousMonth } from './periods';
import type { Across, Decision, DecisionKind, Goal, Indicator, Plan, Scorecard, StoredValue, Target } from './types';

export const scorecardQuery = (unitId: string, period: string) => ({
  queryKey: ['scorecard', unitId, period],
  queryFn: () => api<Scorecard>(`/scorecard?unit=${encodeURIComponent(unitId)}&period=${period}`),
});

export const indicatorsQuery = {
  queryKey: ['indicators'],
  queryFn: () => api<{ indicators: Indicator[] }>('/indicators'),
  staleTime: 60_000,
};

export const indicatorQuery = (id: string) => ({
  queryKey: ['indicator', id],
  queryFn: () => api<Indicator>(`/indicators/${encodeURIComponent(id)}`),
});

export const acrossQuery = (id: string, period: string, unitId: string | null) => ({
  queryKey: ['indicator-across', id, period, unitId],
  queryFn: () =>
    api<Across>(
      `/indicators/${encodeURIComponent(id)}/across?period=${period}${unitId ? `&unit=${encodeURIComponent(unitId)}` : ''}`,
    ),
});

export const plansQuery = { queryKey: ['plans'], queryFn: () => api<{ plans: Plan[] }>('/plans') };

/** Every goal the user may read, to choose the goals a goal serves or an indicator follows. */
export const allGoalsQuery = {
  queryKey: ['goals', 'all'],
  queryFn: () => api<{ goals: Goal[] }>('/goals'),
  staleTime: 60_000,
};

/** The register's items of one kind, to cite: beslut behind a wording, uppdrag behind an assignment. */
export const decisionsOfKindQuery = (kind: DecisionKind) => ({
  queryKey: ['decisions', { q: '', kind }],
  queryFn: () => api<{ decisions: Decision[] }>(`/decisions?kind=${kind}`),
});

export const targetsQuery = (indicatorId: string) => ({
  queryKey: ['indicator-targets', indicatorId],
  queryFn: () => api<{ targets: Target[] }>(`/indicators/${encodeURIComponent(indicatorId)}/targets`),
});

export const valuesQuery = (indicatorId: string, unitId: string, year: number) => ({
  queryKey: ['values', indicatorId, unitId, year],
  queryFn: () =>
    api<{ values: StoredValue[] }>(
      `/values?indicator=${encodeURIComponent(indicatorId)}&unit=${encodeURIComponent(unitId)}&from=${year}-01&to=${year}-12`,
    ),
});

/** Today's organisation as a list, an index for permissions and lineages, and names by id. */
export function useOrg() {
  const units = useQuery(orgUnitsQuery(today()));
  const list = units.data?.units;
  return useMemo(() => {
    const all = list ?? [];
    const byId = new Map(all.map((u) => [u.id, u]));
    return {
      isPending: units.isPending,
      error: units.error,
      units: all,
      tree: orgIndexOf(all),
      unit: (id: string | null | undefined) => (id ? byId.get(id) : undefined),
      nameOf: (id: string | null | undefined) => (id ? (byId.get(id)?.name ?? id) : '—'),
    };
  }, [list, units.isPending, units.error]);
}

/** The unit the user's steering pages start from (see homeUnitId), once the tree is loaded. */
export function useHomeUnit(): { pending: boolean; unitId: string | null } {
  const me = useMe().data;
  const org = useOrg();
  return { pending: org.isPending, unitId: org.isPending ? null : homeUnitId(me, org.tree) };
}

/**
 * The month pages open on: the latest month with data when the server can say
 * (GET /api/periods/latest), else the last whole month.
 */
export function useDefaultPeriod(): { pending: boolean; period: string } {
  const latest = useQuery({
    queryKey: ['periods', 'latest'],
    queryFn: async () => {
      try {
        return (await call(client.GET('/periods/latest'))).period;
      } catch (e) {
        if (e instanceof ApiError && e.status !== 401) return null;
        throw e;
      }
    },
    staleTime: 5 * 60_000,
  });
  return { pending: latest.isPending, period: latest.data ?? previousMonth(today()) };
}

/** True when an API refusal says the user lacks the right, to explain it in words. */
export const isForbidden = (error: unknown) => error instanceof ApiError && error.status === 403;
