import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { CONTROL_STEPS } from '../../domain/control/occasions';
import { CORRECTIVE_STATUSES } from '../../domain/economy/measures';
import { DEADLINE_LEVELS, OCCASION_KINDS } from '../../domain/followup/cycle';
import { homeUnit } from '../../domain/scopes';
import { type AppEnv, actorOf, type Deps, IsoDateSchema, router, servicesOf } from '../http/env';
import {
  IdParam,
  json,
  jsonBody,
  MonthSchema,
  NonNegativeKronorSchema,
  ok,
  readErrors,
  writeErrors,
} from '../http/routing';
import { currentTree } from '../org/service';
import { createOccasion, deleteOccasion, getCycle, updateOccasion } from './cycle';
import { createIndicatorAction, listDeviations } from './deviations';
import { listOutbox, mailerFor, runRemindersAs } from './reminders';
import {
  CycleSchema,
  DeviationsSchema,
  FollowupStatusSchema,
  IndicatorActionCreatedSchema,
  OccasionSchema,
  OutboxMessageSchema,
  ReminderRunSchema,
  SubmissionDetailSchema,
} from './schemas';
import { followupStatus, getSubmission, transition } from './submissions';

const tags = ['Uppföljning'];
const Deadlines = z
  .array(z.object({ level: z.enum(DEADLINE_LEVELS), dueOn: IsoDateSchema }))
  .max(DEADLINE_LEVELS.length);
const SubmissionParams = z.object({ unitId: z.string().min(1), period: z.string() });
/** Idempotency-Key, for the OpenAPI document; read from the request itself. */
const IdempotencyHeader = z.object({ 'idempotency-key': z.string().optional() });
const idempotencyKey = (c: Context<AppEnv>) => c.req.header('Idempotency-Key');

