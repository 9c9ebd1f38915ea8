package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/punchclock/punchclock/apitest"
)

// TestJSONTypeErrors checks that a value of the wrong JSON type and invalid
// JSON get a 400 whose message names the JSON field and types, on several
// routes, and never a Go type name.
func TestJSONTypeErrors(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		project := env.MustDo(t, "POST", projectsPath, "", map[string]any{"name": "Alpha"}, http.StatusCreated)
		env.Vars["project"] = apitest.Str(t, project, "id")

		noGoNames := func(t testing.TB, r *apitest.Response) {
			t.Helper()
			for _, word := range []string{"Go ", "struct", "reports.", "api.", "domain.", "int64", "json:"} {
				if msg := apitest.Str(t, r.JSON(t), "message"); strings.Contains(msg, word) {
					t.Errorf("message %q contains %q", msg, word)
				}
			}
		}
		bad := func(code int, message string) []apitest.Check {
			return []apitest.Check{apitest.ErrorBody(code), apitest.Equal("message", message), noGoNames}
		}
		apitest.Run(t, env, []apitest.Case{
			{Name: "settings boolean as string", Method: "PATCH", Path: settingsPath,
				Body: `{"onlyAdminsSeeBillableRates":"yes"}`, Status: http.StatusBadRequest,
				Checks: bad(3002, "onlyAdminsSeeBillableRates: expected a boolean, got a string")},
			{Name: "settings round as array", Method: "PATCH", Path: settingsPath,
				Body: `{"round":[15]}`, Status: http.StatusBadRequest,
				Checks: bad(3002, "round: expected an object, got an array")},
			{Name: "settings body as array", Method: "PATCH", Path: settingsPath,
				Body: `[]`, Status: http.StatusBadRequest,
				Checks: bad(3002, "body: expected an object, got an array")},
			{Name: "tag name as number", Method: "POST", Path: tagsPath,
				Body: `{"name":5}`, Status: http.StatusBadRequest,
				Checks: bad(3002, "name: expected a string, got a number")},
			{Name: "project rate amount as string", Method: "POST", Path: projectsPath,
				Body: `{"name":"Beta","hourlyRate":{"amount":"ten"}}`, Status: http.StatusBadRequest,
				Checks: bad(3002, "hourlyRate.amount: expected a whole number from -9223372036854775808 to 9223372036854775807, got a string")},
			{Name: "membership user ids as string", Method: "POST", Path: projectsPath + "/{project}/memberships",
				Body: `{"userIds":"abc"}`, Status: http.StatusBadRequest,
				Checks: bad(3002, "userIds: expected an array, got a string")},
			{Name: "membership group ids of numbers", Method: "PATCH", Path: projectsPath + "/{project}/memberships",
				Body: `{"memberships":[],"userGroups":{"ids":[1]}}`, Status: http.StatusBadRequest,
				Checks: bad(3002, "userGroups.ids: expected a string, got a number")},
			{Name: "time entry tags as object", Method: "POST", Path: entriesPath,
				Body: `{"start":"2024-01-01T08:00:00Z","tagIds":{}}`, Status: http.StatusBadRequest,
				Checks: bad(3002, "tagIds: expected an array, got an object")},
			{Name: "group name as boolean", Method: "POST", Path: groupsPath,
				Body: `{"name":true}`, Status: http.StatusBadRequest,
				Checks: bad(3002, "name: expected a string, got a boolean")},
			{Name: "invalid JSON with position", Method: "POST", Path: tagsPath,
				Body: "{\n  \"name\": nope}", Status: http.StatusBadRequest,
				Checks: bad(3002, "The body is not valid JSON: invalid character 'o' in literal null (expecting 'u') at line 2, column 12")},
			{Name: "truncated JSON", Method: "POST", Path: tagsPath,
				Body: `{"name":`, Status: http.StatusBadRequest,
				Checks: bad(3002, "The body is not valid JSON: unexpected end of JSON input")},
			{Name: "report billable as string", Method: "POST", Path: summaryPath,
				Body:   `{"dateRangeStart":"2024-01-01T00:00:00Z","dateRangeEnd":"2024-01-31T23:59:59Z","billable":"sometimes","summaryFilter":{"groups":["PROJECT"]}}`,
				Status: http.StatusBadRequest, Checks: bad(501, "billable: expected a boolean, got a string")},
			{Name: "report body as array", Method: "POST", Path: summaryPath, Body: `[1]`,
				Status: http.StatusBadRequest, Checks: bad(501, "body: expected an object, got an array")},
			{Name: "report nested groups as string", Method: "POST", Path: summaryPath,
				Body:   `{"dateRangeStart":"2024-01-01T00:00:00Z","dateRangeEnd":"2024-01-31T23:59:59Z","summaryFilter":{"groups":"PROJECT"}}`,
				Status: http.StatusBadRequest, Checks: bad(501, "summaryFilter.groups: expected an array, got a string")},
			{Name: "shared report filter field", Method: "POST", Path: sharedPath,
				Body:   `{"name":"Monthly","type":"SUMMARY","filter":{"exportType":"JSON_V1","dateRangeStart":"2024-01-01T00:00:00Z","dateRangeEnd":"2024-01-31T23:59:59Z","billable":"no"}}`,
				Status: http.StatusBadRequest, Checks: bad(501, "filter.billable: expected a boolean, got a string")},
		})
	})
}
