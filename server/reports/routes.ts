import { createRoute, z } from '@hono/zod-openapi';
import { REPORT_KINDS } from '../../domain/reports/content';
import { OUTCOMES } from '../../domain/reports/series';
import { actorOf, type Deps, errors, IsoDateSchema, router, servicesOf } from '../http/env';
import { IdParam, json, jsonBody, MonthSchema, ok, readErrors, writeErrors } from '../http/routing';
import { exportFile, exportReport, exportStatus, startExport } from './exports';
import { REPORT_FORMATS } from './render';
import { ExportJobSchema, MeetingSchema, ReportListSchema, ReportSchema, SentReportSchema } from './schemas';
import {
  addItem,
  createMeeting,
  createReport,
  getReport,
  listMeetings,
  listReports,
  recordDecision,
  sendReport,
  updateReport,
} from './service';

const tags = ['Rapporter och sammanträden'];
const Text = z.string().max(50_000);
const SbarSchema = z.object({ situation: Text, background: Text, assessment: Text, recommendation: Text });
const IdempotencyHeader = z.object({ 'idempotency-key': z.string().optional() });

const download = (file: { body: Buffer; contentType: string; name: string }) =>
  new Response(new Uint8Array(file.body), {
    status: 200,
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.name}"`,
      'content-length': String(file.body.length),
    },
  });

const fileResponse = {
  200: {
    description: 'Filen',
    content: Object.fromEntries(
      [
        'application/pdf',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ].map((t) => [t, { schema: z.string().openapi({ format: 'binary' }) }]),
    ),
  },
};

