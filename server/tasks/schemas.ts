import { z } from '@hono/zod-openapi';
import { SUBMISSION_STATUSES } from '../../domain/followup/submissions';
import { UNIT_LEVELS } from '../../domain/org';
import { AGGREGATIONS, DIRECTIONS, FREQUENCIES, STATUSES } from '../../domain/steering';
import { SubmissionCanSchema } from '../followup/schemas';
import { KronorText } from '../http/routing';

/** The answers of the start page (uppgifter) and the unit's month (månaden på en sida). */

export const CurrentMonthSchema = z
  .object({
    /** ÅÅÅÅ-MM: the month every page opens on (see domain/periods.ts currentFollowupMonth). */
    month: z.string(),
    /** Today in Swedish time, ÅÅÅÅ-MM-DD, by the server's clock. */
    today: z.string(),
  })
  .openapi('CurrentMonth');

export const TASK_KINDS = [
  'returned',
  'submit',
  'approve',
  'missing_values',
  'missing_measures',
  'assignment',
  'reminder',
  'report_sent',
  'meeting',
  'flag',
] as const;

export const TaskSchema = z
  .object({
    kind: z.enum(TASK_KINDS),
    title: z.string(),
    /** One line more: what is missing, the status, the body. */
    detail: z.string(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    /** ÅÅÅÅ-MM-DD when the task has a deadline or a date. */
    dueOn: z.string().nullable(),
    late: z.boolean(),
    /** The returner's comment on a returned report. */
    comment: z.string().nullable(),
    /** Where in the web the work is done (a path with its unit and month). */
    href: z.string(),
  })
  .openapi('Task');

export const TasksSchema = z
  .object({
    month: z.string(),
    today: z.string(),
    tasks: z.array(TaskSchema),
    /** Tasks left out of a long list (the first ones of each kind are kept). */
    omitted: z.number(),
  })
  .openapi('Tasks');

const Entered = z
  .object({ value: z.string(), enteredAt: z.string(), enteredByName: z.string() })
  .openapi('MonthEnteredValue');

export const MonthPartSchema = z
  .object({
    /** The indicator whose value is entered for this part. */
    indicatorId: z.string(),
    role: z.enum(['value', 'numerator', 'denominator', 'weight']),
    name: z.string(),
    measureUnit: z.string(),
    outcome: Entered.nullable(),
    forecast: Entered.nullable(),
  })
  .openapi('MonthPart');

export const MonthIndicatorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    measureUnit: z.string(),
    direction: z.enum(DIRECTIONS),
    aggregation: z.enum(AGGREGATIONS),
    frequency: z.enum(FREQUENCIES),
    /** Multiplier of a ratio (100 for a percentage) as a decimal string. */
    scale: z.string(),
    goalIds: z.array(z.string()),
    /** Whether the month is one this indicator reports (tertial and year indicators report at their end). */
    due: z.boolean(),
    /** Whether its figures are entered at this unit (a leaf, or an indicator that does not roll up). */
    enteredHere: z.boolean(),
    parts: z.array(MonthPartSchema),
    /** The unit's figure for the month as the scorecard shows it (rolled up over the units below). */
    outcome: z.number().nullable(),
    outcomeMonth: z.string().nullable(),
    forecast: z.number().nullable(),
    target: z.number().nullable(),
    /** Outcome minus target. */
    deviation: z.number().nullable(),
    status: z.enum(STATUSES),
    stale: z.boolean(),
    /** The figure of the reporting period before, for "changes since last month". */
    previousOutcome: z.number().nullable(),
    previousPeriod: z.string().nullable(),
  })
  .openapi('MonthIndicator');

export const MonthGoalSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    ownerUnitName: z.string(),
    status: z.enum(STATUSES),
    indicatorIds: z.array(z.string()),
    analysis: z.object({ text: z.string(), version: z.number(), enteredByName: z.string() }).nullable(),
  })
  .openapi('MonthGoal');

export const MonthMeasureSchema = z
  .object({
    id: z.string(),
    version: z.number(),
    planId: z.string(),
    title: z.string(),
    ownerUnitId: z.string(),
    ownerUnitName: z.string(),
    planned: KronorText,
    /** The newest forecast of the year's effect (from the newest report), null before any. */
    forecast: KronorText.nullable(),
    outcome: KronorText.nullable(),
    /** Whether the measure has a report for this month. */
    reported: z.boolean(),
    mayReport: z.boolean(),
  })
  .openapi('MonthMeasure');

export const MISSING_KINDS = [
  'indicator_outcome',
  'indicator_forecast',
  'goal_analysis',
  'measure',
  'analysis',
] as const;

export const MissingItemSchema = z
  .object({
    kind: z.enum(MISSING_KINDS),
    /** The indicator, goal or measure; the unit for the consolidated analysis. */
    id: z.string(),
    label: z.string(),
  })
  .openapi('MonthMissingItem');

export const UnitMonthSchema = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    unitLevel: z.enum(UNIT_LEVELS),
    leaf: z.boolean(),
    period: z.string(),
    previousPeriod: z.string(),
    status: z.enum(SUBMISSION_STATUSES),
    statusLabel: z.string(),
    deadline: z.string().nullable(),
    late: z.boolean(),
    /** The submission's version, for save/submit/approve/return. */
    version: z.number(),
    analysis: z.string(),
    returnComment: z.string().nullable(),
    /**
     * What the caller may do with the month's report now: enter figures and texts (edit), hand it
     * in (submit), approve or return it (decide).
     */
    can: SubmissionCanSchema,
    indicators: z.array(MonthIndicatorSchema),
    goals: z.array(MonthGoalSchema),
    measures: z.array(MonthMeasureSchema),
    /** What is still missing before the report can be handed in; empty once it is handed in. */
    missing: z.array(MissingItemSchema),
    children: z.array(
      z.object({ unitId: z.string(), name: z.string(), status: z.enum(SUBMISSION_STATUSES), statusLabel: z.string() }),
    ),
  })
  .openapi('UnitMonth');
