// The economy API's answers (server/economy/schemas.ts), as the generated client types them.
// Amounts are whole kronor as JSON strings of digits ("-146600000"): exact beyond 2^53. Add
// and compare them as BigInt, never with + or < on the strings.

import type { Feasibility, MeasureCategory, MeasureStatus } from '../../../domain/economy/measures';
import type { Schema } from '../app/client';

export {
  CORRECTIVE_STATUSES,
  FEASIBILITY_GRADES,
  MEASURE_CATEGORIES,
  MEASURE_STATUSES,
} from '../../../domain/economy/measures';
export type { Feasibility, MeasureCategory, MeasureStatus };
export type CorrectiveStatus = CorrectiveAction['status'];

export type ActionPlan = Schema<'ActionPlan'>;
export type Totals = Schema<'Totals'>;
export type AllocationRow = Schema<'AllocationRow'>;
export type ActionPlanSummary = Schema<'ActionPlanSummary'>;
export type Mandate = Schema<'Mandate'>;
export type LastReport = Schema<'LastReport'>;
export type MeasureFigures = Schema<'MeasureFigures'>;
export type MeasureTree = Schema<'MeasureTree'>;
export type CalcLine = Schema<'CalcLine'>;
export type MeasureReport = Schema<'MeasureReport'>;
export type CorrectiveAction = Schema<'CorrectiveAction'>;
export type MeasureDecision = Schema<'MeasureDecision'>;
export type Measure = Schema<'Measure'>;
export type ForecastImportResult = Schema<'ForecastImportResult'>;
