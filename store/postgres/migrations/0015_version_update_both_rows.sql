-- The update triggers of migration 0009 raised the version of the
-- workspace that a changed row belongs to after the change only. A row
-- moved to another workspace, project, group or user by plain SQL, such as
-- an API key given to another user, left the workspace it came from on its
-- old version, where the catalog cache kept the old row. The update
-- triggers now raise the versions of the row before and after the change.

CREATE OR REPLACE FUNCTION workspace_version_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = OLD.workspace_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = NEW.workspace_id;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION workspace_version_raise_by_project() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM projects WHERE id = OLD.project_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM projects WHERE id = NEW.project_id);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION workspace_version_raise_by_group() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM user_groups WHERE id = OLD.group_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM user_groups WHERE id = NEW.group_id);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION workspace_version_raise_by_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM members WHERE user_id = OLD.id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM members WHERE user_id = NEW.id);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION workspace_version_raise_by_key_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM members WHERE user_id = OLD.user_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        UPDATE workspace_versions SET version = version + 1 WHERE workspace_id IN (SELECT workspace_id FROM members WHERE user_id = NEW.user_id);
    END IF;
    RETURN NULL;
END $$;
