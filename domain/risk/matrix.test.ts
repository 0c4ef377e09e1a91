import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkOnScale,
  DEFAULT_RISK_SCALE,
  levelOfValue,
  MAX_STEPS,
  MIN_STEPS,
  matrixCells,
  RISK_LEVELS,
  type RiskScale,
  riskLevel,
  riskValue,
  validateRiskScale,
} from './matrix';

const rank = (s: RiskScale, p: number, c: number) => RISK_LEVELS.indexOf(riskLevel(s, p, c));

/** Valid scales: 2–7 distinct words per axis, strictly increasing thresholds within the matrix. */
const scales: fc.Arbitrary<RiskScale> = fc
  .record({ p: fc.integer({ min: MIN_STEPS, max: MAX_STEPS }), c: fc.integer({ min: MIN_STEPS, max: MAX_STEPS }) })
  .chain(({ p, c }) =>
    fc
      .uniqueArray(fc.integer({ min: 2, max: p * c }), { minLength: 3, maxLength: 3 })
      .filter((t) => t.length === 3)
      .map((t) => {
        const [medium, high, veryHigh] = [...t].sort((a, b) => a - b) as [number, number, number];
        return {
          probabilitySteps: Array.from({ length: p }, (_, i) => `S${i + 1}`),
          consequenceSteps: Array.from({ length: c }, (_, i) => `K${i + 1}`),
          thresholds: { medium, high, veryHigh },
        };
      }),
  );

/** A scale and two cells on it. */
const withCells = scales.chain((s) => {
  const p = fc.integer({ min: 1, max: s.probabilitySteps.length });
  const c = fc.integer({ min: 1, max: s.consequenceSteps.length });
  return fc.tuple(fc.constant(s), p, c, p, c);
});

describe('the risk matrix', () => {
  it('accepts every generated scale and the default', () => {
    expect(validateRiskScale(DEFAULT_RISK_SCALE)).toEqual([]);
    fc.assert(fc.property(scales, (s) => validateRiskScale(s).length === 0));
  });

  it('gives a value that rises with probability and with consequence', () => {
    fc.assert(
      fc.property(withCells, ([, p1, c1, p2, c2]) => {
        if (p1 <= p2) expect(riskValue(p1, c1)).toBeLessThanOrEqual(riskValue(p2, c1));
        if (c1 <= c2) expect(riskValue(p1, c1)).toBeLessThanOrEqual(riskValue(p1, c2));
        if (p1 < p2) expect(riskValue(p1, c1)).toBeLessThan(riskValue(p2, c1));
      }),
    );
  });

  it('gives a level that never falls as the value rises, on every axis', () => {
    fc.assert(
      fc.property(withCells, ([s, p1, c1, p2, c2]) => {
        if (riskValue(p1, c1) <= riskValue(p2, c2)) expect(rank(s, p1, c1)).toBeLessThanOrEqual(rank(s, p2, c2));
        if (p1 <= p2) expect(rank(s, p1, c1)).toBeLessThanOrEqual(rank(s, p2, c1));
        if (c1 <= c2) expect(rank(s, p1, c1)).toBeLessThanOrEqual(rank(s, p1, c2));
      }),
    );
  });

  it('gives every cell exactly one level, the one its thresholds bound', () => {
    fc.assert(
      fc.property(scales, (s) => {
        const cells = matrixCells(s);
        expect(cells).toHaveLength(s.probabilitySteps.length * s.consequenceSteps.length);
        const bounds = [0, s.thresholds.medium, s.thresholds.high, s.thresholds.veryHigh, Number.POSITIVE_INFINITY];
        for (const cell of cells) {
          const within = RISK_LEVELS.filter((_, i) => cell.value >= bounds[i]! && cell.value < bounds[i + 1]!);
          expect(within).toEqual([cell.level]);
        }
        expect(cells[0]?.level).toBe('low');
      }),
    );
  });

  it('colours the default scale as regions do: 3 low, 4 medium, 8 high, 12 very high', () => {
    const s = DEFAULT_RISK_SCALE;
    expect([3, 4, 6, 8, 9, 12, 16].map((v) => levelOfValue(s, v))).toEqual([
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'very_high',
      'very_high',
    ]);
    expect(riskLevel(s, 4, 4)).toBe('very_high');
    expect(riskValue(3, 4)).toBe(12);
  });

  it('names each step off the scale by its field', () => {
    expect(checkOnScale(DEFAULT_RISK_SCALE, 5, 0).map((e) => e.field)).toEqual(['probability', 'consequence']);
    expect(checkOnScale(DEFAULT_RISK_SCALE, 2.5, 4).map((e) => e.field)).toEqual(['probability']);
    expect(checkOnScale(DEFAULT_RISK_SCALE, 1, 4)).toEqual([]);
  });

  it('rejects a scale with too few or too many steps, empty words or thresholds out of order', () => {
    const fields = (s: Partial<RiskScale>) => validateRiskScale({ ...DEFAULT_RISK_SCALE, ...s }).map((e) => e.field);
    expect(fields({ probabilitySteps: ['Låg'] })).toEqual(['probabilitySteps']);
    expect(fields({ consequenceSteps: Array.from({ length: 8 }, (_, i) => `K${i}`) })).toEqual(['consequenceSteps']);
    expect(fields({ probabilitySteps: ['Låg', ' ', 'Hög'] })).toEqual(['probabilitySteps.1']);
    expect(fields({ consequenceSteps: ['A', 'B', 'a'] })).toEqual(['consequenceSteps.2']);
    expect(fields({ thresholds: { medium: 6, high: 6, veryHigh: 12 } })).toEqual(['thresholds.high']);
    expect(fields({ thresholds: { medium: 1, high: 6, veryHigh: 12 } })).toEqual(['thresholds.medium']);
    expect(fields({ thresholds: { medium: 4, high: 8, veryHigh: 17 } })).toEqual(['thresholds.veryHigh']);
    expect(fields({ thresholds: { medium: 4.5, high: 8, veryHigh: 12 } })).toEqual(['thresholds.medium']);
  });
});
