-- An internal-control occasion of the årshjul says which step of the internal control it is
-- (issue 14): risk analysis, the plan decision, reporting of control results or the yearly
-- assessment. The step used to be guessed from the title's words, and a title written another
-- way ("Uppföljning av kontroller") made the reminders ask the wrong people for the wrong thing.
ALTER TABLE cycle_occasions ADD COLUMN control_step text
  CONSTRAINT cycle_occasions_control_step_known CHECK (control_step IN ('risk_analysis', 'plan', 'results', 'assessment'));

-- The rows made before the step was kept get it by the rule that guessed it until now. lower()
-- under the C collation leaves Å, Ä and Ö as they are, so they are lowered by hand first.
UPDATE cycle_occasions SET control_step = CASE
    WHEN lower(translate(title, 'ÅÄÖ', 'åäö')) LIKE '%bedömning%' THEN 'assessment'
    WHEN lower(title) LIKE '%riskanalys%' THEN 'risk_analysis'
    WHEN lower(title) LIKE '%beslut%' AND lower(title) LIKE '%plan%' THEN 'plan'
    ELSE 'results'
  END
  WHERE kind = 'internal_control';

-- Exactly the internal-control occasions have a step.
ALTER TABLE cycle_occasions ADD CONSTRAINT cycle_occasions_control_step_kind
  CHECK ((kind = 'internal_control') = (control_step IS NOT NULL));
