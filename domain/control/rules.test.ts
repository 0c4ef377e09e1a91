import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import {
  addCounts,
  countResults,
  emptyCounts,
  escalations,
  FREQUENCIES,
  isLate,
  mustAcceptResults,
  mustBeCompleteResult,
  mustBeOccasionOf,
  occasionEnd,
  occasionsOf,
  type RollupRow,
  rollUpResults,
} from './rules';

const fieldsOf = (f: () => void) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return (e.fields ?? []).map((x) => x.field);
    throw e;
  }
  return [];
};

describe('internal control rules', () => {
  it('lists the occasions of each frequency within a year', () => {
    expect(occasionsOf('tertial', 2025)).toEqual(['2025-T1', '2025-T2', '2025-T3']);
    expect(occasionsOf('half_year', 2025)).toEqual(['2025-H1', '2025-H2']);
    expect(occasionsOf('monthly', 2025)).toHaveLength(12);
    expect(occasionsOf('monthly', 2025)[0]).toBe('2025-01');
    expect(occasionsOf('yearly', 2025)).toEqual(['2025']);
    expect(occasionsOf('once', 2025)).toEqual(['2025']);
  });

  it('ends each occasion on the last day of its period', () => {
    expect(occasionEnd('2025-T1')).toBe('2025-04-30');
    expect(occasionEnd('2025-T2')).toBe('2025-08-31');
    expect(occasionEnd('2024-02')).toBe('2024-02-29');
    expect(occasionEnd('2025-H1')).toBe('2025-06-30');
    expect(occasionEnd('2025')).toBe('2025-12-31');
  });

  it('keeps every occasion inside its year and in order, for every frequency', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FREQUENCIES), fc.integer({ min: 2000, max: 2100 }), (f, year) => {
        const all = occasionsOf(f, year);
        const ends = all.map(occasionEnd);
        expect(ends.every((e) => e.startsWith(String(year)))).toBe(true);
        expect([...ends].sort()).toEqual(ends);
        expect(ends.at(-1)).toBe(`${year}-12-31`);
        for (const o of all) expect(fieldsOf(() => mustBeOccasionOf(f, year, o))).toEqual([]);
        expect(fieldsOf(() => mustBeOccasionOf(f, year + 1, all[0] as string))).toEqual(['occasion']);
      }),
    );
  });

  it('refuses results for a plan that is not decided', () => {
    expect(fieldsOf(() => mustAcceptResults({ status: 'draft' }))).toEqual(['pointId']);
    expect(fieldsOf(() => mustAcceptResults({ status: 'decided' }))).toEqual([]);
  });

  it('needs an action for a deviation, and a done control to find one', () => {
    expect(fieldsOf(() => mustBeCompleteResult({ done: true, deviation: true, serious: false }, 0))).toEqual([
      'actions',
    ]);
    expect(fieldsOf(() => mustBeCompleteResult({ done: true, deviation: true, serious: true }, 1))).toEqual([]);
    expect(fieldsOf(() => mustBeCompleteResult({ done: false, deviation: true, serious: false }, 1))).toEqual([
      'deviation',
    ]);
    expect(fieldsOf(() => mustBeCompleteResult({ done: true, deviation: false, serious: true }, 0))).toEqual([
      'serious',
    ]);
    expect(fieldsOf(() => mustBeCompleteResult({ done: false, deviation: false, serious: false }, 0))).toEqual([]);
  });

  it('calls an action late only when open after its due day', () => {
    expect(isLate({ dueOn: '2025-05-31', status: 'open' }, '2025-06-01')).toBe(true);
    expect(isLate({ dueOn: '2025-05-31', status: 'open' }, '2025-05-31')).toBe(false);
    expect(isLate({ dueOn: '2025-05-31', status: 'done' }, '2025-09-01')).toBe(false);
  });

  it('escalates serious deviations not yet dealt with and late actions', () => {
    const list = escalations(
      [
        { resultId: 'r1', serious: true, actions: [{ id: 'a1', dueOn: '2025-12-01', status: 'open' }] },
        { resultId: 'r2', serious: false, actions: [{ id: 'a2', dueOn: '2025-05-01', status: 'open' }] },
        { resultId: 'r3', serious: true, actions: [{ id: 'a3', dueOn: '2025-05-01', status: 'done' }] },
        { resultId: 'r4', serious: false, actions: [{ id: 'a4', dueOn: '2025-09-01', status: 'open' }] },
      ],
      '2025-06-15',
    );
    expect(list).toEqual([
      { reason: 'serious_deviation', resultId: 'r1', actionId: null },
      { reason: 'late_action', resultId: 'r2', actionId: 'a2' },
    ]);
  });

  const rows: fc.Arbitrary<RollupRow[]> = fc.array(
    fc.record({
      bodyId: fc.constantFrom('hsn', 'rs', 'ktn'),
      unitId: fc.constantFrom(null, 'u1', 'u2'),
      done: fc.boolean(),
      deviation: fc.boolean(),
      openActions: fc.nat(3),
      lateActions: fc.nat(3),
    }),
    { maxLength: 40 },
  );

  it('rolls up so that the parts add up to the whole (property)', () => {
    fc.assert(
      fc.property(rows, rows, (a, b) => {
        expect(countResults([...a, ...b])).toEqual(addCounts(countResults(a), countResults(b)));
        const byBody = rollUpResults([...a, ...b]);
        let bodies = emptyCounts();
        for (const { total, units } of byBody.values()) {
          bodies = addCounts(bodies, total);
          expect([...units.values()].reduce(addCounts, emptyCounts())).toEqual(total);
        }
        expect(bodies).toEqual(countResults([...a, ...b]));
        const whole = countResults(a);
        expect(whole.done + whole.notDone).toBe(whole.results);
      }),
    );
  });
});
