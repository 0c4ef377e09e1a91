import { z } from '@hono/zod-openapi';
import { MATTERS } from '../../domain/competence/rules';

const JudgementSchema = z.object({
  id: z.string(),
  citation: z.string(),
  decidedOn: z.string(),
  competent: z.boolean(),
  reason: z.string(),
  required: z.string(),
});

/** What a record's page shows about who decides it. */
export const RecordCompetenceSchema = z
  .object({
    matter: z.enum(MATTERS),
    matterLabel: z.string(),
    requiredDecisionMaker: z.string(),
    reason: z.string(),
    decided: z.boolean(),
    decisions: z.array(JudgementSchema),
  })
  .openapi('RecordCompetence');
