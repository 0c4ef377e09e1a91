import { createRoute, z } from '@hono/zod-openapi';
import { actorOf, type Deps, errors, router } from '../http/env';
import { HISTORY_ENTITIES, HISTORY_KINDS } from './kinds';
import { historyOf } from './service';

/** Any JSON value: what a history entry recorded of a record, free-form until history is typed per kind. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
// Named array and object schemas carry the recursion. TypeScript cannot type an array of itself
// through the generated client's indexed types (`components['schemas']['JsonValue'][]`), so the
// document leaves a list's members open; the server still checks each one as a JSON value.
export const JsonValueSchema: z.ZodType<JsonValue> = z
  .lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), JsonArraySchema, JsonObjectSchema]))
  .openapi('JsonValue', { description: 'Ett JSON-värde' });
const JsonArraySchema: z.ZodType<JsonValue[]> = z
  .lazy(() => z.array(JsonValueSchema))
  .openapi('JsonArray', { type: 'array', items: {} });
const JsonObjectSchema: z.ZodType<{ [key: string]: JsonValue }> = z
  .lazy(() => z.record(z.string(), JsonValueSchema))
  .openapi('JsonObject');

const RecordedStateSchema = z.union([JsonObjectSchema, JsonArraySchema, z.null()]).openapi({
  description:
    'Postens fält som de skrevs (en lista för en ordnad helhet, t.ex. delegationsordningen); null före en ' +
    'skapelse och efter en borttagning.',
});

const EntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string(),
    kind: z.enum(HISTORY_KINDS),
    entity: z.enum(HISTORY_ENTITIES),
    entityId: z.string(),
    unitId: z.string().nullable(),
    before: RecordedStateSchema,
    after: RecordedStateSchema,
  })
  .openapi('HistoryEntry');

export function historyRoutes({ services }: Deps) {
  const app = router();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/history',
      tags: ['Historik'],
      summary: 'Varje ändring av en post: vem, när, före och efter (revisorer och administratörer)',
      description:
        'Varje post i historiken bedöms för sig efter den enhet den gäller: svaret har bara de ändringar som gäller enheter i din del av organisationen (ändringar för hela organisationen: bara för den som har rollen på toppnivå). 403 om du inte får läsa någon av dem.',
      request: {
        query: z.object({
          entity: z.enum(HISTORY_ENTITIES),
          id: z.string().min(1),
        }),
      },
      responses: {
        200: {
          description: 'Ändringarna, äldst först',
          content: { 'application/json': { schema: z.object({ entries: z.array(EntrySchema) }) } },
        },
        400: errors[400],
        401: errors[401],
        403: errors[403],
      },
    }),
    async (c) => c.json({ entries: await historyOf(services, actorOf(c), c.req.valid('query')) }, 200),
  );
  return app;
}
