-- An entry's tags and custom field values live in rows of their own, which
-- plain SQL may change without touching the entry's time_entries row. These
-- triggers raise the version of the entry's user for them too, so that
-- cached pages of entries never keep old tags or values. The store's own
-- writes raise it a few times per entry: once for the entry row and once
-- per tag or value row. As in migration 0012, inserts by the bulk path are
-- skipped, because it raises the version of each user it inserted entries
-- for before it commits.
CREATE FUNCTION entry_version_raise_by_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND current_setting('punchclock.defer_tracked', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        UPDATE entry_versions SET version = version + 1
            WHERE (workspace_id, user_id) IN (SELECT workspace_id, user_id FROM time_entries WHERE id = OLD.entry_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        UPDATE entry_versions SET version = version + 1
            WHERE (workspace_id, user_id) IN (SELECT workspace_id, user_id FROM time_entries WHERE id = NEW.entry_id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER time_entry_tags_version AFTER INSERT OR UPDATE OR DELETE ON time_entry_tags
    FOR EACH ROW EXECUTE FUNCTION entry_version_raise_by_entry();
CREATE TRIGGER time_entry_custom_values_version AFTER INSERT OR UPDATE OR DELETE ON time_entry_custom_values
    FOR EACH ROW EXECUTE FUNCTION entry_version_raise_by_entry();
