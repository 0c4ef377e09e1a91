import { z } from '@hono/zod-openapi';

/**
 * A named schema or null. `.nullable()` on a named schema renders in OpenAPI 3.1 as
 * `allOf: [ref, {type: [.., null]}]`, which no null satisfies, or marks the named schema itself
 * nullable everywhere; a union renders as `anyOf: [ref, {type: null}]`, which says what is meant.
 */
export const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);
