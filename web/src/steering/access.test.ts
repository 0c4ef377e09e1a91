import { describe, expect, it } from 'vitest';
import type { Me, OrgUnit } from '../app/types';
import { homeUnitId, orgIndexOf } from './access';

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
  can: { administer: false, editCycle: false, readHistory: false, readAll: false, defineIndicators: false },
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
});
