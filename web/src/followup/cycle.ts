import { compareSwedish } from '../../../domain/collation';
import { CYCLE_LEVELS, type CycleLevel, type Deadline, isFollowupKind, type Occasion } from './types';

// The annual cycle laid out for reading: each deadline in its month and at its level, and the
// checks an occasion's deadlines must pass before the server is asked.

/** One deadline of an occasion, placed in the calendar. */
export interface CalendarEntry {
  occasion: Occasion;
  level: CycleLevel;
  dueOn: string;
}

/** The months of a year, "2025-01" … "2025-12". */
export const monthsOf = (year: number): string[] =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

const levelIndex = (level: string) => CYCLE_LEVELS.indexOf(level as CycleLevel);

/**
 * The calendar of a year as rows per level (bottom up, only the levels that have a deadline in
 * the year) and, per row, the deadlines of each month in date order. Deadlines outside the
 * year (a December follow-up due in January) are left to the next year's calendar.
 */
export function calendarOf(
  occasions: readonly Occasion[],
  year: number,
): { level: CycleLevel; months: Map<string, CalendarEntry[]> }[] {
  const months = monthsOf(year);
  const byLevel = new Map<CycleLevel, Map<string, CalendarEntry[]>>();
  for (const occasion of occasions)
    for (const d of occasion.deadlines) {
      const month = d.dueOn.slice(0, 7);
      if (!months.includes(month) || levelIndex(d.level) < 0) continue;
      let row = byLevel.get(d.level);
      if (!row) {
        row = new Map(months.map((m) => [m, []]));
        byLevel.set(d.level, row);
      }
      row.get(month)?.push({ occasion, level: d.level, dueOn: d.dueOn });
    }
  for (const row of byLevel.values())
    for (const list of row.values())
      list.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || compareSwedish(a.occasion.title, b.occasion.title));
  return CYCLE_LEVELS.filter((l) => byLevel.has(l)).map((level) => ({
    level,
    months: byLevel.get(level) ?? new Map(),
  }));
}

/** An occasion's earliest deadline, for ordering; null when it has none. */
export const firstDeadline = (o: Pick<Occasion, 'deadlines'>): string | null =>
  o.deadlines.reduce<string | null>((min, d) => (min === null || d.dueOn < min ? d.dueOn : min), null);

/** Deadlines sorted bottom up by level, as the server wants them. */
export const inLevelOrder = (deadlines: readonly Deadline[]): Deadline[] =>
  [...deadlines].sort((a, b) => levelIndex(a.level) - levelIndex(b.level));

/** The form's deadlines: one date text per level, empty where the level has none. */
export type DeadlineDraft = Partial<Record<CycleLevel, string>>;

export const draftOfDeadlines = (deadlines: readonly Deadline[]): DeadlineDraft =>
  Object.fromEntries(deadlines.map((d) => [d.level, d.dueOn]));

export const deadlinesOfDraft = (draft: DeadlineDraft): Deadline[] =>
  CYCLE_LEVELS.flatMap((level) => {
    const dueOn = draft[level]?.trim() ?? '';
    return dueOn ? [{ level, dueOn }] : [];
  });

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type OccasionProblem = 'required' | 'periodRequired' | 'noDeadlines';
export type DeadlineProblem = 'badDate' | 'beforeLower';

export interface OccasionProblems {
  title?: OccasionProblem;
  period?: OccasionProblem;
  deadlines?: OccasionProblem;
  levelProblems: Partial<Record<CycleLevel, DeadlineProblem>>;
}

/**
 * What is wrong with an occasion before it is sent: a title, a month for a follow-up, at least
 * one deadline, real dates, and each level's deadline no earlier than the
 * deadline of a level below it (a unit reports before its division consolidates).
 */
export function occasionProblems(input: {
  year: number;
  kind: string;
  period: string | null;
  title: string;
  deadlines: DeadlineDraft;
  /** Only title and deadlines can change once an occasion exists. */
  editing?: boolean;
}): OccasionProblems {
  const out: OccasionProblems = { levelProblems: {} };
  if (!input.title.trim()) out.title = 'required';
  if (!input.editing && isFollowupKind(input.kind)) {
    if (!input.period || !/^\d{4}-\d{2}$/.test(input.period)) out.period = 'periodRequired';
  }
  let latestBelow: string | null = null;
  let any = false;
  for (const level of CYCLE_LEVELS) {
    const text = input.deadlines[level]?.trim() ?? '';
    if (!text) continue;
    any = true;
    if (!DATE.test(text) || Number.isNaN(Date.parse(`${text}T12:00:00Z`))) {
      out.levelProblems[level] = 'badDate';
      continue;
    }
    if (latestBelow !== null && text < latestBelow) out.levelProblems[level] = 'beforeLower';
    else latestBelow = text;
  }
  if (!any) out.deadlines = 'noDeadlines';
  return out;
}

export const hasProblems = (p: OccasionProblems): boolean =>
  !!(p.title || p.period || p.deadlines || Object.keys(p.levelProblems).length > 0);

/**
 * The field a server's message is about, as the form names it: "deadlines.2.dueOn" is about
 * the third deadline sent, which is a level's date input.
 */
export function levelOfDeadlineField(field: string, sent: readonly Deadline[]): CycleLevel | null {
  const m = /^deadlines\.(\d+)/.exec(field);
  if (!m) return null;
  return sent[Number(m[1])]?.level ?? null;
}
