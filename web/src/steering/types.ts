// The steering API's answers, named after the schemas of its contract (generated into
// app/api-schema.ts from the server's declarations). The closed lists come from
// domain/steering, so the UI offers nothing the server does not know.

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
import type { Schema } from '../app/client';

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

/** An indicator's figure for a unit and a month, with its trend (the scorecard's). */
export type Figure = Schema<'IndicatorFigure'>;
/** An indicator's figure for a unit and a month without the trend (the cross-unit view's). */
export type MonthFigure = Schema<'AcrossFigure'>;
export type Analysis = Schema<'Analysis'>;
export type ScorecardGoal = Schema<'ScorecardGoal'>;
export type Scorecard = Schema<'Scorecard'>;
export type Indicator = Schema<'Indicator'>;
/** A target for a unit and a year (ÅÅÅÅ) or month (ÅÅÅÅ-MM), as exact decimal text. */
export type Target = Schema<'Target'>;
export type AcrossRow = Schema<'AcrossRow'>;
export type Across = Schema<'IndicatorAcross'>;
export type Decision = Schema<'Decision'>;
/** A decision as a plan cites it: the register's fields without its links. */
export type DecisionSummary = Schema<'DecisionSummary'>;
export type PlanVersion = Schema<'PlanVersion'>;
export type Plan = Schema<'Plan'>;
export type GoalWording = Schema<'GoalWording'>;
export type Goal = Schema<'Goal'>;
export type Assignment = Schema<'Assignment'>;
export type ActivityUpdate = Schema<'ActivityUpdate'>;
export type Activity = Schema<'Activity'>;
export type StoredValue = Schema<'Value'>;
/** The answer of the spreadsheet import, checked or written. */
export type ImportResult = Schema<'ValueImportSummary'>;
