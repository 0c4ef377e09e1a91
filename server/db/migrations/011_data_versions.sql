-- A version per area of data, bumped by the database itself in the transaction of every write
-- to the area's tables, whichever path the write takes (write(), the value import's apply,
-- seeding, a command-line import). Cached answers are used only while the versions they were
-- computed at are still the current ones, so several server processes over one database never
-- serve a figure older than a commit a client has seen. See docs/decisions/011-data-version-caches.md.

CREATE TABLE data_versions (
  area    text PRIMARY KEY,
  version bigint NOT NULL DEFAULT 1
);

INSERT INTO data_versions (area) VALUES ('org'), ('steering'), ('economy'), ('followup'), ('access');

-- Bumps the areas named by the trigger's arguments, each once per transaction: the flag is a
-- transaction-local setting, so a bulk write takes the row lock once and leaves one row version,
-- and a rolled-back savepoint undoes the flag with the bump. Areas are bumped in the order given;
-- every trigger lists them in the same order (see data_version_areas), which keeps two writers
-- of the same two areas from taking the locks in opposite orders within one statement.
CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  a text;
BEGIN
  FOREACH a IN ARRAY TG_ARGV LOOP
    IF coalesce(current_setting('rt_data_version.' || a, true), '') <> 'bumped' THEN
      UPDATE data_versions SET version = version + 1 WHERE area = a;
      PERFORM set_config('rt_data_version.' || a, 'bumped', true);
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$;

-- Puts a table under an area's version (later migrations call it for tables they add, such as
-- kept roll-ups that a rebuild may rewrite without touching the raw rows).
CREATE FUNCTION track_data_version(tbl regclass, VARIADIC areas text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'CREATE TRIGGER data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s '
    'FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version(%s)',
    tbl,
    (SELECT string_agg(quote_literal(x), ', ') FROM unnest(areas) AS x)
  );
END;
$$;

-- org: the tree, its states, the political bodies
SELECT track_data_version('org_units', 'org');
SELECT track_data_version('org_unit_states', 'org');
SELECT track_data_version('bodies', 'org');
SELECT track_data_version('body_units', 'org');

-- steering: plans, goals, indicators, targets, values, analyses, decisions, activities
SELECT track_data_version('decisions', 'steering');
SELECT track_data_version('decision_links', 'steering');
SELECT track_data_version('plans', 'steering');
SELECT track_data_version('plan_versions', 'steering');
SELECT track_data_version('goals', 'steering');
SELECT track_data_version('goal_wordings', 'steering');
SELECT track_data_version('goal_links', 'steering');
SELECT track_data_version('assignments', 'steering');
SELECT track_data_version('indicators', 'steering');
SELECT track_data_version('indicator_goals', 'steering');
SELECT track_data_version('indicator_targets', 'steering');
SELECT track_data_version('indicator_values', 'steering');
SELECT track_data_version('activities', 'steering');
SELECT track_data_version('activity_goals', 'steering');
SELECT track_data_version('activity_updates', 'steering');
SELECT track_data_version('goal_analyses', 'steering');

-- economy: action plans, measures, reports, allocations, delegation
SELECT track_data_version('action_plan_allocations', 'economy');
SELECT track_data_version('measures', 'economy');
SELECT track_data_version('measure_calc_lines', 'economy');
SELECT track_data_version('measure_goals', 'economy');
SELECT track_data_version('measure_reports', 'economy');
SELECT track_data_version('delegation_levels', 'economy');
SELECT track_data_version('action_plan_settings', 'economy');
SELECT track_data_version('action_plan_submissions', 'economy');
-- A corrective action answers a measure's deviation or an indicator's: both areas.
SELECT track_data_version('corrective_actions', 'steering', 'economy');

-- followup: the annual cycle, submissions, board reports, meetings
SELECT track_data_version('cycle_occasions', 'followup');
SELECT track_data_version('cycle_deadlines', 'followup');
SELECT track_data_version('followup_submissions', 'followup');
SELECT track_data_version('board_reports', 'followup');
SELECT track_data_version('meetings', 'followup');
SELECT track_data_version('agenda_items', 'followup');

-- access: accounts and roles. Sessions are not tracked: every request resolves its own session,
-- and signing in must not throw away everyone's cached figures.
SELECT track_data_version('users', 'access');
SELECT track_data_version('role_assignments', 'access');
