import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthsEnding } from './months';
import { dueMonth, dueMonths, shownFigure } from './staleness';

describe('staleness', () => {
  it('knows which month is due for each frequency', () => {
    expect(dueMonth('month', '2025-06')).toBe('2025-06');
    expect(dueMonth('tertial', '2025-06')).toBe('2025-04');
    expect(dueMonth('tertial', '2025-08')).toBe('2025-08');
    expect(dueMonth('tertial', '2025-03')).toBe('2024-12');
    expect(dueMonth('year', '2025-11')).toBe('2024-12');
    expect(dueMonth('year', '2025-12')).toBe('2025-12');
    expect(dueMonths('tertial', '2025-06', 3)).toEqual(['2025-04', '2024-12', '2024-08']);
  });

  it('shows the due month when everyone reported it, and nothing is stale', () => {
    const lookback = monthsEnding('2025-06', 12);
    expect(shownFigure('2025-06', new Map([['2025-06', 4]]), 4, lookback)).toEqual({ month: '2025-06', stale: false });
  });

  it('a due month that not every unit reported is stale', () => {
    const lookback = monthsEnding('2025-06', 12);
    expect(shownFigure('2025-06', new Map([['2025-06', 3]]), 4, lookback)).toEqual({ month: '2025-06', stale: true });
  });

  it('an older figure shown in place of a missing one is stale; no figure at all is not', () => {
    const lookback = monthsEnding('2025-06', 12);
    const reported = new Map([
      ['2025-02', 4],
      ['2025-03', 4],
    ]);
    expect(shownFigure('2025-06', reported, 4, lookback)).toEqual({ month: '2025-03', stale: true });
    expect(shownFigure('2025-06', new Map(), 4, lookback)).toEqual({ month: null, stale: false });
  });

  it('whatever is reported, the figure shown is either the complete due month or marked stale', () => {
    const lookback = monthsEnding('2025-12', 12);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...lookback), fc.integer({ min: 1, max: 5 }))),
        fc.integer({ min: 1, max: 5 }),
        (entries, expected) => {
          const reported = new Map(entries);
          const shown = shownFigure('2025-12', reported, expected, lookback);
          const complete = (reported.get('2025-12') ?? 0) >= expected;
          expect(shown.stale).toBe(shown.month !== null && !complete);
          if (shown.month) expect(reported.get(shown.month) ?? 0).toBeGreaterThan(0);
          if (shown.month === null) expect(entries.length).toBe(0);
        },
      ),
    );
  });
});
