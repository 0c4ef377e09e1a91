import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, kronorInUnit } from '../money';
import { checkMandate, type DelegationLevel, levelFor } from './delegation';
import { deviation, fallsShort, lineEffect, targetEffect } from './measures';
import { allocationRows, EMPTY_TOTALS, type LeafFigures, totalsByUnit, totalsOf } from './rollup';

const tree = fc.integer({ min: 1, max: 30 }).chain((n) =>
  fc.array(fc.nat(), { minLength: n - 1, maxLength: n - 1 }).map((picks) => {
    const ids = Array.from({ length: n }, (_, i) => `u${i}`);
    const parent = new Map<string, string>();
    for (const [i, p] of picks.entries()) parent.set(`u${i + 1}`, `u${p % (i + 1)}`);
    const children = (id: string) => ids.filter((c) => parent.get(c) === id);
    const order: string[] = [];
    const walk = (id: string) => {
      order.push(id);
      for (const c of children(id)) walk(c);
    };
    walk('u0');
    const subtree = (id: string): string[] => [id, ...children(id).flatMap(subtree)];
    return { ids, children, order, subtree };
  }),
);

const kronor = fc.bigInt({ min: 0n, max: 50_000_000_000n });
const leaf = (ids: string[]) =>
  fc.record({
    id: fc.uuid(),
    unitId: fc.constantFrom(...ids),
    category: fc.constantFrom('effektivisering', 'ransonering', 'kostnadsskillnader', 'generell' as const),
    feasibility: fc.constantFrom(1, 2, 3 as const),
    plannedGross: kronor,
    plannedNet: kronor,
    forecast: fc.option(kronor, { nil: null }),
    outcome: fc.option(kronor, { nil: null }),
    stale: fc.boolean(),
  }) as fc.Arbitrary<LeafFigures>;

describe('action-plan roll-ups', () => {
  it('at every node of any tree the totals equal the sums of the measures in its subtree', () => {
    fc.assert(
      fc.property(
        tree.chain((t) => fc.tuple(fc.constant(t), fc.array(leaf(t.ids), { maxLength: 60 }))),
        ([t, leaves]) => {
          const byUnit = totalsByUnit(t.order, t.children, leaves);
          for (const id of t.ids) {
            const inSubtree = new Set(t.subtree(id));
            const direct = totalsOf(leaves.filter((l) => inSubtree.has(l.unitId)));
            expect(byUnit.get(id)).toEqual(direct);
          }
        },
      ),
    );
  });

  it('shows every requirement beside the requirements allocated below it and the measures planned under it', () => {
    fc.assert(
      fc.property(
        tree.chain((t) =>
          fc.tuple(
            fc.constant(t),
            fc.array(leaf(t.ids), { maxLength: 40 }),
            fc.array(fc.option(kronor, { nil: null }), { minLength: t.ids.length, maxLength: t.ids.length }),
          ),
        ),
        ([t, leaves, requirements]) => {
          const requirementOf = (id: string) => requirements[t.ids.indexOf(id)] ?? null;
          const byUnit = totalsByUnit(t.order, t.children, leaves);
          const rows = allocationRows(t.order, t.children, requirementOf, (id) => byUnit.get(id) ?? EMPTY_TOTALS);
          for (const r of rows) {
            const below = t.children(r.unitId).reduce((s, c) => s + (requirementOf(c) ?? 0n), 0n);
            expect(r.allocatedBelow).toBe(below);
            const inSubtree = new Set(t.subtree(r.unitId));
            const planned = leaves.filter((l) => inSubtree.has(l.unitId)).reduce((s, l) => s + l.plannedNet, 0n);
            expect(r.planned).toBe(planned);
            expect(r.planningGap).toBe(r.requirement === null ? null : r.requirement - planned);
          }
          // Every unit with a requirement is shown.
          for (const id of t.ids) if (requirementOf(id) !== null) expect(rows.some((r) => r.unitId === id)).toBe(true);
        },
      ),
    );
  });

  it('the grade 1–2 total never exceeds the total, planned or forecast', () => {
    fc.assert(
      fc.property(fc.array(leaf(['a', 'b']), { maxLength: 50 }), (leaves) => {
        const t = totalsOf(leaves);
        expect(t.plannedGrade12 <= t.planned).toBe(true);
        expect(t.forecastGrade12 <= t.forecast).toBe(true);
        expect(t.staleCount).toBe(leaves.filter((l) => l.stale).length);
      }),
    );
    expect(totalsOf([])).toEqual(EMPTY_TOTALS);
  });

  it('deviation is forecast less target: seed 002’s 197.0 against 343.6 is −146.6', () => {
    expect(deviation(197_000_000n, 343_600_000n)).toBe(-146_600_000n);
    expect(formatMoney(deviation(197_000_000n, 343_600_000n), 'mnkr')).toBe('−146,6 mnkr');
    fc.assert(
      fc.property(kronor, kronor, (f, t) => {
        expect(deviation(f, t) + t).toBe(f);
      }),
    );
  });

  it('rounding for display never changes a total: the exact total is shown, not a sum of rounded parts', () => {
    fc.assert(
      fc.property(fc.array(kronor, { minLength: 1, maxLength: 40 }), (amounts) => {
        const total = amounts.reduce((a, b) => a + b, 0n);
        const shown = kronorInUnit(total, 'mnkr');
        // The displayed text is the exact total in mnkr: multiplying back gives the kronor.
        const [whole, fraction = ''] = shown.split('.');
        expect(BigInt(whole as string) * 1_000_000n + BigInt(fraction.padEnd(6, '0'))).toBe(total);
      }),
    );
  });
});

