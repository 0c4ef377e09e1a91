import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestContext, type TestContext } from '../../test/support/context';
import { systemActor } from '../core/context';
import { createUnit } from '../org/service';
import { createUser, grantRole } from '../users/service';

const PASSWORD = 'ett-långt-lösenord';

interface Route {
  method: string;
  path: string;
  params: string[];
  query: string[];
  body: string[] | null;
}

/** Every operation of the OpenAPI document, with its path, query and top-level body fields. */
function routesOf(doc: any): Route[] {
  const out: Route[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths))
    for (const [method, op] of Object.entries<any>(item)) {
      const parameters: any[] = op.parameters ?? [];
      const schema = op.requestBody?.content?.['application/json']?.schema;
      out.push({
        method: method.toUpperCase(),
        path,
        params: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        body: op.requestBody ? Object.keys(schema?.properties ?? {}) : null,
      });
    }
  return out;
}

/** Percent-encodes every UTF-16 code unit, a lone surrogate as the three bytes WTF-8 gives it. */
function wtf8(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff)
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    else out += encodeURIComponent(s[i] as string);
  }
  return out;
}

const BAD = ['\u0000', '\ud800', '\udbff', '\udc00', '\udfff', '\u0007'];
/** Text with at least one NUL, lone surrogate or control character somewhere in it. */
const badText = fc
  .tuple(fc.string({ maxLength: 6 }), fc.constantFrom(...BAD), fc.string({ maxLength: 6 }))
  .map(([a, bad, b]) => `${a}${bad}${b}`);
const placeholder = '3f1c2d7e-0000-4000-8000-000000000000';

/** The route's address under /api, its parameters filled (one of them with bad text, if given). */
const fill = (route: Route, bad?: { param: string; text: string }) =>
  `/api${route.path}`.replace(/\{(\w+)\}/g, (_, name) =>
    bad && bad.param === name ? wtf8(bad.text) : name.toLowerCase().includes('period') ? '2025-05' : placeholder,
  );

