import { describe, expect, it } from 'vitest';
import type { OrgUnit } from '../app/types';
import { indexTree, searchTree, visibleRows } from './tree';

const unit = (id: string, parentId: string | null, name: string, code: string | null = null): OrgUnit => ({
  id,
  version: 1,
  parentId,
  name,
  level: 'enhet',
  code,
  managerName: null,
  managerUserId: null,
  validFrom: '2020-01-01',
  validTo: null,
});

const units = [
  unit('r', null, 'Region'),
  unit('a', 'r', 'Akut', '10'),
  unit('a1', 'a', 'Akutmottagning', '11'),
  unit('k', 'r', 'Kirurgi', '20'),
  unit('k1', 'k', 'Ortopedi', '21'),
];

describe('organisation tree', () => {
  it('shows only the roots until a branch is expanded', () => {
    const tree = indexTree(units);
    expect(visibleRows(tree, new Set()).map((r) => r.id)).toEqual(['r']);
    const rows = visibleRows(tree, new Set(['r', 'k']));
    expect(rows.map((r) => [r.id, r.level])).toEqual([
      ['r', 1],
      ['a', 2],
      ['k', 2],
      ['k1', 3],
    ]);
    expect(rows[1]).toMatchObject({ posInSet: 1, setSize: 2, hasChildren: true, expanded: false });
  });

  it('treats a unit whose parent is absent on that date as a root', () => {
    expect(indexTree([unit('x', 'gone', 'X')]).roots).toEqual(['x']);
  });

  it('finds units by name or code and opens the path to them', () => {
    const tree = indexTree(units);
    const found = searchTree(tree, 'orto');
    expect([...found.matches]).toEqual(['k1']);
    expect(visibleRows(tree, found.opened, found.visible).map((r) => r.id)).toEqual(['r', 'k', 'k1']);
    expect([...searchTree(tree, '11').matches]).toEqual(['a1']);
  });
});
