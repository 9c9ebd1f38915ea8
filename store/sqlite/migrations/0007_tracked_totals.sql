-- Tracked time per project and per task: the sum, in whole seconds, of
-- their finished entries, each cut to whole seconds at both ends. Triggers
-- keep the sums as entries change, so that reading a project or task costs
-- one row rather than a scan of its entries, which took tens of
-- milliseconds per busy project at a million entries.
CREATE TABLE project_tracked (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    project_id   TEXT NOT NULL,
    seconds      INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, project_id)
);

CREATE TABLE task_tracked (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    task_id      TEXT NOT NULL,
    seconds      INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, task_id)
);

INSERT INTO project_tracked (workspace_id, project_id, seconds)
    SELECT workspace_id, project_id, SUM(end_at / 1000 - start_at / 1000) FROM time_entries
    WHERE project_id <> '' AND end_at IS NOT NULL GROUP BY workspace_id, project_id;
INSERT INTO task_tracked (workspace_id, task_id, seconds)
    SELECT workspace_id, task_id, SUM(end_at / 1000 - start_at / 1000) FROM time_entries
    WHERE task_id <> '' AND end_at IS NOT NULL GROUP BY workspace_id, task_id;

CREATE TRIGGER time_entries_tracked_insert AFTER INSERT ON time_entries
WHEN NEW.end_at IS NOT NULL
BEGIN
    INSERT INTO project_tracked (workspace_id, project_id, seconds)
        SELECT NEW.workspace_id, NEW.project_id, NEW.end_at / 1000 - NEW.start_at / 1000 WHERE NEW.project_id <> ''
        ON CONFLICT (workspace_id, project_id) DO UPDATE SET seconds = seconds + excluded.seconds;
    INSERT INTO task_tracked (workspace_id, task_id, seconds)
        SELECT NEW.workspace_id, NEW.task_id, NEW.end_at / 1000 - NEW.start_at / 1000 WHERE NEW.task_id <> ''
        ON CONFLICT (workspace_id, task_id) DO UPDATE SET seconds = seconds + excluded.seconds;
END;

CREATE TRIGGER time_entries_tracked_delete AFTER DELETE ON time_entries
WHEN OLD.end_at IS NOT NULL
BEGIN
    UPDATE project_tracked SET seconds = seconds - (OLD.end_at / 1000 - OLD.start_at / 1000)
        WHERE workspace_id = OLD.workspace_id AND project_id = OLD.project_id;
    UPDATE task_tracked SET seconds = seconds - (OLD.end_at / 1000 - OLD.start_at / 1000)
        WHERE workspace_id = OLD.workspace_id AND task_id = OLD.task_id;
END;

-- An update takes the old entry out of the sums and adds the new one. Two
-- triggers, because each has its own WHEN condition.
CREATE TRIGGER time_entries_tracked_update_old AFTER UPDATE OF workspace_id, project_id, task_id, start_at, end_at
ON time_entries
WHEN OLD.end_at IS NOT NULL
BEGIN
    UPDATE project_tracked SET seconds = seconds - (OLD.end_at / 1000 - OLD.start_at / 1000)
        WHERE workspace_id = OLD.workspace_id AND project_id = OLD.project_id;
    UPDATE task_tracked SET seconds = seconds - (OLD.end_at / 1000 - OLD.start_at / 1000)
        WHERE workspace_id = OLD.workspace_id AND task_id = OLD.task_id;
END;

CREATE TRIGGER time_entries_tracked_update_new AFTER UPDATE OF workspace_id, project_id, task_id, start_at, end_at
ON time_entries
WHEN NEW.end_at IS NOT NULL
BEGIN
    INSERT INTO project_tracked (workspace_id, project_id, seconds)
        SELECT NEW.workspace_id, NEW.project_id, NEW.end_at / 1000 - NEW.start_at / 1000 WHERE NEW.project_id <> ''
        ON CONFLICT (workspace_id, project_id) DO UPDATE SET seconds = seconds + excluded.seconds;
    INSERT INTO task_tracked (workspace_id, task_id, seconds)
        SELECT NEW.workspace_id, NEW.task_id, NEW.end_at / 1000 - NEW.start_at / 1000 WHERE NEW.task_id <> ''
        ON CONFLICT (workspace_id, task_id) DO UPDATE SET seconds = seconds + excluded.seconds;
END;
