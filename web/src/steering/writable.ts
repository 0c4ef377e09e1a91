import type { OrgIndex } from '../../../domain/org';
import type { Action } from '../../../domain/permissions';
import { bodyScope } from '../../../domain/scopes';
import type { Body, Me, OrgUnit } from '../app/types';
import { may } from './access';

// Which units and bodies a user may write steering records for, so a form offers only
// owners the server will accept. The server still decides, and a refusal is still shown.

/** The unit a body's records belong to for permissions: domain/scopes `bodyScope`, as the server reckons it. */
export function bodyScopeOf(bodyId: string, bodies: readonly Body[], tree: OrgIndex): string | null {
  const byId = new Map(bodies.map((b) => [b.id, b]));
  return bodyScope(bodyId, (id) => byId.get(id), tree);
}

/** Whether a body exists on `day` (YYYY-MM-DD): records are not given to a body that is gone. */
const bodyValidOn = (b: Body, day: string) => b.validFrom <= day && (b.validTo === null || b.validTo >= day);

// These answer for records not yet made (a form's choice of owner, a "new" button); a record
// that exists carries its own `can` from the server, and the web asks that instead.

/** The bodies in office on `day` for whose scope the user may do `action` (plans, decisions, assignments, meetings). */
export function writableBodies(
  me: Me | null | undefined,
  bodies: readonly Body[],
  tree: OrgIndex,
  day: string,
  action: Action,
) {
  return bodies.filter((b) => bodyValidOn(b, day) && may(me, action, bodyScopeOf(b.id, bodies, tree), tree));
}

/** The units for which the user may do `action` (create a goal, an activity, a report, …). */
export function writableUnits(
  me: Me | null | undefined,
  units: readonly OrgUnit[],
  tree: OrgIndex,
  action: Action,
): OrgUnit[] {
  return units.filter((u) => may(me, action, u.id, tree));
}

/** Indicator definitions are the whole organisation's: only a controller at the top defines them. */
export const mayDefineIndicators = (me: Me | null | undefined, tree: OrgIndex) =>
  may(me, 'indicator.define', null, tree);
