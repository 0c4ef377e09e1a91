import { describe, expect, it } from 'vitest';
import {
  calendarOf,
  deadlinesOfDraft,
  draftOfDeadlines,
  firstDeadline,
  hasProblems,
  inLevelOrder,
  levelOfDeadlineField,
  monthsOf,
  occasionProblems,
} from './cycle';
import type { Occasion } from './types';

const occasion = (id: string, title: string, deadlines: Occasion['deadlines'], kind: Occasion['kind'] = 'month') => ({
  id,
  version: 1,
  year: 2025,
  kind,
  period: kind === 'budget' ? null : '2025-09',
  title,
  controlStep: null,
  deadlines,
  steps: [],
  can: { edit: false, remove: false },
});

describe('calendarOf', () => {
  const september = occasion('sep', 'Månadsrapport september', [
    { level: 'enhet', dueOn: '2025-10-04' },
    { level: 'division', dueOn: '2025-10-08' },
  ]);
  const october = occasion('okt', 'Månadsrapport oktober', [
    { level: 'enhet', dueOn: '2025-11-04' },
    { level: 'division', dueOn: '2025-11-08' },
  ]);
  const annual = occasion('ar', 'Årsredovisning 2025', [
    { level: 'enhet', dueOn: '2026-01-14' },
    { level: 'fullmaktige', dueOn: '2026-04-14' },
  ]);
  const budget = occasion('budget', 'Budget 2026', [{ level: 'fullmaktige', dueOn: '2025-06-17' }], 'budget');

  it('puts each deadline in its month at its level, levels bottom up, only those in use', () => {
    const rows = calendarOf([october, september, budget], 2025);
    expect(rows.map((r) => r.level)).toEqual(['enhet', 'division', 'fullmaktige']);
    const enhet = rows[0]?.months;
    expect(enhet?.get('2025-10')?.map((e) => e.occasion.id)).toEqual(['sep']);
    expect(enhet?.get('2025-11')?.map((e) => e.dueOn)).toEqual(['2025-11-04']);
    expect(enhet?.get('2025-06')).toEqual([]);
    expect(rows[2]?.months.get('2025-06')?.[0]?.occasion.title).toBe('Budget 2026');
  });

  it('has twelve months in every row', () => {
    for (const row of calendarOf([september], 2025)) expect([...row.months.keys()]).toEqual(monthsOf(2025));
  });

  it("leaves deadlines that fall in another year to that year's calendar", () => {
    expect(calendarOf([annual], 2025)).toEqual([]);
    const next = calendarOf([annual], 2026);
    expect(next.map((r) => r.level)).toEqual(['enhet', 'fullmaktige']);
    expect(next[1]?.months.get('2026-04')?.[0]?.dueOn).toBe('2026-04-14');
  });

  it('orders the deadlines of a month by date', () => {
    const early = occasion('a', 'B', [{ level: 'enhet', dueOn: '2025-10-02' }]);
    const late = occasion('b', 'A', [{ level: 'enhet', dueOn: '2025-10-20' }]);
    const rows = calendarOf([late, early], 2025);
    expect(rows[0]?.months.get('2025-10')?.map((e) => e.occasion.id)).toEqual(['a', 'b']);
  });
});

describe('deadlines', () => {
  it('finds the first deadline, or null', () => {
    expect(
      firstDeadline({
        deadlines: [
          { level: 'division', dueOn: '2025-10-08' },
          { level: 'enhet', dueOn: '2025-10-04' },
        ],
      }),
    ).toBe('2025-10-04');
    expect(firstDeadline({ deadlines: [] })).toBeNull();
  });

  it('sorts bottom up by level', () => {
    expect(
      inLevelOrder([
        { level: 'styrelse', dueOn: '2025-10-25' },
        { level: 'enhet', dueOn: '2025-10-04' },
        { level: 'omrade', dueOn: '2025-10-07' },
      ]).map((d) => d.level),
    ).toEqual(['enhet', 'omrade', 'styrelse']);
  });

  it('goes to the form and back, leaving out empty levels, in level order', () => {
    const draft = draftOfDeadlines([
      { level: 'division', dueOn: '2025-10-08' },
      { level: 'enhet', dueOn: '2025-10-04' },
    ]);
    expect(draft).toEqual({ division: '2025-10-08', enhet: '2025-10-04' });
    expect(deadlinesOfDraft({ ...draft, omrade: '  ', namnd: '2025-10-18' })).toEqual([
      { level: 'enhet', dueOn: '2025-10-04' },
      { level: 'division', dueOn: '2025-10-08' },
      { level: 'namnd', dueOn: '2025-10-18' },
    ]);
  });

  it("names the level of a server's message about a deadline sent", () => {
    const sent = deadlinesOfDraft({ enhet: '2025-10-04', division: '2025-10-08' });
    expect(levelOfDeadlineField('deadlines.1.dueOn', sent)).toBe('division');
    expect(levelOfDeadlineField('deadlines.0', sent)).toBe('enhet');
    expect(levelOfDeadlineField('deadlines.5.dueOn', sent)).toBeNull();
    expect(levelOfDeadlineField('deadlines', sent)).toBeNull();
    expect(levelOfDeadlineField('title', sent)).toBeNull();
  });
});

describe('occasionProblems', () => {
  const good = {
    year: 2025,
    kind: 'month',
    period: '2025-09',
    title: 'Månadsrapport september',
    deadlines: { enhet: '2025-10-04', division: '2025-10-08' },
  };

  it('accepts a complete occasion', () => {
    expect(hasProblems(occasionProblems(good))).toBe(false);
  });

  it('wants a title, a month for a follow-up and at least one deadline', () => {
    const p = occasionProblems({ ...good, title: ' ', period: '', deadlines: {} });
    expect(p.title).toBe('required');
    expect(p.period).toBe('periodRequired');
    expect(p.deadlines).toBe('noDeadlines');
    expect(hasProblems(p)).toBe(true);
  });

  it('needs no month for a milestone, nor when an occasion is changed', () => {
    expect(occasionProblems({ ...good, kind: 'budget', period: null }).period).toBeUndefined();
    expect(occasionProblems({ ...good, period: null, editing: true }).period).toBeUndefined();
  });

  it('flags a level due before a level below it, and a date that is not one', () => {
    const p = occasionProblems({
      ...good,
      deadlines: { enhet: '2025-10-04', omrade: '2025-10-03', division: '2025-10-08', namnd: '2025-13-40' },
    });
    expect(p.levelProblems).toEqual({ omrade: 'beforeLower', namnd: 'badDate' });
  });

  it('allows levels with the same deadline', () => {
    expect(
      occasionProblems({ ...good, deadlines: { enhet: '2025-10-04', verksamhet: '2025-10-04' } }).levelProblems,
    ).toEqual({});
  });
});
