import { createRoute, z } from '@hono/zod-openapi';
import {
  CALC_LINE_KINDS,
  CORRECTIVE_STATUSES,
  MEASURE_CATEGORIES,
  MEASURE_STATUSES,
} from '../../domain/economy/measures';
import { BODY_KINDS, UNIT_LEVELS } from '../../domain/org';
import { IMPORT_LIMITS_DESCRIPTION } from '../core/workbook';
import { actorOf, type Deps, errors, IsoDateSchema, router, servicesOf } from '../http/env';
import {
  IdParam,
  json,
  jsonBody,
  KronorSchema,
  MonthSchema,
  NonNegativeKronorSchema,
  ok,
  readErrors,
  writeErrors,
  XLSX,
  xlsxResponse,
} from '../http/routing';
import { PlanSchema } from '../steering/schemas';
import { actionPlanSummary, createActionPlan, listActionPlans } from './action-plans';
import { setAllocation } from './allocations';
import { createCorrectiveAction, updateCorrectiveAction } from './corrective-actions';
import { listDelegationLevels, setDelegationLevels } from './delegation';
import { createMeasure, getMeasure, listMeasures, updateMeasure } from './measures';
import { reportMeasure } from './reports';
import {
  ActionPlanSchema,
  ActionPlanSubmissionSchema,
  ActionPlanSubmittedSchema,
  ActionPlanSummarySchema,
  AllocationSchema,
  CorrectiveActionCreatedSchema,
  CorrectiveActionUpdatedSchema,
  DelegationLevelSchema,
  ForecastImportSchema,
  MeasureReportWrittenSchema,
  MeasureSchema,
  MeasureTreeSchema,
} from './schemas';
import { listSubmissions, submitPeriod } from './submissions';
import { exportActionPlan, importForecasts } from './workbook';

const PeriodQuery = z.object({ period: z.string() });
const Kronor = KronorSchema;
const NonNegativeKronor = NonNegativeKronorSchema;

const MeasureInput = z.object({
  planId: z.string().min(1),
  parentMeasureId: z.string().nullable().default(null),
  ownerUnitId: z.string().min(1),
  responsibleName: z.string().trim().min(1).max(200),
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(20_000).default(''),
  category: z.enum(MEASURE_CATEGORIES),
  feasibility: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  startOn: IsoDateSchema,
  fullEffectOn: IsoDateSchema,
  status: z.enum(MEASURE_STATUSES).default('planned'),
  /** A reference to a document (diarienummer, link); not the analysis the rule asks for. */
  riskAnalysisRef: z.string().trim().max(300).nullable().default(null),
  changesService: z.boolean().optional().openapi({
    description:
      'Åtgärden ändrar en tjänsts omfattning eller kvalitet och kräver då en klar risk- och konsekvensanalys; utelämnat vid ändring behålls värdet.',
  }),
  calculation: z
    .array(
      z.object({
        year: z.number().int().min(2000).max(2100),
        kind: z.enum(CALC_LINE_KINDS),
        description: z.string().trim().min(1).max(300),
        assumption: z.string().trim().max(2000).default(''),
        amountKr: NonNegativeKronor,
        realisationPct: z.number().int().min(0).max(100),
      }),
    )
    .max(200)
    .default([]),
  goalIds: z.array(z.string()).max(50).default([]),
  decisionIds: z.array(z.string()).max(50).default([]),
});

