package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/punchclock/punchclock/apitest"
)

// Scenarios for the fields and query parameters of Clockify's OpenAPI
// document that the resource tests do not already cover.

func TestUserSettingsSpecFields(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		var checks []apitest.Check
		for _, flag := range []string{"invoiceReminders", "onboarding", "projectPickerTaskFilter", "scheduling"} {
			checks = append(checks, apitest.Equal("settings."+flag, false))
		}
		apitest.Run(t, env, []apitest.Case{
			{Name: "current user", Method: "GET", Path: "/v1/user", Status: http.StatusOK, Checks: checks},
			{Name: "member list", Method: "GET", Path: "/v1/workspaces/{ws}/users", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("0.settings.invoiceReminders", false),
				apitest.Equal("0.settings.onboarding", false),
				apitest.Equal("0.settings.projectPickerTaskFilter", false),
				apitest.Equal("0.settings.scheduling", false),
			}},
		})
	})
}

func TestWorkspaceSettingsSpecFields(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		settings := []apitest.Check{
			apitest.Equal("workspaceSettings.activeBillableHours", false),
			apitest.Equal("workspaceSettings.automaticLock", nil),
			apitest.Equal("workspaceSettings.numberFormat", "COMMA_PERIOD"),
			apitest.Equal("workspaceSettings.currencyFormat", "CURRENCY_SPACE_VALUE"),
			apitest.Equal("workspaceSettings.projectLabel", "project"),
			apitest.Equal("workspaceSettings.taskLabel", "task"),
		}
		apitest.Run(t, env, []apitest.Case{
			{Name: "get", Method: "GET", Path: "/v1/workspaces/{ws}", Status: http.StatusOK, Checks: settings},
			{Name: "list", Method: "GET", Path: "/v1/workspaces", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("0.workspaceSettings.automaticLock", nil),
				apitest.Equal("0.workspaceSettings.numberFormat", "COMMA_PERIOD"),
			}},
			{Name: "hourly rate write", Method: "PUT", Path: "/v1/workspaces/{ws}/hourly-rate",
				Body: map[string]any{"amount": 1000, "currency": "USD"}, Status: http.StatusOK, Checks: settings},
		})
	})
}

func TestAddMemberSendEmail(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		apitest.Run(t, env, []apitest.Case{
			{Name: "send-email false", Method: "POST", Path: "/v1/workspaces/{ws}/users?send-email=false",
				Body: map[string]any{"email": "quiet@example.com"}, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("memberships", 2)}},
			{Name: "send-email omitted", Method: "POST", Path: "/v1/workspaces/{ws}/users",
				Body: map[string]any{"email": "plain@example.com"}, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("memberships", 3)}},
			{Name: "send-email not a boolean", Method: "POST", Path: "/v1/workspaces/{ws}/users?send-email=maybe",
				Body: map[string]any{"email": "other@example.com"}, Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Contains("message", "send-email")}},
		})
	})
}

func TestProjectListGroupAndExpenseParams(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		env.MustDo(t, "POST", projectsPath, "", map[string]any{"name": "Alpha"}, http.StatusCreated)
		group := "5a0ab5acb07987125438b60f"
		apitest.Run(t, env, []apitest.Case{
			{Name: "userGroups matches no project", Method: "GET", Path: projectsPath + "?userGroups=" + group,
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 0), apitest.HeaderIs("Last-Page", "true")}},
			{Name: "userGroups with contains-group false", Method: "GET",
				Path: projectsPath + "?userGroups=" + group + "&contains-group=0", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1)}},
			{Name: "contains-group not a boolean", Method: "GET", Path: projectsPath + "?contains-group=maybe",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Contains("message", "contains-group")}},
			{Name: "expense params accepted", Method: "GET", Path: projectsPath + "?expense-limit=10&expense-date=2024-12-31",
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 1)}},
			{Name: "expense-limit not a number", Method: "GET", Path: projectsPath + "?expense-limit=ten",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Contains("message", "expense-limit")}},
			{Name: "expense-date not a date", Method: "GET", Path: projectsPath + "?expense-date=31.12.2024",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Contains("message", "expense-date")}},
		})
	})
}

