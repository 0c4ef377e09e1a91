import { type IndicatorDefinition, missingReferences, referencesOf } from '../../../domain/indicators/definition';
import { parseDecimalInput } from './numbers';
import type {
  ActivityStatus,
  Assignment,
  AssignmentStatus,
  DecisionKind,
  Goal,
  Indicator,
  Perspective,
  PlanKind,
} from './types';

// What the steering forms hold and what they send: each form keeps a draft as typed, and
// one function here turns it into the request body of server/steering/routes.ts, or says
// which fields to correct first (as i18n keys). The server checks everything again.

/** Field name → i18n key of what to correct, for checks that need no round trip. */
export type Errors = Record<string, string>;
export type Checked<T> = { ok: true; body: T } | { ok: false; errors: Errors };

const checked = <T>(errors: Errors, body: () => T): Checked<T> =>
  Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, body: body() };

/** Trimmed text, or null when nothing is left. */
export const textOrNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** A whole number from a number field (which holds a number, or text while typed); null if none. */
export function integerOf(value: number | string): number | null {
  const text = String(value).trim();
  const n = Number(text);
  return text !== '' && Number.isInteger(n) ? n : null;
}

const YEAR_MIN = 2000;
const YEAR_MAX = 2100;
const isYear = (n: number | null): n is number => n !== null && n >= YEAR_MIN && n <= YEAR_MAX;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "§ 145" or "145" as the register stores it: the number without the sign, which citations add. */
export const paragraphOf = (text: string): string | null => textOrNull(text.replace(/^\s*§\s*/, ''));

// Decisions

export interface DecisionDraft {
  kind: DecisionKind;
  /** A body's decision, or an official's under delegation (delegationsbeslut). */
  decidedBy: 'body' | 'official';
  bodyId: string | null;
  officialName: string;
  unitId: string | null;
  decidedOn: string;
  paragraph: string;
  diarienummer: string;
  title: string;
  text: string;
}

export interface DecisionBody {
  kind: DecisionKind;
  bodyId: string | null;
  officialName: string | null;
  unitId: string | null;
  decidedOn: string;
  paragraph: string | null;
  diarienummer: string | null;
  title: string;
  text: string;
}

export function decisionPayload(d: DecisionDraft): Checked<DecisionBody> {
  const errors: Errors = {};
  if (d.decidedBy === 'body' && !d.bodyId) errors.bodyId = 'forms.chooseBody';
  if (d.decidedBy === 'official') {
    if (!d.officialName.trim()) errors.officialName = 'forms.required';
    if (!d.unitId) errors.unitId = 'forms.chooseUnit';
  }
  if (!ISO_DATE.test(d.decidedOn)) errors.decidedOn = 'forms.dateRequired';
  if (!d.title.trim()) errors.title = 'forms.required';
  return checked(errors, () => ({
    kind: d.kind,
    bodyId: d.decidedBy === 'body' ? d.bodyId : null,
    officialName: d.decidedBy === 'official' ? d.officialName.trim() : null,
    unitId: d.decidedBy === 'official' ? d.unitId : null,
    decidedOn: d.decidedOn,
    paragraph: paragraphOf(d.paragraph),
    diarienummer: textOrNull(d.diarienummer),
    title: d.title.trim(),
    text: d.text.trim(),
  }));
}

// Plans

export interface PlanDraft {
  kind: PlanKind;
  title: string;
  description: string;
  startYear: number | string;
  endYear: number | string;
  ownedBy: 'body' | 'unit';
  ownerBodyId: string | null;
  ownerUnitId: string | null;
  parentPlanId: string | null;
}

export interface PlanBody {
  kind: PlanKind;
  title: string;
  description: string;
  startYear: number;
  endYear: number;
  ownerBodyId: string | null;
  ownerUnitId: string | null;
  parentPlanId: string | null;
}

