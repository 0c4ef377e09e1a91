import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context';
import { makeUnit, makeUser, PASSWORD } from '../../test/support/factories';
import { ApiError } from '../../web/src/app/api';
import { call, createApiClient } from '../../web/src/app/client';

// The web's typed client against the real server in-process: what the browser does, with the
// session cookie a browser would keep.
let ctx: TestContext;
let regionId: string;

function browser() {
  let cookie: string | null = null;
  return createApiClient({
    baseUrl: 'http://localhost/api',
    fetch: async (request: Request) => {
      if (cookie) request.headers.set('cookie', cookie);
      const res = await ctx.app.request(request);
      const set = res.headers.get('set-cookie');
      if (set) {
        const pair = set.split(';')[0] as string;
        cookie = pair.endsWith('=') ? null : pair;
      }
      return res;
    },
  });
}

async function refusal(request: Promise<unknown>): Promise<ApiError> {
  const error = await request.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  ctx = await createTestContext();
  regionId = await makeUnit(ctx.services, 'Region Test');
  await makeUser(ctx.services, 'admin', [{ role: 'administrator', unitId: regionId }]);
});
afterAll(() => ctx.close());

describe('the typed web client', () => {
  it('signs in, reads typed answers and signs out', async () => {
    const client = browser();
    const me = await call(client.POST('/auth/login', { body: { username: 'admin', password: PASSWORD } }));
    expect(me.roles).toEqual([{ role: 'administrator', unitId: regionId }]);
    expect((await call(client.GET('/me'))).username).toBe('admin');

    const tree = await call(client.GET('/org-units', { params: { query: { asOf: '2025-06-20' } } }));
    expect(tree.units.map((u) => u.name)).toEqual(['Region Test']);

    expect(await call(client.POST('/auth/logout'))).toBeUndefined();
    const signedOut = await refusal(call(client.GET('/me')));
    expect([signedOut.status, signedOut.code]).toEqual([401, 'unauthenticated']);
  });

  it('turns a refused field into an ApiError naming that field', async () => {
    const client = browser();
    await call(client.POST('/auth/login', { body: { username: 'admin', password: PASSWORD } }));
    const error = await refusal(
      call(client.POST('/users', { body: { username: 'ä ö', displayName: 'Namn', email: null, password: null } })),
    );
    expect(error.status).toBe(400);
    expect(error.fieldMessage('username')).toMatch(/a–z/);
  });

  it('carries the current record on a stale write (409)', async () => {
    const client = browser();
    await call(client.POST('/auth/login', { body: { username: 'admin', password: PASSWORD } }));
    const unit = await call(
      client.POST('/org-units', { body: { parentId: regionId, name: 'Enhet A', level: 'enhet' } }),
    );
    const path = { params: { path: { id: unit.id } } };
    await call(client.PATCH('/org-units/{id}', { ...path, body: { version: unit.version, name: 'Enhet B' } }));
    const error = await refusal(
      call(client.PATCH('/org-units/{id}', { ...path, body: { version: unit.version, name: 'Enhet C' } })),
    );
    expect(error.status).toBe(409);
    expect(error.current).toMatchObject({ id: unit.id, name: 'Enhet B', version: unit.version + 1 });
  });
});
