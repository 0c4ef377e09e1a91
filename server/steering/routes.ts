import { createRoute, z } from '@hono/zod-openapi';
import {
  ACTIVITY_STATUSES,
  AGGREGATIONS,
  ASSIGNMENT_STATUSES,
  DECISION_KINDS,
  DIRECTIONS,
  FREQUENCIES,
  INDICATOR_SOURCES,
  PERSPECTIVES,
  PLAN_KINDS,
  VALUE_KINDS,
} from '../../domain/steering';
import { IMPORT_LIMITS_DESCRIPTION } from '../core/workbook';
import { actorOf, type Deps, errors, IsoDateSchema, router, servicesOf } from '../http/env';
import { orNull } from '../http/nullable';
import {
  created,
  IdParam,
  jsonBody,
  MonthSchema,
  ok,
  readErrors,
  writeErrors,
  XLSX,
  xlsxResponse,
} from '../http/routing';
import { createActivity, listActivities, reportActivity, updateActivity } from './activities';
import { createAssignment, listAssignments, updateAssignment } from './assignments';
import { createDecision, getDecision, listDecisions, updateDecision } from './decisions';
import { createGoal, getGoal, listGoals, updateGoal } from './goals';
import {
  createIndicator,
  getIndicator,
  listIndicators,
  listTargets,
  listValues,
  setTarget,
  setValues,
  updateIndicator,
} from './indicators';
import { createPlan, decidePlan, getPlan, listPlans, revisePlan } from './plans';
import {
  ActivitySchema,
  AnalysisConflictSchema,
  AnalysisSchema,
  AssignmentSchema,
  DecisionSchema,
  GoalSchema,
  IndicatorAcrossQuerySchema,
  IndicatorAcrossSchema,
  IndicatorSchema,
  LINK_ENTITIES,
  PlanSchema,
  ScorecardSchema,
  StoredValueSchema,
  TargetSchema,
  ValueImportSummarySchema,
} from './schemas';
import { indicatorAcross, latestPeriod, scorecard, setAnalysis } from './scorecard';
import { exportValues, importValues } from './values-workbook';

const Version = z.number().int().positive();
const text = (max: number) => z.string().trim().max(max);
const title = z.string().trim().min(1).max(300);
const DecimalText = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^-?\d{1,15}(\.\d{1,6})?$/.test(v), 'ska vara ett tal med punkt som decimaltecken');

const DecisionInput = z.object({
  kind: z.enum(DECISION_KINDS),
  bodyId: z.string().nullable().default(null),
  officialName: text(200).nullable().default(null),
  unitId: z.string().nullable().default(null),
  decidedOn: IsoDateSchema,
  paragraph: text(40).nullable().default(null),
  diarienummer: text(60).nullable().default(null),
  title,
  text: text(20_000).default(''),
  links: z
    .array(z.object({ entity: z.enum(LINK_ENTITIES), entityId: z.string().min(1) }))
    .max(200)
    .default([]),
});

const PlanInput = z.object({
  kind: z.enum(PLAN_KINDS),
  title,
  description: text(20_000).default(''),
  startYear: z.number().int().min(2000).max(2100),
  endYear: z.number().int().min(2000).max(2100),
  ownerBodyId: z.string().nullable().default(null),
  ownerUnitId: z.string().nullable().default(null),
  parentPlanId: z.string().nullable().default(null),
});

const GoalInput = z.object({
  planId: z.string().min(1),
  perspective: z.enum(PERSPECTIVES),
  focusArea: text(200).nullable().default(null),
  ownerUnitId: z.string().min(1),
  targetYear: z.number().int().min(2000).max(2100).nullable().default(null),
  title,
  description: text(20_000).default(''),
  parentGoalIds: z.array(z.string()).max(50).default([]),
});

const AssignmentInput = z.object({
  title,
  description: text(20_000).default(''),
  bodyId: z.string().min(1),
  decisionId: z.string().nullable().default(null),
  assigneeUnitId: z.string().nullable().default(null),
  assigneeName: text(200).nullable().default(null),
  dueOn: IsoDateSchema,
  reportBackOn: IsoDateSchema.nullable().default(null),
  status: z.enum(ASSIGNMENT_STATUSES).default('not_started'),
  reportedOn: IsoDateSchema.nullable().default(null),
});

