-- Internal control (intern kontroll, issue 14 part B, decision 019): each nämnd's yearly
-- internkontrollplan of control points chosen from its risk register, the results per point and
-- occasion, the actions a deviation needs, and the nämnd's yearly assessment (KL 6:6).

-- A body's plan for a year. Decided only through a registered decision of the competent body
-- (plan.internkontrollplan); once decided its points are frozen, and results may be entered.
CREATE TABLE control_plans (
  id          text PRIMARY KEY,
  version     integer NOT NULL DEFAULT 1,
  body_id     text NOT NULL REFERENCES bodies (id),
  year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  status      text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'decided')),
  decision_id text REFERENCES decisions (id),
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  UNIQUE (body_id, year),
  CHECK ((status = 'decided') = (decision_id IS NOT NULL))
);

-- A control point (kontrollmoment). A region-wide point is one the styrelse requires of every
-- nämnd: the styrelse's own point is the source, and each nämnd's plan holds a copy naming it.
CREATE TABLE control_points (
  id               text PRIMARY KEY,
  version          integer NOT NULL DEFAULT 1,
  plan_id          text NOT NULL REFERENCES control_plans (id),
  risk_id          text REFERENCES risks (id),
  region_wide      boolean NOT NULL DEFAULT false,
  source_point_id  text REFERENCES control_points (id),
  -- The unit whose work is checked, for the roll-up by unit; null: the body's whole area.
  unit_id          text REFERENCES org_units (id),
  what             text NOT NULL,
  method           text NOT NULL DEFAULT '',
  frequency        text NOT NULL CHECK (frequency IN ('monthly', 'tertial', 'half_year', 'yearly', 'once')),
  checker_user_id  text REFERENCES users (id),
  recipient        text NOT NULL DEFAULT '',
  due_on           date,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  UNIQUE (plan_id, source_point_id)
);
CREATE INDEX control_points_plan ON control_points (plan_id);

-- One result per point and occasion (2025-T1, 2025-03, 2025-H1, 2025).
CREATE TABLE control_results (
  id           text PRIMARY KEY,
  version      integer NOT NULL DEFAULT 1,
  point_id     text NOT NULL REFERENCES control_points (id),
  occasion     text NOT NULL CHECK (occasion ~ '^[0-9]{4}(-(0[1-9]|1[0-2]|T[1-3]|H[1-2]))?$'),
  done         boolean NOT NULL,
  deviation    boolean NOT NULL DEFAULT false,
  serious      boolean NOT NULL DEFAULT false,
  sample_size  integer CHECK (sample_size >= 0),
  findings     text NOT NULL DEFAULT '',
  evidence     text NOT NULL DEFAULT '',
  recorded_by  text REFERENCES users (id),
  recorded_at  timestamptz NOT NULL,
  UNIQUE (point_id, occasion),
  CHECK (done OR NOT deviation),
  CHECK (deviation OR NOT serious)
);

-- The action (åtgärd) a deviation needs.
CREATE TABLE control_actions (
  id             text PRIMARY KEY,
  version        integer NOT NULL DEFAULT 1,
  result_id      text NOT NULL REFERENCES control_results (id),
  what           text NOT NULL,
  owner_user_id  text REFERENCES users (id),
  due_on         date NOT NULL,
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  done_at        timestamptz,
  created_at     timestamptz NOT NULL,
  CHECK ((status = 'done') = (done_at IS NOT NULL))
);
CREATE INDEX control_actions_result ON control_actions (result_id);

-- The body's own judgement of its internal control for a year.
CREATE TABLE control_assessments (
  id           text PRIMARY KEY,
  version      integer NOT NULL DEFAULT 1,
  body_id      text NOT NULL REFERENCES bodies (id),
  year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  judgement    text NOT NULL CHECK (judgement IN ('sufficient', 'partly', 'insufficient')),
  reasons      text NOT NULL DEFAULT '',
  decision_id  text REFERENCES decisions (id),
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  UNIQUE (body_id, year)
);

-- The årshjul gains the internal-control milestones (risk analysis, plan decision, control
-- periods, result reporting, the yearly assessment): one more planning kind, with no month.
ALTER TABLE cycle_occasions DROP CONSTRAINT cycle_occasions_kind_check;
ALTER TABLE cycle_occasions ADD CONSTRAINT cycle_occasions_kind_check
  CHECK (kind IN ('month', 'tertial', 'interim', 'annual', 'budget', 'regionplan', 'verksamhetsplan', 'internal_control'));