export function followupRoutes({ config }: Deps) {
  const mail = config.mail;
  const mailer = mailerFor(mail);
  const app = router();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/cycle',
      tags,
      summary: 'Årshjulet för ett år: uppföljningar och planeringshändelser med sista dag per nivå',
      request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }) },
      responses: { ...ok('Årshjulet', CycleSchema), ...readErrors },
    }),
    async (c) => c.json(await getCycle(servicesOf(c), actorOf(c), c.req.valid('query').year), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/cycle/occasions',
      tags,
      summary: 'Lägg till en händelse i årshjulet (administratör)',
      request: jsonBody(
        z.object({
          year: z.number().int().min(2000).max(2100),
          kind: z.enum(OCCASION_KINDS),
          period: MonthSchema.nullable().default(null),
          title: z.string().trim().min(1).max(200),
          controlStep: z.enum(CONTROL_STEPS).nullable().default(null).openapi({
            description: 'Steget i den interna kontrollen: krävs för slaget internal_control, annars null.',
          }),
          deadlines: Deadlines,
        }),
      ),
      responses: { 201: { description: 'Skapad', ...json(OccasionSchema) }, ...writeErrors },
    }),
    async (c) => c.json(await createOccasion(servicesOf(c), actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/cycle/occasions/{id}',
      tags,
      summary: 'Ändra en händelse i årshjulet: namn, steg i den interna kontrollen och sista dagar',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            version: z.number().int().positive(),
            title: z.string().trim().min(1).max(200),
            controlStep: z
              .enum(CONTROL_STEPS)
              .nullable()
              .optional()
              .openapi({ description: 'Steget i den interna kontrollen; utelämnat behåller det sparade.' }),
            deadlines: Deadlines,
          }),
        ),
      },
      responses: { ...ok('Ändrad', OccasionSchema), ...writeErrors },
    }),
    async (c) =>
      c.json(await updateOccasion(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/cycle/occasions/{id}',
      tags,
      summary: 'Ta bort en händelse ur årshjulet',
      request: { params: IdParam, query: z.object({ version: z.coerce.number().int().positive() }) },
      responses: { 204: { description: 'Borttagen' }, ...writeErrors },
    }),
    async (c) => {
      await deleteOccasion(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('query').version);
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/followup/status',
      tags,
      summary: 'Var varje enhet står för en månad: status, sista dag och hur sen den är',
      request: { query: z.object({ period: z.string(), unit: z.string().optional() }) },
      responses: { ...ok('Läget', FollowupStatusSchema), ...readErrors },
    }),
    async (c) => {
      const { period, unit } = c.req.valid('query');
      return c.json(await followupStatus(servicesOf(c), actorOf(c), period, unit), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/followup/submissions/{unitId}/{period}',
      tags,
      summary: 'En enhets rapport för en månad: status, analys, vad som saknas, enheterna under och förloppet',
      request: { params: SubmissionParams },
      responses: { ...ok('Rapporten', SubmissionDetailSchema), ...readErrors },
    }),
    async (c) => {
      const { unitId, period } = c.req.valid('param');
      return c.json(await getSubmission(servicesOf(c), actorOf(c), unitId, period), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/followup/submissions/{unitId}/{period}',
      tags,
      summary: 'Spara enhetens samlade analys (utkast)',
      request: {
        params: SubmissionParams,
        ...jsonBody(z.object({ version: z.number().int().min(0), analysis: z.string().max(20_000) })),
      },
      responses: { ...ok('Sparad', SubmissionDetailSchema), ...writeErrors },
    }),
    async (c) => {
      const { unitId, period } = c.req.valid('param');
      return c.json(await transition(servicesOf(c), actorOf(c), 'save', unitId, period, c.req.valid('json')), 200);
    },
  );
  const step = (action: 'submit' | 'return' | 'approve', summary: string, body: z.ZodType) =>
    app.openapi(
      createRoute({
        method: 'post',
        path: `/followup/submissions/{unitId}/{period}/${action}`,
        tags,
        summary,
        request: { params: SubmissionParams, headers: IdempotencyHeader, ...jsonBody(body) },
        responses: { ...ok('Klart', SubmissionDetailSchema), ...writeErrors },
      }),
      async (c) => {
        const { unitId, period } = c.req.valid('param');
        const input = c.req.valid('json') as { version: number; analysis?: string; comment?: string };
        return c.json(
          await transition(servicesOf(c), actorOf(c), action, unitId, period, input, idempotencyKey(c)),
          200,
        );
      },
    );
  step(
    'submit',
    'Lämna in enhetens rapport (Idempotency-Key stöds)',
    z.object({ version: z.number().int().min(0), analysis: z.string().max(20_000).optional() }),
  );
  step(
    'return',
    'Återsänd en inlämnad rapport med en kommentar (nivån ovanför)',
    z.object({ version: z.number().int().min(0), comment: z.string().max(5_000) }),
  );
  step(
    'approve',
    'Godkänn en inlämnad rapport (nivån ovanför)',
    z.object({ version: z.number().int().min(0), comment: z.string().max(5_000).optional() }),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/followup/deviations',
      tags,
      summary:
        'Avvikelser en månad under en enhet: indikatorer och åtgärder, med analys, korrigerande åtgärd och beslutsnivå',
      request: { query: z.object({ period: z.string(), unit: z.string().optional() }) },
      responses: { ...ok('Avvikelserna', DeviationsSchema), ...readErrors },
    }),
    async (c) => {
      const { period, unit } = c.req.valid('query');
      const actor = actorOf(c);
      const unitId = unit ?? (await defaultUnit(servicesOf(c), actor));
      return c.json(await listDeviations(servicesOf(c), actor, unitId, period), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/followup/corrective-actions',
      tags,
      summary: 'Korrigerande åtgärd mot en indikators avvikelse vid en enhet (beslutsnivå efter beloppet)',
      request: jsonBody(
        z.object({
          indicatorId: z.string().min(1),
          unitId: z.string().min(1),
          what: z.string().trim().min(1).max(2000),
          responsibleName: z.string().trim().min(1).max(200),
          dueOn: IsoDateSchema,
          amountKr: NonNegativeKronorSchema.optional(),
          status: z.enum(CORRECTIVE_STATUSES).default('proposed'),
        }),
      ),
      responses: {
        201: { description: 'Skapad', ...json(IndicatorActionCreatedSchema) },
        ...writeErrors,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(
        await createIndicatorAction(servicesOf(c), actorOf(c), { ...input, amountKr: input.amountKr ?? 0n }),
        201,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/followup/reminders/run',
      tags,
      summary: 'Skapa och skicka de påminnelser som är aktuella i dag (administratör)',
      responses: { ...ok('Körda', ReminderRunSchema), ...writeErrors },
    }),
    async (c) => c.json(await runRemindersAs(servicesOf(c), actorOf(c), mail, mailer), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/outbox',
      tags,
      summary: 'Utkorgen: påminnelser som skickats eller väntar (administratör)',
      responses: { ...ok('Meddelandena', z.object({ messages: z.array(OutboxMessageSchema) })), ...readErrors },
    }),
    async (c) => c.json({ messages: await listOutbox(servicesOf(c), actorOf(c)) }, 200),
  );
  return app;
}

/**
 * The unit a user sees first: domain/scopes `homeUnit`, the one the web opens on; the top of the
 * tree for the system and for one who reads nothing (who is then refused, not shown another unit).
 */
async function defaultUnit(services: Deps['services'], actor: ReturnType<typeof actorOf>): Promise<string> {
  const tree = await currentTree(services);
  const home = actor.kind === 'user' ? homeUnit(actor.principal, tree) : null;
  return home ?? (tree.roots()[0] as string);
}