export function planPayload(d: PlanDraft): Checked<PlanBody> {
  const errors: Errors = {};
  if (!d.title.trim()) errors.title = 'forms.required';
  const startYear = integerOf(d.startYear);
  const endYear = integerOf(d.endYear);
  if (!isYear(startYear)) errors.startYear = 'forms.year';
  if (!isYear(endYear)) errors.endYear = 'forms.year';
  else if (isYear(startYear) && endYear < startYear) errors.endYear = 'forms.endYearBeforeStart';
  if (d.ownedBy === 'body' && !d.ownerBodyId) errors.ownerBodyId = 'forms.chooseBody';
  if (d.ownedBy === 'unit' && !d.ownerUnitId) errors.ownerUnitId = 'forms.chooseUnit';
  return checked(errors, () => ({
    kind: d.kind,
    title: d.title.trim(),
    description: d.description.trim(),
    startYear: startYear as number,
    endYear: endYear as number,
    ownerBodyId: d.ownedBy === 'body' ? d.ownerBodyId : null,
    ownerUnitId: d.ownedBy === 'unit' ? d.ownerUnitId : null,
    parentPlanId: d.parentPlanId,
  }));
}

// Goals

export interface GoalDraft {
  perspective: Perspective;
  focusArea: string;
  ownerUnitId: string | null;
  targetYear: number | string;
  title: string;
  description: string;
  parentGoalIds: string[];
}

export interface GoalBody {
  planId: string;
  perspective: Perspective;
  focusArea: string | null;
  ownerUnitId: string;
  targetYear: number | null;
  title: string;
  description: string;
  parentGoalIds: string[];
}

/** An empty target year is none; anything else must be a year. */
function targetYearOf(value: number | string, errors: Errors): number | null {
  if (String(value).trim() === '') return null;
  const year = integerOf(value);
  if (!isYear(year)) errors.targetYear = 'forms.year';
  return year;
}

export function goalPayload(planId: string, d: GoalDraft): Checked<GoalBody> {
  const errors: Errors = {};
  if (!d.title.trim()) errors.title = 'forms.required';
  if (!d.ownerUnitId) errors.ownerUnitId = 'forms.chooseUnit';
  const targetYear = targetYearOf(d.targetYear, errors);
  return checked(errors, () => ({
    planId,
    perspective: d.perspective,
    focusArea: textOrNull(d.focusArea),
    ownerUnitId: d.ownerUnitId as string,
    targetYear,
    title: d.title.trim(),
    description: d.description.trim(),
    parentGoalIds: d.parentGoalIds,
  }));
}

export interface GoalEditDraft extends Omit<GoalDraft, 'ownerUnitId'> {
  /** The decision (beslut) behind a new wording, if any. */
  decisionId: string | null;
}

export const goalEditDraftOf = (g: Goal): GoalEditDraft => ({
  perspective: g.perspective,
  focusArea: g.focusArea ?? '',
  targetYear: g.targetYear ?? '',
  title: g.title,
  description: g.description,
  parentGoalIds: g.parentGoalIds,
  decisionId: null,
});

/** Whether the draft words the goal anew (the server keeps each new wording beside the old). */
export const rewords = (g: Pick<Goal, 'title' | 'description'>, d: Pick<GoalEditDraft, 'title' | 'description'>) =>
  d.title.trim() !== g.title || d.description.trim() !== g.description;

/**
 * Whether saving the draft makes the goal drift: a new wording of a goal whose plan is
 * decided, citing no decision, shows as "ändrad utan beslut" (see docs/steering.md).
 */
export const rewordsWithoutDecision = (g: Pick<Goal, 'title' | 'description' | 'planDecided'>, d: GoalEditDraft) =>
  g.planDecided && rewords(g, d) && !d.decisionId;

export interface GoalChangeBody {
  version: number;
  title: string;
  description: string;
  decisionId: string | null;
  perspective: Perspective;
  focusArea: string | null;
  targetYear: number | null;
  parentGoalIds: string[];
}

export function goalChangePayload(g: Pick<Goal, 'version'>, d: GoalEditDraft): Checked<GoalChangeBody> {
  const errors: Errors = {};
  if (!d.title.trim()) errors.title = 'forms.required';
  const targetYear = targetYearOf(d.targetYear, errors);
  return checked(errors, () => ({
    version: g.version,
    title: d.title.trim(),
    description: d.description.trim(),
    decisionId: d.decisionId,
    perspective: d.perspective,
    focusArea: textOrNull(d.focusArea),
    targetYear,
    parentGoalIds: d.parentGoalIds,
  }));
}

// Indicators and targets

/** The definition as the form holds it while typed. */
export interface IndicatorDraft extends Omit<IndicatorDefinition, 'code' | 'rollingMonths'> {
  code: string;
  /** As typed, Swedish decimal comma allowed. */
  scale: string;
  rollingMonths: number | string;
}

