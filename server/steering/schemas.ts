import { z } from '@hono/zod-openapi';
import { UNIT_LEVELS } from '../../domain/org';
import {
  ACTIVITY_STATUSES,
  AGGREGATIONS,
  ASSIGNMENT_STATUSES,
  DECISION_KINDS,
  DIRECTIONS,
  FREQUENCIES,
  INDICATOR_SOURCES,
  PERSPECTIVES,
  PLAN_KINDS,
  PLAN_STATUSES,
  STATUSES,
  VALUE_KINDS,
} from '../../domain/steering';
import { RecordCompetenceSchema } from '../competence/schemas';
import { countsOf } from '../http/counts';
import { ErrorSchema } from '../http/env';
import { orNull } from '../http/nullable';

/**
 * What the steering routes answer: the output shapes of decisions, plans, goals, assignments,
 * indicators, values, scorecards and activities. The services' record types are inferred from
 * these, so the OpenAPI document, the web's generated client and the services say one thing.
 */

// Entities a decision can concern; here rather than in decisions.ts so that the schemas import no service.
export const LINK_ENTITIES = [
  'plan',
  'goal',
  'assignment',
  'indicator',
  'activity',
  'measure',
  'corrective_action',
] as const;

const Id = z.string();
const DateText = z.string().openapi({ description: 'Datum ÅÅÅÅ-MM-DD' });
const Timestamp = z.string().openapi({ description: 'Tidpunkt (ISO 8601, UTC)' });
const Month = z.string().openapi({ description: 'Månad ÅÅÅÅ-MM' });
const Version = z.number().int();
const Decimal = z.string().openapi({ description: 'Exakt decimaltal som text, punkt som decimaltecken' });

/** A decision as cited beside a plan: the register's fields without what it concerns. */
export const DecisionSummarySchema = z
  .object({
    id: Id,
    version: Version,
    kind: z.enum(DECISION_KINDS),
    bodyId: Id.nullable(),
    bodyName: z.string().nullable(),
    officialName: z.string().nullable(),
    decidedOn: DateText,
    paragraph: z.string().nullable(),
    diarienummer: z.string().nullable(),
    title: z.string(),
    text: z.string(),
  })
  .openapi('DecisionSummary');

/** A beslut, uppdrag or informationsärende, with what it concerns. */
export const DecisionSchema = DecisionSummarySchema.extend({
  links: z.array(z.object({ entity: z.enum(LINK_ENTITIES), entityId: Id }).openapi('DecisionLink')),
}).openapi('Decision');

export const PlanVersionSchema = z
  .object({
    seq: z.number().int(),
    title: z.string(),
    description: z.string(),
    startYear: z.number().int(),
    endYear: z.number().int(),
    status: z.enum(PLAN_STATUSES),
    decisionId: Id.nullable(),
    decision: z
      .string()
      .nullable()
      .openapi({ description: 'Beslutet citerat: "Regionfullmäktige 2024-11-26 § 145 (RS/1234/2024)"' }),
    createdAt: Timestamp,
    createdBy: z.string(),
  })
  .openapi('PlanVersion');

/** What the caller may do with a plan: change its draft, decide it. */
export const PlanAbilitiesSchema = z.object({ edit: z.boolean(), decide: z.boolean() }).openapi('PlanAbilities');

/** What the caller may do with a goal, an activity, an assignment or an indicator definition. */
export const EditAbilitySchema = z.object({ edit: z.boolean() }).openapi('EditAbility');

/** What the caller may do with an activity: change it, report its progress. */
export const ActivityAbilitiesSchema = z
  .object({ edit: z.boolean(), report: z.boolean() })
  .openapi('ActivityAbilities');

/** What the caller may do with an assignment: change it, or only report it back (the assignee). */
export const AssignmentAbilitiesSchema = z
  .object({ edit: z.boolean(), report: z.boolean() })
  .openapi('AssignmentAbilities');

export const PlanSchema = z
  .object({
    id: Id,
    version: Version,
    kind: z.enum(PLAN_KINDS),
    ownerBodyId: Id.nullable(),
    ownerBodyName: z.string().nullable(),
    ownerUnitId: Id.nullable(),
    parentPlanId: Id.nullable(),
    title: z.string().openapi({ description: 'Den senaste versionens innehåll och status' }),
    description: z.string(),
    startYear: z.number().int(),
    endYear: z.number().int(),
    status: z.enum(PLAN_STATUSES),
    inForce: orNull(PlanVersionSchema).openapi({ description: 'Den beslutade version som gäller, om någon' }),
    versions: z.array(PlanVersionSchema),
    goalCount: z.number().int(),
    measureCount: z.number().int(),
    steersWithoutDecision: z
      .boolean()
      .openapi({ description: 'Mål eller åtgärder hänger på planen men ingen version har beslutats' }),
    decisions: z.array(DecisionSummarySchema),
    /** On a single record: who must decide it and why, each beslut naming it judged. */
    competence: RecordCompetenceSchema.optional(),
    can: PlanAbilitiesSchema,
  })
  .openapi('Plan');

