import type { ServerResponse } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';

/**
 * The Node response a request is answered on, when the app runs in the Node server (which hands
 * it to the app as `c.env.outgoing`); absent when the app is asked directly (`app.request`).
 */
export const outgoingOf = (c: Context<AppEnv>): ServerResponse | undefined =>
  (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;

/**
 * Headers every answer carries unless it sets its own of the same name. In the Node server they
 * go onto the outgoing response before the answer is made, and the answer's own headers are
 * merged over them when it is written: setting them on the made answer instead turned its few
 * headers into a full Headers object to copy, the largest single cost of a light request (a
 * health check answered at half the rate). Asked directly, the app sets them on the answer.
 */
export function defaultHeaders(headers: () => ReadonlyArray<readonly [string, string]>): MiddlewareHandler<AppEnv> {
  const list = headers();
  return async (c, next) => {
    const out = outgoingOf(c);
    if (out) {
      for (const [name, value] of list) out.setHeader(name, value);
      return next();
    }
    await next();
    for (const [name, value] of list) if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  };
}

/**
 * An answer of `body` with `headers`: in the Node server they are set on the outgoing response
 * and the answer made carries its content type alone, which is written as it is; asked directly,
 * the answer carries them all.
 */
export function answerWith(
  c: Context<AppEnv>,
  body: Uint8Array<ArrayBuffer> | null,
  status: 200 | 304,
  headers: Record<string, string>,
  contentType?: string,
): Response {
  const out = outgoingOf(c);
  if (!out) return c.newResponse(body, status, contentType ? { ...headers, 'Content-Type': contentType } : headers);
  for (const [name, value] of Object.entries(headers)) out.setHeader(name, value);
  return c.newResponse(body, status, contentType ? { 'Content-Type': contentType } : undefined);
}
