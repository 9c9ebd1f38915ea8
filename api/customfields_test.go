package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

const fieldsPath = "/v1/workspaces/{ws}/custom-fields"

func TestCustomFieldLifecycle(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		bad := func(code int, msg string) []apitest.Check {
			return []apitest.Check{apitest.ErrorBody(code), apitest.Contains("message", msg)}
		}
		apitest.Run(t, env, []apitest.Case{
			{Name: "create dropdown", Method: "POST", Path: fieldsPath, Body: map[string]any{
				"name": " Location ", "type": "DROPDOWN_MULTIPLE", "allowedValues": []string{"Belgrade", "London"},
				"description": "Where the work happened", "placeholder": "City", "status": "VISIBLE",
				"onlyAdminCanEdit": true, "required": true, "workspaceDefaultValue": []string{"London"}},
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Store(env, "location", "id"),
					apitest.Equal("workspaceId", "{ws}"),
					apitest.Equal("name", "Location"),
					apitest.Equal("type", "DROPDOWN_MULTIPLE"),
					apitest.Equal("entityType", "TIMEENTRY"),
					apitest.Equal("status", "VISIBLE"),
					apitest.Equal("required", true),
					apitest.Equal("onlyAdminCanEdit", true),
					apitest.Equal("allowedValues", []string{"Belgrade", "London"}),
					apitest.Equal("description", "Where the work happened"),
					apitest.Equal("placeholder", "City"),
					apitest.Equal("workspaceDefaultValue", []string{"London"}),
					apitest.Equal("projectDefaultValues", []any{}),
				}},
			{Name: "create text with defaults", Method: "POST", Path: fieldsPath, Body: map[string]any{"name": "Ticket", "type": "TXT"},
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Store(env, "ticket", "id"),
					apitest.Equal("status", "INACTIVE"),
					apitest.Equal("required", false),
					apitest.Equal("onlyAdminCanEdit", false),
					apitest.Equal("allowedValues", []any{}),
					apitest.Equal("description", nil),
					apitest.Equal("placeholder", nil),
					apitest.Equal("workspaceDefaultValue", nil),
				}},
			{Name: "create user field", Method: "POST", Path: fieldsPath, Body: map[string]any{
				"name": "Employee number", "type": "NUMBER", "entityType": "USER", "status": "VISIBLE", "workspaceDefaultValue": "7"},
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Equal("entityType", "USER"),
					apitest.Equal("workspaceDefaultValue", 7),
				}},
			{Name: "same name on other entity type", Method: "POST", Path: fieldsPath, Body: map[string]any{
				"name": "ticket", "type": "TXT", "entityType": "USER"}, Status: http.StatusCreated},
			{Name: "taken name in other case", Method: "POST", Path: fieldsPath, Body: map[string]any{"name": "TICKET", "type": "LINK"},
				Status: http.StatusBadRequest, Checks: bad(501, "already exists")},
			{Name: "name missing", Method: "POST", Path: fieldsPath, Body: map[string]any{"type": "TXT"},
				Status: http.StatusBadRequest, Checks: bad(501, "name must not be null")},
			{Name: "name too short", Method: "POST", Path: fieldsPath, Body: map[string]any{"name": "x", "type": "TXT"},
				Status: http.StatusBadRequest, Checks: bad(501, "from 2 to 250")},
			{Name: "name too long", Method: "POST", Path: fieldsPath, Body: map[string]any{"name": strings.Repeat("n", 251), "type": "TXT"},
				Status: http.StatusBadRequest, Checks: bad(501, "from 2 to 250")},
			{Name: "type missing", Method: "POST", Path: fieldsPath, Body: map[string]any{"name": "Nameless"},
				Status: http.StatusBadRequest, Checks: bad(501, "type must not be null")},
			{Name: "type unknown", Method: "POST", Path: fieldsPath, Body: map[string]any{"name": "Date", "type": "DATE"},
				Status: http.StatusBadRequest, Checks: bad(3002, "DROPDOWN_SINGLE")},
			{Name: "entity type unknown", Method: "POST", Path: fieldsPath, Body: map[string]any{"name": "Odd", "type": "TXT", "entityType": "PROJECT"},
				Status: http.StatusBadRequest, Checks: bad(3002, "entityType")},
			{Name: "status unknown", Method: "POST", Path: fieldsPath, Body: map[string]any{"name": "Odd", "type": "TXT", "status": "ACTIVE"},
				Status: http.StatusBadRequest, Checks: bad(3002, "INVISIBLE")},
			{Name: "dropdown without allowed values", Method: "POST", Path: fieldsPath, Body: map[string]any{"name": "Odd", "type": "DROPDOWN_SINGLE"},
				Status: http.StatusBadRequest, Checks: bad(501, "at least one allowed value")},
			{Name: "dropdown with blank allowed value", Method: "POST", Path: fieldsPath, Body: map[string]any{
				"name": "Odd", "type": "DROPDOWN_SINGLE", "allowedValues": []string{"a", " "}},
				Status: http.StatusBadRequest, Checks: bad(501, "blank")},
			{Name: "dropdown with repeated allowed value", Method: "POST", Path: fieldsPath, Body: map[string]any{
				"name": "Odd", "type": "DROPDOWN_SINGLE", "allowedValues": []string{"a", "a"}},
				Status: http.StatusBadRequest, Checks: bad(501, "listed twice")},
			{Name: "allowed values on text", Method: "POST", Path: fieldsPath, Body: map[string]any{
				"name": "Odd", "type": "TXT", "allowedValues": []string{"a"}},
				Status: http.StatusBadRequest, Checks: bad(501, "apply only to DROPDOWN")},
			{Name: "default not allowed", Method: "POST", Path: fieldsPath, Body: map[string]any{
				"name": "Odd", "type": "DROPDOWN_SINGLE", "allowedValues": []string{"a"}, "workspaceDefaultValue": "b"},
				Status: http.StatusBadRequest, Checks: bad(501, "not one of the allowed values")},
			{Name: "default of wrong type", Method: "POST", Path: fieldsPath, Body: map[string]any{
				"name": "Odd", "type": "CHECKBOX", "workspaceDefaultValue": "yes"},
				Status: http.StatusBadRequest, Checks: bad(501, "true or false")},
			{Name: "placeholder too long", Method: "POST", Path: fieldsPath, Body: map[string]any{
				"name": "Odd", "type": "TXT", "placeholder": strings.Repeat("p", 251)},
				Status: http.StatusBadRequest, Checks: bad(501, "placeholder")},
			{Name: "malformed body", Method: "POST", Path: fieldsPath, Body: `{"name":`,
				Status: http.StatusBadRequest, Checks: bad(3002, "JSON")},

			{Name: "list", Method: "GET", Path: fieldsPath, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 4),
				apitest.Equal("0.name", "Location"),
				apitest.Equal("1.name", "Ticket"),
				apitest.HeaderIs("Last-Page", ""),
			}},
			{Name: "list by name", Method: "GET", Path: fieldsPath + "?name=TICK", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 2),
			}},
			{Name: "list by status", Method: "GET", Path: fieldsPath + "?status=VISIBLE", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 2),
				apitest.Equal("0.name", "Location"),
				apitest.Equal("1.name", "Employee number"),
			}},
			{Name: "list by entity type", Method: "GET", Path: fieldsPath + "?entity-type=USER", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 2),
				apitest.Equal("0.entityType", "USER"),
			}},
			{Name: "list by both entity types", Method: "GET", Path: fieldsPath + "?entity-type=USER,TIMEENTRY", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 4),
			}},
			{Name: "list ignores paging", Method: "GET", Path: fieldsPath + "?page=2&page-size=1", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 4),
			}},
			{Name: "list with bad status", Method: "GET", Path: fieldsPath + "?status=ON", Status: http.StatusBadRequest,
				Checks: bad(3000, "status")},
			{Name: "no single get", Method: "GET", Path: fieldsPath + "/{ticket}", Status: http.StatusMethodNotAllowed},

			{Name: "update", Method: "PUT", Path: fieldsPath + "/{ticket}", Body: map[string]any{
				"name": "Ticket URL", "type": "TXT", "status": "INVISIBLE", "placeholder": "ABC-1", "required": true},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("name", "Ticket URL"),
					apitest.Equal("status", "INVISIBLE"),
					apitest.Equal("placeholder", "ABC-1"),
					apitest.Equal("required", true),
				}},
			{Name: "update without status keeps it", Method: "PUT", Path: fieldsPath + "/{ticket}", Body: map[string]any{
				"name": "Ticket URL", "type": "TXT"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("status", "INVISIBLE"),
					apitest.Equal("placeholder", nil),
					apitest.Equal("required", false),
				}},
			{Name: "update type", Method: "PUT", Path: fieldsPath + "/{ticket}", Body: map[string]any{"name": "Ticket URL", "type": "LINK"},
				Status: http.StatusBadRequest, Checks: bad(501, "cannot change")},
			{Name: "update allowed values keeps default check", Method: "PUT", Path: fieldsPath + "/{location}", Body: map[string]any{
				"name": "Location", "type": "DROPDOWN_MULTIPLE", "allowedValues": []string{"Belgrade"}, "workspaceDefaultValue": []string{"London"}},
				Status: http.StatusBadRequest, Checks: bad(501, "London")},
			{Name: "update allowed values", Method: "PUT", Path: fieldsPath + "/{location}", Body: map[string]any{
				"name": "Location", "type": "DROPDOWN_MULTIPLE", "allowedValues": []string{"Belgrade", "Manila"}, "status": "VISIBLE"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("allowedValues", []string{"Belgrade", "Manila"}),
					apitest.Equal("workspaceDefaultValue", nil),
					apitest.Equal("onlyAdminCanEdit", false),
				}},
			{Name: "update to taken name", Method: "PUT", Path: fieldsPath + "/{ticket}", Body: map[string]any{"name": "location", "type": "TXT"},
				Status: http.StatusBadRequest, Checks: bad(501, "already exists")},
			{Name: "update unknown", Method: "PUT", Path: fieldsPath + "/0123456789abcdef01234567", Body: map[string]any{"name": "xx", "type": "TXT"},
				Status: http.StatusBadRequest, Checks: bad(501, "doesn't belong to WORKSPACE")},
			{Name: "delete", Method: "DELETE", Path: fieldsPath + "/{ticket}", Status: http.StatusNoContent},
			{Name: "delete again", Method: "DELETE", Path: fieldsPath + "/{ticket}", Status: http.StatusBadRequest,
				Checks: bad(501, "doesn't belong to WORKSPACE")},
			{Name: "delete malformed id", Method: "DELETE", Path: fieldsPath + "/nope", Status: http.StatusBadRequest,
				Checks: bad(501, "doesn't belong to WORKSPACE")},
			{Name: "list after delete", Method: "GET", Path: fieldsPath + "?entity-type=TIMEENTRY", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1)}},
		})
	})
}