export type IndicatorBody = IndicatorDefinition;

export const indicatorDraftOf = (i?: Indicator): IndicatorDraft => ({
  name: i?.name ?? '',
  code: i?.code ?? '',
  description: i?.description ?? '',
  measureUnit: i?.measureUnit ?? '',
  direction: i?.direction ?? 'higher',
  frequency: i?.frequency ?? 'month',
  aggregation: i?.aggregation ?? 'sum',
  numeratorId: i?.numeratorId ?? null,
  denominatorId: i?.denominatorId ?? null,
  weightId: i?.weightId ?? null,
  scale: i ? i.scale.replace('.', ',') : '1',
  rollingMonths: i?.rollingMonths ?? '',
  source: i?.source ?? 'entered',
  goalIds: i?.goalIds ?? [],
});

const decimalError = (reason: 'notANumber' | 'tooPrecise') =>
  reason === 'tooPrecise' ? 'forms.tooPrecise' : 'forms.notANumber';

/**
 * The definition to send. Numerator and denominator belong to a ratio and the weight to a
 * weighted average only, so what was chosen for another aggregation is not sent.
 */
export function indicatorPayload(d: IndicatorDraft): Checked<IndicatorBody> {
  const errors: Errors = {};
  if (!d.name.trim()) errors.name = 'forms.required';
  if (!d.measureUnit.trim()) errors.measureUnit = 'forms.required';
  for (const field of missingReferences(d)) errors[field] = 'forms.required';
  const uses = new Set(referencesOf(d.aggregation));
  const ratio = d.aggregation === 'ratio';
  // The scale multiplies a ratio (100 for a percentage) and nothing else.
  const scale = ratio ? parseDecimalInput(d.scale) : ({ ok: true, value: '1' } as const);
  if (!scale.ok) errors.scale = decimalError(scale.reason);
  let rollingMonths: number | null = null;
  if (String(d.rollingMonths).trim() !== '') {
    rollingMonths = integerOf(d.rollingMonths);
    if (rollingMonths === null || rollingMonths < 2 || rollingMonths > 36) errors.rollingMonths = 'forms.rollingMonths';
  }
  return checked(errors, () => ({
    code: textOrNull(d.code),
    name: d.name.trim(),
    description: d.description.trim(),
    measureUnit: d.measureUnit.trim(),
    direction: d.direction,
    frequency: d.frequency,
    aggregation: d.aggregation,
    numeratorId: uses.has('numeratorId') ? d.numeratorId : null,
    denominatorId: uses.has('denominatorId') ? d.denominatorId : null,
    weightId: uses.has('weightId') ? d.weightId : null,
    scale: (scale.ok && scale.value) || '1',
    rollingMonths,
    source: d.source,
    goalIds: d.goalIds,
  }));
}

/** A target's period as typed: a year ÅÅÅÅ or a month ÅÅÅÅ-MM; null if it is neither. */
export function targetPeriodOf(text: string): string | null {
  const t = text.trim();
  return /^\d{4}(-(0[1-9]|1[0-2]))?$/.test(t) ? t : null;
}

export interface TargetDraft {
  unitId: string | null;
  period: string;
  target: string;
  tolerance: string;
}

export interface TargetBody {
  unitId: string;
  period: string;
  /** null removes the target. */
  target: string | null;
  tolerance: string;
}

/** A target to set; an empty target is refused here, as removing one is its own action. */
export function targetPayload(d: TargetDraft): Checked<TargetBody> {
  const errors: Errors = {};
  if (!d.unitId) errors.unitId = 'forms.chooseUnit';
  const period = targetPeriodOf(d.period);
  if (!period) errors.period = 'forms.targetPeriod';
  const target = parseDecimalInput(d.target);
  if (!target.ok) errors.target = decimalError(target.reason);
  else if (target.value === null) errors.target = 'forms.targetRequired';
  const tolerance = parseDecimalInput(d.tolerance);
  if (!tolerance.ok) errors.tolerance = decimalError(tolerance.reason);
  return checked(errors, () => ({
    unitId: d.unitId as string,
    period: period as string,
    target: target.ok ? target.value : null,
    tolerance: (tolerance.ok && tolerance.value) || '0',
  }));
}

// Assignments

