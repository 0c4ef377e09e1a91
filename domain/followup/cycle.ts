import type { IsoDate } from '../dates';
import type { UnitLevel } from '../org';

/** What an occasion of the annual cycle is: a follow-up of a month, or a planning milestone. */
export const FOLLOWUP_KINDS = ['month', 'tertial', 'interim', 'annual'] as const;
export const MILESTONE_KINDS = ['budget', 'regionplan', 'verksamhetsplan'] as const;
export const OCCASION_KINDS = [...FOLLOWUP_KINDS, ...MILESTONE_KINDS] as const;
export type OccasionKind = (typeof OCCASION_KINDS)[number];

export const OCCASION_KIND_LABELS: Record<OccasionKind, string> = {
  month: 'Månadsrapport',
  tertial: 'Tertialrapport',
  interim: 'Delårsrapport',
  annual: 'Årsredovisning',
  budget: 'Budget',
  regionplan: 'Regionplan',
  verksamhetsplan: 'Verksamhetsplaner',
};

export const isFollowupKind = (kind: string): boolean => (FOLLOWUP_KINDS as readonly string[]).includes(kind);

/**
 * The levels a deadline is set for, in the order reports travel: units report first, then each
 * level above consolidates, then the political bodies.
 */
export const DEADLINE_LEVELS = [
  'enhet',
  'verksamhet',
  'omrade',
  'division',
  'forvaltning',
  'region',
  'namnd',
  'styrelse',
  'fullmaktige',
] as const;
export type DeadlineLevel = (typeof DEADLINE_LEVELS)[number];

export const DEADLINE_LEVEL_LABELS: Record<DeadlineLevel, string> = {
  enhet: 'Enhet',
  verksamhet: 'Verksamhet',
  omrade: 'Område',
  division: 'Division',
  forvaltning: 'Förvaltning',
  region: 'Region',
  namnd: 'Nämnd',
  styrelse: 'Styrelse',
  fullmaktige: 'Fullmäktige',
};

export interface Deadline {
  level: DeadlineLevel;
  dueOn: IsoDate;
}

/**
 * Deadlines must follow the order reports travel: a level above may not be due before a level
 * below it. Returns the index of each deadline that breaks the order (empty when all is well).
 */
export function outOfOrder(deadlines: readonly Deadline[]): number[] {
  const rank = (d: Deadline) => DEADLINE_LEVELS.indexOf(d.level);
  const bad: number[] = [];
  deadlines.forEach((d, i) => {
    if (deadlines.some((o) => rank(o) < rank(d) && o.dueOn > d.dueOn)) bad.push(i);
  });
  return bad;
}

/**
 * A unit's deadline: its own level's, or, when that level has none, the nearest level above
 * that has one (a unit is never due before its level would have been).
 */
export function deadlineFor(deadlines: readonly Deadline[], level: UnitLevel): IsoDate | null {
  const start = DEADLINE_LEVELS.indexOf(level);
  for (let i = start; i < DEADLINE_LEVELS.length; i++) {
    const hit = deadlines.find((d) => d.level === DEADLINE_LEVELS[i]);
    if (hit) return hit.dueOn;
  }
  return null;
}

const DAY = 86_400_000;
const dayNumber = (d: IsoDate) =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY;

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number => dayNumber(to) - dayNumber(from);

/** The date `days` after `d` (before it for negative days). */
export function addDays(d: IsoDate, days: number): IsoDate {
  return new Date((dayNumber(d) + days) * DAY).toISOString().slice(0, 10);
}

/** How many days late a report is on `today`: 0 until the day after the deadline. */
export function daysLate(deadline: IsoDate | null, today: IsoDate, submitted: boolean): number {
  if (deadline === null || submitted) return 0;
  return Math.max(0, daysBetween(deadline, today));
}