export const GoalWordingSchema = z
  .object({
    seq: z.number().int(),
    title: z.string(),
    description: z.string(),
    decisionId: Id.nullable(),
    decision: z.string().nullable(),
    drift: z.boolean().openapi({ description: 'Skriven efter att planen beslutades, utan beslut bakom' }),
    createdAt: Timestamp,
    createdBy: z.string(),
  })
  .openapi('GoalWording');

export const GoalSchema = z
  .object({
    id: Id,
    version: Version,
    planId: Id,
    planTitle: z.string(),
    planDecided: z.boolean(),
    perspective: z.enum(PERSPECTIVES),
    focusArea: z.string().nullable(),
    ownerUnitId: Id,
    targetYear: z.number().int().nullable(),
    title: z.string(),
    description: z.string(),
    drift: z.boolean().openapi({ description: 'Den gällande formuleringen ändrades utan beslut' }),
    decidedWording: orNull(GoalWordingSchema),
    wordings: z.array(GoalWordingSchema),
    parentGoalIds: z.array(Id),
    childGoalIds: z.array(Id),
    indicatorIds: z.array(Id),
    decisions: z.array(
      z
        .object({ id: Id, kind: z.enum(DECISION_KINDS), title: z.string(), citation: z.string() })
        .openapi('GoalDecision'),
    ),
    /** On a single record: who must decide it and why, each beslut naming it judged. */
    competence: RecordCompetenceSchema.optional(),
    can: EditAbilitySchema,
  })
  .openapi('Goal');

/** The manager's analysis of a goal for a unit and a month. */
export const AnalysisSchema = z
  .object({ text: z.string(), enteredByName: z.string(), enteredAt: Timestamp, version: Version })
  .openapi('Analysis');

/** A stale analysis write (409): the analysis as it stands now, null when there is none yet. */
export const AnalysisConflictSchema = z
  .object({ error: ErrorSchema.shape.error.extend({ current: AnalysisSchema.nullable().optional() }) })
  .openapi('AnalysisConflict');

export const AssignmentSchema = z
  .object({
    id: Id,
    version: Version,
    title: z.string(),
    description: z.string(),
    bodyId: Id,
    bodyName: z.string(),
    decisionId: Id.nullable(),
    assigneeUnitId: Id.nullable(),
    assigneeName: z.string().nullable(),
    dueOn: DateText,
    reportBackOn: DateText.nullable(),
    status: z.enum(ASSIGNMENT_STATUSES),
    reportedOn: DateText.nullable(),
    overdue: z.boolean().openapi({ description: 'Återrapporteringsdagen har passerat utan rapport' }),
    can: AssignmentAbilitiesSchema,
  })
  .openapi('Assignment');

export const IndicatorSchema = z
  .object({
    id: Id,
    version: Version,
    code: z.string().nullable(),
    name: z.string(),
    description: z.string(),
    measureUnit: z.string(),
    direction: z.enum(DIRECTIONS),
    frequency: z.enum(FREQUENCIES),
    aggregation: z.enum(AGGREGATIONS),
    numeratorId: Id.nullable(),
    denominatorId: Id.nullable(),
    weightId: Id.nullable(),
    scale: Decimal,
    rollingMonths: z.number().int().nullable(),
    source: z.enum(INDICATOR_SOURCES),
    goalIds: z.array(Id),
    can: EditAbilitySchema,
  })
  .openapi('Indicator');

/** A target for a unit and a year (ÅÅÅÅ) or month (ÅÅÅÅ-MM), as exact decimal text. */
export const TargetSchema = z
  .object({
    unitId: Id,
    period: z.string().openapi({ description: 'År ÅÅÅÅ eller månad ÅÅÅÅ-MM' }),
    target: Decimal,
    tolerance: Decimal,
    can: EditAbilitySchema,
  })
  .openapi('Target');

export const StoredValueSchema = z
  .object({
    indicatorId: Id,
    unitId: Id,
    period: Month,
    kind: z.enum(VALUE_KINDS),
    value: Decimal,
    comment: z.string(),
    enteredByName: z.string(),
    enteredAt: Timestamp.openapi({ description: 'Värdets version: skickas tillbaka som basedOn' }),
  })
  .openapi('Value');

export const ValueImportSummarySchema = z
  .object({
    rows: z.number().int(),
    written: z.number().int(),
    removed: z.number().int().openapi({ description: 'Rader utan värde: värden som tas bort' }),
    dryRun: z.boolean(),
  })
  .openapi('ValueImportSummary');

