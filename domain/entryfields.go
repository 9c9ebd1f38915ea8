package domain

import (
	"context"
	"encoding/json"
	"slices"
)

// FieldInput is one item of a time entry's customFields: the value to
// set for a field. A JSON null or "" value clears the entry's own value.
type FieldInput struct {
	FieldID string
	Value   json.RawMessage
}

// EntryFieldValue is a custom field value shown on a time entry. Source is
// TIMEENTRY for a value set on the entry, and PROJECT or WORKSPACE for one
// the entry inherits from a default.
type EntryFieldValue struct {
	FieldID string
	Name    string
	Source  string
	Value   any
}

// msgFieldRequired follows the pattern of Clockify's messages for the
// other required fields of a time entry.
const msgFieldRequired = "Time entry couldn't be created. Custom field %s is required field. Please change your input or update your workspace settings."

// saveEntryFields applies a create's or update's customFields to the entry
// e, which the transaction has just written, and then checks that a
// completed entry has a value for every required field visible on its
// project. The values that the inputs change start from those stored on
// the entry baseID: e itself on update, the copied entry on a copy, none
// when baseID is "".
//
// Values stay on the entry when its project changes. Defaults are not
// copied onto the entry but inherited when it is read, so a changed project
// or workspace default shows on every entry without its own value.
func saveEntryFields(ctx context.Context, tx Tx, a Actor, e TimeEntry, inputs []FieldInput, baseID string) error {
	if len(inputs) > maxEntryFieldValues {
		return Invalidf("customFields may list at most %d values, got %d", maxEntryFieldValues, len(inputs))
	}
	fields, err := tx.CustomFields(ctx, e.WorkspaceID)
	if err != nil {
		return err
	}
	if len(fields) == 0 {
		if len(inputs) > 0 {
			return fieldNotFound(e.WorkspaceID, inputs[0].FieldID)
		}
		return nil
	}
	var base []FieldValue
	if baseID != "" {
		stored, err := tx.EntryFieldValues(ctx, []string{baseID})
		if err != nil {
			return err
		}
		base = stored[baseID]
	}

	values := slices.Clone(base)
	changed := baseID != e.ID && len(values) > 0
	seen := map[string]bool{}
	for _, in := range inputs {
		if seen[in.FieldID] {
			return Invalidf("customFields names custom field %s twice", clip(in.FieldID))
		}
		seen[in.FieldID] = true
		f, ok := fieldByID(fields, in.FieldID)
		if !ok || f.EntityType != FieldOfTimeEntry {
			return fieldNotFound(e.WorkspaceID, in.FieldID)
		}
		value, err := f.DecodeFieldValue(in.Value)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(values, func(v FieldValue) bool { return v.FieldID == f.ID })
		var old any
		if i >= 0 {
			old = values[i].Value
		}
		if sameFieldValue(old, value) {
			continue
		}
		if f.statusOn(e.ProjectID) == FieldInactive {
			return Invalidf("Custom field %s is inactive on this time entry's project, so it takes no value", clip(f.Name))
		}
		if f.OnlyAdminCanEdit && !a.IsAdmin() {
			return Errorf(KindForbidden, CodeBusinessRule, "Only workspace admins may change custom field %s", clip(f.Name))
		}
		switch {
		case i >= 0 && value == nil:
			values = slices.Delete(values, i, i+1)
		case i >= 0:
			values[i].Value = value
		case value != nil:
			values = append(values, FieldValue{FieldID: f.ID, Value: value})
		}
		changed = true
	}

	if changed {
		if err := tx.SetEntryFieldValues(ctx, e.ID, values); err != nil {
			return err
		}
	}
	if e.Running() {
		return nil
	}
	return checkRequiredFields(fields, e, values)
}

// checkStoredEntryFields checks the required custom fields of an entry
// that is being completed without a change to its values, as a stopped
// timer is.
func checkStoredEntryFields(ctx context.Context, tx Tx, e TimeEntry) error {
	fields, err := tx.CustomFields(ctx, e.WorkspaceID)
	if err != nil || !anyRequired(fields) {
		return err
	}
	stored, err := tx.EntryFieldValues(ctx, []string{e.ID})
	if err != nil {
		return err
	}
	return checkRequiredFields(fields, e, stored[e.ID])
}

