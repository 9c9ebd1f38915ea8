-- An import key identifies the time entry that an import created from one
-- row of an export file, so that importing the same file again skips the
-- row. The key goes away with its entry.
CREATE TABLE import_keys (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    import_key   TEXT NOT NULL,
    entry_id     TEXT NOT NULL REFERENCES time_entries (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, import_key)
);
CREATE INDEX import_keys_entry ON import_keys (entry_id);
