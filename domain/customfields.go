package domain

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// CustomFieldInput is the body of a custom field create or update. On
// update, a nil Status or AllowedValues keeps the stored one, and the
// entity type cannot change. The other fields replace the stored ones.
type CustomFieldInput struct {
	Name             string
	Type             string
	EntityType       string // "" means TIMEENTRY, and updates ignore it
	Status           *string
	AllowedValues    *[]string
	Description      string
	Placeholder      string
	Required         bool
	OnlyAdminCanEdit bool
	DefaultValue     json.RawMessage // JSON null or absent means none
}

// CustomFieldFilter selects workspace custom fields. Zero fields do not filter.
type CustomFieldFilter struct {
	Name        string   // substring, case-insensitive
	Status      string   // one of FieldStatuses
	EntityTypes []string // any of FieldEntityTypes
}

func (f CustomFieldFilter) match(c CustomField, status string) bool {
	if f.Name != "" && !strings.Contains(strings.ToLower(c.Name), strings.ToLower(f.Name)) {
		return false
	}
	if f.Status != "" && status != f.Status {
		return false
	}
	return len(f.EntityTypes) == 0 || slices.Contains(f.EntityTypes, c.EntityType)
}

// CustomFields returns the workspace's custom fields that f selects, oldest
// first. Every member may list them, because members fill them in.
func (s *Service) CustomFields(ctx context.Context, a Actor, f CustomFieldFilter) ([]CustomField, error) {
	var out []CustomField
	err := s.store.View(ctx, func(tx Tx) error {
		fields, err := tx.CustomFields(ctx, a.Workspace.ID)
		for _, c := range fields {
			if f.match(c, c.Status) {
				out = append(out, c)
			}
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list custom fields: %w", err)
	}
	return out, nil
}

// ProjectCustomFields returns the time-entry fields as they apply on a
// project: each with its status on the project and only that project's
// settings in ProjectDefaults. The status filter applies to the status on
// the project.
func (s *Service) ProjectCustomFields(ctx context.Context, a Actor, projectID string, f CustomFieldFilter) ([]CustomField, error) {
	var out []CustomField
	err := s.store.View(ctx, func(tx Tx) error {
		p, err := entryProject(ctx, tx, a.Workspace.ID, projectID)
		if err != nil {
			return err
		}
		if err := a.RequireProjectRead(p); err != nil {
			return err
		}
		fields, err := tx.CustomFields(ctx, a.Workspace.ID)
		for _, c := range fields {
			if c.EntityType != FieldOfTimeEntry {
				continue
			}
			if !f.match(c, c.statusOn(projectID)) {
				continue
			}
			out = append(out, onProject(c, projectID))
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list custom fields of project %s: %w", projectID, err)
	}
	return out, nil
}

// onProject returns c as it applies on the project.
func onProject(c CustomField, projectID string) CustomField {
	c.Status = c.statusOn(projectID)
	d, ok := c.projectDefault(projectID)
	c.ProjectDefaults = nil
	if ok {
		c.ProjectDefaults = []ProjectFieldDefault{d}
	}
	return c
}

// CreateCustomField creates a workspace custom field. Only admins manage
// custom fields. A new field is INACTIVE unless the input names a status,
// as a field created in Clockify's settings page waits until it is
// activated.
func (s *Service) CreateCustomField(ctx context.Context, a Actor, in CustomFieldInput) (CustomField, error) {
	if err := a.Require(ManageWorkspace); err != nil {
		return CustomField{}, err
	}
	entity := in.EntityType
	if entity == "" {
		entity = FieldOfTimeEntry
	}
	if !slices.Contains(FieldEntityTypes, entity) {
		return CustomField{}, Invalidf("entityType %s is not valid: use TIMEENTRY or USER", clip(entity))
	}
	f := CustomField{ID: NewID(), WorkspaceID: a.Workspace.ID, EntityType: entity, Status: FieldInactive}
	err := s.store.Update(ctx, func(tx Tx) error {
		f.CreatedAt = tx.Now().Truncate(time.Millisecond)
		if err := applyFieldInput(&f, in, true); err != nil {
			return err
		}
		fields, err := lockedFields(ctx, tx, a.Workspace.ID)
		if err != nil {
			return err
		}
		if len(fields) >= maxFields {
			return Invalidf("Workspace %s already has %d custom fields, which is the maximum, so delete one first", a.Workspace.ID, maxFields)
		}
		// Lists are in creation order, so a field created in the same
		// millisecond as the previous one still sorts after it.
		if n := len(fields); n > 0 && !f.CreatedAt.After(fields[n-1].CreatedAt) {
			f.CreatedAt = fields[n-1].CreatedAt.Add(time.Millisecond)
		}
		if err := checkVisibleCount(append(fields, f)); err != nil {
			return err
		}
		return fieldConflict(tx.CreateCustomField(ctx, f), f.Name)
	})
	if err != nil {
		return CustomField{}, fmt.Errorf("create custom field: %w", err)
	}
	return f, nil
}

// UpdateCustomField replaces a field's settings. Its type and entity type
// cannot change, because stored values would no longer fit.
func (s *Service) UpdateCustomField(ctx context.Context, a Actor, id string, in CustomFieldInput) (CustomField, error) {
	if err := a.Require(ManageWorkspace); err != nil {
		return CustomField{}, err
	}
	var f CustomField
	err := s.store.Update(ctx, func(tx Tx) error {
		var err error
		if f, err = getField(ctx, tx, a.Workspace.ID, id); err != nil {
			return err
		}
		if in.Type != "" && in.Type != f.Type {
			return Invalidf("Custom field %s has type %s, which cannot change to %s; create a new field instead", clip(f.Name), f.Type, clip(in.Type))
		}
		if err := applyFieldInput(&f, in, false); err != nil {
			return err
		}
		fields, err := lockedFields(ctx, tx, a.Workspace.ID)
		if err != nil {
			return err
		}
		for i := range fields {
			if fields[i].ID == f.ID {
				fields[i] = f
			}
		}
		if err := checkVisibleCount(fields); err != nil {
			return err
		}
		return fieldConflict(tx.UpdateCustomField(ctx, f), f.Name)
	})
	if err != nil {
		return CustomField{}, fmt.Errorf("update custom field %s: %w", id, err)
	}
	return f, nil
}

// DeleteCustomField deletes a field with every value stored for it.
func (s *Service) DeleteCustomField(ctx context.Context, a Actor, id string) error {
	if err := a.Require(ManageWorkspace); err != nil {
		return err
	}
	err := s.store.Update(ctx, func(tx Tx) error {
		if _, err := getField(ctx, tx, a.Workspace.ID, id); err != nil {
			return err
		}
		return tx.DeleteCustomField(ctx, a.Workspace.ID, id)
	})
	if err != nil {
		return fmt.Errorf("delete custom field %s: %w", id, err)
	}
	return nil
}

// ProjectFieldInput is the body of a project's custom field PATCH. A nil
// Status keeps the project's current status for the field.
type ProjectFieldInput struct {
	Status       *string
	DefaultValue json.RawMessage
}

// SetProjectCustomField sets a time-entry field's status and default value
// on one project, and returns the field with all its project settings.
func (s *Service) SetProjectCustomField(ctx context.Context, a Actor, projectID, fieldID string, in ProjectFieldInput) (CustomField, error) {
	var f CustomField
	err := s.store.Update(ctx, func(tx Tx) error {
		if err := requireFieldProjectEdit(ctx, tx, a, projectID); err != nil {
			return err
		}
		if _, err := lockedFields(ctx, tx, a.Workspace.ID); err != nil {
			return err
		}
		var err error
		if f, err = getField(ctx, tx, a.Workspace.ID, fieldID); err != nil {
			return err
		}
		if f.EntityType != FieldOfTimeEntry {
			return Invalidf("Custom field %s describes users, so it has no project settings", clip(f.Name))
		}
		d := ProjectFieldDefault{ProjectID: projectID, FieldID: fieldID, Status: f.statusOn(projectID)}
		if in.Status != nil {
			if !slices.Contains(FieldStatuses, *in.Status) {
				return Invalidf("status %s is not valid: use INACTIVE, VISIBLE or INVISIBLE", clip(*in.Status))
			}
			d.Status = *in.Status
		}
		if d.Value, err = f.DecodeFieldValue(in.DefaultValue); err != nil {
			return err
		}
		if err := tx.SetProjectFieldDefault(ctx, d); err != nil {
			return err
		}
		fields, err := tx.CustomFields(ctx, a.Workspace.ID)
		if err != nil {
			return err
		}
		if err := checkVisibleOnProject(fields, projectID); err != nil {
			return err
		}
		f, err = getField(ctx, tx, a.Workspace.ID, fieldID)
		return err
	})
	if err != nil {
		return CustomField{}, fmt.Errorf("set custom field %s on project %s: %w", fieldID, projectID, err)
	}
	return f, nil
}

// RemoveProjectCustomField drops a field's settings on a project, so that
// the project inherits the workspace's again. Removing settings that do not
// exist changes nothing.
func (s *Service) RemoveProjectCustomField(ctx context.Context, a Actor, projectID, fieldID string) (CustomField, error) {
	var f CustomField
	err := s.store.Update(ctx, func(tx Tx) error {
		if err := requireFieldProjectEdit(ctx, tx, a, projectID); err != nil {
			return err
		}
		if _, err := getField(ctx, tx, a.Workspace.ID, fieldID); err != nil {
			return err
		}
		err := tx.DeleteProjectFieldDefault(ctx, projectID, fieldID)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		f, err = getField(ctx, tx, a.Workspace.ID, fieldID)
		return err
	})
	if err != nil {
		return CustomField{}, fmt.Errorf("remove custom field %s from project %s: %w", fieldID, projectID, err)
	}
	return f, nil
}

// requireFieldProjectEdit checks that the project exists and that the actor
// may change its settings, custom fields included: admins and the project's
// managers.
func requireFieldProjectEdit(ctx context.Context, tx Tx, a Actor, projectID string) error {
	p, err := entryProject(ctx, tx, a.Workspace.ID, projectID)
	if err != nil {
		return err
	}
	return a.RequireProjectEdit(p)
}

// applyFieldInput writes in onto f after checking it.
func applyFieldInput(f *CustomField, in CustomFieldInput, create bool) error {
	name := strings.TrimSpace(in.Name)
	if n := utf8.RuneCountInString(name); n < minFieldName || n > maxFieldName {
		return Invalidf("Custom field name %s must be from %d to %d characters long", clip(in.Name), minFieldName, maxFieldName)
	}
	if !utf8.ValidString(name) || strings.ContainsRune(name, 0) {
		return Invalidf("Custom field name must be UTF-8 text without NUL characters")
	}
	if create {
		if !slices.Contains(FieldTypes, in.Type) {
			return Invalidf("type %s is not valid: use one of %s", clip(in.Type), strings.Join(FieldTypes, ", "))
		}
		f.Type = in.Type
	}
	if in.Status != nil {
		if !slices.Contains(FieldStatuses, *in.Status) {
			return Invalidf("status %s is not valid: use INACTIVE, VISIBLE or INVISIBLE", clip(*in.Status))
		}
		f.Status = *in.Status
	}
	if utf8.RuneCountInString(in.Description) > maxFieldText {
		return Invalidf("Custom field description may be at most %d characters long", maxFieldText)
	}
	if utf8.RuneCountInString(in.Placeholder) > maxFieldPlaceholder {
		return Invalidf("Custom field placeholder may be at most %d characters long", maxFieldPlaceholder)
	}
	f.Name, f.Description, f.Placeholder = name, in.Description, in.Placeholder
	f.Required, f.OnlyAdminCanEdit = in.Required, in.OnlyAdminCanEdit

	if in.AllowedValues != nil {
		values, err := allowedValues(f.Type, *in.AllowedValues)
		if err != nil {
			return err
		}
		f.AllowedValues = values
	}
	dropdown := f.Type == FieldDropdownSingle || f.Type == FieldDropdownMultiple
	if dropdown && len(f.AllowedValues) == 0 {
		return Invalidf("Custom field %s of type %s needs at least one allowed value in allowedValues", clip(f.Name), f.Type)
	}
	if f.AllowedValues == nil {
		f.AllowedValues = []string{}
	}

	value, err := f.DecodeFieldValue(in.DefaultValue)
	if err != nil {
		return err
	}
	f.DefaultValue = value
	return nil
}

// allowedValues checks the choices of a dropdown: trimmed, non-blank and
// distinct. Other types take none.
func allowedValues(fieldType string, values []string) ([]string, error) {
	if fieldType != FieldDropdownSingle && fieldType != FieldDropdownMultiple {
		if len(values) > 0 {
			return nil, Invalidf("allowedValues apply only to DROPDOWN_SINGLE and DROPDOWN_MULTIPLE fields, not to %s", fieldType)
		}
		return []string{}, nil
	}
	if len(values) > maxFieldAllowedValues {
		return nil, Invalidf("allowedValues may list at most %d values, got %d", maxFieldAllowedValues, len(values))
	}
	out := make([]string, 0, len(values))
	for _, v := range values {
		v = strings.TrimSpace(v)
		if v == "" {
			return nil, Invalidf("allowedValues must not contain blank values")
		}
		if utf8.RuneCountInString(v) > maxFieldName {
			return nil, Invalidf("Allowed value %s is longer than %d characters", clip(v), maxFieldName)
		}
		if slices.Contains(out, v) {
			return nil, Invalidf("Allowed value %s is listed twice", clip(v))
		}
		out = append(out, v)
	}
	return out, nil
}

// checkVisibleCount enforces Clockify's limit of visible fields per
// workspace, counted for time-entry and user fields apart.
func checkVisibleCount(fields []CustomField) error {
	for _, entity := range FieldEntityTypes {
		n := 0
		for _, f := range fields {
			if f.EntityType == entity && f.Status == FieldVisible {
				n++
			}
		}
		if n > maxVisibleFields {
			return Invalidf("A workspace may have at most %d visible %s custom fields; make another one INVISIBLE or INACTIVE first", maxVisibleFields, entity)
		}
	}
	return nil
}

// checkVisibleOnProject enforces the limit of fields visible on one project:
// the workspace's visible ones plus up to 5 more.
func checkVisibleOnProject(fields []CustomField, projectID string) error {
	n := 0
	for _, f := range fields {
		if f.EntityType == FieldOfTimeEntry && f.statusOn(projectID) == FieldVisible {
			n++
		}
	}
	if n > maxVisibleOnProject {
		return Invalidf("A project may show at most %d visible custom fields; make another one INVISIBLE or INACTIVE on project %s first", maxVisibleOnProject, projectID)
	}
	return nil
}

// lockedFields locks the workspace row until the transaction ends and
// returns the workspace's fields. Changes that count fields take the lock
// first, so that two concurrent creates cannot both pass a limit.
func lockedFields(ctx context.Context, tx Tx, workspaceID string) ([]CustomField, error) {
	if _, err := tx.Workspace(ctx, workspaceID); err != nil {
		return nil, err
	}
	return tx.CustomFields(ctx, workspaceID)
}

func getField(ctx context.Context, tx Tx, workspaceID, id string) (CustomField, error) {
	if !ValidID(id) {
		return CustomField{}, fieldNotFound(workspaceID, id)
	}
	f, err := tx.CustomField(ctx, workspaceID, id)
	if errors.Is(err, ErrNotFound) {
		return CustomField{}, fieldNotFound(workspaceID, id)
	}
	return f, err
}

func fieldNotFound(workspaceID, id string) error {
	return Invalidf("CUSTOM_FIELD with id %s doesn't belong to WORKSPACE with id %s", clip(id), workspaceID)
}

func fieldConflict(err error, name string) error {
	if errors.Is(err, ErrConflict) {
		return Invalidf("Custom field with name %s already exists", clip(name))
	}
	return err
}

// copyProjectFields gives the project "to" the custom field settings of the
// project from, as a project created from a template takes them.
func copyProjectFields(ctx context.Context, tx Tx, workspaceID, from, to string) error {
	fields, err := tx.CustomFields(ctx, workspaceID)
	if err != nil {
		return err
	}
	for _, f := range fields {
		d, ok := f.projectDefault(from)
		if !ok {
			continue
		}
		d.ProjectID = to
		if err := tx.SetProjectFieldDefault(ctx, d); err != nil {
			return err
		}
	}
	return nil
}
