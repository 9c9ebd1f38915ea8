-- Manager roles and user groups. A team manager grant names a user, or a
-- user group with source_type 'USER_GROUP'; a project manager grant names a
-- project. Workspace-wide roles (owner, admin) stay in members.role.

CREATE TABLE member_roles (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      TEXT NOT NULL,
    role         TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    source_type  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (workspace_id, user_id, role, entity_id)
);
CREATE INDEX member_roles_entity ON member_roles (workspace_id, entity_id);

CREATE TABLE user_groups (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX user_groups_name ON user_groups (workspace_id, lower(name));

CREATE TABLE user_group_members (
    group_id TEXT NOT NULL REFERENCES user_groups (id) ON DELETE CASCADE,
    user_id  TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX user_group_members_user ON user_group_members (user_id);
