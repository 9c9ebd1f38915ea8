package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/punchclock/punchclock/domain"
)

// Custom field values and defaults are stored as JSON text. A NULL default
// means none.

const fieldColumns = `f.id, f.workspace_id, f.name, f.type, f.entity_type, f.status, f.required,
	f.only_admin_can_edit, f.allowed_values, f.description, f.placeholder, f.default_value, f.created_at`

func scanField(s scanner) (domain.CustomField, error) {
	var f domain.CustomField
	var allowed string
	var value sql.NullString
	var created int64
	err := s.Scan(&f.ID, &f.WorkspaceID, &f.Name, &f.Type, &f.EntityType, &f.Status, &f.Required,
		&f.OnlyAdminCanEdit, &allowed, &f.Description, &f.Placeholder, &value, &created)
	if err != nil {
		return f, err
	}
	f.CreatedAt = fromMillis(created)
	if err := fromJSONText(allowed, &f.AllowedValues); err != nil {
		return f, err
	}
	f.DefaultValue, err = nullFieldValue(value)
	return f, err
}

func nullFieldValue(s sql.NullString) (any, error) {
	if !s.Valid {
		return nil, nil
	}
	return domain.FieldValueFromJSON(s.String)
}

// fieldValueText returns the stored form of a value: JSON text, or NULL for nil.
func fieldValueText(v any) (sql.NullString, error) {
	if v == nil {
		return sql.NullString{}, nil
	}
	text, err := jsonText(v)
	return sql.NullString{String: text, Valid: err == nil}, err
}

// CustomField returns the field with the given id in the workspace, with
// its project settings.
func (t *Tx) CustomField(ctx context.Context, workspaceID, id string) (domain.CustomField, error) {
	list, err := t.selectFields(ctx, `SELECT `+fieldColumns+` FROM custom_fields f WHERE f.workspace_id = ? AND f.id = ?`+t.forUpdate("f"), workspaceID, id)
	if err == nil && len(list) == 0 {
		err = domain.ErrNotFound
	}
	if err != nil {
		return domain.CustomField{}, fmt.Errorf("sqlstore: custom field %s: %w", id, err)
	}
	return list[0], nil
}

// CustomFields returns every field of the workspace, oldest first, with
// their project settings.
func (t *Tx) CustomFields(ctx context.Context, workspaceID string) ([]domain.CustomField, error) {
	q := `SELECT ` + fieldColumns + ` FROM custom_fields f WHERE f.workspace_id = ? ORDER BY f.created_at, f.id`
	list, err := t.selectFields(ctx, q, workspaceID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: custom fields of workspace %s: %w", workspaceID, err)
	}
	return list, nil
}

