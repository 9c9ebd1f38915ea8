package domain

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Custom field types, as Clockify names them.
const (
	FieldText             = "TXT"
	FieldNumber           = "NUMBER"
	FieldLink             = "LINK"
	FieldCheckbox         = "CHECKBOX"
	FieldDropdownSingle   = "DROPDOWN_SINGLE"
	FieldDropdownMultiple = "DROPDOWN_MULTIPLE"
)

// FieldTypes lists the custom field types in Clockify's order.
var FieldTypes = []string{FieldText, FieldNumber, FieldDropdownSingle, FieldDropdownMultiple, FieldCheckbox, FieldLink}

// The entities a custom field describes.
const (
	FieldOfTimeEntry = "TIMEENTRY"
	FieldOfUser      = "USER"
)

// FieldEntityTypes lists the entity types a custom field may have.
var FieldEntityTypes = []string{FieldOfTimeEntry, FieldOfUser}

// Custom field statuses. A VISIBLE field shows on time entries (or users)
// in Clockify's apps, an INVISIBLE one is kept and returned by the API but not
// shown, and an INACTIVE one takes no values and returns none.
const (
	FieldVisible   = "VISIBLE"
	FieldInvisible = "INVISIBLE"
	FieldInactive  = "INACTIVE"
)

// FieldStatuses lists the custom field statuses.
var FieldStatuses = []string{FieldInactive, FieldVisible, FieldInvisible}

// Sources of a value shown on a time entry or user: set on the entry or user
// itself, or inherited from the project's or workspace's default.
const (
	SourceTimeEntry = "TIMEENTRY"
	SourceUser      = "USER"
	SourceProject   = "PROJECT"
	SourceWorkspace = "WORKSPACE"
)

// Limits on custom fields. Clockify's help pages give the 50 fields per
// workspace, the 5 visible fields per workspace and the 5 more per project.
//
// NOTE: the text limits are Punchclock's own. Clockify documents none except
// the name's 2 to 250 characters.
const (
	maxFields             = 50
	maxVisibleFields      = 5
	maxVisibleOnProject   = maxVisibleFields + 5
	minFieldName          = 2
	maxFieldName          = 250
	maxFieldText          = 3000
	maxFieldAllowedValues = 500
	maxEntryFieldValues   = 50
	maxFieldPlaceholder   = 250
)

// CustomField is a workspace-wide custom field of time entries or users.
// Values are a string (TXT, LINK, DROPDOWN_SINGLE), a float64 (NUMBER), a
// bool (CHECKBOX) or a []string (DROPDOWN_MULTIPLE), and nil means none.
type CustomField struct {
	ID               string
	WorkspaceID      string
	Name             string
	Type             string
	EntityType       string
	Status           string
	Required         bool
	OnlyAdminCanEdit bool
	AllowedValues    []string
	Description      string
	Placeholder      string
	DefaultValue     any
	// ProjectDefaults are the field's settings on single projects, filled
	// by the store on reads and ordered by project id.
	ProjectDefaults []ProjectFieldDefault
	CreatedAt       time.Time
}

// ProjectFieldDefault overrides a time-entry field's status and default
// value on one project.
type ProjectFieldDefault struct {
	ProjectID string
	FieldID   string
	Status    string
	Value     any
}

// FieldValue is the value of one custom field stored on a time entry or a
// workspace member.
type FieldValue struct {
	FieldID string
	Value   any
}

// CustomFieldStore persists custom fields, their project settings and their
// values.
type CustomFieldStore interface {
	CustomField(ctx context.Context, workspaceID, id string) (CustomField, error)
	// CustomFields returns every field of the workspace, oldest first.
	CustomFields(ctx context.Context, workspaceID string) ([]CustomField, error)
	// CreateCustomField inserts f. A name that another field of the same
	// entity type has, in any letter case, is rejected with ErrConflict.
	CreateCustomField(ctx context.Context, f CustomField) error
	// UpdateCustomField writes every field of f except its project defaults.
	UpdateCustomField(ctx context.Context, f CustomField) error
	// DeleteCustomField deletes the field with its project settings and values.
	DeleteCustomField(ctx context.Context, workspaceID, id string) error
	// SetProjectFieldDefault inserts or replaces the settings of a field on a project.
	SetProjectFieldDefault(ctx context.Context, d ProjectFieldDefault) error
	DeleteProjectFieldDefault(ctx context.Context, projectID, fieldID string) error

	// EntryFieldValues returns the values stored on the given entries, by
	// entry id.
	EntryFieldValues(ctx context.Context, entryIDs []string) (map[string][]FieldValue, error)
	// SetEntryFieldValues replaces the values stored on an entry.
	SetEntryFieldValues(ctx context.Context, entryID string, values []FieldValue) error
	// UserFieldValues returns the values stored on the given members of the
	// workspace, by user id.
	UserFieldValues(ctx context.Context, workspaceID string, userIDs []string) (map[string][]FieldValue, error)
	// SetUserFieldValue inserts or replaces one value of a member, or
	// deletes it when v.Value is nil.
	SetUserFieldValue(ctx context.Context, workspaceID, userID string, v FieldValue) error
}

// statusOn returns the field's status on a project: the project's own
// setting when it has one, and the workspace-wide status otherwise.
func (f CustomField) statusOn(projectID string) string {
	if d, ok := f.projectDefault(projectID); ok {
		return d.Status
	}
	return f.Status
}

