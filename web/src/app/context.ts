import { useQuery } from '@tanstack/react-query';
import { useLocation, useSearchParams } from 'react-router';
import { ApiError } from './api';
import { call, client } from './client';
import { today } from './format';

/** The query parameters that carry the chosen unit and month from page to page. */
export const UNIT_PARAM = 'enhet';
export const MONTH_PARAM = 'manad';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const isMonth = (text: string | null | undefined): text is string => !!text && MONTH.test(text);

/** The month before a day's month (YYYY-MM), when the server cannot say. */
function lastWholeMonth(day: string): string {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export const currentMonthKey = ['periods', 'current'] as const;

/**
 * The month a page opens on: the one in the address (`?manad=`) when there is one, else the
 * current follow-up month by the server's clock (GET /api/periods/current), the same on every page.
 */
export function useCurrentMonth(): { pending: boolean; month: string; fromUrl: boolean } {
  const [params] = useSearchParams();
  const chosen = params.get(MONTH_PARAM);
  const current = useQuery({
    queryKey: currentMonthKey,
    queryFn: async () => {
      try {
        return (await call(client.GET('/periods/current'))).month;
      } catch (e) {
        if (e instanceof ApiError && e.status !== 401) return null;
        throw e;
      }
    },
    staleTime: 5 * 60_000,
    enabled: !isMonth(chosen),
  });
  if (isMonth(chosen)) return { pending: false, month: chosen, fromUrl: true };
  return { pending: current.isPending, month: current.data ?? lastWholeMonth(today()), fromUrl: false };
}

/** The unit chosen in the address (`?enhet=`), or null. */
export function useChosenUnit(): string | null {
  const [params] = useSearchParams();
  return params.get(UNIT_PARAM) || null;
}

/** A path with the unit and month of the current address carried over (menu links keep the context). */
export function withContext(path: string, search: string): string {
  const from = new URLSearchParams(search);
  const [base = '', query = ''] = path.split('?');
  const to = new URLSearchParams(query);
  for (const key of [UNIT_PARAM, MONTH_PARAM]) {
    const value = from.get(key);
    if (value && !to.has(key)) to.set(key, value);
  }
  const text = to.toString();
  return text ? `${base}?${text}` : base;
}

/** `withContext` for the current location. */
export function useWithContext(): (path: string) => string {
  const { search } = useLocation();
  return (path) => withContext(path, search);
}

/** The address of a unit's month page, context included. */
export const unitMonthPath = (unitId: string, month: string) =>
  `/enheter/${encodeURIComponent(unitId)}/manad/${month}?${UNIT_PARAM}=${encodeURIComponent(unitId)}&${MONTH_PARAM}=${month}`;
