package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

// newField creates a custom field as the owner and stores its id in
// env.Vars[name].
func newField(t *testing.T, env *apitest.Env, name string, body map[string]any) {
	t.Helper()
	f := env.MustDo(t, "POST", fieldsPath, "", body, http.StatusCreated)
	env.Vars[name] = apitest.Str(t, f, "id")
}

// entryWith is the body of a finished entry that sets one custom field.
func entryWith(field string, value any) map[string]any {
	return map[string]any{"start": "2026-03-02T09:00:00Z", "end": "2026-03-02T10:00:00Z",
		"customFields": []map[string]any{{"customFieldId": "{" + field + "}", "value": value}}}
}

// Each custom field type takes its own kind of value, in the forms Clockify
// clients send, and rejects the others with a message naming the field.
func TestEntryFieldValueValidation(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		newField(t, env, "txt", map[string]any{"name": "Text", "type": "TXT", "status": "VISIBLE"})
		newField(t, env, "num", map[string]any{"name": "Number", "type": "NUMBER", "status": "VISIBLE"})
		newField(t, env, "link", map[string]any{"name": "Link", "type": "LINK", "status": "VISIBLE"})
		newField(t, env, "box", map[string]any{"name": "Box", "type": "CHECKBOX", "status": "VISIBLE"})
		newField(t, env, "one", map[string]any{"name": "One", "type": "DROPDOWN_SINGLE", "status": "VISIBLE",
			"allowedValues": []string{"a", "b"}})
		newField(t, env, "many", map[string]any{"name": "Many", "type": "DROPDOWN_MULTIPLE", "status": "INVISIBLE",
			"allowedValues": []string{"a", "b", "c"}})

		valid := func(field string, value, stored any) apitest.Case {
			return apitest.Case{Name: field + " takes " + jsonText(value),
				Method: "POST", Path: entriesPath, Body: entryWith(field, value), Status: http.StatusCreated,
				Checks: []apitest.Check{
					apitest.Len("customFieldValues", 1),
					apitest.Equal("customFieldValues.0.customFieldId", "{"+field+"}"),
					apitest.Equal("customFieldValues.0.type", "TIMEENTRY"),
					apitest.Equal("customFieldValues.0.value", stored),
				}}
		}
		empty := func(field string, value any) apitest.Case {
			return apitest.Case{Name: field + " treats " + jsonText(value) + " as empty",
				Method: "POST", Path: entriesPath, Body: entryWith(field, value), Status: http.StatusCreated,
				Checks: []apitest.Check{apitest.Len("customFieldValues", 0)}}
		}
		invalid := func(field string, value any, msg string) apitest.Case {
			return apitest.Case{Name: field + " rejects " + jsonText(value),
				Method: "POST", Path: entriesPath, Body: entryWith(field, value), Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", msg)}}
		}
		cases := []apitest.Case{
			valid("txt", "ABC-123", "ABC-123"),
			valid("txt", "  spaced  ", "  spaced  "),
			empty("txt", ""),
			empty("txt", nil),
			invalid("txt", 5, "a text field takes a string"),
			invalid("txt", []string{"a"}, `custom field "Text"`),
			invalid("txt", strings.Repeat("x", 3001), "at most 3000"),

			valid("num", 12.5, 12.5),
			valid("num", -3, -3),
			valid("num", "7", 7),
			valid("num", " 2.25 ", 2.25),
			empty("num", ""),
			invalid("num", "seven", "takes a number"),
			invalid("num", true, "takes a number"),
			invalid("num", "NaN", "finite"),
			invalid("num", "1e999", "finite"),

			valid("link", "https://example.com/receipt?id=1", "https://example.com/receipt?id=1"),
			valid("link", "http://intranet:8080/x", "http://intranet:8080/x"),
			invalid("link", "example.com", "absolute http or https URL"),
			invalid("link", "ftp://example.com/file", "absolute http or https URL"),
			invalid("link", "javascript:alert(1)", "absolute http or https URL"),
			invalid("link", "https://exa mple.com", "absolute http or https URL"),
			invalid("link", 42, "URL string"),

			valid("box", true, true),
			valid("box", false, false),
			valid("box", "true", true),
			valid("box", "false", false),
			invalid("box", "yes", "true or false"),
			invalid("box", 1, "true or false"),

			valid("one", "b", "b"),
			invalid("one", "z", `Value "z" is not one of the allowed values of custom field "One": use one of a, b`),
			invalid("one", "A", "not one of the allowed values"),
			invalid("one", []string{"a"}, "single-choice"),

			valid("many", []string{"c", "a", "c"}, []string{"c", "a"}),
			valid("many", "b", []string{"b"}),
			empty("many", []string{}),
			invalid("many", []string{"a", "z"}, `"z"`),
			invalid("many", []any{1}, "list of strings"),
			invalid("many", true, "multiple-choice"),

			{Name: "unknown field", Method: "POST", Path: entriesPath, Body: map[string]any{
				"start": "2026-03-02T09:00:00Z", "customFields": []map[string]any{{"customFieldId": "0123456789abcdef01234567", "value": "x"}}},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "doesn't belong to WORKSPACE")}},
			{Name: "field id missing", Method: "POST", Path: entriesPath, Body: map[string]any{
				"start": "2026-03-02T09:00:00Z", "customFields": []map[string]any{{"value": "x"}}},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "customFieldId must not be null")}},
			{Name: "field named twice", Method: "POST", Path: entriesPath, Body: map[string]any{
				"start": "2026-03-02T09:00:00Z", "customFields": []map[string]any{
					{"customFieldId": "{txt}", "value": "x"}, {"customFieldId": "{txt}", "value": "y"}}},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "twice")}},
			{Name: "customFields not a list", Method: "POST", Path: entriesPath, Body: map[string]any{
				"start": "2026-03-02T09:00:00Z", "customFields": "x"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3002)}},
		}
		created := 0
		for _, c := range cases {
			if c.Status == http.StatusCreated {
				created++
			}
		}
		env.Vars["me"] = env.Owner.UserID
		cases = append(cases, apitest.Case{Name: "rejected values leave no entry", Method: "GET", Path: userEntriesPath + "?page-size=200",
			Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", created)}})
		apitest.Run(t, env, cases)
	})
}

