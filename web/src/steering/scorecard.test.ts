import { describe, expect, it } from 'vitest';
import { goalsByPerspective, hasOutcomes, latestMonthWithData } from './scorecard';
import type { Figure, Perspective, Scorecard, ScorecardGoal } from './types';

const figure = (trend: [string, number | null][], outcome: number | null = null): Figure => ({
  id: 'i',
  name: 'Sjukfrånvaro',
  measureUnit: '%',
  direction: 'lower',
  aggregation: 'ratio',
  frequency: 'month',
  target: 6,
  tolerance: 1,
  outcome,
  outcomeMonth: outcome === null ? null : '2025-12',
  forecast: null,
  forecastMonth: null,
  status: 'grey',
  stale: false,
  reported: 0,
  expected: 0,
  trend: trend.map(([period, o]) => ({ period, outcome: o, target: 6 })),
});

const goal = (id: string, perspective: Perspective, indicators: Figure[] = []): ScorecardGoal => ({
  id,
  title: id,
  perspective,
  focusArea: null,
  ownerUnitId: 'r',
  ownerUnitName: 'Region Exempel',
  inherited: true,
  planId: 'p',
  planTitle: 'Regionplan',
  planWithoutDecision: false,
  drift: false,
  status: 'grey',
  analysis: null,
  indicators,
});

const card = (goals: ScorecardGoal[]): Scorecard => ({
  unitId: 'u',
  unitName: 'Medicin',
  unitLevel: 'division',
  period: '2026-10',
  goals,
  statusCounts: { green: 0, yellow: 0, red: 0, grey: 0 },
  children: [],
  can: { analyse: false },
});

describe('scorecard', () => {
  it('groups goals by perspective in the fixed order, keeping the order within each', () => {
    const groups = goalsByPerspective([
      goal('ekonomi-1', 'ekonomi'),
      goal('medarbetare-1', 'medarbetare'),
      goal('medborgare-1', 'medborgare'),
      goal('medarbetare-2', 'medarbetare'),
    ]);
    expect(groups.map((g) => g.perspective)).toEqual(['medborgare', 'medarbetare', 'ekonomi']);
    expect(groups[1]?.goals.map((g) => g.id)).toEqual(['medarbetare-1', 'medarbetare-2']);
  });

  it('finds the newest month with an outcome in the trends, to offer when the chosen month has none', () => {
    const c = card([
      goal('a', 'medarbetare', [
        figure([
          ['2025-11', 5.1],
          ['2025-12', 4.9],
          ['2026-01', null],
        ]),
      ]),
      goal('b', 'ekonomi', [figure([['2025-10', 1]])]),
    ]);
    expect(hasOutcomes(c)).toBe(false);
    expect(latestMonthWithData(c)).toBe('2025-12');
  });

  it('has nothing to offer when no trend has an outcome', () => {
    expect(latestMonthWithData(card([goal('a', 'ekonomi', [figure([['2026-01', null]])])]))).toBeNull();
    expect(hasOutcomes(card([goal('a', 'ekonomi', [figure([], 3)])]))).toBe(true);
  });
});
