-- A version for the state of sessions, so a process may keep a resolved session in memory and
-- still refuse it on the very next request once any process ended it (logout, timeout, a
-- disabled user, a replaced session). Only ending a session bumps it: the touch of
-- `last_seen_at` (at most once a minute per session) and signing in (a new row no cache holds)
-- do not, so busy users do not throw away each other's cached sessions. Figures are not keyed by
-- this area, so signing out does not invalidate them either. See docs/decisions/011.
INSERT INTO data_versions (area) VALUES ('sessions');

CREATE TRIGGER data_version AFTER UPDATE OF ended_at, user_id OR DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('sessions');
