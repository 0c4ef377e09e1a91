import createClient, { type ClientOptions } from 'openapi-fetch';
import { ApiError } from './api';
import type { components, paths } from './api-schema';

export type { components, paths };

/** A named schema of the API's contract (`Schema<'OrgUnit'>`). */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** What a route answers on success (`Answer<'/org-units', 'get'>`). */
export type Answer<P extends keyof paths, M extends Method> = Json<Operation<P, M>['responses'][SuccessCode<P, M>]>;
type SuccessCode<P extends keyof paths, M extends Method> = Extract<
  keyof Operation<P, M>['responses'],
  200 | 201 | 202
>;
type Json<T> = T extends { content: { 'application/json': infer D } } ? D : never;

/** The JSON body a route takes (`RequestBody<'/users', 'post'>`), for forms that build it before the call. */
export type RequestBody<P extends keyof paths, M extends Method> = Json<NonNullable<Operation<P, M>['requestBody']>>;

/**
 * A client for the API typed by its OpenAPI document (see api-schema.ts). Options are for tests,
 * which hand it a `fetch` that reaches the server in-process.
 */
export function createApiClient(options: ClientOptions = {}) {
  return createClient<paths>({
    baseUrl: '/api',
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    ...options,
  });
}

export const client = createApiClient();

type Outcome = { data?: unknown; error?: unknown; response: Response };
type DataOf<R> = R extends { data: infer D } ? D : never;

/**
 * The answer's data, or an ApiError carrying the server's code, message, field errors and (on
 * 409) the current record: `const plans = await call(client.GET('/plans', …))`.
 */
export async function call<R extends Outcome>(request: Promise<R>): Promise<DataOf<R>> {
  const { data, error, response } = await request;
  if (!response.ok) {
    const e = (error as { error?: Partial<ApiErrorBody> } | undefined)?.error;
    throw new ApiError(
      response.status,
      e?.code ?? 'http_error',
      e?.message ?? response.statusText,
      e?.fields ?? [],
      e?.current,
    );
  }
  return data as DataOf<R>;
}

type ApiErrorBody = components['schemas']['Error']['error'];
