-- The annual cycle (årshjul): the year's follow-up occasions and planning milestones. A
-- follow-up occasion reports on one month; each has a deadline per level, bottom up.
CREATE TABLE cycle_occasions (
  id         text PRIMARY KEY,
  version    integer NOT NULL DEFAULT 1,
  year       integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  kind       text NOT NULL CHECK (kind IN ('month', 'tertial', 'interim', 'annual', 'budget', 'regionplan', 'verksamhetsplan')),
  period     text CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  title      text NOT NULL,
  created_at timestamptz NOT NULL,
  CHECK ((kind IN ('month', 'tertial', 'interim', 'annual')) = (period IS NOT NULL))
);
CREATE UNIQUE INDEX cycle_occasions_period ON cycle_occasions (period) WHERE period IS NOT NULL;
CREATE INDEX cycle_occasions_year ON cycle_occasions (year);

CREATE TABLE cycle_deadlines (
  occasion_id text NOT NULL REFERENCES cycle_occasions (id) ON DELETE CASCADE,
  level       text NOT NULL,
  due_on      date NOT NULL,
  PRIMARY KEY (occasion_id, level)
);

-- A unit's report for a month: its consolidated analysis and where it stands. No row: nothing
-- saved yet. The trail of submit/return/approve is in the history.
CREATE TABLE followup_submissions (
  unit_id           text NOT NULL REFERENCES org_units (id),
  period            text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  version           integer NOT NULL DEFAULT 1,
  status            text NOT NULL CHECK (status IN ('in_progress', 'submitted', 'returned', 'approved')),
  analysis          text NOT NULL DEFAULT '',
  submitted_at      timestamptz,
  submitted_by      text REFERENCES users (id),
  submitted_by_name text,
  decided_at        timestamptz,
  decided_by_name   text,
  return_comment    text,
  updated_at        timestamptz NOT NULL,
  PRIMARY KEY (unit_id, period)
);
CREATE INDEX followup_submissions_period ON followup_submissions (period);

-- Reminders and other mail. The key names the reminder (occasion, unit, user, before/after),
-- so the same reminder can never be made twice, however often or concurrently they are run.
CREATE TABLE outbox (
  id           text PRIMARY KEY,
  reminder_key text NOT NULL UNIQUE,
  user_id      text REFERENCES users (id),
  to_address   text,
  subject      text NOT NULL,
  body         text NOT NULL,
  created_at   timestamptz NOT NULL,
  sent_at      timestamptz,
  transport    text NOT NULL CHECK (transport IN ('smtp', 'outbox')),
  error        text
);

-- A retried request with the same Idempotency-Key (per user) gets the first answer.
CREATE TABLE idempotency_keys (
  user_id    text NOT NULL,
  key        text NOT NULL,
  scope      text NOT NULL,
  status     integer,
  response   jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, key)
);

-- Board reports. The SBAR text and the proposed decision are written; the figures are built
-- from the data until the report is sent, when the whole content is frozen with its hash.
CREATE TABLE board_reports (
  id                text PRIMARY KEY,
  version           integer NOT NULL DEFAULT 1,
  kind              text NOT NULL CHECK (kind IN ('month', 'tertial', 'interim', 'annual', 'dialogue')),
  title             text NOT NULL,
  unit_id           text NOT NULL REFERENCES org_units (id),
  period            text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  plan_id           text REFERENCES plans (id),
  situation         text NOT NULL DEFAULT '',
  background        text NOT NULL DEFAULT '',
  assessment        text NOT NULL DEFAULT '',
  recommendation    text NOT NULL DEFAULT '',
  proposed_decision text NOT NULL DEFAULT '',
  created_at        timestamptz NOT NULL,
  created_by_name   text NOT NULL,
  updated_at        timestamptz NOT NULL,
  sent_at           timestamptz,
  sent_by_name      text,
  content           jsonb,
  content_hash      text,
  CHECK ((sent_at IS NULL) = (content IS NULL) AND (content IS NULL) = (content_hash IS NULL))
);

-- A sent report is a record of what the board saw: the database refuses to change or remove it.
CREATE FUNCTION board_reports_frozen() RETURNS trigger AS $$
BEGIN
  IF OLD.sent_at IS NOT NULL THEN
    RAISE EXCEPTION 'board report % is sent and frozen', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER board_reports_frozen BEFORE UPDATE OR DELETE ON board_reports
  FOR EACH ROW EXECUTE FUNCTION board_reports_frozen();

-- A body's meetings, their agenda items (ärenden) and what was decided on each.
CREATE TABLE meetings (
  id         text PRIMARY KEY,
  version    integer NOT NULL DEFAULT 1,
  body_id    text NOT NULL REFERENCES bodies (id),
  meets_on   date NOT NULL,
  title      text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX meetings_body ON meetings (body_id, meets_on);

CREATE TABLE agenda_items (
  id          text PRIMARY KEY,
  meeting_id  text NOT NULL REFERENCES meetings (id),
  paragraph   text NOT NULL,
  title       text NOT NULL,
  report_id   text REFERENCES board_reports (id),
  decision_id text REFERENCES decisions (id),
  created_at  timestamptz NOT NULL,
  UNIQUE (meeting_id, paragraph)
);
CREATE UNIQUE INDEX agenda_items_report ON agenda_items (report_id) WHERE report_id IS NOT NULL;