// jsonText renders a value for a subtest name.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	text := strings.ReplaceAll(string(b), "/", "_")
	if len(text) > 30 {
		text = text[:30] + "…"
	}
	return text
}

func TestEntryFieldRequired(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		env.Vars["me"] = env.Owner.UserID
		newField(t, env, "ref", map[string]any{"name": "Ref", "type": "TXT", "status": "VISIBLE", "required": true})
		p := env.MustDo(t, "POST", "/v1/workspaces/{ws}/projects", "", map[string]any{"name": "Apollo"}, http.StatusCreated)
		env.Vars["project"] = apitest.Str(t, p, "id")
		required := []apitest.Check{apitest.ErrorBody(501),
			apitest.Equal("message", `Time entry couldn't be created. Custom field "Ref" is required field. Please change your input or update your workspace settings.`)}
		finished := map[string]any{"start": "2026-03-02T09:00:00Z", "end": "2026-03-02T10:00:00Z"}
		apitest.Run(t, env, []apitest.Case{
			{Name: "create without it", Method: "POST", Path: entriesPath, Body: finished, Status: http.StatusBadRequest, Checks: required},
			{Name: "create with blank value", Method: "POST", Path: entriesPath, Body: entryWith("ref", ""), Status: http.StatusBadRequest, Checks: required},
			{Name: "create with it", Method: "POST", Path: entriesPath, Body: entryWith("ref", "R-1"), Status: http.StatusCreated,
				Checks: []apitest.Check{apitest.Store(env, "done", "id")}},
			{Name: "update clearing it", Method: "PUT", Path: entriesPath + "/{done}", Body: entryWith("ref", nil),
				Status: http.StatusBadRequest, Checks: required},
			{Name: "update without customFields keeps it", Method: "PUT", Path: entriesPath + "/{done}", Body: map[string]any{
				"start": "2026-03-02T09:00:00Z", "end": "2026-03-02T11:00:00Z", "description": "longer"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("customFieldValues.0.value", "R-1")}},
			{Name: "bulk edit clearing it", Method: "PUT", Path: userEntriesPath, Body: []map[string]any{{"id": "{done}",
				"customFields": []map[string]any{{"customFieldId": "{ref}", "value": nil}}}},
				Status: http.StatusBadRequest, Checks: required},
			{Name: "timer starts without it", Method: "POST", Path: entriesPath, Body: map[string]any{"start": "2026-03-03T09:00:00Z"},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Store(env, "running", "id")}},
			{Name: "timer stop without it", Method: "PATCH", Path: userEntriesPath, Body: map[string]any{"end": "2026-03-03T10:00:00Z"},
				Status: http.StatusBadRequest, Checks: required},
			{Name: "update completing without it", Method: "PUT", Path: entriesPath + "/{running}", Body: map[string]any{
				"start": "2026-03-03T09:00:00Z", "end": "2026-03-03T10:00:00Z"}, Status: http.StatusBadRequest, Checks: required},
			{Name: "update running with it", Method: "PUT", Path: entriesPath + "/{running}", Body: map[string]any{
				"start": "2026-03-03T09:00:00Z", "customFields": []map[string]any{{"customFieldId": "{ref}", "value": "R-2"}}},
				Status: http.StatusOK},
			{Name: "timer stop with it", Method: "PATCH", Path: userEntriesPath, Body: map[string]any{"end": "2026-03-03T10:00:00Z"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("customFieldValues.0.value", "R-2")}},
			{Name: "inactive on the project", Method: "PATCH", Path: "/v1/workspaces/{ws}/projects/{project}/custom-fields/{ref}",
				Body: map[string]any{"status": "INACTIVE"}, Status: http.StatusOK},
			{Name: "create on that project without it", Method: "POST", Path: entriesPath, Body: map[string]any{
				"start": "2026-03-04T09:00:00Z", "end": "2026-03-04T10:00:00Z", "projectId": "{project}"}, Status: http.StatusCreated},
			{Name: "create elsewhere still needs it", Method: "POST", Path: entriesPath, Body: finished, Status: http.StatusBadRequest, Checks: required},
			{Name: "a project default fills it", Method: "PATCH", Path: "/v1/workspaces/{ws}/projects/{project}/custom-fields/{ref}",
				Body: map[string]any{"status": "VISIBLE", "defaultValue": "P-1"}, Status: http.StatusOK},
			{Name: "create on that project inherits it", Method: "POST", Path: entriesPath, Body: map[string]any{
				"start": "2026-03-04T09:00:00Z", "end": "2026-03-04T10:00:00Z", "projectId": "{project}"}, Status: http.StatusCreated,
				Checks: []apitest.Check{apitest.Equal("customFieldValues.0.value", "P-1"), apitest.Equal("customFieldValues.0.type", "PROJECT")}},
			{Name: "hidden field", Method: "PUT", Path: fieldsPath + "/{ref}", Body: map[string]any{
				"name": "Ref", "type": "TXT", "status": "INVISIBLE", "required": true}, Status: http.StatusOK},
			{Name: "hidden field is not enforced", Method: "POST", Path: entriesPath, Body: finished, Status: http.StatusCreated},
			{Name: "visible with a workspace default", Method: "PUT", Path: fieldsPath + "/{ref}", Body: map[string]any{
				"name": "Ref", "type": "TXT", "status": "VISIBLE", "required": true, "workspaceDefaultValue": "W-1"}, Status: http.StatusOK},
			{Name: "workspace default fills it", Method: "POST", Path: entriesPath, Body: finished, Status: http.StatusCreated,
				Checks: []apitest.Check{apitest.Equal("customFieldValues.0.value", "W-1"), apitest.Equal("customFieldValues.0.type", "WORKSPACE")}},
		})
	})
}

