import { describe, expect, it } from 'vitest';
import { depthsByParent, treeRows, visibleRows } from './tree';

const m = (id: string, parentId: string | null = null) => ({ id, parentId });
const shape = (rows: ReturnType<typeof treeRows<{ id: string; parentId: string | null }>>) =>
  rows.map((r) => `${'  '.repeat(r.depth)}${r.item.id}${r.hasChildren ? '+' : ''}`);

describe('treeRows', () => {
  it('puts each measure right after its parent, indented one step, siblings in the order given', () => {
    const rows = treeRows([m('b'), m('a1', 'a'), m('a'), m('a2', 'a'), m('a1x', 'a1'), m('c')]);
    expect(shape(rows)).toEqual(['b', 'a+', '  a1+', '    a1x', '  a2', 'c']);
    expect(rows.find((r) => r.item.id === 'a1x')?.ancestors).toEqual(['a1', 'a']);
  });

  it('starts a tree at a sub-measure whose parent the user may not read', () => {
    expect(shape(treeRows([m('x', 'hidden'), m('y', 'x'), m('z')]))).toEqual(['x+', '  y', 'z']);
  });

  it('shows every measure once even when the parents form a loop', () => {
    const rows = treeRows([m('a', 'b'), m('b', 'a'), m('self', 'self')]);
    expect(rows.map((r) => r.item.id).sort()).toEqual(['a', 'b', 'self']);
  });
});

describe('visibleRows', () => {
  const rows = treeRows([m('a'), m('a1', 'a'), m('a1x', 'a1'), m('b'), m('b1', 'b')]);

  it('shows every row when nothing is collapsed', () => {
    expect(visibleRows(rows, new Set()).map((r) => r.item.id)).toEqual(['a', 'a1', 'a1x', 'b', 'b1']);
  });

  it('hides everything below a collapsed measure, at any depth, but not the measure itself', () => {
    expect(visibleRows(rows, new Set(['a'])).map((r) => r.item.id)).toEqual(['a', 'b', 'b1']);
    expect(visibleRows(rows, new Set(['a1', 'b'])).map((r) => r.item.id)).toEqual(['a', 'a1', 'b']);
  });
});

describe('depthsByParent', () => {
  it('indents units under their parents and starts over where a parent is missing', () => {
    const depths = depthsByParent([
      { unitId: 'region', parentId: null },
      { unitId: 'hs', parentId: 'region' },
      { unitId: 'medicin', parentId: 'hs' },
      { unitId: 'akut', parentId: 'medicin' },
      { unitId: 'kt', parentId: 'region' },
      { unitId: 'ward', parentId: 'not-listed' },
    ]);
    expect(Object.fromEntries(depths)).toEqual({ region: 0, hs: 1, medicin: 2, akut: 3, kt: 1, ward: 0 });
  });
});
