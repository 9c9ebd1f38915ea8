-- The update triggers of migration 0009 raised the version of the
-- workspace that a changed row belongs to after the change only. A row
-- moved to another workspace, project, group or user by plain SQL, such as
-- an API key given to another user, left the workspace it came from on its
-- old version, where the catalog cache kept the old row. The update
-- triggers now raise the versions of the row before and after the change.

DROP TRIGGER members_version_update;
CREATE TRIGGER members_version_update AFTER UPDATE ON members
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

DROP TRIGGER clients_version_update;
CREATE TRIGGER clients_version_update AFTER UPDATE ON clients
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

DROP TRIGGER projects_version_update;
CREATE TRIGGER projects_version_update AFTER UPDATE ON projects
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

DROP TRIGGER tasks_version_update;
CREATE TRIGGER tasks_version_update AFTER UPDATE ON tasks
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

DROP TRIGGER tags_version_update;
CREATE TRIGGER tags_version_update AFTER UPDATE ON tags
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

DROP TRIGGER member_roles_version_update;
CREATE TRIGGER member_roles_version_update AFTER UPDATE ON member_roles
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

DROP TRIGGER user_groups_version_update;
CREATE TRIGGER user_groups_version_update AFTER UPDATE ON user_groups
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

DROP TRIGGER rate_changes_version_update;
CREATE TRIGGER rate_changes_version_update AFTER UPDATE ON rate_changes
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

DROP TRIGGER custom_fields_version_update;
CREATE TRIGGER custom_fields_version_update AFTER UPDATE ON custom_fields
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

DROP TRIGGER user_custom_values_version_update;
CREATE TRIGGER user_custom_values_version_update AFTER UPDATE ON user_custom_values
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

DROP TRIGGER member_profiles_version_update;
CREATE TRIGGER member_profiles_version_update AFTER UPDATE ON member_profiles
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
END;

DROP TRIGGER project_members_version_update;
CREATE TRIGGER project_members_version_update AFTER UPDATE ON project_members
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM projects WHERE id = OLD.project_id);
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM projects WHERE id = NEW.project_id);
END;

DROP TRIGGER project_groups_version_update;
CREATE TRIGGER project_groups_version_update AFTER UPDATE ON project_groups
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM projects WHERE id = OLD.project_id);
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM projects WHERE id = NEW.project_id);
END;

DROP TRIGGER project_custom_fields_version_update;
CREATE TRIGGER project_custom_fields_version_update AFTER UPDATE ON project_custom_fields
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM projects WHERE id = OLD.project_id);
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM projects WHERE id = NEW.project_id);
END;

DROP TRIGGER user_group_members_version_update;
CREATE TRIGGER user_group_members_version_update AFTER UPDATE ON user_group_members
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM user_groups WHERE id = OLD.group_id);
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM user_groups WHERE id = NEW.group_id);
END;

DROP TRIGGER users_version_update;
CREATE TRIGGER users_version_update AFTER UPDATE ON users
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM members WHERE user_id = OLD.id);
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM members WHERE user_id = NEW.id);
END;

DROP TRIGGER api_keys_version_update;
CREATE TRIGGER api_keys_version_update AFTER UPDATE ON api_keys
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM members WHERE user_id = OLD.user_id);
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM members WHERE user_id = NEW.user_id);
END;
