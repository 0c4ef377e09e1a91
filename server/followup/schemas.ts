import { z } from '@hono/zod-openapi';
import { CONTROL_STEPS } from '../../domain/control/occasions';
import { CORRECTIVE_STATUSES } from '../../domain/economy/measures';
import { DEADLINE_LEVELS, OCCASION_KINDS } from '../../domain/followup/cycle';
import { DEVIATION_KINDS, DEVIATION_STATUSES } from '../../domain/followup/deviations';
import { OUTBOX_TRANSPORTS } from '../../domain/followup/outbox';
import { SUBMISSION_STATUSES, TRAIL_ACTIONS } from '../../domain/followup/submissions';
import { UNIT_LEVELS } from '../../domain/org';
import { LackingAnalysisSchema } from '../analysis/schemas';
import { CorrectiveActionAbilitiesSchema } from '../economy/schemas';
import { countsOf } from '../http/counts';
import { orNull } from '../http/nullable';

/** The answers of the follow-up routes (uppföljning, årshjul, utkorg). */

export const DeadlineSchema = z
  .object({ level: z.enum(DEADLINE_LEVELS), /** ÅÅÅÅ-MM-DD */ dueOn: z.string() })
  .openapi('Deadline');

export const OccasionSchema = z
  .object({
    id: z.string(),
    version: z.number(),
    year: z.number(),
    kind: z.enum(OCCASION_KINDS),
    /** The month a follow-up reports on; null for a planning milestone. */
    period: z.string().nullable(),
    title: z.string(),
    /** Which step of the internal control an internal_control occasion is; null for every other kind. */
    controlStep: z.enum(CONTROL_STEPS).nullable(),
    deadlines: z.array(DeadlineSchema),
    /** What the statutory steps after the units are (styrelse, revisorer, fullmäktige); empty for other kinds. */
    steps: z.array(z.object({ level: z.enum(DEADLINE_LEVELS), label: z.string() })),
    /** What the caller may do with the occasion: change its name, step and deadlines, remove it. */
    can: z.object({ edit: z.boolean(), remove: z.boolean() }).openapi('OccasionAbilities'),
  })
  .openapi('Occasion');

export const CycleSchema = z
  .object({
    year: z.number(),
    levels: z.array(z.enum(DEADLINE_LEVELS)),
    occasions: z.array(OccasionSchema),
    /** What the caller may do with the year's cycle: add occasions to it. */
    can: z.object({ create: z.boolean() }).openapi('CycleAbilities'),
  })
  .openapi('Cycle');

const OccasionRefSchema = z
  .object({ id: z.string(), kind: z.enum(OCCASION_KINDS), title: z.string() })
  .openapi('OccasionRef');

export const SubmissionCanSchema = z
  .object({ edit: z.boolean(), submit: z.boolean(), decide: z.boolean() })
  .openapi('SubmissionCan');

export const StatusRowSchema = z
  .object({
    unitId: z.string(),
    name: z.string(),
    level: z.enum(UNIT_LEVELS),
    parentId: z.string().nullable(),
    status: z.enum(SUBMISSION_STATUSES),
    statusLabel: z.string(),
    /** The unit's last day for the month (ÅÅÅÅ-MM-DD); null when no occasion sets one. */
    deadline: z.string().nullable(),
    late: z.boolean(),
    daysLate: z.number(),
    submittedAt: z.string().nullable(),
    submittedByName: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decidedByName: z.string().nullable(),
    returnComment: z.string().nullable(),
    version: z.number(),
    /**
     * What the caller may do with the report now: save it (edit), hand it in (submit), approve or
     * return it (decide) — the permission for the unit and the report's status together.
     */
    can: SubmissionCanSchema,
  })
  .openapi('StatusRow');

export const StatusCountsSchema = countsOf(SUBMISSION_STATUSES)
  .extend({ late: z.number().int() })
  .openapi('SubmissionStatusCounts');

export const FollowupStatusSchema = z
  .object({
    period: z.string(),
    occasion: orNull(OccasionRefSchema),
    counts: StatusCountsSchema,
    units: z.array(StatusRowSchema),
  })
  .openapi('FollowupStatus');

export const MissingMeasureSchema = z
  .object({ id: z.string(), title: z.string(), unitId: z.string(), unitName: z.string() })
  .openapi('MissingMeasure');

export const TrailEntrySchema = z
  .object({
    at: z.string(),
    actorName: z.string(),
    action: z.enum(TRAIL_ACTIONS),
    /** Null or empty when none was given. */
    comment: z.string().nullable(),
  })
  .openapi('TrailEntry');

export const SubmissionDetailSchema = StatusRowSchema.extend({
  period: z.string(),
  occasion: orNull(OccasionRefSchema),
  analysis: z.string(),
  missingMeasureReports: z.array(MissingMeasureSchema),
  children: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      status: z.enum(SUBMISSION_STATUSES),
      statusLabel: z.string(),
      late: z.boolean(),
    }),
  ),
  trail: z.array(TrailEntrySchema),
}).openapi('SubmissionDetail');

export const DeviationSchema = z
  .object({
    kind: z.enum(DEVIATION_KINDS),
    id: z.string(),
    name: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    unitOfMeasure: z.string(),
    /** Whole kronor as digits for a measure; the indicator's own figure as a decimal string otherwise. */
    target: z.string().nullable(),
    value: z.string().nullable(),
    deviation: z.string().nullable(),
    status: z.enum(DEVIATION_STATUSES),
    analysis: z.string().nullable(),
    correctiveAction: z
      .object({
        id: z.string(),
        version: z.number(),
        what: z.string(),
        responsibleName: z.string(),
        dueOn: z.string(),
        status: z.enum(CORRECTIVE_STATUSES),
        can: CorrectiveActionAbilitiesSchema,
      })
      .nullable(),
    /** The delegation level that must decide the corrective action. */
    decisionLevel: z.string().nullable(),
    escalated: z.boolean(),
  })
  .openapi('Deviation');

export const DeviationsSchema = z
  .object({
    period: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    deviations: z.array(DeviationSchema),
    /**
     * Running measures under the unit that need a risk- och konsekvensanalys (ransonering, or a
     * change to a service) and have no done one: they cannot be started or submitted (issue 14).
     */
    missingAnalyses: z.array(LackingAnalysisSchema.extend({ unitName: z.string() })),
    /** What the caller may do here: register a corrective action for the unit's deviations. */
    can: z.object({ act: z.boolean() }).openapi('DeviationsAbilities'),
  })
  .openapi('Deviations');

export const IndicatorActionCreatedSchema = z
  .object({ id: z.string(), decisionLevel: z.string().nullable() })
  .openapi('IndicatorActionCreated');

export const ReminderRunSchema = z.object({ created: z.number(), sent: z.number() }).openapi('ReminderRun');

export const OutboxMessageSchema = z
  .object({
    id: z.string(),
    /** Null when the recipient has no e-mail address. */
    to: z.string().nullable(),
    subject: z.string(),
    body: z.string(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    transport: z.enum(OUTBOX_TRANSPORTS),
    error: z.string().nullable(),
  })
  .openapi('OutboxMessage');
