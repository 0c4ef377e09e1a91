-- The internkontrollrapport (issue 14) is a board report of its own kind: a body's plan,
-- results, actions, assessment and risks for a year, frozen when sent like the others. The
-- column's inline CHECK got PostgreSQL's default name, board_reports_kind_check.
ALTER TABLE board_reports DROP CONSTRAINT board_reports_kind_check;
ALTER TABLE board_reports ADD CONSTRAINT board_reports_kind_check
  CHECK (kind IN ('month', 'tertial', 'interim', 'annual', 'dialogue', 'internal_control'));
