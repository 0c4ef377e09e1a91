import { z } from '@hono/zod-openapi';
import { MAX_STEP_WORD, MAX_STEPS, RISK_LEVELS, RISK_LINK_KINDS, RISK_STATUSES } from '../../domain/risk/matrix';
import { IsoDateSchema } from '../http/env';
import { orNull } from '../http/nullable';

const Text = (max: number) => z.string().trim().max(max);

export const RiskAssessmentSchema = z
  .object({
    id: z.string(),
    riskId: z.string(),
    assessedAt: z.string().openapi({ description: 'Bedömningens dag (ÅÅÅÅ-MM-DD)' }),
    probability: z.number().int(),
    consequence: z.number().int(),
    value: z.number().int().openapi({ description: 'Riskvärde: sannolikhet × konsekvens' }),
    level: z.enum(RISK_LEVELS).openapi({ description: 'Färgnivån på skalan som gällde vid bedömningen' }),
    assessedBy: z.string().nullable(),
    assessedByName: z.string().nullable(),
    comment: z.string(),
    createdAt: z.string(),
  })
  .openapi('RiskAssessment');

export const RiskSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    bodyId: z.string().nullable(),
    bodyName: z.string().nullable(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    title: z.string(),
    description: z.string(),
    cause: z.string(),
    consequence: z.string(),
    process: z.string(),
    ownerUserId: z.string().nullable(),
    ownerName: z.string().nullable(),
    existingControls: z.string(),
    plannedActions: z.string(),
    status: z.enum(RISK_STATUSES),
    createdAt: z.string(),
    updatedAt: z.string(),
    current: orNull(RiskAssessmentSchema).openapi({
      description: 'Den senaste bedömningen: riskens sannolikhet, konsekvens, värde och nivå nu',
    }),
    assessmentCount: z.number().int(),
    linkCount: z.number().int(),
    can: z.object({ edit: z.boolean(), assess: z.boolean(), link: z.boolean() }),
  })
  .openapi('Risk');

export const RiskLinkSchema = z
  .object({
    kind: z.enum(RISK_LINK_KINDS),
    targetId: z.string(),
    title: z.string(),
  })
  .openapi('RiskLink');

export const RiskDetailSchema = RiskSchema.extend({
  assessments: z.array(RiskAssessmentSchema).openapi({ description: 'Alla bedömningar, senaste först' }),
  links: z.array(RiskLinkSchema).openapi({ description: 'Mål, åtgärder och indikatorer som den som frågar får läsa' }),
  hiddenLinks: z.number().int().openapi({ description: 'Kopplingar till poster som den som frågar inte får läsa' }),
}).openapi('RiskDetail');

export const RiskScaleSchema = z
  .object({
    version: z.number().int(),
    probabilitySteps: z.array(z.string()),
    consequenceSteps: z.array(z.string()),
    thresholds: z.object({ medium: z.number().int(), high: z.number().int(), veryHigh: z.number().int() }),
    cells: z.array(
      z.object({
        probability: z.number().int(),
        consequence: z.number().int(),
        value: z.number().int(),
        level: z.enum(RISK_LEVELS),
      }),
    ),
    can: z.object({ edit: z.boolean() }),
  })
  .openapi('RiskScale');

export const RiskScaleInputSchema = z.object({
  version: z.number().int().positive(),
  probabilitySteps: z.array(z.string().max(MAX_STEP_WORD)).max(MAX_STEPS + 1),
  consequenceSteps: z.array(z.string().max(MAX_STEP_WORD)).max(MAX_STEPS + 1),
  thresholds: z.object({
    medium: z.number().int().min(1).max(100),
    high: z.number().int().min(1).max(100),
    veryHigh: z.number().int().min(1).max(100),
  }),
});

export const RiskScopeQuery = z.object({
  bodyId: z.string().min(1).optional(),
  unitId: z.string().min(1).optional(),
  includeBelow: z.enum(['true', 'false']).default('false'),
  status: z.enum([...RISK_STATUSES, 'all']).default('active'),
});

export const RiskListSchema = z
  .object({
    risks: z.array(RiskSchema),
    can: z
      .object({ create: z.boolean() })
      .openapi({ description: 'Om den som frågar får lägga till en risk i registret som omfånget anger' }),
  })
  .openapi('RiskList', { description: 'Riskerna i omfånget, högsta värde först' });

export const RiskMatrixSchema = z
  .object({
    scale: RiskScaleSchema,
    cells: z.array(
      z.object({
        probability: z.number().int(),
        consequence: z.number().int(),
        value: z.number().int(),
        level: z.enum(RISK_LEVELS),
        count: z.number().int(),
        riskIds: z.array(z.string()),
      }),
    ),
    unassessed: z.array(z.string()).openapi({ description: 'Risker utan bedömning, som inte har någon ruta' }),
    offScale: z
      .array(z.string())
      .openapi({ description: 'Risker vars senaste bedömning ligger utanför en senare ändrad skala' }),
  })
  .openapi('RiskMatrix');

const RiskFields = {
  title: Text(200).min(1),
  description: Text(4000).default(''),
  cause: Text(4000).default(''),
  consequence: Text(4000).default(''),
  process: Text(200).default(''),
  ownerUserId: z.string().min(1).nullable().default(null),
  existingControls: Text(4000).default(''),
  plannedActions: Text(4000).default(''),
};

export const RiskInputSchema = z.object({
  bodyId: z.string().min(1).nullable().default(null),
  unitId: z.string().min(1).nullable().default(null),
  ...RiskFields,
});

export const RiskChangeSchema = z.object({
  version: z.number().int().positive(),
  ...RiskFields,
  status: z.enum(RISK_STATUSES),
});

export const AssessmentInputSchema = z.object({
  assessedAt: IsoDateSchema,
  probability: z.number().int(),
  consequence: z.number().int(),
  comment: Text(2000).default(''),
});

export const LinkInputSchema = z.object({ kind: z.enum(RISK_LINK_KINDS), targetId: z.string().min(1) });
