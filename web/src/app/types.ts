// Hand-written mirrors of the API's response shapes, kept to what the UI reads.
// To be replaced by a client typed from the server's OpenAPI document.

export const LEVELS = ['region', 'forvaltning', 'division', 'omrade', 'verksamhet', 'enhet'] as const;
export type Level = (typeof LEVELS)[number];

export const BODY_KINDS = ['fullmaktige', 'styrelse', 'namnd', 'utskott', 'beredning'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export const ROLES = ['administrator', 'controller', 'manager', 'reporter', 'politician', 'auditor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

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
