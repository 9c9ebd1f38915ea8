-- Custom fields of time entries and users, their project-level overrides and
-- values, and the workspace member profiles that hold daily capacity.
-- Values are JSON text: a string, a number, a boolean or a list of strings,
-- by field type. Durations are whole seconds.

CREATE TABLE custom_fields (
    id                  TEXT PRIMARY KEY,
    workspace_id        TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name                TEXT NOT NULL,
    type                TEXT NOT NULL,
    entity_type         TEXT NOT NULL,
    status              TEXT NOT NULL,
    required            BOOLEAN NOT NULL DEFAULT FALSE,
    only_admin_can_edit BOOLEAN NOT NULL DEFAULT FALSE,
    allowed_values      TEXT NOT NULL DEFAULT '[]',
    description         TEXT NOT NULL DEFAULT '',
    placeholder         TEXT NOT NULL DEFAULT '',
    default_value       TEXT,
    created_at          BIGINT NOT NULL
);
CREATE UNIQUE INDEX custom_fields_name ON custom_fields (workspace_id, entity_type, lower(name));

CREATE TABLE project_custom_fields (
    project_id    TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    field_id      TEXT NOT NULL REFERENCES custom_fields (id) ON DELETE CASCADE,
    status        TEXT NOT NULL,
    default_value TEXT,
    PRIMARY KEY (project_id, field_id)
);
CREATE INDEX project_custom_fields_field ON project_custom_fields (field_id);

CREATE TABLE time_entry_custom_values (
    entry_id TEXT NOT NULL REFERENCES time_entries (id) ON DELETE CASCADE,
    field_id TEXT NOT NULL REFERENCES custom_fields (id) ON DELETE CASCADE,
    value    TEXT NOT NULL,
    PRIMARY KEY (entry_id, field_id)
);
CREATE INDEX time_entry_custom_values_field ON time_entry_custom_values (field_id);

CREATE TABLE user_custom_values (
    workspace_id TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    field_id     TEXT NOT NULL REFERENCES custom_fields (id) ON DELETE CASCADE,
    value        TEXT NOT NULL,
    PRIMARY KEY (workspace_id, user_id, field_id),
    FOREIGN KEY (workspace_id, user_id) REFERENCES members (workspace_id, user_id) ON DELETE CASCADE
);
CREATE INDEX user_custom_values_field ON user_custom_values (field_id);

-- A member without a row, or with a NULL column, has the defaults: eight
-- hours a day on the workspace's working days.
CREATE TABLE member_profiles (
    workspace_id  TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    work_capacity BIGINT,
    working_days  TEXT,
    PRIMARY KEY (workspace_id, user_id),
    FOREIGN KEY (workspace_id, user_id) REFERENCES members (workspace_id, user_id) ON DELETE CASCADE
);
