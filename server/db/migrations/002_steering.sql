-- The steering chain: decisions, plans and their versions, goals with versioned wording,
-- assignments, indicators with targets and values, activities and the managers' analyses.
-- Every record that a permission is judged on carries the unit it belongs to (scope_unit_id
-- for records owned by a body: the unit that body governs).

-- The decisions register: beslut, uppdrag and informationsärenden.
CREATE TABLE decisions (
  id            text PRIMARY KEY,
  version       integer NOT NULL DEFAULT 1,
  kind          text NOT NULL CHECK (kind IN ('beslut', 'uppdrag', 'information')),
  body_id       text REFERENCES bodies (id),
  official_name text,
  scope_unit_id text REFERENCES org_units (id),
  decided_on    date NOT NULL,
  paragraph     text,
  diarienummer  text,
  title         text NOT NULL,
  text          text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL,
  CHECK (body_id IS NOT NULL OR official_name IS NOT NULL)
);
CREATE INDEX decisions_day ON decisions (decided_on);

-- What a decision concerns.
CREATE TABLE decision_links (
  decision_id text NOT NULL REFERENCES decisions (id),
  entity      text NOT NULL CHECK (entity IN ('plan', 'goal', 'assignment', 'indicator', 'activity')),
  entity_id   text NOT NULL,
  PRIMARY KEY (decision_id, entity, entity_id)
);
CREATE INDEX decision_links_entity ON decision_links (entity, entity_id);

-- A plan's identity; what it says and whether it is decided lives in its versions.
CREATE TABLE plans (
  id             text PRIMARY KEY,
  version        integer NOT NULL DEFAULT 1,
  kind           text NOT NULL,
  owner_body_id  text REFERENCES bodies (id),
  owner_unit_id  text REFERENCES org_units (id),
  scope_unit_id  text REFERENCES org_units (id),
  parent_plan_id text REFERENCES plans (id),
  created_at     timestamptz NOT NULL,
  CHECK (owner_body_id IS NOT NULL OR owner_unit_id IS NOT NULL)
);

-- A decided version is never changed: a change makes a new draft version, and deciding that
-- one supersedes the version before it.
CREATE TABLE plan_versions (
  plan_id     text NOT NULL REFERENCES plans (id),
  seq         integer NOT NULL,
  title       text NOT NULL,
  description text NOT NULL DEFAULT '',
  start_year  integer NOT NULL,
  end_year    integer NOT NULL,
  status      text NOT NULL CHECK (status IN ('draft', 'decided', 'superseded')),
  decision_id text REFERENCES decisions (id),
  decided_at  timestamptz,
  created_at  timestamptz NOT NULL,
  created_by  text NOT NULL,
  PRIMARY KEY (plan_id, seq),
  CHECK (end_year >= start_year),
  CHECK (status = 'draft' OR decision_id IS NOT NULL)
);

CREATE TABLE goals (
  id            text PRIMARY KEY,
  version       integer NOT NULL DEFAULT 1,
  plan_id       text NOT NULL REFERENCES plans (id),
  perspective   text NOT NULL CHECK (perspective IN ('medborgare', 'medarbetare', 'verksamhet', 'ekonomi')),
  focus_area    text,
  owner_unit_id text NOT NULL REFERENCES org_units (id),
  target_year   integer,
  created_at    timestamptz NOT NULL
);
CREATE INDEX goals_plan ON goals (plan_id);
CREATE INDEX goals_owner ON goals (owner_unit_id);

-- Every wording a goal has had. plan_decided says whether the goal's plan was decided when
-- the wording was written: such a wording without a decision is drift.
CREATE TABLE goal_wordings (
  goal_id      text NOT NULL REFERENCES goals (id),
  seq          integer NOT NULL,
  title        text NOT NULL,
  description  text NOT NULL DEFAULT '',
  decision_id  text REFERENCES decisions (id),
  plan_decided boolean NOT NULL,
  created_at   timestamptz NOT NULL,
  created_by   text NOT NULL,
  PRIMARY KEY (goal_id, seq)
);

-- The goals a goal serves: its parent in the break-down, and cross-cutting links.
CREATE TABLE goal_links (
  goal_id        text NOT NULL REFERENCES goals (id),
  parent_goal_id text NOT NULL REFERENCES goals (id),
  PRIMARY KEY (goal_id, parent_goal_id),
  CHECK (goal_id <> parent_goal_id)
);
CREATE INDEX goal_links_parent ON goal_links (parent_goal_id);

CREATE TABLE assignments (
  id               text PRIMARY KEY,
  version          integer NOT NULL DEFAULT 1,
  title            text NOT NULL,
  description      text NOT NULL DEFAULT '',
  body_id          text NOT NULL REFERENCES bodies (id),
  decision_id      text REFERENCES decisions (id),
  assignee_unit_id text REFERENCES org_units (id),
  assignee_name    text,
  scope_unit_id    text REFERENCES org_units (id),
  due_on           date NOT NULL,
  report_back_on   date,
  status           text NOT NULL CHECK (status IN ('not_started', 'ongoing', 'reported', 'closed')),
  reported_on      date,
  created_at       timestamptz NOT NULL,
  CHECK (assignee_unit_id IS NOT NULL OR assignee_name IS NOT NULL)
);

