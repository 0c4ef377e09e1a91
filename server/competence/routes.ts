import { createRoute, z } from '@hono/zod-openapi';
import { DECIDER_CLASSES, MATTERS } from '../../domain/competence/rules';
import { actorOf, type Deps, IsoDateSchema, router, servicesOf } from '../http/env';
import { jsonBody, ok, readErrors, writeErrors } from '../http/routing';
import { DECIDABLE } from './judge';
import { RecordCompetenceSchema } from './schemas';
import { listCompetenceRules, recordCompetence, setCompetenceRules } from './service';
import { wrongLevelDecisions } from './wrong-level';

const WrongLevelSchema = z
  .object({
    decisionId: z.string(),
    citation: z.string(),
    decisionTitle: z.string(),
    decidedOn: z.string(),
    entity: z.enum(['plan', 'goal', 'measure', 'corrective_action']),
    entityId: z.string(),
    recordTitle: z.string(),
    reason: z.string(),
    requiredDecisionMaker: z.string(),
    matter: z.enum(MATTERS),
    matterLabel: z.string(),
    basis: z.string().openapi({ description: 'Regelns rättsliga grund den dag beslutet fattades' }),
    decidedByBodyId: z.string().nullable(),
    areaBodyId: z.string().nullable().openapi({ description: 'Nämnden eller styrelsen vars område posten låg i' }),
    areaBodyName: z.string().nullable(),
  })
  .openapi('WrongLevelDecision');

const RuleSchema = z
  .object({
    matter: z.enum(MATTERS),
    matterLabel: z.string(),
    lowest: z.enum(DECIDER_CLASSES),
    lowestLabel: z.string(),
    basis: z.string(),
    validFrom: z.string(),
  })
  .openapi('CompetenceRule');

const RulesSchema = z
  .object({
    version: z.number().int(),
    inForce: z.array(RuleSchema),
    all: z.array(RuleSchema),
  })
  .openapi('CompetenceRules');

const RulesChange = z.object({
  version: z.number().int().positive(),
  validFrom: IsoDateSchema,
  rules: z
    .array(
      z.object({
        matter: z.enum(MATTERS),
        lowest: z.enum(DECIDER_CLASSES),
        basis: z.string().trim().min(1).max(2000),
      }),
    )
    .min(1)
    .max(MATTERS.length),
});

const ENTITIES = DECIDABLE as unknown as readonly ['plan', 'goal', 'measure', 'corrective_action'];

export function competenceRoutes(_deps: Deps) {
  const app = router();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/competence-rules',
      tags: ['Styrning'],
      summary: 'Kompetensregler: vem som får besluta vilket slags ärende',
      responses: { ...ok('Reglerna i kraft i dag, och alla regler över tid', RulesSchema), ...readErrors },
    }),
    async (c) => c.json(await listCompetenceRules(servicesOf(c), actorOf(c)), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/competence-rules',
      tags: ['Styrning'],
      summary: 'Ändra kompetensregler från en dag och framåt (administratör)',
      request: jsonBody(RulesChange),
      responses: { ...ok('Sparade', RulesSchema), ...writeErrors },
    }),
    async (c) => c.json(await setCompetenceRules(servicesOf(c), actorOf(c), c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/competence/wrong-level',
      tags: ['Styrning'],
      summary: 'Beslut fattade på fel nivå: beslutsfattaren saknade kompetens (för styrelsen och revisorerna)',
      request: {
        query: z.object({
          bodyId: z
            .string()
            .min(1)
            .optional()
            .openapi({ description: 'Bara beslut som organet fattade eller som gäller poster i dess område' }),
        }),
      },
      responses: {
        ...ok('Besluten, nyaste först', z.object({ decisions: z.array(WrongLevelSchema) })),
        ...readErrors,
      },
    }),
    async (c) => c.json({ decisions: await wrongLevelDecisions(servicesOf(c), actorOf(c), c.req.valid('query')) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/competence/{entity}/{id}',
      tags: ['Styrning'],
      summary: 'Vem som måste besluta en plan, ett mål, en åtgärd eller en korrigerande åtgärd, och varför',
      request: { params: z.object({ entity: z.enum(ENTITIES), id: z.string().min(1) }) },
      responses: { ...ok('Kompetensen för posten', RecordCompetenceSchema), ...readErrors },
    }),
    async (c) => {
      const { entity, id } = c.req.valid('param');
      return c.json(await recordCompetence(servicesOf(c), actorOf(c), entity, id), 200);
    },
  );
  return app;
}
