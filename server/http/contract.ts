import { isDeepStrictEqual } from 'node:util';
import type { OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';

/** A declared JSON answer of one route: its schema per status code. */
interface DeclaredRoute {
  method: string;
  /** The OpenAPI path, e.g. `/plans/{id}`. */
  path: string;
  pattern: RegExp;
  /** Literal segments rank a route above one with parameters where both match (`/plans/latest`). */
  literals: number;
  schemas: Map<number, z.ZodType>;
}

/** What a route answered that its declaration does not allow, per problem found. */
export interface ContractViolation {
  method: string;
  path: string;
  status: number;
  problems: string[];
}

function declaredRoutes(api: OpenAPIHono<AppEnv>): DeclaredRoute[] {
  const out: DeclaredRoute[] = [];
  for (const def of api.openAPIRegistry.definitions) {
    if (def.type !== 'route') continue;
    const { method, path, responses } = def.route;
    const schemas = new Map<number, z.ZodType>();
    for (const [status, response] of Object.entries(responses ?? {})) {
      const schema = (response as { content?: Record<string, { schema?: unknown }> }).content?.['application/json']
        ?.schema;
      if (schema && typeof (schema as z.ZodType).safeParse === 'function')
        schemas.set(Number(status), schema as z.ZodType);
    }
    const segments = path.split('/').filter(Boolean);
    const pattern = new RegExp(
      `^/${segments.map((s) => (s.startsWith('{') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}$`,
    );
    out.push({
      method: method.toUpperCase(),
      path,
      pattern,
      literals: segments.filter((s) => !s.startsWith('{')).length,
      schemas,
    });
  }
  return out;
}

/** Where an answer's JSON and its schema's reading of it differ: keys the schema does not declare. */
function undeclared(actual: unknown, parsed: unknown, at: string, out: string[]) {
  if (out.length >= 20) return;
  if (Array.isArray(actual) && Array.isArray(parsed)) {
    for (const [i, v] of actual.entries()) undeclared(v, parsed[i], `${at}.${i}`, out);
    return;
  }
  if (actual && typeof actual === 'object' && parsed && typeof parsed === 'object') {
    for (const key of Object.keys(actual)) {
      if (!(key in parsed)) out.push(`${at}.${key}: finns i svaret men inte i kontraktet`);
      else undeclared((actual as any)[key], (parsed as any)[key], `${at}.${key}`, out);
    }
    return;
  }
  if (!isDeepStrictEqual(actual, parsed)) out.push(`${at}: kontraktet läser värdet som något annat`);
}

/**
 * Checks every JSON answer of the API against the schema its route declares for that status:
 * the answer must parse, and parsing must keep every key and value (nothing undeclared, no
 * transform). On in tests, so every test of every route is also a test of the contract the
 * OpenAPI document and the web's generated client are made from. A violation is reported to
 * `report` and the answer replaced with a 500, so the test that caused it fails.
 */
export function contractCheck(
  api: OpenAPIHono<AppEnv>,
  report: (violation: ContractViolation) => void,
): MiddlewareHandler<AppEnv> {
  let routes: DeclaredRoute[] | null = null;
  return async (c, next) => {
    await next();
    const type = c.res.headers.get('content-type') ?? '';
    if (!type.startsWith('application/json') || c.res.status >= 500) return;
    routes ??= declaredRoutes(api);
    const path = c.req.path.replace(/^\/api/, '') || '/';
    const candidates = routes
      .filter((r) => r.method === c.req.method && r.pattern.test(path))
      .sort((a, b) => b.literals - a.literals);
    const route = candidates[0];
    // Unknown paths answer the product's JSON 404, which no route declares.
    if (!route) return;
    const status = c.res.status;
    const schema = route.schemas.get(status);
    const problems: string[] = [];
    const body = await c.res.clone().json();
    if (!schema) problems.push(`status ${status} är inte deklarerat med ett JSON-svar`);
    else {
      const result = schema.safeParse(body);
      if (!result.success)
        problems.push(
          ...result.error.issues.slice(0, 20).map((i) => `${i.path.join('.') || '(svaret)'}: ${i.message}`),
        );
      else undeclared(body, result.data, '(svaret)', problems);
    }
    if (problems.length === 0) return;
    report({ method: route.method, path: route.path, status, problems });
    c.res = new Response(
      JSON.stringify({
        error: {
          code: 'contract_violation',
          message: `${route.method} ${route.path} svarade ${status} utanför kontraktet: ${problems.join('; ')}`,
        },
      }),
      { status: 500, headers: { 'content-type': 'application/json' } },
    );
  };
}