describe('input hygiene at the API edge', () => {
  let ctx: TestContext;
  let routes: Route[];
  let rootId: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    const system = systemActor('test');
    const root = await createUnit(ctx.services, system, {
      parentId: null,
      name: 'Region Test',
      level: 'region',
      code: null,
      managerName: null,
      validFrom: '2025-01-01',
    });
    rootId = root.id;
    const admin = await createUser(ctx.services, system, {
      username: 'admin',
      displayName: 'Admin',
      email: null,
      password: PASSWORD,
    });
    await grantRole(ctx.services, system, { userId: admin.id, role: 'administrator', unitId: rootId });
    // Registering decisions is a controller's work, not the system administrator's.
    await grantRole(ctx.services, system, { userId: admin.id, role: 'controller', unitId: rootId });
    const doc = await ctx.agent().json('GET', '/api/openapi.json');
    routes = routesOf(doc.body);
  });
  afterAll(async () => ctx.close());

  /** The answer's status and JSON, or its text when it is not JSON, so a failure says what came back. */
  const send = async (agent: Agent, method: string, path: string, body?: unknown) => {
    const res = await agent.request(method, path, body);
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text), text };
    } catch {
      return { status: res.status, body: null as any, text };
    }
  };

  const agents = async () => {
    const admin = ctx.agent();
    await admin.login('admin', PASSWORD);
    return { admin, anonymous: ctx.agent() };
  };

  it('reads a useful OpenAPI document: routes with bodies, query and path parameters', () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((r) => r.body !== null).length).toBeGreaterThan(20);
    expect(routes.filter((r) => r.params.length > 0).length).toBeGreaterThan(20);
    expect(routes.filter((r) => r.query.length > 0).length).toBeGreaterThan(5);
  });

  // Every route, signed in as an administrator and without a session: the middleware refuses
  // before the session lookup and the route, so no route can answer 401, 403 or 404 first,
  // and the answer is always 400 naming the field.
  it('answers bad text in a JSON body string or key with 400 naming its JSON path, on every route', async () => {
    const { admin, anonymous } = await agents();
    for (const route of routes.filter((r) => r.method !== 'GET')) {
      const fields = route.body?.length ? route.body : ['title'];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...fields),
          badText,
          fc.constantFrom('top', 'nested', 'key'),
          fc.boolean(),
          async (field, text, where, signedIn) => {
            const body =
              where === 'top'
                ? { [field]: text, other: 'ok' }
                : where === 'nested'
                  ? { [field]: [{ ok: 1 }, { comment: ['x', text] }] }
                  : { [field]: { [text]: 1 } };
            const expected =
              where === 'top'
                ? field
                : where === 'nested'
                  ? `${field}.1.comment.1`
                  : `${field}.${[...text].map((ch) => (BAD.includes(ch) ? '\ufffd' : ch)).join('')}`;
            const agent = signedIn ? admin : anonymous;
            const res = await send(agent, route.method, fill(route), body);
            expect(res.status, `${route.method} ${route.path}: ${res.text}`).toBe(400);
            expect(res.body.error.code).toBe('bad_request');
            expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(expected);
          },
        ),
        { numRuns: 6 },
      );
    }
  });

  it('answers bad text in a query parameter with 400 naming query.<name>, on every route', async () => {
    const { admin, anonymous } = await agents();
    for (const route of routes) {
      const names = route.query.length ? route.query : ['period'];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...names), badText, fc.boolean(), async (name, text, signedIn) => {
          const res = await send(
            signedIn ? admin : anonymous,
            route.method,
            `${fill(route)}?${name}=${wtf8(text)}`,
            route.body ? {} : undefined,
          );
          expect(res.status, `${route.method} ${route.path}?${name}: ${res.text}`).toBe(400);
          expect(res.body.error.fields[0].field).toBe(`query.${name}`);
        }),
        { numRuns: 4 },
      );
    }
  });

  it('answers bad text in a path parameter with 400 naming path.<name>, on every route that has one', async () => {
    const { admin, anonymous } = await agents();
    const withParams = routes.filter((r) => r.params.length > 0);
    for (const route of withParams)
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...route.params), badText, fc.boolean(), async (param, text, signedIn) => {
          const res = await send(
            signedIn ? admin : anonymous,
            route.method,
            fill(route, { param, text }),
            route.body ? {} : undefined,
          );
          expect(res.status, `${route.method} ${route.path} {${param}}: ${res.text}`).toBe(400);
          expect(res.body.error.fields[0].field).toBe(`path.${param}`);
        }),
        { numRuns: 4 },
      );
  });

  it('refuses /api/decisions/%00 and malformed percent-encoding with 400, never 500', async () => {
    const { admin } = await agents();
    for (const path of ['/api/decisions/%00', '/api/decisions/%E0%A4%A', '/api/decisions/%ED%A0%80']) {
      const res = await admin.json('GET', path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.fields[0]).toMatchObject({ field: 'path.id' });
    }
    const query = await admin.json('GET', '/api/org-units?asOf=%E0%A4%A');
    expect(query.status).toBe(400);
    expect(query.body.error.fields).toEqual([{ field: 'query.asOf', message: 'har felaktig procentkodning' }]);
  });

  it('refuses a sign-in with a NUL in the username without a session with 400', async () => {
    const res = await ctx.agent().json('POST', '/api/auth/login', { username: 'ad\u0000min', password: PASSWORD });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ field: 'username', message: 'får inte innehålla nolltecken (U+0000)' }]);
  });

  it('refuses a body that is not UTF-8 and one that is not JSON with 400', async () => {
    const agent = ctx.agent();
    const notUtf8 = await agent.request('POST', '/api/auth/login', new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]), {
      'content-type': 'application/json',
    });
    expect(notUtf8.status).toBe(400);
    expect((await notUtf8.json()).error.fields).toEqual([{ field: '(body)', message: 'är inte giltig UTF-8' }]);
    const notJson = await agent.request('POST', '/api/auth/login', '{"username":', {
      'content-type': 'application/json',
    });
    expect(notJson.status).toBe(400);
  });

  it('refuses a body nested deeper than 32 levels with 400 rather than running out of stack', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const res = await ctx.agent().request('POST', '/api/auth/login', deep, { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields[0].message).toBe('är för djupt nästlat');
    const fine = await ctx.agent().json('POST', '/api/auth/login', { username: 'admin', password: [[[['x']]]] });
    expect(fine.status).toBe(400);
    expect(fine.body.error.fields[0].field).toBe('password');
  });

  it('stores text in NFC: a decomposed é in a body is stored and read back precomposed, and found by a decomposed query', async () => {
    const { admin } = await agents();
    const created = await admin.json('POST', '/api/org-units', {
      parentId: rootId,
      name: 'Vårdcentralen Se\u0301ve',
      level: 'enhet',
    });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe('Vårdcentralen Séve');
    const stored = await ctx.services.db
      .selectFrom('org_unit_states')
      .select('name')
      .where('unit_id', '=', created.body.id)
      .execute();
    expect(stored.map((s) => s.name)).toEqual(['Vårdcentralen Séve']);
    const read = await admin.json('GET', `/api/org-units/${created.body.id}`);
    expect(read.body.unit.name).toBe('Vårdcentralen Séve');
    const decision = await admin.json('POST', '/api/decisions', {
      kind: 'beslut',
      officialName: 'Regiondirektören',
      unitId: rootId,
      decidedOn: '2025-05-20',
      title: 'Vårdcentralen Se\u0301ve öppnar',
    });
    expect(decision.status, JSON.stringify(decision.body)).toBe(201);
    expect(decision.body.title).toBe('Vårdcentralen Séve öppnar');
    // The query's decomposed "é" reaches the search as the stored, precomposed one.
    const found = await admin.json('GET', `/api/decisions?q=${encodeURIComponent('Se\u0301ve')}`);
    expect(found.status).toBe(200);
    expect(found.body.decisions.map((d: { title: string }) => d.title)).toEqual(['Vårdcentralen Séve öppnar']);
  });

  it('marks every API answer no-store: a signed-in answer and an error answer', async () => {
    const { admin, anonymous } = await agents();
    const me = await admin.request('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    for (const res of [
      await anonymous.request('GET', '/api/me'),
      await admin.request('GET', '/api/decisions/%00'),
      await admin.request('GET', '/api/no-such-thing'),
    ]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });
});
