import type { ListedBody, ListedUnit } from '../app/types';

// Which units and bodies a form offers as owners of a record not yet made (a form's choice of
// owner, a "new" button): those whose `can` from the server allows it, judged by the same rule
// the write checks. A record that exists carries its own `can`, and the web asks that instead.

/** What the caller may do in a unit of the tree (`GET /org-units`'s `can`). */
export type UnitAbility = keyof ListedUnit['can'];
/** What the caller may give a body today (`GET /bodies`'s `can`). */
export type BodyAbility = keyof ListedBody['can'];

/** The units in which the caller may do `ability` (add a goal, an activity, a plan, …). */
export const unitsWhere = <U extends ListedUnit>(units: readonly U[], ability: UnitAbility): U[] =>
  units.filter((u) => u.can[ability]);

/** The bodies to which the caller may give what `ability` names (a plan, a decision, an assignment). */
export const bodiesWhere = <B extends ListedBody>(bodies: readonly B[], ability: BodyAbility): B[] =>
  bodies.filter((b) => b.can[ability]);
