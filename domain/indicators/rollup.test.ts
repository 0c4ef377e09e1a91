import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageOf, figureOf, mergeAll, mergeParts, partsOf, partsThroughTree, type Reading } from './rollup';

/** A random tree: node i>0 hangs under a node before it. Leaves are the nodes without children. */
const tree = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.tuple(fc.constant(n), fc.array(fc.nat(), { minLength: n - 1, maxLength: n - 1 })).map(([size, picks]) => {
    const parent = new Map<string, string>();
    for (const [i, p] of picks.entries()) parent.set(`u${i + 1}`, `u${p % (i + 1)}`);
    const ids = Array.from({ length: size }, (_, i) => `u${i}`);
    const children = (id: string) => ids.filter((c) => parent.get(c) === id);
    const leaves = ids.filter((id) => children(id).length === 0);
    const subtree = (id: string): string[] => [id, ...children(id).flatMap(subtree)];
    return { ids, children, leaves, subtree };
  }),
);

// Money-like figures with up to two decimals, as exact decimal text.
const amount = fc.integer({ min: -10_000_000, max: 10_000_000 }).map((c) => new Decimal(c).div(100).toString());
const positive = fc.integer({ min: 1, max: 10_000_000 }).map((c) => new Decimal(c).div(100).toString());

describe('roll-up up the organisation tree', () => {
  it('a sum indicator at any node equals the sum of its leaves, exactly', () => {
    fc.assert(
      fc.property(tree, fc.array(amount, { minLength: 40, maxLength: 40 }), fc.nat(), (t, values, pick) => {
        const readings = new Map<string, Reading>(t.leaves.map((l, i) => [l, { value: values[i] }]));
        const node = t.ids[pick % t.ids.length] as string;
        const viaTree = figureOf('sum', partsThroughTree(node, t.children, readings));
        const leavesBelow = t.subtree(node).filter((id) => t.leaves.includes(id));
        const direct = leavesBelow.reduce((s, l) => s.plus(readings.get(l)?.value ?? 0), new Decimal(0));
        expect(viaTree?.toString()).toBe(direct.toString());
      }),
    );
  });

  it('a ratio of sums is the summed numerator over the summed denominator at every level', () => {
    fc.assert(
      fc.property(
        tree,
        fc.array(fc.tuple(positive, positive), { minLength: 40, maxLength: 40 }),
        fc.nat(),
        (t, pairs, pick) => {
          const readings = new Map<string, Reading>(
            t.leaves.map((l, i) => [l, { numerator: pairs[i]?.[0], denominator: pairs[i]?.[1] }]),
          );
          const node = t.ids[pick % t.ids.length] as string;
          const leavesBelow = t.subtree(node).filter((id) => t.leaves.includes(id));
          const num = leavesBelow.reduce((s, l) => s.plus(readings.get(l)?.numerator ?? 0), new Decimal(0));
          const den = leavesBelow.reduce((s, l) => s.plus(readings.get(l)?.denominator ?? 0), new Decimal(0));
          const figure = figureOf('ratio', partsThroughTree(node, t.children, readings), 100);
          expect(figure?.toString()).toBe(num.div(den).times(100).toString());
        },
      ),
    );
  });

  it('a ratio of sums is not the average of the children’s ratios', () => {
    // Two divisions: 1 of 100 (1 %) and 80 of 1 000 (8 %). The region is 81 of 1 100, not 4.5 %.
    const parts = mergeAll([
      partsOf({ numerator: 1, denominator: 100 }),
      partsOf({ numerator: 80, denominator: 1000 }),
    ]);
    const region = figureOf('ratio', parts, 100) as Decimal;
    expect(region.toDecimalPlaces(4).toString()).toBe('7.3636');
    expect(region.eq(4.5)).toBe(false);
  });

  it('merging parts is associative and commutative, so any grouping of units gives one figure', () => {
    const reading = fc.record({ value: amount, weight: positive, numerator: positive, denominator: positive });
    fc.assert(
      fc.property(reading, reading, reading, (a, b, c) => {
        const [pa, pb, pc] = [partsOf(a), partsOf(b), partsOf(c)];
        const left = mergeParts(mergeParts(pa, pb), pc);
        const right = mergeParts(pc, mergeParts(pb, pa));
        for (const agg of ['sum', 'ratio', 'weighted'] as const)
          expect(figureOf(agg, left, 100)?.toString()).toBe(figureOf(agg, right, 100)?.toString());
      }),
    );
  });

  it('a weighted average lies between the smallest and the largest value it is made from', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(amount, positive), { minLength: 1, maxLength: 30 }), (rows) => {
        const figure = figureOf('weighted', mergeAll(rows.map(([value, weight]) => partsOf({ value, weight }))));
        const values = rows.map(([v]) => new Decimal(v));
        expect(figure?.gte(Decimal.min(...values))).toBe(true);
        expect(figure?.lte(Decimal.max(...values))).toBe(true);
      }),
    );
  });

  it('the latest value is the one entered last; an indicator that does not aggregate shows nothing above', () => {
    const parts = mergeAll([
      partsOf({ value: 3, enteredAt: 10 }),
      partsOf({ value: 7, enteredAt: 30 }),
      partsOf({ value: 5, enteredAt: 20 }),
    ]);
    expect(figureOf('latest', parts)?.toNumber()).toBe(7);
    expect(figureOf('none', parts)).toBeNull();
  });

  it('a zero denominator or no readings give no figure rather than a wrong one', () => {
    expect(figureOf('ratio', partsOf({ numerator: 5, denominator: 0 }))).toBeNull();
    expect(figureOf('sum', mergeAll([]))).toBeNull();
  });

  it('a rolling average averages the months that have a figure', () => {
    expect(averageOf([new Decimal(10), null, new Decimal(20)])?.toNumber()).toBe(15);
    expect(averageOf([null, null])).toBeNull();
  });
});