// Entries show their own values and inherit the project's or workspace's
// defaults, and an inactive field neither takes nor shows values.
func TestEntryFieldValuesAndDefaults(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		env.Vars["me"] = env.Owner.UserID
		newField(t, env, "dept", map[string]any{"name": "Dept", "type": "DROPDOWN_SINGLE", "status": "VISIBLE",
			"allowedValues": []string{"Ops", "Dev"}, "workspaceDefaultValue": "Ops"})
		newField(t, env, "note", map[string]any{"name": "Note", "type": "TXT", "status": "INVISIBLE"})
		newField(t, env, "employee", map[string]any{"name": "Employee", "type": "TXT", "entityType": "USER", "status": "VISIBLE"})
		p := env.MustDo(t, "POST", "/v1/workspaces/{ws}/projects", "", map[string]any{"name": "Apollo"}, http.StatusCreated)
		env.Vars["project"] = apitest.Str(t, p, "id")
		projectField := "/v1/workspaces/{ws}/projects/{project}/custom-fields/{dept}"
		onProject := map[string]any{"start": "2026-03-02T09:00:00Z", "end": "2026-03-02T10:00:00Z", "projectId": "{project}"}
		apitest.Run(t, env, []apitest.Case{
			{Name: "workspace default", Method: "POST", Path: entriesPath, Body: map[string]any{"start": "2026-03-01T09:00:00Z", "end": "2026-03-01T10:00:00Z"},
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Store(env, "plain", "id"),
					apitest.Len("customFieldValues", 1),
					apitest.Equal("customFieldValues.0.customFieldId", "{dept}"),
					apitest.Equal("customFieldValues.0.timeEntryId", "{plain}"),
					apitest.Equal("customFieldValues.0.name", "Dept"),
					apitest.Equal("customFieldValues.0.type", "WORKSPACE"),
					apitest.Equal("customFieldValues.0.value", "Ops"),
				}},
			{Name: "project default", Method: "PATCH", Path: projectField, Body: map[string]any{"defaultValue": "Dev"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("id", "{dept}"),
					apitest.Equal("status", "VISIBLE"),
					apitest.Len("projectDefaultValues", 1),
					apitest.Equal("projectDefaultValues.0.projectId", "{project}"),
					apitest.Equal("projectDefaultValues.0.status", "VISIBLE"),
					apitest.Equal("projectDefaultValues.0.value", "Dev"),
				}},
			{Name: "project default not allowed", Method: "PATCH", Path: projectField, Body: map[string]any{"defaultValue": "QA"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "allowed values")}},
			{Name: "project default with bad status", Method: "PATCH", Path: projectField, Body: map[string]any{"status": "ON"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3002)}},
			{Name: "project default on user field", Method: "PATCH", Path: "/v1/workspaces/{ws}/projects/{project}/custom-fields/{employee}",
				Body: map[string]any{"defaultValue": "x"}, Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "describes users")}},
			{Name: "project default on unknown project", Method: "PATCH", Path: "/v1/workspaces/{ws}/projects/0123456789abcdef01234567/custom-fields/{dept}",
				Body: map[string]any{"defaultValue": "Dev"}, Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "PROJECT")}},
			{Name: "entry on the project inherits it", Method: "POST", Path: entriesPath, Body: onProject, Status: http.StatusCreated,
				Checks: []apitest.Check{
					apitest.Store(env, "e", "id"),
					apitest.Equal("customFieldValues.0.type", "PROJECT"),
					apitest.Equal("customFieldValues.0.value", "Dev"),
				}},
			{Name: "own values", Method: "PUT", Path: entriesPath + "/{e}", Body: map[string]any{
				"start": "2026-03-02T09:00:00Z", "end": "2026-03-02T10:00:00Z", "projectId": "{project}",
				"customFields": []map[string]any{{"customFieldId": "{dept}", "value": "Ops", "sourceType": "PROJECT"},
					{"customFieldId": "{note}", "value": "hidden but kept"}}},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Len("customFieldValues", 2),
					apitest.Equal("customFieldValues.0.type", "TIMEENTRY"),
					apitest.Equal("customFieldValues.0.value", "Ops"),
					apitest.Equal("customFieldValues.1.name", "Note"),
					apitest.Equal("customFieldValues.1.value", "hidden but kept"),
				}},
			{Name: "user field on an entry", Method: "PUT", Path: entriesPath + "/{e}", Body: map[string]any{
				"start": "2026-03-02T09:00:00Z", "customFields": []map[string]any{{"customFieldId": "{employee}", "value": "x"}}},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "doesn't belong")}},
			{Name: "get shows them", Method: "GET", Path: entriesPath + "/{e}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("customFieldValues", 2),
				apitest.Equal("customFieldValues.0.timeEntryId", "{e}"),
			}},
			{Name: "list shows them", Method: "GET", Path: userEntriesPath + "?project={project}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("0.customFieldValues", 2),
			}},
			{Name: "hydrated list shows them", Method: "GET", Path: userEntriesPath + "?project={project}&hydrated=true", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("0.customFieldValues", 2),
			}},
			{Name: "clearing falls back to the default", Method: "PUT", Path: entriesPath + "/{e}", Body: map[string]any{
				"start": "2026-03-02T09:00:00Z", "end": "2026-03-02T10:00:00Z", "projectId": "{project}",
				"customFields": []map[string]any{{"customFieldId": "{dept}", "value": nil}}},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Len("customFieldValues", 2),
					apitest.Equal("customFieldValues.0.type", "PROJECT"),
					apitest.Equal("customFieldValues.0.value", "Dev"),
					apitest.Equal("customFieldValues.1.value", "hidden but kept"),
				}},
			{Name: "duplicate copies own values", Method: "POST", Path: userEntriesPath + "/{e}/duplicate", Status: http.StatusCreated,
				Checks: []apitest.Check{
					apitest.Store(env, "copy", "id"),
					apitest.Len("customFieldValues", 2),
					apitest.Equal("customFieldValues.1.value", "hidden but kept"),
					apitest.Equal("customFieldValues.1.timeEntryId", "{copy}"),
				}},
			{Name: "copy from entry keeps values", Method: "POST", Path: userEntriesPath + "?from-entry={e}", Body: map[string]any{
				"start": "2026-03-05T09:00:00Z", "end": "2026-03-05T10:00:00Z",
				"customFields": []map[string]any{{"customFieldId": "{dept}", "value": "Ops"}}},
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Len("customFieldValues", 2),
					apitest.Equal("customFieldValues.0.type", "TIMEENTRY"),
					apitest.Equal("customFieldValues.0.value", "Ops"),
					apitest.Equal("customFieldValues.1.value", "hidden but kept"),
				}},
			{Name: "bulk edit sets values", Method: "PUT", Path: userEntriesPath, Body: []map[string]any{
				{"id": "{copy}", "customFields": []map[string]any{{"customFieldId": "{note}", "value": "bulk"}}}},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("0.customFieldValues.1.value", "bulk")}},
			{Name: "project fields", Method: "GET", Path: "/v1/workspaces/{ws}/projects/{project}/custom-fields", Status: http.StatusOK,
				Checks: []apitest.Check{
					apitest.Len("", 2),
					apitest.Equal("0.projectDefaultValues.0.value", "Dev"),
					apitest.Equal("1.name", "Note"),
					apitest.Equal("1.status", "INVISIBLE"),
				}},
			{Name: "inactive on the project", Method: "PATCH", Path: projectField, Body: map[string]any{"status": "INACTIVE"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("status", "VISIBLE"),
					apitest.Equal("projectDefaultValues.0.status", "INACTIVE"),
					apitest.Equal("projectDefaultValues.0.value", nil),
				}},
			{Name: "project fields by status", Method: "GET", Path: "/v1/workspaces/{ws}/projects/{project}/custom-fields?status=INACTIVE", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.status", "INACTIVE")}},
			{Name: "inactive values are hidden", Method: "GET", Path: entriesPath + "/{e}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("customFieldValues", 1),
				apitest.Equal("customFieldValues.0.name", "Note"),
			}},
			{Name: "inactive field takes no value", Method: "PUT", Path: entriesPath + "/{e}", Body: map[string]any{
				"start": "2026-03-02T09:00:00Z", "projectId": "{project}", "customFields": []map[string]any{{"customFieldId": "{dept}", "value": "Dev"}}},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "inactive")}},
			{Name: "other entries keep the workspace default", Method: "GET", Path: entriesPath + "/{plain}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("customFieldValues.0.value", "Ops")}},
			{Name: "remove project settings", Method: "DELETE", Path: projectField, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("projectDefaultValues", []any{}),
			}},
			{Name: "remove them again", Method: "DELETE", Path: projectField, Status: http.StatusOK},
			{Name: "back to the workspace default", Method: "GET", Path: entriesPath + "/{e}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("customFieldValues.0.type", "WORKSPACE"),
				apitest.Equal("customFieldValues.0.value", "Ops"),
			}},
			{Name: "deactivate the field", Method: "PUT", Path: fieldsPath + "/{note}", Body: map[string]any{"name": "Note", "type": "TXT", "status": "INACTIVE"},
				Status: http.StatusOK},
			{Name: "inactive field values are hidden", Method: "GET", Path: entriesPath + "/{copy}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("customFieldValues", 1),
			}},
			{Name: "delete the field", Method: "DELETE", Path: fieldsPath + "/{dept}", Status: http.StatusNoContent},
			{Name: "deleted field shows nowhere", Method: "GET", Path: entriesPath + "/{e}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("customFieldValues", 0),
			}},
			{Name: "entry of deleted field can be deleted", Method: "DELETE", Path: entriesPath + "/{copy}", Status: http.StatusNoContent},
		})
	})
}

