import type { OrgIndex } from '../org';
import { withBodyMembership } from './bodies';
import { controlRules } from './control';
import { dataRules } from './data';
import { historyRules } from './history';
import { orgRules } from './org';
import type { Target } from './predicates';
import { riskRules } from './risk';
import type { Principal } from './roles';
import { economyRules, reportRules, steeringRules } from './steering';
import { userRules } from './users';

export {
  grantUnits,
  MEMBER_ROLES,
  type MemberRole,
  type Membership,
  type MembershipRow,
  membershipsOn,
} from './bodies';
export type { Target } from './predicates';
export * from './roles';

const rules = withBodyMembership({
  ...orgRules,
  ...userRules,
  ...historyRules,
  ...dataRules,
  ...steeringRules,
  ...economyRules,
  ...reportRules,
  ...riskRules,
  ...controlRules,
});

export type Action = keyof typeof rules;
export const ACTIONS = Object.keys(rules) as Action[];

/** The one function that decides every read and write. */
export function can(principal: Principal, action: Action, target: Target, tree: OrgIndex): boolean {
  return rules[action]({ principal, tree }, target);
}
