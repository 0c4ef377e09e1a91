import { describe, expect, it } from 'vitest';
import { countsLine, indicatorsOf, matrixRows, unitsMatrix } from './matrix';
import { thresholds } from './TrendChart';
import type { AcrossRow, Figure, ScorecardGoal } from './types';

const figure = (id: string, over: Partial<Figure> = {}): Figure =>
  ({
    id,
    name: `Indikator ${id}`,
    measureUnit: '%',
    direction: 'higher',
    aggregation: 'sum',
    frequency: 'month',
    target: 80,
    tolerance: 5,
    outcome: 70,
    outcomeMonth: '2025-05',
    forecast: null,
    forecastMonth: null,
    status: 'red',
    stale: false,
    reported: 1,
    expected: 1,
    trend: [],
    ...over,
  }) as Figure;

const goal = (id: string, perspective: ScorecardGoal['perspective'], indicators: Figure[]): ScorecardGoal =>
  ({ id, title: `Mål ${id}`, perspective, indicators }) as unknown as ScorecardGoal;

describe('scorecard matrix rows', () => {
  it('puts goals under their perspective in the fixed order and one row per indicator', () => {
    const card = {
      goals: [goal('e', 'ekonomi', [figure('x')]), goal('m', 'medborgare', [figure('a'), figure('b')])],
    };
    expect(matrixRows(card).map((r) => r.key)).toEqual([
      'p-medborgare',
      'g-m',
      'i-m-a',
      'i-m-b',
      'p-ekonomi',
      'g-e',
      'i-e-x',
    ]);
  });

  it('gives a goal without indicators its row and no indicator rows', () => {
    expect(matrixRows({ goals: [goal('v', 'verksamhet', [])] }).map((r) => r.kind)).toEqual(['perspective', 'goal']);
  });

  it('lists the counts worst first without the empty ones', () => {
    expect(countsLine({ green: 3, yellow: 0, red: 2, grey: 1 })).toEqual([
      { status: 'red', count: 2 },
      { status: 'green', count: 3 },
      { status: 'grey', count: 1 },
    ]);
  });
});

describe('units × indicators', () => {
  it("takes each child unit's figure from each indicator's cross-unit answer", () => {
    const across = (id: string, units: string[]): AcrossRow[] =>
      units.map((u) => ({
        unitId: u,
        unitName: u,
        level: 'enhet',
        parentId: 'p',
        depth: 1,
        figure: figure(`${id}@${u}`),
      }));
    const rows = unitsMatrix(
      [
        { id: 'u1', name: 'Ett' },
        { id: 'u2', name: 'Två' },
      ],
      [across('a', ['p', 'u1', 'u2']), across('b', ['u2']), undefined],
    );
    expect(rows.map((r) => r.unitName)).toEqual(['Ett', 'Två']);
    expect(rows[0]?.cells.map((c) => c?.id ?? null)).toEqual(['a@u1', null, null]);
    expect(rows[1]?.cells.map((c) => c?.id ?? null)).toEqual(['a@u2', 'b@u2', null]);
  });

  it("takes a goal's indicators, or every indicator of the scorecard once", () => {
    const card = { goals: [goal('g1', 'ekonomi', [figure('a'), figure('b')]), goal('g2', 'ekonomi', [figure('a')])] };
    expect(indicatorsOf(card, 'g2').map((f) => f.id)).toEqual(['a']);
    expect(indicatorsOf(card, null).map((f) => f.id)).toEqual(['a', 'b']);
  });
});

describe('trend chart limits', () => {
  it('puts the yellow limit the tolerance below the target when higher is better, above when lower is', () => {
    expect(thresholds({ direction: 'higher', target: 80, tolerance: 5 })).toEqual({ green: 80, yellow: 75 });
    expect(thresholds({ direction: 'lower', target: 2, tolerance: 0.5 })).toEqual({ green: 2, yellow: 2.5 });
    expect(thresholds({ direction: 'higher', target: null, tolerance: null })).toBeNull();
  });
});
