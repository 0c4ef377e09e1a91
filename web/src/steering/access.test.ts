import { describe, expect, it } from 'vitest';
import type { Me, OrgUnit } from '../app/types';
import { homeUnitId, may, orgIndexOf } from './access';

const unit = (id: string, parentId: string | null): OrgUnit => ({
  id,
  version: 1,
  parentId,
  name: id,
  level: 'enhet',
  code: null,
  managerName: null,
  managerUserId: null,
  validFrom: '2020-01-01',
  validTo: null,
});

// region ── hs ── medicin ── avd1
//        └── kt
const tree = orgIndexOf([
  unit('region', null),
  unit('hs', 'region'),
  unit('medicin', 'hs'),
  unit('avd1', 'medicin'),
  unit('kt', 'region'),
]);
const me = (...roles: [Me['roles'][number]['role'], string][]): Me => ({
  id: 'u',
  username: 'u',
  displayName: 'U',
  roles: roles.map(([role, unitId]) => ({ role, unitId })),
  seats: [],
  can: { administer: false, editCycle: false, readHistory: false },
  now: '2025-06-15T10:00:00Z',
});

describe('access', () => {
  it('starts a politician at the root and a manager at their own unit', () => {
    expect(homeUnitId(me(['politician', 'region']), tree)).toBe('region');
    expect(homeUnitId(me(['manager', 'medicin']), tree)).toBe('medicin');
  });

  it('starts from the highest of several units', () => {
    expect(homeUnitId(me(['reporter', 'avd1'], ['manager', 'hs']), tree)).toBe('hs');
  });

  it('has no start for a user without a role that reads steering data', () => {
    expect(homeUnitId(me(), tree)).toBeNull();
    expect(homeUnitId(null, tree)).toBeNull();
  });

  it('asks the domain rules: a manager writes analyses in their subtree only, a politician nowhere', () => {
    const chef = me(['manager', 'medicin']);
    expect(may(chef, 'goal.write', 'avd1', tree)).toBe(true);
    expect(may(chef, 'goal.write', 'kt', tree)).toBe(false);
    expect(may(chef, 'data.read', null, tree)).toBe(false);
    expect(may(me(['politician', 'region']), 'goal.write', 'avd1', tree)).toBe(false);
  });

  it('counts the seats /api/me gives, on the days they hold, as the server does', () => {
    const seat = (bodyKind: 'namnd' | 'revisorer', unitIds: string[], validTo: string | null = null) => ({
      ...me(),
      seats: [
        { bodyId: 'b', bodyName: 'B', bodyKind, role: 'ledamot' as const, validFrom: '2020-01-01', validTo, unitIds },
      ],
    });
    expect(may(seat('namnd', ['hs']), 'data.read', 'avd1', tree)).toBe(true);
    expect(may(seat('namnd', ['hs']), 'data.read', 'kt', tree)).toBe(false);
    expect(may(seat('namnd', ['hs']), 'goal.write', 'avd1', tree)).toBe(false);
    // A seat among the revisorer reads everything, history included, and writes nothing.
    expect(may(seat('revisorer', []), 'history.read', 'kt', tree)).toBe(true);
    expect(may(seat('revisorer', []), 'goal.write', 'kt', tree)).toBe(false);
    // An ended seat (validTo is the first day without it) counts for nothing.
    expect(may(seat('namnd', ['hs'], '2021-01-01'), 'data.read', 'avd1', tree)).toBe(false);
  });
});