// Members set values on their own entries, except in fields only admins
// edit, where they may send the stored value back unchanged.
func TestEntryFieldPermissions(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		user := env.NewUser(t, "user", domain.RoleUser, "")
		env.Vars["userKey"], env.Vars["me"] = user.Key, user.UserID
		newField(t, env, "paid", map[string]any{"name": "Paid", "type": "CHECKBOX", "status": "VISIBLE", "onlyAdminCanEdit": true})
		newField(t, env, "note", map[string]any{"name": "Note", "type": "TXT", "status": "VISIBLE"})
		adminOnly := []apitest.Check{apitest.ErrorBody(501), apitest.Equal("message", `Only workspace admins may change custom field "Paid"`)}
		put := func(fields ...map[string]any) map[string]any {
			return map[string]any{"start": "2026-03-02T09:00:00Z", "end": "2026-03-02T10:00:00Z", "description": "work", "customFields": fields}
		}
		apitest.Run(t, env, []apitest.Case{
			{Name: "user sets admin-only field", Method: "POST", Path: entriesPath, Key: "{userKey}", Body: entryWith("paid", true),
				Status: http.StatusForbidden, Checks: adminOnly},
			{Name: "user sets own field", Method: "POST", Path: entriesPath, Key: "{userKey}", Body: entryWith("note", "mine"),
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Store(env, "e", "id")}},
			{Name: "owner sets admin-only field on it", Method: "PUT", Path: entriesPath + "/{e}", Body: put(map[string]any{"customFieldId": "{paid}", "value": true}),
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("customFieldValues", 2)}},
			{Name: "user edits without customFields", Method: "PUT", Path: entriesPath + "/{e}", Key: "{userKey}", Body: map[string]any{
				"start": "2026-03-02T09:00:00Z", "end": "2026-03-02T10:30:00Z"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("customFieldValues.0.value", true)}},
			{Name: "user sends admin-only value unchanged", Method: "PUT", Path: entriesPath + "/{e}", Key: "{userKey}",
				Body:   put(map[string]any{"customFieldId": "{paid}", "value": "true"}, map[string]any{"customFieldId": "{note}", "value": "changed"}),
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("customFieldValues.1.value", "changed")}},
			{Name: "user changes admin-only value", Method: "PUT", Path: entriesPath + "/{e}", Key: "{userKey}",
				Body: put(map[string]any{"customFieldId": "{paid}", "value": false}), Status: http.StatusForbidden, Checks: adminOnly},
			{Name: "user clears admin-only value", Method: "PUT", Path: entriesPath + "/{e}", Key: "{userKey}",
				Body: put(map[string]any{"customFieldId": "{paid}", "value": nil}), Status: http.StatusForbidden, Checks: adminOnly},
			{Name: "refused change kept the value", Method: "GET", Path: entriesPath + "/{e}", Key: "{userKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("customFieldValues.0.value", true), apitest.Equal("customFieldValues.1.value", "changed")}},
			{Name: "user duplicates the entry", Method: "POST", Path: userEntriesPath + "/{e}/duplicate", Key: "{userKey}", Status: http.StatusCreated,
				Checks: []apitest.Check{apitest.Equal("customFieldValues.0.value", true)}},
			{Name: "owner entry", Method: "POST", Path: entriesPath, Body: entryWith("note", "owner's"), Status: http.StatusCreated,
				Checks: []apitest.Check{apitest.Store(env, "ownerEntry", "id")}},
			{Name: "user sets values on another's entry", Method: "PUT", Path: entriesPath + "/{ownerEntry}", Key: "{userKey}",
				Body: put(map[string]any{"customFieldId": "{note}", "value": "mine now"}), Status: http.StatusForbidden},
		})
	})
}

