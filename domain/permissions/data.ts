import { hasRoleOver, type Rule, readsInherited, readsSomewhere } from './predicates';

// Reading steering data (plans, goals, indicators, measures, follow-up) of a unit.
export const dataRules = {
  // The unit's own records: a reading role for the unit or a unit above it.
  'data.read': hasRoleOver('administrator', 'controller', 'manager', 'reporter', 'politician', 'auditor', 'viewer'),
  // What a unit works under as well: the records of the units above the reader's own and of
  // the whole organisation (a plan, a goal, a measure their own break down), not a sibling's.
  'data.readInherited': readsInherited,
  // Shared registers (delegation levels, indicator definitions, action plans' totals, the
  // latest month with figures): anyone who reads steering data for some unit.
  'data.readSomewhere': readsSomewhere,
} satisfies Record<string, Rule>;
