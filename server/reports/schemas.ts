import { z } from '@hono/zod-openapi';
import { JUDGEMENTS } from '../../domain/control/rules';
import { DEVIATION_KINDS } from '../../domain/followup/deviations';
import { FOLLOW_UP_STATUSES } from '../../domain/followup/uppdrag';
import { REPORT_KINDS } from '../../domain/reports/content';
import { EXPORT_JOB_STATUSES, REPORT_STATUSES } from '../../domain/reports/lists';
import { OUTCOMES } from '../../domain/reports/series';
import { RISK_LEVELS } from '../../domain/risk/matrix';
import { STATUSES } from '../../domain/steering';
import { orNull } from '../http/nullable';

/**
 * The answers of the report and meeting routes. A report's content is the domain's
 * `ReportContent` (domain/reports/content.ts): figures are decimal strings, amounts whole kronor
 * as digits; content frozen by older versions is read through `withFiguresAsText`, so it has
 * that shape too.
 */

/** A figure as text: whole kronor as digits, an indicator's value as a decimal string. */
const Figure = z.string();
const Outcome = z.enum(OUTCOMES);
const Status = z.enum(STATUSES);

export const SbarSchema = z
  .object({ situation: z.string(), background: z.string(), assessment: z.string(), recommendation: z.string() })
  .openapi('Sbar');

export const ActionPlanRowSchema = z
  .object({
    /** The unit of a unit row; the unit that owns the measure of a measure row. */
    unitName: z.string(),
    /** Null on a unit's total row. */
    measure: z.string().nullable(),
    targetKr: Figure,
    forecastKr: Figure.nullable(),
    deviationKr: Figure.nullable(),
    comment: z.string(),
    stale: z.boolean(),
  })
  .openapi('ActionPlanRow');

export const ActionPlanSectionSchema = z
  .object({
    planTitle: z.string(),
    year: z.number(),
    totals: z.object({
      targetKr: Figure,
      plannedKr: Figure,
      plannedGrade12Kr: Figure,
      forecastKr: Figure,
      forecastGrade12Kr: Figure,
      outcomeKr: Figure,
      deviationKr: Figure,
    }),
    rows: z.array(ActionPlanRowSchema),
    /** Absent in content frozen before rows were grouped by unit. */
    layout: z.literal('byUnit').optional(),
  })
  .openapi('ActionPlanSection');

export const ScorecardIndicatorRowSchema = z
  .object({
    name: z.string(),
    unitOfMeasure: z.string(),
    target: Figure.nullable(),
    outcome: Figure.nullable(),
    forecast: Figure.nullable(),
    status: Status,
    stale: z.boolean(),
  })
  .openapi('ScorecardIndicatorRow');

export const ScorecardSectionSchema = z
  .object({
    counts: z.object({ green: z.number(), yellow: z.number(), red: z.number(), grey: z.number() }),
    goals: z.array(
      z.object({
        title: z.string(),
        perspective: z.string(),
        status: Status,
        indicators: z.array(ScorecardIndicatorRowSchema),
      }),
    ),
  })
  .openapi('ScorecardSection');

export const DeviationRowSchema = z
  .object({
    kind: z.enum(DEVIATION_KINDS),
    name: z.string(),
    unitName: z.string(),
    /** 'kr' for measures, else the indicator's unit of measure. */
    unitOfMeasure: z.string(),
    target: Figure.nullable(),
    value: Figure.nullable(),
    deviation: Figure.nullable(),
    analysis: z.string(),
    correctiveAction: z.string().nullable(),
    decisionLevel: z.string().nullable(),
    escalated: z.boolean(),
  })
  .openapi('DeviationRow');

export const StaleRowSchema = z
  .object({
    kind: z.enum(DEVIATION_KINDS),
    name: z.string(),
    unitName: z.string(),
    /** The last month a figure was reported for, or null if never. */
    asOf: z.string().nullable(),
  })
  .openapi('StaleRow');

/** Who must decide a flagged record, and why (the rule cited). */
const WhoDecides = {
  requiredDecisionMaker: z.string(),
  reason: z.string(),
};

export const UndecidedPlanRowSchema = z
  .object({ title: z.string(), kindLabel: z.string(), ownerName: z.string(), ...WhoDecides })
  .openapi('UndecidedPlanRow');

export const DriftedGoalRowSchema = z
  .object({
    planTitle: z.string(),
    unitName: z.string(),
    /** Null when no competent decision ever stood behind a wording of the goal. */
    decidedWording: z.string().nullable(),
    currentWording: z.string(),
    ...WhoDecides,
  })
  .openapi('DriftedGoalRow');

export const AboveCompetenceRowSchema = z
  .object({
    kind: z.enum(['measure', 'corrective_action']),
    name: z.string(),
    unitName: z.string(),
    amountKr: Figure,
    ...WhoDecides,
  })
  .openapi('AboveCompetenceRow');

