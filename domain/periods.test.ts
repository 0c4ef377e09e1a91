import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import {
  addMonths,
  comparePeriods,
  contains,
  formatPeriod,
  monthOfDate,
  monthsOf,
  parsePeriod,
  tertialOfMonth,
  trailingMonths,
  tryParsePeriod,
} from './periods';

describe('periods', () => {
  it('parses months, tertials and years and formats them back', () => {
    for (const text of ['2025-09', '2025-T2', '2025', '2024-01', '2024-T3'])
      expect(formatPeriod(parsePeriod(text))).toBe(text);
  });

  it('refuses an invalid period with a 400 naming the field', () => {
    for (const text of ['2025-13', '2025-00', '2025-T4', '25-09', '2025-9', 'september']) {
      expect(tryParsePeriod(text)).toBeNull();
      try {
        parsePeriod(text, 'period');
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(DomainError);
        expect((err as DomainError).code).toBe('bad_request');
        expect((err as DomainError).fields?.[0]?.field).toBe('period');
      }
    }
  });

  it('knows which months a tertial and a year cover', () => {
    expect(monthsOf(parsePeriod('2025-T2')).map(formatPeriod)).toEqual(['2025-05', '2025-06', '2025-07', '2025-08']);
    expect(monthsOf(parsePeriod('2025'))).toHaveLength(12);
    expect(tertialOfMonth(4)).toBe(1);
    expect(tertialOfMonth(5)).toBe(2);
    expect(tertialOfMonth(12)).toBe(3);
    expect(contains(parsePeriod('2025-T3'), parsePeriod('2025-09'))).toBe(true);
    expect(contains(parsePeriod('2025-T2'), parsePeriod('2025-09'))).toBe(false);
  });

  it('steps across year ends and gives trailing windows oldest first', () => {
    const dec = parsePeriod('2024-12') as Extract<ReturnType<typeof parsePeriod>, { kind: 'month' }>;
    expect(formatPeriod(addMonths(dec, 1))).toBe('2025-01');
    expect(trailingMonths(dec, 3).map(formatPeriod)).toEqual(['2024-10', '2024-11', '2024-12']);
  });

  it('takes the month in Swedish time', () => {
    // 23:30 UTC on 31 January is already February in Stockholm.
    expect(formatPeriod(monthOfDate(new Date('2025-01-31T23:30:00Z')))).toBe('2025-02');
  });

  it('orders months consistently with addMonths (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: -60, max: 60 }),
        (year, month, n) => {
          const a = { kind: 'month' as const, year, month };
          const b = addMonths(a, n);
          expect(Math.sign(comparePeriods(a, b))).toBe(n === 0 ? 0 : n > 0 ? -1 : 1);
          expect(addMonths(b, -n)).toEqual(a);
        },
      ),
    );
  });
});
