import { createRoute, z } from '@hono/zod-openapi';
import { RISK_LINK_KINDS } from '../../domain/risk/matrix';
import { IMPORT_LIMITS_DESCRIPTION } from '../core/workbook';
import { actorOf, type Deps, errors, router, servicesOf } from '../http/env';
import { created, IdParam, jsonBody, ok, readErrors, writeErrors, XLSX, xlsxResponse } from '../http/routing';
import { uploadedBytes } from '../http/upload';
import { assessRisk } from './assessments';
import { exportRisks, importRisks } from './excel';
import { RiskExportQuery, RiskImportSchema } from './excel-schemas';
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
import { createRisk, getRisk, listRisks, registerAbilities, updateRisk } from './service';

const TAGS = ['Risker'];
type Query = z.infer<typeof RiskScopeQuery>;
const scopeOf = (q: Query) => ({
  bodyId: q.bodyId,
  unitId: q.unitId,
  includeBelow: q.includeBelow === 'true',
  status: q.status,
});

export function riskRoutes({ config }: Deps) {
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
    async (c) => {
      const scope = scopeOf(c.req.valid('query'));
      const risks = await listRisks(servicesOf(c), actorOf(c), scope);
      return c.json({ risks, can: await registerAbilities(servicesOf(c), actorOf(c), scope) }, 200);
    },
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
    async (c) => c.json(await riskMatrix(servicesOf(c), actorOf(c), scopeOf(c.req.valid('query'))), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/risks/export.xlsx',
      tags: TAGS,
      summary:
        'Riskregistret som Excel i den form styrelser och nämnder får det: en rad per risk med senaste bedömning, och matrisen på ett eget blad',
      request: { query: RiskExportQuery },
      responses: { ...xlsxResponse, ...readErrors },
    }),
    async (c) => {
      const file = await exportRisks(servicesOf(c), actorOf(c), scopeOf(c.req.valid('query')));
      return c.body(new Uint8Array(file), 200, {
        'content-type': XLSX,
        'content-disposition': 'attachment; filename="riskregister.xlsx"',
      });
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/risks/import',
      tags: TAGS,
      summary:
        'Läs in risker från Excel (samma kolumner som exporten): rader utan id läggs till, rader med id ändras, sannolikhet och konsekvens ger en ny bedömning. Varje felaktig rad redovisas med rad och kolumn, och inget skrivs om någon rad är fel',
      description: `Filen skickas som förfrågans innehåll (${XLSX}) eller som fältet file i multipart/form-data. En rad som du inte får skriva avvisar hela filen med 403. ${IMPORT_LIMITS_DESCRIPTION}`,
      responses: { ...ok('Inläst', RiskImportSchema), ...writeErrors, 413: errors[413] },
    }),
    async (c) =>
      c.json(
        await importRisks(servicesOf(c), actorOf(c), await uploadedBytes(c.req.raw), { limits: config.workbookLimits }),
        200,
      ),
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
    async (c) => c.json(await createRisk(servicesOf(c), actorOf(c), c.req.valid('json')), 201),
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
    async (c) => c.json(await getRisk(servicesOf(c), actorOf(c), c.req.valid('param').id), 200),
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
    async (c) => c.json(await updateRisk(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
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
    async (c) => c.json(await assessRisk(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
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
    async (c) => c.json(await linkRisk(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
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
      await unlinkRisk(servicesOf(c), actorOf(c), id, { kind, targetId });
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
    async (c) => c.json(await getRiskScale(servicesOf(c), actorOf(c)), 200),
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
    async (c) => c.json(await setRiskScale(servicesOf(c), actorOf(c), c.req.valid('json')), 200),
  );
  return app;
}
