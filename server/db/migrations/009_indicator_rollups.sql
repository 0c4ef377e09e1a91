-- Kept roll-ups of indicator values (see docs/decisions/007-kept-indicator-rollups.md): per
-- indicator, unit, kind and month, the parts every aggregation needs for the unit's whole
-- subtree, written by the same transaction that writes the values, so that a scorecard reads a
-- handful of rows instead of summing every value below the unit.

-- The tree the roll-ups are kept for (today's tree when they were last brought up to date). The
-- write path compares it with today's tree and rebuilds the ancestors of what moved.
CREATE TABLE indicator_rollup_tree (
  unit_id   text PRIMARY KEY,
  parent_id text
);
CREATE INDEX indicator_rollup_tree_parent ON indicator_rollup_tree (parent_id);

-- A fingerprint of that tree, so that a reader tells in one row whether today's tree (after a
-- reorganisation dated today, with no write since) is still the one the roll-ups follow.
CREATE TABLE indicator_rollup_state (
  id        boolean PRIMARY KEY DEFAULT true CHECK (id),
  tree_hash text NOT NULL
);

-- No foreign keys: rows are derived, rebuilt and verified against indicator_values.
CREATE TABLE indicator_rollups (
  indicator_id text NOT NULL,
  unit_id      text NOT NULL,
  kind         text NOT NULL,
  period       text NOT NULL,
  -- Σ value and the number of values (= units that reported) over the subtree.
  total        numeric NOT NULL DEFAULT 0,
  n            integer NOT NULL DEFAULT 0,
  -- The unit's own value, for indicators that do not aggregate.
  own_value    numeric,
  -- For a weighted indicator: Σ value × weight, Σ weight and how many values had a weight; the
  -- weight is the weight indicator's outcome of the same unit and month.
  weighted     numeric NOT NULL DEFAULT 0,
  weight       numeric NOT NULL DEFAULT 0,
  weighted_n   integer NOT NULL DEFAULT 0,
  -- For a "latest value" indicator: the newest value in the subtree and when it was entered.
  latest_value numeric,
  latest_at    timestamptz,
  PRIMARY KEY (indicator_id, unit_id, kind, period)
);
