import { describe, expect, it } from 'vitest';
import { actionsOf, defaultFollowupPeriod, depthsOf, hasReported, isOpen, normaliseDetail } from './status';
import type { SubmissionDetail } from './types';

describe('statuses', () => {
  it('counts submitted and approved as reported', () => {
    expect(hasReported('submitted')).toBe(true);
    expect(hasReported('approved')).toBe(true);
    expect(hasReported('returned')).toBe(false);
    expect(hasReported('in_progress')).toBe(false);
    expect(hasReported('not_started')).toBe(false);
  });

  it('can submit again after a return', () => {
    expect(isOpen('returned')).toBe(true);
    expect(isOpen('submitted')).toBe(false);
  });

  it('offers submitting to those who may submit an open report, deciding on a submitted one', () => {
    expect(actionsOf({ status: 'in_progress', maySubmit: true, mayDecide: false })).toEqual({
      edit: true,
      submit: true,
      decide: false,
    });
    expect(actionsOf({ status: 'submitted', maySubmit: true, mayDecide: false })).toEqual({
      edit: false,
      submit: false,
      decide: false,
    });
    expect(actionsOf({ status: 'submitted', maySubmit: false, mayDecide: true }).decide).toBe(true);
    expect(actionsOf({ status: 'approved', maySubmit: false, mayDecide: true }).decide).toBe(false);
    expect(actionsOf({ status: 'returned', maySubmit: false, mayDecide: false }).submit).toBe(false);
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

describe('normaliseDetail', () => {
  const base = {
    unitId: 'u',
    name: 'Område',
    level: 'omrade',
    parentId: null,
    status: 'not_started',
    statusLabel: 'Ej påbörjad',
    period: '2024-09',
    occasion: null,
    deadline: null,
    late: false,
    daysLate: 0,
    submittedAt: null,
    submittedByName: null,
    decidedAt: null,
    decidedByName: null,
    returnComment: null,
    version: 0,
    maySubmit: true,
    mayDecide: false,
  } as const;

  it('counts the measures listed as missing', () => {
    const d = normaliseDetail({
      ...base,
      analysis: 'x',
      missingMeasureReports: [{ id: 'm', title: 'Åtgärd', unitId: 'u', unitName: 'Område' }],
      children: [],
      trail: [],
    });
    expect(d.missingCount).toBe(1);
  });

  it('fills in what an answer left out', () => {
    const d = normaliseDetail({ ...base, missingMeasureReports: 2 } as unknown as SubmissionDetail);
    expect(d.analysis).toBe('');
    expect(d.missingMeasureReports).toEqual([]);
    expect(d.missingCount).toBe(2);
    expect(d.children).toEqual([]);
    expect(d.trail).toEqual([]);
  });
});
