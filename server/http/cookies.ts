import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';

const parsed = new WeakMap<Request, Record<string, string>>();

/** A cookie of the request: the Cookie header is parsed once, however many steps ask for one. */
export function cookieOf(c: Context, name: string): string | undefined {
  let all = parsed.get(c.req.raw);
  if (!all) {
    all = getCookie(c);
    parsed.set(c.req.raw, all);
  }
  return all[name];
}
