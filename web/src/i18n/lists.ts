import type * as analysis from '../../../domain/analysis/impact';
import type * as controlOccasions from '../../../domain/control/occasions';
import type * as control from '../../../domain/control/rules';
import type * as economy from '../../../domain/economy/measures';
import type * as cycle from '../../../domain/followup/cycle';
import type * as deviations from '../../../domain/followup/deviations';
import type * as outbox from '../../../domain/followup/outbox';
import type * as submissions from '../../../domain/followup/submissions';
import type * as org from '../../../domain/org';
import type * as reports from '../../../domain/reports/content';
import type * as risk from '../../../domain/risk/matrix';
import type * as steering from '../../../domain/steering';
import type * as controlTexts from '../control/texts';
import type * as riskTexts from '../risk/texts';
import type en from './en.json';
import type sv from './sv.json';

// The labels of domain/'s closed lists, checked by the compiler: a member of a list without a
// label in either language fails `npm run typecheck`, so a new state or kind cannot ship unnamed.

type Member<L extends readonly (string | number)[]> = `${L[number]}`;
type Labelled<L extends readonly (string | number)[], T extends Record<Member<L>, string>> = T;

type ListLabels<J> = J extends typeof sv | typeof en
  ? [
      Labelled<typeof org.UNIT_LEVELS, J['level']>,
      Labelled<typeof org.BODY_KINDS, J['bodyKind']>,
      Labelled<typeof steering.STATUSES, J['status']>,
      Labelled<typeof steering.PERSPECTIVES, J['perspective']>,
      Labelled<typeof steering.PLAN_KINDS, J['planKind']>,
      Labelled<typeof steering.PLAN_STATUSES, J['planStatus']>,
      Labelled<typeof steering.DECISION_KINDS, J['decisionKind']>,
      Labelled<typeof steering.ASSIGNMENT_STATUSES, J['assignmentStatus']>,
      Labelled<typeof steering.ACTIVITY_STATUSES, J['activityStatus']>,
      Labelled<typeof steering.DIRECTIONS, J['direction']>,
      Labelled<typeof steering.FREQUENCIES, J['frequency']>,
      Labelled<typeof steering.AGGREGATIONS, J['aggregation']>,
      Labelled<typeof steering.INDICATOR_SOURCES, J['source']>,
      Labelled<typeof economy.MEASURE_CATEGORIES, J['measureCategory']>,
      Labelled<typeof economy.MEASURE_STATUSES, J['measureStatus']>,
      Labelled<typeof economy.FEASIBILITY_GRADES, J['feasibility']>,
      Labelled<typeof economy.CORRECTIVE_STATUSES, J['correctiveStatus']>,
      Labelled<typeof analysis.ANALYSIS_STATUSES, J['analysisStatus']>,
      Labelled<typeof analysis.ANALYSIS_SUBJECT_KINDS, J['analysisSubject']>,
      Labelled<typeof submissions.SUBMISSION_STATUSES, J['followup']['status']>,
      Labelled<typeof cycle.OCCASION_KINDS, J['followup']['kind']>,
      Labelled<typeof controlOccasions.CONTROL_STEPS, J['followup']['controlStep']>,
      Labelled<typeof cycle.DEADLINE_LEVELS, J['followup']['level']>,
      Labelled<typeof submissions.TRAIL_ACTIONS, J['followup']['trail']>,
      Labelled<typeof deviations.DEVIATION_KINDS, J['followup']['deviations']['kinds']>,
      Labelled<typeof deviations.DEVIATION_STATUSES, J['followup']['deviations']['status']>,
      Labelled<typeof outbox.OUTBOX_TRANSPORTS, J['followup']['outbox']['transports']>,
      Labelled<typeof reports.REPORT_KINDS, J['reports']['kind']>,
    ]
  : never;

// The risk pages keep their texts in web/src/risk/texts.ts (sv and en share one shape).
type RiskListLabels = [
  Labelled<typeof risk.RISK_LEVELS, (typeof riskTexts.sv)['risk']['level']>,
  Labelled<typeof risk.RISK_STATUSES, (typeof riskTexts.sv)['risk']['status']>,
  Labelled<typeof risk.RISK_LINK_KINDS, (typeof riskTexts.sv)['risk']['linkKind']>,
];

// The internal-control pages keep theirs in web/src/control/texts.ts (sv and en share one shape).
type ControlTexts = (typeof controlTexts.sv)['control'];
type ControlListLabels = [
  Labelled<typeof control.PLAN_STATUSES, ControlTexts['planStatus']>,
  Labelled<typeof control.FREQUENCIES, ControlTexts['frequency']>,
  Labelled<typeof control.JUDGEMENTS, ControlTexts['judgement']>,
  Labelled<typeof control.ACTION_STATUSES, ControlTexts['actionStatus']>,
  Labelled<typeof control.ESCALATION_REASONS, ControlTexts['reason']>,
];

/** Compiles only while every closed list has its labels in both languages. */
export type ClosedListLabels = [ListLabels<typeof sv>, ListLabels<typeof en>, RiskListLabels, ControlListLabels];