// A workspace shows at most five visible fields of each entity type and
// has at most fifty fields in all, as in Clockify.
func TestCustomFieldLimits(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		for i := range 5 {
			env.MustDo(t, "POST", fieldsPath, "", map[string]any{"name": fmt.Sprintf("Shown %d", i), "type": "TXT", "status": "VISIBLE"}, http.StatusCreated)
		}
		hidden := env.MustDo(t, "POST", fieldsPath, "", map[string]any{"name": "Hidden", "type": "TXT"}, http.StatusCreated)
		env.Vars["hidden"] = apitest.Str(t, hidden, "id")
		apitest.Run(t, env, []apitest.Case{
			{Name: "sixth visible", Method: "POST", Path: fieldsPath, Body: map[string]any{"name": "Shown 6", "type": "TXT", "status": "VISIBLE"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "at most 5 visible")}},
			{Name: "show sixth by update", Method: "PUT", Path: fieldsPath + "/{hidden}", Body: map[string]any{"name": "Hidden", "type": "TXT", "status": "VISIBLE"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "at most 5 visible")}},
			{Name: "visible user field counts apart", Method: "POST", Path: fieldsPath, Body: map[string]any{
				"name": "Shown user", "type": "TXT", "status": "VISIBLE", "entityType": "USER"}, Status: http.StatusCreated},
		})
		for i := 7; i < 50; i++ {
			env.MustDo(t, "POST", fieldsPath, "", map[string]any{"name": fmt.Sprintf("Extra %d", i), "type": "TXT"}, http.StatusCreated)
		}
		apitest.Run(t, env, []apitest.Case{
			{Name: "fifty-first field", Method: "POST", Path: fieldsPath, Body: map[string]any{"name": "One too many", "type": "TXT"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "maximum")}},
		})
	})
}

