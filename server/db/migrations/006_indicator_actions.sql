-- A corrective action answers a deviation: of a measure (as before), or of an indicator at a
-- unit. Exactly one of the two.
ALTER TABLE corrective_actions ALTER COLUMN measure_id DROP NOT NULL;
ALTER TABLE corrective_actions ADD COLUMN indicator_id text REFERENCES indicators (id);
ALTER TABLE corrective_actions ADD COLUMN unit_id text REFERENCES org_units (id);
ALTER TABLE corrective_actions ADD CONSTRAINT corrective_actions_subject CHECK (
  (measure_id IS NOT NULL AND indicator_id IS NULL AND unit_id IS NULL)
  OR (measure_id IS NULL AND indicator_id IS NOT NULL AND unit_id IS NOT NULL)
);
CREATE INDEX corrective_actions_indicator ON corrective_actions (indicator_id, unit_id);
