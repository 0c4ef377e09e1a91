import { createRoute, z } from '@hono/zod-openapi';
import { BODY_KINDS, UNIT_LEVELS } from '../../domain/org';
import { actorOf, type Deps, errors, IsoDateSchema, jsonAnswer, router, servicesOf } from '../http/env';
import { writeErrors } from '../http/routing';
import { closeUnit, createUnit, getUnit, listedUnitsJson, today, UNIT_ABILITIES, updateUnit } from './service';

const Name = z.string().trim().min(1, 'får inte vara tomt').max(200);
const Code = z.string().trim().max(40).nullable();

export const UnitSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    parentId: z.string().nullable(),
    name: z.string(),
    level: z.enum(UNIT_LEVELS),
    code: z.string().nullable(),
    managerName: z.string().nullable(),
    managerUserId: z.string().nullable(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
  })
  .openapi('OrgUnit');

/** A unit in the tree, with what the caller may do in it (UNIT_ABILITIES in the service). */
const ListedUnitSchema = UnitSchema.extend({
  can: z
    .object(
      Object.fromEntries(Object.keys(UNIT_ABILITIES).map((k) => [k, z.boolean()])) as {
        [K in keyof typeof UNIT_ABILITIES]: z.ZodBoolean;
      },
    )
    .openapi('OrgUnitListCan'),
}).openapi('ListedOrgUnit');

const StateSchema = UnitSchema.omit({ id: true, version: true }).extend({ stateId: z.string() });

const UnitDetailSchema = z
  .object({
    unit: UnitSchema,
    path: z.array(z.object({ id: z.string(), name: z.string() })),
    children: z.array(UnitSchema),
    bodies: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(BODY_KINDS) })),
    states: z.array(StateSchema),
    /** What the caller may do with the unit: change or close it (edit), read its history. */
    can: z.object({ edit: z.boolean(), history: z.boolean() }).openapi('OrgUnitCan'),
  })
  .openapi('OrgUnitDetail');

const AsOf = z.object({ asOf: IsoDateSchema.optional().openapi({ description: 'Trädet som det var denna dag' }) });
const IdParam = z.object({ id: z.string().min(1) });
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

export function orgRoutes(_deps: Deps) {
  const app = router();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/org-units',
      tags: ['Organisation'],
      summary: 'Organisationsträdet, som det ser ut i dag eller som det var en viss dag',
      request: { query: AsOf },
      responses: {
        200: {
          description: 'Enheterna i svensk namnordning',
          ...json(z.object({ asOf: z.string(), units: z.array(ListedUnitSchema) })),
        },
        400: errors[400],
        401: errors[401],
        403: errors[403],
      },
    }),
    async (c) => {
      const { asOf } = c.req.valid('query');
      const day = asOf ?? today(servicesOf(c));
      // JSON bytes copied together from kept parts (see listedUnitsJson); the schema above is its shape.
      return jsonAnswer(c, await listedUnitsJson(servicesOf(c), actorOf(c), day)) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/org-units/{id}',
      tags: ['Organisation'],
      summary: 'En enhet: läge i trädet, underenheter, styrande organ och omorganisationer över tid',
      request: { params: IdParam, query: AsOf },
      responses: {
        200: { description: 'Enheten', ...json(UnitDetailSchema) },
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { asOf } = c.req.valid('query');
      return c.json(await getUnit(servicesOf(c), actorOf(c), id, asOf), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/org-units',
      tags: ['Organisation'],
      summary: 'Skapa en enhet',
      request: {
        body: {
          required: true,
          ...json(
            z.object({
              parentId: z.string().nullable(),
              name: Name,
              level: z.enum(UNIT_LEVELS),
              code: Code.default(null),
              managerName: z.string().trim().max(200).nullable().default(null),
              validFrom: IsoDateSchema.optional(),
            }),
          ),
        },
      },
      responses: {
        201: { description: 'Skapad', ...json(UnitSchema) },
        ...writeErrors,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const unit = await createUnit(servicesOf(c), actorOf(c), {
        ...body,
        validFrom: body.validFrom ?? today(servicesOf(c)),
      });
      return c.json(unit, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/org-units/{id}',
      tags: ['Organisation'],
      summary: 'Ändra en enhet (byta namn, flytta, byta chef) från ett visst datum',
      description:
        'Ändringen gäller från effectiveFrom. Trädet före det datumet förblir som det var. ' +
        'Ange versionen du läste; har någon annan ändrat enheten sedan dess blir svaret 409 med den aktuella posten.',
      request: {
        params: IdParam,
        body: {
          required: true,
          ...json(
            z.object({
              version: z.number().int().positive(),
              effectiveFrom: IsoDateSchema.optional(),
              name: Name.optional(),
              parentId: z.string().nullable().optional(),
              level: z.enum(UNIT_LEVELS).optional(),
              code: Code.optional(),
              managerName: z.string().trim().max(200).nullable().optional(),
            }),
          ),
        },
      },
      responses: {
        200: { description: 'Ändrad', ...json(UnitSchema) },
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
        409: errors[409],
        413: errors[413],
        422: errors[422],
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const unit = await updateUnit(servicesOf(c), actorOf(c), id, {
        ...body,
        effectiveFrom: body.effectiveFrom ?? today(servicesOf(c)),
      });
      return c.json(unit, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/org-units/{id}/close',
      tags: ['Organisation'],
      summary: 'Avveckla en enhet från ett visst datum',
      request: {
        params: IdParam,
        body: {
          required: true,
          ...json(z.object({ version: z.number().int().positive(), closedFrom: IsoDateSchema })),
        },
      },
      responses: {
        200: { description: 'Avvecklad', ...json(UnitSchema) },
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
        409: errors[409],
        413: errors[413],
        422: errors[422],
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await closeUnit(servicesOf(c), actorOf(c), id, c.req.valid('json')), 200);
    },
  );

  return app;
}
