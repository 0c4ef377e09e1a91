import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { type Deps, errors, router } from '../http/env';

/** How long a probe that the database answered stands for it (ms). */
export const PROBE_FRESH_MS = 1_000;

export function healthRoutes({ services, config }: Deps) {
  const app = router();
  // A database that answered a probe less than PROBE_FRESH_MS ago (by the injected clock) is
  // reported as answering without another round trip: a load balancer's or a monitor's checks
  // then cost the database at most one probe a second, and an outage is reported at most that
  // late. A failed probe is never reused. Requests that arrive while a probe is under way wait for
  // that probe, which answers after they arrived.
  let probe: Promise<void> | null = null;
  let answeredAt = Number.NEGATIVE_INFINITY;
  const probeDatabase = () => {
    const now = services.clock.now().getTime();
    if (now - answeredAt < PROBE_FRESH_MS && now >= answeredAt) return undefined;
    probe ??= sql`select 1`
      .execute(services.db)
      .then(() => {
        answeredAt = now;
      })
      .finally(() => {
        probe = null;
      });
    return probe;
  };
  app.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['Drift'],
      summary: 'Att servern och databasen svarar',
      responses: {
        200: {
          description: 'Allt fungerar',
          content: {
            'application/json': {
              schema: z.object({
                status: z.literal('ok'),
                database: z.enum(['pglite', 'postgresql']),
                version: z.string(),
              }),
            },
          },
        },
        // Any request with unreadable text in it is refused before routing (http/input.ts).
        400: errors[400],
      },
    }),
    async (c) => {
      await probeDatabase();
      return c.json({ status: 'ok' as const, database: services.dbKind, version: config.version }, 200);
    },
  );
  return app;
}
