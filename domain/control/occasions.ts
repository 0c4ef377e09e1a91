import { DEADLINE_LEVELS, type Deadline, type DeadlineLevel, type OccasionKind } from '../followup/cycle';
import { type ControlFrequency, occasionEnd, occasionsOf } from './rules';

/**
 * Which step of the internal control an occasion of the årshjul is (issue 14): the risk analysis,
 * the decision on the internkontrollplan, a control period whose results are reported by its
 * deadlines, or the yearly assessment. The administrator chooses it with the occasion; it is never
 * read from the title, which may be worded any way.
 */
export const CONTROL_STEPS = ['risk_analysis', 'plan', 'results', 'assessment'] as const;
export type ControlStep = (typeof CONTROL_STEPS)[number];

/** Exactly the internal-control occasions carry a step; every other kind has none. */
export const takesControlStep = (kind: OccasionKind): boolean => kind === 'internal_control';

/** Why an occasion's step does not fit its kind, in Swedish; null when it does. */
export function controlStepProblem(kind: OccasionKind, step: ControlStep | null): string | null {
  if (takesControlStep(kind) && step === null) return 'Ange vilket steg i den interna kontrollen tillfället gäller.';
  if (!takesControlStep(kind) && step !== null) return 'Bara ett tillfälle för intern kontroll har ett steg i den.';
  return null;
}

/** The occasions of a point of `frequency` in `year` whose results are due by `deadline`. */
export function occasionsDueBy(frequency: ControlFrequency, year: number, deadline: string): string[] {
  return occasionsOf(frequency, year).filter((o) => occasionEnd(o) <= deadline);
}

/**
 * The deadline of `level` in an occasion: its own, or the nearest level above that has one
 * (as a unit's deadline is found); null when none at or above it has one.
 */
export function deadlineAtOrAbove(deadlines: readonly Deadline[], level: DeadlineLevel): string | null {
  for (let i = DEADLINE_LEVELS.indexOf(level); i < DEADLINE_LEVELS.length; i++) {
    const hit = deadlines.find((d) => d.level === DEADLINE_LEVELS[i]);
    if (hit) return hit.dueOn;
  }
  return null;
}
