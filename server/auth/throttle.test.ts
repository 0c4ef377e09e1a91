import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultSessionPolicy } from './service';
import { type Attempt, loginWaitSeconds } from './throttle';

const T0 = Date.parse('2025-06-15T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const fail = (seconds: number, ip = 'a'): Attempt => ({ at: at(seconds), ip, success: false });
const policy = defaultSessionPolicy;

describe('sign-in back-off', () => {
  it('lets five failures of a pair through, then waits 1, 2, 4 … minutes up to the cap', () => {
    const attempts: Attempt[] = [];
    for (let i = 0; i < 5; i++) {
      expect(loginWaitSeconds(attempts, 'a', at(0), policy)).toBe(0);
      attempts.push(fail(0));
    }
    let t = 0;
    for (const wait of [60, 120, 240, 480, 960, 1800, 1800]) {
      expect(loginWaitSeconds(attempts, 'a', at(t), policy)).toBe(wait);
      t += wait;
      expect(loginWaitSeconds(attempts, 'a', at(t), policy)).toBe(0);
      attempts.push(fail(t));
    }
  });

  it('does not count attempts that were refused, nor let them lengthen the wait', () => {
    const attempts = [0, 0, 0, 0, 0].map((s) => fail(s));
    for (let s = 1; s < 60; s += 7) attempts.push(fail(s));
    expect(loginWaitSeconds(attempts, 'a', at(59), policy)).toBe(1);
    expect(loginWaitSeconds(attempts, 'a', at(60), policy)).toBe(0);
  });

  it('clears a pair on success', () => {
    const attempts = [...[0, 0, 0, 0].map((s) => fail(s)), { at: at(1), ip: 'a', success: true }, fail(2)];
    expect(loginWaitSeconds(attempts, 'a', at(2), policy)).toBe(0);
  });

  it('never slows a pair without failures unless the account failed too often everywhere', () => {
    const attempt = fc.record({
      seconds: fc.integer({ min: 0, max: 7200 }),
      ip: fc.constantFrom('nat', 'b', 'c', 'd'),
      success: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 300 }), fc.integer({ min: 0, max: 600 }), (raw, after) => {
        // The pair ('nat' for this account) has only succeeded; others, the same address's included
        // for other accounts (which never reach this account's list), failed at will.
        const attempts = raw
          .map((a) => ({ at: at(a.seconds), ip: a.ip, success: a.ip === 'nat' ? true : a.success }))
          .sort((x, y) => x.at.getTime() - y.at.getTime());
        const now = at(7200 + after);
        const failuresInWindow = attempts.filter(
          (a) => !a.success && a.at.getTime() > now.getTime() - policy.failureWindowMinutes * 60_000,
        ).length;
        const wait = loginWaitSeconds(attempts, 'nat', now, policy);
        if (failuresInWindow < policy.maxFailuresPerUser) expect(wait).toBe(0);
      }),
    );
  });

  it('refuses an account everywhere after too many failures from all addresses, until they age out of the window', () => {
    const small = { ...policy, maxFailuresPerUser: 10, failureWindowMinutes: 15 };
    const attempts = Array.from({ length: 10 }, (_, i) => fail(i * 10, `ip${i}`));
    expect(loginWaitSeconds(attempts.slice(0, 9), 'fresh', at(100), small)).toBe(0);
    // The oldest failure (at 0 s) leaves the 15-minute window at 900 s.
    expect(loginWaitSeconds(attempts, 'fresh', at(100), small)).toBe(800);
    expect(loginWaitSeconds(attempts, 'fresh', at(900), small)).toBe(0);
  });
});
