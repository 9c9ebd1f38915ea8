package api_test

import (
	"net/http"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

// TestProjectFlagSpellings checks which names carry the public and template
// flags on each project route. The write routes return ProjectDtoImplV1,
// which has isPublic and isTemplate besides public and template. The reads
// return ProjectDtoV1, which has only public and template.
func TestProjectFlagSpellings(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		env.Vars["bob"] = env.NewUser(t, "bob", domain.RoleUser, "").UserID
		p := env.MustDo(t, "POST", projectsPath, "", map[string]any{"name": "Hidden", "isPublic": false}, http.StatusCreated)
		env.Vars["p"] = apitest.Str(t, p, "id")
		p = env.MustDo(t, "POST", projectsPath, "", map[string]any{"name": "Spare"}, http.StatusCreated)
		env.Vars["spare"] = apitest.Str(t, p, "id")

		// both checks the two spellings of both flags.
		both := func(public, template bool) []apitest.Check {
			return []apitest.Check{
				apitest.Equal("public", public), apitest.Equal("isPublic", public),
				apitest.Equal("template", template), apitest.Equal("isTemplate", template),
			}
		}
		readShape := []apitest.Check{apitest.Equal("public", true), apitest.Equal("template", true),
			apitest.Missing("isPublic"), apitest.Missing("isTemplate")}
		hidden := projectsPath + "/{p}"

		apitest.Run(t, env, []apitest.Case{
			{Name: "create", Method: "POST", Path: projectsPath, Body: map[string]any{"name": "Open", "isPublic": true},
				Status: http.StatusCreated, Checks: both(true, false)},
			{Name: "update", Method: "PUT", Path: hidden, Body: map[string]any{"name": "Hidden", "isPublic": true},
				Status: http.StatusOK, Checks: both(true, false)},
			{Name: "mark as template", Method: "PATCH", Path: hidden + "/template", Body: map[string]any{"isTemplate": true},
				Status: http.StatusOK, Checks: both(true, true)},
			{Name: "estimate", Method: "PATCH", Path: hidden + "/estimate", Body: `{"timeEstimate":{"estimate":"PT1H","active":true}}`,
				Status: http.StatusOK, Checks: both(true, true)},
			{Name: "replace memberships", Method: "PATCH", Path: hidden + "/memberships",
				Body: map[string]any{"memberships": []any{map[string]any{"userId": "{bob}"}}}, Status: http.StatusOK, Checks: both(true, true)},
			{Name: "add memberships", Method: "POST", Path: hidden + "/memberships",
				Body: map[string]any{"userIds": []string{"{bob}"}}, Status: http.StatusOK, Checks: both(true, true)},
			{Name: "member hourly rate", Method: "PUT", Path: hidden + "/users/{bob}/hourly-rate",
				Body: map[string]any{"amount": 100}, Status: http.StatusOK, Checks: both(true, true)},
			{Name: "member cost rate", Method: "PUT", Path: hidden + "/users/{bob}/cost-rate",
				Body: map[string]any{"amount": 100}, Status: http.StatusOK, Checks: both(true, true)},
			{Name: "from template", Method: "POST", Path: projectsPath + "/from-template",
				Body: map[string]any{"name": "Copy", "templateProjectId": "{p}", "isPublic": false}, Status: http.StatusOK,
				Checks: both(false, false)},
			{Name: "get", Method: "GET", Path: hidden, Status: http.StatusOK, Checks: readShape},
			{Name: "get hydrated", Method: "GET", Path: hidden + "?hydrated=true", Status: http.StatusOK, Checks: readShape},
			{Name: "list", Method: "GET", Path: projectsPath + "?name=Hidden", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 1), apitest.Equal("0.public", true), apitest.Missing("0.isPublic"), apitest.Missing("0.isTemplate"),
			}},
			{Name: "entry on the project", Method: "POST", Path: "/v1/workspaces/{ws}/time-entries",
				Body:   map[string]any{"start": "2024-03-04T09:00:00Z", "end": "2024-03-04T10:00:00Z", "projectId": "{p}"},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Store(env, "entry", "id")}},
			{Name: "hydrated entry project", Method: "GET", Path: "/v1/workspaces/{ws}/time-entries/{entry}?hydrated=true",
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("project.public", true), apitest.Missing("project.isPublic"), apitest.Missing("project.isTemplate"),
				}},
			{Name: "archive", Method: "PUT", Path: "/v1/workspaces/{ws}/projects/{spare}", Body: map[string]any{"archived": true},
				Status: http.StatusOK, Checks: both(true, false)},
			{Name: "delete", Method: "DELETE", Path: "/v1/workspaces/{ws}/projects/{spare}", Status: http.StatusOK,
				Checks: both(true, false)},
		})
	})
}