export const MissingAnalysisRowSchema = z
  .object({
    name: z.string(),
    unitName: z.string(),
    reason: z.string(),
    statusLabel: z.string(),
    analysisLabel: z.string(),
  })
  .openapi('MissingAnalysisRow');

const RiskLevel = z.enum(RISK_LEVELS);

export const RiskMatrixSectionSchema = z
  .object({
    bodyName: z.string(),
    probabilitySteps: z.array(z.string()),
    consequenceSteps: z.array(z.string()),
    cells: z.array(
      z.object({
        probability: z.number().int(),
        consequence: z.number().int(),
        value: z.number().int(),
        level: RiskLevel,
        count: z.number().int(),
      }),
    ),
    unassessed: z.number().int(),
    topRisks: z.array(
      z
        .object({
          title: z.string(),
          ownerName: z.string(),
          value: z.number().int(),
          level: RiskLevel,
          assessedOn: z.string(),
        })
        .openapi('TopRiskRow'),
    ),
  })
  .openapi('RiskMatrixSection');

export const ControlResultsSectionSchema = z
  .object({
    bodyName: z.string(),
    year: z.number().int(),
    planStatus: z.enum(['draft', 'decided']).nullable(),
    points: z.array(
      z
        .object({
          what: z.string(),
          unitName: z.string().nullable(),
          occasions: z.number().int(),
          done: z.number().int(),
          notDone: z.number().int(),
          deviations: z.number().int(),
          openActions: z.number().int(),
          lateActions: z.number().int(),
        })
        .openapi('ControlPointRow'),
    ),
    openDeviations: z.array(
      z
        .object({
          what: z.string(),
          occasion: z.string(),
          findings: z.string(),
          serious: z.boolean(),
          action: z.string().nullable(),
          late: z.boolean(),
        })
        .openapi('OpenDeviationRow'),
    ),
  })
  .openapi('ControlResultsSection');

const PlanStatus = z.enum(['draft', 'decided']);
const JudgementSchema = z.enum(JUDGEMENTS);

/** The internkontrollrapport's own section (issue 14): plan, results, actions, assessment, uppsikt. */
export const InternalControlReportSectionSchema = z
  .object({
    bodyName: z.string(),
    bodyKind: z.enum(['namnd', 'styrelse']),
    year: z.number().int(),
    asOf: z.string(),
    planStatus: PlanStatus.nullable(),
    points: z.array(
      z
        .object({
          what: z.string(),
          method: z.string(),
          frequency: z.string(),
          unitName: z.string().nullable(),
          riskTitle: z.string().nullable(),
          checkerName: z.string().nullable(),
          recipient: z.string(),
          dueOn: z.string(),
          regionWide: z.boolean(),
        })
        .openapi('IcPlanPointRow'),
    ),
    results: z.array(
      z
        .object({
          what: z.string(),
          occasion: z.string(),
          done: z.boolean(),
          deviation: z.boolean(),
          serious: z.boolean(),
          sampleSize: z.number().int().nullable(),
          findings: z.string(),
        })
        .openapi('IcResultRow'),
    ),
    actions: z.array(
      z
        .object({
          what: z.string(),
          occasion: z.string(),
          action: z.string(),
          ownerName: z.string().nullable(),
          dueOn: z.string(),
          status: z.enum(['open', 'done']),
          late: z.boolean(),
        })
        .openapi('IcActionRow'),
    ),
    assessment: z.object({ judgement: JudgementSchema, reasons: z.string(), decided: z.boolean() }).nullable(),
    oversight: z
      .array(
        z
          .object({
            bodyName: z.string(),
            planStatus: PlanStatus.nullable(),
            points: z.number().int(),
            done: z.number().int(),
            notDone: z.number().int(),
            deviations: z.number().int(),
            openActions: z.number().int(),
            lateActions: z.number().int(),
            judgement: JudgementSchema.nullable(),
          })
          .openapi('IcOversightRow'),
      )
      .nullable(),
  })
  .openapi('InternalControlReportSection');

export const ReportContentSchema = z
  .object({
    title: z.string(),
    kind: z.enum(REPORT_KINDS),
    unitName: z.string(),
    period: z.string(),
    meeting: z.object({ bodyName: z.string(), meetsOn: z.string(), paragraph: z.string() }).nullable(),
    /** Absent in drafts and in content frozen before the sender was recorded. */
    sent: z.object({ on: z.string(), byName: z.string() }).nullable().optional(),
    sbar: SbarSchema,
    proposedDecision: z.string(),
    actionPlan: orNull(ActionPlanSectionSchema),
    scorecard: ScorecardSectionSchema,
    deviations: z.array(DeviationRowSchema),
    stale: z.array(StaleRowSchema),
    /** The flags for the board (decision 016); absent in content frozen before they were carried. */
    undecidedPlans: z.array(UndecidedPlanRowSchema).optional(),
    driftedGoals: z.array(DriftedGoalRowSchema).optional(),
    aboveCompetence: z.array(AboveCompetenceRowSchema).optional(),
    /** Measures lacking their risk- och konsekvensanalys (issue 14); absent in content frozen before. */
    missingAnalyses: z.array(MissingAnalysisRowSchema).optional(),
    /** The body's risk matrix and control results (issue 14); absent in content frozen before. */
    riskMatrix: orNull(RiskMatrixSectionSchema).optional(),
    controlResults: orNull(ControlResultsSectionSchema).optional(),
    /** The internkontrollrapport's own section (kind `internal_control` only). */
    internalControl: orNull(InternalControlReportSectionSchema).optional(),
  })
  .openapi('ReportContent');

