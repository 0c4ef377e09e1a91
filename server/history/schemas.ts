import { z } from '@hono/zod-openapi';
import { ANALYSIS_STATUSES, ANALYSIS_SUBJECT_KINDS, RISK_GRADES } from '../../domain/analysis/impact';
import { DECIDER_CLASSES, MATTERS } from '../../domain/competence/rules';
import { CONTROL_STEPS } from '../../domain/control/occasions';
import {
  ACTION_STATUSES as CONTROL_ACTION_STATUSES,
  FREQUENCIES as CONTROL_FREQUENCIES,
  PLAN_STATUSES as CONTROL_PLAN_STATUSES,
  JUDGEMENTS,
} from '../../domain/control/rules';
import {
  CALC_LINE_KINDS,
  CORRECTIVE_STATUSES,
  FEASIBILITY_GRADES,
  MEASURE_CATEGORIES,
  MEASURE_STATUSES,
} from '../../domain/economy/measures';
import { DEADLINE_LEVELS, OCCASION_KINDS } from '../../domain/followup/cycle';
import { SUBMISSION_STATUSES } from '../../domain/followup/submissions';
import { BODY_KINDS, UNIT_LEVELS } from '../../domain/org';
import { MEMBER_ROLES } from '../../domain/permissions/bodies';
import { ROLES } from '../../domain/permissions/roles';
import { REPORT_KINDS } from '../../domain/reports/content';
import { OUTCOMES } from '../../domain/reports/series';
import { RISK_LEVELS, RISK_LINK_KINDS, RISK_STATUSES } from '../../domain/risk/matrix';
import {
  ACTIVITY_STATUSES,
  AGGREGATIONS,
  ASSIGNMENT_STATUSES,
  DECISION_KINDS,
  DIRECTIONS,
  FREQUENCIES,
  INDICATOR_SOURCES,
  PLAN_KINDS,
  PLAN_STATUSES,
  VALUE_KINDS,
} from '../../domain/steering';
import { orNull } from '../http/nullable';
import { HISTORY_ENTITIES, HISTORY_KINDS, type HistoryKind } from './kinds';

// Field schemas: strict objects, so a key a write records but its kind does not declare fails
// the tests (server/core/write.ts checks every entry written under Vitest).
const Id = z.string();
const Text = z.string();
const DateText = z.string().openapi({ description: 'Datum ÅÅÅÅ-MM-DD' });
const Timestamp = z.string().openapi({ description: 'Tidpunkt (ISO 8601, UTC)' });
const Int = z.number().int();
/** Whole kronor as digit text (older numbers are mapped to text by the reader). */
const Kronor = z
  .string()
  .regex(/^-?\d+$/)
  .openapi({ description: 'Hela kronor som siffertext' });
/** A whole number from one of the domain's closed lists of grades (genomförbarhet, sannolikhet…). */
const gradeOf = (grades: readonly number[]) =>
  Int.refine((n) => grades.includes(n), { message: `En av ${grades.join(', ')}` }).openapi({ enum: [...grades] });
const Feasibility = gradeOf(FEASIBILITY_GRADES);
const Decimal = z.string().openapi({ description: 'Exakt decimaltal som text' });
const strict = <T extends z.ZodRawShape>(shape: T, name: string) => z.object(shape).strict().openapi(name);

const OrgUnitState = strict(
  {
    id: Id,
    version: Int,
    parentId: Id.nullable(),
    name: Text,
    level: z.enum(UNIT_LEVELS),
    code: Text.nullable(),
    managerName: Text.nullable(),
    managerUserId: Id.nullable(),
    validFrom: DateText,
    validTo: DateText.nullable(),
  },
  'HistoryOrgUnit',
);

const BodyState = strict(
  {
    id: Id,
    version: Int,
    name: Text,
    kind: z.enum(BODY_KINDS),
    parentBodyId: Id.nullable(),
    validFrom: DateText,
    validTo: DateText.nullable(),
    unitIds: z.array(Id),
  },
  'HistoryBody',
);

const BodyMemberState = strict(
  {
    id: Id,
    version: Int,
    bodyId: Id,
    userId: Id,
    displayName: Text,
    username: Text,
    role: z.enum(MEMBER_ROLES),
    validFrom: DateText,
    validTo: DateText.nullable(),
  },
  'HistoryBodyMember',
);

