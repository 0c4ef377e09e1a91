import type { ColumnType, Generated } from 'kysely';

/** Dates come back as `YYYY-MM-DD` strings from both databases (parsers set in connection.ts). */
type DateCol = string;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface UsersTable {
  id: string;
  version: Generated<number>;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string | null;
  disabled: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrgUnitsTable {
  id: string;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface OrgUnitStatesTable {
  id: Generated<string>;
  unit_id: string;
  valid_from: DateCol;
  valid_to: DateCol | null;
  parent_id: string | null;
  name: string;
  level: string;
  code: string | null;
  manager_name: string | null;
  manager_user_id: string | null;
}

export interface BodiesTable {
  id: string;
  version: Generated<number>;
  name: string;
  kind: string;
  parent_body_id: string | null;
  valid_from: DateCol;
  valid_to: DateCol | null;
  created_at: Timestamp;
}

export interface BodyUnitsTable {
  body_id: string;
  unit_id: string;
}

export interface RoleAssignmentsTable {
  id: string;
  user_id: string;
  role: string;
  unit_id: string;
  created_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
  ended_reason: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<string>;
  at: Timestamp;
  username: string;
  ip: string;
  success: boolean;
}

export interface HistoryTable {
  id: Generated<string>;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  kind: string;
  entity: string;
  entity_id: string;
  unit_id: string | null;
  before: unknown;
  after: unknown;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Timestamp;
}

export interface DB {
  users: UsersTable;
  org_units: OrgUnitsTable;
  org_unit_states: OrgUnitStatesTable;
  bodies: BodiesTable;
  body_units: BodyUnitsTable;
  role_assignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  history: HistoryTable;
  schema_migrations: SchemaMigrationsTable;
}
