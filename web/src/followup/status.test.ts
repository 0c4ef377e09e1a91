import { describe, expect, it } from 'vitest';
import { isHandedIn, mayTake, submissionActions } from '../../../domain/followup/submissions';
import { defaultFollowupPeriod, depthsOf } from './status';

describe('statuses', () => {
  it('counts submitted and approved as reported', () => {
    expect(isHandedIn('submitted')).toBe(true);
    expect(isHandedIn('approved')).toBe(true);
    expect(isHandedIn('returned')).toBe(false);
    expect(isHandedIn('in_progress')).toBe(false);
    expect(isHandedIn('not_started')).toBe(false);
  });

  it('can submit again after a return', () => {
    expect(mayTake('submit', 'returned')).toBe(true);
    expect(mayTake('submit', 'submitted')).toBe(false);
  });

  it('offers submitting to those who may submit an open report, deciding on a submitted one', () => {
    expect(submissionActions({ status: 'in_progress', maySubmit: true, mayDecide: false })).toEqual({
      edit: true,
      submit: true,
      decide: false,
    });
    expect(submissionActions({ status: 'submitted', maySubmit: true, mayDecide: false })).toEqual({
      edit: false,
      submit: false,
      decide: false,
    });
    expect(submissionActions({ status: 'submitted', maySubmit: false, mayDecide: true }).decide).toBe(true);
    expect(submissionActions({ status: 'approved', maySubmit: false, mayDecide: true }).decide).toBe(false);
    expect(submissionActions({ status: 'returned', maySubmit: false, mayDecide: false }).submit).toBe(false);
  });
});

describe('depthsOf', () => {
  it('indents each unit under its parent, the first shown at the top', () => {
    const depth = depthsOf([
      { unitId: 'kir', parentId: 'hs' },
      { unitId: 'ortokir', parentId: 'kir' },
      { unitId: 'ortoped', parentId: 'ortokir' },
      { unitId: 'anop', parentId: 'kir' },
    ]);
    expect([...depth]).toEqual([
      ['kir', 0],
      ['ortokir', 1],
      ['ortoped', 2],
      ['anop', 1],
    ]);
  });
});

describe('defaultFollowupPeriod', () => {
  const periods = ['2025-01', '2025-09', '2025-10', '2025-11', '2025-12', null];

  it('opens on the latest month whose follow-up has begun', () => {
    expect(defaultFollowupPeriod('2025-11-20', periods)).toBe('2025-10');
    expect(defaultFollowupPeriod('2026-11-23', periods)).toBe('2025-12');
  });

  it('opens on the last whole month when the cycle has none that has begun', () => {
    expect(defaultFollowupPeriod('2024-06-01', periods)).toBe('2024-05');
    expect(defaultFollowupPeriod('2026-01-05', [])).toBe('2025-12');
  });
});