const BodyDelegationOrder = z
  .array(
    strict(
      {
        id: Id,
        version: Int,
        bodyId: Id,
        matter: Text,
        delegate: strict(
          { kind: Text, title: Text, unitLevel: z.enum(UNIT_LEVELS).optional(), bodyId: Id.optional() },
          'HistoryDelegate',
        ),
        maxAmountKr: Kronor.nullable(),
        validFrom: DateText,
        validTo: DateText.nullable(),
        decisionId: Id.nullable(),
      },
      'HistoryBodyDelegation',
    ),
  )
  .openapi('HistoryBodyDelegationOrder');

const UserState = strict(
  {
    id: Id,
    version: Int,
    username: Text,
    displayName: Text,
    email: Text.nullable(),
    disabled: z.boolean(),
    roles: z.array(strict({ id: Id, role: z.enum(ROLES), unitId: Id }, 'HistoryUserRole')),
  },
  'HistoryUser',
);

const RoleAssignmentState = strict({ id: Id, userId: Id, role: z.enum(ROLES), unitId: Id }, 'HistoryRoleAssignment');

const DecisionSummaryShape = {
  id: Id,
  version: Int,
  kind: z.enum(DECISION_KINDS),
  bodyId: Id.nullable(),
  bodyName: Text.nullable(),
  officialName: Text.nullable(),
  decidedOn: DateText,
  paragraph: Text.nullable(),
  diarienummer: Text.nullable(),
  title: Text,
  text: Text,
};
const DecisionState = strict(
  {
    ...DecisionSummaryShape,
    scopeUnitId: Id.nullable(),
    links: z.array(strict({ entity: Text, entityId: Id }, 'HistoryDecisionLink')),
  },
  'HistoryDecision',
);

const PlanVersionState = strict(
  {
    seq: Int,
    title: Text,
    description: Text,
    startYear: Int,
    endYear: Int,
    status: z.enum(PLAN_STATUSES),
    decisionId: Id.nullable(),
    decision: Text.nullable(),
    createdAt: Timestamp,
    createdBy: Text,
  },
  'HistoryPlanVersion',
);
const PlanState = strict(
  {
    id: Id,
    version: Int,
    kind: z.enum(PLAN_KINDS),
    ownerBodyId: Id.nullable(),
    ownerBodyName: Text.nullable(),
    ownerUnitId: Id.nullable(),
    parentPlanId: Id.nullable(),
    title: Text,
    description: Text,
    startYear: Int,
    endYear: Int,
    status: z.enum(PLAN_STATUSES),
    inForce: orNull(PlanVersionState),
    versions: z.array(PlanVersionState),
    goalCount: Int,
    measureCount: Int,
    steersWithoutDecision: z.boolean(),
    decisions: z.array(strict(DecisionSummaryShape, 'HistoryDecisionSummary')),
  },
  'HistoryPlan',
);

const GoalWordingState = strict(
  {
    seq: Int,
    title: Text,
    description: Text,
    decisionId: Id.nullable(),
    decision: Text.nullable(),
    drift: z.boolean(),
    createdAt: Timestamp,
    createdBy: Text,
  },
  'HistoryGoalWording',
);
const GoalState = strict(
  {
    id: Id,
    version: Int,
    planId: Id,
    planTitle: Text,
    planDecided: z.boolean(),
    perspective: Text,
    focusArea: Text.nullable(),
    ownerUnitId: Id,
    targetYear: Int.nullable(),
    title: Text,
    description: Text,
    drift: z.boolean(),
    decidedWording: orNull(GoalWordingState),
    wordings: z.array(GoalWordingState),
    parentGoalIds: z.array(Id),
    childGoalIds: z.array(Id),
    indicatorIds: z.array(Id),
    decisions: z.array(
      strict({ id: Id, kind: z.enum(DECISION_KINDS), title: Text, citation: Text }, 'HistoryGoalDecision'),
    ),
  },
  'HistoryGoal',
);

const AssignmentState = strict(
  {
    id: Id,
    version: Int,
    title: Text,
    description: Text,
    bodyId: Id,
    bodyName: Text,
    decisionId: Id.nullable(),
    assigneeUnitId: Id.nullable(),
    assigneeName: Text.nullable(),
    dueOn: DateText,
    reportBackOn: DateText.nullable(),
    status: z.enum(ASSIGNMENT_STATUSES),
    reportedOn: DateText.nullable(),
    overdue: z.boolean(),
    scopeUnitId: Id.nullable(),
  },
  'HistoryAssignment',
);

