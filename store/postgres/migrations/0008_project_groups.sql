-- User groups that are members of a project. Every user of such a group
-- sees the project and tracks time on it as a direct member does. Deleting
-- the project or the group deletes the membership.
CREATE TABLE project_groups (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    group_id   TEXT NOT NULL REFERENCES user_groups (id) ON DELETE CASCADE,
    position   BIGINT NOT NULL,
    PRIMARY KEY (project_id, group_id)
);
CREATE INDEX project_groups_group ON project_groups (group_id);