describe('benefit calculation', () => {
  it('nets the realised costs off the realised savings, per year', () => {
    const lines = [
      { year: 2024, kind: 'saving' as const, amountKr: 30_000_000n, realisationPct: 80 },
      { year: 2024, kind: 'cost' as const, amountKr: 8_000_000n, realisationPct: 100 },
      { year: 2025, kind: 'saving' as const, amountKr: 40_000_000n, realisationPct: 100 },
    ];
    expect(targetEffect(lines, 2024)).toEqual({ gross: 24_000_000n, net: 16_000_000n });
    expect(targetEffect(lines, 2025)).toEqual({ gross: 40_000_000n, net: 40_000_000n });
    expect(targetEffect(lines, 2026)).toEqual({ gross: 0n, net: 0n });
  });

  it('rounds each line to the nearest krona, half up, and never above the amount', () => {
    expect(lineEffect({ amountKr: 3n, realisationPct: 50 })).toBe(2n);
    expect(lineEffect({ amountKr: 1n, realisationPct: 49 })).toBe(0n);
    fc.assert(
      fc.property(kronor, fc.integer({ min: 0, max: 100 }), (amountKr, realisationPct) => {
        const e = lineEffect({ amountKr, realisationPct });
        expect(e <= amountKr).toBe(true);
        expect(e >= 0n).toBe(true);
      }),
    );
  });

  it('calls a shortfall beyond the margin a deviation', () => {
    expect(fallsShort(12_000_000n, 15_600_000n, 10)).toBe(true);
    expect(fallsShort(24_000_000n, 15_600_000n, 10)).toBe(false);
    expect(fallsShort(14_500_000n, 15_600_000n, 10)).toBe(false);
    expect(fallsShort(null, 15_600_000n, 10)).toBe(false);
  });
});

describe('delegation order', () => {
  const levels: DelegationLevel[] = [
    { id: 'e', rank: 1, name: 'Enhetschef', unitLevel: 'enhet', bodyKind: null, maxAmountKr: 500_000n },
    { id: 'd', rank: 4, name: 'Divisionschef', unitLevel: 'division', bodyKind: null, maxAmountKr: 10_000_000n },
    { id: 'f', rank: 5, name: 'Förvaltningschef', unitLevel: 'forvaltning', bodyKind: null, maxAmountKr: 25_000_000n },
    { id: 'n', rank: 7, name: 'Nämnd', unitLevel: null, bodyKind: 'namnd', maxAmountKr: 100_000_000n },
    { id: 'rf', rank: 9, name: 'Regionfullmäktige', unitLevel: null, bodyKind: 'fullmaktige', maxAmountKr: null },
  ];
  it('names the lowest level whose limit covers the amount', () => {
    expect(levelFor(levels, 400_000n)?.name).toBe('Enhetschef');
    expect(levelFor(levels, 10_000_000n)?.name).toBe('Divisionschef');
    expect(levelFor(levels, 30_000_000n)?.name).toBe('Nämnd');
    expect(levelFor(levels, 10_000_000_000n)?.name).toBe('Regionfullmäktige');
  });
  it('flags a measure above its owner’s mandate without a decision at the level it needs', () => {
    const within = checkMandate(levels, 8_000_000n, 'division', []);
    expect(within).toMatchObject({ aboveMandate: false, flagged: false });
    const above = checkMandate(levels, 30_000_000n, 'division', []);
    expect(above.required?.name).toBe('Nämnd');
    expect(above.flagged).toBe(true);
    const decided = checkMandate(levels, 30_000_000n, 'division', [levels[3] as DelegationLevel]);
    expect(decided.flagged).toBe(false);
    const tooLow = checkMandate(levels, 30_000_000n, 'division', [levels[2] as DelegationLevel]);
    expect(tooLow.flagged).toBe(true);
  });
});