export interface AssignmentDraft {
  title: string;
  description: string;
  bodyId: string | null;
  decisionId: string | null;
  assigneeUnitId: string | null;
  assigneeName: string;
  dueOn: string;
  reportBackOn: string;
}

export interface AssignmentBody {
  title: string;
  description: string;
  bodyId: string;
  decisionId: string | null;
  assigneeUnitId: string | null;
  assigneeName: string | null;
  dueOn: string;
  reportBackOn: string | null;
  status: AssignmentStatus;
  reportedOn: string | null;
}

export function assignmentPayload(d: AssignmentDraft): Checked<AssignmentBody> {
  const errors: Errors = {};
  if (!d.title.trim()) errors.title = 'forms.required';
  if (!d.bodyId) errors.bodyId = 'forms.chooseBody';
  if (!d.assigneeUnitId && !d.assigneeName.trim()) errors.assigneeUnitId = 'forms.assigneeRequired';
  if (!ISO_DATE.test(d.dueOn)) errors.dueOn = 'forms.dateRequired';
  return checked(errors, () => ({
    title: d.title.trim(),
    description: d.description.trim(),
    bodyId: d.bodyId as string,
    decisionId: d.decisionId,
    assigneeUnitId: d.assigneeUnitId,
    assigneeName: textOrNull(d.assigneeName),
    dueOn: d.dueOn,
    reportBackOn: ISO_DATE.test(d.reportBackOn) ? d.reportBackOn : null,
    status: 'not_started',
    reportedOn: null,
  }));
}

/** Statuses that say the assignment was reported back, and so carry the date it was. */
const REPORTED: readonly AssignmentStatus[] = ['reported', 'closed'];

/**
 * A report-back (återrapportering): the assignment as it is, with the new status and date.
 * The server takes the whole record; sending the rest unchanged lets the assignee report.
 */
export function assignmentReportPayload(
  a: Assignment,
  report: { status: AssignmentStatus; reportedOn: string },
): Checked<AssignmentBody & { version: number }> {
  const errors: Errors = {};
  const carriesDate = REPORTED.includes(report.status);
  if (report.status === 'reported' && !ISO_DATE.test(report.reportedOn)) errors.reportedOn = 'forms.dateRequired';
  return checked(errors, () => ({
    version: a.version,
    title: a.title,
    description: a.description,
    bodyId: a.bodyId,
    decisionId: a.decisionId,
    assigneeUnitId: a.assigneeUnitId,
    assigneeName: a.assigneeName,
    dueOn: a.dueOn,
    reportBackOn: a.reportBackOn,
    status: report.status,
    reportedOn: carriesDate && ISO_DATE.test(report.reportedOn) ? report.reportedOn : null,
  }));
}

// Activities

export interface ActivityDraft {
  title: string;
  description: string;
  ownerUnitId: string | null;
  responsibleName: string;
  startOn: string;
  endOn: string;
  status: ActivityStatus;
  progress: number | string;
  goalIds: string[];
}

export interface ActivityBody {
  title: string;
  description: string;
  ownerUnitId: string;
  responsibleName: string;
  startOn: string;
  endOn: string;
  status: ActivityStatus;
  progress: number;
  goalIds: string[];
}

export function activityPayload(d: ActivityDraft): Checked<ActivityBody> {
  const errors: Errors = {};
  if (!d.title.trim()) errors.title = 'forms.required';
  if (!d.responsibleName.trim()) errors.responsibleName = 'forms.required';
  if (!d.ownerUnitId) errors.ownerUnitId = 'forms.chooseUnit';
  if (!ISO_DATE.test(d.startOn)) errors.startOn = 'forms.dateRequired';
  if (!ISO_DATE.test(d.endOn)) errors.endOn = 'forms.dateRequired';
  else if (ISO_DATE.test(d.startOn) && d.endOn < d.startOn) errors.endOn = 'forms.endBeforeStart';
  const progress = integerOf(d.progress);
  if (progress === null || progress < 0 || progress > 100) errors.progress = 'forms.percent';
  return checked(errors, () => ({
    title: d.title.trim(),
    description: d.description.trim(),
    ownerUnitId: d.ownerUnitId as string,
    responsibleName: d.responsibleName.trim(),
    startOn: d.startOn,
    endOn: d.endOn,
    status: d.status,
    progress: progress as number,
    goalIds: d.goalIds,
  }));
}
