-- Instants are Unix milliseconds; money is integer minor units; NULL money
-- means "not set". Text ids are 24-hex.

CREATE TABLE users (
    id                TEXT PRIMARY KEY,
    email             TEXT NOT NULL,
    name              TEXT NOT NULL DEFAULT '',
    profile_picture   TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL,
    time_zone         TEXT NOT NULL DEFAULT 'UTC',
    week_start        TEXT NOT NULL DEFAULT 'MONDAY',
    default_workspace TEXT NOT NULL DEFAULT '',
    active_workspace  TEXT NOT NULL DEFAULT '',
    created_at        INTEGER NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (lower(email));

CREATE TABLE api_keys (
    hash       TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
);

CREATE TABLE workspaces (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    image_url   TEXT NOT NULL DEFAULT '',
    currency    TEXT NOT NULL DEFAULT 'USD',
    hourly_rate INTEGER NOT NULL DEFAULT 0,
    cost_rate   INTEGER,
    settings    TEXT NOT NULL DEFAULT '{}',
    created_at  INTEGER NOT NULL
);

CREATE TABLE members (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role         TEXT NOT NULL,
    status       TEXT NOT NULL,
    hourly_rate  INTEGER,
    cost_rate    INTEGER,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX members_user ON members (user_id);

CREATE TABLE clients (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    email        TEXT NOT NULL DEFAULT '',
    address      TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    archived     BOOLEAN NOT NULL DEFAULT FALSE,
    cc_emails    TEXT,
    currency_id  TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX clients_name ON clients (workspace_id, lower(name));

CREATE TABLE projects (
    id              TEXT PRIMARY KEY,
    workspace_id    TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    client_id       TEXT NOT NULL DEFAULT '',
    color           TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    billable        BOOLEAN NOT NULL DEFAULT FALSE,
    public          BOOLEAN NOT NULL DEFAULT FALSE,
    template        BOOLEAN NOT NULL DEFAULT FALSE,
    archived        BOOLEAN NOT NULL DEFAULT FALSE,
    hourly_rate     INTEGER,
    cost_rate       INTEGER,
    time_estimate   TEXT NOT NULL DEFAULT '{}',
    budget_estimate TEXT NOT NULL DEFAULT '{}',
    estimate_reset  TEXT,
    created_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX projects_name ON projects (workspace_id, client_id, lower(name));

CREATE TABLE project_members (
    project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL,
    status      TEXT NOT NULL,
    hourly_rate INTEGER,
    cost_rate   INTEGER,
    position    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_user ON project_members (user_id);

CREATE TABLE tasks (
    id              TEXT PRIMARY KEY,
    workspace_id    TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    assignee_ids    TEXT NOT NULL DEFAULT '[]',
    user_group_ids  TEXT NOT NULL DEFAULT '[]',
    estimate        INTEGER,
    status          TEXT NOT NULL,
    billable        BOOLEAN NOT NULL DEFAULT FALSE,
    budget_estimate INTEGER,
    hourly_rate     INTEGER,
    cost_rate       INTEGER,
    created_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX tasks_name ON tasks (project_id, lower(name));

CREATE TABLE tags (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    archived     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX tags_name ON tags (workspace_id, lower(name));

CREATE TABLE time_entries (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    project_id   TEXT NOT NULL DEFAULT '',
    task_id      TEXT NOT NULL DEFAULT '',
    billable     BOOLEAN NOT NULL DEFAULT FALSE,
    start_at     INTEGER NOT NULL,
    end_at       INTEGER,
    type         TEXT NOT NULL DEFAULT 'REGULAR',
    invoiced     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   INTEGER NOT NULL
);
CREATE INDEX time_entries_user_start ON time_entries (workspace_id, user_id, start_at);
-- Cover the tracked-time sums that project and task reads compute. The
-- indexes leave out entries without a project or task (''), so that one
-- common value does not make PostgreSQL's planner expect every row to match.
CREATE INDEX time_entries_project ON time_entries (project_id, workspace_id, end_at, start_at) WHERE project_id <> '';
CREATE INDEX time_entries_task ON time_entries (task_id, workspace_id, end_at, start_at) WHERE task_id <> '';
-- At most one running timer per user and workspace.
CREATE UNIQUE INDEX time_entries_running ON time_entries (workspace_id, user_id) WHERE end_at IS NULL;

CREATE TABLE time_entry_tags (
    entry_id TEXT NOT NULL REFERENCES time_entries (id) ON DELETE CASCADE,
    tag_id   TEXT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (entry_id, tag_id)
);
CREATE INDEX time_entry_tags_tag ON time_entry_tags (tag_id);
