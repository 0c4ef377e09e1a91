import { describe, expect, it } from 'vitest';
import { formatMonth, monthOrNull, monthsOfYear, previousMonth, reportsIn } from './periods';

describe('periods', () => {
  it('names months in Swedish', () => {
    expect(formatMonth('2025-03')).toBe('mars 2025');
    expect(formatMonth('2025-12')).toBe('december 2025');
  });

  it('opens on the last whole month, across a new year', () => {
    expect(previousMonth('2026-11-23')).toBe('2026-10');
    expect(previousMonth('2026-01-01')).toBe('2025-12');
  });

  it('lists a year January to December', () => {
    const months = monthsOfYear(2025);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2025-01');
    expect(months[11]).toBe('2025-12');
  });

  it('takes only real months from the address', () => {
    expect(monthOrNull('2025-12')).toBe('2025-12');
    expect(monthOrNull('2025-13')).toBeNull();
    expect(monthOrNull('2025')).toBeNull();
    expect(monthOrNull(null)).toBeNull();
  });

  it('offers a cell only in the months an indicator is reported', () => {
    expect(monthsOfYear(2025).filter((m) => reportsIn('month', m))).toHaveLength(12);
    expect(monthsOfYear(2025).filter((m) => reportsIn('tertial', m))).toEqual(['2025-04', '2025-08', '2025-12']);
    expect(monthsOfYear(2025).filter((m) => reportsIn('year', m))).toEqual(['2025-12']);
  });
});