const IndicatorInput = z.object({
  code: text(40).nullable().default(null),
  name: title,
  description: text(20_000).default(''),
  measureUnit: z.string().trim().min(1).max(40),
  direction: z.enum(DIRECTIONS),
  frequency: z.enum(FREQUENCIES),
  aggregation: z.enum(AGGREGATIONS),
  numeratorId: z.string().nullable().default(null),
  denominatorId: z.string().nullable().default(null),
  weightId: z.string().nullable().default(null),
  scale: DecimalText.default('1'),
  rollingMonths: z.number().int().min(2).max(36).nullable().default(null),
  source: z.enum(INDICATOR_SOURCES).default('entered'),
  goalIds: z.array(z.string()).max(100).default([]),
});

const ValueRow = z.object({
  indicatorId: z.string().min(1),
  unitId: z.string().min(1),
  period: MonthSchema,
  kind: z.enum(VALUE_KINDS),
  value: DecimalText.nullable(),
  comment: text(2000).default(''),
  basedOn: z.string().nullable().optional(),
});

const ActivityInput = z.object({
  title,
  description: text(20_000).default(''),
  ownerUnitId: z.string().min(1),
  responsibleName: z.string().trim().min(1).max(200),
  startOn: IsoDateSchema,
  endOn: IsoDateSchema,
  status: z.enum(ACTIVITY_STATUSES).default('not_started'),
  progress: z.number().int().min(0).max(100).default(0),
  goalIds: z.array(z.string()).max(50).default([]),
});

