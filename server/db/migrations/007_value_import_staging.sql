-- A values import on its way in. Its rows are staged here in short transactions, so that the
-- embedded database's one connection is free for other requests between them, and then applied
-- to indicator_values in one short transaction, which keeps the import all-or-nothing.
-- An import that died half-way leaves its rows here until the next import deletes them.
CREATE TABLE value_imports (
  id         text PRIMARY KEY,
  started_at timestamptz NOT NULL
);
CREATE INDEX value_imports_started ON value_imports (started_at);

-- No foreign keys to indicators or units: the rows are checked before they are staged, and
-- indicator_values enforces its own keys when they are applied.
CREATE TABLE value_import_rows (
  import_id    text NOT NULL REFERENCES value_imports (id) ON DELETE CASCADE,
  ord          integer NOT NULL,
  indicator_id text NOT NULL,
  kind         text NOT NULL,
  period       text NOT NULL,
  unit_id      text NOT NULL,
  value        numeric,
  comment      text NOT NULL,
  PRIMARY KEY (import_id, ord)
);

-- Room on each page of values for a replaced value's new version beside the old one (a HOT
-- update): re-importing a month then writes no index entries, which halves the time the apply
-- holds the embedded database. Pages written from now on get the room; older ones as rewritten.
ALTER TABLE indicator_values SET (fillfactor = 85);
