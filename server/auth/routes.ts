import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { ROLES } from '../../domain/permissions';
import { seatsOf } from '../bodies/members';
import { SeatSchema } from '../bodies/schemas';
import { keptForRequest } from '../cache/request-versions';
import { callerAbilities } from '../core/abilities';
import { cookieOf } from '../http/cookies';
import { type AppEnv, actorOf, type Deps, ErrorSchema, errors, router, servicesOf } from '../http/env';
import { SESSION_COOKIE } from '../http/security';
import { currentTree, today } from '../org/service';
import { login, logout } from './service';

export const MeSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.object({ role: z.enum(ROLES), unitId: z.string() })),
    seats: z
      .array(SeatSchema)
      .openapi({ description: 'Platserna i politiska organ som användaren har i dag eller senare' }),
    /**
     * What the user may do beyond any one record, from the declared permissions: open the
     * administration, edit the follow-up cycle, read history for some unit. Records carry their own `can`.
     */
    can: z
      .object({
        administer: z.boolean(),
        editCycle: z.boolean(),
        readHistory: z.boolean(),
        readAll: z.boolean(),
        defineIndicators: z.boolean(),
      })
      .openapi('MeCan'),
    now: z.string().openapi({
      description: 'Serverns klocka (ISO-tidpunkt): webben räknar dagens datum från den, inte från webbläsarens',
    }),
  })
  .openapi('Me');

function clientIp(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function authRoutes({ config }: Deps) {
  const app = router();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      tags: ['Inloggning'],
      summary: 'Logga in med användarnamn och lösenord',
      description:
        'En session som begäran bär avslutas och en ny börjar. Upprepade misslyckanden för ett konto från en adress ger allt längre väntetid (429 med Retry-After); mycket många från alla adresser tillsammans spärrar kontot en stund.',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1000) }),
            },
          },
        },
      },
      responses: {
        200: { description: 'Inloggad; sessionskakan är satt', content: { 'application/json': { schema: MeSchema } } },
        400: errors[400],
        401: errors[401],
        403: errors[403],
        413: errors[413],
        429: { description: 'För många misslyckade försök', content: { 'application/json': { schema: ErrorSchema } } },
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      try {
        const result = await login(servicesOf(c), config.sessionPolicy, {
          ...body,
          ip: clientIp(c, config.trustProxy),
          presentedToken: cookieOf(c, SESSION_COOKIE),
        });
        setCookie(c, SESSION_COOKIE, result.token, {
          httpOnly: true,
          sameSite: 'Lax',
          secure: config.secure,
          path: '/',
          // A lifetime, not a date: the browser's clock need not agree with the server's.
          maxAge: Math.max(0, Math.floor((result.expiresAt.getTime() - servicesOf(c).clock.now().getTime()) / 1000)),
        });
        config.log({ event: 'login', userId: result.principal.userId });
        return c.json(
          {
            id: result.principal.userId,
            username: result.principal.username,
            displayName: result.displayName,
            roles: [...result.principal.roles],
            seats: await seatsOf(servicesOf(c).db, result.principal.userId, today(servicesOf(c))),
            can: callerAbilities(result.principal, await currentTree(servicesOf(c))),
            now: servicesOf(c).clock.now().toISOString(),
          },
          200,
        );
      } catch (err) {
        config.log({ event: 'login_failed', reason: (err as { code?: string }).code ?? 'error' });
        throw err;
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/logout',
      tags: ['Inloggning'],
      summary: 'Logga ut och avsluta sessionen',
      responses: { 204: { description: 'Utloggad' }, 400: errors[400], 403: errors[403] },
    }),
    async (c) => {
      const token = cookieOf(c, SESSION_COOKIE);
      if (token) await logout(servicesOf(c), token);
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: config.secure });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['Inloggning'],
      summary: 'Den inloggade användaren och dess roller',
      responses: {
        200: { description: 'Användaren', content: { 'application/json': { schema: MeSchema } } },
        400: errors[400],
        401: errors[401],
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      if (actor.kind !== 'user') throw new Error('unreachable');
      return c.json(
        {
          id: actor.principal.userId,
          username: actor.principal.username,
          displayName: actor.displayName,
          roles: [...actor.principal.roles],
          seats: await keptForRequest(
            servicesOf(c),
            ['access', 'org'],
            `seats|${actor.principal.userId}|${today(servicesOf(c))}`,
            () => seatsOf(servicesOf(c).db, actor.principal.userId, today(servicesOf(c))),
          ),
          can: callerAbilities(actor.principal, await currentTree(servicesOf(c))),
          now: servicesOf(c).clock.now().toISOString(),
        },
        200,
      );
    },
  );
  return app;
}