export const MeetingRefSchema = z
  .object({ id: z.string(), bodyName: z.string(), meetsOn: z.string(), paragraph: z.string() })
  .openapi('MeetingRef');

export const ReportListItemSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    kind: z.enum(REPORT_KINDS),
    unitId: z.string(),
    unitName: z.string(),
    period: z.string(),
    status: z.enum(REPORT_STATUSES),
    sentAt: z.string().nullable(),
    contentHash: z.string().nullable(),
    meeting: orNull(MeetingRefSchema),
    outcome: Outcome.nullable(),
  })
  .openapi('ReportListItem');

export const SeriesReportSchema = z
  .object({ id: z.string(), title: z.string(), meetsOn: z.string(), outcome: Outcome.nullable() })
  .openapi('SeriesReport');

export const ReportSeriesSchema = z
  .object({
    bodyName: z.string(),
    unitName: z.string(),
    reports: z.array(SeriesReportSchema),
    /** How many of the latest were followed only by "information noted". */
    notedInARow: z.number(),
    flagged: z.boolean(),
  })
  .openapi('ReportSeries');

export const ReportListSchema = z
  .object({ reports: z.array(ReportListItemSchema), series: z.array(ReportSeriesSchema) })
  .openapi('ReportList');

export const FollowedBySchema = z
  .object({
    meetingId: z.string(),
    bodyName: z.string(),
    meetsOn: z.string(),
    paragraph: z.string(),
    outcome: Outcome.nullable(),
    decisionId: z.string(),
    decisionTitle: z.string(),
    decisionText: z.string(),
  })
  .openapi('FollowedBy');

export const ReportSchema = z
  .object({
    id: z.string(),
    version: z.number(),
    title: z.string(),
    kind: z.enum(REPORT_KINDS),
    unitId: z.string(),
    unitName: z.string(),
    period: z.string(),
    planId: z.string().nullable(),
    status: z.enum(REPORT_STATUSES),
    sentAt: z.string().nullable(),
    sentByName: z.string().nullable(),
    contentHash: z.string().nullable(),
    sbar: SbarSchema,
    proposedDecision: z.string(),
    content: ReportContentSchema,
    meeting: orNull(MeetingRefSchema),
    followedBy: z.array(FollowedBySchema),
    /**
     * What the caller may do with the report: change the draft, send it to a meeting (which
     * freezes it; the meeting's body is checked when one is chosen), export it as a file.
     */
    can: z.object({ edit: z.boolean(), send: z.boolean(), export: z.boolean() }).openapi('ReportAbilities'),
  })
  .openapi('Report');

export const SentReportSchema = z
  .object({ id: z.string(), sentAt: z.string(), contentHash: z.string() })
  .openapi('SentReport');

export const ExportJobSchema = z
  .object({
    status: z.enum(EXPORT_JOB_STATUSES),
    /** 0–1. */
    progress: z.number(),
    /** What the export is doing now (Swedish). */
    step: z.string(),
    error: z.string().nullable(),
  })
  .openapi('ExportJob');

export const MeetingItemSchema = z
  .object({
    id: z.string(),
    paragraph: z.string(),
    title: z.string(),
    reportId: z.string().nullable(),
    reportTitle: z.string().nullable(),
    outcome: Outcome.nullable(),
    decisionId: z.string().nullable(),
    decisionText: z.string().nullable(),
  })
  .openapi('MeetingItem');

/** An uppdrag the body gave before this meeting, still open, and where it stands today. */
export const MeetingFollowUpSchema = z
  .object({
    assignmentId: z.string(),
    title: z.string(),
    /** The day the body gave the uppdrag. */
    givenOn: z.string(),
    /** The paragraph of the decision that gave it, if recorded at a meeting. */
    paragraph: z.string().nullable(),
    /** The responsible unit (or official). */
    assigneeName: z.string(),
    reportBackOn: z.string(),
    status: z.enum(FOLLOW_UP_STATUSES),
  })
  .openapi('MeetingFollowUp');

export const MeetingSchema = z
  .object({
    id: z.string(),
    bodyId: z.string(),
    bodyName: z.string(),
    meetsOn: z.string(),
    title: z.string(),
    items: z.array(MeetingItemSchema),
    /** What the caller may do with the meeting: add items, record the body's decisions. */
    can: z.object({ edit: z.boolean() }).openapi('MeetingAbilities'),
    /** The body's open uppdrag given before the meeting, each with its status by today's clock. */
    followUp: z.array(MeetingFollowUpSchema),
  })
  .openapi('Meeting');
