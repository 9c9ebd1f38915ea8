-- TRUNCATE fires no row triggers, so the version triggers of migrations
-- 0009 and 0011 miss it, and servers would keep using cached catalogs and
-- pages of rows that no longer exist, such as API keys. These statement
-- triggers raise every version that the truncated rows may stand behind:
-- all workspace versions for the cached tables and for entry_versions, and
-- all entry versions for entries and what hangs off them. SQLite has no
-- TRUNCATE, and its DELETE without WHERE fires the row triggers.
CREATE FUNCTION workspace_versions_raise_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE workspace_versions SET version = version + 1;
    RETURN NULL;
END $$;

CREATE FUNCTION entry_versions_raise_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE entry_versions SET version = version + 1;
    RETURN NULL;
END $$;

CREATE TRIGGER api_keys_version_truncate AFTER TRUNCATE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_versions_raise_all();
CREATE TRIGGER clients_version_truncate AFTER TRUNCATE ON clients
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_versions_raise_all();
CREATE TRIGGER custom_fields_version_truncate AFTER TRUNCATE ON custom_fields
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_versions_raise_all();
CREATE TRIGGER entry_versions_version_truncate AFTER TRUNCATE ON entry_versions
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_versions_raise_all();
CREATE TRIGGER member_profiles_version_truncate AFTER TRUNCATE ON member_profiles
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_versions_raise_all();
CREATE TRIGGER member_roles_version_truncate AFTER TRUNCATE ON member_roles
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_versions_raise_all();
CREATE TRIGGER members_version_truncate AFTER TRUNCATE ON members
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_versions_raise_all();
CREATE TRIGGER project_custom_fields_version_truncate AFTER TRUNCATE ON project_custom_fields
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_versions_raise_all();
CREATE TRIGGER project_groups_version_truncate AFTER TRUNCATE ON project_groups
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_versions_raise_all();
CREATE TRIGGER project_members_version_truncate AFTER TRUNCATE ON project_members
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_versions_raise_all();
CREATE TRIGGER projects_version_truncate AFTER TRUNCATE ON projects
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_versions_raise_all();
CREATE TRIGGER rate_changes_version_truncate AFTER TRUNCATE ON rate_changes
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_versions_raise_all();
CREATE TRIGGER tags_version_truncate AFTER TRUNCATE ON tags
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_versions_raise_all();
CREATE TRIGGER tasks_version_truncate AFTER TRUNCATE ON tasks
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_versions_raise_all();
CREATE TRIGGER user_custom_values_version_truncate AFTER TRUNCATE ON user_custom_values
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_versions_raise_all();
CREATE TRIGGER user_group_members_version_truncate AFTER TRUNCATE ON user_group_members
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_versions_raise_all();
CREATE TRIGGER user_groups_version_truncate AFTER TRUNCATE ON user_groups
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_versions_raise_all();
CREATE TRIGGER users_version_truncate AFTER TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_versions_raise_all();
CREATE TRIGGER workspaces_version_truncate AFTER TRUNCATE ON workspaces
    FOR EACH STATEMENT EXECUTE FUNCTION workspace_versions_raise_all();

CREATE TRIGGER time_entries_version_truncate AFTER TRUNCATE ON time_entries
    FOR EACH STATEMENT EXECUTE FUNCTION entry_versions_raise_all();
CREATE TRIGGER time_entry_custom_values_version_truncate AFTER TRUNCATE ON time_entry_custom_values
    FOR EACH STATEMENT EXECUTE FUNCTION entry_versions_raise_all();
CREATE TRIGGER time_entry_tags_version_truncate AFTER TRUNCATE ON time_entry_tags
    FOR EACH STATEMENT EXECUTE FUNCTION entry_versions_raise_all();
