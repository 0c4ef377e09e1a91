-- Platform: organisation tree with validity, political bodies, accounts, roles, sessions,
-- login attempts and the history of every write.

CREATE TABLE users (
  id            text PRIMARY KEY,
  version       integer NOT NULL DEFAULT 1,
  username      text NOT NULL UNIQUE CHECK (username = lower(username)),
  display_name  text NOT NULL,
  email         text,
  password_hash text,
  disabled      boolean NOT NULL DEFAULT false,
  is_demo       boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);

-- A unit's identity; what it is called, where it sits and who leads it lives in its states.
CREATE TABLE org_units (
  id         text PRIMARY KEY,
  version    integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL
);

-- One row per stretch of time in which a unit looked one way: a reorganisation closes the
-- current state and opens a new one, so the tree as it was on any day can be shown.
CREATE TABLE org_unit_states (
  id              bigserial PRIMARY KEY,
  unit_id         text NOT NULL REFERENCES org_units (id),
  valid_from      date NOT NULL,
  valid_to        date,
  parent_id       text REFERENCES org_units (id),
  name            text NOT NULL,
  level           text NOT NULL,
  code            text,
  manager_name    text,
  manager_user_id text REFERENCES users (id),
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX org_unit_states_unit ON org_unit_states (unit_id, valid_from);
CREATE INDEX org_unit_states_open ON org_unit_states (valid_from, valid_to);

CREATE TABLE bodies (
  id             text PRIMARY KEY,
  version        integer NOT NULL DEFAULT 1,
  name           text NOT NULL,
  kind           text NOT NULL,
  parent_body_id text REFERENCES bodies (id),
  valid_from     date NOT NULL,
  valid_to       date,
  created_at     timestamptz NOT NULL
);

-- Which units a body governs (a nämnd governs its förvaltning).
CREATE TABLE body_units (
  body_id text NOT NULL REFERENCES bodies (id),
  unit_id text NOT NULL REFERENCES org_units (id),
  PRIMARY KEY (body_id, unit_id)
);

CREATE TABLE role_assignments (
  id         text PRIMARY KEY,
  user_id    text NOT NULL REFERENCES users (id),
  role       text NOT NULL,
  unit_id    text NOT NULL REFERENCES org_units (id),
  created_at timestamptz NOT NULL,
  UNIQUE (user_id, role, unit_id)
);
CREATE INDEX role_assignments_user ON role_assignments (user_id);

-- Server-side sessions; the id is a hash of the cookie token, so a database dump opens none.
CREATE TABLE sessions (
  id           text PRIMARY KEY,
  user_id      text NOT NULL REFERENCES users (id),
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  ended_at     timestamptz,
  ended_reason text
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_attempts (
  id       bigserial PRIMARY KEY,
  at       timestamptz NOT NULL,
  username text NOT NULL,
  ip       text NOT NULL,
  success  boolean NOT NULL
);
CREATE INDEX login_attempts_username ON login_attempts (username, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

-- Every write, with the actor copied in and no foreign keys a deletion could take away.
CREATE TABLE history (
  id         bigserial PRIMARY KEY,
  at         timestamptz NOT NULL,
  actor_id   text,
  actor_name text NOT NULL,
  kind       text NOT NULL,
  entity     text NOT NULL,
  entity_id  text NOT NULL,
  unit_id    text,
  before     jsonb,
  after      jsonb
);
CREATE INDEX history_entity ON history (entity, entity_id, id);