export function steeringRoutes({ config }: Deps) {
  const app = router();

  // Decisions register
  app.openapi(
    createRoute({
      method: 'get',
      path: '/decisions',
      tags: ['Beslut'],
      summary: 'Beslutsregistret: beslut, uppdrag och informationsärenden, sökbart',
      request: {
        query: z.object({
          q: z.string().max(200).optional(),
          kind: z.enum(DECISION_KINDS).optional(),
          bodyId: z.string().optional(),
          entity: z.enum(LINK_ENTITIES).optional(),
          entityId: z.string().optional(),
        }),
      },
      responses: { ...ok('Besluten, nyast först', z.object({ decisions: z.array(DecisionSchema) })), ...readErrors },
    }),
    async (c) => c.json({ decisions: await listDecisions(servicesOf(c), actorOf(c), c.req.valid('query')) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/decisions/{id}',
      tags: ['Beslut'],
      summary: 'Ett beslut',
      request: { params: IdParam },
      responses: { ...ok('Beslutet', DecisionSchema), ...readErrors },
    }),
    async (c) => c.json(await getDecision(servicesOf(c), actorOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/decisions',
      tags: ['Beslut'],
      summary: 'Registrera ett beslut, uppdrag eller informationsärende',
      request: jsonBody(DecisionInput),
      responses: { ...created('Registrerat', DecisionSchema), ...writeErrors },
    }),
    async (c) => c.json(await createDecision(servicesOf(c), actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/decisions/{id}',
      tags: ['Beslut'],
      summary: 'Ändra ett registrerat beslut',
      request: { params: IdParam, ...jsonBody(DecisionInput.extend({ version: Version })) },
      responses: { ...ok('Ändrat', DecisionSchema), ...writeErrors },
    }),
    async (c) =>
      c.json(await updateDecision(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  // Plans
  app.openapi(
    createRoute({
      method: 'get',
      path: '/plans',
      tags: ['Planer'],
      summary: 'Planer och styrdokument med formell status',
      responses: { ...ok('Planerna', z.object({ plans: z.array(PlanSchema) })), ...readErrors },
    }),
    async (c) => c.json({ plans: await listPlans(servicesOf(c), actorOf(c)) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/plans/{id}',
      tags: ['Planer'],
      summary: 'En plan med versioner och beslut',
      request: { params: IdParam },
      responses: { ...ok('Planen', PlanSchema), ...readErrors },
    }),
    async (c) => c.json(await getPlan(servicesOf(c), actorOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/plans',
      tags: ['Planer'],
      summary: 'Skapa en plan (som utkast)',
      request: jsonBody(PlanInput),
      responses: { ...created('Skapad', PlanSchema), ...writeErrors },
    }),
    async (c) => c.json(await createPlan(servicesOf(c), actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/plans/{id}',
      tags: ['Planer'],
      summary: 'Ändra en plan; en beslutad plan får en ny version i stället',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            version: Version,
            title: title.optional(),
            description: text(20_000).optional(),
            startYear: z.number().int().min(2000).max(2100).optional(),
            endYear: z.number().int().min(2000).max(2100).optional(),
          }),
        ),
      },
      responses: { ...ok('Ändrad', PlanSchema), ...writeErrors },
    }),
    async (c) => c.json(await revisePlan(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/plans/{id}/decide',
      tags: ['Planer'],
      summary: 'Markera planens senaste version som beslutad, med beslutet bakom',
      request: { params: IdParam, ...jsonBody(z.object({ version: Version, decisionId: z.string().min(1) })) },
      responses: { ...ok('Beslutad', PlanSchema), ...writeErrors },
    }),
    async (c) => c.json(await decidePlan(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  // Goals
  app.openapi(
    createRoute({
      method: 'get',
      path: '/goals',
      tags: ['Mål'],
      summary: 'Mål, med formuleringar och drift',
      request: {
        query: z.object({
          planId: z.string().optional(),
          unitId: z.string().optional(),
          drift: z.enum(['true', 'false']).optional(),
        }),
      },
      responses: { ...ok('Målen', z.object({ goals: z.array(GoalSchema) })), ...readErrors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const drift = q.drift === undefined ? undefined : q.drift === 'true';
      return c.json(
        { goals: await listGoals(servicesOf(c), actorOf(c), { planId: q.planId, unitId: q.unitId, drift }) },
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/goals/{id}',
      tags: ['Mål'],
      summary: 'Ett mål med alla formuleringar, överordnade och underordnade mål',
      request: { params: IdParam },
      responses: { ...ok('Målet', GoalSchema), ...readErrors },
    }),
    async (c) => c.json(await getGoal(servicesOf(c), actorOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/goals',
      tags: ['Mål'],
      summary: 'Skapa ett mål i en plan som inte är beslutad',
      request: jsonBody(GoalInput),
      responses: { ...created('Skapat', GoalSchema), ...writeErrors },
    }),
    async (c) => c.json(await createGoal(servicesOf(c), actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/goals/{id}',
      tags: ['Mål'],
      summary: 'Ändra ett mål; en ny formulering i en beslutad plan behöver ett beslut',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            version: Version,
            title: title.optional(),
            description: text(20_000).optional(),
            decisionId: z.string().nullable().optional(),
            perspective: z.enum(PERSPECTIVES).optional(),
            focusArea: text(200).nullable().optional(),
            targetYear: z.number().int().min(2000).max(2100).nullable().optional(),
            parentGoalIds: z.array(z.string()).max(50).optional(),
          }),
        ),
      },
      responses: { ...ok('Ändrat', GoalSchema), ...writeErrors },
    }),
    async (c) => c.json(await updateGoal(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/goals/{id}/analyses',
      tags: ['Mål'],
      summary: 'Chefens analys av målet för en enhet och månad',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            unitId: z.string().min(1),
            period: MonthSchema,
            text: z.string().trim().min(1).max(20_000),
            version: z.number().int().positive().nullable(),
          }),
        ),
      },
      responses: {
        ...ok('Sparad', AnalysisSchema),
        ...writeErrors,
        409: {
          description: 'Analysen har ändrats av någon annan; svaret bär analysen som den är nu',
          content: { 'application/json': { schema: AnalysisConflictSchema } },
        },
      },
    }),
    async (c) =>
      c.json(await setAnalysis(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  // Assignments
  app.openapi(
    createRoute({
      method: 'get',
      path: '/assignments',
      tags: ['Uppdrag'],
      summary: 'Uppdrag från de politiska organen, med försenade återrapporteringar',
      request: { query: z.object({ overdue: z.enum(['true', 'false']).optional(), unitId: z.string().optional() }) },
      responses: { ...ok('Uppdragen', z.object({ assignments: z.array(AssignmentSchema) })), ...readErrors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const overdue = q.overdue === undefined ? undefined : q.overdue === 'true';
      return c.json(
        { assignments: await listAssignments(servicesOf(c), actorOf(c), { overdue, unitId: q.unitId }) },
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/assignments',
      tags: ['Uppdrag'],
      summary: 'Registrera ett uppdrag',
      request: jsonBody(AssignmentInput),
      responses: { ...created('Registrerat', AssignmentSchema), ...writeErrors },
    }),
    async (c) => c.json(await createAssignment(servicesOf(c), actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/assignments/{id}',
      tags: ['Uppdrag'],
      summary: 'Ändra eller återrapportera ett uppdrag',
      request: { params: IdParam, ...jsonBody(AssignmentInput.extend({ version: Version })) },
      responses: { ...ok('Ändrat', AssignmentSchema), ...writeErrors },
    }),
    async (c) =>
      c.json(await updateAssignment(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  // Indicators, targets and values
  app.openapi(
    createRoute({
      method: 'get',
      path: '/indicators',
      tags: ['Indikatorer'],
      summary: 'Indikatorerna och hur de räknas upp i organisationen',
      request: { query: z.object({ goalId: z.string().optional() }) },
      responses: { ...ok('Indikatorerna', z.object({ indicators: z.array(IndicatorSchema) })), ...readErrors },
    }),
    async (c) => c.json({ indicators: await listIndicators(servicesOf(c), actorOf(c), c.req.valid('query')) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/indicators/{id}',
      tags: ['Indikatorer'],
      summary: 'En indikator',
      request: { params: IdParam },
      responses: { ...ok('Indikatorn', IndicatorSchema), ...readErrors },
    }),
    async (c) => c.json(await getIndicator(servicesOf(c), actorOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/indicators',
      tags: ['Indikatorer'],
      summary: 'Definiera en indikator',
      request: jsonBody(IndicatorInput),
      responses: { ...created('Definierad', IndicatorSchema), ...writeErrors },
    }),
    async (c) => c.json(await createIndicator(servicesOf(c), actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/indicators/{id}',
      tags: ['Indikatorer'],
      summary: 'Ändra en indikators definition',
      request: { params: IdParam, ...jsonBody(IndicatorInput.extend({ version: Version })) },
      responses: { ...ok('Ändrad', IndicatorSchema), ...writeErrors },
    }),
    async (c) =>
      c.json(await updateIndicator(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/indicators/{id}/targets',
      tags: ['Indikatorer'],
      summary: 'Målvärden per enhet och år eller månad',
      request: { params: IdParam },
      responses: { ...ok('Målvärdena', z.object({ targets: z.array(TargetSchema) })), ...readErrors },
    }),
    async (c) => c.json({ targets: await listTargets(servicesOf(c), actorOf(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/indicators/{id}/targets',
      tags: ['Indikatorer'],
      summary: 'Sätt eller ta bort ett målvärde med tolerans för gult',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            unitId: z.string().min(1),
            period: z.string(),
            target: DecimalText.nullable(),
            tolerance: DecimalText.default('0'),
          }),
        ),
      },
      responses: { ...ok('Sparat (null när målvärdet togs bort)', orNull(TargetSchema)), ...writeErrors },
    }),
    async (c) => c.json(await setTarget(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/indicators/{id}/across',
      tags: ['Indikatorer'],
      summary: 'En indikator över hela organisationen (horisontell uppföljning), en sida enheter i taget',
      request: { params: IdParam, query: IndicatorAcrossQuerySchema },
      responses: { ...ok('En sida av enheterna och hur många de är', IndicatorAcrossSchema), ...readErrors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(
        await indicatorAcross(servicesOf(c), actorOf(c), c.req.valid('param').id, q.period, {
          rootId: q.unit,
          limit: q.limit,
          offset: q.offset,
          depth: q.depth,
        }),
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/values',
      tags: ['Indikatorer'],
      summary: 'Inmatade utfall och prognoser',
      request: {
        query: z.object({
          indicator: z.string().optional(),
          unit: z.string().optional(),
          from: MonthSchema,
          to: MonthSchema,
        }),
      },
      responses: { ...ok('Värdena', z.object({ values: z.array(StoredValueSchema) })), ...readErrors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const values = await listValues(servicesOf(c), actorOf(c), {
        indicatorIds: q.indicator ? q.indicator.split(',') : undefined,
        unitId: q.unit,
        from: q.from,
        to: q.to,
      });
      return c.json({ values }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/values',
      tags: ['Indikatorer'],
      summary: 'Mata in utfall och prognoser: ett värde eller ett rutnät, allt eller inget',
      request: jsonBody(z.object({ values: z.array(ValueRow).min(1).max(5000) })),
      responses: { ...ok('Sparade', z.object({ values: z.array(StoredValueSchema) })), ...writeErrors },
    }),
    async (c) => c.json({ values: await setValues(servicesOf(c), actorOf(c), c.req.valid('json').values) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/values/export.xlsx',
      tags: ['Indikatorer'],
      summary: 'Inmatade värden som Excel-arbetsbok (samma format som importen läser)',
      request: {
        query: z.object({
          indicator: z.string().optional(),
          unit: z.string().optional(),
          from: MonthSchema,
          to: MonthSchema,
        }),
      },
      responses: {
        ...xlsxResponse,
        ...readErrors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const file = await exportValues(servicesOf(c), actorOf(c), {
        indicatorIds: q.indicator ? q.indicator.split(',') : undefined,
        unitId: q.unit,
        from: q.from,
        to: q.to,
      });
      return c.body(new Uint8Array(file), 200, {
        'content-type': XLSX,
        'content-disposition': `attachment; filename="varden-${q.from}-${q.to}.xlsx"`,
      });
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/values/import',
      tags: ['Indikatorer'],
      summary: 'Läs in värden från Excel: varje felaktig rad redovisas, och inget skrivs om någon rad är fel',
      description: IMPORT_LIMITS_DESCRIPTION,
      request: { query: z.object({ dryRun: z.enum(['true', 'false']).default('false') }) },
      responses: {
        ...ok('Inläst (eller, vid dryRun, kontrollerad)', ValueImportSummarySchema),
        ...writeErrors,
        413: errors[413],
      },
    }),
    async (c) => {
      // The service authorises before it reads the file, and refuses an empty one after that.
      const summary = await importValues(servicesOf(c), actorOf(c), await c.req.arrayBuffer(), {
        dryRun: c.req.valid('query').dryRun === 'true',
        limits: config.workbookLimits,
      });
      return c.json(summary, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/periods/latest',
      tags: ['Styrkort'],
      summary: 'Den senaste månaden som har utfall, att visa styrkort för',
      responses: { ...ok('Månaden', z.object({ period: z.string().nullable() })), ...readErrors },
    }),
    async (c) => c.json({ period: await latestPeriod(servicesOf(c), actorOf(c)) }, 200),
  );

  // Scorecard
  app.openapi(
    createRoute({
      method: 'get',
      path: '/scorecard',
      tags: ['Styrkort'],
      summary: 'Styrkortet för en enhet och månad',
      request: { query: z.object({ unit: z.string().min(1), period: z.string() }) },
      responses: { ...ok('Styrkortet', ScorecardSchema), ...readErrors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await scorecard(servicesOf(c), actorOf(c), q.unit, q.period), 200);
    },
  );

  // Activities
  app.openapi(
    createRoute({
      method: 'get',
      path: '/activities',
      tags: ['Aktiviteter'],
      summary: 'Aktiviteter för en enhet och enheterna under den, eller för ett mål',
      request: { query: z.object({ unit: z.string().optional(), goal: z.string().optional() }) },
      responses: { ...ok('Aktiviteterna', z.object({ activities: z.array(ActivitySchema) })), ...readErrors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(
        { activities: await listActivities(servicesOf(c), actorOf(c), { unitId: q.unit, goalId: q.goal }) },
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/activities',
      tags: ['Aktiviteter'],
      summary: 'Skapa en aktivitet',
      request: jsonBody(ActivityInput),
      responses: { ...created('Skapad', ActivitySchema), ...writeErrors },
    }),
    async (c) => c.json(await createActivity(servicesOf(c), actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/activities/{id}',
      tags: ['Aktiviteter'],
      summary: 'Ändra en aktivitet',
      request: { params: IdParam, ...jsonBody(ActivityInput.extend({ version: Version })) },
      responses: { ...ok('Ändrad', ActivitySchema), ...writeErrors },
    }),
    async (c) =>
      c.json(await updateActivity(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/activities/{id}/reports',
      tags: ['Aktiviteter'],
      summary: 'Månadens rapport: status, framdrift och kommentar',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            version: Version,
            period: MonthSchema,
            status: z.enum(ACTIVITY_STATUSES),
            progress: z.number().int().min(0).max(100),
            comment: text(2000).default(''),
          }),
        ),
      },
      responses: { ...ok('Rapporterad', ActivitySchema), ...writeErrors },
    }),
    async (c) =>
      c.json(await reportActivity(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return app;
}
