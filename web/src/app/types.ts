// The API's response shapes, taken from the contract generated from the server's zod schemas
// (api-schema.ts, `npm run contract`), never written out by hand.

import type { Answer, Schema } from './client';

// The closed lists are the domain's own, so the UI cannot offer a level, kind or role the
// server does not know.
export { BODY_KINDS, type BodyKind, UNIT_LEVELS as LEVELS, type UnitLevel as Level } from '../../../domain/org';
export { ROLES, type Role } from '../../../domain/permissions/roles';

export type Me = Schema<'Me'>;
export type OrgUnit = Schema<'OrgUnit'>;
export type OrgUnitList = Answer<'/org-units', 'get'>;
export type OrgUnitDetail = Schema<'OrgUnitDetail'>;
export type UnitState = OrgUnitDetail['states'][number];
export type Body = Schema<'Body'>;
/** A unit of the tree with what the caller may do in it; a body with what the caller may give it. */
export type ListedUnit = Schema<'ListedOrgUnit'>;
export type ListedBody = Schema<'ListedBody'>;
export type User = Schema<'User'>;
export type HistoryEntry = Schema<'HistoryEntry'>;

/** A history entry's recorded state as fields; a recorded list (an ordered whole) has none by name. */
export function recordedFields(state: HistoryEntry['before']): Record<string, unknown> {
  return state === null || Array.isArray(state) ? {} : state;
}
