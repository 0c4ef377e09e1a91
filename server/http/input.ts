import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { DomainError, type FieldError } from '../../domain/errors';
import { defaultHeaders } from './default-headers';
import type { AppEnv } from './env';

/**
 * Input hygiene at the API's edge, before any route or session lookup sees the request.
 *
 * PostgreSQL refuses NUL in text and anything that is not valid UTF-8; a lone surrogate in a
 * JavaScript string becomes exactly that on its way to the database; and C0 control characters
 * make the XML inside Word and Excel exports invalid. Such text is refused here with 400 naming
 * the field (the JSON path in the body, `query.<name>`, `path.<param>`), rather than failing deep
 * inside a transaction as a 500. Text that passes is normalised to NFC, so "e" + a combining
 * acute accent and the precomposed "é" are one and the same string everywhere after the edge.
 */

/** Why a string is refused, in the words of a field error; null when it is acceptable. */
export function textProblem(s: string): string | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return 'får inte innehålla nolltecken (U+0000)';
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d)
      return 'får inte innehålla styrtecken (bara tabb och radbrytning är tillåtna)';
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return 'innehåller ett ensamt surrogattecken (ogiltig Unicode)';
    }
    if (c >= 0xdc00 && c <= 0xdfff) return 'innehåller ett ensamt surrogattecken (ogiltig Unicode)';
  }
  return null;
}

// Field errors are capped: a body full of bad text should not give an answer as large as itself.
const MAX_FIELD_ERRORS = 20;

const refuse = (fields: FieldError[]) =>
  new DomainError('bad_request', 'Förfrågan innehåller otillåtna tecken.', { fields });

/** A name of bad text that is safe to echo: the offending characters shown as U+FFFD. */
const shown = (s: string) =>
  s.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it replaces
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

// No request the product knows nests deeper than a handful of levels; a body nested thousands
// deep would otherwise exhaust the stack of the walk below (a 500) before any route saw it.
const MAX_DEPTH = 32;

/**
 * Every string in a parsed JSON value checked (keys too) and normalised to NFC. Problems are
 * pushed to `fields` with the JSON path of the string, e.g. `values.3.comment`.
 */
export function cleanJson(value: unknown, path: string, fields: FieldError[], depth = 0): unknown {
  if (depth > MAX_DEPTH)
    throw new DomainError('bad_request', `Förfrågans innehåll är nästlat djupare än ${MAX_DEPTH} nivåer.`, {
      fields: [{ field: path || '(body)', message: 'är för djupt nästlat' }],
    });
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) {
      fields.push({ field: path || '(body)', message: problem });
      return value;
    }
    return value.normalize('NFC');
  }
  if (Array.isArray(value)) return value.map((v, i) => cleanJson(v, join(path, String(i)), fields, depth + 1));
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties, so a key such as "__proto__" stays a plain key.
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        const problem = textProblem(k);
        if (problem) fields.push({ field: join(path, shown(k)), message: `nyckeln ${problem}` });
        return [problem ? k : k.normalize('NFC'), cleanJson(v, join(path, problem ? shown(k) : k), fields, depth + 1)];
      }),
    );
  }
  return value;
}

const decode = (s: string): string | null => {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
};

/** The names of the path's parameters by segment, from the route that will answer, if any. */
function paramNames(c: Parameters<MiddlewareHandler<AppEnv>>[0], segments: number): (string | null)[] {
  const routes = matchedRoutes(c)
    .map((r) => r.path.split('/'))
    .filter((parts) => parts.length === segments && parts.some((p) => p.startsWith(':')));
  const parts = routes.at(-1) ?? [];
  return parts.map((p) => (p.startsWith(':') ? p.slice(1).replace(/\{.*\}$/, '') : null));
}