const IndicatorState = strict(
  {
    id: Id,
    version: Int,
    code: Text.nullable(),
    name: Text,
    description: Text,
    measureUnit: Text,
    direction: z.enum(DIRECTIONS),
    frequency: z.enum(FREQUENCIES),
    aggregation: z.enum(AGGREGATIONS),
    numeratorId: Id.nullable(),
    denominatorId: Id.nullable(),
    weightId: Id.nullable(),
    scale: Decimal,
    rollingMonths: Int.nullable(),
    source: z.enum(INDICATOR_SOURCES),
    goalIds: z.array(Id),
  },
  'HistoryIndicator',
);

const TargetState = strict({ unitId: Id, period: Text, target: Decimal, tolerance: Decimal }, 'HistoryTarget');

const ValueState = strict(
  {
    indicatorId: Id,
    unitId: Id,
    period: Text,
    kind: z.enum(VALUE_KINDS),
    value: Decimal,
    comment: Text,
    enteredByName: Text,
    enteredAt: Timestamp,
  },
  'HistoryValue',
);

const ValueImport = strict({ indicator: Text, values: Int, from: Text, to: Text }, 'HistoryValueImport');

const ActivityState = strict(
  {
    id: Id,
    version: Int,
    title: Text,
    description: Text,
    ownerUnitId: Id,
    responsibleName: Text,
    startOn: DateText,
    endOn: DateText,
    status: z.enum(ACTIVITY_STATUSES),
    progress: Int,
    goalIds: z.array(Id),
    updates: z.array(
      strict(
        {
          period: Text,
          status: z.enum(ACTIVITY_STATUSES),
          progress: Int,
          comment: Text,
          enteredByName: Text,
          enteredAt: Timestamp,
        },
        'HistoryActivityUpdate',
      ),
    ),
  },
  'HistoryActivity',
);

const AnalysisState = strict(
  {
    goalId: Id,
    unitId: Id,
    period: Text,
    text: Text,
    enteredByName: Text,
    enteredAt: Timestamp,
    version: Int,
  },
  'HistoryAnalysis',
);

const ActionPlanSettings = strict(
  {
    title: Text,
    description: Text,
    startYear: Int,
    endYear: Int,
    ownerBodyId: Id.nullable(),
    ownerUnitId: Id.nullable(),
    deviationMarginPct: z.number(),
  },
  'HistoryActionPlan',
);

const AllocationState = strict({ unitId: Id, year: Int, amountKr: Kronor }, 'HistoryAllocation');

const MeasureState = strict(
  {
    measure: strict(
      {
        id: Id,
        version: Int,
        planId: Id,
        parentMeasureId: Id.nullable(),
        ownerUnitId: Id,
        responsibleName: Text,
        title: Text,
        description: Text,
        category: z.enum(MEASURE_CATEGORIES),
        feasibility: Feasibility,
        startOn: DateText,
        fullEffectOn: DateText,
        status: z.enum(MEASURE_STATUSES),
        riskAnalysisRef: Text.nullable(),
        changesService: z.boolean(),
        createdAt: Timestamp,
      },
      'HistoryMeasureFields',
    ),
    calculation: z.array(
      strict(
        {
          measureId: Id,
          seq: Int,
          year: Int,
          kind: z.enum(CALC_LINE_KINDS),
          description: Text,
          assumption: Text,
          amountKr: Kronor,
          realisationPct: z.number(),
        },
        'HistoryCalcLine',
      ),
    ),
  },
  'HistoryMeasure',
);

const MeasureReportState = strict(
  {
    measureId: Id,
    period: Text,
    forecastKr: Kronor,
    outcomeKr: Kronor.nullable(),
    comment: Text,
    enteredByName: Text,
    enteredAt: Timestamp,
  },
  'HistoryMeasureReport',
);

const CorrectiveActionState = strict(
  {
    id: Id,
    measureId: Id.nullable(),
    indicatorId: Id.nullable(),
    unitId: Id.nullable(),
    what: Text,
    responsibleName: Text,
    dueOn: DateText,
    amountKr: Kronor,
    status: z.enum(CORRECTIVE_STATUSES),
    decisionId: Id.nullable(),
    createdAt: Timestamp,
  },
  'HistoryCorrectiveAction',
);

