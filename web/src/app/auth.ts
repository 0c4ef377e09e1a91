import { useQuery } from '@tanstack/react-query';
import { ApiError } from './api';
import { call, client } from './client';
import { adoptServerClock } from './format';

export const meKey = ['me'] as const;

/** The signed-in user, or null when signed out. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async () => {
      try {
        const me = await call(client.GET('/me'));
        adoptServerClock(me.now);
        return me;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}
