import { createRoute, z } from '@hono/zod-openapi';
import { actorOf, type Deps, errors, router, servicesOf } from '../http/env';
import { HISTORY_ENTITIES } from './kinds';
import { HistoryEntrySchema } from './schemas';
import { historyOf } from './service';

export function historyRoutes(_deps: Deps) {
  const app = router();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/history',
      tags: ['Historik'],
      summary: 'Varje ändring av en post: vem, när, vad från vad till vad (revisorer och administratörer)',
      description:
        'Varje post i historiken bedöms för sig efter den enhet den gäller: svaret har bara de ändringar som gäller enheter i din del av organisationen (ändringar för hela organisationen: bara för den som har rollen på toppnivå). 403 om du inte får läsa någon av dem.',
      request: {
        query: z.object({
          entity: z.enum(HISTORY_ENTITIES),
          id: z.string().min(1),
        }),
      },
      responses: {
        200: {
          description: 'Ändringarna, äldst först',
          content: { 'application/json': { schema: z.object({ entries: z.array(HistoryEntrySchema) }) } },
        },
        400: errors[400],
        401: errors[401],
        403: errors[403],
      },
    }),
    async (c) => c.json({ entries: await historyOf(servicesOf(c), actorOf(c), c.req.valid('query')) }, 200),
  );
  return app;
}
