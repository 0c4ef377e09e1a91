import { createRoute, z } from '@hono/zod-openapi';
import { ACTION_STATUSES, FREQUENCIES, JUDGEMENTS } from '../../domain/control/rules';
import { IMPORT_LIMITS_DESCRIPTION } from '../core/workbook';
import { actorOf, type Deps, errors, IsoDateSchema, router, servicesOf } from '../http/env';
import { created, IdParam, jsonBody, ok, readErrors, writeErrors, XLSX, xlsxResponse } from '../http/routing';
import { uploadedBytes } from '../http/upload';
import { exportControlPlan, importControlPlan } from './excel';
import { ControlPlanImportSchema } from './excel-schemas';
import { escalationList, getAssessment, saveAssessment, uppsikt } from './oversight';
import { addPoint, createPlan, decidePlan, getPlan, listPlans, updatePoint } from './plans';
import { pointResults, recordResult, updateAction } from './results';
import {
  AssessmentViewSchema,
  ControlActionSchema,
  ControlPlanListSchema,
  ControlPlanSchema,
  ControlPointSchema,
  ControlResultSchema,
  EscalationsSchema,
  OccasionText,
  PointResultsSchema,
  UppsiktSchema,
} from './schemas';

const tags = ['Intern kontroll'];
const Year = z.coerce.number().int().min(2000).max(2100);
const Text = (max: number) => z.string().trim().max(max);

const PointBody = z.object({
  riskId: z.string().min(1).nullable().default(null).openapi({ description: 'Risken ur organets riskregister' }),
  regionWide: z.boolean().default(false).openapi({ description: 'Styrelsens krav på varje nämnd' }),
  unitId: z.string().min(1).nullable().default(null),
  what: Text(500).min(1).openapi({ description: 'Vad som kontrolleras' }),
  method: Text(1000).default(''),
  frequency: z.enum(FREQUENCIES),
  checkerUserId: z.string().min(1).nullable().default(null).openapi({ description: 'Vem som kontrollerar' }),
  recipient: Text(200).default('').openapi({ description: 'Vem som får resultatet' }),
  dueOn: IsoDateSchema.nullable().default(null),
});

const ActionBody = z.object({
  what: Text(1000).min(1),
  ownerUserId: z.string().min(1).nullable().default(null),
  dueOn: IsoDateSchema,
});

