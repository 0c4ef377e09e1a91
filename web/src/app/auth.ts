import { useQuery } from '@tanstack/react-query';
import { ApiError } from './api';
import { call, client } from './client';
import type { Me, Role } from './types';

export const meKey = ['me'] as const;

/** The signed-in user, or null when signed out. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async () => {
      try {
        return await call(client.GET('/me'));
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

export function hasRole(me: Me | null | undefined, role: Role): boolean {
  return Boolean(me?.roles.some((r) => r.role === role));
}
