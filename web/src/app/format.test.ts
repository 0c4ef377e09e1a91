import { describe, expect, it } from 'vitest';
import { adoptServerClock, today } from './format';

describe('today, by the server’s clock', () => {
  it('is the day in Sweden of the server’s reading, whatever the browser’s clock says', () => {
    // The server says 23:30 on 31 December in UTC, which is already 1 January in Sweden.
    adoptServerClock('2026-12-31T23:30:00Z', Date.now());
    expect(today()).toBe('2027-01-01');
    adoptServerClock('2026-12-02T08:00:00Z', Date.now());
    expect(today()).toBe('2026-12-02');
  });

  it('keeps the last good reading when the server sends none it can read', () => {
    adoptServerClock('2025-06-15T10:00:00Z', Date.now());
    adoptServerClock('not a time', Date.now());
    expect(today()).toBe('2025-06-15');
  });
});
