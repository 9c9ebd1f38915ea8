package reports

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/punchclock/punchclock/domain"
)

// checkFieldFilters checks the custom field filters of a request.
func checkFieldFilters(name string, filters []FieldFilter) error {
	for _, f := range filters {
		if !domain.ValidID(f.ID) {
			return domain.Invalidf("Field '%s.id' has the value '%s', which is not a 24-hex id", name, f.ID)
		}
		if err := oneOf(name+".type", f.Type, domain.FieldTypes...); err != nil {
			return err
		}
		if err := oneOf(name+".numberCondition", f.NumberCondition, "EQUAL", "GREATER_THAN", "LESS_THAN"); err != nil {
			return err
		}
	}
	return nil
}

// valueOf returns the value of field id among values, or nil.
func valueOf(values []domain.FieldValue, id string) any {
	for _, v := range values {
		if v.FieldID == id {
			return v.Value
		}
	}
	return nil
}

// isEmptyValue reports whether a stored value counts as no value.
func isEmptyValue(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(x) == ""
	case []string:
		return len(x) == 0
	}
	return false
}

// matchField applies one custom field filter to a value of a field of the
// given type. Text and links match as case-insensitive substrings, numbers
// by numberCondition and single dropdowns exactly. Multiple dropdowns match
// when they share a choice with the filter, checkboxes by their state.
func matchField(f FieldFilter, fieldType string, v any) bool {
	if f.IsEmpty {
		return isEmptyValue(v)
	}
	if isEmptyValue(v) {
		// A filter on an unchecked checkbox matches entries without a value.
		return fieldType == domain.FieldCheckbox && !truthy(f.Value)
	}
	switch fieldType {
	case domain.FieldNumber:
		got, ok1 := v.(float64)
		want, ok2 := number(f.Value)
		if !ok1 || !ok2 {
			return false
		}
		switch f.NumberCondition {
		case "GREATER_THAN":
			return got > want
		case "LESS_THAN":
			return got < want
		}
		return got == want
	case domain.FieldCheckbox:
		got, _ := v.(bool)
		return got == truthy(f.Value)
	case domain.FieldDropdownMultiple:
		got, _ := v.([]string)
		for _, want := range choices(f.Value) {
			if slices.Contains(got, want) {
				return true
			}
		}
		return false
	case domain.FieldDropdownSingle:
		return slices.Contains(choices(f.Value), fmt.Sprint(v))
	}
	return strings.Contains(strings.ToLower(fmt.Sprint(v)), strings.ToLower(fmt.Sprint(f.Value)))
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case string:
		n, err := strconv.ParseFloat(x, 64)
		return n, err == nil
	}
	return 0, false
}

func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return strings.EqualFold(x, "true")
	}
	return false
}

// choices reads a filter value as a list of dropdown choices: a list, or
// one string.
func choices(v any) []string {
	switch x := v.(type) {
	case []any:
		out := make([]string, 0, len(x))
		for _, item := range x {
			out = append(out, fmt.Sprint(item))
		}
		return out
	case nil:
		return nil
	}
	return []string{fmt.Sprint(v)}
}

// matchFields applies every filter to values, taking each field's type from
// the workspace's fields, or from the filter for a field that no longer
// exists.
func (d *dims) matchFields(filters []FieldFilter, values []domain.FieldValue) bool {
	for _, f := range filters {
		fieldType := f.Type
		if field := d.fields[f.ID]; field != nil {
			fieldType = field.Type
		}
		if !matchField(f, fieldType, valueOf(values, f.ID)) {
			return false
		}
	}
	return true
}

// fieldJSON is one custom field value of a detailed report row.
type fieldJSON struct {
	CustomFieldID string `json:"customFieldId"`
	Name          string `json:"name"`
	Type          string `json:"type"`
	Value         any    `json:"value"`
}

func (d *dims) fieldsJSON(values []domain.FieldValue) []fieldJSON {
	out := []fieldJSON{}
	for _, v := range values {
		f := d.fields[v.FieldID]
		if f == nil {
			continue
		}
		out = append(out, fieldJSON{CustomFieldID: f.ID, Name: f.Name, Type: f.Type, Value: v.Value})
	}
	// Oldest field first, as the export columns.
	slices.SortFunc(out, func(a, b fieldJSON) int {
		fa, fb := d.fields[a.CustomFieldID], d.fields[b.CustomFieldID]
		return cmp.Or(fa.CreatedAt.Compare(fb.CreatedAt), strings.Compare(fa.ID, fb.ID))
	})
	return out
}

// shownFields returns the custom field values of a row's entry as the time
// entry API shows them: its stored values, or else the project's or the
// workspace's defaults, without fields inactive on its project.
func (d *dims) shownFields(r *row) []domain.FieldValue {
	return domain.ShownFieldValues(d.fieldList, r.e.ProjectID, r.fields)
}
