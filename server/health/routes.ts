import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { type Deps, errors, router } from '../http/env';

export function healthRoutes({ services, config }: Deps) {
  const app = router();
  // Requests that arrive while a probe is under way wait for that probe: it answers after they
  // arrived, so each still reports the database as it was after it asked, while a load of health
  // checks costs the database one round trip at a time instead of one each.
  let probe: Promise<void> | null = null;
  const probeDatabase = () => {
    probe ??= sql`select 1`
      .execute(services.db)
      .then(() => undefined)
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
