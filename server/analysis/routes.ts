import { createRoute, z } from '@hono/zod-openapi';
import { ANALYSIS_SUBJECT_KINDS, RISK_GRADES } from '../../domain/analysis/impact';
import { actorOf, type Deps, IsoDateSchema, router, servicesOf } from '../http/env';
import { created, IdParam, jsonBody, ok, readErrors, writeErrors } from '../http/routing';
import { ImpactAnalysisListSchema, ImpactAnalysisSchema } from './schemas';
import { completeAnalysis, createAnalysis, getAnalysis, listAnalyses, updateAnalysis } from './service';

const TAG = ['Risk- och konsekvensanalys'];
const text = (max: number) => z.string().trim().max(max).default('');
const Grade = z
  .number()
  .int()
  .min(RISK_GRADES[0])
  .max(RISK_GRADES[RISK_GRADES.length - 1] as number)
  .nullable()
  .default(null);

const Body = z.object({
  title: z.string().trim().min(1).max(300),
  analysedOn: IsoDateSchema,
  patients: text(20_000).openapi({ description: 'Konsekvenser för patienter och medborgare' }),
  staff: text(20_000).openapi({ description: 'Konsekvenser för medarbetarna (arbetsmiljö)' }),
  unionConsultedOn: IsoDateSchema.nullable()
    .default(null)
    .openapi({ description: 'När samverkan (MBL) skedde; anges tillsammans med unionConsultedWith' }),
  unionConsultedWith: text(500).openapi({ description: 'Med vilka samverkan skedde' }),
  economy: text(20_000).openapi({ description: 'Konsekvenser för ekonomin' }),
  otherUnits: text(20_000).openapi({ description: 'Konsekvenser för andra enheter (kostnadsövervältring)' }),
  costShifts: z
    .array(z.object({ unitId: z.string().min(1), how: z.string().trim().min(1).max(2000) }))
    .max(100)
    .default([])
    .openapi({ description: 'Vilka enheter som får bära en kostnad, och hur' }),
  conclusion: text(20_000),
  risks: z
    .array(
      z.object({
        risk: z.string().trim().min(1).max(2000),
        mitigation: text(2000),
        probability: Grade,
        consequence: Grade,
      }),
    )
    .max(200)
    .default([]),
});

const Create = Body.extend({
  subjectKind: z.enum(ANALYSIS_SUBJECT_KINDS),
  measureId: z.string().nullable().default(null),
  decisionId: z.string().nullable().default(null),
  subjectTitle: text(300).openapi({
    description: 'Förändringen analysen gäller, när den inte är en åtgärd eller ett beslut',
  }),
  unitId: z
    .string()
    .nullable()
    .default(null)
    .openapi({ description: 'Enheten analysen hör till; för en åtgärd alltid åtgärdens enhet' }),
});

const Version = z.object({ version: z.number().int().positive() });

export function analysisRoutes(_deps: Deps) {
  const app = router();
  app.openapi(
    createRoute({
      method: 'post',
      path: '/impact-analyses',
      tags: TAG,
      summary: 'Skriv en risk- och konsekvensanalys (som utkast) för en åtgärd, ett beslut eller en förändring',
      request: jsonBody(Create),
      responses: { ...created('Skapad', ImpactAnalysisSchema), ...writeErrors },
    }),
    async (c) => c.json(await createAnalysis(servicesOf(c), actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/impact-analyses',
      tags: TAG,
      summary: 'En enhets och dess underenheters risk- och konsekvensanalyser',
      request: { query: z.object({ unitId: z.string().min(1) }) },
      responses: { ...ok('Analyserna', ImpactAnalysisListSchema), ...readErrors },
    }),
    async (c) => c.json(await listAnalyses(servicesOf(c), actorOf(c), c.req.valid('query').unitId), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/impact-analyses/{id}',
      tags: TAG,
      summary: 'En risk- och konsekvensanalys',
      request: { params: IdParam },
      responses: { ...ok('Analysen', ImpactAnalysisSchema), ...readErrors },
    }),
    async (c) => c.json(await getAnalysis(servicesOf(c), actorOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/impact-analyses/{id}',
      tags: TAG,
      summary: 'Ändra analysens avsnitt och risker',
      request: { params: IdParam, ...jsonBody(Body.merge(Version)) },
      responses: { ...ok('Ändrad', ImpactAnalysisSchema), ...writeErrors },
    }),
    async (c) =>
      c.json(await updateAnalysis(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/impact-analyses/{id}/complete',
      tags: TAG,
      summary: 'Markera analysen som klar: alla konsekvenser, samverkan och slutsats måste vara ifyllda',
      request: { params: IdParam, ...jsonBody(Version) },
      responses: { ...ok('Klar', ImpactAnalysisSchema), ...writeErrors },
    }),
    async (c) =>
      c.json(await completeAnalysis(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return app;
}
