import { createRoute, z } from '@hono/zod-openapi';
import { ROLES } from '../../domain/permissions';
import { actorOf, type Deps, errors, router, servicesOf } from '../http/env';
import { readErrors, writeErrors } from '../http/routing';
import { peopleOf } from './people';
import { createUser, getUser, grantRole, listUsers, revokeRole, updateUser, userListAbilities } from './service';

const UserSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    disabled: z.boolean(),
    roles: z.array(
      z.object({
        id: z.string(),
        role: z.enum(ROLES),
        unitId: z.string(),
        /** Take the role back: an administrator of its unit, never on their own account. */
        can: z.object({ revoke: z.boolean() }),
      }),
    ),
    /** Change the account (edit); give it roles (grantRoles), never one's own. */
    can: z.object({ edit: z.boolean(), grantRoles: z.boolean() }).openapi('UserCan'),
  })
  .openapi('User');

const Password = z.string().min(10, 'måste ha minst 10 tecken').max(1000);
const Email = z.email('är ingen giltig e-postadress').max(320).nullable();
const IdParam = z.object({ id: z.string().min(1) });
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

const PersonSchema = z.object({ id: z.string(), displayName: z.string() }).openapi('Person');

export function userRoutes(_deps: Deps) {
  const app = router();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/people',
      tags: ['Användare'],
      summary: 'Personerna som arbetar i en del av organisationen: att välja ägare, kontrollant eller ansvarig bland',
      request: { query: z.object({ unitId: z.string().min(1).optional(), bodyId: z.string().min(1).optional() }) },
      responses: {
        200: {
          description: 'Aktiva konton med en roll på enheten, över den eller under den, i namnordning',
          ...json(z.object({ people: z.array(PersonSchema) })),
        },
        ...readErrors,
      },
    }),
    async (c) => c.json({ people: await peopleOf(servicesOf(c), actorOf(c), c.req.valid('query')) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/users',
      tags: ['Användare'],
      summary: 'Alla användarkonton med roller',
      responses: {
        200: {
          description: 'Användarna, och om den som frågar får skapa konton',
          ...json(z.object({ users: z.array(UserSchema), can: z.object({ create: z.boolean() }) })),
        },
        400: errors[400],
        401: errors[401],
        403: errors[403],
      },
    }),
    async (c) =>
      c.json(
        { users: await listUsers(servicesOf(c), actorOf(c)), can: await userListAbilities(servicesOf(c), actorOf(c)) },
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/users/{id}',
      tags: ['Användare'],
      summary: 'Ett användarkonto',
      request: { params: IdParam },
      responses: {
        200: { description: 'Användaren', ...json(UserSchema) },
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => c.json(await getUser(servicesOf(c), actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/users',
      tags: ['Användare'],
      summary: 'Skapa ett användarkonto',
      request: {
        body: {
          required: true,
          ...json(
            z.object({
              username: z
                .string()
                .trim()
                .toLowerCase()
                .regex(
                  /^[a-z0-9._-]{2,64}$/,
                  'får bara innehålla a–z, 0–9, punkt, bindestreck och understreck (2–64 tecken)',
                ),
              displayName: z.string().trim().min(1).max(200),
              email: Email.default(null),
              password: Password.nullable().default(null),
            }),
          ),
        },
      },
      responses: { 201: { description: 'Skapat', ...json(UserSchema) }, ...writeErrors },
    }),
    async (c) => c.json(await createUser(servicesOf(c), actorOf(c), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/users/{id}',
      tags: ['Användare'],
      summary: 'Ändra ett konto; att stänga av det avslutar alla dess sessioner',
      request: {
        params: IdParam,
        body: {
          required: true,
          ...json(
            z.object({
              version: z.number().int().positive(),
              displayName: z.string().trim().min(1).max(200).optional(),
              email: Email.optional(),
              disabled: z.boolean().optional(),
              password: Password.optional(),
            }),
          ),
        },
      },
      responses: { 200: { description: 'Ändrat', ...json(UserSchema) }, ...writeErrors },
    }),
    async (c) => c.json(await updateUser(servicesOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/role-assignments',
      tags: ['Användare'],
      summary: 'Ge en användare en roll för en enhet (gäller hela enhetens underträd)',
      request: {
        body: {
          required: true,
          ...json(z.object({ userId: z.string().min(1), role: z.enum(ROLES), unitId: z.string().min(1) })),
        },
      },
      responses: {
        201: {
          description: 'Tilldelad',
          ...json(z.object({ id: z.string(), userId: z.string(), role: z.enum(ROLES), unitId: z.string() })),
        },
        ...writeErrors,
      },
    }),
    async (c) => c.json(await grantRole(servicesOf(c), actorOf(c), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/role-assignments/{id}',
      tags: ['Användare'],
      summary: 'Ta bort en rolltilldelning',
      request: { params: IdParam },
      responses: {
        204: { description: 'Borttagen' },
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      await revokeRole(servicesOf(c), actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  return app;
}
