-- Risk- och konsekvensanalys as a record of its own (issue 14, decision 020): what a measure,
-- a decision or a change does to patients and citizens, to staff (with the union consulted),
-- to the economy and to other units, with the risks found and how each is mitigated.

CREATE TABLE impact_analyses (
  id                   text PRIMARY KEY,
  version              integer NOT NULL DEFAULT 1,
  subject_kind         text NOT NULL CHECK (subject_kind IN ('measure', 'decision', 'change')),
  measure_id           text REFERENCES measures (id),
  decision_id          text REFERENCES decisions (id),
  -- What a change is, in words; a measure or decision is named by its own record.
  subject_title        text NOT NULL DEFAULT '',
  unit_id              text NOT NULL REFERENCES org_units (id),
  title                text NOT NULL,
  analysed_on          date NOT NULL,
  patients             text NOT NULL DEFAULT '',
  staff                text NOT NULL DEFAULT '',
  -- Samverkan / MBL: when the union was consulted and with whom; both or neither.
  union_consulted_on   date,
  union_consulted_with text NOT NULL DEFAULT '',
  economy              text NOT NULL DEFAULT '',
  other_units          text NOT NULL DEFAULT '',
  conclusion           text NOT NULL DEFAULT '',
  status               text NOT NULL CHECK (status IN ('draft', 'done')),
  made_by_name         text NOT NULL,
  completed_at         timestamptz,
  created_at           timestamptz NOT NULL,
  CHECK ((subject_kind = 'measure' AND measure_id IS NOT NULL AND decision_id IS NULL)
      OR (subject_kind = 'decision' AND decision_id IS NOT NULL AND measure_id IS NULL)
      OR (subject_kind = 'change' AND measure_id IS NULL AND decision_id IS NULL AND subject_title <> '')),
  CHECK (status = 'draft' OR completed_at IS NOT NULL)
);
-- One analysis per measure: the one the rule asks for and the flags look at.
CREATE UNIQUE INDEX impact_analyses_measure ON impact_analyses (measure_id) WHERE measure_id IS NOT NULL;
CREATE INDEX impact_analyses_unit ON impact_analyses (unit_id);

-- Kostnadsövervältring: which units bear a cost the subject shifts onto them, and how.
CREATE TABLE impact_analysis_cost_shifts (
  analysis_id text NOT NULL REFERENCES impact_analyses (id),
  seq         integer NOT NULL,
  unit_id     text NOT NULL REFERENCES org_units (id),
  how         text NOT NULL,
  PRIMARY KEY (analysis_id, seq)
);

CREATE TABLE impact_analysis_risks (
  analysis_id text NOT NULL REFERENCES impact_analyses (id),
  seq         integer NOT NULL,
  risk        text NOT NULL,
  mitigation  text NOT NULL DEFAULT '',
  probability integer CHECK (probability BETWEEN 1 AND 4),
  consequence integer CHECK (consequence BETWEEN 1 AND 4),
  PRIMARY KEY (analysis_id, seq)
);

-- A measure that changes a service's scope or quality needs an analysis like ransonering does.
-- risk_analysis_ref stays what it always was: a reference to a document (diarienummer, link);
-- it is not an analysis and does not satisfy the rule.
ALTER TABLE measures ADD COLUMN changes_service boolean NOT NULL DEFAULT false;
