import { createRoute, z } from '@hono/zod-openapi';
import { BODY_KINDS } from '../../domain/org';
import { abilities } from '../core/abilities';
import type { Actor, Services } from '../core/context';
import { actorOf, type Deps, errors, IsoDateSchema, router, servicesOf } from '../http/env';
import { jsonBody, ok, readErrors, writeErrors } from '../http/routing';
import { currentTree } from '../org/service';
import { addDelegation, type DelegationRowView, endDelegation, getDelegationOrder } from './delegations';
import { addMember, listMembers, type MemberRecord, updateMember } from './members';
import { delegationReportForBody, delegationReportForMeeting, delegationReportsOfBody } from './reported';
import {
  DelegationEndSchema,
  DelegationInputSchema,
  DelegationOrderSchema,
  DelegationReportSchema,
  DelegationReportsSchema,
  DelegationRowSchema,
  MemberChangeSchema,
  MemberInputSchema,
  MemberSchema,
  MembersSchema,
} from './schemas';
import { createBody, listedBodies, updateBody } from './service';

/** Amounts leave as digit strings (KronorText), never as numbers; `can` from the caller's rights. */
const rowOut = (r: DelegationRowView, write: boolean) => ({
  ...r,
  maxAmountKr: r.maxAmountKr === null ? null : r.maxAmountKr.toString(),
  can: { end: write && r.validTo === null },
});
const memberOut = (m: MemberRecord, write: boolean) => ({ ...m, can: { edit: write } });

/** Whether the caller keeps the bodies' orders and seats: the same rule the writes check. */
const mayWrite = async (services: Services, actor: Actor) =>
  abilities(actor, await currentTree(services))(null, { write: 'body.write' }).write;
const Id = z.object({ id: z.string().min(1) });

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

/** A body in the list, with what the caller may give it today (see listedBodies). */
const ListedBodySchema = BodySchema.extend({
  can: z
    .object({ addPlan: z.boolean(), addDecision: z.boolean(), addAssignment: z.boolean(), addMeeting: z.boolean() })
    .openapi('ListedBodyCan'),
}).openapi('ListedBody');

const BodyInput = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(BODY_KINDS),
  parentBodyId: z.string().nullable().default(null),
  validFrom: IsoDateSchema,
  validTo: IsoDateSchema.nullable().default(null),
  unitIds: z.array(z.string()).max(1000).default([]),
});
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

export function bodyRoutes(_deps: Deps) {
  const app = router();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/bodies',
      tags: ['Organisation'],
      summary: 'De politiska organen och enheterna de styr',
      responses: {
        200: { description: 'Organen', ...json(z.object({ bodies: z.array(ListedBodySchema) })) },
        400: errors[400],
        401: errors[401],
        403: errors[403],
      },
    }),
    async (c) => c.json({ bodies: await listedBodies(servicesOf(c), actorOf(c)) }, 200),
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
    async (c) => c.json(await createBody(servicesOf(c), actorOf(c), c.req.valid('json')), 201),
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
    async (c) => c.json(await updateBody(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/bodies/{id}/delegations',
      tags: ['Organisation'],
      summary: 'Organets delegationsordning: i kraft en dag, och alla rader över tid',
      request: { params: Id, query: z.object({ day: IsoDateSchema.optional() }) },
      responses: { ...ok('Delegationsordningen', DelegationOrderSchema), ...readErrors },
    }),
    async (c) => {
      const actor = actorOf(c);
      const order = await getDelegationOrder(servicesOf(c), actor, c.req.valid('param').id, c.req.valid('query').day);
      const write = await mayWrite(servicesOf(c), actor);
      return c.json(
        {
          ...order,
          inForce: order.inForce.map((r) => rowOut(r, write)),
          all: order.all.map((r) => rowOut(r, write)),
          can: { add: write },
        },
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/bodies/{id}/delegations',
      tags: ['Organisation'],
      summary: 'Lägg till en rad i organets delegationsordning från en dag (ersätter en rad från samma dag om angiven)',
      request: { params: Id, ...jsonBody(DelegationInputSchema) },
      responses: { 201: { description: 'Tillagd', ...json(DelegationRowSchema) }, ...writeErrors },
    }),
    async (c) =>
      c.json(
        rowOut(await addDelegation(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), true),
        201,
      ),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/body-delegations/{id}/end',
      tags: ['Organisation'],
      summary: 'Avsluta en rad i en delegationsordning från en dag',
      request: { params: Id, ...jsonBody(DelegationEndSchema) },
      responses: { ...ok('Avslutad', DelegationRowSchema), ...writeErrors },
    }),
    async (c) =>
      c.json(
        rowOut(await endDelegation(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), true),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/bodies/{id}/members',
      tags: ['Organisation'],
      summary: 'Ledamöter och ersättare i organet, med giltighetstider',
      request: { params: Id },
      responses: { ...ok('Ledamöterna', MembersSchema), ...readErrors },
    }),
    async (c) => {
      const actor = actorOf(c);
      const members = await listMembers(servicesOf(c), actor, c.req.valid('param').id);
      const write = await mayWrite(servicesOf(c), actor);
      return c.json({ members: members.map((m) => memberOut(m, write)), can: { add: write } }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/bodies/{id}/members',
      tags: ['Organisation'],
      summary: 'Lägg till en ledamot eller ersättare i organet',
      request: { params: Id, ...jsonBody(MemberInputSchema) },
      responses: { 201: { description: 'Tillagd', ...json(MemberSchema) }, ...writeErrors },
    }),
    async (c) =>
      c.json(
        memberOut(await addMember(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), true),
        201,
      ),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/body-members/{id}',
      tags: ['Organisation'],
      summary: 'Ändra en ledamots roll eller giltighetstid (avsluta genom att sätta validTo)',
      request: { params: Id, ...jsonBody(MemberChangeSchema) },
      responses: { ...ok('Ändrad', MemberSchema), ...writeErrors },
    }),
    async (c) =>
      c.json(
        memberOut(await updateMember(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), true),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/bodies/{id}/delegation-decisions',
      tags: ['Organisation'],
      summary: 'Anmälan av delegationsbeslut: beslut på organets vägnar till dess nästa sammanträde',
      request: { params: Id },
      responses: { ...ok('Delegationsbesluten', DelegationReportSchema), ...readErrors },
    }),
    async (c) => c.json(await delegationReportForBody(servicesOf(c), actorOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/bodies/{id}/delegation-reports',
      tags: ['Organisation'],
      summary: 'Alla beslut på organets vägnar, grupperade efter sammanträdet de anmäls till (nyaste först)',
      request: { params: Id },
      responses: { ...ok('Anmälningarna', DelegationReportsSchema), ...readErrors },
    }),
    async (c) => c.json(await delegationReportsOfBody(servicesOf(c), actorOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/meetings/{id}/delegation-decisions',
      tags: ['Organisation'],
      summary: 'Anmälan av delegationsbeslut vid ett sammanträde: beslut sedan organets förra sammanträde',
      request: { params: Id },
      responses: { ...ok('Delegationsbesluten', DelegationReportSchema), ...readErrors },
    }),
    async (c) => c.json(await delegationReportForMeeting(servicesOf(c), actorOf(c), c.req.valid('param').id), 200),
  );
  return app;
}
