import { describe, expect, it } from 'vitest';
import { currentFollowupMonth } from './periods';

describe('currentFollowupMonth', () => {
  it('is the last whole month when the cycle follows it up', () => {
    expect(currentFollowupMonth(new Date('2025-10-05T12:00:00Z'), ['2025-08', '2025-09', '2025-10'])).toBe('2025-09');
  });

  it('is the newest followed-up month that has ended, skipping months without an occasion', () => {
    // July has no monthly report: in August the page still opens on June.
    expect(currentFollowupMonth(new Date('2025-08-10T12:00:00Z'), ['2025-05', '2025-06', '2025-09'])).toBe('2025-06');
  });

  it('falls back to the last whole month when the cycle has no occasion yet', () => {
    expect(currentFollowupMonth(new Date('2026-12-01T08:00:00Z'), [])).toBe('2026-11');
  });

  it('reckons the month in Swedish time, across the new year', () => {
    // 23:30 UTC on 31 December is already January in Stockholm.
    expect(currentFollowupMonth(new Date('2025-12-31T23:30:00Z'), ['2025-11', '2025-12'])).toBe('2025-12');
    expect(currentFollowupMonth(new Date('2025-12-31T22:30:00Z'), ['2025-11', '2025-12'])).toBe('2025-11');
  });
});
