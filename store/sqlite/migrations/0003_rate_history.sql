-- Rate history. Each row is one change of one rate: from since_at on, the
-- HOURLY (billable) or COST rate at a level is amount, or unset when amount
-- is NULL, until the next row of the same rate. The level decides which ids
-- name the entity: WORKSPACE none, MEMBER user_id, PROJECT project_id, TASK
-- project_id and task_id, PROJECT_MEMBER project_id and user_id; the others
-- are ''. Rows outlive deleted projects and tasks, whose entries keep their
-- ids.
CREATE TABLE rate_changes (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    level        TEXT NOT NULL,
    user_id      TEXT NOT NULL DEFAULT '',
    project_id   TEXT NOT NULL DEFAULT '',
    task_id      TEXT NOT NULL DEFAULT '',
    since_at     INTEGER NOT NULL,
    amount       INTEGER,
    PRIMARY KEY (workspace_id, level, user_id, project_id, task_id, kind, since_at)
);

-- The rates in effect when each entry starts, resolved by the server.
ALTER TABLE time_entries ADD COLUMN hourly_rate INTEGER;
ALTER TABLE time_entries ADD COLUMN cost_rate INTEGER;

-- The rates set before this migration had no history, so each applies from
-- the beginning: 0001-01-01T00:00:00Z is -62135596800000 ms.
INSERT INTO rate_changes (workspace_id, kind, level, since_at, amount)
    SELECT id, 'HOURLY', 'WORKSPACE', -62135596800000, hourly_rate FROM workspaces;
INSERT INTO rate_changes (workspace_id, kind, level, since_at, amount)
    SELECT id, 'COST', 'WORKSPACE', -62135596800000, cost_rate FROM workspaces WHERE cost_rate IS NOT NULL;
INSERT INTO rate_changes (workspace_id, kind, level, user_id, since_at, amount)
    SELECT workspace_id, 'HOURLY', 'MEMBER', user_id, -62135596800000, hourly_rate FROM members WHERE hourly_rate IS NOT NULL;
INSERT INTO rate_changes (workspace_id, kind, level, user_id, since_at, amount)
    SELECT workspace_id, 'COST', 'MEMBER', user_id, -62135596800000, cost_rate FROM members WHERE cost_rate IS NOT NULL;
INSERT INTO rate_changes (workspace_id, kind, level, project_id, since_at, amount)
    SELECT workspace_id, 'HOURLY', 'PROJECT', id, -62135596800000, hourly_rate FROM projects WHERE hourly_rate IS NOT NULL;
INSERT INTO rate_changes (workspace_id, kind, level, project_id, since_at, amount)
    SELECT workspace_id, 'COST', 'PROJECT', id, -62135596800000, cost_rate FROM projects WHERE cost_rate IS NOT NULL;
INSERT INTO rate_changes (workspace_id, kind, level, project_id, task_id, since_at, amount)
    SELECT workspace_id, 'HOURLY', 'TASK', project_id, id, -62135596800000, hourly_rate FROM tasks WHERE hourly_rate IS NOT NULL;
INSERT INTO rate_changes (workspace_id, kind, level, project_id, task_id, since_at, amount)
    SELECT workspace_id, 'COST', 'TASK', project_id, id, -62135596800000, cost_rate FROM tasks WHERE cost_rate IS NOT NULL;
INSERT INTO rate_changes (workspace_id, kind, level, project_id, user_id, since_at, amount)
    SELECT p.workspace_id, 'HOURLY', 'PROJECT_MEMBER', pm.project_id, pm.user_id, -62135596800000, pm.hourly_rate
    FROM project_members pm JOIN projects p ON p.id = pm.project_id WHERE pm.hourly_rate IS NOT NULL;
INSERT INTO rate_changes (workspace_id, kind, level, project_id, user_id, since_at, amount)
    SELECT p.workspace_id, 'COST', 'PROJECT_MEMBER', pm.project_id, pm.user_id, -62135596800000, pm.cost_rate
    FROM project_members pm JOIN projects p ON p.id = pm.project_id WHERE pm.cost_rate IS NOT NULL;

-- Resolve the existing entries as domain.RateBook.EntryRates does: project
-- member, task, project, workspace member, workspace.
UPDATE time_entries SET
    hourly_rate = COALESCE(
        (SELECT pm.hourly_rate FROM project_members pm
            WHERE pm.project_id = time_entries.project_id AND pm.user_id = time_entries.user_id),
        (SELECT t.hourly_rate FROM tasks t
            WHERE t.id = time_entries.task_id AND t.project_id = time_entries.project_id),
        (SELECT p.hourly_rate FROM projects p
            WHERE p.id = time_entries.project_id AND p.workspace_id = time_entries.workspace_id),
        (SELECT m.hourly_rate FROM members m
            WHERE m.workspace_id = time_entries.workspace_id AND m.user_id = time_entries.user_id),
        (SELECT w.hourly_rate FROM workspaces w WHERE w.id = time_entries.workspace_id)),
    cost_rate = COALESCE(
        (SELECT pm.cost_rate FROM project_members pm
            WHERE pm.project_id = time_entries.project_id AND pm.user_id = time_entries.user_id),
        (SELECT t.cost_rate FROM tasks t
            WHERE t.id = time_entries.task_id AND t.project_id = time_entries.project_id),
        (SELECT p.cost_rate FROM projects p
            WHERE p.id = time_entries.project_id AND p.workspace_id = time_entries.workspace_id),
        (SELECT m.cost_rate FROM members m
            WHERE m.workspace_id = time_entries.workspace_id AND m.user_id = time_entries.user_id),
        (SELECT w.cost_rate FROM workspaces w WHERE w.id = time_entries.workspace_id));