func (f CustomField) projectDefault(projectID string) (ProjectFieldDefault, bool) {
	if projectID == "" {
		return ProjectFieldDefault{}, false
	}
	for _, d := range f.ProjectDefaults {
		if d.ProjectID == projectID {
			return d, true
		}
	}
	return ProjectFieldDefault{}, false
}

// defaultOn returns the value an entry on the project inherits, and where
// it comes from, or nil when there is none.
func (f CustomField) defaultOn(projectID string) (any, string) {
	if d, ok := f.projectDefault(projectID); ok && d.Value != nil {
		return d.Value, SourceProject
	}
	if f.DefaultValue != nil {
		return f.DefaultValue, SourceWorkspace
	}
	return nil, ""
}

// DecodeFieldValue parses a value from JSON. JSON null, "" and [] are nil,
// which means no value. Other values are checked against the field's type
// and allowed values and returned in their stored form.
func (f CustomField) DecodeFieldValue(raw json.RawMessage) (any, error) {
	var v any
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, Invalidf("Value of custom field %s is not valid JSON: %v", clip(f.Name), err)
		}
	}
	return f.normalize(v)
}

// normalize checks a decoded JSON value against the field and returns it in
// its stored form.
func (f CustomField) normalize(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	if s, ok := v.(string); ok && s == "" {
		return nil, nil
	}
	switch f.Type {
	case FieldText:
		s, ok := v.(string)
		if !ok {
			return nil, f.badValue(v, "a text field takes a string")
		}
		if utf8.RuneCountInString(s) > maxFieldText {
			return nil, f.badValue(v, fmt.Sprintf("text may be at most %d characters long", maxFieldText))
		}
		return s, nil
	case FieldNumber:
		return f.number(v)
	case FieldLink:
		s, ok := v.(string)
		if !ok {
			return nil, f.badValue(v, "a link field takes a URL string")
		}
		if !isWebLink(s) {
			return nil, f.badValue(v, "a link must be an absolute http or https URL, such as https://example.com/receipt")
		}
		return s, nil
	case FieldCheckbox:
		switch b := v.(type) {
		case bool:
			return b, nil
		case string:
			if b == "true" || b == "false" {
				return b == "true", nil
			}
		}
		return nil, f.badValue(v, "a checkbox field takes true or false")
	case FieldDropdownSingle:
		s, ok := v.(string)
		if !ok {
			return nil, f.badValue(v, "a single-choice dropdown takes one of its allowed values as a string")
		}
		if !slices.Contains(f.AllowedValues, s) {
			return nil, f.notAllowed(s)
		}
		return s, nil
	case FieldDropdownMultiple:
		return f.choices(v)
	}
	return nil, Invalidf("Custom field %s has unknown type %s", clip(f.Name), f.Type)
}

func (f CustomField) number(v any) (any, error) {
	var n float64
	switch x := v.(type) {
	case float64:
		n = x
	case string:
		parsed, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if errors.Is(err, strconv.ErrRange) {
			return nil, f.badValue(v, "a number field takes a finite number")
		}
		if err != nil {
			return nil, f.badValue(v, "a number field takes a number such as 12.5")
		}
		n = parsed
	default:
		return nil, f.badValue(v, "a number field takes a number such as 12.5")
	}
	if math.IsNaN(n) || math.IsInf(n, 0) {
		return nil, f.badValue(v, "a number field takes a finite number")
	}
	return n, nil
}

// choices checks a DROPDOWN_MULTIPLE value: a list of allowed values, or one
// allowed value as a string. Repeats are dropped.
func (f CustomField) choices(v any) (any, error) {
	var items []any
	switch x := v.(type) {
	case string:
		items = []any{x}
	case []any:
		items = x
	case []string:
		for _, s := range x {
			items = append(items, s)
		}
	default:
		return nil, f.badValue(v, "a multiple-choice dropdown takes a list of its allowed values")
	}
	var out []string
	for _, item := range items {
		s, ok := item.(string)
		if !ok {
			return nil, f.badValue(v, "a multiple-choice dropdown takes a list of strings")
		}
		if !slices.Contains(f.AllowedValues, s) {
			return nil, f.notAllowed(s)
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

func (f CustomField) badValue(v any, rule string) error {
	text, err := json.Marshal(v)
	if err != nil {
		text = []byte(fmt.Sprint(v))
	}
	return Invalidf("Value %s is not valid for custom field %s of type %s: %s", clip(string(text)), clip(f.Name), f.Type, rule)
}

func (f CustomField) notAllowed(s string) error {
	return Invalidf("Value %s is not one of the allowed values of custom field %s: use one of %s",
		clip(s), clip(f.Name), strings.Join(f.AllowedValues, ", "))
}

// isWebLink reports whether s is an absolute http or https URL with a host.
func isWebLink(s string) bool {
	if utf8.RuneCountInString(s) > maxFieldText || strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// FieldValueFromJSON decodes a value stored as JSON text: a string, number,
// boolean or list of strings.
func FieldValueFromJSON(text string) (any, error) {
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		return nil, fmt.Errorf("decode custom field value %q: %w", text, err)
	}
	if list, ok := v.([]any); ok {
		out := make([]string, 0, len(list))
		for _, item := range list {
			s, ok := item.(string)
			if !ok {
				return nil, fmt.Errorf("decode custom field value %q: list item %v is not a string", text, item)
			}
			out = append(out, s)
		}
		return out, nil
	}
	return v, nil
}

// sameFieldValue reports whether two stored values are equal.
func sameFieldValue(a, b any) bool {
	x, errA := json.Marshal(a)
	y, errB := json.Marshal(b)
	return errA == nil && errB == nil && string(x) == string(y)
}
