// Hand-written mirrors of the steering API's answers, kept to what the UI reads (as in
// app/types.ts). The closed lists come from domain/steering, so the UI offers nothing the
// server does not know.

import type {
  ActivityStatus,
  Aggregation,
  AssignmentStatus,
  DecisionKind,
  Direction,
  Frequency,
  IndicatorSource,
  Perspective,
  PlanKind,
  PlanStatus,
  Status,
  ValueKind,
} from '../../../domain/steering';

export {
  ACTIVITY_STATUSES,
  AGGREGATIONS,
  ASSIGNMENT_STATUSES,
  DECISION_KINDS,
  DIRECTIONS,
  FREQUENCIES,
  INDICATOR_SOURCES,
  PERSPECTIVES,
  PLAN_KINDS,
  STATUSES,
} from '../../../domain/steering';
export type {
  ActivityStatus,
  Aggregation,
  AssignmentStatus,
  DecisionKind,
  Direction,
  Frequency,
  IndicatorSource,
  Perspective,
  PlanKind,
  PlanStatus,
  Status,
  ValueKind,
};

/** An indicator's figure for a unit and a month (the scorecard's and the cross-unit view's). */
export interface Figure {
  id: string;
  name: string;
  measureUnit: string;
  direction: Direction;
  aggregation: Aggregation;
  frequency: Frequency;
  target: number | null;
  tolerance: number | null;
  outcome: number | null;
  outcomeMonth: string | null;
  forecast: number | null;
  forecastMonth: string | null;
  status: Status;
  stale: boolean;
  reported: number;
  expected: number;
  trend: { period: string; outcome: number | null; target: number | null }[];
}

export interface Analysis {
  text: string;
  enteredByName: string;
  enteredAt: string;
  version: number;
}

export interface ScorecardGoal {
  id: string;
  title: string;
  perspective: Perspective;
  focusArea: string | null;
  ownerUnitId: string;
  ownerUnitName: string;
  inherited: boolean;
  planId: string;
  planTitle: string;
  planWithoutDecision: boolean;
  drift: boolean;
  status: Status;
  analysis: Analysis | null;
  indicators: Figure[];
}

export interface Scorecard {
  unit: string;
  unitName: string;
  unitLevel: string;
  period: string;
  goals: ScorecardGoal[];
  statusCounts: Record<Status, number>;
  children: { id: string; name: string; level: string }[];
}

export interface Indicator {
  id: string;
  version: number;
  code: string | null;
  name: string;
  description: string;
  measureUnit: string;
  direction: Direction;
  frequency: Frequency;
  aggregation: Aggregation;
  numeratorId: string | null;
  denominatorId: string | null;
  weightId: string | null;
  scale: string;
  rollingMonths: number | null;
  source: IndicatorSource;
  goalIds: string[];
}

/** A target for a unit and a year (ÅÅÅÅ) or month (ÅÅÅÅ-MM), as exact decimal text. */
export interface Target {
  unitId: string;
  period: string;
  target: string;
  tolerance: string;
}

export interface AcrossRow {
  unitId: string;
  unitName: string;
  level: string;
  parentId: string | null;
  figure: Figure;
}

export interface Across {
  indicator: string;
  period: string;
  rows: AcrossRow[];
}

export interface Decision {
  id: string;
  version: number;
  kind: DecisionKind;
  bodyId: string | null;
  bodyName: string | null;
  officialName: string | null;
  decidedOn: string;
  paragraph: string | null;
  diarienummer: string | null;
  title: string;
  text: string;
  links?: { entity: string; entityId: string }[];
}

export interface PlanVersion {
  seq: number;
  title: string;
  description: string;
  startYear: number;
  endYear: number;
  status: PlanStatus;
  decisionId: string | null;
  /** The decision's citation, e.g. "Regionfullmäktige 2024-11-26 § 145 (RS/1234/2024)". */
  decision: string | null;
  createdAt: string;
  createdBy: string;
}

export interface Plan {
  id: string;
  version: number;
  kind: PlanKind;
  ownerBodyId: string | null;
  ownerBodyName: string | null;
  ownerUnitId: string | null;
  parentPlanId: string | null;
  title: string;
  description: string;
  startYear: number;
  endYear: number;
  status: PlanStatus;
  inForce: PlanVersion | null;
  versions: PlanVersion[];
  goalCount: number;
  steersWithoutDecision: boolean;
  decisions: Decision[];
}

export interface GoalWording {
  seq: number;
  title: string;
  description: string;
  decisionId: string | null;
  decision: string | null;
  drift: boolean;
  createdAt: string;
  createdBy: string;
}

export interface Goal {
  id: string;
  version: number;
  planId: string;
  planTitle: string;
  planDecided: boolean;
  perspective: Perspective;
  focusArea: string | null;
  ownerUnitId: string;
  targetYear: number | null;
  title: string;
  description: string;
  drift: boolean;
  decidedWording: GoalWording | null;
  wordings: GoalWording[];
  parentGoalIds: string[];
  childGoalIds: string[];
  indicatorIds: string[];
  decisions: { id: string; kind: DecisionKind; title: string; citation: string }[];
}

export interface Assignment {
  id: string;
  version: number;
  title: string;
  description: string;
  bodyId: string;
  bodyName: string;
  decisionId: string | null;
  assigneeUnitId: string | null;
  assigneeName: string | null;
  dueOn: string;
  reportBackOn: string | null;
  status: AssignmentStatus;
  reportedOn: string | null;
  overdue: boolean;
}

export interface ActivityUpdate {
  period: string;
  status: ActivityStatus;
  progress: number;
  comment: string;
  enteredByName: string;
  enteredAt: string;
}

export interface Activity {
  id: string;
  version: number;
  title: string;
  description: string;
  ownerUnitId: string;
  responsibleName: string;
  startOn: string;
  endOn: string;
  status: ActivityStatus;
  progress: number;
  goalIds: string[];
  updates: ActivityUpdate[];
}

export interface StoredValue {
  indicatorId: string;
  unitId: string;
  period: string;
  kind: ValueKind;
  value: string;
  comment: string;
  enteredByName: string;
  enteredAt: string;
}

/** The answer of the spreadsheet import, checked or written. */
export interface ImportResult {
  rows: number;
  written: number;
  /** Rows with an empty value: values that are removed. */
  removed?: number;
}
