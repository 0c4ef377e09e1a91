import { createRoute, z } from '@hono/zod-openapi';
import { BODY_KINDS } from '../../domain/org';
import { actorOf, type Deps, errors, IsoDateSchema, router } from '../http/env';
import { writeErrors } from '../http/routing';
import { createBody, listBodies, updateBody } from './service';

const BodySchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    name: z.string(),
    kind: z.enum(BODY_KINDS),
    parentBodyId: z.string().nullable(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    unitIds: z.array(z.string()),
  })
  .openapi('Body');

const BodyInput = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(BODY_KINDS),
  parentBodyId: z.string().nullable().default(null),
  validFrom: IsoDateSchema,
  validTo: IsoDateSchema.nullable().default(null),
  unitIds: z.array(z.string()).max(1000).default([]),
});
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

export function bodyRoutes({ services }: Deps) {
  const app = router();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/bodies',
      tags: ['Organisation'],
      summary: 'De politiska organen och enheterna de styr',
      responses: {
        200: { description: 'Organen', ...json(z.object({ bodies: z.array(BodySchema) })) },
        400: errors[400],
        401: errors[401],
        403: errors[403],
      },
    }),
    async (c) => c.json({ bodies: await listBodies(services, actorOf(c)) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/bodies',
      tags: ['Organisation'],
      summary: 'Skapa ett politiskt organ',
      request: { body: { required: true, ...json(BodyInput) } },
      responses: { 201: { description: 'Skapat', ...json(BodySchema) }, ...writeErrors },
    }),
    async (c) => c.json(await createBody(services, actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/bodies/{id}',
      tags: ['Organisation'],
      summary: 'Ändra ett politiskt organ',
      request: {
        params: z.object({ id: z.string().min(1) }),
        body: { required: true, ...json(BodyInput.extend({ version: z.number().int().positive() })) },
      },
      responses: { 200: { description: 'Ändrat', ...json(BodySchema) }, ...writeErrors },
    }),
    async (c) => c.json(await updateBody(services, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return app;
}
