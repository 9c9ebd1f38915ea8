-- time_entries_user_start holds every column of the entry lists' order
-- (start_at DESC, created_at DESC, id DESC), so that a page is read from
-- the index in order with no sort, and the rows skipped by OFFSET come from
-- the index alone, without reading them from the table. Before, the index
-- ended at start_at, and a page sorted each run of equal starts by the
-- other two columns.
DROP INDEX time_entries_user_start;
CREATE INDEX time_entries_user_start ON time_entries (workspace_id, user_id, start_at, created_at, id);

-- On PostgreSQL this migration also lets the bulk insert path add tracked
-- time once per project and task rather than once per entry. SQLite updates
-- project_tracked and task_tracked rows in place, leaving no dead versions
-- behind, so its triggers stay as they are and count bulk-inserted entries
-- one by one.