// Only admins manage custom fields and their project settings. Every
// member lists them.
func TestCustomFieldPermissions(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		admin := env.NewUser(t, "admin", domain.RoleAdmin, "")
		user := env.NewUser(t, "user", domain.RoleUser, "")
		env.Vars["adminKey"], env.Vars["userKey"] = admin.Key, user.Key
		field := env.MustDo(t, "POST", fieldsPath, "", map[string]any{"name": "Code", "type": "TXT", "status": "VISIBLE"}, http.StatusCreated)
		env.Vars["field"] = apitest.Str(t, field, "id")
		project := env.MustDo(t, "POST", "/v1/workspaces/{ws}/projects", "", map[string]any{"name": "Apollo", "isPublic": true}, http.StatusCreated)
		env.Vars["project"] = apitest.Str(t, project, "id")
		denied := []apitest.Check{apitest.ErrorBody(501), apitest.Equal("message", "Access Denied")}
		apitest.Run(t, env, []apitest.Case{
			{Name: "user creates", Method: "POST", Path: fieldsPath, Key: "{userKey}", Body: map[string]any{"name": "Mine", "type": "TXT"},
				Status: http.StatusForbidden, Checks: denied},
			{Name: "user updates", Method: "PUT", Path: fieldsPath + "/{field}", Key: "{userKey}", Body: map[string]any{"name": "Mine", "type": "TXT"},
				Status: http.StatusForbidden, Checks: denied},
			{Name: "user deletes", Method: "DELETE", Path: fieldsPath + "/{field}", Key: "{userKey}", Status: http.StatusForbidden, Checks: denied},
			{Name: "user sets project default", Method: "PATCH", Path: "/v1/workspaces/{ws}/projects/{project}/custom-fields/{field}", Key: "{userKey}",
				Body: map[string]any{"defaultValue": "x"}, Status: http.StatusForbidden, Checks: denied},
			{Name: "user removes project default", Method: "DELETE", Path: "/v1/workspaces/{ws}/projects/{project}/custom-fields/{field}", Key: "{userKey}",
				Status: http.StatusForbidden, Checks: denied},
			{Name: "user lists", Method: "GET", Path: fieldsPath, Key: "{userKey}", Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 1)}},
			{Name: "user lists project fields", Method: "GET", Path: "/v1/workspaces/{ws}/projects/{project}/custom-fields", Key: "{userKey}",
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 1)}},
			{Name: "admin creates", Method: "POST", Path: fieldsPath, Key: "{adminKey}", Body: map[string]any{"name": "Admin made", "type": "TXT"},
				Status: http.StatusCreated},
			{Name: "admin updates", Method: "PUT", Path: fieldsPath + "/{field}", Key: "{adminKey}", Body: map[string]any{"name": "Code 2", "type": "TXT"},
				Status: http.StatusOK},
			{Name: "admin sets project default", Method: "PATCH", Path: "/v1/workspaces/{ws}/projects/{project}/custom-fields/{field}", Key: "{adminKey}",
				Body: map[string]any{"defaultValue": "x"}, Status: http.StatusOK},
			{Name: "admin deletes", Method: "DELETE", Path: fieldsPath + "/{field}", Key: "{adminKey}", Status: http.StatusNoContent},
		})
	})
}