func anyRequired(fields []CustomField) bool {
	return slices.ContainsFunc(fields, func(f CustomField) bool { return f.Required })
}

// checkRequiredFields returns Clockify's required-field error for the first
// required time-entry field that is visible on the entry's project and has
// neither a value on the entry nor a default.
func checkRequiredFields(fields []CustomField, e TimeEntry, values []FieldValue) error {
	for _, f := range fields {
		if !f.Required || f.EntityType != FieldOfTimeEntry || f.statusOn(e.ProjectID) != FieldVisible {
			continue
		}
		if slices.ContainsFunc(values, func(v FieldValue) bool { return v.FieldID == f.ID && v.Value != nil }) {
			continue
		}
		if inherited, _ := f.defaultOn(e.ProjectID); inherited != nil {
			continue
		}
		return Invalidf(msgFieldRequired, clip(f.Name))
	}
	return nil
}

// entryFieldViews returns the custom field values each entry shows, by
// entry id: for every time-entry field that is not inactive on the entry's
// project, the entry's own value, or else the project's default, or else
// the workspace's default. Fields without any of these are left out.
func entryFieldViews(ctx context.Context, tx Tx, workspaceID string, list []TimeEntry) (map[string][]EntryFieldValue, error) {
	if len(list) == 0 {
		return nil, nil
	}
	fields, err := tx.CustomFields(ctx, workspaceID)
	if err != nil || len(fields) == 0 {
		return nil, err
	}
	ids := make([]string, len(list))
	for i, e := range list {
		ids[i] = e.ID
	}
	stored, err := tx.EntryFieldValues(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]EntryFieldValue, len(list))
	for _, e := range list {
		out[e.ID] = shownEntryValues(fields, e.ProjectID, stored[e.ID])
	}
	return out, nil
}

// shownEntryValues returns the values an entry on the project shows, given
// the values stored on it, as entryFieldViews describes them.
func shownEntryValues(fields []CustomField, projectID string, stored []FieldValue) []EntryFieldValue {
	var out []EntryFieldValue
	for _, f := range fields {
		if f.EntityType != FieldOfTimeEntry || f.statusOn(projectID) == FieldInactive {
			continue
		}
		v := EntryFieldValue{FieldID: f.ID, Name: f.Name, Source: SourceTimeEntry}
		if i := slices.IndexFunc(stored, func(s FieldValue) bool { return s.FieldID == f.ID }); i >= 0 {
			v.Value = stored[i].Value
		} else {
			v.Value, v.Source = f.defaultOn(projectID)
		}
		if v.Value != nil {
			out = append(out, v)
		}
	}
	return out
}

// ShownFieldValues returns the custom field values that an entry on the
// project shows, given the workspace's fields and the values stored on the
// entry: its own, or else the project's or the workspace's default, for
// every time-entry field not inactive on the project. Reports that read
// stored values in bulk use it to match the time entry API.
func ShownFieldValues(fields []CustomField, projectID string, stored []FieldValue) []FieldValue {
	shown := shownEntryValues(fields, projectID, stored)
	out := make([]FieldValue, len(shown))
	for i, v := range shown {
		out[i] = FieldValue{FieldID: v.FieldID, Value: v.Value}
	}
	return out
}

func fieldByID(fields []CustomField, id string) (CustomField, bool) {
	for _, f := range fields {
		if f.ID == id {
			return f, true
		}
	}
	return CustomField{}, false
}

// EntryCustomFieldValues returns the custom field values each entry shows,
// by entry id, inside a transaction the caller runs. Reports use it to
// filter by custom fields and show them. Each value is the entry's own or
// else the project's or workspace's default, for every time-entry field
// not inactive on the entry's project.
func EntryCustomFieldValues(ctx context.Context, tx Tx, workspaceID string, list []TimeEntry) (map[string][]EntryFieldValue, error) {
	return entryFieldViews(ctx, tx, workspaceID, list)
}
