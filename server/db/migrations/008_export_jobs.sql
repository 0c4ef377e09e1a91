-- A board-report export running in the background, and its file once done. Kept in the database
-- so that any server process on it can answer for the job, and a restart does not lose it.
-- No foreign keys: a job is short-lived (swept 15 minutes after it last moved) and a deleted
-- report or user must not be held up by one.
CREATE TABLE export_jobs (
  id            text PRIMARY KEY,
  owner_id      text,
  report_id     text NOT NULL,
  format        text NOT NULL,
  status        text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  progress      double precision NOT NULL DEFAULT 0,
  step          text NOT NULL,
  error         text,
  file          bytea,
  content_type  text,
  file_name     text,
  -- The server process running the job (a random id per process start) and when the job last
  -- moved: a running job of a process that is gone is recognised by these two.
  process_id    text NOT NULL,
  created_at    timestamptz NOT NULL,
  progressed_at timestamptz NOT NULL,
  finished_at   timestamptz
);
CREATE INDEX export_jobs_progressed ON export_jobs (progressed_at);
