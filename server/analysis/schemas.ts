import { z } from '@hono/zod-openapi';
import { ANALYSIS_STATUSES, ANALYSIS_SUBJECT_KINDS } from '../../domain/analysis/impact';
import { MEASURE_CATEGORIES, MEASURE_STATUSES } from '../../domain/economy/measures';
import { orNull } from '../http/nullable';

/** The answers of the risk- och konsekvensanalys routes (issue 14, decision 020). */

export const ImpactAnalysisAbilitiesSchema = z
  .object({
    read: z.boolean(),
    /** Edit the sections: whoever may write the measure (or the unit) it is made for. */
    edit: z.boolean(),
    /** Mark it done: an editor, while it is a draft. */
    complete: z.boolean(),
    history: z.boolean(),
  })
  .openapi('ImpactAnalysisAbilities');

export const ImpactRiskSchema = z
  .object({
    risk: z.string(),
    mitigation: z.string(),
    probability: orNull(z.number().int()),
    consequence: orNull(z.number().int()),
  })
  .openapi('ImpactRisk');

export const ImpactAnalysisSchema = z
  .object({
    id: z.string(),
    version: z.number(),
    subjectKind: z.enum(ANALYSIS_SUBJECT_KINDS),
    measureId: orNull(z.string()),
    decisionId: orNull(z.string()),
    subjectTitle: z.string(),
    /** The measure's or decision's title, or the change in words. */
    subjectName: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    title: z.string(),
    analysedOn: z.string(),
    patients: z.string(),
    staff: z.string(),
    unionConsultedOn: orNull(z.string()),
    unionConsultedWith: z.string(),
    economy: z.string(),
    otherUnits: z.string(),
    costShifts: z.array(z.object({ unitId: z.string(), unitName: z.string(), how: z.string() })),
    conclusion: z.string(),
    status: z.enum(ANALYSIS_STATUSES),
    madeByName: z.string(),
    completedAt: orNull(z.string()),
    createdAt: z.string(),
    risks: z.array(ImpactRiskSchema),
    can: ImpactAnalysisAbilitiesSchema,
  })
  .openapi('ImpactAnalysis');

export const ImpactAnalysisListSchema = z
  .object({ unitId: z.string(), analyses: z.array(ImpactAnalysisSchema) })
  .openapi('ImpactAnalysisList');

/** A running measure that needs an analysis and has no done one. */
export const LackingAnalysisSchema = z
  .object({
    measureId: z.string(),
    title: z.string(),
    ownerUnitId: z.string(),
    category: z.enum(MEASURE_CATEGORIES),
    changesService: z.boolean(),
    status: z.enum(MEASURE_STATUSES),
    analysisId: orNull(z.string()),
    analysisStatus: orNull(z.enum(ANALYSIS_STATUSES)),
  })
  .openapi('LackingAnalysis');
