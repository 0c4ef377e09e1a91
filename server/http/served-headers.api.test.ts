import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';
import { securityHeaderList } from './security';

// In the Node server the default headers go onto the outgoing response before the answer is made
// (http/default-headers.ts); asked directly, the app sets them on the answer. Both must give every
// answer the same headers: the security headers always, no-store unless the answer says otherwise.
const SECURITY = securityHeaderList(false);
const COMPARED = [...SECURITY.map(([name]) => name), 'cache-control', 'etag', 'content-type'];

describe('answer headers in the Node server', () => {
  let ctx: TestContext;
  let server: ServerType;
  let base: string;
  beforeAll(async () => {
    ctx = await createDemoContext();
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: ctx.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await ctx.close();
  });

  const signIn = async (send: (path: string, init?: RequestInit) => Promise<Response>) => {
    const res = await send('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'demo' }),
    });
    expect(res.status).toBe(200);
    return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  };
  const picked = (res: Response) => Object.fromEntries(COMPARED.map((name) => [name, res.headers.get(name)]));

  it('gives every kind of answer the same headers served as asked directly', async () => {
    const served = (path: string, init?: RequestInit) => fetch(`${base}${path}`, init);
    const direct = async (path: string, init?: RequestInit) => ctx.app.request(`http://localhost${path}`, init);
    const cookies = { served: await signIn(served), direct: await signIn(direct) };
    const cases: { path: string; signedIn: boolean; ifNoneMatch?: boolean; status: number; cacheControl: string }[] = [
      { path: '/api/health', signedIn: false, status: 200, cacheControl: 'no-store' },
      { path: '/api/me', signedIn: true, status: 200, cacheControl: 'no-store' },
      { path: '/api/me', signedIn: false, status: 401, cacheControl: 'no-store' },
      { path: '/api/nope', signedIn: true, status: 404, cacheControl: 'no-store' },
      { path: '/api/scorecard?period=not-a-month', signedIn: true, status: 400, cacheControl: 'no-store' },
      // A figure carries its ETag and is kept by the browser, revalidated each time.
      { path: '/api/org-units', signedIn: true, status: 200, cacheControl: 'private, no-cache' },
      { path: '/api/org-units', signedIn: true, status: 200, cacheControl: 'private, no-cache' },
      { path: '/api/org-units', signedIn: true, ifNoneMatch: true, status: 304, cacheControl: 'private, no-cache' },
    ];
    let etag: string | null = null;
    for (const c of cases) {
      const answers: Response[] = [];
      for (const [send, cookie] of [
        [served, cookies.served],
        [direct, cookies.direct],
      ] as const) {
        const headers: Record<string, string> = c.signedIn ? { cookie } : {};
        if (c.ifNoneMatch) headers['if-none-match'] = etag as string;
        const res = await send(c.path, { headers });
        await res.arrayBuffer();
        answers.push(res);
      }
      const [viaServer, asked] = answers as [Response, Response];
      const label = `${c.path}${c.ifNoneMatch ? ' (If-None-Match)' : ''}`;
      expect(viaServer.status, label).toBe(c.status);
      expect(asked.status, label).toBe(c.status);
      // Exact values: a default written beside the answer's own header of the name would read "a, b".
      for (const [name, value] of SECURITY) expect(viaServer.headers.get(name), `${label}: ${name}`).toBe(value);
      expect(viaServer.headers.get('cache-control'), label).toBe(c.cacheControl);
      expect(picked(viaServer), label).toEqual(picked(asked));
      if (c.path === '/api/org-units') {
        expect(viaServer.headers.get('etag'), label).toMatch(/^"/);
        etag = viaServer.headers.get('etag');
      }
    }
  });
});
