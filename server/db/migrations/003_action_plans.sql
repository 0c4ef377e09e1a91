-- Economy in balance: action plans (plans of kind handlingsplan) with savings requirements
-- allocated down the tree, measures broken down to any depth with benefit calculations,
-- forecasts and outcomes per month, the delegation order and corrective actions.
-- Amounts are whole kronor (bigint); a share is a whole percentage.

-- The requirement (sparbeting) a plan puts on a unit for a year: the region's at the top,
-- split over the units below it.
CREATE TABLE action_plan_allocations (
  plan_id   text NOT NULL REFERENCES plans (id),
  unit_id   text NOT NULL REFERENCES org_units (id),
  year      integer NOT NULL,
  amount_kr bigint NOT NULL CHECK (amount_kr >= 0),
  PRIMARY KEY (plan_id, unit_id, year)
);

CREATE TABLE measures (
  id                text PRIMARY KEY,
  version           integer NOT NULL DEFAULT 1,
  plan_id           text NOT NULL REFERENCES plans (id),
  parent_measure_id text REFERENCES measures (id),
  owner_unit_id     text NOT NULL REFERENCES org_units (id),
  responsible_name  text NOT NULL,
  title             text NOT NULL,
  description       text NOT NULL DEFAULT '',
  category          text NOT NULL CHECK (category IN ('effektivisering', 'ransonering', 'kostnadsskillnader', 'generell')),
  feasibility       integer NOT NULL CHECK (feasibility BETWEEN 1 AND 3),
  start_on          date NOT NULL,
  full_effect_on    date NOT NULL,
  status            text NOT NULL CHECK (status IN ('planned', 'ongoing', 'done', 'stopped')),
  risk_analysis_ref text,
  created_at        timestamptz NOT NULL,
  CHECK (full_effect_on >= start_on)
);
CREATE INDEX measures_plan ON measures (plan_id);
CREATE INDEX measures_parent ON measures (parent_measure_id);

-- The benefit calculation (nyttokalkyl): lines of saving and cost per year, each with its
-- assumption and the share expected to be realised. Its totals are the measure's targets.
CREATE TABLE measure_calc_lines (
  measure_id      text NOT NULL REFERENCES measures (id),
  seq             integer NOT NULL,
  year            integer NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('saving', 'cost')),
  description     text NOT NULL,
  assumption      text NOT NULL DEFAULT '',
  amount_kr       bigint NOT NULL CHECK (amount_kr >= 0),
  realisation_pct integer NOT NULL CHECK (realisation_pct BETWEEN 0 AND 100),
  PRIMARY KEY (measure_id, seq)
);

CREATE TABLE measure_goals (
  measure_id text NOT NULL REFERENCES measures (id),
  goal_id    text NOT NULL REFERENCES goals (id),
  PRIMARY KEY (measure_id, goal_id)
);

-- What a unit reported for a measure in a month: the forecast of the year's net effect and the
-- outcome so far. Every report is kept; the newest at or before a month is the one that holds.
CREATE TABLE measure_reports (
  measure_id      text NOT NULL REFERENCES measures (id),
  period          text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  forecast_kr     bigint NOT NULL,
  outcome_kr      bigint,
  comment         text NOT NULL DEFAULT '',
  entered_by_name text NOT NULL,
  entered_at      timestamptz NOT NULL,
  PRIMARY KEY (measure_id, period)
);

-- The delegation order: who may decide up to what amount. A level is an official at a level
-- of the tree (unit_level) or a body; max_amount_kr null means no limit.
CREATE TABLE delegation_levels (
  id            text PRIMARY KEY,
  version       integer NOT NULL DEFAULT 1,
  rank          integer NOT NULL UNIQUE,
  name          text NOT NULL,
  unit_level    text,
  body_kind     text,
  max_amount_kr bigint,
  created_at    timestamptz NOT NULL,
  CHECK (unit_level IS NOT NULL OR body_kind IS NOT NULL)
);

CREATE TABLE corrective_actions (
  id               text PRIMARY KEY,
  version          integer NOT NULL DEFAULT 1,
  measure_id       text NOT NULL REFERENCES measures (id),
  what             text NOT NULL,
  responsible_name text NOT NULL,
  due_on           date NOT NULL,
  amount_kr        bigint NOT NULL DEFAULT 0 CHECK (amount_kr >= 0),
  status           text NOT NULL CHECK (status IN ('proposed', 'decided', 'ongoing', 'done')),
  decision_id      text REFERENCES decisions (id),
  created_at       timestamptz NOT NULL
);
CREATE INDEX corrective_actions_measure ON corrective_actions (measure_id);

-- Decisions may now concern measures and corrective actions too.
ALTER TABLE decision_links DROP CONSTRAINT decision_links_entity_check;
ALTER TABLE decision_links ADD CONSTRAINT decision_links_entity_check
  CHECK (entity IN ('plan', 'goal', 'assignment', 'indicator', 'activity', 'measure', 'corrective_action'));

-- What makes a plan an action plan: the margin beyond which a measure's shortfall is a
-- deviation that needs a corrective action.
CREATE TABLE action_plan_settings (
  plan_id              text PRIMARY KEY REFERENCES plans (id),
  deviation_margin_pct integer NOT NULL DEFAULT 10 CHECK (deviation_margin_pct BETWEEN 0 AND 100)
);