// selectFields runs a field query and fills in the project settings of the
// fields it returns with one more query.
func (t *Tx) selectFields(ctx context.Context, query string, args ...any) ([]domain.CustomField, error) {
	list, err := selectAll(ctx, t, scanField, query, args...)
	if err != nil || len(list) == 0 {
		return list, err
	}
	ids := make([]string, len(list))
	byID := make(map[string]*domain.CustomField, len(list))
	for i := range list {
		ids[i] = list[i].ID
		byID[list[i].ID] = &list[i]
	}

	var w where
	w.in("field_id", ids, false)
	rows, err := t.query(ctx, `SELECT project_id, field_id, status, default_value FROM project_custom_fields`+w.sql()+
		` ORDER BY project_id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var d domain.ProjectFieldDefault
		var value sql.NullString
		if err := rows.Scan(&d.ProjectID, &d.FieldID, &d.Status, &value); err != nil {
			return nil, err
		}
		if d.Value, err = nullFieldValue(value); err != nil {
			return nil, err
		}
		f := byID[d.FieldID]
		f.ProjectDefaults = append(f.ProjectDefaults, d)
	}
	return list, rows.Err()
}

// CreateCustomField inserts f.
func (t *Tx) CreateCustomField(ctx context.Context, f domain.CustomField) error {
	allowed, value, err := fieldTexts(f)
	if err == nil {
		const q = `INSERT INTO custom_fields (id, workspace_id, name, type, entity_type, status, required,
			only_admin_can_edit, allowed_values, description, placeholder, default_value, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		_, err = t.exec(ctx, q, f.ID, f.WorkspaceID, f.Name, f.Type, f.EntityType, f.Status, f.Required,
			f.OnlyAdminCanEdit, allowed, f.Description, f.Placeholder, value, millis(f.CreatedAt))
	}
	if err != nil {
		return fmt.Errorf("sqlstore: creating custom field %q: %w", f.Name, err)
	}
	return nil
}

// UpdateCustomField writes every setting of f except its project settings.
func (t *Tx) UpdateCustomField(ctx context.Context, f domain.CustomField) error {
	allowed, value, err := fieldTexts(f)
	if err == nil {
		const q = `UPDATE custom_fields SET name = ?, type = ?, entity_type = ?, status = ?, required = ?,
			only_admin_can_edit = ?, allowed_values = ?, description = ?, placeholder = ?, default_value = ?
			WHERE workspace_id = ? AND id = ?`
		err = t.execOne(ctx, q, f.Name, f.Type, f.EntityType, f.Status, f.Required, f.OnlyAdminCanEdit,
			allowed, f.Description, f.Placeholder, value, f.WorkspaceID, f.ID)
	}
	if err != nil {
		return fmt.Errorf("sqlstore: updating custom field %s: %w", f.ID, err)
	}
	return nil
}

func fieldTexts(f domain.CustomField) (string, sql.NullString, error) {
	allowed := f.AllowedValues
	if allowed == nil {
		allowed = []string{}
	}
	text, err := jsonText(allowed)
	if err != nil {
		return "", sql.NullString{}, err
	}
	value, err := fieldValueText(f.DefaultValue)
	return text, value, err
}

// DeleteCustomField deletes the field. Its project settings and values go
// with it by cascade.
func (t *Tx) DeleteCustomField(ctx context.Context, workspaceID, id string) error {
	if err := t.execOne(ctx, `DELETE FROM custom_fields WHERE workspace_id = ? AND id = ?`, workspaceID, id); err != nil {
		return fmt.Errorf("sqlstore: deleting custom field %s: %w", id, err)
	}
	return nil
}

// SetProjectFieldDefault inserts or replaces the settings of a field on a project.
func (t *Tx) SetProjectFieldDefault(ctx context.Context, d domain.ProjectFieldDefault) error {
	value, err := fieldValueText(d.Value)
	if err == nil {
		const q = `INSERT INTO project_custom_fields (project_id, field_id, status, default_value) VALUES (?, ?, ?, ?)
			ON CONFLICT (project_id, field_id) DO UPDATE SET status = excluded.status, default_value = excluded.default_value`
		_, err = t.exec(ctx, q, d.ProjectID, d.FieldID, d.Status, value)
	}
	if err != nil {
		return fmt.Errorf("sqlstore: setting custom field %s on project %s: %w", d.FieldID, d.ProjectID, err)
	}
	return nil
}

// DeleteProjectFieldDefault deletes the settings of a field on a project.
func (t *Tx) DeleteProjectFieldDefault(ctx context.Context, projectID, fieldID string) error {
	err := t.execOne(ctx, `DELETE FROM project_custom_fields WHERE project_id = ? AND field_id = ?`, projectID, fieldID)
	if err != nil {
		return fmt.Errorf("sqlstore: removing custom field %s from project %s: %w", fieldID, projectID, err)
	}
	return nil
}

// EntryFieldValues returns the values stored on the given entries, by
// entry id, each entry's in field creation order.
func (t *Tx) EntryFieldValues(ctx context.Context, entryIDs []string) (map[string][]domain.FieldValue, error) {
	out := map[string][]domain.FieldValue{}
	if len(entryIDs) == 0 {
		return out, nil
	}
	var w where
	w.in("v.entry_id", entryIDs, false)
	q := `SELECT v.entry_id, v.field_id, v.value FROM time_entry_custom_values v JOIN custom_fields f ON f.id = v.field_id` +
		w.sql() + ` ORDER BY v.entry_id, f.created_at, f.id`
	if err := t.selectValues(ctx, out, q, w.args...); err != nil {
		return nil, fmt.Errorf("sqlstore: custom field values of %d time entries: %w", len(entryIDs), err)
	}
	return out, nil
}

// SetEntryFieldValues replaces the values stored on an entry.
func (t *Tx) SetEntryFieldValues(ctx context.Context, entryID string, values []domain.FieldValue) error {
	_, err := t.exec(ctx, `DELETE FROM time_entry_custom_values WHERE entry_id = ?`, entryID)
	for _, v := range values {
		if err != nil {
			break
		}
		var text sql.NullString
		if text, err = fieldValueText(v.Value); err == nil && text.Valid {
			_, err = t.exec(ctx, `INSERT INTO time_entry_custom_values (entry_id, field_id, value) VALUES (?, ?, ?)`,
				entryID, v.FieldID, text.String)
		}
	}
	if err != nil {
		return fmt.Errorf("sqlstore: writing custom field values of time entry %s: %w", entryID, err)
	}
	return nil
}

// UserFieldValues returns the values stored on the given members of the
// workspace, by user id.
func (t *Tx) UserFieldValues(ctx context.Context, workspaceID string, userIDs []string) (map[string][]domain.FieldValue, error) {
	out := map[string][]domain.FieldValue{}
	if len(userIDs) == 0 {
		return out, nil
	}
	var w where
	w.add("v.workspace_id = ?", workspaceID)
	w.in("v.user_id", userIDs, false)
	q := `SELECT v.user_id, v.field_id, v.value FROM user_custom_values v JOIN custom_fields f ON f.id = v.field_id` +
		w.sql() + ` ORDER BY v.user_id, f.created_at, f.id`
	if err := t.selectValues(ctx, out, q, w.args...); err != nil {
		return nil, fmt.Errorf("sqlstore: custom field values of %d users in workspace %s: %w", len(userIDs), workspaceID, err)
	}
	return out, nil
}

// selectValues runs a query of (owner id, field id, value) rows into out.
func (t *Tx) selectValues(ctx context.Context, out map[string][]domain.FieldValue, query string, args ...any) error {
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var owner, text string
		var v domain.FieldValue
		if err := rows.Scan(&owner, &v.FieldID, &text); err != nil {
			return err
		}
		if v.Value, err = domain.FieldValueFromJSON(text); err != nil {
			return err
		}
		out[owner] = append(out[owner], v)
	}
	return rows.Err()
}

// SetUserFieldValue inserts or replaces one value of a member, or deletes
// it when v.Value is nil.
func (t *Tx) SetUserFieldValue(ctx context.Context, workspaceID, userID string, v domain.FieldValue) error {
	text, err := fieldValueText(v.Value)
	switch {
	case err != nil:
	case !text.Valid:
		_, err = t.exec(ctx, `DELETE FROM user_custom_values WHERE workspace_id = ? AND user_id = ? AND field_id = ?`,
			workspaceID, userID, v.FieldID)
	default:
		const q = `INSERT INTO user_custom_values (workspace_id, user_id, field_id, value) VALUES (?, ?, ?, ?)
			ON CONFLICT (workspace_id, user_id, field_id) DO UPDATE SET value = excluded.value`
		_, err = t.exec(ctx, q, workspaceID, userID, v.FieldID, text.String)
	}
	if err != nil {
		return fmt.Errorf("sqlstore: writing custom field %s of user %s: %w", v.FieldID, userID, err)
	}
	return nil
}
