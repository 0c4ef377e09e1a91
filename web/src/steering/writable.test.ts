import { describe, expect, it } from 'vitest';
import type { Body, Me, OrgUnit } from '../app/types';
import { orgIndexOf } from './access';
import { bodyScopeOf, mayDefineIndicators, writableBodies, writableUnits } from './writable';

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
//        │     └── kirurgi
//        ├── hos
//        └── kt
const units = [
  unit('region', null),
  unit('hs', 'region'),
  unit('medicin', 'hs'),
  unit('avd1', 'medicin'),
  unit('kirurgi', 'hs'),
  unit('hos', 'region'),
  unit('kt', 'region'),
];
const tree = orgIndexOf(units);

const body = (
  id: string,
  unitIds: string[],
  parentBodyId: string | null = null,
  validTo: string | null = null,
): Body => ({
  id,
  version: 1,
  name: id,
  kind: 'namnd',
  parentBodyId,
  validFrom: '2020-01-01',
  validTo,
  unitIds,
});
const bodies = [
  body('rf', ['region']),
  body('hsn', ['hs', 'hos']),
  body('mednamnd', ['medicin']),
  body('utskott', [], 'mednamnd'),
  body('ensam', []),
  body('nedlagd', ['kt'], null, '2021-12-31'),
];

const me = (...roles: [Me['roles'][number]['role'], string][]): Me => ({
  id: 'u',
  username: 'u',
  displayName: 'U',
  roles: roles.map(([role, unitId]) => ({ role, unitId })),
  seats: [],
  can: { administer: false, editCycle: false, readHistory: false },
  now: '2025-06-15T10:00:00Z',
});

describe('bodyScopeOf', () => {
  it('places a body at the lowest unit above every unit it governs', () => {
    expect(bodyScopeOf('hsn', bodies, tree)).toBe('region');
    expect(bodyScopeOf('mednamnd', bodies, tree)).toBe('medicin');
    expect(bodyScopeOf('rf', bodies, tree)).toBe('region');
  });

  it("takes the parent body's place for a body that governs no unit, and the whole organisation without one", () => {
    expect(bodyScopeOf('utskott', bodies, tree)).toBe('medicin');
    expect(bodyScopeOf('ensam', bodies, tree)).toBeNull();
    expect(bodyScopeOf('okänd', bodies, tree)).toBeNull();
  });
});

describe('what a user may write', () => {
  it("offers a manager their own subtree's units and the bodies placed in it", () => {
    const chef = me(['manager', 'medicin']);
    expect(writableUnits(chef, units, tree, 'goal.write').map((u) => u.id)).toEqual(['medicin', 'avd1']);
    expect(writableBodies(chef, bodies, tree, '2025-06-01', 'plan.write').map((b) => b.id)).toEqual([
      'mednamnd',
      'utskott',
    ]);
  });

  it('offers a controller at the top every unit and every body in office', () => {
    const controller = me(['controller', 'region']);
    expect(writableUnits(controller, units, tree, 'goal.write')).toHaveLength(units.length);
    expect(writableBodies(controller, bodies, tree, '2025-06-01', 'plan.write').map((b) => b.id)).toEqual([
      'rf',
      'hsn',
      'mednamnd',
      'utskott',
      'ensam',
    ]);
  });

  it('offers a politician and an auditor nothing to write', () => {
    for (const reader of [me(['politician', 'region']), me(['auditor', 'region'])]) {
      expect(writableUnits(reader, units, tree, 'goal.write')).toEqual([]);
      expect(writableBodies(reader, bodies, tree, '2025-06-01', 'plan.write')).toEqual([]);
    }
  });

  it('lets only a controller at the top define indicators', () => {
    expect(mayDefineIndicators(me(['controller', 'region']), tree)).toBe(true);
    expect(mayDefineIndicators(me(['controller', 'hs']), tree)).toBe(false);
    expect(mayDefineIndicators(me(['manager', 'medicin']), tree)).toBe(false);
    expect(mayDefineIndicators(null, tree)).toBe(false);
  });
});
