/** The closed lists of the steering chain, with their Swedish names. */

export const PLAN_KINDS = [
  'regionplan',
  'verksamhetsplan',
  'strategi',
  'handlingsplan',
  'internkontrollplan',
  'utvecklingsplan',
] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const PLAN_KIND_LABELS: Record<PlanKind, string> = {
  regionplan: 'Regionplan',
  verksamhetsplan: 'Verksamhetsplan',
  strategi: 'Strategi / färdplan',
  handlingsplan: 'Handlingsplan',
  internkontrollplan: 'Internkontrollplan',
  utvecklingsplan: 'Utvecklingsplan',
};

export const PLAN_STATUSES = ['draft', 'decided', 'superseded'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const DECISION_KINDS = ['beslut', 'uppdrag', 'information'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const PERSPECTIVES = ['medborgare', 'medarbetare', 'verksamhet', 'ekonomi'] as const;
export type Perspective = (typeof PERSPECTIVES)[number];
export const PERSPECTIVE_LABELS: Record<Perspective, string> = {
  medborgare: 'Medborgare/patient',
  medarbetare: 'Medarbetare',
  verksamhet: 'Verksamhet',
  ekonomi: 'Ekonomi',
};

export const ASSIGNMENT_STATUSES = ['not_started', 'ongoing', 'reported', 'closed'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const ACTIVITY_STATUSES = ['not_started', 'ongoing', 'done', 'delayed', 'stopped'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const DIRECTIONS = ['higher', 'lower'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const FREQUENCIES = ['month', 'tertial', 'year'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/**
 * How an indicator's value for a unit follows from the values of the units below it:
 * sum; ratio of the summed numerator and denominator indicators; average weighted by a
 * weight indicator; the most recently entered value; or not aggregated at all.
 */
export const AGGREGATIONS = ['sum', 'ratio', 'weighted', 'latest', 'none'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export const INDICATOR_SOURCES = ['entered', 'formula', 'imported'] as const;
export type IndicatorSource = (typeof INDICATOR_SOURCES)[number];

export const VALUE_KINDS = ['outcome', 'forecast'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

export const STATUSES = ['green', 'yellow', 'red', 'grey'] as const;
export type Status = (typeof STATUSES)[number];

/** What coverage needs to know of a plan version. */
export interface PlanVersionYears {
  seq: number;
  status: PlanStatus;
  startYear: number;
  endYear: number;
}

/**
 * The version of a plan in force: the decided one; for a plan never decided, its newest draft
 * (it steers without a decision, which the pages flag). A draft revision of a decided plan is
 * not in force until it is decided, and a superseded version never is.
 */
export function versionInForce<V extends PlanVersionYears>(versions: readonly V[]): V | undefined {
  const decided = versions.filter((v) => v.status === 'decided');
  const pool = decided.length > 0 ? decided : versions.filter((v) => v.status === 'draft');
  return pool.reduce<V | undefined>((a, v) => (a === undefined || v.seq > a.seq ? v : a), undefined);
}

/** Whether a plan covers a year: its version in force runs that year. */
export function planCoversYear(versions: readonly PlanVersionYears[], year: number): boolean {
  const v = versionInForce(versions);
  return v !== undefined && v.startYear <= year && year <= v.endYear;
}
