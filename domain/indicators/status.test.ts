import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATUSES } from '../steering';
import { statusCounts, statusOf, worstStatus } from './status';

const decimal = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((c) => new Decimal(c).div(100));
const tolerance = fc.integer({ min: 0, max: 100_000 }).map((c) => new Decimal(c).div(100));

describe('status thresholds', () => {
  it('agency staff: 2 % target, lower is better, half a point of tolerance', () => {
    const target = { target: '2', tolerance: '0.5' };
    expect(statusOf('lower', '1.9', target)).toBe('green');
    expect(statusOf('lower', '2', target)).toBe('green');
    expect(statusOf('lower', '2.5', target)).toBe('yellow');
    expect(statusOf('lower', '2.51', target)).toBe('red');
    expect(statusOf('lower', '3.4', target)).toBe('red');
    expect(statusOf('lower', null, target)).toBe('grey');
    expect(statusOf('lower', '1', null)).toBe('grey');
  });

  it('exact at the boundaries: 0.1 + 0.2 is 0.3 here', () => {
    expect(statusOf('lower', '0.3', { target: '0.1', tolerance: '0.2' })).toBe('yellow');
    expect(statusOf('higher', '0.1', { target: '0.3', tolerance: '0.2' })).toBe('yellow');
  });

  it('meeting the target is green in either direction; mirroring the direction mirrors the status', () => {
    fc.assert(
      fc.property(decimal, decimal, tolerance, (figure, target, tol) => {
        const t = { target, tolerance: tol };
        const higher = statusOf('higher', figure, t);
        const lower = statusOf('lower', figure.neg(), { target: target.neg(), tolerance: tol });
        expect(higher).toBe(lower);
        if (figure.gte(target)) expect(higher).toBe('green');
        if (figure.lt(target.minus(tol))) expect(higher).toBe('red');
      }),
    );
  });

  it('a better figure never gets a worse status', () => {
    const rank = { green: 0, yellow: 1, red: 2, grey: 3 };
    fc.assert(
      fc.property(decimal, decimal, decimal, tolerance, (a, b, target, tol) => {
        const [worse, better] = a.lte(b) ? [a, b] : [b, a];
        const t = { target, tolerance: tol };
        expect(rank[statusOf('higher', better, t)]).toBeLessThanOrEqual(rank[statusOf('higher', worse, t)]);
      }),
    );
  });

  it('a goal takes the worst status of its indicators; grey only when none has one', () => {
    const status = fc.constantFrom(...STATUSES);
    fc.assert(
      fc.property(fc.array(status), (list) => {
        const worst = worstStatus(list);
        const counts = statusCounts(list);
        if (counts.red > 0) expect(worst).toBe('red');
        else if (counts.yellow > 0) expect(worst).toBe('yellow');
        else if (counts.green > 0) expect(worst).toBe('green');
        else expect(worst).toBe('grey');
        expect(counts.green + counts.yellow + counts.red + counts.grey).toBe(list.length);
      }),
    );
  });
});
