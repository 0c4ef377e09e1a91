import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ApiError } from '../app/api';
import { useMe } from '../app/auth';
import { call, client } from '../app/client';
import { useCurrentMonth } from '../app/context';
import { today } from '../app/format';
import { orgUnitsQuery } from '../org/TreePage';
import { homeUnitId, orgIndexOf } from './access';
import type { DecisionKind } from './types';

export const scorecardQuery = (unitId: string, period: string) => ({
  queryKey: ['scorecard', unitId, period],
  queryFn: () => call(client.GET('/scorecard', { params: { query: { unit: unitId, period } } })),
});

export const indicatorsQuery = {
  queryKey: ['indicators'],
  queryFn: () => call(client.GET('/indicators')),
  staleTime: 60_000,
};

export const indicatorQuery = (id: string) => ({
  queryKey: ['indicator', id],
  queryFn: () => call(client.GET('/indicators/{id}', { params: { path: { id } } })),
});

/** Units per page of the cross-unit view's full table (the server's default page). */
export const ACROSS_PAGE_SIZE = 100;

/**
 * A page of one indicator across the units (`offset` units in, tree order), or with `depth`
 * only the units that many levels below the chosen one (the chart's two levels, in one page).
 */
export const acrossQuery = (
  id: string,
  period: string,
  unitId: string | null,
  page: { offset: number; limit: number; depth?: number },
) => ({
  queryKey: ['indicator-across', id, period, unitId, page.offset, page.limit, page.depth ?? null],
  queryFn: () =>
    call(
      client.GET('/indicators/{id}/across', {
        params: { path: { id }, query: { period, unit: unitId ?? undefined, ...page } },
      }),
    ),
});

export const plansQuery = { queryKey: ['plans'], queryFn: () => call(client.GET('/plans')) };

/** Every goal the user may read, to choose the goals a goal serves or an indicator follows. */
export const allGoalsQuery = {
  queryKey: ['goals', 'all'],
  queryFn: () => call(client.GET('/goals')),
  staleTime: 60_000,
};

/** The register's items of one kind, to cite: beslut behind a wording, uppdrag behind an assignment. */
export const decisionsOfKindQuery = (kind: DecisionKind) => ({
  queryKey: ['decisions', { q: '', kind }],
  queryFn: () => call(client.GET('/decisions', { params: { query: { kind } } })),
});

export const targetsQuery = (indicatorId: string) => ({
  queryKey: ['indicator-targets', indicatorId],
  queryFn: () => call(client.GET('/indicators/{id}/targets', { params: { path: { id: indicatorId } } })),
});

export const valuesQuery = (indicatorId: string, unitId: string, year: number) => ({
  queryKey: ['values', indicatorId, unitId, year],
  queryFn: () =>
    call(
      client.GET('/values', {
        params: { query: { indicator: indicatorId, unit: unitId, from: `${year}-01`, to: `${year}-12` } },
      }),
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

/** The month pages open on: the same current follow-up month everywhere (see app/context.ts). */
export function useDefaultPeriod(): { pending: boolean; period: string } {
  const current = useCurrentMonth();
  return { pending: current.pending, period: current.month };
}

/** True when an API refusal says the user lacks the right, to explain it in words. */
export const isForbidden = (error: unknown) => error instanceof ApiError && error.status === 403;
