-- Reports scan a workspace's entries by start time across all users.
CREATE INDEX time_entries_workspace_start ON time_entries (workspace_id, start_at);

-- Saved report configurations. filter is the saved request body as JSON;
-- visible_users and visible_groups are JSON arrays of ids.
CREATE TABLE shared_reports (
    id             TEXT PRIMARY KEY,
    workspace_id   TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id        TEXT NOT NULL,
    name           TEXT NOT NULL,
    type           TEXT NOT NULL,
    is_public      BOOLEAN NOT NULL DEFAULT FALSE,
    fixed_date     BOOLEAN NOT NULL DEFAULT FALSE,
    visible_users  TEXT NOT NULL DEFAULT '[]',
    visible_groups TEXT NOT NULL DEFAULT '[]',
    filter         TEXT NOT NULL,
    created_at     INTEGER NOT NULL
);
CREATE INDEX shared_reports_workspace ON shared_reports (workspace_id, created_at);
