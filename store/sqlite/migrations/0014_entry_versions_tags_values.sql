-- An entry's tags and custom field values live in rows of their own, which
-- plain SQL may change without touching the entry's time_entries row. These
-- triggers raise the version of the entry's user for them too, so that
-- cached pages of entries never keep old tags or values. The store's own
-- writes raise it a few times per entry: once for the entry row and once
-- per tag or value row.

CREATE TRIGGER time_entry_tags_version_insert AFTER INSERT ON time_entry_tags
BEGIN
    UPDATE entry_versions SET version = version + 1
        WHERE (workspace_id, user_id) IN (SELECT workspace_id, user_id FROM time_entries WHERE id = NEW.entry_id);
END;

CREATE TRIGGER time_entry_tags_version_update AFTER UPDATE ON time_entry_tags
BEGIN
    UPDATE entry_versions SET version = version + 1
        WHERE (workspace_id, user_id) IN (SELECT workspace_id, user_id FROM time_entries WHERE id = OLD.entry_id);
    UPDATE entry_versions SET version = version + 1
        WHERE (workspace_id, user_id) IN (SELECT workspace_id, user_id FROM time_entries WHERE id = NEW.entry_id);
END;

CREATE TRIGGER time_entry_tags_version_delete AFTER DELETE ON time_entry_tags
BEGIN
    UPDATE entry_versions SET version = version + 1
        WHERE (workspace_id, user_id) IN (SELECT workspace_id, user_id FROM time_entries WHERE id = OLD.entry_id);
END;

CREATE TRIGGER time_entry_custom_values_version_insert AFTER INSERT ON time_entry_custom_values
BEGIN
    UPDATE entry_versions SET version = version + 1
        WHERE (workspace_id, user_id) IN (SELECT workspace_id, user_id FROM time_entries WHERE id = NEW.entry_id);
END;

CREATE TRIGGER time_entry_custom_values_version_update AFTER UPDATE ON time_entry_custom_values
BEGIN
    UPDATE entry_versions SET version = version + 1
        WHERE (workspace_id, user_id) IN (SELECT workspace_id, user_id FROM time_entries WHERE id = OLD.entry_id);
    UPDATE entry_versions SET version = version + 1
        WHERE (workspace_id, user_id) IN (SELECT workspace_id, user_id FROM time_entries WHERE id = NEW.entry_id);
END;

CREATE TRIGGER time_entry_custom_values_version_delete AFTER DELETE ON time_entry_custom_values
BEGIN
    UPDATE entry_versions SET version = version + 1
        WHERE (workspace_id, user_id) IN (SELECT workspace_id, user_id FROM time_entries WHERE id = OLD.entry_id);
END;