func TestGetProjectSpecParams(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		p := env.MustDo(t, "POST", projectsPath, "", map[string]any{"name": "Alpha"}, http.StatusCreated)
		env.Vars["project"] = apitest.Str(t, p, "id")
		apitest.Run(t, env, []apitest.Case{
			{Name: "all params", Method: "GET",
				Path:   projectsPath + "/{project}?hydrated=true&custom-field-entity-type=TIMEENTRY&expense-limit=5&expense-date=2024-01-31",
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("id", "{project}"), apitest.Len("customFields", 0)}},
			{Name: "expense-limit negative", Method: "GET", Path: projectsPath + "/{project}?expense-limit=-1",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000)}},
			{Name: "expense-date not a date", Method: "GET", Path: projectsPath + "/{project}?expense-date=2024-02-30",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000)}},
		})
	})
}

func TestProjectCreateTaskRates(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		apitest.Run(t, env, []apitest.Case{
			{Name: "create with rated task", Method: "POST", Path: projectsPath, Body: map[string]any{
				"name": "Rated", "tasks": []any{
					map[string]any{"name": "Build", "hourlyRate": map[string]any{"amount": 4500}, "costRate": map[string]any{"amount": 2000}},
					map[string]any{"name": "Plain"},
				}}, Status: http.StatusCreated, Checks: []apitest.Check{apitest.Store(env, "project", "id")}},
			{Name: "task rates stored", Method: "GET", Path: projectsPath + "/{project}/tasks?sort-column=NAME", Status: http.StatusOK,
				Checks: []apitest.Check{
					apitest.Equal("0.name", "Build"),
					apitest.Equal("0.hourlyRate.amount", 4500),
					apitest.Equal("0.costRate.amount", 2000),
					apitest.Equal("1.name", "Plain"),
					apitest.Equal("1.hourlyRate", nil),
					apitest.Equal("1.costRate", nil),
				}},
			{Name: "task rate without amount", Method: "POST", Path: projectsPath, Body: map[string]any{
				"name": "Broken", "tasks": []any{map[string]any{"name": "Build", "hourlyRate": map[string]any{}}}},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "amount")}},
			{Name: "task rate negative", Method: "POST", Path: projectsPath, Body: map[string]any{
				"name": "Negative", "tasks": []any{map[string]any{"name": "Build", "costRate": map[string]any{"amount": -1}}}},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
		})
	})
}

func TestClientTextLimits(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		clients := "/v1/workspaces/{ws}/clients"
		long := strings.Repeat("a", 3001)
		apitest.Run(t, env, []apitest.Case{
			{Name: "address too long", Method: "POST", Path: clients, Body: map[string]any{"name": "A", "address": long},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "address")}},
			{Name: "note too long", Method: "POST", Path: clients, Body: map[string]any{"name": "A", "note": long},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "note")}},
			{Name: "limits in characters", Method: "POST", Path: clients, Body: map[string]any{
				"name": strings.Repeat("é", 100), "address": strings.Repeat("é", 3000), "note": strings.Repeat("ü", 3000)},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Store(env, "client", "id")}},
			{Name: "update address too long", Method: "PUT", Path: clients + "/{client}", Body: map[string]any{"address": long},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "address")}},
			{Name: "update note too long", Method: "PUT", Path: clients + "/{client}", Body: map[string]any{"note": long},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "note")}},
			{Name: "workspace name in characters", Method: "POST", Path: "/v1/workspaces", Body: map[string]any{"name": strings.Repeat("ß", 50)},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Equal("name", strings.Repeat("ß", 50))}},
			{Name: "workspace name too long", Method: "POST", Path: "/v1/workspaces", Body: map[string]any{"name": strings.Repeat("ß", 51)},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
		})
	})
}

func TestClientListAddressNoteFilters(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		clients := "/v1/workspaces/{ws}/clients"
		env.MustDo(t, "POST", clients, "", map[string]any{"name": "Acme", "address": "Main Street 5", "note": "Pays late"}, http.StatusCreated)
		env.MustDo(t, "POST", clients, "", map[string]any{"name": "Beta", "address": "Harbour Road 1", "note": "100% prepaid"}, http.StatusCreated)
		apitest.Run(t, env, []apitest.Case{
			{Name: "address substring any case", Method: "GET", Path: clients + "?address=main%20STREET", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.name", "Acme")}},
			{Name: "note substring any case", Method: "GET", Path: clients + "?note=PREPAID", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.name", "Beta")}},
			{Name: "note wildcard is literal", Method: "GET", Path: clients + "?note=%25", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.name", "Beta")}},
			{Name: "filters combine", Method: "GET", Path: clients + "?address=road&note=late", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 0)}},
		})
	})
}
