import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrgIndex } from '../org';
import { ACTIONS, type Action, can, ROLES, type Role } from './index';

// root ── A ── A1
//     └── B
const tree = new OrgIndex([
  { id: 'root', parentId: null, name: 'Region' },
  { id: 'A', parentId: 'root', name: 'A' },
  { id: 'A1', parentId: 'A', name: 'A1' },
  { id: 'B', parentId: 'root', name: 'B' },
]);

type Row = [own: boolean, inside: boolean, outside: boolean, wholeOrganisation: boolean, above: boolean];
const T = true;
const F = false;

// What a role granted at unit A may do to a record of A itself, of A1 (inside its subtree), of B
// (outside), of the whole organisation (null) and of the root (above A). Written out, not
// derived, so a changed rule shows.
const EXPECTED: Record<Role, Record<Action, Row>> = {
  administrator: {
    'orgUnit.read': [T, T, T, T, T],
    'orgUnit.write': [T, T, F, F, F],
    'body.read': [T, T, T, T, T],
    'body.write': [T, T, F, F, F],
    'user.read': [T, T, T, T, T],
    'user.write': [T, T, F, F, F],
    'role.assign': [T, T, F, F, F],
    'history.read': [T, T, F, F, F],
    'data.read': [T, T, F, F, F],
    'data.readInherited': [T, T, F, T, T],
    'data.readSomewhere': [T, T, T, T, T],
    'plan.write': [F, F, F, F, F],
    'plan.decide': [F, F, F, F, F],
    'decision.write': [F, F, F, F, F],
    'assignment.write': [F, F, F, F, F],
    'goal.write': [F, F, F, F, F],
    'activity.write': [F, F, F, F, F],
    'indicator.define': [F, F, F, F, F],
    'target.write': [F, F, F, F, F],
    'analysis.write': [F, F, F, F, F],
    'value.write': [F, F, F, F, F],
    'allocation.write': [F, F, F, F, F],
    'measure.write': [F, F, F, F, F],
    'impactAnalysis.write': [F, F, F, F, F],
    'measure.report': [F, F, F, F, F],
    'correctiveAction.write': [F, F, F, F, F],
    'submission.submit': [F, F, F, F, F],
    'submission.decide': [F, F, F, F, F],
    'report.write': [F, F, F, F, F],
    'meeting.write': [F, F, F, F, F],
    'risk.read': [T, T, F, F, F],
    'risk.write': [F, F, F, F, F],
    'risk.assess': [F, F, F, F, F],
    'bodyRisk.write': [T, T, F, F, F],
    'bodyRisk.assess': [T, T, F, F, F],
    'riskScale.write': [T, T, F, F, F],
    'control.read': [T, T, F, T, T],
    'control_plan.write': [F, F, F, F, F],
    'control_plan.decide': [F, F, F, F, F],
    'control_result.write': [F, F, F, F, F],
    'control_action.write': [F, F, F, F, F],
    'control_assessment.write': [F, F, F, F, F],
  },
  controller: {
    'orgUnit.read': [T, T, T, T, T],
    'orgUnit.write': [F, F, F, F, F],
    'body.read': [T, T, T, T, T],
    'body.write': [F, F, F, F, F],
    'user.read': [F, F, F, F, F],
    'user.write': [F, F, F, F, F],
    'role.assign': [F, F, F, F, F],
    'history.read': [F, F, F, F, F],
    'data.read': [T, T, F, F, F],
    'data.readInherited': [T, T, F, T, T],
    'data.readSomewhere': [T, T, T, T, T],
    'plan.write': [T, T, F, F, F],
    'plan.decide': [T, T, F, F, F],
    'decision.write': [T, T, F, F, F],
    'assignment.write': [T, T, F, F, F],
    'goal.write': [T, T, F, F, F],
    'activity.write': [T, T, F, F, F],
    'indicator.define': [T, T, F, F, F],
    'target.write': [T, T, F, F, F],
    'analysis.write': [T, T, F, F, F],
    'value.write': [T, T, F, F, F],
    'allocation.write': [T, T, F, F, F],
    'measure.write': [T, T, F, F, F],
    'impactAnalysis.write': [T, T, F, F, F],
    'measure.report': [T, T, F, F, F],
    'correctiveAction.write': [T, T, F, F, F],
    'submission.submit': [T, T, F, F, F],
    'submission.decide': [F, T, F, F, F],
    'report.write': [T, T, F, F, F],
    'meeting.write': [T, T, F, F, F],
    'risk.read': [T, T, F, F, F],
    'risk.write': [T, T, F, F, F],
    'risk.assess': [T, T, F, F, F],
    'bodyRisk.write': [T, T, F, F, F],
    'bodyRisk.assess': [T, T, F, F, F],
    'riskScale.write': [F, F, F, F, F],
    'control.read': [T, T, F, T, T],
    'control_plan.write': [T, T, F, F, F],
    'control_plan.decide': [T, T, F, F, F],
    'control_result.write': [T, T, F, F, F],
    'control_action.write': [T, T, F, F, F],
    'control_assessment.write': [T, T, F, F, F],
  },
  manager: {
    'orgUnit.read': [T, T, T, T, T],
    'orgUnit.write': [F, F, F, F, F],
    'body.read': [T, T, T, T, T],
    'body.write': [F, F, F, F, F],
    'user.read': [F, F, F, F, F],
    'user.write': [F, F, F, F, F],
    'role.assign': [F, F, F, F, F],
    'history.read': [F, F, F, F, F],
    'data.read': [T, T, F, F, F],
    'data.readInherited': [T, T, F, T, T],
    'data.readSomewhere': [T, T, T, T, T],
    'plan.write': [T, T, F, F, F],
    'plan.decide': [T, T, F, F, F],
    'decision.write': [T, T, F, F, F],
    'assignment.write': [T, T, F, F, F],
    'goal.write': [T, T, F, F, F],
    'activity.write': [T, T, F, F, F],
    'indicator.define': [T, T, F, F, F],
    'target.write': [T, T, F, F, F],
    'analysis.write': [T, T, F, F, F],
    'value.write': [T, T, F, F, F],
    'allocation.write': [T, T, F, F, F],
    'measure.write': [T, T, F, F, F],
    'impactAnalysis.write': [T, T, F, F, F],
    'measure.report': [T, T, F, F, F],
    'correctiveAction.write': [T, T, F, F, F],
    'submission.submit': [T, T, F, F, F],
    'submission.decide': [F, T, F, F, F],
    'report.write': [T, T, F, F, F],
    'meeting.write': [T, T, F, F, F],
    'risk.read': [T, T, F, F, F],
    'risk.write': [T, T, F, F, F],
    'risk.assess': [T, T, F, F, F],
    'bodyRisk.write': [F, F, F, F, F],
    'bodyRisk.assess': [F, F, F, F, F],
    'riskScale.write': [F, F, F, F, F],
    'control.read': [T, T, F, T, T],
    'control_plan.write': [T, T, F, F, F],
    'control_plan.decide': [T, T, F, F, F],
    'control_result.write': [T, T, F, F, F],
    'control_action.write': [T, T, F, F, F],
    'control_assessment.write': [F, F, F, F, F],
  },
  reporter: {
    'orgUnit.read': [T, T, T, T, T],
    'orgUnit.write': [F, F, F, F, F],
    'body.read': [T, T, T, T, T],
    'body.write': [F, F, F, F, F],
    'user.read': [F, F, F, F, F],
    'user.write': [F, F, F, F, F],
    'role.assign': [F, F, F, F, F],
    'history.read': [F, F, F, F, F],
    'data.read': [T, T, F, F, F],
    'data.readInherited': [T, T, F, T, T],
    'data.readSomewhere': [T, T, T, T, T],
    'plan.write': [F, F, F, F, F],
    'plan.decide': [F, F, F, F, F],
    'decision.write': [F, F, F, F, F],
    'assignment.write': [F, F, F, F, F],
    'goal.write': [F, F, F, F, F],
    'activity.write': [F, F, F, F, F],
    'indicator.define': [F, F, F, F, F],
    'target.write': [F, F, F, F, F],
    'analysis.write': [F, F, F, F, F],
    'value.write': [T, T, F, F, F],
    'allocation.write': [F, F, F, F, F],
    'measure.write': [F, F, F, F, F],
    'impactAnalysis.write': [F, F, F, F, F],
    'measure.report': [T, T, F, F, F],
    'correctiveAction.write': [F, F, F, F, F],
    'submission.submit': [T, T, F, F, F],
    'submission.decide': [F, F, F, F, F],
    'report.write': [F, F, F, F, F],
    'meeting.write': [F, F, F, F, F],
    'risk.read': [T, T, F, F, F],
    'risk.write': [F, F, F, F, F],
    'risk.assess': [F, F, F, F, F],
    'bodyRisk.write': [F, F, F, F, F],
    'bodyRisk.assess': [F, F, F, F, F],
    'riskScale.write': [F, F, F, F, F],
    'control.read': [T, T, F, T, T],
    'control_plan.write': [F, F, F, F, F],
    'control_plan.decide': [F, F, F, F, F],
    'control_result.write': [F, F, F, F, F],
    'control_action.write': [F, F, F, F, F],
    'control_assessment.write': [F, F, F, F, F],
  },
  politician: {
    'orgUnit.read': [T, T, T, T, T],
    'orgUnit.write': [F, F, F, F, F],
    'body.read': [T, T, T, T, T],
    'body.write': [F, F, F, F, F],
    'user.read': [F, F, F, F, F],
    'user.write': [F, F, F, F, F],
    'role.assign': [F, F, F, F, F],
    'history.read': [F, F, F, F, F],
    'data.read': [T, T, F, F, F],
    'data.readInherited': [T, T, F, T, T],
    'data.readSomewhere': [T, T, T, T, T],
    'plan.write': [F, F, F, F, F],
    'plan.decide': [F, F, F, F, F],
    'decision.write': [F, F, F, F, F],
    'assignment.write': [F, F, F, F, F],
    'goal.write': [F, F, F, F, F],
    'activity.write': [F, F, F, F, F],
    'indicator.define': [F, F, F, F, F],
    'target.write': [F, F, F, F, F],
    'analysis.write': [F, F, F, F, F],
    'value.write': [F, F, F, F, F],
    'allocation.write': [F, F, F, F, F],
    'measure.write': [F, F, F, F, F],
    'impactAnalysis.write': [F, F, F, F, F],
    'measure.report': [F, F, F, F, F],
    'correctiveAction.write': [F, F, F, F, F],
    'submission.submit': [F, F, F, F, F],
    'submission.decide': [F, F, F, F, F],
    'report.write': [F, F, F, F, F],
    'meeting.write': [F, F, F, F, F],
    'risk.read': [T, T, F, F, F],
    'risk.write': [F, F, F, F, F],
    'risk.assess': [F, F, F, F, F],
    'bodyRisk.write': [F, F, F, F, F],
    'bodyRisk.assess': [F, F, F, F, F],
    'riskScale.write': [F, F, F, F, F],
    'control.read': [T, T, F, T, T],
    'control_plan.write': [F, F, F, F, F],
    'control_plan.decide': [F, F, F, F, F],
    'control_result.write': [F, F, F, F, F],
    'control_action.write': [F, F, F, F, F],
    'control_assessment.write': [F, F, F, F, F],
  },
  auditor: {
    'orgUnit.read': [T, T, T, T, T],
    'orgUnit.write': [F, F, F, F, F],
    'body.read': [T, T, T, T, T],
    'body.write': [F, F, F, F, F],
    'user.read': [F, F, F, F, F],
    'user.write': [F, F, F, F, F],
    'role.assign': [F, F, F, F, F],
    'history.read': [T, T, F, F, F],
    'data.read': [T, T, F, F, F],
    'data.readInherited': [T, T, F, T, T],
    'data.readSomewhere': [T, T, T, T, T],
    'plan.write': [F, F, F, F, F],
    'plan.decide': [F, F, F, F, F],
    'decision.write': [F, F, F, F, F],
    'assignment.write': [F, F, F, F, F],
    'goal.write': [F, F, F, F, F],
    'activity.write': [F, F, F, F, F],
    'indicator.define': [F, F, F, F, F],
    'target.write': [F, F, F, F, F],
    'analysis.write': [F, F, F, F, F],
    'value.write': [F, F, F, F, F],
    'allocation.write': [F, F, F, F, F],
    'measure.write': [F, F, F, F, F],
    'impactAnalysis.write': [F, F, F, F, F],
    'measure.report': [F, F, F, F, F],
    'correctiveAction.write': [F, F, F, F, F],
    'submission.submit': [F, F, F, F, F],
    'submission.decide': [F, F, F, F, F],
    'report.write': [F, F, F, F, F],
    'meeting.write': [F, F, F, F, F],
    'risk.read': [T, T, F, F, F],
    'risk.write': [F, F, F, F, F],
    'risk.assess': [F, F, F, F, F],
    'bodyRisk.write': [F, F, F, F, F],
    'bodyRisk.assess': [F, F, F, F, F],
    'riskScale.write': [F, F, F, F, F],
    'control.read': [T, T, F, T, T],
    'control_plan.write': [F, F, F, F, F],
    'control_plan.decide': [F, F, F, F, F],
    'control_result.write': [F, F, F, F, F],
    'control_action.write': [F, F, F, F, F],
    'control_assessment.write': [F, F, F, F, F],
  },
  viewer: {
    'orgUnit.read': [T, T, T, T, T],
    'orgUnit.write': [F, F, F, F, F],
    'body.read': [T, T, T, T, T],
    'body.write': [F, F, F, F, F],
    'user.read': [F, F, F, F, F],
    'user.write': [F, F, F, F, F],
    'role.assign': [F, F, F, F, F],
    'history.read': [F, F, F, F, F],
    'data.read': [T, T, F, F, F],
    'data.readInherited': [T, T, F, T, T],
    'data.readSomewhere': [T, T, T, T, T],
    'plan.write': [F, F, F, F, F],
    'plan.decide': [F, F, F, F, F],
    'decision.write': [F, F, F, F, F],
    'assignment.write': [F, F, F, F, F],
    'goal.write': [F, F, F, F, F],
    'activity.write': [F, F, F, F, F],
    'indicator.define': [F, F, F, F, F],
    'target.write': [F, F, F, F, F],
    'analysis.write': [F, F, F, F, F],
    'value.write': [F, F, F, F, F],
    'allocation.write': [F, F, F, F, F],
    'measure.write': [F, F, F, F, F],
    'impactAnalysis.write': [F, F, F, F, F],
    'measure.report': [F, F, F, F, F],
    'correctiveAction.write': [F, F, F, F, F],
    'submission.submit': [F, F, F, F, F],
    'submission.decide': [F, F, F, F, F],
    'report.write': [F, F, F, F, F],
    'meeting.write': [F, F, F, F, F],
    'risk.read': [T, T, F, F, F],
    'risk.write': [F, F, F, F, F],
    'risk.assess': [F, F, F, F, F],
    'bodyRisk.write': [F, F, F, F, F],
    'bodyRisk.assess': [F, F, F, F, F],
    'riskScale.write': [F, F, F, F, F],
    'control.read': [T, T, F, T, T],
    'control_plan.write': [F, F, F, F, F],
    'control_plan.decide': [F, F, F, F, F],
    'control_result.write': [F, F, F, F, F],
    'control_action.write': [F, F, F, F, F],
    'control_assessment.write': [F, F, F, F, F],
  },
};

