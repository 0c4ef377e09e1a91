import type { ColumnType, Generated } from 'kysely';

/** Dates come back as `YYYY-MM-DD` strings from both databases (parsers set in connection.ts). */
type DateCol = string;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface UsersTable {
  id: string;
  version: Generated<number>;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string | null;
  disabled: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrgUnitsTable {
  id: string;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface OrgUnitStatesTable {
  id: Generated<string>;
  unit_id: string;
  valid_from: DateCol;
  valid_to: DateCol | null;
  parent_id: string | null;
  name: string;
  level: string;
  code: string | null;
  manager_name: string | null;
  manager_user_id: string | null;
}

export interface BodiesTable {
  id: string;
  version: Generated<number>;
  name: string;
  kind: string;
  parent_body_id: string | null;
  valid_from: DateCol;
  valid_to: DateCol | null;
  created_at: Timestamp;
}

export interface BodyUnitsTable {
  body_id: string;
  unit_id: string;
}

export interface RoleAssignmentsTable {
  id: string;
  user_id: string;
  role: string;
  unit_id: string;
  created_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
  ended_reason: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<string>;
  at: Timestamp;
  username: string;
  ip: string;
  success: boolean;
}

export interface HistoryTable {
  id: Generated<string>;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  kind: string;
  entity: string;
  entity_id: string;
  unit_id: string | null;
  before: unknown;
  after: unknown;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Timestamp;
}

/** numeric columns come back as exact decimal strings; write them as strings too. */
type Numeric = ColumnType<string, string | number, string | number>;

export interface DecisionsTable {
  id: string;
  version: Generated<number>;
  kind: string;
  body_id: string | null;
  official_name: string | null;
  scope_unit_id: string | null;
  decided_on: DateCol;
  paragraph: string | null;
  diarienummer: string | null;
  title: string;
  text: Generated<string>;
  created_at: Timestamp;
}

export interface DecisionLinksTable {
  decision_id: string;
  entity: string;
  entity_id: string;
}

export interface PlansTable {
  id: string;
  version: Generated<number>;
  kind: string;
  owner_body_id: string | null;
  owner_unit_id: string | null;
  scope_unit_id: string | null;
  parent_plan_id: string | null;
  created_at: Timestamp;
}

export interface PlanVersionsTable {
  plan_id: string;
  seq: number;
  title: string;
  description: Generated<string>;
  start_year: number;
  end_year: number;
  status: string;
  decision_id: string | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
  created_by: string;
}

export interface GoalsTable {
  id: string;
  version: Generated<number>;
  plan_id: string;
  perspective: string;
  focus_area: string | null;
  owner_unit_id: string;
  target_year: number | null;
  created_at: Timestamp;
}

export interface GoalWordingsTable {
  goal_id: string;
  seq: number;
  title: string;
  description: Generated<string>;
  decision_id: string | null;
  plan_decided: boolean;
  created_at: Timestamp;
  created_by: string;
}

export interface GoalLinksTable {
  goal_id: string;
  parent_goal_id: string;
}

export interface AssignmentsTable {
  id: string;
  version: Generated<number>;
  title: string;
  description: Generated<string>;
  body_id: string;
  decision_id: string | null;
  assignee_unit_id: string | null;
  assignee_name: string | null;
  scope_unit_id: string | null;
  due_on: DateCol;
  report_back_on: DateCol | null;
  status: string;
  reported_on: DateCol | null;
  created_at: Timestamp;
}

export interface IndicatorsTable {
  id: string;
  version: Generated<number>;
  code: string | null;
  name: string;
  description: Generated<string>;
  measure_unit: string;
  direction: string;
  frequency: string;
  aggregation: string;
  numerator_id: string | null;
  denominator_id: string | null;
  weight_id: string | null;
  scale: Numeric;
  rolling_months: number | null;
  source: string;
  created_at: Timestamp;
}

export interface IndicatorGoalsTable {
  indicator_id: string;
  goal_id: string;
}

export interface IndicatorTargetsTable {
  indicator_id: string;
  unit_id: string;
  period: string;
  target: Numeric;
  tolerance: Numeric;
}

export interface IndicatorValuesTable {
  indicator_id: string;
  unit_id: string;
  period: string;
  kind: string;
  value: Numeric;
  comment: Generated<string>;
  entered_by: string | null;
  entered_by_name: string;
  entered_at: Timestamp;
}

/** A values import being staged (see 007_value_import_staging.sql). */
export interface ValueImportsTable {
  id: string;
  started_at: Timestamp;
}

export interface ValueImportRowsTable {
  import_id: string;
  /** The row's place in the import, which orders its history record. */
  ord: number;
  indicator_id: string;
  kind: string;
  period: string;
  unit_id: string;
  /** null removes the value. */
  value: Numeric | null;
  comment: string;
}

/** A board-report export in the background (see 008_export_jobs.sql). */
export interface ExportJobsTable {
  id: string;
  owner_id: string | null;
  report_id: string;
  format: string;
  status: 'running' | 'done' | 'failed';
  progress: Generated<number>;
  step: string;
  error: string | null;
  file: Uint8Array | null;
  content_type: string | null;
  file_name: string | null;
  process_id: string;
  created_at: Timestamp;
  progressed_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface ActivitiesTable {
  id: string;
  version: Generated<number>;
  title: string;
  description: Generated<string>;
  owner_unit_id: string;
  responsible_name: string;
  start_on: DateCol;
  end_on: DateCol;
  status: string;
  progress: Generated<number>;
  created_at: Timestamp;
}

export interface ActivityGoalsTable {
  activity_id: string;
  goal_id: string;
}

export interface ActivityUpdatesTable {
  activity_id: string;
  period: string;
  status: string;
  progress: number;
  comment: Generated<string>;
  entered_by_name: string;
  entered_at: Timestamp;
}

export interface GoalAnalysesTable {
  goal_id: string;
  unit_id: string;
  period: string;
  version: Generated<number>;
  text: string;
  entered_by_name: string;
  entered_at: Timestamp;
}

/** bigint columns (whole kronor) come back as exact decimal strings; write bigint or string. */
type Int8 = ColumnType<string, bigint | string, bigint | string>;

export interface ActionPlanAllocationsTable {
  plan_id: string;
  unit_id: string;
  year: number;
  amount_kr: Int8;
}

export interface ActionPlanSettingsTable {
  plan_id: string;
  deviation_margin_pct: Generated<number>;
}

export interface MeasuresTable {
  id: string;
  version: Generated<number>;
  plan_id: string;
  parent_measure_id: string | null;
  owner_unit_id: string;
  responsible_name: string;
  title: string;
  description: Generated<string>;
  category: string;
  feasibility: number;
  start_on: DateCol;
  full_effect_on: DateCol;
  status: string;
  risk_analysis_ref: string | null;
  changes_service: Generated<boolean>;
  created_at: Timestamp;
}

export interface MeasureCalcLinesTable {
  measure_id: string;
  seq: number;
  year: number;
  kind: string;
  description: string;
  assumption: Generated<string>;
  amount_kr: Int8;
  realisation_pct: number;
}

export interface MeasureGoalsTable {
  measure_id: string;
  goal_id: string;
}

export interface MeasureReportsTable {
  measure_id: string;
  period: string;
  forecast_kr: Int8;
  outcome_kr: Int8 | null;
  comment: Generated<string>;
  entered_by_name: string;
  entered_at: Timestamp;
}

export interface DelegationLevelsTable {
  id: string;
  version: Generated<number>;
  rank: number;
  name: string;
  unit_level: string | null;
  body_kind: string | null;
  max_amount_kr: Int8 | null;
  created_at: Timestamp;
}

export interface CorrectiveActionsTable {
  id: string;
  version: Generated<number>;
  /** A measure's deviation, or else an indicator's at a unit. */
  measure_id: string | null;
  indicator_id: ColumnType<string | null, string | null | undefined, string | null>;
  unit_id: ColumnType<string | null, string | null | undefined, string | null>;
  what: string;
  responsible_name: string;
  due_on: DateCol;
  amount_kr: Int8;
  status: string;
  decision_id: string | null;
  created_at: Timestamp;
}

export interface ActionPlanSubmissionsTable {
  plan_id: string;
  unit_id: string;
  period: string;
  submitted_at: Timestamp;
  submitted_by_name: string;
}

export interface CycleOccasionsTable {
  id: string;
  version: Generated<number>;
  year: number;
  kind: string;
  period: string | null;
  title: string;
  /** The internal-control step (021); null exactly when kind is not internal_control. */
  control_step: string | null;
  created_at: Timestamp;
}

export interface CycleDeadlinesTable {
  occasion_id: string;
  level: string;
  due_on: DateCol;
}

export interface FollowupSubmissionsTable {
  unit_id: string;
  period: string;
  version: Generated<number>;
  status: string;
  analysis: Generated<string>;
  submitted_at: Timestamp | null;
  submitted_by: string | null;
  submitted_by_name: string | null;
  decided_at: Timestamp | null;
  decided_by_name: string | null;
  return_comment: string | null;
  updated_at: Timestamp;
}

export interface OutboxTable {
  id: string;
  reminder_key: string;
  user_id: string | null;
  to_address: string | null;
  subject: string;
  body: string;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  transport: string;
  error: string | null;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  scope: string;
  status: number | null;
  response: ColumnType<unknown, string | null, string | null> | null;
  created_at: Timestamp;
}

export interface BoardReportsTable {
  id: string;
  version: Generated<number>;
  kind: string;
  title: string;
  unit_id: string;
  period: string;
  plan_id: string | null;
  situation: Generated<string>;
  background: Generated<string>;
  assessment: Generated<string>;
  recommendation: Generated<string>;
  proposed_decision: Generated<string>;
  created_at: Timestamp;
  created_by_name: string;
  updated_at: Timestamp;
  sent_at: Timestamp | null;
  sent_by_name: string | null;
  content: ColumnType<unknown, string | null, string | null> | null;
  content_hash: string | null;
}

export interface MeetingsTable {
  id: string;
  version: Generated<number>;
  body_id: string;
  meets_on: DateCol;
  title: string;
  created_at: Timestamp;
}

export interface AgendaItemsTable {
  id: string;
  meeting_id: string;
  paragraph: string;
  title: string;
  report_id: string | null;
  decision_id: string | null;
  created_at: Timestamp;
}

export interface RiskScalesTable {
  id: number;
  version: Generated<number>;
  /** The words of the steps, lowest first (JSON array of strings, 2–7). */
  probability_steps: ColumnType<unknown, string, string>;
  consequence_steps: ColumnType<unknown, string, string>;
  medium_from: number;
  high_from: number;
  very_high_from: number;
  updated_at: Timestamp;
}

export interface RisksTable {
  id: string;
  version: Generated<number>;
  body_id: string | null;
  unit_id: string | null;
  title: string;
  description: Generated<string>;
  cause: Generated<string>;
  consequence: Generated<string>;
  process: Generated<string>;
  owner_user_id: string | null;
  existing_controls: Generated<string>;
  planned_actions: Generated<string>;
  status: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RiskLinksTable {
  risk_id: string;
  target_kind: string;
  target_id: string;
  created_at: Timestamp;
}

export interface RiskAssessmentsTable {
  id: string;
  risk_id: string;
  assessed_at: DateCol;
  probability: number;
  consequence: number;
  value: number;
  level: string;
  assessed_by: string | null;
  comment: Generated<string>;
  created_at: Timestamp;
}

export interface ControlPlansTable {
  id: string;
  version: Generated<number>;
  body_id: string;
  year: number;
  status: Generated<string>;
  decision_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ControlPointsTable {
  id: string;
  version: Generated<number>;
  plan_id: string;
  risk_id: string | null;
  region_wide: Generated<boolean>;
  source_point_id: string | null;
  unit_id: string | null;
  what: string;
  method: Generated<string>;
  frequency: string;
  checker_user_id: string | null;
  recipient: Generated<string>;
  due_on: DateCol | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ControlResultsTable {
  id: string;
  version: Generated<number>;
  point_id: string;
  occasion: string;
  done: boolean;
  deviation: Generated<boolean>;
  serious: Generated<boolean>;
  sample_size: number | null;
  findings: Generated<string>;
  evidence: Generated<string>;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface ControlActionsTable {
  id: string;
  version: Generated<number>;
  result_id: string;
  what: string;
  owner_user_id: string | null;
  due_on: DateCol;
  status: Generated<string>;
  done_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ControlAssessmentsTable {
  id: string;
  version: Generated<number>;
  body_id: string;
  year: number;
  judgement: string;
  reasons: Generated<string>;
  decision_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ImpactAnalysesTable {
  id: string;
  version: Generated<number>;
  subject_kind: string;
  measure_id: string | null;
  decision_id: string | null;
  subject_title: Generated<string>;
  unit_id: string;
  title: string;
  analysed_on: DateCol;
  patients: Generated<string>;
  staff: Generated<string>;
  union_consulted_on: DateCol | null;
  union_consulted_with: Generated<string>;
  economy: Generated<string>;
  other_units: Generated<string>;
  conclusion: Generated<string>;
  status: string;
  made_by_name: string;
  completed_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ImpactAnalysisCostShiftsTable {
  analysis_id: string;
  seq: number;
  unit_id: string;
  how: string;
}

export interface ImpactAnalysisRisksTable {
  analysis_id: string;
  seq: number;
  risk: string;
  mitigation: Generated<string>;
  probability: number | null;
  consequence: number | null;
}

export interface DB {
  users: UsersTable;
  org_units: OrgUnitsTable;
  org_unit_states: OrgUnitStatesTable;
  bodies: BodiesTable;
  body_units: BodyUnitsTable;
  role_assignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  history: HistoryTable;
  schema_migrations: SchemaMigrationsTable;
  decisions: DecisionsTable;
  decision_links: DecisionLinksTable;
  plans: PlansTable;
  plan_versions: PlanVersionsTable;
  goals: GoalsTable;
  goal_wordings: GoalWordingsTable;
  goal_links: GoalLinksTable;
  assignments: AssignmentsTable;
  indicators: IndicatorsTable;
  indicator_goals: IndicatorGoalsTable;
  indicator_targets: IndicatorTargetsTable;
  indicator_values: IndicatorValuesTable;
  value_imports: ValueImportsTable;
  value_import_rows: ValueImportRowsTable;
  export_jobs: ExportJobsTable;
  activities: ActivitiesTable;
  activity_goals: ActivityGoalsTable;
  activity_updates: ActivityUpdatesTable;
  goal_analyses: GoalAnalysesTable;
  action_plan_allocations: ActionPlanAllocationsTable;
  action_plan_settings: ActionPlanSettingsTable;
  measures: MeasuresTable;
  measure_calc_lines: MeasureCalcLinesTable;
  measure_goals: MeasureGoalsTable;
  measure_reports: MeasureReportsTable;
  impact_analyses: ImpactAnalysesTable;
  impact_analysis_cost_shifts: ImpactAnalysisCostShiftsTable;
  impact_analysis_risks: ImpactAnalysisRisksTable;
  delegation_levels: DelegationLevelsTable;
  corrective_actions: CorrectiveActionsTable;
  action_plan_submissions: ActionPlanSubmissionsTable;
  cycle_occasions: CycleOccasionsTable;
  cycle_deadlines: CycleDeadlinesTable;
  followup_submissions: FollowupSubmissionsTable;
  outbox: OutboxTable;
  idempotency_keys: IdempotencyKeysTable;
  board_reports: BoardReportsTable;
  meetings: MeetingsTable;
  agenda_items: AgendaItemsTable;
  risk_scales: RiskScalesTable;
  risks: RisksTable;
  risk_links: RiskLinksTable;
  risk_assessments: RiskAssessmentsTable;
  control_plans: ControlPlansTable;
  control_points: ControlPointsTable;
  control_results: ControlResultsTable;
  control_actions: ControlActionsTable;
  control_assessments: ControlAssessmentsTable;
}
