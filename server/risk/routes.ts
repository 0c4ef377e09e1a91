import { createRoute, z } from '@hono/zod-openapi';
import { RISK_LINK_KINDS } from '../../domain/risk/matrix';
import { actorOf, type Deps, router } from '../http/env';
import { created, IdParam, jsonBody, ok, readErrors, writeErrors } from '../http/routing';
import { assessRisk } from './assessments';
import { linkRisk, unlinkRisk } from './links';
import { riskMatrix } from './matrix';
import { getRiskScale, setRiskScale } from './scale';
import {
  AssessmentInputSchema,
  LinkInputSchema,
  RiskAssessmentSchema,
  RiskChangeSchema,
  RiskDetailSchema,
  RiskInputSchema,
  RiskLinkSchema,
  RiskListSchema,
  RiskMatrixSchema,
  RiskScaleInputSchema,
  RiskScaleSchema,
  RiskScopeQuery,
} from './schemas';
import { createRisk, getRisk, listRisks, updateRisk } from './service';

const TAGS = ['Risker'];
type Query = z.infer<typeof RiskScopeQuery>;
const scopeOf = (q: Query) => ({
  bodyId: q.bodyId,
  unitId: q.unitId,
  includeBelow: q.includeBelow === 'true',
  status: q.status,
});

export function riskRoutes({ services }: Deps) {
  const app = router();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/risks',
      tags: TAGS,
      summary:
        'Riskregistret för ett organ eller en enhet (med includeBelow: enheterna under, för styrelsen alla nämnders)',
      request: { query: RiskScopeQuery },
      responses: { ...ok('Riskerna, högsta värde först', RiskListSchema), ...readErrors },
    }),
    async (c) => c.json({ risks: await listRisks(services, actorOf(c), scopeOf(c.req.valid('query'))) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/risks/matrix',
      tags: TAGS,
      summary: 'Riskmatrisen för ett omfång: antal risker per ruta (sannolikhet × konsekvens) och vilka',
      request: { query: RiskScopeQuery },
      responses: { ...ok('Matrisen', RiskMatrixSchema), ...readErrors },
    }),
    async (c) => c.json(await riskMatrix(services, actorOf(c), scopeOf(c.req.valid('query'))), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/risks',
      tags: TAGS,
      summary: 'Lägg till en risk i ett organs eller en enhets riskregister',
      request: jsonBody(RiskInputSchema),
      responses: { ...created('Tillagd', RiskDetailSchema), ...writeErrors },
    }),
    async (c) => c.json(await createRisk(services, actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/risks/{id}',
      tags: TAGS,
      summary: 'En risk med alla bedömningar och kopplingar',
      request: { params: IdParam },
      responses: { ...ok('Risken', RiskDetailSchema), ...readErrors },
    }),
    async (c) => c.json(await getRisk(services, actorOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/risks/{id}',
      tags: TAGS,
      summary: 'Ändra en risk (409 om någon annan har ändrat den sedan version)',
      request: { params: IdParam, ...jsonBody(RiskChangeSchema) },
      responses: { ...ok('Ändrad', RiskDetailSchema), ...writeErrors },
    }),
    async (c) => c.json(await updateRisk(services, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/risks/{id}/assessments',
      tags: TAGS,
      summary: 'Bedöm en risk: en ny bedömning, tidigare bedömningar ändras aldrig',
      request: { params: IdParam, ...jsonBody(AssessmentInputSchema) },
      responses: { ...created('Bedömd', RiskAssessmentSchema), ...writeErrors },
    }),
    async (c) => c.json(await assessRisk(services, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/risks/{id}/links',
      tags: TAGS,
      summary: 'Koppla risken till ett mål, en åtgärd eller en indikator som du får läsa',
      request: { params: IdParam, ...jsonBody(LinkInputSchema) },
      responses: { ...created('Kopplad', RiskLinkSchema), ...writeErrors },
    }),
    async (c) => c.json(await linkRisk(services, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/risks/{id}/links/{kind}/{targetId}',
      tags: TAGS,
      summary: 'Ta bort en koppling',
      request: {
        params: z.object({ id: z.string().min(1), kind: z.enum(RISK_LINK_KINDS), targetId: z.string().min(1) }),
      },
      responses: { ...ok('Borttagen', z.object({ ok: z.literal(true) })), ...writeErrors },
    }),
    async (c) => {
      const { id, kind, targetId } = c.req.valid('param');
      await unlinkRisk(services, actorOf(c), id, { kind, targetId });
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/risk-scale',
      tags: TAGS,
      summary: 'Regionens riskskala: stegen med ord, gränserna för färgnivåerna och varje ruta',
      responses: { ...ok('Skalan', RiskScaleSchema), ...readErrors },
    }),
    async (c) => c.json(await getRiskScale(services, actorOf(c)), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/risk-scale',
      tags: TAGS,
      summary: 'Ändra regionens riskskala (administratör); gjorda bedömningar behåller sitt värde och sin nivå',
      request: jsonBody(RiskScaleInputSchema),
      responses: { ...ok('Ändrad', RiskScaleSchema), ...writeErrors },
    }),
    async (c) => c.json(await setRiskScale(services, actorOf(c), c.req.valid('json')), 200),
  );
  return app;
}