// A project created from a template takes the template's custom field
// settings, and later changes to either project leave the other alone.
func TestCustomFieldTemplateCopy(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		newField(t, env, "ref", map[string]any{"name": "Ref", "type": "TXT", "status": "VISIBLE"})
		newField(t, env, "other", map[string]any{"name": "Other", "type": "TXT", "status": "VISIBLE"})
		p := env.MustDo(t, "POST", "/v1/workspaces/{ws}/projects", "", map[string]any{"name": "Template"}, http.StatusCreated)
		env.Vars["tpl"] = apitest.Str(t, p, "id")
		env.MustDo(t, "PATCH", "/v1/workspaces/{ws}/projects/{tpl}/custom-fields/{ref}", "",
			map[string]any{"status": "INVISIBLE", "defaultValue": "R-0"}, http.StatusOK)
		apitest.Run(t, env, []apitest.Case{
			{Name: "create from template", Method: "POST", Path: "/v1/workspaces/{ws}/projects/from-template",
				Body: map[string]any{"name": "Copy", "templateProjectId": "{tpl}"}, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Store(env, "copy", "id")}},
			{Name: "copy has the settings", Method: "GET", Path: "/v1/workspaces/{ws}/projects/{copy}/custom-fields", Status: http.StatusOK,
				Checks: []apitest.Check{
					apitest.Len("", 2),
					apitest.Equal("0.status", "INVISIBLE"),
					apitest.Equal("0.projectDefaultValues.0.projectId", "{copy}"),
					apitest.Equal("0.projectDefaultValues.0.value", "R-0"),
					apitest.Equal("1.projectDefaultValues", []any{}),
				}},
			{Name: "change the copy", Method: "PATCH", Path: "/v1/workspaces/{ws}/projects/{copy}/custom-fields/{ref}",
				Body: map[string]any{"defaultValue": "R-1"}, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("projectDefaultValues", 2)}},
			{Name: "template keeps its own", Method: "GET", Path: "/v1/workspaces/{ws}/projects/{tpl}/custom-fields", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("0.projectDefaultValues.0.value", "R-0")}},
		})
	})
}

// Racing creates of visible fields stop at the limit of five, because each
// create counts the fields under a lock of the workspace.
func TestConcurrentVisibleFieldCreates(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		responses := parallel(t, 8, func(i int) *apitest.Response {
			body := map[string]any{"name": fmt.Sprintf("Racer %d", i), "type": "TXT", "status": "VISIBLE"}
			return env.Do(t, "POST", fieldsPath, "", body, nil)
		})
		statuses := map[int]int{}
		for _, r := range responses {
			statuses[r.Status]++
		}
		if statuses[http.StatusCreated] != 5 || statuses[http.StatusBadRequest] != 3 {
			t.Fatalf("statuses %v, want five 201 and three 400", statuses)
		}
		apitest.Run(t, env, []apitest.Case{
			{Name: "five visible", Method: "GET", Path: fieldsPath + "?status=VISIBLE", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 5)}},
		})
	})
}
