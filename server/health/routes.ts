import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { type Deps, errors, router } from '../http/env';

export function healthRoutes({ services, config }: Deps) {
  const app = router();
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
      await sql`select 1`.execute(services.db);
      return c.json({ status: 'ok' as const, database: services.dbKind, version: config.version }, 200);
    },
  );
  return app;
}
