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
    version      BIGINT NOT NULL
);
INSERT INTO workspace_versions (workspace_id, version) SELECT id, 1 FROM workspaces;

CREATE FUNCTION workspace_version_create() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO workspace_versions (workspace_id, version) VALUES (NEW.id, 1);
    RETURN NULL;
END $$;
CREATE TRIGGER workspaces_version_insert AFTER INSERT ON workspaces
    FOR EACH ROW EXECUTE FUNCTION workspace_version_create();

CREATE FUNCTION workspace_version_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
    ELSE
        UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION workspace_version_raise_own() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER workspaces_version_update AFTER UPDATE ON workspaces
    FOR EACH ROW EXECUTE FUNCTION workspace_version_raise_own();
CREATE TRIGGER members_version AFTER INSERT OR UPDATE OR DELETE ON members
    FOR EACH ROW EXECUTE FUNCTION workspace_version_raise();
CREATE TRIGGER clients_version AFTER INSERT OR UPDATE OR DELETE ON clients
    FOR EACH ROW EXECUTE FUNCTION workspace_version_raise();
CREATE TRIGGER projects_version AFTER INSERT OR UPDATE OR DELETE ON projects
    FOR EACH ROW EXECUTE FUNCTION workspace_version_raise();
CREATE TRIGGER tasks_version AFTER INSERT OR UPDATE OR DELETE ON tasks
    FOR EACH ROW EXECUTE FUNCTION workspace_version_raise();
CREATE TRIGGER tags_version AFTER INSERT OR UPDATE OR DELETE ON tags
    FOR EACH ROW EXECUTE FUNCTION workspace_version_raise();
CREATE TRIGGER member_roles_version AFTER INSERT OR UPDATE OR DELETE ON member_roles
    FOR EACH ROW EXECUTE FUNCTION workspace_version_raise();
CREATE TRIGGER user_groups_version AFTER INSERT OR UPDATE OR DELETE ON user_groups
    FOR EACH ROW EXECUTE FUNCTION workspace_version_raise();
CREATE TRIGGER rate_changes_version AFTER INSERT OR UPDATE OR DELETE ON rate_changes
    FOR EACH ROW EXECUTE FUNCTION workspace_version_raise();
CREATE TRIGGER custom_fields_version AFTER INSERT OR UPDATE OR DELETE ON custom_fields
    FOR EACH ROW EXECUTE FUNCTION workspace_version_raise();
CREATE TRIGGER user_custom_values_version AFTER INSERT OR UPDATE OR DELETE ON user_custom_values
    FOR EACH ROW EXECUTE FUNCTION workspace_version_raise();
CREATE TRIGGER member_profiles_version AFTER INSERT OR UPDATE OR DELETE ON member_profiles
    FOR EACH ROW EXECUTE FUNCTION workspace_version_raise();

CREATE FUNCTION workspace_version_raise_by_project() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM projects WHERE id = OLD.project_id);
    ELSE
        UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM projects WHERE id = NEW.project_id);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER project_members_version AFTER INSERT OR UPDATE OR DELETE ON project_members
    FOR EACH ROW EXECUTE FUNCTION workspace_version_raise_by_project();
CREATE TRIGGER project_groups_version AFTER INSERT OR UPDATE OR DELETE ON project_groups
    FOR EACH ROW EXECUTE FUNCTION workspace_version_raise_by_project();
CREATE TRIGGER project_custom_fields_version AFTER INSERT OR UPDATE OR DELETE ON project_custom_fields
    FOR EACH ROW EXECUTE FUNCTION workspace_version_raise_by_project();

CREATE FUNCTION workspace_version_raise_by_group() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM user_groups WHERE id = OLD.group_id);
    ELSE
        UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM user_groups WHERE id = NEW.group_id);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER user_group_members_version AFTER INSERT OR UPDATE OR DELETE ON user_group_members
    FOR EACH ROW EXECUTE FUNCTION workspace_version_raise_by_group();

CREATE FUNCTION workspace_version_raise_by_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM members WHERE user_id = OLD.id);
    ELSE
        UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM members WHERE user_id = NEW.id);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER users_version AFTER INSERT OR UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION workspace_version_raise_by_user();

CREATE FUNCTION workspace_version_raise_by_key_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM members WHERE user_id = OLD.user_id);
    ELSE
        UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM members WHERE user_id = NEW.user_id);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER api_keys_version AFTER INSERT OR UPDATE OR DELETE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION workspace_version_raise_by_key_user();
