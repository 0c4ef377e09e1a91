-- Risk registers (riskregister), the region's risk matrix and the assessment history (issue 14,
-- decision 019). Internal control (internkontrollplan) and the measures' risk- och
-- konsekvensanalys build on these tables.

-- The region's risk scale: how many steps each axis has, the words for each step, and the
-- value thresholds giving the colour levels. One row, as a database holds one region; it is
-- data, not code, so a region with a 1–5 scale configures it rather than forks the product.
-- Every step list holds 2–7 words; the thresholds are the lowest value (probability ×
-- consequence) of each level above 'low' and increase strictly (domain/risk/matrix.ts).
CREATE TABLE risk_scales (
  id                   integer PRIMARY KEY CHECK (id = 1),
  version              integer NOT NULL DEFAULT 1,
  probability_steps    jsonb NOT NULL,
  consequence_steps    jsonb NOT NULL,
  medium_from          integer NOT NULL,
  high_from            integer NOT NULL,
  very_high_from       integer NOT NULL,
  updated_at           timestamptz NOT NULL,
  CHECK (jsonb_typeof(probability_steps) = 'array' AND jsonb_array_length(probability_steps) BETWEEN 2 AND 7),
  CHECK (jsonb_typeof(consequence_steps) = 'array' AND jsonb_array_length(consequence_steps) BETWEEN 2 AND 7),
  CHECK (1 < medium_from AND medium_from < high_from AND high_from < very_high_from)
);
INSERT INTO risk_scales (id, version, probability_steps, consequence_steps, medium_from, high_from, very_high_from, updated_at)
VALUES (
  1, 1,
  '["Osannolik", "Mindre sannolik", "Möjlig", "Sannolik"]',
  '["Försumbar", "Lindrig", "Kännbar", "Allvarlig"]',
  4, 8, 12, now()
);

-- A risk in the register of a body (nämnd, styrelse) or of a unit — exactly one of the two.
-- Its current probability, consequence, value and level are those of its latest assessment.
CREATE TABLE risks (
  id                text PRIMARY KEY,
  version           integer NOT NULL DEFAULT 1,
  body_id           text REFERENCES bodies (id),
  unit_id           text REFERENCES org_units (id),
  title             text NOT NULL,
  description       text NOT NULL DEFAULT '',
  cause             text NOT NULL DEFAULT '',
  consequence       text NOT NULL DEFAULT '',
  -- The process the risk threatens, as the region names it (processes are not records yet).
  process           text NOT NULL DEFAULT '',
  owner_user_id     text REFERENCES users (id),
  existing_controls text NOT NULL DEFAULT '',
  planned_actions   text NOT NULL DEFAULT '',
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  CHECK ((body_id IS NULL) <> (unit_id IS NULL))
);
CREATE INDEX risks_body ON risks (body_id) WHERE body_id IS NOT NULL;
CREATE INDEX risks_unit ON risks (unit_id) WHERE unit_id IS NOT NULL;

-- What a risk threatens: a goal, a measure (åtgärd) or an indicator. No foreign key, as the
-- target is one of three tables; the risk capability checks the target exists and is readable.
CREATE TABLE risk_links (
  risk_id     text NOT NULL REFERENCES risks (id),
  target_kind text NOT NULL CHECK (target_kind IN ('goal', 'measure', 'indicator')),
  target_id   text NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (risk_id, target_kind, target_id)
);
CREATE INDEX risk_links_target ON risk_links (target_kind, target_id);

-- Append-only: each assessment is a new row, never updated or deleted, so a risk's value as it
-- was at each assessment stays readable. Value and level are kept as computed on the scale in
-- force then; a later change of the scale does not recolour the past.
CREATE TABLE risk_assessments (
  id           text PRIMARY KEY,
  risk_id      text NOT NULL REFERENCES risks (id),
  assessed_at  date NOT NULL,
  probability  integer NOT NULL CHECK (probability BETWEEN 1 AND 7),
  consequence  integer NOT NULL CHECK (consequence BETWEEN 1 AND 7),
  value        integer NOT NULL CHECK (value = probability * consequence),
  level        text NOT NULL CHECK (level IN ('low', 'medium', 'high', 'very_high')),
  assessed_by  text REFERENCES users (id),
  comment      text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL
);
-- The latest assessment of a risk: the last day, and among one day's the last recorded.
CREATE INDEX risk_assessments_latest ON risk_assessments (risk_id, assessed_at DESC, created_at DESC);

-- The database itself keeps the history append-only, whichever path a write takes.
CREATE FUNCTION refuse_risk_assessment_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'risk_assessments is append-only';
END;
$$;
CREATE TRIGGER risk_assessments_append_only BEFORE UPDATE OR DELETE ON risk_assessments
  FOR EACH ROW EXECUTE FUNCTION refuse_risk_assessment_change();
