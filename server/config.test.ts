import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config';
import { clockFrom, fixedClock } from './core/clock';

describe('the server clock from the environment', () => {
  it('is the wall clock unless CLOCK_START is set', () => {
    const before = Date.now();
    const now = configFromEnv({}).clock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('starts at CLOCK_START and runs on from there', () => {
    const real = fixedClock('2031-05-05T12:00:00Z');
    const clock = clockFrom(new Date('2026-12-02T08:00:00Z'), real);
    expect(clock.now().toISOString()).toBe('2026-12-02T08:00:00.000Z');
    real.advance(90 * 60_000);
    expect(clock.now().toISOString()).toBe('2026-12-02T09:30:00.000Z');
    const fromEnv = configFromEnv({ CLOCK_START: '2026-12-02T08:00:00Z' }).clock.now().getTime();
    expect(Math.abs(fromEnv - Date.parse('2026-12-02T08:00:00Z'))).toBeLessThan(60_000);
  });

  it('refuses a CLOCK_START that is not an instant, naming the variable', () => {
    for (const bad of ['2026-12-02', 'i morgon', '2026-13-40T00:00:00Z'])
      expect(() => configFromEnv({ CLOCK_START: bad })).toThrow(/CLOCK_START/);
  });
});

describe('the first reminder run from the environment', () => {
  it('waits ten seconds by default, as many as REMINDERS_START_DELAY_SECONDS says, or none', () => {
    expect(configFromEnv({}).remindersStartDelayMs).toBe(10_000);
    expect(configFromEnv({ REMINDERS_START_DELAY_SECONDS: '30' }).remindersStartDelayMs).toBe(30_000);
    expect(configFromEnv({ REMINDERS_START_DELAY_SECONDS: '0' }).remindersStartDelayMs).toBe(0);
  });

  it('refuses a delay that is negative or not a whole number, naming the variable', () => {
    for (const bad of ['-1', '2.5', 'snart'])
      expect(() => configFromEnv({ REMINDERS_START_DELAY_SECONDS: bad })).toThrow(/REMINDERS_START_DELAY_SECONDS/);
    expect(() => configFromEnv({ PORT: '0' })).toThrow(/PORT måste vara ett positivt heltal/);
  });
});

describe('the embedded database’s upkeep from the environment', () => {
  it('looks every minute and waits five quiet seconds by default, or as UPKEEP_* say', () => {
    expect(configFromEnv({}).upkeep).toMatchObject({ everyMs: 60_000, quietMs: 5_000 });
    expect(configFromEnv({ UPKEEP_EVERY_SECONDS: '600', UPKEEP_QUIET_SECONDS: '0' }).upkeep).toMatchObject({
      everyMs: 600_000,
      quietMs: 0,
    });
  });

  it('refuses a period that is not a positive whole number, naming the variable', () => {
    for (const bad of ['0', '-5', '1.5', 'ofta'])
      expect(() => configFromEnv({ UPKEEP_EVERY_SECONDS: bad })).toThrow(/UPKEEP_EVERY_SECONDS/);
    expect(() => configFromEnv({ UPKEEP_QUIET_SECONDS: '-1' })).toThrow(/UPKEEP_QUIET_SECONDS/);
  });
});
