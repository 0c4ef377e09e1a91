import { z } from '@hono/zod-openapi';
import { ANALYSIS_STATUSES } from '../../domain/analysis/impact';
import {
  CALC_LINE_KINDS,
  CORRECTIVE_STATUSES,
  FEASIBILITY_GRADES,
  MEASURE_CATEGORIES,
  MEASURE_STATUSES,
} from '../../domain/economy/measures';
import { BODY_KINDS, UNIT_LEVELS } from '../../domain/org';
import { DECISION_KINDS, PLAN_STATUSES } from '../../domain/steering';
import { RecordCompetenceSchema } from '../competence/schemas';
import { orNull } from '../http/nullable';
import { KronorText } from '../http/routing';

/** The answers of the economy routes (ekonomi i balans). Amounts are whole kronor as strings. */

const Feasibility = z.union(
  FEASIBILITY_GRADES.map((g) => z.literal(g)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>],
);

export const ActionPlanSchema = z
  .object({
    id: z.string(),
    version: z.number(),
    title: z.string(),
    description: z.string(),
    status: z.enum(PLAN_STATUSES),
    startYear: z.number(),
    endYear: z.number(),
    ownerBodyName: z.string().nullable(),
    ownerUnitId: z.string().nullable(),
    /** The citation of the decision in force, e.g. "Regionfullmäktige 2023-06-13 § 78 (RS/1100/2023)". */
    decision: z.string().nullable(),
    steersWithoutDecision: z.boolean(),
    requirement: z.array(z.object({ year: z.number(), amountKr: KronorText })),
    /** What the caller may do with the plan: change it (edit). */
    can: z.object({ edit: z.boolean() }).openapi('ActionPlanCan'),
  })
  .openapi('ActionPlan');

export const AllocationSchema = z
  .object({ unitId: z.string(), year: z.number(), amountKr: KronorText })
  .openapi('Allocation');

export const TotalsSchema = z
  .object({
    target: orNull(KronorText),
    planned: KronorText,
    plannedGross: KronorText,
    plannedGrade12: KronorText,
    forecast: KronorText,
    forecastGrade12: KronorText,
    outcome: KronorText,
    /** Forecast − target; null where there is no target. */
    deviation: orNull(KronorText),
    measures: z.number(),
    staleCount: z.number(),
  })
  .openapi('Totals');

export const AllocationRowSchema = z
  .object({
    unitId: z.string(),
    name: z.string(),
    parentId: z.string().nullable(),
    requirement: orNull(KronorText),
    allocatedBelow: KronorText,
    planned: KronorText,
    planningGap: orNull(KronorText),
    /** Set the unit's requirement (allocate); hand in the unit's month of measure reports (submit). */
    can: z.object({ allocate: z.boolean(), submit: z.boolean() }).openapi('AllocationRowCan'),
  })
  .openapi('AllocationRow');

export const ActionPlanSummarySchema = TotalsSchema.extend({
  /** The whole organisation always has a requirement (0 where none is set). */
  target: KronorText,
  deviation: KronorText,
  plan: z.string(),
  title: z.string(),
  period: z.string(),
  year: z.number(),
  byCategory: z.array(TotalsSchema.extend({ category: z.enum(MEASURE_CATEGORIES) })),
  byFeasibility: z.array(TotalsSchema.extend({ feasibility: Feasibility })),
  byUnit: z.array(TotalsSchema.extend({ unitId: z.string(), name: z.string() })),
  allocations: z.array(AllocationRowSchema),
}).openapi('ActionPlanSummary');

export const MandateSchema = z
  .object({
    /** The lowest delegation level whose limit covers the amount. */
    required: z.string().nullable(),
    /** The level of the owner. */
    owner: z.string().nullable(),
    aboveMandate: z.boolean(),
    /** Above the owner's mandate without a decision at the required level or higher. */
    flagged: z.boolean(),
  })
  .openapi('Mandate');

export const LastReportSchema = z
  .object({ period: z.string(), comment: z.string(), enteredByName: z.string(), enteredAt: z.string() })
  .openapi('LastReport');

/** What the caller may do with a measure, computed by the server with the rules it enforces. */
export const MeasureAbilitiesSchema = z
  .object({
    /** Read the measure's own page (a manager also reads the measures above theirs). */
    read: z.boolean(),
    edit: z.boolean(),
    /** Report forecast and outcome: a measure without sub-measures only. */
    report: z.boolean(),
    correct: z.boolean(),
    /** Write the measure's risk- och konsekvensanalys. */
    analyse: z.boolean(),
    history: z.boolean(),
  })
  .openapi('MeasureAbilities');

/** The measure's risk- och konsekvensanalys: which, and whether it is done. */
export const MeasureAnalysisRefSchema = z
  .object({ id: z.string(), status: z.enum(ANALYSIS_STATUSES) })
  .openapi('MeasureAnalysisRef');