function checkPath(c: Parameters<MiddlewareHandler<AppEnv>>[0], rawPath: string, fields: FieldError[]) {
  const segments = rawPath.split('/');
  let names: (string | null)[] | null = null;
  segments.forEach((segment, i) => {
    if (!segment.includes('%')) return;
    const decoded = decode(segment);
    const problem = decoded === null ? 'har felaktig procentkodning' : textProblem(decoded);
    if (!problem) return;
    names ??= paramNames(c, segments.length);
    const name = names[i];
    fields.push({ field: name ? `path.${name}` : 'path', message: problem });
  });
}

/** Checks the query; returns its NFC form, or null when it is already in NFC. */
function cleanQuery(search: string, fields: FieldError[]): string | null {
  if (search === '') return null;
  let changed = false;
  const pairs = search.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? null : pair.slice(eq + 1);
    const key = decode(rawKey.replace(/\+/g, ' '));
    const value = rawValue === null ? null : decode(rawValue.replace(/\+/g, ' '));
    const name = key === null || textProblem(key) ? `query.${shown(key ?? rawKey)}` : `query.${key}`;
    if (key === null || (rawValue !== null && value === null))
      fields.push({ field: name, message: 'har felaktig procentkodning' });
    else {
      const problem = textProblem(key) ?? (value === null ? null : textProblem(value));
      if (problem) fields.push({ field: name, message: problem });
      else if (key.normalize('NFC') !== key || (value !== null && value.normalize('NFC') !== value)) changed = true;
    }
    return { key, value };
  });
  if (!changed || fields.length > 0) return null;
  return pairs
    .map(({ key, value }) =>
      value === null
        ? encodeURIComponent((key as string).normalize('NFC'))
        : `${encodeURIComponent((key as string).normalize('NFC'))}=${encodeURIComponent(value.normalize('NFC'))}`,
    )
    .join('&');
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Refuses bad text in the path, the query and a JSON body; hands the routes NFC text. */
export function inputHygiene(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const fields: FieldError[] = [];
    const url = new URL(c.req.raw.url);
    checkPath(c, url.pathname, fields);
    const query = cleanQuery(url.search.slice(1), fields);
    let body: string | null = null;
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? '';
    // A GET or HEAD carries no body a route reads; asking for it would build a whole Request.
    const mayHaveBody = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    if (mayHaveBody && JSON_TYPE.test(mediaType) && c.req.raw.body) {
      let text: string | null = null;
      try {
        text = utf8.decode(await c.req.raw.arrayBuffer());
      } catch {
        fields.push({ field: '(body)', message: 'är inte giltig UTF-8' });
      }
      if (text !== null && text.trim() !== '') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          throw new DomainError('bad_request', 'Förfrågans innehåll är inte giltig JSON.');
        }
        const cleaned = cleanJson(parsed, '', fields);
        body = fields.length === 0 ? JSON.stringify(cleaned) : text;
      } else body = text ?? '';
    }
    if (fields.length > 0) throw refuse(fields.slice(0, MAX_FIELD_ERRORS));
    if (query !== null || body !== null) {
      // The validators of @hono/zod-openapi read c.req itself; a new request with the clean
      // URL and body is what they (and every handler) see, as hono's own bodyLimit does it.
      if (query !== null) url.search = query;
      const headers = new Headers(c.req.raw.headers);
      if (body !== null) headers.delete('content-length');
      const raw = c.req.raw;
      c.req.raw = new Request(url, {
        method: raw.method,
        headers,
        body: body ?? raw.body,
        signal: raw.signal,
        ...(body === null && raw.body ? { duplex: 'half' } : {}),
      } as RequestInit);
      c.req.bodyCache = {};
    }
    await next();
  };
}

/**
 * Every API answer is personal or changes with the next write: no cache may keep it. The
 * figures that carry an ETag (http/figure-cache.ts) say `private, no-cache` themselves, so the
 * browser keeps them and asks again each time; what an answer sets itself is kept.
 */
export const noStore = () => defaultHeaders(() => [['cache-control', 'no-store']]);
