-- A version number per user and workspace, raised by triggers in the same
-- transaction as every insert, update and delete of the user's time entries
-- there. A server keeps recent pages of a user's entries in memory and uses
-- a page only while this version and the workspace version it was read
-- with are unchanged. Entry tags and custom field values change only
-- together with their entry row, or through deletes of tags and fields,
-- which raise the workspace version.
CREATE TABLE entry_versions (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      TEXT NOT NULL,
    version      INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
INSERT INTO entry_versions (workspace_id, user_id, version)
    SELECT workspace_id, user_id, 1 FROM time_entries GROUP BY workspace_id, user_id;

CREATE TRIGGER time_entries_version_insert AFTER INSERT ON time_entries
BEGIN
    INSERT INTO entry_versions (workspace_id, user_id, version) VALUES (NEW.workspace_id, NEW.user_id, 1)
        ON CONFLICT (workspace_id, user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER time_entries_version_update AFTER UPDATE ON time_entries
BEGIN
    INSERT INTO entry_versions (workspace_id, user_id, version) VALUES (OLD.workspace_id, OLD.user_id, 1)
        ON CONFLICT (workspace_id, user_id) DO UPDATE SET version = version + 1;
    INSERT INTO entry_versions (workspace_id, user_id, version) VALUES (NEW.workspace_id, NEW.user_id, 1)
        ON CONFLICT (workspace_id, user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER time_entries_version_delete AFTER DELETE ON time_entries
BEGIN
    INSERT INTO entry_versions (workspace_id, user_id, version) VALUES (OLD.workspace_id, OLD.user_id, 1)
        ON CONFLICT (workspace_id, user_id) DO UPDATE SET version = version + 1;
END;