export const MeasureFiguresSchema = z
  .object({
    id: z.string(),
    version: z.number(),
    parentId: z.string().nullable(),
    title: z.string(),
    ownerUnitId: z.string(),
    ownerUnitName: z.string(),
    responsibleName: z.string(),
    category: z.enum(MEASURE_CATEGORIES),
    feasibility: Feasibility,
    status: z.enum(MEASURE_STATUSES),
    leaf: z.boolean(),
    plannedGross: KronorText,
    planned: KronorText,
    /** Null for a measure without sub-measures that has not reported yet. */
    forecast: orNull(KronorText),
    outcome: orNull(KronorText),
    deviation: KronorText,
    stale: z.boolean(),
    staleCount: z.number(),
    deviates: z.boolean(),
    lastReport: orNull(LastReportSchema),
    mandate: MandateSchema,
    /** The measure changes a service's scope or quality (omfång eller kvalitet). */
    changesService: z.boolean(),
    impactAnalysis: orNull(MeasureAnalysisRefSchema),
    /** Ransonering, or changing a service: a done analysis is needed before it starts or is submitted. */
    needsImpactAnalysis: z.boolean(),
    /** Needs an analysis and has no done one: flagged. */
    lacksImpactAnalysis: z.boolean(),
    can: MeasureAbilitiesSchema,
  })
  .openapi('MeasureFigures');

export const MeasureTreeSchema = z
  .object({ period: z.string(), measures: z.array(MeasureFiguresSchema) })
  .openapi('MeasureTree');

export const CalcLineSchema = z
  .object({
    year: z.number(),
    kind: z.enum(CALC_LINE_KINDS),
    description: z.string(),
    assumption: z.string(),
    amountKr: KronorText,
    realisationPct: z.number(),
  })
  .openapi('CalcLine');

const reportFields = {
  period: z.string(),
  forecast: KronorText,
  outcome: orNull(KronorText),
  comment: z.string(),
  enteredByName: z.string(),
  enteredAt: z.string(),
};

export const MeasureReportSchema = z.object(reportFields).openapi('MeasureReport');

/** A report just written, naming its measure. */
export const MeasureReportWrittenSchema = z
  .object({ measureId: z.string(), ...reportFields })
  .openapi('MeasureReportWritten');

/** What the caller may do with a corrective action: follow it up (its status) while it is open. */
export const CorrectiveActionAbilitiesSchema = z.object({ edit: z.boolean() }).openapi('CorrectiveActionAbilities');

export const CorrectiveActionSchema = z
  .object({
    id: z.string(),
    version: z.number(),
    what: z.string(),
    responsibleName: z.string(),
    dueOn: z.string(),
    amountKr: KronorText,
    status: z.enum(CORRECTIVE_STATUSES),
    decisionId: z.string().nullable(),
    /** The delegation level that must decide it. */
    decisionLevel: z.string().nullable(),
    can: CorrectiveActionAbilitiesSchema,
  })
  .openapi('CorrectiveAction');

export const CorrectiveActionUpdatedSchema = z
  .object({
    id: z.string(),
    version: z.number(),
    status: z.enum(CORRECTIVE_STATUSES),
    can: CorrectiveActionAbilitiesSchema,
  })
  .openapi('CorrectiveActionUpdated');

export const CorrectiveActionCreatedSchema = z
  .object({ id: z.string(), decisionLevel: z.string().nullable() })
  .openapi('CorrectiveActionCreated');

export const MeasureDecisionSchema = z
  .object({
    id: z.string(),
    kind: z.enum(DECISION_KINDS),
    title: z.string(),
    decidedOn: z.string(),
    paragraph: z.string().nullable(),
    diarienummer: z.string().nullable(),
    bodyName: z.string().nullable(),
    officialName: z.string().nullable(),
  })
  .openapi('MeasureDecision');

export const MeasureSchema = MeasureFiguresSchema.extend({
  planId: z.string(),
  planTitle: z.string(),
  planStartYear: z.number(),
  planEndYear: z.number(),
  description: z.string(),
  startOn: z.string(),
  fullEffectOn: z.string(),
  riskAnalysisRef: z.string().nullable(),
  children: z.array(z.string()),
  calculation: z.array(CalcLineSchema),
  targets: z.array(z.object({ year: z.number(), gross: KronorText, net: KronorText })),
  reports: z.array(MeasureReportSchema),
  goalIds: z.array(z.string()),
  decisions: z.array(MeasureDecisionSchema),
  correctiveActions: z.array(CorrectiveActionSchema),
  /** On a single measure: who must decide it and why, each beslut naming it judged. */
  competence: RecordCompetenceSchema.optional(),
}).openapi('Measure');

/** A unit's submission of a month, as listed. */
export const ActionPlanSubmissionSchema = z
  .object({
    unitId: z.string(),
    name: z.string(),
    period: z.string(),
    submittedAt: z.string(),
    submittedByName: z.string(),
  })
  .openapi('ActionPlanSubmission');

/** A submission just recorded, with how many measures it covers. */
export const ActionPlanSubmittedSchema = z
  .object({
    unitId: z.string(),
    period: z.string(),
    submittedAt: z.string(),
    submittedByName: z.string(),
    measures: z.number(),
  })
  .openapi('ActionPlanSubmitted');

export const DelegationLevelSchema = z
  .object({
    id: z.string(),
    rank: z.number(),
    name: z.string(),
    unitLevel: z.enum(UNIT_LEVELS).nullable(),
    bodyKind: z.enum(BODY_KINDS).nullable(),
    /** The largest amount this level may decide; null for no limit. */
    maxAmountKr: orNull(KronorText),
  })
  .openapi('DelegationLevel');

export const ForecastImportSchema = z
  .object({ rows: z.number(), written: z.number(), unchanged: z.number(), dryRun: z.boolean() })
  .openapi('ForecastImportResult');
