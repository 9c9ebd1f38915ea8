-- The bulk insert path sets punchclock.defer_tracked to 'on' for its
-- transaction, and raises the version of each user it inserted entries for
-- once, before it commits. Raised by the trigger, each entry would update
-- its user's row, and none of those row versions can be pruned before the
-- transaction ends: a seed of 1,000,000 entries for 20 users updated the 20
-- rows of entry_versions 999,980 times and took 7.5 to 8.5 minutes, against
-- under a minute without (docs/benchmarks.md).
-- The trigger skips inserts only, because the bulk path raises versions for
-- the entries it inserts and for nothing else, so an update or delete still
-- raises the version row by row under the setting. Other transactions leave
-- the setting unset and raise the version with every row.
CREATE OR REPLACE FUNCTION entry_version_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND current_setting('punchclock.defer_tracked', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO entry_versions (workspace_id, user_id, version) VALUES (OLD.workspace_id, OLD.user_id, 1)
            ON CONFLICT (workspace_id, user_id) DO UPDATE SET version = entry_versions.version + 1;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO entry_versions (workspace_id, user_id, version) VALUES (NEW.workspace_id, NEW.user_id, 1)
            ON CONFLICT (workspace_id, user_id) DO UPDATE SET version = entry_versions.version + 1;
    END IF;
    RETURN NULL;
END $$;
