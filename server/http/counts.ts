import { z } from '@hono/zod-openapi';

/** A count per member of a closed list, every member present: the list is declared once in domain/. */
export const countsOf = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<K, z.ZodNumber>);