const principal = (role: Role, unitId: string) => ({ userId: 'u', username: 'u', roles: [{ role, unitId }] });

describe('permissions', () => {
  it('covers every action in the table', () => {
    for (const role of ROLES) expect(Object.keys(EXPECTED[role]).sort()).toEqual([...ACTIONS].sort());
  });

  for (const role of ROLES)
    for (const action of ACTIONS)
      it(`${role} at A: ${action} own / inside / outside / whole organisation / above`, () => {
        const p = principal(role, 'A');
        const actual: Row = [
          can(p, action, { unitId: 'A' }, tree),
          can(p, action, { unitId: 'A1' }, tree),
          can(p, action, { unitId: 'B' }, tree),
          can(p, action, { unitId: null }, tree),
          can(p, action, { unitId: 'root' }, tree),
        ];
        expect(actual).toEqual(EXPECTED[role][action]);
      });

  it('gives a role at the root the whole organisation for what it may do inside', () => {
    for (const role of ROLES)
      for (const action of ACTIONS) {
        const inside = EXPECTED[role][action][1];
        expect(can(principal(role, 'root'), action, { unitId: null }, tree)).toBe(inside);
        expect(can(principal(role, 'root'), action, { unitId: 'B' }, tree)).toBe(inside);
      }
  });

  it('lets a user with no role do nothing', () => {
    const nobody = { userId: 'u', username: 'u', roles: [] };
    for (const action of ACTIONS) expect(can(nobody, action, { unitId: 'A1' }, tree)).toBe(false);
  });

  it('holds a grant for exactly the subtree of its unit, in any tree (property)', () => {
    const trees = fc
      .integer({ min: 1, max: 40 })
      .chain((n) =>
        fc.tuple(fc.array(fc.nat(), { minLength: n, maxLength: n }), fc.nat({ max: n - 1 }), fc.constantFrom(...ROLES)),
      );
    fc.assert(
      fc.property(trees, ([parents, grantAt, role]) => {
        // Unit i's parent is some unit before it, so every generated tree is a tree.
        const units = parents.map((p, i) => ({ id: `u${i}`, parentId: i === 0 ? null : `u${p % i}`, name: `u${i}` }));
        const index = new OrgIndex(units);
        const grant = `u${grantAt}`;
        const below = new Set(index.subtree(grant));
        for (const u of units) {
          expect(can(principal(role, grant), 'data.read', { unitId: u.id }, index)).toBe(below.has(u.id));
          expect(index.isInSubtree(u.id, grant)).toBe(below.has(u.id));
          expect(index.wouldCycle(grant, u.id)).toBe(below.has(u.id));
        }
      }),
    );
  });
});
