// Hand-written mirrors of the economy API's answers (server/economy), kept to what the UI
// reads, as in app/types.ts. Amounts are whole kronor as JSON strings of digits ("-146600000"):
// exact beyond 2^53. Add and compare them as BigInt, never with + or < on the strings.

import type { Feasibility, MeasureCategory, MeasureStatus } from '../../../domain/economy/measures';
import type { DecisionKind } from '../steering/types';

export {
  FEASIBILITY_GRADES,
  MEASURE_CATEGORIES,
  MEASURE_STATUSES,
} from '../../../domain/economy/measures';
export type { Feasibility, MeasureCategory, MeasureStatus };

export interface ActionPlan {
  id: string;
  version: number;
  title: string;
  description: string;
  status: 'draft' | 'decided' | 'superseded';
  startYear: number;
  endYear: number;
  ownerBodyName: string | null;
  ownerUnitId: string | null;
  /** The decision's citation, e.g. "Regionfullmäktige 2023-06-13 § 78 (RS/1100/2023)". */
  decision: string | null;
  steersWithoutDecision: boolean;
  /** The requirement (sparbeting) of the whole organisation per year. */
  requirement: { year: number; amountKr: string }[];
}

export interface Totals {
  target: string | null;
  planned: string;
  plannedGross: string;
  plannedGrade12: string;
  forecast: string;
  forecastGrade12: string;
  outcome: string;
  /** Forecast − target; null where there is no target. */
  deviation: string | null;
  measures: number;
  staleCount: number;
}

export interface AllocationRow {
  unitId: string;
  name: string;
  parentId: string | null;
  requirement: string | null;
  allocatedBelow: string;
  planned: string;
  planningGap: string | null;
}

export interface ActionPlanSummary extends Totals {
  plan: string;
  title: string;
  period: string;
  year: number;
  target: string;
  deviation: string;
  byCategory: (Totals & { category: MeasureCategory })[];
  byFeasibility: (Totals & { feasibility: Feasibility })[];
  byUnit: (Totals & { unitId: string; name: string })[];
  allocations: AllocationRow[];
}

export interface Mandate {
  /** The lowest delegation level whose limit covers the measure. */
  required: string | null;
  /** The level of the measure's owner. */
  owner: string | null;
  aboveMandate: boolean;
  /** Above the owner's mandate without a decision at the required level or higher. */
  flagged: boolean;
}

export interface LastReport {
  period: string;
  comment: string;
  enteredByName: string;
  enteredAt: string;
}

export interface MeasureFigures {
  id: string;
  version: number;
  parentId: string | null;
  title: string;
  ownerUnitId: string;
  ownerUnitName: string;
  responsibleName: string;
  category: MeasureCategory;
  feasibility: Feasibility;
  status: MeasureStatus;
  leaf: boolean;
  plannedGross: string;
  planned: string;
  forecast: string | null;
  outcome: string | null;
  deviation: string;
  stale: boolean;
  staleCount: number;
  deviates: boolean;
  lastReport: LastReport | null;
  mandate: Mandate;
}

export interface MeasureTree {
  period: string;
  measures: MeasureFigures[];
}

export interface CalcLine {
  year: number;
  kind: 'saving' | 'cost';
  description: string;
  assumption: string;
  amountKr: string;
  realisationPct: number;
}

export interface MeasureReport {
  period: string;
  forecast: string;
  outcome: string | null;
  comment: string;
  enteredByName: string;
  enteredAt: string;
}

export const CORRECTIVE_STATUSES = ['proposed', 'decided', 'ongoing', 'done'] as const;
export type CorrectiveStatus = (typeof CORRECTIVE_STATUSES)[number];

export interface CorrectiveAction {
  id: string;
  what: string;
  responsibleName: string;
  dueOn: string;
  amountKr: string;
  status: CorrectiveStatus;
  /** The delegation level that must decide it. */
  requiredLevel: string | null;
}

export interface MeasureDecision {
  id: string;
  kind: DecisionKind;
  title: string;
  decidedOn: string;
  paragraph: string | null;
  diarienummer: string | null;
  bodyName: string | null;
  officialName: string | null;
}

export interface Measure extends MeasureFigures {
  planId: string;
  description: string;
  startOn: string;
  fullEffectOn: string;
  riskAnalysisRef: string | null;
  children: string[];
  calculation: CalcLine[];
  targets: { year: number; gross: string; net: string }[];
  reports: MeasureReport[];
  goalIds: string[];
  decisions: MeasureDecision[];
  correctiveActions: CorrectiveAction[];
}

export interface ForecastImportResult {
  rows: number;
  written: number;
  unchanged: number;
  dryRun: boolean;
}
