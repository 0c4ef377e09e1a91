-- A unit's submission of its figures for a month: for an action plan, that every measure the
-- unit and the units below it own has its report for the month.
CREATE TABLE action_plan_submissions (
  plan_id           text NOT NULL REFERENCES plans (id),
  unit_id           text NOT NULL REFERENCES org_units (id),
  period            text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  submitted_at      timestamptz NOT NULL,
  submitted_by_name text NOT NULL,
  PRIMARY KEY (plan_id, unit_id, period)
);
