import { hasRoleOver, hasRoleOverParent, type Rule } from './predicates';

// Who steers a unit: its controllers and its managers (chefer), within their subtree.
const steers = hasRoleOver('controller', 'manager');
// Who enters figures for a unit: those who steer it, and its reporters (rapportörer).
const reports = hasRoleOver('controller', 'manager', 'reporter');

// Steering records, one line per record kind and action. The target is the unit the record
// belongs to (a body's records: the unit above everything it governs; null: the whole region).
export const steeringRules = {
  'plan.write': steers,
  'plan.decide': steers,
  'decision.write': steers,
  'assignment.write': steers,
  'goal.write': steers,
  'activity.write': steers,
  // Indicator definitions are the whole organisation's (target null): a controller or manager at the root.
  'indicator.define': steers,
  'target.write': steers,
  'analysis.write': steers,
  'value.write': reports,
} satisfies Record<string, Rule>;

// Economy: action plans (handlingsplaner), their measures (åtgärder) and follow-up.
export const economyRules = {
  'allocation.write': steers,
  'measure.write': steers,
  // A risk- och konsekvensanalys is written by whoever may write the measure it is made for.
  'impactAnalysis.write': steers,
  'measure.report': reports,
  'correctiveAction.write': steers,
  // A unit's monthly follow-up is decided (approved or returned) at the level above it.
  'submission.submit': reports,
  'submission.decide': hasRoleOverParent('controller', 'manager'),
} satisfies Record<string, Rule>;

// Board reports (ärenden) and the meetings of bodies that handle them.
export const reportRules = {
  'report.write': steers,
  'meeting.write': steers,
} satisfies Record<string, Rule>;
