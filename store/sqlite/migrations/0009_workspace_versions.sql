-- A version number per workspace, raised by triggers in the same transaction
-- as every change to the data that requests read on every call: the
-- workspace and its settings, members and their users and API keys, roles,
-- user groups, clients, projects with their members and groups, tasks,
-- tags, rates and custom fields. A server keeps that data in memory and
-- checks the version before using it, so its copy is never older than the
-- database's, also when other processes write: other nodes on one
-- PostgreSQL database, or command-line tools on a SQLite file. Time
-- entries and the tracked-time sums are left out, because they change on
-- every entry write.
CREATE TABLE workspace_versions (
    workspace_id TEXT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    version      INTEGER NOT NULL
);
INSERT INTO workspace_versions (workspace_id, version) SELECT id, 1 FROM workspaces;

CREATE TRIGGER workspaces_version_insert AFTER INSERT ON workspaces
BEGIN
    INSERT INTO workspace_versions (workspace_id, version) VALUES (NEW.id, 1);
END;

CREATE TRIGGER workspaces_version_update AFTER UPDATE ON workspaces
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.id;
END;

CREATE TRIGGER members_version_insert AFTER INSERT ON members
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER members_version_update AFTER UPDATE ON members
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER members_version_delete AFTER DELETE ON members
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
END;

CREATE TRIGGER clients_version_insert AFTER INSERT ON clients
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER clients_version_update AFTER UPDATE ON clients
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER clients_version_delete AFTER DELETE ON clients
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
END;

CREATE TRIGGER projects_version_insert AFTER INSERT ON projects
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER projects_version_update AFTER UPDATE ON projects
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER projects_version_delete AFTER DELETE ON projects
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
END;

CREATE TRIGGER tasks_version_insert AFTER INSERT ON tasks
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER tasks_version_update AFTER UPDATE ON tasks
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER tasks_version_delete AFTER DELETE ON tasks
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
END;

CREATE TRIGGER tags_version_insert AFTER INSERT ON tags
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER tags_version_update AFTER UPDATE ON tags
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER tags_version_delete AFTER DELETE ON tags
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
END;

CREATE TRIGGER member_roles_version_insert AFTER INSERT ON member_roles
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER member_roles_version_update AFTER UPDATE ON member_roles
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER member_roles_version_delete AFTER DELETE ON member_roles
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
END;

CREATE TRIGGER user_groups_version_insert AFTER INSERT ON user_groups
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER user_groups_version_update AFTER UPDATE ON user_groups
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER user_groups_version_delete AFTER DELETE ON user_groups
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
END;

CREATE TRIGGER rate_changes_version_insert AFTER INSERT ON rate_changes
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER rate_changes_version_update AFTER UPDATE ON rate_changes
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER rate_changes_version_delete AFTER DELETE ON rate_changes
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
END;

CREATE TRIGGER custom_fields_version_insert AFTER INSERT ON custom_fields
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER custom_fields_version_update AFTER UPDATE ON custom_fields
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER custom_fields_version_delete AFTER DELETE ON custom_fields
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
END;

CREATE TRIGGER user_custom_values_version_insert AFTER INSERT ON user_custom_values
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER user_custom_values_version_update AFTER UPDATE ON user_custom_values
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER user_custom_values_version_delete AFTER DELETE ON user_custom_values
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
END;

CREATE TRIGGER member_profiles_version_insert AFTER INSERT ON member_profiles
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER member_profiles_version_update AFTER UPDATE ON member_profiles
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER member_profiles_version_delete AFTER DELETE ON member_profiles
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
END;

CREATE TRIGGER project_members_version_insert AFTER INSERT ON project_members
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM projects WHERE id = NEW.project_id);
END;

CREATE TRIGGER project_members_version_update AFTER UPDATE ON project_members
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM projects WHERE id = NEW.project_id);
END;

CREATE TRIGGER project_members_version_delete AFTER DELETE ON project_members
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM projects WHERE id = OLD.project_id);
END;

CREATE TRIGGER project_groups_version_insert AFTER INSERT ON project_groups
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM projects WHERE id = NEW.project_id);
END;

CREATE TRIGGER project_groups_version_update AFTER UPDATE ON project_groups
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM projects WHERE id = NEW.project_id);
END;

CREATE TRIGGER project_groups_version_delete AFTER DELETE ON project_groups
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM projects WHERE id = OLD.project_id);
END;

CREATE TRIGGER project_custom_fields_version_insert AFTER INSERT ON project_custom_fields
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM projects WHERE id = NEW.project_id);
END;

CREATE TRIGGER project_custom_fields_version_update AFTER UPDATE ON project_custom_fields
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM projects WHERE id = NEW.project_id);
END;

CREATE TRIGGER project_custom_fields_version_delete AFTER DELETE ON project_custom_fields
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM projects WHERE id = OLD.project_id);
END;

CREATE TRIGGER user_group_members_version_insert AFTER INSERT ON user_group_members
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM user_groups WHERE id = NEW.group_id);
END;

CREATE TRIGGER user_group_members_version_update AFTER UPDATE ON user_group_members
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM user_groups WHERE id = NEW.group_id);
END;

CREATE TRIGGER user_group_members_version_delete AFTER DELETE ON user_group_members
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM user_groups WHERE id = OLD.group_id);
END;

CREATE TRIGGER users_version_insert AFTER INSERT ON users
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM members WHERE user_id = NEW.id);
END;

CREATE TRIGGER users_version_update AFTER UPDATE ON users
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM members WHERE user_id = NEW.id);
END;

CREATE TRIGGER users_version_delete AFTER DELETE ON users
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM members WHERE user_id = OLD.id);
END;

CREATE TRIGGER api_keys_version_insert AFTER INSERT ON api_keys
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM members WHERE user_id = NEW.user_id);
END;

CREATE TRIGGER api_keys_version_update AFTER UPDATE ON api_keys
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM members WHERE user_id = NEW.user_id);
END;

CREATE TRIGGER api_keys_version_delete AFTER DELETE ON api_keys
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM members WHERE user_id = OLD.user_id);
END;
