import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { sv } from 'zod/v4/locales';
import { DomainError } from '../../domain/errors';
import type { Principal } from '../../domain/permissions';
import type { SessionPolicy } from '../auth/service';
import type { Actor, Services } from '../core/context';
import type { WorkbookLimits } from '../core/workbook';
import type { MailConfig } from '../followup/reminders';
import type { ContractViolation } from './contract';
import type { FigureCacheConfig } from './figure-cache';

export interface HttpConfig {
  /** Cookies get `Secure` and responses HSTS when the public address is https. */
  secure: boolean;
  /** Trust X-Forwarded-For / -Proto from a reverse proxy in front. */
  trustProxy: boolean;
  sessionPolicy: SessionPolicy;
  maxBodyBytes: number;
  /** Spreadsheet uploads (imports) may be larger than other requests. */
  maxUploadBytes: number;
  /** How much of an uploaded workbook is read (unpacked size, rows, columns); defaults otherwise. */
  workbookLimits?: Partial<WorkbookLimits>;
  version: string;
  /** Folder with the built web UI, or null to serve the API only. */
  webRoot: string | null;
  log: (event: Record<string, unknown>) => void;
  /** How reminders are sent: SMTP when configured, else kept in the outbox. */
  mail: MailConfig;
  /**
   * Check every JSON answer against the schema its route declares (see http/contract.ts); a
   * violation is reported here and answered 500. On in tests; off in production.
   */
  contractViolation?: (violation: ContractViolation) => void;
  /** Bounds of the in-process cache of computed figures; defaults otherwise. */
  figureCache?: Partial<FigureCacheConfig>;
}

export interface Deps {
  services: Services;
  config: HttpConfig;
}

export interface AppEnv {
  Variables: {
    auth: { principal: Principal; sessionId: string; displayName: string } | null;
    /** The services this request is answered with (see `servicesOf`). */
    services: Services;
    /** A JSON answer made as bytes (see `jsonAnswer`), which the figure cache keeps as they are. */
    jsonBytes?: { res: Response; bytes: Uint8Array<ArrayBuffer> };
  };
}

const ENCODER = new TextEncoder();

/**
 * An answer of JSON already made, as text or as its UTF-8 bytes, encoded once: the figure cache
 * keeps and sends these bytes as they are (an answer made as a string had to be measured and read
 * back through a stream).
 */
export function jsonAnswer(
  c: Context<AppEnv>,
  json: string | Uint8Array<ArrayBuffer>,
  status: ContentfulStatusCode = 200,
): Response {
  const bytes = typeof json === 'string' ? ENCODER.encode(json) : json;
  const res = c.body(bytes, status, { 'content-type': 'application/json' });
  c.set('jsonBytes', { res, bytes });
  return res;
}

// Validation messages in Swedish, like every other message the API gives.
z.config(sv());

/** A router whose request-validation failures answer in the product's error shape. */
export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = (result.error as z.ZodError).issues;
        throw new DomainError('bad_request', 'Ogiltiga uppgifter.', {
          fields: issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })),
        });
      }
    },
  });
}

/** The signed-in user as an actor, or 401. */
export function actorOf(c: Context<AppEnv>): Actor {
  const auth = c.get('auth');
  if (!auth) throw new DomainError('unauthenticated', 'Du är inte inloggad.');
  return { kind: 'user', principal: auth.principal, displayName: auth.displayName };
}

/**
 * The services a route hands to what it calls: for a signed-in reading request (GET, HEAD) they
 * carry the request, so that figures, trees and seats loaded for one reading request can answer
 * another at the same data versions (see `keptForRequest`). Set by the `sessions` middleware.
 */
export function servicesOf(c: Context<AppEnv>): Services {
  const services = c.get('services');
  if (!services) throw new Error('servicesOf: the sessions middleware has not run for this route');
  return services;
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
      current: z.unknown().optional(),
    }),
  })
  .openapi('Error');

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
});

/** The error responses a route can give, for the OpenAPI document. */
export const errors = {
  400: errorResponse('Ogiltiga uppgifter'),
  401: errorResponse('Inte inloggad'),
  403: errorResponse('Saknar behörighet'),
  404: errorResponse('Finns inte'),
  409: errorResponse('Posten har ändrats av någon annan, eller krockar med en annan'),
  413: errorResponse('För stor förfrågan'),
  422: errorResponse('Bryter mot en regel'),
} as const;

export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ska vara ett datum ÅÅÅÅ-MM-DD')
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    'är inget giltigt datum',
  );
