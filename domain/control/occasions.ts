import { DEADLINE_LEVELS, type Deadline, type DeadlineLevel } from '../followup/cycle';
import { type ControlFrequency, occasionEnd, occasionsOf } from './rules';

/**
 * What an internal-control occasion of the årshjul asks for (issue 14). The occasion carries only
 * a title, so its step is read from the title's words: "bedömning" is the yearly assessment,
 * "riskanalys" the risk analysis, "beslut … plan" the plan decision, and anything else a control
 * period whose results are reported by its deadlines.
 */
export const CONTROL_STEPS = ['risk_analysis', 'plan', 'results', 'assessment'] as const;
export type ControlStep = (typeof CONTROL_STEPS)[number];

export function controlStepOf(title: string): ControlStep {
  const t = title.toLocaleLowerCase('sv');
  if (t.includes('bedömning')) return 'assessment';
  if (t.includes('riskanalys')) return 'risk_analysis';
  if (t.includes('beslut') && t.includes('plan')) return 'plan';
  return 'results';
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