const DelegationState = z
  .array(
    strict(
      {
        id: Id,
        rank: Int,
        name: Text,
        unitLevel: z.enum(UNIT_LEVELS).nullable(),
        bodyKind: z.enum(BODY_KINDS).nullable(),
        maxAmountKr: Kronor.nullable(),
      },
      'HistoryDelegationLevel',
    ),
  )
  .openapi('HistoryDelegationOrder');

const CompetenceRule = strict(
  {
    matter: z.enum(MATTERS),
    matterLabel: Text,
    lowest: z.enum(DECIDER_CLASSES),
    lowestLabel: Text,
    basis: Text,
    validFrom: DateText,
  },
  'HistoryCompetenceRule',
);
const CompetenceRulesState = strict(
  { version: Int, inForce: z.array(CompetenceRule), all: z.array(CompetenceRule) },
  'HistoryCompetenceRules',
);
const CompetenceRulesChanged = strict(
  {
    version: Int,
    inForce: z.array(CompetenceRule),
    all: z.array(CompetenceRule),
    changed: strict(
      {
        version: Int,
        validFrom: DateText,
        rules: z.array(
          strict(
            { matter: z.enum(MATTERS), lowest: z.enum(DECIDER_CLASSES), basis: Text },
            'HistoryCompetenceRuleChange',
          ),
        ),
      },
      'HistoryCompetenceChange',
    ),
  },
  'HistoryCompetenceRulesChanged',
);

const PlanSubmissionBefore = strict(
  { unitId: Id, period: Text, submittedAt: Timestamp, submittedByName: Text },
  'HistoryPlanSubmissionBefore',
);
const PlanSubmissionAfter = strict(
  { unitId: Id, period: Text, submittedAt: Timestamp, submittedByName: Text, measures: Int },
  'HistoryPlanSubmission',
);

const Deadline = strict({ level: z.enum(DEADLINE_LEVELS), dueOn: DateText }, 'HistoryDeadline');
// The internal-control step was recorded from migration 021 on; earlier entries have none.
const ControlStep = z.enum(CONTROL_STEPS).nullable().optional();
const OccasionInput = strict(
  {
    year: Int,
    kind: z.enum(OCCASION_KINDS),
    period: Text.nullable(),
    title: Text,
    controlStep: ControlStep,
    deadlines: z.array(Deadline),
  },
  'HistoryOccasionInput',
);
const OccasionState = strict(
  {
    id: Id,
    version: Int,
    year: Int,
    kind: z.enum(OCCASION_KINDS),
    period: Text.nullable(),
    title: Text,
    controlStep: ControlStep,
    deadlines: z.array(Deadline),
    steps: z.array(strict({ level: z.enum(DEADLINE_LEVELS), label: Text }, 'HistoryOccasionStep')),
  },
  'HistoryOccasion',
);

// The analysis and comment were recorded from 2025 on; the demo's earlier steps hold the status only.
const SubmissionBefore = strict(
  { status: z.enum(SUBMISSION_STATUSES), analysis: Text.optional() },
  'HistorySubmissionBefore',
);
const SubmissionAfter = strict(
  { status: z.enum(SUBMISSION_STATUSES), analysis: Text.optional(), comment: Text.nullable().optional() },
  'HistorySubmissionAfter',
);

const Sbar = strict({ situation: Text, background: Text, assessment: Text, recommendation: Text }, 'HistorySbar');
const ReportCreated = strict(
  {
    kind: z.enum(REPORT_KINDS),
    title: Text,
    unitId: Id,
    period: Text,
    planId: Id.nullable(),
    sbar: strict(
      {
        situation: Text.optional(),
        background: Text.optional(),
        assessment: Text.optional(),
        recommendation: Text.optional(),
      },
      'HistorySbarDraft',
    ).optional(),
    proposedDecision: Text.optional(),
  },
  'HistoryReportCreated',
);
const ReportText = strict({ title: Text, sbar: Sbar, proposedDecision: Text }, 'HistoryReportText');
const ReportSent = strict({ meetingId: Id, paragraph: Text, contentHash: Text }, 'HistoryReportSent');