export function reportRoutes(_deps: Deps) {
  const app = router();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports',
      tags,
      summary: 'Rapporterna till nämnder och styrelse, med serierna av rapporter som bara antecknats',
      responses: {
        ...ok('Rapporterna', ReportListSchema),
        ...readErrors,
      },
    }),
    async (c) => c.json(await listReports(servicesOf(c), actorOf(c)), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/reports',
      tags,
      summary: 'Skapa en rapport (SBAR) för en enhet och månad',
      request: jsonBody(
        z.object({
          kind: z.enum(REPORT_KINDS),
          title: z.string().trim().min(1).max(300),
          unitId: z.string().min(1),
          period: MonthSchema,
          planId: z.string().nullable().default(null),
        }),
      ),
      responses: { 201: { description: 'Skapad', ...json(z.object({ id: z.string() })) }, ...writeErrors },
    }),
    async (c) => c.json(await createReport(servicesOf(c), actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}',
      tags,
      summary: 'En rapport: texten, innehållet (låst när den skickats) och vad som följde',
      request: { params: IdParam },
      responses: { ...ok('Rapporten', ReportSchema), ...readErrors },
    }),
    async (c) => c.json(await getReport(servicesOf(c), actorOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/reports/{id}',
      tags,
      summary: 'Ändra rubriken, SBAR-texten och förslaget till beslut (bara utkast)',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            version: z.number().int().positive(),
            title: z.string().trim().min(1).max(300),
            sbar: SbarSchema,
            proposedDecision: Text,
          }),
        ),
      },
      responses: { ...ok('Sparad', z.object({ id: z.string(), version: z.number() })), ...writeErrors },
    }),
    async (c) =>
      c.json(await updateReport(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/reports/{id}/send',
      tags,
      summary: 'Skicka rapporten till ett sammanträde: den läggs på dagordningen och låses (Idempotency-Key stöds)',
      request: {
        params: IdParam,
        headers: IdempotencyHeader,
        ...jsonBody(
          z.object({
            version: z.number().int().positive(),
            meetingId: z.string().min(1),
            paragraph: z.string().trim().min(1).max(20),
          }),
        ),
      },
      responses: { ...ok('Skickad', SentReportSchema), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await sendReport(
          servicesOf(c),
          actorOf(c),
          c.req.valid('param').id,
          c.req.valid('json'),
          c.req.header('Idempotency-Key'),
        ),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}/export',
      tags,
      summary: 'Rapporten som PDF, Word eller Excel (en skickad rapport precis som den skickades)',
      request: { params: IdParam, query: z.object({ format: z.enum(REPORT_FORMATS) }) },
      responses: { ...fileResponse, ...readErrors },
    }),
    async (c) =>
      download(
        await exportReport(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('query').format),
      ) as never,
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/reports/{id}/exports',
      tags,
      summary: 'Starta en export i bakgrunden; följ förloppet och hämta filen när den är klar',
      request: { params: IdParam, ...jsonBody(z.object({ format: z.enum(REPORT_FORMATS) })) },
      responses: {
        202: { description: 'Startad', ...json(z.object({ jobId: z.string() })) },
        ...readErrors,
        413: errors[413],
      },
    }),
    async (c) =>
      c.json(await startExport(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json').format), 202),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/exports/{id}',
      tags,
      summary: 'Hur långt en export har kommit',
      request: { params: IdParam },
      responses: { ...ok('Förloppet', ExportJobSchema), ...readErrors },
    }),
    async (c) => c.json(await exportStatus(servicesOf(c), actorOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/exports/{id}/file',
      tags,
      summary: 'Den färdiga exportens fil',
      request: { params: IdParam },
      responses: { ...fileResponse, ...readErrors, 409: errors[409] },
    }),
    async (c) => download(await exportFile(servicesOf(c), actorOf(c), c.req.valid('param').id)) as never,
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/meetings',
      tags,
      summary: 'Sammanträden med ärenden, rapporter och protokollförda beslut',
      request: { query: z.object({ body: z.string().optional() }) },
      responses: { ...ok('Sammanträdena', z.object({ meetings: z.array(MeetingSchema) })), ...readErrors },
    }),
    async (c) => c.json(await listMeetings(servicesOf(c), actorOf(c), c.req.valid('query').body), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/meetings',
      tags,
      summary: 'Lägg in ett sammanträde för ett organ',
      request: jsonBody(
        z.object({ bodyId: z.string().min(1), meetsOn: IsoDateSchema, title: z.string().trim().min(1).max(300) }),
      ),
      responses: { 201: { description: 'Skapat', ...json(z.object({ id: z.string() })) }, ...writeErrors },
    }),
    async (c) => c.json(await createMeeting(servicesOf(c), actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/items',
      tags,
      summary: 'Lägg till ett ärende på dagordningen',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            paragraph: z.string().trim().min(1).max(20),
            title: z.string().trim().min(1).max(300),
            reportId: z.string().nullable().optional(),
          }),
        ),
      },
      responses: { 201: { description: 'Tillagt', ...json(z.object({ id: z.string() })) }, ...writeErrors },
    }),
    async (c) => c.json(await addItem(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/items/{itemId}/decision',
      tags,
      summary: 'Protokollför beslutet i ett ärende: beslut, uppdrag eller information som antecknas',
      request: {
        params: z.object({ id: z.string().min(1), itemId: z.string().min(1) }),
        ...jsonBody(
          z.object({
            outcome: z.enum(OUTCOMES),
            text: z.string().trim().min(1).max(20_000),
            diarienummer: z.string().trim().max(100).nullable().optional(),
            /** Required for an uppdrag: it becomes an assignment followed up on the body's next agenda. */
            assignment: z
              .object({
                reportBackOn: IsoDateSchema,
                assigneeUnitId: z.string().min(1).nullable().optional(),
                assigneeName: z.string().trim().max(200).nullable().optional(),
              })
              .nullable()
              .optional(),
          }),
        ),
      },
      responses: {
        ...ok(
          'Protokollfört; ett uppdrag med sitt uppdrag att följa upp',
          z.object({ id: z.string(), decisionId: z.string(), assignmentId: z.string().nullable() }),
        ),
        ...writeErrors,
      },
    }),
    async (c) => {
      const { id, itemId } = c.req.valid('param');
      return c.json(await recordDecision(servicesOf(c), actorOf(c), id, itemId, c.req.valid('json')), 200);
    },
  );
  return app;
}
