import { describe, expect, it } from 'vitest';
import { swedishDate } from './dates';

describe('the day in Sweden', () => {
  it('turns at Swedish midnight, winter and summer, whatever was asked before', () => {
    // Asked in order, as requests do: the minute before midnight and midnight itself.
    expect(swedishDate(new Date('2026-01-14T22:59:59.999Z'))).toBe('2026-01-14');
    expect(swedishDate(new Date('2026-01-14T23:00:00.000Z'))).toBe('2026-01-15');
    expect(swedishDate(new Date('2026-07-01T21:59:30Z'))).toBe('2026-07-01');
    expect(swedishDate(new Date('2026-07-01T21:59:59Z'))).toBe('2026-07-01');
    expect(swedishDate(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
    // The spring change (02:00 → 03:00 on 29 March 2026) and back again to an earlier minute.
    expect(swedishDate(new Date('2026-03-28T22:59:00Z'))).toBe('2026-03-28');
    expect(swedishDate(new Date('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
    expect(swedishDate(new Date('2026-01-14T22:59:00Z'))).toBe('2026-01-14');
  });

  it('refuses an invalid instant rather than answering the last day', () => {
    swedishDate(new Date('2026-01-14T12:00:00Z'));
    expect(() => swedishDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});
