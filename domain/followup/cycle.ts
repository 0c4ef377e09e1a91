import type { IsoDate } from '../dates';
import type { UnitLevel } from '../org';

/** What an occasion of the annual cycle is: a follow-up of a month, or a planning milestone. */
export const FOLLOWUP_KINDS = ['month', 'tertial', 'interim', 'annual'] as const;
export const MILESTONE_KINDS = ['budget', 'regionplan', 'verksamhetsplan', 'internal_control'] as const;
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
  internal_control: 'Intern kontroll',
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
  'revisorer',
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
  revisorer: 'Revisorer',
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

/**
 * The steps after the units for the interim and the annual report: the styrelse approves, the
 * auditors assess (revisorernas bedömning; for the annual report the revisionsberättelse), and
 * fullmäktige treats the report — for the annual report approving it and deciding on discharge
 * from liability (ansvarsprövning).
 */
export const STATUTORY_STEPS: Partial<Record<OccasionKind, Partial<Record<DeadlineLevel, string>>>> = {
  interim: {
    styrelse: 'Regionstyrelsen godkänner delårsrapporten',
    revisorer: 'Revisorernas bedömning av delårsrapporten',
    fullmaktige: 'Fullmäktige behandlar delårsrapporten',
  },
  annual: {
    styrelse: 'Regionstyrelsen godkänner årsredovisningen',
    revisorer: 'Revisionsberättelsen',
    fullmaktige: 'Fullmäktige godkänner årsredovisningen och prövar ansvarsfrihet (ansvarsprövning)',
  },
};

/** What each statutory step of an occasion is, in Swedish, in level order; empty for other kinds. */
export const statutorySteps = (kind: OccasionKind): { level: DeadlineLevel; label: string }[] =>
  DEADLINE_LEVELS.flatMap((level) => {
    const label = STATUTORY_STEPS[kind]?.[level];
    return label ? [{ level, label }] : [];
  });

/** The last day fullmäktige may approve the annual report and decide on discharge: June the year after. */
export const annualCouncilLatest = (period: string): IsoDate => `${Number(period.slice(0, 4)) + 1}-06-30`;

const monthDay = (period: string, monthsAfter: number, day: number): IsoDate => {
  const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 + monthsAfter;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

/**
 * The occasion's deadlines with every missing statutory step added at a sensible default:
 * a delårsrapport goes to the styrelse mid the second month after it (per juli: 15 September),
 * to the auditors two weeks later and to fullmäktige six weeks after the styrelse; the
 * årsredovisning goes to the styrelse in March, to the auditors three weeks later and to
 * fullmäktige at the end of April. A given step is kept; a default never falls before a given one.
 */
export function withStatutorySteps(
  kind: OccasionKind,
  period: string | null,
  deadlines: readonly Deadline[],
): Deadline[] {
  if (period === null || (kind !== 'interim' && kind !== 'annual')) return [...deadlines];
  const given = (level: DeadlineLevel) => deadlines.find((d) => d.level === level)?.dueOn;
  const latestBelow = deadlines
    .map((d) => d.dueOn)
    .sort()
    .at(-1);
  const atLeast = (d: IsoDate, floor: IsoDate | undefined) => (floor && floor > d ? floor : d);
  const styrelse =
    given('styrelse') ?? atLeast(kind === 'interim' ? monthDay(period, 2, 15) : monthDay(period, 3, 15), latestBelow);
  const council = given('fullmaktige');
  const revisorer =
    given('revisorer') ??
    (council && council <= addDays(styrelse, kind === 'interim' ? 14 : 21)
      ? addDays(styrelse, Math.floor(daysBetween(styrelse, council) / 2))
      : addDays(styrelse, kind === 'interim' ? 14 : 21));
  const fullmaktige =
    council ?? atLeast(kind === 'interim' ? addDays(styrelse, 42) : monthDay(period, 4, 28), addDays(revisorer, 7));
  const added: Deadline[] = [
    { level: 'styrelse', dueOn: styrelse },
    { level: 'revisorer', dueOn: revisorer },
    { level: 'fullmaktige', dueOn: fullmaktige },
  ].filter((d) => !given(d.level as DeadlineLevel)) as Deadline[];
  // Appended, so that an error names the given deadlines by the index they were sent with.
  return [...deadlines, ...added];
}
