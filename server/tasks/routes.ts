import { createRoute, z } from '@hono/zod-openapi';
import { actorOf, type Deps, router, servicesOf } from '../http/env';
import { MonthSchema, ok, readErrors } from '../http/routing';
import { unitMonth } from './month';
import { CurrentMonthSchema, TasksSchema, UnitMonthSchema } from './schemas';
import { currentMonth, myTasks } from './service';

const tags = ['Uppgifter'];

/** The start page's tasks, the unit's month on one page, and the month every page opens on. */
export function taskRoutes(_deps: Deps) {
  const app = router();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/periods/current',
      tags,
      summary:
        'Den aktuella uppföljningsmånaden: den senaste månaden i årshjulet som är slut, annars förra månaden (serverns klocka)',
      responses: { ...ok('Månaden', CurrentMonthSchema), ...readErrors },
    }),
    async (c) => c.json(await currentMonth(servicesOf(c), actorOf(c)), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/me/tasks',
      tags,
      summary:
        'Vad den inloggade ska göra en månad: rapporter att lämna in, återsända, att godkänna, uppdrag, saknade värden, påminnelser; för förtroendevalda det nya',
      request: { query: z.object({ month: MonthSchema.optional() }) },
      responses: { ...ok('Uppgifterna', TasksSchema), ...readErrors },
    }),
    async (c) => c.json(await myTasks(servicesOf(c), actorOf(c), c.req.valid('query').month), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/units/{unitId}/months/{period}',
      tags,
      summary:
        'En enhets månad på en sida: indikatorer med utfall och prognos, målens analyser, åtgärder, samlad analys och vad som saknas',
      request: { params: z.object({ unitId: z.string().min(1), period: MonthSchema }) },
      responses: { ...ok('Månaden', UnitMonthSchema), ...readErrors },
    }),
    async (c) => {
      const { unitId, period } = c.req.valid('param');
      return c.json(await unitMonth(servicesOf(c), actorOf(c), unitId, period), 200);
    },
  );
  return app;
}
