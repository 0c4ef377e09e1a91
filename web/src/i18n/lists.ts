import type {
  CORRECTIVE_STATUSES,
  FEASIBILITY_GRADES,
  MEASURE_CATEGORIES,
  MEASURE_STATUSES,
} from '../../../domain/economy/measures';
import type { DEADLINE_LEVELS, OCCASION_KINDS } from '../../../domain/followup/cycle';
import type { DEVIATION_KINDS, DEVIATION_STATUSES } from '../../../domain/followup/deviations';
import type { OUTBOX_TRANSPORTS } from '../../../domain/followup/outbox';
import type { SUBMISSION_STATUSES, TRAIL_ACTIONS } from '../../../domain/followup/submissions';
import type { BODY_KINDS, UNIT_LEVELS } from '../../../domain/org';
import type {
  ACTIVITY_STATUSES,
  AGGREGATIONS,
  ASSIGNMENT_STATUSES,
  DECISION_KINDS,
  DIRECTIONS,
  FREQUENCIES,
  INDICATOR_SOURCES,
  PERSPECTIVES,
  PLAN_KINDS,
  PLAN_STATUSES,
  STATUSES,
} from '../../../domain/steering';
import type en from './en.json';
import type sv from './sv.json';

// The labels of domain/'s closed lists, checked by the compiler: a member of a list without a
// label in either language fails `npm run typecheck`, so a new state or kind cannot ship unnamed.

type Member<L extends readonly (string | number)[]> = `${L[number]}`;
type Labelled<L extends readonly (string | number)[], T extends Record<Member<L>, string>> = T;

type ListLabels<J> = J extends typeof sv | typeof en
  ? [
      Labelled<typeof UNIT_LEVELS, J['level']>,
      Labelled<typeof BODY_KINDS, J['bodyKind']>,
      Labelled<typeof STATUSES, J['status']>,
      Labelled<typeof PERSPECTIVES, J['perspective']>,
      Labelled<typeof PLAN_KINDS, J['planKind']>,
      Labelled<typeof PLAN_STATUSES, J['planStatus']>,
      Labelled<typeof DECISION_KINDS, J['decisionKind']>,
      Labelled<typeof ASSIGNMENT_STATUSES, J['assignmentStatus']>,
      Labelled<typeof ACTIVITY_STATUSES, J['activityStatus']>,
      Labelled<typeof DIRECTIONS, J['direction']>,
      Labelled<typeof FREQUENCIES, J['frequency']>,
      Labelled<typeof AGGREGATIONS, J['aggregation']>,
      Labelled<typeof INDICATOR_SOURCES, J['source']>,
      Labelled<typeof MEASURE_CATEGORIES, J['measureCategory']>,
      Labelled<typeof MEASURE_STATUSES, J['measureStatus']>,
      Labelled<typeof FEASIBILITY_GRADES, J['feasibility']>,
      Labelled<typeof CORRECTIVE_STATUSES, J['correctiveStatus']>,
      Labelled<typeof SUBMISSION_STATUSES, J['followup']['status']>,
      Labelled<typeof OCCASION_KINDS, J['followup']['kind']>,
      Labelled<typeof DEADLINE_LEVELS, J['followup']['level']>,
      Labelled<typeof TRAIL_ACTIONS, J['followup']['trail']>,
      Labelled<typeof DEVIATION_KINDS, J['followup']['deviations']['kinds']>,
      Labelled<typeof DEVIATION_STATUSES, J['followup']['deviations']['status']>,
      Labelled<typeof OUTBOX_TRANSPORTS, J['followup']['outbox']['transports']>,
    ]
  : never;

/** Compiles only while every closed list has its labels in both languages. */
export type ClosedListLabels = [ListLabels<typeof sv>, ListLabels<typeof en>];