CREATE TABLE indicators (
  id             text PRIMARY KEY,
  version        integer NOT NULL DEFAULT 1,
  code           text UNIQUE,
  name           text NOT NULL,
  description    text NOT NULL DEFAULT '',
  measure_unit   text NOT NULL,
  direction      text NOT NULL CHECK (direction IN ('higher', 'lower')),
  frequency      text NOT NULL CHECK (frequency IN ('month', 'tertial', 'year')),
  aggregation    text NOT NULL CHECK (aggregation IN ('sum', 'ratio', 'weighted', 'latest', 'none')),
  numerator_id   text REFERENCES indicators (id),
  denominator_id text REFERENCES indicators (id),
  weight_id      text REFERENCES indicators (id),
  scale          numeric NOT NULL DEFAULT 1,
  rolling_months integer CHECK (rolling_months IS NULL OR rolling_months BETWEEN 2 AND 36),
  source         text NOT NULL CHECK (source IN ('entered', 'formula', 'imported')),
  created_at     timestamptz NOT NULL,
  CHECK (aggregation <> 'ratio' OR (numerator_id IS NOT NULL AND denominator_id IS NOT NULL)),
  CHECK (aggregation <> 'weighted' OR weight_id IS NOT NULL)
);

CREATE TABLE indicator_goals (
  indicator_id text NOT NULL REFERENCES indicators (id),
  goal_id      text NOT NULL REFERENCES goals (id),
  PRIMARY KEY (indicator_id, goal_id)
);
CREATE INDEX indicator_goals_goal ON indicator_goals (goal_id);

-- A target for a unit and a year (YYYY) or a month (YYYY-MM); a unit without one of its own
-- follows the nearest unit above it. Tolerance: how far on the wrong side is still yellow.
CREATE TABLE indicator_targets (
  indicator_id text NOT NULL REFERENCES indicators (id),
  unit_id      text NOT NULL REFERENCES org_units (id),
  period       text NOT NULL CHECK (period ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'),
  target       numeric NOT NULL,
  tolerance    numeric NOT NULL DEFAULT 0 CHECK (tolerance >= 0),
  PRIMARY KEY (indicator_id, unit_id, period)
);

-- Outcomes and forecasts, per indicator, unit and month. Parents' values of aggregated
-- indicators are computed from these, never stored.
CREATE TABLE indicator_values (
  indicator_id    text NOT NULL REFERENCES indicators (id),
  unit_id         text NOT NULL REFERENCES org_units (id),
  period          text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  kind            text NOT NULL CHECK (kind IN ('outcome', 'forecast')),
  value           numeric NOT NULL,
  comment         text NOT NULL DEFAULT '',
  entered_by      text,
  entered_by_name text NOT NULL,
  entered_at      timestamptz NOT NULL,
  PRIMARY KEY (indicator_id, kind, period, unit_id)
);
CREATE INDEX indicator_values_unit ON indicator_values (unit_id, indicator_id);

CREATE TABLE activities (
  id               text PRIMARY KEY,
  version          integer NOT NULL DEFAULT 1,
  title            text NOT NULL,
  description      text NOT NULL DEFAULT '',
  owner_unit_id    text NOT NULL REFERENCES org_units (id),
  responsible_name text NOT NULL,
  start_on         date NOT NULL,
  end_on           date NOT NULL,
  status           text NOT NULL CHECK (status IN ('not_started', 'ongoing', 'done', 'delayed', 'stopped')),
  progress         integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  created_at       timestamptz NOT NULL,
  CHECK (end_on >= start_on)
);
CREATE INDEX activities_owner ON activities (owner_unit_id);

CREATE TABLE activity_goals (
  activity_id text NOT NULL REFERENCES activities (id),
  goal_id     text NOT NULL REFERENCES goals (id),
  PRIMARY KEY (activity_id, goal_id)
);
CREATE INDEX activity_goals_goal ON activity_goals (goal_id);

-- Status, progress and a comment per activity and month.
CREATE TABLE activity_updates (
  activity_id     text NOT NULL REFERENCES activities (id),
  period          text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  status          text NOT NULL,
  progress        integer NOT NULL CHECK (progress BETWEEN 0 AND 100),
  comment         text NOT NULL DEFAULT '',
  entered_by_name text NOT NULL,
  entered_at      timestamptz NOT NULL,
  PRIMARY KEY (activity_id, period)
);

-- The manager's analysis of a goal for a unit and a month.
CREATE TABLE goal_analyses (
  goal_id         text NOT NULL REFERENCES goals (id),
  unit_id         text NOT NULL REFERENCES org_units (id),
  period          text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  version         integer NOT NULL DEFAULT 1,
  text            text NOT NULL,
  entered_by_name text NOT NULL,
  entered_at      timestamptz NOT NULL,
  PRIMARY KEY (goal_id, unit_id, period)
);
