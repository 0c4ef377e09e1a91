import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrgIndex } from './org';

describe('OrgIndex', () => {
  it('answers subtree membership as the lineage does, in any parent map: forests, cycles, missing parents (property)', () => {
    // Each unit's parent is any unit (itself and later ones included, so cycles happen), none, or
    // one that is not in the tree.
    const parentMaps = fc
      .integer({ min: 1, max: 30 })
      .chain((n) =>
        fc.array(fc.oneof(fc.nat({ max: n - 1 }), fc.constant(-1), fc.constant(-2)), { minLength: n, maxLength: n }),
      );
    fc.assert(
      fc.property(parentMaps, (parents) => {
        const units = parents.map((p, i) => ({
          id: `u${i}`,
          parentId: p === -1 ? null : p === -2 ? 'gone' : `u${p}`,
          name: `Enhet ${i}`,
        }));
        const index = new OrgIndex(units);
        const ids = [...units.map((u) => u.id), 'gone'];
        for (const a of ids) for (const b of ids) expect(index.isInSubtree(a, b)).toBe(index.lineage(a).includes(b));
        // A subtree ends, even round a circle, and holds each unit once: those whose lineage meets it.
        for (const a of ids) {
          const below = index.subtree(a);
          expect(new Set(below).size).toBe(below.length);
          expect(new Set(below)).toEqual(new Set(ids.filter((b) => index.has(b) && index.lineage(b).includes(a))));
        }
      }),
    );
  });
});