export function economyRoutes({ config }: Deps) {
  const app = router();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/action-plans',
      tags: ['Ekonomi i balans'],
      summary: 'Handlingsplanerna med sparbeting per år (hela kronor)',
      responses: { ...ok('Planerna', z.object({ plans: z.array(ActionPlanSchema) })), ...readErrors },
    }),
    async (c) => c.json({ plans: await listActionPlans(servicesOf(c), actorOf(c)) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/action-plans',
      tags: ['Ekonomi i balans'],
      summary: 'Skapa en handlingsplan (som utkast)',
      request: jsonBody(
        z.object({
          title: z.string().trim().min(1).max(300),
          description: z.string().trim().max(20_000).default(''),
          startYear: z.number().int().min(2000).max(2100),
          endYear: z.number().int().min(2000).max(2100),
          ownerBodyId: z.string().nullable().default(null),
          ownerUnitId: z.string().nullable().default(null),
          deviationMarginPct: z.number().int().min(0).max(100).default(10),
        }),
      ),
      responses: { 201: { description: 'Skapad', ...json(PlanSchema) }, ...writeErrors },
    }),
    async (c) => c.json(await createActionPlan(servicesOf(c), actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/action-plans/{id}/allocations',
      tags: ['Ekonomi i balans'],
      summary: 'Sätt en enhets sparbeting för ett år',
      request: {
        params: IdParam,
        ...jsonBody(z.object({ unitId: z.string().min(1), year: z.number().int(), amountKr: NonNegativeKronor })),
      },
      responses: { ...ok('Satt', AllocationSchema), ...writeErrors },
    }),
    async (c) =>
      c.json(await setAllocation(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/action-plans/{id}/summary',
      tags: ['Ekonomi i balans'],
      summary:
        'Planens summor för en månad: sparbeting, planerat, prognos, utfall och avvikelse, totalt och för genomförbarhet 1–2',
      request: { params: IdParam, query: PeriodQuery },
      responses: { ...ok('Summorna, i hela kronor', ActionPlanSummarySchema), ...readErrors },
    }),
    async (c) =>
      c.json(
        await actionPlanSummary(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('query').period),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/action-plans/{id}/measures',
      tags: ['Ekonomi i balans'],
      summary: 'Åtgärdsträdet med varje åtgärds siffror för en månad',
      request: { params: IdParam, query: PeriodQuery },
      responses: { ...ok('Åtgärderna', MeasureTreeSchema), ...readErrors },
    }),
    async (c) =>
      c.json(await listMeasures(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('query').period), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/measures/{id}',
      tags: ['Ekonomi i balans'],
      summary: 'En åtgärd med nyttokalkyl, alla rapporter, beslut och korrigerande åtgärder',
      request: { params: IdParam, query: PeriodQuery },
      responses: { ...ok('Åtgärden', MeasureSchema), ...readErrors },
    }),
    async (c) =>
      c.json(await getMeasure(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('query').period), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/measures',
      tags: ['Ekonomi i balans'],
      summary: 'Skapa en åtgärd eller delåtgärd',
      request: jsonBody(MeasureInput),
      responses: { 201: { description: 'Skapad', ...json(z.object({ id: z.string() })) }, ...writeErrors },
    }),
    async (c) => c.json(await createMeasure(servicesOf(c), actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/measures/{id}',
      tags: ['Ekonomi i balans'],
      summary: 'Ändra en åtgärd och dess nyttokalkyl',
      request: { params: IdParam, ...jsonBody(MeasureInput.extend({ version: z.number().int().positive() })) },
      responses: { ...ok('Ändrad', z.object({ id: z.string() })), ...writeErrors },
    }),
    async (c) =>
      c.json(await updateMeasure(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/measures/{id}/reports',
      tags: ['Ekonomi i balans'],
      summary: 'Månadens prognos för årets effekt och utfallet hittills',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            version: z.number().int().positive(),
            period: MonthSchema,
            forecastKr: Kronor,
            outcomeKr: Kronor.nullable().default(null),
            comment: z.string().trim().max(2000).default(''),
          }),
        ),
      },
      responses: { ...ok('Rapporterad', MeasureReportWrittenSchema), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await reportMeasure(servicesOf(c), actorOf(c), { measureId: c.req.valid('param').id, ...c.req.valid('json') }),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/measures/{id}/corrective-actions',
      tags: ['Ekonomi i balans'],
      summary: 'Registrera en korrigerande åtgärd mot en avvikelse',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            what: z.string().trim().min(1).max(2000),
            responsibleName: z.string().trim().min(1).max(200),
            dueOn: IsoDateSchema,
            amountKr: NonNegativeKronor.optional(),
            status: z.enum(CORRECTIVE_STATUSES).default('proposed'),
            decisionId: z.string().nullable().default(null),
          }),
        ),
      },
      responses: { 201: { description: 'Registrerad', ...json(CorrectiveActionCreatedSchema) }, ...writeErrors },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(
        await createCorrectiveAction(servicesOf(c), actorOf(c), c.req.valid('param').id, {
          ...input,
          amountKr: input.amountKr ?? 0n,
        }),
        201,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/corrective-actions/{id}',
      tags: ['Ekonomi i balans'],
      summary: 'Följ upp en korrigerande åtgärd: ny status (en genomförd åtgärd ändras inte längre)',
      request: {
        params: IdParam,
        ...jsonBody(z.object({ version: z.number().int().positive(), status: z.enum(CORRECTIVE_STATUSES) })),
      },
      responses: { ...ok('Ändrad', CorrectiveActionUpdatedSchema), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await updateCorrectiveAction(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/action-plans/{id}/export.xlsx',
      tags: ['Ekonomi i balans'],
      summary: 'Planen som Excel i den form nämnderna får den: åtgärd, mål, prognos, avvikelse, kommentar, per enhet',
      request: { params: IdParam, query: PeriodQuery },
      responses: {
        ...xlsxResponse,
        ...readErrors,
      },
    }),
    async (c) => {
      const { period } = c.req.valid('query');
      const file = await exportActionPlan(servicesOf(c), actorOf(c), c.req.valid('param').id, period);
      return c.body(new Uint8Array(file), 200, {
        'content-type': XLSX,
        'content-disposition': `attachment; filename="handlingsplan-${period}.xlsx"`,
      });
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/action-plans/{id}/forecasts/import',
      tags: ['Ekonomi i balans'],
      summary:
        'Läs in månadens prognoser från Excel: varje felaktig rad redovisas, och inget skrivs om någon rad är fel',
      description: IMPORT_LIMITS_DESCRIPTION,
      request: {
        params: IdParam,
        query: z.object({ period: z.string(), dryRun: z.enum(['true', 'false']).default('false') }),
      },
      responses: {
        ...ok('Inläst (eller, vid dryRun, kontrollerad)', ForecastImportSchema),
        ...writeErrors,
        413: errors[413],
      },
    }),
    async (c) => {
      // The service authorises before it reads the file, and refuses an empty one after that.
      const q = c.req.valid('query');
      return c.json(
        await importForecasts(servicesOf(c), actorOf(c), c.req.valid('param').id, q.period, await c.req.arrayBuffer(), {
          dryRun: q.dryRun === 'true',
          limits: config.workbookLimits,
        }),
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/action-plans/{id}/submissions',
      tags: ['Ekonomi i balans'],
      summary: 'Lämna in en enhets månad: varje åtgärd under enheten ska ha sin rapport',
      request: { params: IdParam, ...jsonBody(z.object({ unitId: z.string().min(1), period: MonthSchema })) },
      responses: { ...ok('Inlämnad', ActionPlanSubmittedSchema), ...writeErrors },
    }),
    async (c) =>
      c.json(await submitPeriod(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/action-plans/{id}/submissions',
      tags: ['Ekonomi i balans'],
      summary: 'Vilka enheter som har lämnat in månaden',
      request: { params: IdParam, query: PeriodQuery },
      responses: {
        ...ok('Inlämningarna', z.object({ submissions: z.array(ActionPlanSubmissionSchema) })),
        ...readErrors,
      },
    }),
    async (c) =>
      c.json(
        {
          submissions: await listSubmissions(
            servicesOf(c),
            actorOf(c),
            c.req.valid('param').id,
            c.req.valid('query').period,
          ),
        },
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/delegation-levels',
      tags: ['Ekonomi i balans'],
      summary: 'Delegationsordningen: vilken nivå som får besluta upp till vilket belopp',
      responses: {
        ...ok('Nivåerna, lägst först', z.object({ levels: z.array(DelegationLevelSchema) })),
        ...readErrors,
      },
    }),
    async (c) => c.json({ levels: await listDelegationLevels(servicesOf(c), actorOf(c)) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/delegation-levels',
      tags: ['Ekonomi i balans'],
      summary: 'Ersätt delegationsordningen (administratör)',
      request: jsonBody(
        z.object({
          levels: z
            .array(
              z.object({
                name: z.string().trim().min(1).max(200),
                unitLevel: z.enum(UNIT_LEVELS).nullable().default(null),
                bodyKind: z.enum(BODY_KINDS).nullable().default(null),
                maxAmountKr: NonNegativeKronor.nullable(),
              }),
            )
            .max(30),
        }),
      ),
      responses: { ...ok('Sparad', z.object({ levels: z.array(DelegationLevelSchema) })), ...writeErrors },
    }),
    async (c) =>
      c.json({ levels: await setDelegationLevels(servicesOf(c), actorOf(c), c.req.valid('json').levels) }, 200),
  );
  return app;
}