const MeetingState = strict({ bodyId: Id, meetsOn: DateText, title: Text }, 'HistoryMeeting');
const AgendaItem = strict(
  { id: Id, paragraph: Text, title: Text, reportId: Id.nullable().optional() },
  'HistoryAgendaItem',
);
const MeetingDecision = strict(
  { itemId: Id, decisionId: Id, outcome: z.enum(OUTCOMES), assignmentId: Id.nullable() },
  'HistoryMeetingDecision',
);

const created = (state: z.ZodType) => ({ before: z.null(), after: state });
const changed = (state: z.ZodType) => ({ before: state, after: state });
const removed = (state: z.ZodType) => ({ before: state, after: z.null() });

// A risk in its register as recorded on creation and change (decision 019).
const RiskState = z
  .object({
    id: z.string(),
    version: z.number().int(),
    bodyId: z.string().nullable(),
    unitId: z.string().nullable(),
    title: z.string(),
    description: z.string(),
    cause: z.string(),
    consequence: z.string(),
    process: z.string(),
    ownerUserId: z.string().nullable(),
    existingControls: z.string(),
    plannedActions: z.string(),
    status: z.enum(RISK_STATUSES),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .strict()
  .openapi('HistoryRisk');

// A risk's assessment as recorded: append-only, so it is only ever an `after` (decision 019).
const RiskAssessmentState = z
  .object({
    id: z.string(),
    riskId: z.string(),
    assessedAt: z.string(),
    probability: z.number().int(),
    consequence: z.number().int(),
    value: z.number().int(),
    level: z.enum(RISK_LEVELS),
    comment: z.string(),
  })
  .strict()
  .openapi('HistoryRiskAssessment');

const RiskLinkState = z
  .object({ riskId: z.string(), kind: z.enum(RISK_LINK_KINDS), targetId: z.string() })
  .strict()
  .openapi('HistoryRiskLink');

const RiskScaleState = z
  .object({
    version: z.number().int(),
    probabilitySteps: z.array(z.string()),
    consequenceSteps: z.array(z.string()),
    thresholds: z.object({ medium: z.number().int(), high: z.number().int(), veryHigh: z.number().int() }),
  })
  .strict()
  .openapi('HistoryRiskScale');
// Internal control (issue 14 part B): the payloads of its kinds, field by field.
const ControlPlanState = z
  .object({
    id: z.string(),
    bodyId: z.string(),
    year: z.number().int(),
    status: z.enum(CONTROL_PLAN_STATUSES),
    decisionId: z.string().nullable(),
  })
  .strict()
  .openapi('HistoryControlPlan');
const ControlPointState = z
  .object({
    id: z.string(),
    planId: z.string(),
    riskId: z.string().nullable(),
    regionWide: z.boolean(),
    sourcePointId: z.string().nullable(),
    unitId: z.string().nullable(),
    what: z.string(),
    method: z.string(),
    frequency: z.enum(CONTROL_FREQUENCIES),
    checkerUserId: z.string().nullable(),
    recipient: z.string(),
    dueOn: z.string().nullable(),
  })
  .strict()
  .openapi('HistoryControlPoint');
const ControlResultState = z
  .object({
    id: z.string(),
    pointId: z.string(),
    occasion: z.string(),
    done: z.boolean(),
    deviation: z.boolean(),
    serious: z.boolean(),
    sampleSize: z.number().int().nullable(),
    findings: z.string(),
    evidence: z.string(),
    recordedBy: z.string().nullable(),
  })
  .strict()
  .openapi('HistoryControlResult');
const ControlActionState = z
  .object({
    id: z.string(),
    resultId: z.string(),
    what: z.string(),
    ownerUserId: z.string().nullable(),
    dueOn: z.string(),
    status: z.enum(CONTROL_ACTION_STATUSES),
  })
  .strict()
  .openapi('HistoryControlAction');
const ControlAssessmentState = z
  .object({
    bodyId: z.string(),
    year: z.number().int(),
    judgement: z.enum(JUDGEMENTS),
    reasons: z.string(),
    decisionId: z.string().nullable(),
  })
  .strict()
  .openapi('HistoryControlAssessment');

/** A risk- och konsekvensanalys as its history keeps it: every section, the units and risks in order. */
const ImpactAnalysisState = z
  .object({
    id: z.string(),
    version: z.number().int(),
    subjectKind: z.enum(ANALYSIS_SUBJECT_KINDS),
    measureId: z.string().nullable(),
    decisionId: z.string().nullable(),
    subjectTitle: z.string(),
    unitId: z.string(),
    title: z.string(),
    analysedOn: z.string(),
    patients: z.string(),
    staff: z.string(),
    unionConsultedOn: z.string().nullable(),
    unionConsultedWith: z.string(),
    economy: z.string(),
    otherUnits: z.string(),
    conclusion: z.string(),
    status: z.enum(ANALYSIS_STATUSES),
    madeByName: z.string(),
    completedAt: z.string().nullable(),
    createdAt: z.string(),
    costShifts: z.array(z.object({ unitId: z.string(), how: z.string() }).strict()),
    risks: z.array(
      z
        .object({
          risk: z.string(),
          mitigation: z.string(),
          probability: gradeOf(RISK_GRADES).nullable(),
          consequence: gradeOf(RISK_GRADES).nullable(),
        })
        .strict(),
    ),
  })
  .strict()
  .openapi('HistoryImpactAnalysis');

/**
 * What each kind's `before` and `after` hold, field by field. A kind missing here fails to
 * compile; a write whose payload its kind rejects fails the tests.
 */
export const PAYLOADS: Record<HistoryKind, { before: z.ZodType; after: z.ZodType }> = {
  'org_unit.created': created(OrgUnitState),
  'org_unit.updated': changed(OrgUnitState),
  'org_unit.closed': changed(OrgUnitState),
  'body.created': created(BodyState),
  'body.updated': changed(BodyState),
  'body_member.added': created(BodyMemberState),
  'body_member.updated': changed(BodyMemberState),
  'body_delegation.added': changed(BodyDelegationOrder),
  'body_delegation.ended': changed(BodyDelegationOrder),
  'user.created': created(UserState),
  'user.updated': changed(UserState),
  'user.password_set': changed(UserState),
  'user.disabled': changed(UserState),
  'user.enabled': changed(UserState),
  'role.granted': created(RoleAssignmentState),
  'role.revoked': removed(RoleAssignmentState),
  'decision.created': created(DecisionState),
  'decision.updated': changed(DecisionState),
  'plan.created': created(PlanState),
  'plan.updated': changed(PlanState),
  'plan.revised': changed(PlanState),
  'plan.decided': changed(PlanState),
  'goal.created': created(GoalState),
  'goal.updated': changed(GoalState),
  'goal.reworded': changed(GoalState),
  'assignment.created': created(AssignmentState),
  'assignment.updated': changed(AssignmentState),
  'indicator.created': created(IndicatorState),
  'indicator.updated': changed(IndicatorState),
  'target.set': { before: orNull(TargetState), after: orNull(TargetState) },
  'value.set': { before: orNull(ValueState), after: ValueState },
  'value.deleted': { before: orNull(ValueState), after: z.null() },
  'value.imported': created(ValueImport),
  'activity.created': created(ActivityState),
  'activity.updated': changed(ActivityState),
  'activity.reported': changed(ActivityState),
  'analysis.set': { before: orNull(AnalysisState), after: AnalysisState },
  'action_plan.created': created(ActionPlanSettings),
  'allocation.set': { before: orNull(AllocationState), after: AllocationState },
  'measure.created': created(MeasureState),
  'measure.updated': changed(MeasureState),
  'measure.reported': { before: orNull(MeasureReportState), after: MeasureReportState },
  // Listed for entries a database may hold; nothing writes these kinds today.
  'measures.imported': { before: z.null(), after: z.null() },
  'corrective_action.created': created(CorrectiveActionState),
  'corrective_action.updated': changed(CorrectiveActionState),
  'delegation.updated': changed(DelegationState),
  'competence.updated': { before: CompetenceRulesState, after: CompetenceRulesChanged },
  'action_plan.submitted': { before: orNull(PlanSubmissionBefore), after: PlanSubmissionAfter },
  'cycle_occasion.created': created(OccasionInput),
  'cycle_occasion.updated': changed(OccasionState),
  'cycle_occasion.deleted': removed(OccasionState),
  'submission.saved': { before: SubmissionBefore, after: SubmissionAfter },
  'submission.submitted': { before: SubmissionBefore, after: SubmissionAfter },
  'submission.returned': { before: SubmissionBefore, after: SubmissionAfter },
  'submission.approved': { before: SubmissionBefore, after: SubmissionAfter },
  'report.created': created(ReportCreated),
  'report.updated': changed(ReportText),
  'report.sent': created(ReportSent),
  'meeting.created': created(MeetingState),
  'meeting.item_added': created(AgendaItem),
  'meeting.decision_recorded': created(MeetingDecision),
  'risk.created': created(RiskState),
  'risk.updated': changed(RiskState),
  'risk.assessed': { before: z.null(), after: RiskAssessmentState },
  'risk.linked': { before: z.null(), after: RiskLinkState },
  'risk.unlinked': { before: RiskLinkState, after: z.null() },
  'risk_scale.updated': { before: RiskScaleState, after: RiskScaleState },
  'control_plan.created': { before: z.null(), after: ControlPlanState },
  'control_plan.decided': { before: ControlPlanState, after: ControlPlanState },
  'control_point.created': { before: z.null(), after: ControlPointState },
  'control_point.updated': { before: ControlPointState, after: ControlPointState },
  'control_result.recorded': { before: z.null(), after: ControlResultState },
  'control_result.updated': { before: ControlResultState, after: ControlResultState },
  'control_action.created': { before: z.null(), after: ControlActionState },
  'control_action.updated': { before: ControlActionState, after: ControlActionState },
  'control_assessment.created': { before: z.null(), after: ControlAssessmentState },
  'control_assessment.updated': { before: ControlAssessmentState, after: ControlAssessmentState },
  'impact_analysis.created': { before: z.null(), after: ImpactAnalysisState },
  'impact_analysis.updated': { before: ImpactAnalysisState, after: ImpactAnalysisState },
  'impact_analysis.completed': { before: ImpactAnalysisState, after: ImpactAnalysisState },
};

const FieldChangeSchema = z
  .object({
    field: z.string().openapi({ description: 'Fältets namn; nästlade fält med punkt (`measure.title`)' }),
    before: z.string().nullable().openapi({ description: 'Värdet före, som text; null om fältet saknades' }),
    after: z.string().nullable().openapi({ description: 'Värdet efter, som text; null om fältet togs bort' }),
  })
  .openapi('HistoryFieldChange');

const common = {
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  entity: z.enum(HISTORY_ENTITIES),
  entityId: z.string(),
  unitId: z.string().nullable(),
  changes: z.array(FieldChangeSchema).openapi({
    description: 'Vad som ändrades från vad till vad, fält för fält: samma form för alla slag av poster.',
  }),
};

/** The schema, or null besides if it does not take null already. */
const orNullOnce = (schema: z.ZodType) => (schema.safeParse(null).success ? schema : orNull(schema));

const unreadable =
  'null också för en post skriven i en äldre form än sitt slags schema; dess changes visar ändå vad som ändrades.';

/**
 * The schema of one kind's entry. Its payload is the kind's, or null for an entry stored in a
 * shape older than the schema (the reader keeps its changes rather than refuse the history).
 */
export const entrySchemaOf = (kind: HistoryKind) =>
  z
    .object({
      ...common,
      kind: z.literal(kind),
      before: orNullOnce(PAYLOADS[kind].before),
      after: orNullOnce(PAYLOADS[kind].after),
    })
    .strict()
    .openapi({
      description: `En ändring av slaget ${kind}: before och after är posten före och efter, null före en skapelse och efter en borttagning; ${unreadable}`,
    });

/**
 * Throws unless `before` and `after` are what `kind` records: the write path calls it for every
 * entry, so a payload its kind's schema rejects fails the write (and the tests) instead of
 * storing a shape no reader knows.
 */
export function checkPayload(kind: HistoryKind, before: unknown, after: unknown): void {
  const schema = PAYLOADS[kind];
  for (const [side, value, check] of [
    ['before', before, schema.before],
    ['after', after, schema.after],
  ] as const) {
    const parsed = check.safeParse(value);
    if (!parsed.success)
      throw new Error(`History payload ${kind}.${side} does not match its schema: ${parsed.error.message}`);
  }
}

const [first, ...rest] = HISTORY_KINDS.map(entrySchemaOf);
/** A history entry: a discriminated union on its kind, each kind with its payload's schema. */
export const HistoryEntrySchema = z
  .discriminatedUnion('kind', [first as ReturnType<typeof entrySchemaOf>, ...rest])
  .openapi('HistoryEntry');
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
