-- Every bump of a data version is announced to the server processes listening on the channel
-- rt_data_versions, as `area:version`. PostgreSQL delivers a notification only when its
-- transaction commits, and in commit order, so a listener learns a version no earlier than the
-- data behind it is visible. A server process on PostgreSQL keeps the versions it has heard in
-- memory instead of reading them for every request (server/cache/version-keeper.ts; decision 011).
-- Areas are bumped at most once per transaction (migration 011), so a transaction sends at most
-- one notification per area.

CREATE FUNCTION announce_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('rt_data_versions', NEW.area || ':' || NEW.version::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER announce AFTER INSERT OR UPDATE ON data_versions
  FOR EACH ROW EXECUTE FUNCTION announce_data_version();