/** An indicator's figure for a unit and a month, as the scorecard and the cross-unit view show it. */
export const IndicatorFigureSchema = z
  .object({
    id: Id,
    name: z.string(),
    measureUnit: z.string(),
    direction: z.enum(DIRECTIONS),
    aggregation: z.enum(AGGREGATIONS),
    frequency: z.enum(FREQUENCIES),
    target: z.number().nullable(),
    tolerance: z.number().nullable(),
    outcome: z.number().nullable(),
    outcomeMonth: Month.nullable().openapi({
      description: 'Månaden utfallet gäller: den rapporterade månaden, eller en tidigare när den saknas',
    }),
    forecast: z.number().nullable(),
    forecastMonth: Month.nullable(),
    status: z.enum(STATUSES),
    stale: z
      .boolean()
      .openapi({ description: 'Inte rapportmånadens fullständiga siffra: en äldre, eller alla har inte rapporterat' }),
    reported: z.number().int().openapi({ description: 'Hur många enheter som rapporterat utfallet' }),
    expected: z.number().int().openapi({ description: 'Hur många enheter som rapporterar indikatorn' }),
    trend: z.array(
      z.object({ period: Month, outcome: z.number().nullable(), target: z.number().nullable() }).openapi('TrendPoint'),
    ),
  })
  .openapi('IndicatorFigure');

/**
 * A unit's figure in the cross-unit view: the month's outcome, forecast, target, status and
 * reporting, without the twelve-month trend (the view shows one month across many units; each
 * unit's trend is on its scorecard).
 */
export const AcrossFigureSchema = IndicatorFigureSchema.omit({ trend: true }).openapi('AcrossFigure');

export const ScorecardGoalSchema = z
  .object({
    id: Id,
    title: z.string(),
    perspective: z.enum(PERSPECTIVES),
    focusArea: z.string().nullable(),
    ownerUnitId: Id,
    ownerUnitName: z.string(),
    inherited: z.boolean().openapi({ description: 'Ägs av en enhet ovanför denna' }),
    planId: Id,
    planTitle: z.string(),
    planWithoutDecision: z.boolean(),
    drift: z.boolean(),
    status: z.enum(STATUSES),
    analysis: orNull(AnalysisSchema),
    indicators: z.array(IndicatorFigureSchema),
  })
  .openapi('ScorecardGoal');

const UnitRefSchema = z.object({ id: Id, name: z.string(), level: z.enum(UNIT_LEVELS) }).openapi('ScorecardUnit');

export const ScorecardSchema = z
  .object({
    unitId: Id,
    unitName: z.string(),
    unitLevel: z.enum(UNIT_LEVELS),
    period: Month,
    goals: z.array(ScorecardGoalSchema),
    statusCounts: countsOf(STATUSES).openapi('StatusCounts'),
    children: z.array(UnitRefSchema),
    /** What the caller may do on this unit's scorecard: write the goals' analyses. */
    can: z.object({ analyse: z.boolean() }).openapi('ScorecardAbilities'),
  })
  .openapi('Scorecard');

export const AcrossRowSchema = z
  .object({
    unitId: Id,
    unitName: z.string(),
    level: z.enum(UNIT_LEVELS),
    parentId: Id.nullable(),
    /** Levels below the chosen unit (0 for the unit itself), so that any page can indent its rows. */
    depth: z.number().int().min(0),
    figure: AcrossFigureSchema,
  })
  .openapi('AcrossRow');

/** Units per page of the cross-unit view when none is asked for, and the most one page holds. */
export const ACROSS_PAGE = { default: 100, max: 500 } as const;

export const IndicatorAcrossQuerySchema = z.object({
  period: z.string(),
  unit: z.string().optional().openapi({ description: 'Enheten vars underträd visas (standard: roten)' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(ACROSS_PAGE.max)
    .default(ACROSS_PAGE.default)
    .openapi({ description: `Enheter per sida (1–${ACROSS_PAGE.max}, standard ${ACROSS_PAGE.default})` }),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .openapi({ description: 'Hur många enheter i trädordning som hoppas över' }),
  depth: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .openapi({ description: 'Bara enheter högst så många nivåer under den valda (0: bara den valda)' }),
});

export const IndicatorAcrossSchema = z
  .object({
    indicatorId: Id,
    period: Month,
    /** The chosen unit, the first row of the first page. */
    unitId: Id,
    unitName: z.string(),
    /** Units the caller may read in the subtree (down to `depth` when asked), over all pages. */
    total: z.number().int().min(0),
    offset: z.number().int().min(0),
    limit: z.number().int().min(1),
    /** The page: units in tree order (depth first), each with its whole figure. */
    rows: z.array(AcrossRowSchema),
  })
  .openapi('IndicatorAcross');

export const ActivityUpdateSchema = z
  .object({
    period: Month,
    status: z.enum(ACTIVITY_STATUSES),
    progress: z.number().int(),
    comment: z.string(),
    enteredByName: z.string(),
    enteredAt: Timestamp,
  })
  .openapi('ActivityUpdate');

export const ActivitySchema = z
  .object({
    id: Id,
    version: Version,
    title: z.string(),
    description: z.string(),
    ownerUnitId: Id,
    responsibleName: z.string(),
    startOn: DateText,
    endOn: DateText,
    status: z.enum(ACTIVITY_STATUSES),
    progress: z.number().int(),
    goalIds: z.array(Id),
    updates: z.array(ActivityUpdateSchema),
    can: ActivityAbilitiesSchema,
  })
  .openapi('Activity');
