import { describe, expect, it } from 'vitest';
import { OCCASION_KINDS } from '../followup/cycle';
import { CONTROL_STEPS, controlStepProblem, takesControlStep } from './occasions';

describe('the step of an internal-control occasion', () => {
  it('is required of an internal-control occasion, whatever its title', () => {
    expect(controlStepProblem('internal_control', null)).toMatch(/steg i den interna kontrollen/);
    for (const step of CONTROL_STEPS) expect(controlStepProblem('internal_control', step)).toBeNull();
  });

  it('is refused on every other kind of occasion', () => {
    const others = OCCASION_KINDS.filter((k) => k !== 'internal_control');
    expect(others.length).toBeGreaterThan(0);
    for (const kind of others) {
      expect(takesControlStep(kind)).toBe(false);
      expect(controlStepProblem(kind, null)).toBeNull();
      for (const step of CONTROL_STEPS) expect(controlStepProblem(kind, step)).toMatch(/Bara/);
    }
  });
});
