import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNIT_LEVELS } from '../org';
import { notedInARow, type Outcome } from '../reports/series';
import { addDays, DEADLINE_LEVELS, type Deadline, daysBetween, daysLate, deadlineFor, outOfOrder } from './cycle';
import {
  dueReminders,
  isHandedIn,
  mayTake,
  nextStatus,
  reminderKey,
  type SubmissionAction,
  type SubmissionStatus,
} from './submissions';

const day = fc
  .integer({ min: Date.UTC(2024, 0, 1) / 86_400_000, max: Date.UTC(2027, 11, 31) / 86_400_000 })
  .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));

describe('deadlines of the annual cycle', () => {
  const sept: Deadline[] = [
    { level: 'enhet', dueOn: '2025-10-06' },
    { level: 'division', dueOn: '2025-10-09' },
    { level: 'forvaltning', dueOn: '2025-10-13' },
    { level: 'styrelse', dueOn: '2025-10-20' },
  ];

  it('gives a unit its own level’s deadline, or the nearest level above that has one', () => {
    expect(deadlineFor(sept, 'enhet')).toBe('2025-10-06');
    expect(deadlineFor(sept, 'verksamhet')).toBe('2025-10-09');
    expect(deadlineFor(sept, 'omrade')).toBe('2025-10-09');
    expect(deadlineFor(sept, 'forvaltning')).toBe('2025-10-13');
    expect(deadlineFor(sept, 'region')).toBe('2025-10-20');
    expect(deadlineFor([], 'enhet')).toBeNull();
  });

  it('never gives a level a deadline before a level below it, when the deadlines are in order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...DEADLINE_LEVELS), day), { maxLength: 9 }), (pairs) => {
        const byLevel = new Map(pairs);
        // Put the chosen dates in level order, so the cycle is a valid one.
        const dates = [...byLevel.values()].sort();
        const deadlines = DEADLINE_LEVELS.filter((l) => byLevel.has(l)).map((level, i) => ({
          level,
          dueOn: dates[i] as string,
        }));
        expect(outOfOrder(deadlines)).toEqual([]);
        for (let i = 0; i + 1 < UNIT_LEVELS.length; i++) {
          const upper = deadlineFor(deadlines, UNIT_LEVELS[i] as (typeof UNIT_LEVELS)[number]);
          const lower = deadlineFor(deadlines, UNIT_LEVELS[i + 1] as (typeof UNIT_LEVELS)[number]);
          if (upper !== null && lower !== null) expect(lower <= upper).toBe(true);
          if (lower === null) expect(upper).toBeNull();
        }
      }),
    );
  });

  it('names the deadlines that break the reporting order', () => {
    expect(
      outOfOrder([
        { level: 'enhet', dueOn: '2025-10-10' },
        { level: 'division', dueOn: '2025-10-08' },
      ]),
    ).toEqual([1]);
  });

  it('counts days late from the day after the deadline, and not at all once handed in', () => {
    expect(daysLate('2025-10-06', '2025-10-06', false)).toBe(0);
    expect(daysLate('2025-10-06', '2025-10-07', false)).toBe(1);
    expect(daysLate('2025-10-06', '2025-11-06', false)).toBe(31);
    expect(daysLate('2025-10-06', '2025-11-06', true)).toBe(0);
    expect(daysLate(null, '2025-11-06', false)).toBe(0);
    fc.assert(fc.property(day, fc.integer({ min: -400, max: 400 }), (d, n) => daysBetween(d, addDays(d, n)) === n));
  });
});

describe('the submission workflow', () => {
  const actions: SubmissionAction[] = ['save', 'submit', 'return', 'approve'];

  it('goes submit → return → resubmit → approve, and nothing moves an approved report', () => {
    let s: SubmissionStatus = 'not_started';
    for (const a of ['save', 'submit', 'return', 'save', 'submit', 'approve'] as SubmissionAction[]) {
      expect(mayTake(a, s)).toBe(true);
      s = nextStatus(a, s);
    }
    expect(s).toBe('approved');
    for (const a of actions) expect(mayTake(a, s)).toBe(false);
    expect(nextStatus('save', 'returned')).toBe('returned');
  });

  it('only ever approves or returns what was submitted, whatever the order of attempts', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...actions), { maxLength: 30 }), (attempts) => {
        let s: SubmissionStatus = 'not_started';
        for (const a of attempts) {
          if (!mayTake(a, s)) continue;
          if (a === 'approve' || a === 'return') expect(s).toBe('submitted');
          s = nextStatus(a, s);
        }
        if (s === 'approved') expect(attempts).toContain('submit');
      }),
    );
  });
});

describe('reminders with an injected clock', () => {
  it('sends each reminder once over the days around a deadline, and none once handed in', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 20 }),
        fc.option(fc.integer({ min: -15, max: 15 }), { nil: null }),
        (deadline, daysBefore, runsEvery, handedInAt) => {
          const sent = new Set<string>();
          const log: { when: string; on: string }[] = [];
          // The reminder job runs every `runsEvery` days from three weeks before to three after.
          for (let offset = -21; offset <= 21; offset += runsEvery) {
            const today = addDays(deadline, offset);
            const status: SubmissionStatus = handedInAt !== null && offset >= handedInAt ? 'submitted' : 'in_progress';
            for (const r of dueReminders(deadline, today, status, daysBefore)) {
              const key = reminderKey('occ', 'unit', 'user', r.when);
              if (sent.has(key)) continue;
              sent.add(key);
              log.push({ when: r.when, on: today });
            }
          }
          expect(log.filter((l) => l.when === 'before').length).toBeLessThanOrEqual(1);
          expect(log.filter((l) => l.when === 'after').length).toBeLessThanOrEqual(1);
          for (const l of log) {
            if (l.when === 'before') {
              expect(l.on >= addDays(deadline, -daysBefore) && l.on <= deadline).toBe(true);
            } else expect(l.on > deadline).toBe(true);
            if (handedInAt !== null) expect(daysBetween(deadline, l.on)).toBeLessThan(handedInAt);
          }
        },
      ),
    );
  });

  it('reminds three days ahead and the day after, for what is not handed in', () => {
    expect(dueReminders('2025-10-06', '2025-10-02', 'in_progress', 3)).toEqual([]);
    expect(dueReminders('2025-10-06', '2025-10-03', 'not_started', 3)).toEqual([
      { when: 'before', dueFrom: '2025-10-03' },
    ]);
    expect(dueReminders('2025-10-06', '2025-10-07', 'returned', 3)).toEqual([{ when: 'after', dueFrom: '2025-10-07' }]);
    expect(dueReminders('2025-10-06', '2025-10-07', 'submitted', 3)).toEqual([]);
    expect(isHandedIn('approved')).toBe(true);
  });
});

describe('reports followed only by "information noted"', () => {
  it('counts the latest run of noted outcomes, skipping reports not yet decided on', () => {
    expect(notedInARow(['beslut', 'information', 'information'])).toBe(2);
    expect(notedInARow(['information', 'uppdrag', 'information', null])).toBe(1);
    expect(notedInARow([])).toBe(0);
    fc.assert(
      fc.property(fc.array(fc.constantFrom<Outcome | null>('beslut', 'uppdrag', 'information', null)), (outs) => {
        const n = notedInARow(outs);
        const decided = outs.filter((o) => o !== null);
        expect(decided.slice(decided.length - n).every((o) => o === 'information')).toBe(true);
        if (n < decided.length) expect(decided[decided.length - n - 1]).not.toBe('information');
      }),
    );
  });
});