// Reports show and filter the custom field values that the time entry API
// shows: inherited defaults count, and fields inactive on an entry's
// project do not.
func TestReportInheritedFieldValues(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		newField(t, env, "dept", map[string]any{"name": "Dept", "type": "DROPDOWN_SINGLE", "status": "VISIBLE",
			"allowedValues": []string{"Ops", "Dev"}, "workspaceDefaultValue": "Ops"})
		for _, name := range []string{"apollo", "gemini"} {
			p := env.MustDo(t, "POST", "/v1/workspaces/{ws}/projects", "", map[string]any{"name": name}, http.StatusCreated)
			env.Vars[name] = apitest.Str(t, p, "id")
		}
		env.MustDo(t, "PATCH", "/v1/workspaces/{ws}/projects/{apollo}/custom-fields/{dept}", "", map[string]any{"defaultValue": "Dev"}, http.StatusOK)
		env.MustDo(t, "PATCH", "/v1/workspaces/{ws}/projects/{gemini}/custom-fields/{dept}", "", map[string]any{"status": "INACTIVE"}, http.StatusOK)
		for i, project := range []string{"", "{apollo}", "{gemini}"} {
			day := fmt.Sprintf("2026-03-0%d", i+2)
			env.MustDo(t, "POST", entriesPath, "", map[string]any{"start": day + "T09:00:00Z", "end": day + "T10:00:00Z",
				"projectId": project, "description": fmt.Sprintf("entry %d", i)}, http.StatusCreated)
		}
		body := func(filters ...any) map[string]any {
			out := map[string]any{"dateRangeStart": "2026-03-02T00:00:00.000Z", "dateRangeEnd": "2026-03-08T23:59:59.999Z",
				"timeZone": "UTC", "sortOrder": "ASCENDING", "detailedFilter": map[string]any{}}
			if len(filters) > 0 {
				out["customFields"] = filters
			}
			return out
		}
		const detailed = "/report/v1/workspaces/{ws}/reports/detailed"
		apitest.Run(t, env, []apitest.Case{
			{Name: "defaults in rows", Method: "POST", Path: detailed, Body: body(), Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("timeentries", 3),
				apitest.Equal("timeentries.0.description", "entry 0"),
				apitest.Equal("timeentries.0.customFields.0.value", "Ops"),
				apitest.Equal("timeentries.1.customFields.0.value", "Dev"),
				apitest.Len("timeentries.2.customFields", 0),
			}},
			{Name: "filter by the workspace default", Method: "POST", Path: detailed,
				Body: body(map[string]any{"id": "{dept}", "type": "DROPDOWN_SINGLE", "value": "Ops"}), Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("timeentries", 1), apitest.Equal("timeentries.0.description", "entry 0")}},
			{Name: "filter by the project default", Method: "POST", Path: detailed,
				Body: body(map[string]any{"id": "{dept}", "type": "DROPDOWN_SINGLE", "value": "Dev"}), Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("timeentries", 1), apitest.Equal("timeentries.0.description", "entry 1")}},
			{Name: "inactive field is empty", Method: "POST", Path: detailed,
				Body: body(map[string]any{"id": "{dept}", "type": "DROPDOWN_SINGLE", "isEmpty": true}), Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("timeentries", 1), apitest.Equal("timeentries.0.description", "entry 2")}},
		})
	})
}
