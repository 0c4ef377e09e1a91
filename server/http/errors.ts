import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, type ErrorCode } from '../../domain/errors';
import type { AppEnv, HttpConfig } from './env';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  too_many_requests: 429,
};

/** Maps every error to the product's JSON shape, once. No stack trace leaves the server. */
export function handleError(config: HttpConfig) {
  return (err: Error, c: Context<AppEnv>) => {
    let domain: DomainError;
    if (err instanceof DomainError) domain = err;
    else if (err instanceof HTTPException && err.status === 413)
      domain = new DomainError('payload_too_large', 'Förfrågan är för stor.');
    else if (err instanceof HTTPException && err.status < 500)
      domain = new DomainError('bad_request', err.message || 'Felaktig förfrågan.');
    else if (err instanceof SyntaxError)
      domain = new DomainError('bad_request', 'Förfrågans innehåll är inte giltig JSON.');
    else {
      config.log({ event: 'error', method: c.req.method, path: c.req.path, error: String(err), stack: err.stack });
      return c.json({ error: { code: 'internal', message: 'Ett oväntat fel inträffade.' } }, 500);
    }
    const status = STATUS[domain.code];
    if (status === 401 || status === 403 || status === 429)
      config.log({
        event: 'refused',
        method: c.req.method,
        path: c.req.path,
        status,
        userId: c.get('auth')?.principal.userId ?? null,
      });
    if (domain.code === 'too_many_requests' && typeof domain.details?.retryAfterSeconds === 'number')
      c.header('Retry-After', String(domain.details.retryAfterSeconds));
    return c.json(
      {
        error: {
          code: domain.code,
          message: domain.message,
          ...(domain.fields ? { fields: domain.fields } : {}),
          ...(domain.details?.current !== undefined ? { current: domain.details.current } : {}),
        },
      },
      status,
    );
  };
}