export function controlRoutes({ config }: Deps) {
  const app = router();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/control/plans',
      tags,
      summary: 'Årets internkontrollplaner som användaren läser, och organen som kan ha en',
      request: { query: z.object({ year: Year }) },
      responses: { ...ok('Planerna', ControlPlanListSchema), ...readErrors },
    }),
    async (c) => c.json(await listPlans(servicesOf(c), actorOf(c), c.req.valid('query').year), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/control/plans',
      tags,
      summary: 'Skapa ett organs internkontrollplan för ett år (med styrelsens regiongemensamma kontroller)',
      request: jsonBody(z.object({ bodyId: z.string().min(1), year: z.number().int().min(2000).max(2100) })),
      responses: { ...created('Skapad', ControlPlanSchema), ...writeErrors },
    }),
    async (c) => c.json(await createPlan(servicesOf(c), actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/control/plans/{id}',
      tags,
      summary: 'En internkontrollplan med dess kontrollpunkter',
      request: { params: IdParam },
      responses: { ...ok('Planen', ControlPlanSchema), ...readErrors },
    }),
    async (c) => c.json(await getPlan(servicesOf(c), actorOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/control/plans/{id}/points',
      tags,
      summary: 'Lägg till en kontrollpunkt i en plan som inte är beslutad',
      request: { params: IdParam, ...jsonBody(PointBody) },
      responses: { ...created('Tillagd', ControlPointSchema), ...writeErrors },
    }),
    async (c) => c.json(await addPoint(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/control/points/{id}',
      tags,
      summary: 'Ändra en kontrollpunkt i en plan som inte är beslutad',
      request: { params: IdParam, ...jsonBody(PointBody.extend({ version: z.number().int().positive() })) },
      responses: { ...ok('Ändrad', ControlPointSchema), ...writeErrors },
    }),
    async (c) =>
      c.json(await updatePoint(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/control/plans/{id}/decide',
      tags,
      summary: 'Anta planen genom ett registrerat beslut av det behöriga organet (nämnden själv)',
      request: {
        params: IdParam,
        ...jsonBody(z.object({ version: z.number().int().positive(), decisionId: z.string().min(1) })),
      },
      responses: { ...ok('Beslutad', ControlPlanSchema), ...writeErrors },
    }),
    async (c) => c.json(await decidePlan(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/control/points/{id}/results',
      tags,
      summary: 'En kontrollpunkts resultat per tillfälle, med åtgärderna',
      request: { params: IdParam },
      responses: { ...ok('Resultaten', PointResultsSchema), ...readErrors },
    }),
    async (c) => c.json(await pointResults(servicesOf(c), actorOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/control/points/{id}/results/{occasion}',
      tags,
      summary: 'Registrera eller ändra resultatet för ett tillfälle; en avvikelse kräver en åtgärd',
      request: {
        params: z.object({ id: z.string().min(1), occasion: OccasionText }),
        ...jsonBody(
          z.object({
            version: z.number().int().positive().nullable().default(null).openapi({
              description: 'Resultatets version när det ändras; null för tillfällets första resultat',
            }),
            done: z.boolean(),
            deviation: z.boolean().default(false),
            serious: z.boolean().default(false),
            sampleSize: z.number().int().min(0).max(1_000_000).nullable().default(null),
            findings: Text(4000).default(''),
            evidence: Text(1000).default('').openapi({ description: 'Länk eller filreferens' }),
            actions: z.array(ActionBody).max(20).default([]),
          }),
        ),
      },
      responses: { ...ok('Registrerat', ControlResultSchema), ...writeErrors },
    }),
    async (c) => {
      const { id, occasion } = c.req.valid('param');
      return c.json(await recordResult(servicesOf(c), actorOf(c), id, occasion, c.req.valid('json')), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/control/actions/{id}',
      tags,
      summary: 'Ändra en åtgärd efter en avvikelse, eller markera den klar',
      request: {
        params: IdParam,
        ...jsonBody(ActionBody.extend({ version: z.number().int().positive(), status: z.enum(ACTION_STATUSES) })),
      },
      responses: { ...ok('Ändrad', ControlActionSchema), ...writeErrors },
    }),
    async (c) =>
      c.json(await updateAction(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/control/escalations',
      tags,
      summary: 'Allvarliga avvikelser och försenade åtgärder, till organets ordförande och controller',
      request: { query: z.object({ year: Year }) },
      responses: { ...ok('Eskaleringarna', EscalationsSchema), ...readErrors },
    }),
    async (c) => c.json(await escalationList(servicesOf(c), actorOf(c), c.req.valid('query').year), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/control/uppsikt',
      tags,
      summary:
        'Styrelsens uppsikt: per nämnd planens status, kontrollpunkter, resultat, avvikelser, åtgärder och bedömning',
      request: { query: z.object({ year: Year }) },
      responses: { ...ok('Uppsikten', UppsiktSchema), ...readErrors },
    }),
    async (c) => c.json(await uppsikt(servicesOf(c), actorOf(c), c.req.valid('query').year), 200),
  );
  const AssessmentParams = z.object({ bodyId: z.string().min(1), year: Year });
  app.openapi(
    createRoute({
      method: 'get',
      path: '/control/bodies/{bodyId}/assessments/{year}',
      tags,
      summary: 'Nämndens årliga bedömning av sin interna kontroll, med årets utfall',
      request: { params: AssessmentParams },
      responses: { ...ok('Bedömningen', AssessmentViewSchema), ...readErrors },
    }),
    async (c) => {
      const { bodyId, year } = c.req.valid('param');
      return c.json(await getAssessment(servicesOf(c), actorOf(c), bodyId, year), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/control/bodies/{bodyId}/assessments/{year}',
      tags,
      summary: 'Skriv nämndens bedömning: tillräcklig, delvis tillräcklig eller otillräcklig, med skäl',
      request: {
        params: AssessmentParams,
        ...jsonBody(
          z.object({
            version: z.number().int().positive().nullable().default(null),
            judgement: z.enum(JUDGEMENTS),
            reasons: Text(4000).default(''),
            decisionId: z.string().min(1).nullable().default(null),
          }),
        ),
      },
      responses: { ...ok('Sparad', AssessmentViewSchema), ...writeErrors },
    }),
    async (c) => {
      const { bodyId, year } = c.req.valid('param');
      return c.json(await saveAssessment(servicesOf(c), actorOf(c), bodyId, year, c.req.valid('json')), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/control/plans/{id}/export.xlsx',
      tags,
      summary:
        'Internkontrollplanens kontrollpunkter som Excel: vad, metod, frekvens, kontrollant, mottagare, datum och risk',
      request: { params: IdParam },
      responses: { ...xlsxResponse, ...readErrors },
    }),
    async (c) => {
      const file = await exportControlPlan(servicesOf(c), actorOf(c), c.req.valid('param').id);
      return c.body(new Uint8Array(file), 200, {
        'content-type': XLSX,
        'content-disposition': 'attachment; filename="internkontrollplan.xlsx"',
      });
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/control/plans/{id}/import',
      tags,
      summary:
        'Läs in kontrollpunkter från Excel till en plan som inte är beslutad (422 för en beslutad): rader utan id läggs till, rader med id ändras. Varje felaktig rad redovisas med rad och kolumn, och inget skrivs om någon rad är fel',
      description: `Filen skickas som förfrågans innehåll (${XLSX}) eller som fältet file i multipart/form-data. Kontrollanten anges med användarnamn, risken med id eller titel ur organets riskregister. ${IMPORT_LIMITS_DESCRIPTION}`,
      request: { params: IdParam },
      responses: { ...ok('Inläst', ControlPlanImportSchema), ...writeErrors, 413: errors[413] },
    }),
    async (c) =>
      c.json(
        await importControlPlan(servicesOf(c), actorOf(c), c.req.valid('param').id, await uploadedBytes(c.req.raw), {
          limits: config.workbookLimits,
        }),
        200,
      ),
  );
  return app;
}
