// Hand-written mirrors of the API's response shapes, kept to what the UI reads.
// To be replaced by a client typed from the server's OpenAPI document.

// The closed lists are the domain's own, so the UI cannot offer a level, kind or role the
// server does not know.
export { BODY_KINDS, type BodyKind, UNIT_LEVELS as LEVELS, type UnitLevel as Level } from '../../../domain/org';
export { ROLES, type Role } from '../../../domain/permissions/roles';

import type { BodyKind, UnitLevel as Level } from '../../../domain/org';
import type { Role } from '../../../domain/permissions/roles';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: { role: Role; unitId: string }[];
}

export interface OrgUnit {
  id: string;
  version: number;
  parentId: string | null;
  name: string;
  level: Level;
  code: string | null;
  managerName: string | null;
  managerUserId: string | null;
  validFrom: string;
  validTo: string | null;
}

export interface OrgUnitList {
  asOf: string;
  units: OrgUnit[];
}

export interface UnitState {
  stateId: string;
  validFrom: string;
  validTo: string | null;
  parentId: string | null;
  name: string;
  level: Level;
  code: string | null;
  managerName: string | null;
  managerUserId: string | null;
}

export interface OrgUnitDetail {
  unit: OrgUnit;
  path: { id: string; name: string }[];
  children: OrgUnit[];
  bodies: { id: string; name: string; kind: BodyKind }[];
  states: UnitState[];
}

export interface Body {
  id: string;
  version: number;
  name: string;
  kind: BodyKind;
  parentBodyId: string | null;
  validFrom: string;
  validTo: string | null;
  unitIds: string[];
}

export interface User {
  id: string;
  version: number;
  username: string;
  displayName: string;
  email: string | null;
  disabled: boolean;
  roles: { id: string; role: Role; unitId: string }[];
}

export interface HistoryEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  kind: string;
  entity: string;
  entityId: string;
  unitId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
