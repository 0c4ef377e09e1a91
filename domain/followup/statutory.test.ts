import { describe, expect, it } from 'vitest';
import { outOfOrder, statutorySteps, withStatutorySteps } from './cycle';

describe('the statutory steps of the interim and annual reports', () => {
  it('adds styrelse, revisorer and fullmäktige after the units of a delårsrapport per juli', () => {
    const d = withStatutorySteps('interim', '2025-07', [{ level: 'enhet', dueOn: '2025-08-04' }]);
    expect(d).toEqual([
      { level: 'enhet', dueOn: '2025-08-04' },
      { level: 'styrelse', dueOn: '2025-09-15' },
      { level: 'revisorer', dueOn: '2025-09-29' },
      { level: 'fullmaktige', dueOn: '2025-10-27' },
    ]);
    expect(outOfOrder(d)).toEqual([]);
  });

  it('keeps given steps and fits the auditors between a given styrelse and fullmäktige', () => {
    const d = withStatutorySteps('annual', '2025-12', [
      { level: 'styrelse', dueOn: '2026-03-09' },
      { level: 'fullmaktige', dueOn: '2026-03-23' },
    ]);
    expect(d).toContainEqual({ level: 'revisorer', dueOn: '2026-03-16' });
    expect(outOfOrder(d)).toEqual([]);
  });

  it('puts the annual report to the styrelse in March and to fullmäktige in April', () => {
    const d = withStatutorySteps('annual', '2025-12', [{ level: 'enhet', dueOn: '2026-01-14' }]);
    expect(d.find((x) => x.level === 'styrelse')?.dueOn).toBe('2026-03-15');
    expect(d.find((x) => x.level === 'fullmaktige')?.dueOn).toBe('2026-04-28');
    expect(outOfOrder(d)).toEqual([]);
  });

  it('never puts a default step before a unit deadline given later than it', () => {
    const d = withStatutorySteps('interim', '2025-08', [{ level: 'namnd', dueOn: '2025-10-20' }]);
    expect(outOfOrder(d)).toEqual([]);
  });

  it('leaves other occasions alone and names the ansvarsprövning', () => {
    const given = [{ level: 'enhet' as const, dueOn: '2025-10-04' }];
    expect(withStatutorySteps('month', '2025-09', given)).toEqual(given);
    expect(statutorySteps('month')).toEqual([]);
    expect(statutorySteps('annual').at(-1)?.label).toMatch(/ansvarsprövning/);
  });
});
