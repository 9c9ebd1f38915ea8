package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

const projectsPath = "/v1/workspaces/{ws}/projects"

// unknownProjectID is a well-formed id that names no project.
const unknownProjectID = "0123456789abcdef01234567"

func TestProjectLifecycle(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		client := env.MustDo(t, "POST", "/v1/workspaces/{ws}/clients", "", map[string]any{"name": "Acme"}, http.StatusCreated)
		env.Vars["client"] = apitest.Str(t, client, "id")
		env.Vars["owner"] = env.Owner.UserID

		apitest.Run(t, env, []apitest.Case{
			{Name: "create with defaults", Method: "POST", Path: projectsPath, Body: map[string]any{"name": " Website "},
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Store(env, "p", "id"),
					apitest.Equal("name", "Website"),
					apitest.Equal("workspaceId", "{ws}"),
					apitest.Equal("clientId", ""),
					apitest.Equal("clientName", ""),
					apitest.Equal("color", "#03A9F4"),
					apitest.Equal("billable", true),
					apitest.Equal("public", true),
					apitest.Equal("template", false),
					apitest.Equal("archived", false),
					apitest.Equal("duration", "PT0S"),
					apitest.Equal("hourlyRate", nil),
					apitest.Equal("costRate", nil),
					apitest.Equal("estimate", map[string]any{"estimate": "PT0S", "type": "AUTO"}),
					apitest.Equal("timeEstimate.estimate", "PT0S"),
					apitest.Equal("timeEstimate.type", "AUTO"),
					apitest.Equal("timeEstimate.active", false),
					apitest.Equal("timeEstimate.resetOption", nil),
					apitest.Equal("budgetEstimate", nil),
					apitest.Equal("estimateReset", nil),
					apitest.Len("memberships", 1),
					apitest.Equal("memberships.0.userId", env.Owner.UserID),
					apitest.Equal("memberships.0.membershipType", "PROJECT"),
					apitest.Equal("memberships.0.membershipStatus", "ACTIVE"),
					apitest.Missing("tasks"),
				}},
			{Name: "create as clockify-cli sends it", Method: "POST", Path: projectsPath,
				Body:   `{"name":"Website","clientId":"{client}","isPublic":false,"color":"#ff00aa","note":"n","billable":false,"public":false}`,
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Store(env, "acme", "id"),
					apitest.Equal("clientId", "{client}"),
					apitest.Equal("clientName", "Acme"),
					apitest.Equal("color", "#ff00aa"),
					apitest.Equal("note", "n"),
					apitest.Equal("billable", false),
					apitest.Equal("public", false),
				}},
			{Name: "create taken name in other case", Method: "POST", Path: projectsPath, Body: map[string]any{"name": "WEBSITE"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{
					apitest.ErrorBody(501),
					apitest.Equal("message", "Project with name 'WEBSITE' already exists"),
				}},
			{Name: "create one-letter name", Method: "POST", Path: projectsPath, Body: map[string]any{"name": "x"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "create short color", Method: "POST", Path: projectsPath, Body: map[string]any{"name": "Colors", "color": "#fff"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "create unknown client", Method: "POST", Path: projectsPath, Body: map[string]any{"name": "Lost", "clientId": unknownProjectID},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Equal("message", "Client doesn't belong to Workspace")}},
			{Name: "create negative rate", Method: "POST", Path: projectsPath,
				Body:   map[string]any{"name": "Cheap", "hourlyRate": map[string]any{"amount": -1}},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "create malformed JSON", Method: "POST", Path: projectsPath, Body: `{"name":`,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3002)}},
			{Name: "get", Method: "GET", Path: projectsPath + "/{p}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("id", "{p}"),
				apitest.Equal("name", "Website"),
				apitest.Missing("tasks"),
				apitest.Missing("customFields"),
			}},
			{Name: "get hydrated", Method: "GET", Path: projectsPath + "/{p}?hydrated=1", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("tasks", 0),
				apitest.Len("customFields", 0),
			}},
			{Name: "get unknown id", Method: "GET", Path: projectsPath + "/" + unknownProjectID,
				Status: http.StatusBadRequest, Checks: []apitest.Check{
					apitest.ErrorBody(501),
					apitest.Equal("message", "Project doesn't belong to Workspace"),
				}},
			{Name: "get malformed id", Method: "GET", Path: projectsPath + "/nope",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Equal("message", "Project doesn't belong to Workspace")}},

			// PUT is a partial update, unlike the time entry PUT.
			{Name: "PUT rates and note", Method: "PUT", Path: projectsPath + "/{p}",
				Body:   map[string]any{"note": "first", "hourlyRate": map[string]any{"amount": 2500}, "costRate": map[string]any{"amount": 1000}},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("hourlyRate", map[string]any{"amount": 2500, "currency": "USD"}),
					apitest.Equal("costRate", map[string]any{"amount": 1000, "currency": "USD"}),
					apitest.Equal("note", "first"),
				}},
			{Name: "PUT name only keeps the rest", Method: "PUT", Path: projectsPath + "/{p}", Body: map[string]any{"name": "Web site"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("name", "Web site"),
					apitest.Equal("note", "first"),
					apitest.Equal("color", "#03A9F4"),
					apitest.Equal("billable", true),
					apitest.Equal("public", true),
					apitest.Equal("archived", false),
					apitest.Equal("hourlyRate.amount", 2500),
					apitest.Equal("costRate.amount", 1000),
					apitest.Len("memberships", 1),
				}},
			{Name: "PUT empty body changes nothing", Method: "PUT", Path: projectsPath + "/{p}", Body: `{}`,
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("name", "Web site"),
					apitest.Equal("hourlyRate.amount", 2500),
				}},
			{Name: "PUT null rate keeps it", Method: "PUT", Path: projectsPath + "/{p}", Body: `{"hourlyRate":null}`,
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("hourlyRate.amount", 2500)}},
			{Name: "PUT isPublic false", Method: "PUT", Path: projectsPath + "/{p}", Body: map[string]any{"isPublic": false},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("public", false)}},
			{Name: "PUT public true", Method: "PUT", Path: projectsPath + "/{p}", Body: map[string]any{"public": true},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("public", true)}},
			{Name: "PUT client", Method: "PUT", Path: projectsPath + "/{p}", Body: map[string]any{"clientId": "{client}", "name": "Shop"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("clientId", "{client}"),
					apitest.Equal("clientName", "Acme"),
				}},
			{Name: "PUT empty clientId removes the client", Method: "PUT", Path: projectsPath + "/{p}",
				Body:   map[string]any{"clientId": "", "color": "#ABCDEF", "note": "", "billable": false, "archived": false},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("clientId", ""),
					apitest.Equal("clientName", ""),
					apitest.Equal("color", "#ABCDEF"),
					apitest.Equal("note", ""),
					apitest.Equal("billable", false),
					apitest.Equal("hourlyRate.amount", 2500),
				}},
			{Name: "PUT to taken name", Method: "PUT", Path: projectsPath + "/{acme}", Body: map[string]any{"clientId": "", "name": "shop"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{
					apitest.ErrorBody(501),
					apitest.Equal("message", "Project with name 'shop' already exists"),
				}},
			{Name: "PUT invalid color", Method: "PUT", Path: projectsPath + "/{p}", Body: map[string]any{"color": "red"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "PUT unknown id", Method: "PUT", Path: projectsPath + "/" + unknownProjectID, Body: map[string]any{"name": "xx"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Equal("message", "Project doesn't belong to Workspace")}},

			// Delete works only on an archived project.
			{Name: "delete active project", Method: "DELETE", Path: projectsPath + "/{p}",
				Status: http.StatusBadRequest, Checks: []apitest.Check{
					apitest.ErrorBody(501),
					apitest.Equal("message", "Cannot delete an active project"),
				}},
			{Name: "archive", Method: "PUT", Path: projectsPath + "/{p}", Body: map[string]any{"archived": true},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("archived", true),
					apitest.Equal("name", "Shop"),
				}},
			{Name: "delete archived project", Method: "DELETE", Path: projectsPath + "/{p}",
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("id", "{p}"),
					apitest.Equal("name", "Shop"),
					apitest.Equal("archived", true),
					apitest.Equal("timeEstimate.estimate", "PT0S"),
				}},
			{Name: "get deleted", Method: "GET", Path: projectsPath + "/{p}",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Equal("message", "Project doesn't belong to Workspace")}},
			{Name: "delete deleted", Method: "DELETE", Path: projectsPath + "/{p}",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "deleted name is free again", Method: "POST", Path: projectsPath, Body: map[string]any{"name": "Shop"},
				Status: http.StatusCreated},
		})
	})
}

func TestProjectCreateWithMembersAndTasks(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		worker := env.NewUser(t, "worker", domain.RoleUser, "")
		env.Vars["worker"] = worker.UserID
		env.Vars["workerKey"] = worker.Key

		apitest.Run(t, env, []apitest.Case{
			{Name: "create", Method: "POST", Path: projectsPath, Body: map[string]any{
				"name":        "Build",
				"estimate":    map[string]any{"estimate": "PT10H", "type": "MANUAL"},
				"memberships": []any{map[string]any{"userId": "{worker}", "hourlyRate": map[string]any{"amount": 3000}}},
				"tasks": []any{
					map[string]any{"name": "Design", "estimate": "PT2H30M"},
					map[string]any{"name": "Code", "status": "DONE", "billable": false},
				},
			}, Status: http.StatusCreated, Checks: []apitest.Check{
				apitest.Store(env, "p", "id"),
				apitest.Equal("timeEstimate.estimate", "PT10H"),
				apitest.Equal("timeEstimate.type", "MANUAL"),
				apitest.Equal("timeEstimate.active", true),
				apitest.Equal("estimate.estimate", "PT10H"),
				apitest.Len("memberships", 2),
				apitest.Equal("memberships.0.userId", "{worker}"),
				apitest.Equal("memberships.0.targetId", "{p}"),
				apitest.Equal("memberships.0.hourlyRate", map[string]any{"amount": 3000, "currency": "USD"}),
				apitest.Equal("memberships.0.costRate", nil),
				apitest.Equal("memberships.1.userId", env.Owner.UserID),
			}},
			{Name: "tasks created with it", Method: "GET", Path: projectsPath + "/{p}?hydrated=true", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("tasks", 2),
				apitest.Equal("tasks.0.name", "Code"),
				apitest.Equal("tasks.0.status", "DONE"),
				apitest.Equal("tasks.0.billable", false),
				apitest.Equal("tasks.1.name", "Design"),
				apitest.Equal("tasks.1.estimate", "PT2H30M"),
				apitest.Equal("tasks.1.billable", true),
				apitest.Len("customFields", 0),
			}},
			{Name: "hydrated list carries tasks", Method: "GET", Path: projectsPath + "?hydrated=true", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("0.tasks", 2),
			}},
			{Name: "duplicate task names roll the project back", Method: "POST", Path: projectsPath, Body: map[string]any{
				"name": "Twice", "tasks": []any{map[string]any{"name": "a"}, map[string]any{"name": "A"}},
			}, Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "rolled back project is absent", Method: "GET", Path: projectsPath + "?name=Twice", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "unknown member", Method: "POST", Path: projectsPath,
				Body:   map[string]any{"name": "Ghosts", "memberships": []any{map[string]any{"userId": unknownProjectID}}},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Equal("message", "User doesn't belong to Workspace")}},
			{Name: "regular member creates by default", Method: "POST", Path: projectsPath, Key: "{workerKey}",
				Body: map[string]any{"name": "Mine"}, Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Len("memberships", 1),
					apitest.Equal("memberships.0.userId", "{worker}"),
				}},
		})
	})
}

func TestProjectListFilters(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		worker := env.NewUser(t, "worker", domain.RoleUser, "")
		env.Vars["worker"] = worker.UserID
		for _, name := range []string{"Acme", "Globex"} {
			c := env.MustDo(t, "POST", "/v1/workspaces/{ws}/clients", "", map[string]any{"name": name}, http.StatusCreated)
			env.Vars[name] = apitest.Str(t, c, "id")
		}
		env.MustDo(t, "PUT", "/v1/workspaces/{ws}/clients/{Globex}", "", map[string]any{"name": "Globex", "archived": true}, http.StatusOK)
		projects := []map[string]any{
			{"name": "alpha", "clientId": "{Acme}", "billable": true, "isPublic": true},
			{"name": "Beta", "clientId": "{Globex}", "billable": false, "isPublic": false},
			{"name": "alphabet", "billable": false, "isPublic": true},
			{"name": "Delta", "clientId": "{Acme}", "billable": true, "isPublic": false},
		}
		for _, body := range projects {
			p := env.MustDo(t, "POST", projectsPath, "", body, http.StatusCreated)
			env.Vars[body["name"].(string)] = apitest.Str(t, p, "id")
		}
		env.MustDo(t, "PUT", projectsPath+"/{Beta}", "", map[string]any{"archived": true}, http.StatusOK)
		env.MustDo(t, "PATCH", projectsPath+"/{Delta}/template", "", map[string]any{"isTemplate": true}, http.StatusOK)
		env.MustDo(t, "POST", projectsPath+"/{alpha}/memberships", "", map[string]any{"userIds": []string{"{worker}"}}, http.StatusOK)

		names := func(want ...string) apitest.Check {
			return func(t testing.TB, r *apitest.Response) {
				t.Helper()
				apitest.Len("", len(want))(t, r)
				for i, n := range want {
					apitest.Equal(fmt.Sprintf("%d.name", i), n)(t, r)
				}
			}
		}
		apitest.Run(t, env, []apitest.Case{
			{Name: "archived absent lists both", Method: "GET", Path: projectsPath, Status: http.StatusOK,
				Checks: []apitest.Check{names("alpha", "alphabet", "Beta", "Delta"), apitest.HeaderIs("Last-Page", "true")}},
			{Name: "archived true", Method: "GET", Path: projectsPath + "?archived=true", Status: http.StatusOK,
				Checks: []apitest.Check{names("Beta")}},
			{Name: "archived false", Method: "GET", Path: projectsPath + "?archived=false", Status: http.StatusOK,
				Checks: []apitest.Check{names("alpha", "alphabet", "Delta")}},
			{Name: "archived not a boolean", Method: "GET", Path: projectsPath + "?archived=maybe",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000)}},
			{Name: "billable", Method: "GET", Path: projectsPath + "?billable=1", Status: http.StatusOK,
				Checks: []apitest.Check{names("alpha", "Delta")}},
			{Name: "name substring ignores case", Method: "GET", Path: projectsPath + "?name=ALPHA", Status: http.StatusOK,
				Checks: []apitest.Check{names("alpha", "alphabet")}},
			{Name: "strict name", Method: "GET", Path: projectsPath + "?name=ALPHA&strict-name-search=true", Status: http.StatusOK,
				Checks: []apitest.Check{names("alpha")}},
			{Name: "clients comma list", Method: "GET", Path: projectsPath + "?clients={Acme},{Globex}", Status: http.StatusOK,
				Checks: []apitest.Check{names("alpha", "Beta", "Delta")}},
			{Name: "clients repeated", Method: "GET", Path: projectsPath + "?clients={Acme}&clients={Globex}", Status: http.StatusOK,
				Checks: []apitest.Check{names("alpha", "Beta", "Delta")}},
			{Name: "clients excluded", Method: "GET", Path: projectsPath + "?clients={Acme}&contains-client=false", Status: http.StatusOK,
				Checks: []apitest.Check{names("alphabet", "Beta")}},
			{Name: "client status archived", Method: "GET", Path: projectsPath + "?client-status=ARCHIVED", Status: http.StatusOK,
				Checks: []apitest.Check{names("Beta")}},
			{Name: "client status active", Method: "GET", Path: projectsPath + "?client-status=ACTIVE", Status: http.StatusOK,
				Checks: []apitest.Check{names("alpha", "alphabet", "Delta")}},
			{Name: "client status invalid", Method: "GET", Path: projectsPath + "?client-status=GONE",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000)}},
			{Name: "users", Method: "GET", Path: projectsPath + "?users={worker}", Status: http.StatusOK,
				Checks: []apitest.Check{names("alpha")}},
			{Name: "users with status", Method: "GET", Path: projectsPath + "?users={worker}&user-status=INACTIVE", Status: http.StatusOK,
				Checks: []apitest.Check{names()}},
			{Name: "users excluded", Method: "GET", Path: projectsPath + "?users={worker}&contains-user=false", Status: http.StatusOK,
				Checks: []apitest.Check{names("alphabet", "Beta", "Delta")}},
			{Name: "templates", Method: "GET", Path: projectsPath + "?is-template=true", Status: http.StatusOK,
				Checks: []apitest.Check{names("Delta")}},
			{Name: "private access", Method: "GET", Path: projectsPath + "?access=PRIVATE", Status: http.StatusOK,
				Checks: []apitest.Check{names("Beta", "Delta")}},
			{Name: "public access", Method: "GET", Path: projectsPath + "?access=public", Status: http.StatusOK,
				Checks: []apitest.Check{names("alpha", "alphabet")}},
			{Name: "sort by name descending", Method: "GET", Path: projectsPath + "?sort-column=NAME&sort-order=DESCENDING", Status: http.StatusOK,
				Checks: []apitest.Check{names("Delta", "Beta", "alphabet", "alpha")}},
			{Name: "sort by client name", Method: "GET", Path: projectsPath + "?sort-column=CLIENT_NAME", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("0.name", "alphabet"), apitest.Equal("3.name", "Beta")}},
			{Name: "sort by budget", Method: "GET", Path: projectsPath + "?sort-column=BUDGET&sort-order=DESCENDING", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 4)}},
			{Name: "sort column invalid", Method: "GET", Path: projectsPath + "?sort-column=COLOR",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000)}},
			{Name: "not hydrated has no tasks", Method: "GET", Path: projectsPath, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Missing("0.tasks"), apitest.Missing("0.customFields")}},
		})
	})
}

func TestProjectPagination(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		for i := range 51 {
			env.MustDo(t, "POST", projectsPath, "", map[string]any{"name": fmt.Sprintf("project %02d", i)}, http.StatusCreated)
		}
		apitest.Run(t, env, []apitest.Case{
			{Name: "page 1 by default", Method: "GET", Path: projectsPath, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 50),
				apitest.HeaderIs("Last-Page", "false"),
				apitest.Equal("0.name", "project 00"),
				apitest.Equal("49.name", "project 49"),
			}},
			{Name: "page 2", Method: "GET", Path: projectsPath + "?page=2&page-size=50", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 1),
				apitest.HeaderIs("Last-Page", "true"),
				apitest.Equal("0.name", "project 50"),
			}},
			{Name: "page 3 is empty", Method: "GET", Path: projectsPath + "?page=3", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 0),
				apitest.HeaderIs("Last-Page", "true"),
			}},
			{Name: "page sorted in Go", Method: "GET", Path: projectsPath + "?sort-column=PROGRESS&page=2&page-size=50", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.HeaderIs("Last-Page", "true")}},
			{Name: "page size too large", Method: "GET", Path: projectsPath + "?page-size=5001",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000)}},
			{Name: "page 0", Method: "GET", Path: projectsPath + "?page=0",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000)}},
		})
	})
}

func TestProjectEstimate(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		p := env.MustDo(t, "POST", projectsPath, "", map[string]any{"name": "Budgeted"}, http.StatusCreated)
		env.Vars["p"] = apitest.Str(t, p, "id")
		path := projectsPath + "/{p}/estimate"

		// The bodies are those clockify-cli v0.50.0 sends.
		apitest.Run(t, env, []apitest.Case{
			{Name: "time estimate", Method: "PATCH", Path: path,
				Body:   `{"timeEstimate":{"type":"MANUAL","active":true,"estimate":"PT1H30M15S"},"budgetEstimate":{"active":false}}`,
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("timeEstimate.estimate", "PT1H30M15S"),
					apitest.Equal("timeEstimate.type", "MANUAL"),
					apitest.Equal("timeEstimate.active", true),
					apitest.Equal("estimate.estimate", "PT1H30M15S"),
					apitest.Equal("budgetEstimate.active", false),
				}},
			{Name: "monthly budget", Method: "PATCH", Path: path,
				Body:   `{"timeEstimate":{"active":false},"budgetEstimate":{"type":"MANUAL","active":true,"resetOption":"MONTHLY","estimate":5000}}`,
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("timeEstimate.active", false),
					apitest.Equal("timeEstimate.estimate", "PT1H30M15S"),
					apitest.Equal("budgetEstimate.estimate", 5000),
					apitest.Equal("budgetEstimate.type", "MANUAL"),
					apitest.Equal("budgetEstimate.active", true),
					apitest.Equal("budgetEstimate.resetOption", "MONTHLY"),
					apitest.Equal("budgetEstimate.resetOptions", "MONTHLY"),
				}},
			{Name: "none", Method: "PATCH", Path: path, Body: `{"timeEstimate":{"active":false},"budgetEstimate":{"active":false}}`,
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("timeEstimate.active", false),
					apitest.Equal("budgetEstimate.active", false),
				}},
			{Name: "time reset option read back under both keys", Method: "PATCH", Path: path,
				Body:   `{"timeEstimate":{"active":true,"resetOption":"weekly","estimate":"3600000"}}`,
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("timeEstimate.estimate", "PT1H"),
					apitest.Equal("timeEstimate.resetOption", "WEEKLY"),
					apitest.Equal("timeEstimate.resetOptions", "WEEKLY"),
				}},
			{Name: "fractional seconds are cut", Method: "PATCH", Path: path, Body: `{"timeEstimate":{"estimate":"PT1.5S"}}`,
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("timeEstimate.estimate", "PT1S")}},
			{Name: "estimate reset", Method: "PATCH", Path: path,
				Body:   `{"estimateReset":{"interval":"MONTHLY","dayOfMonth":20,"hour":15,"isActive":true}}`,
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("estimateReset.interval", "MONTHLY"),
					apitest.Equal("estimateReset.dayOfMonth", 20),
					apitest.Equal("estimateReset.hour", 15),
					apitest.Equal("estimateReset.active", true),
				}},
			{Name: "unknown type", Method: "PATCH", Path: path, Body: `{"timeEstimate":{"type":"GUESS"}}`,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "negative budget", Method: "PATCH", Path: path, Body: `{"budgetEstimate":{"estimate":-5}}`,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "malformed duration", Method: "PATCH", Path: path, Body: `{"timeEstimate":{"estimate":"1h"}}`,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3002)}},
			{Name: "reset hour out of range", Method: "PATCH", Path: path, Body: `{"estimateReset":{"interval":"WEEKLY","hour":24}}`,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "unknown project", Method: "PATCH", Path: projectsPath + "/" + unknownProjectID + "/estimate", Body: `{}`,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Equal("message", "Project doesn't belong to Workspace")}},
		})
	})
}

func TestProjectMemberships(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		for _, name := range []string{"ann", "bob"} {
			env.Vars[name] = env.NewUser(t, name, domain.RoleUser, "").UserID
		}
		p := env.MustDo(t, "POST", projectsPath, "", map[string]any{"name": "Team"}, http.StatusCreated)
		env.Vars["p"] = apitest.Str(t, p, "id")
		members := projectsPath + "/{p}/memberships"

		apitest.Run(t, env, []apitest.Case{
			{Name: "replace with rates", Method: "PATCH", Path: members,
				Body: map[string]any{"memberships": []any{
					map[string]any{"userId": "{ann}", "hourlyRate": map[string]any{"amount": 1500}},
					map[string]any{"userId": "{bob}", "costRate": map[string]any{"amount": 700}},
				}}, Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Len("memberships", 2),
					apitest.Equal("memberships.0.userId", "{ann}"),
					apitest.Equal("memberships.0.hourlyRate", map[string]any{"amount": 1500, "currency": "USD"}),
					apitest.Equal("memberships.0.costRate", nil),
					apitest.Equal("memberships.1.userId", "{bob}"),
					apitest.Equal("memberships.1.costRate.amount", 700),
				}},
			{Name: "replace without memberships key", Method: "PATCH", Path: members, Body: `{}`,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "replace with unknown user", Method: "PATCH", Path: members,
				Body:   map[string]any{"memberships": []any{map[string]any{"userId": unknownProjectID}}},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Equal("message", "User doesn't belong to Workspace")}},
			{Name: "remove", Method: "POST", Path: members, Body: map[string]any{"userIds": []string{"{bob}"}, "remove": true},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Len("memberships", 1),
					apitest.Equal("memberships.0.userId", "{ann}"),
				}},
			{Name: "add keeps existing rates", Method: "POST", Path: members, Body: map[string]any{"userIds": []string{"{ann}", "{bob}"}},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Len("memberships", 2),
					apitest.Equal("memberships.0.hourlyRate.amount", 1500),
					apitest.Equal("memberships.1.userId", "{bob}"),
					apitest.Equal("memberships.1.hourlyRate", nil),
				}},
			{Name: "add unknown user", Method: "POST", Path: members, Body: map[string]any{"userIds": []string{"nope"}},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "member hourly rate", Method: "PUT", Path: projectsPath + "/{p}/users/{bob}/hourly-rate",
				Body: map[string]any{"amount": 250, "since": "2024-03-01T15:00:00Z"}, Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("memberships.1.hourlyRate", map[string]any{"amount": 250, "currency": "USD"}),
				}},
			{Name: "member cost rate", Method: "PUT", Path: projectsPath + "/{p}/users/{bob}/cost-rate",
				Body: map[string]any{"amount": 0}, Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("memberships.1.costRate.amount", 0),
					apitest.Equal("memberships.1.hourlyRate.amount", 250),
				}},
			{Name: "member rate without amount", Method: "PUT", Path: projectsPath + "/{p}/users/{bob}/cost-rate",
				Body: map[string]any{}, Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "rate of non-member", Method: "PUT", Path: projectsPath + "/{p}/users/" + env.Owner.UserID + "/hourly-rate",
				Body: map[string]any{"amount": 100}, Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "rates survive a PUT", Method: "PUT", Path: projectsPath + "/{p}", Body: map[string]any{"note": "x"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Len("memberships", 2),
					apitest.Equal("memberships.1.hourlyRate.amount", 250),
				}},
			{Name: "replace with empty list", Method: "PATCH", Path: members, Body: `{"memberships":[]}`,
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("memberships", 0)}},
		})
	})
}

func TestProjectTemplate(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		c := env.MustDo(t, "POST", "/v1/workspaces/{ws}/clients", "", map[string]any{"name": "Acme"}, http.StatusCreated)
		env.Vars["client"] = apitest.Str(t, c, "id")
		p := env.MustDo(t, "POST", projectsPath, "", map[string]any{
			"name": "Blueprint", "note": "copy me", "billable": false, "color": "#112233",
			"hourlyRate": map[string]any{"amount": 4200},
			"tasks":      []any{map[string]any{"name": "Kickoff"}},
		}, http.StatusCreated)
		env.Vars["tpl"] = apitest.Str(t, p, "id")

		apitest.Run(t, env, []apitest.Case{
			{Name: "mark as template", Method: "PATCH", Path: projectsPath + "/{tpl}/template", Body: map[string]any{"isTemplate": true},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("template", true)}},
			{Name: "create from template", Method: "POST", Path: projectsPath + "/from-template",
				Body:   map[string]any{"name": "Copy", "templateProjectId": "{tpl}", "clientId": "{client}", "isPublic": false},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Store(env, "copy", "id"),
					apitest.Equal("name", "Copy"),
					apitest.Equal("note", "copy me"),
					apitest.Equal("billable", false),
					apitest.Equal("color", "#112233"),
					apitest.Equal("clientName", "Acme"),
					apitest.Equal("public", false),
					apitest.Equal("template", false),
					apitest.Equal("hourlyRate.amount", 4200),
				}},
			{Name: "copied tasks", Method: "GET", Path: projectsPath + "/{copy}?hydrated=true", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("tasks", 1),
				apitest.Equal("tasks.0.name", "Kickoff"),
				apitest.Equal("tasks.0.projectId", "{copy}"),
			}},
			{Name: "from unknown template", Method: "POST", Path: projectsPath + "/from-template",
				Body:   map[string]any{"name": "Copy 2", "templateProjectId": unknownProjectID},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Equal("message", "Project doesn't belong to Workspace")}},
			{Name: "from template without name", Method: "POST", Path: projectsPath + "/from-template",
				Body:   map[string]any{"templateProjectId": "{tpl}"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "unmark", Method: "PATCH", Path: projectsPath + "/{tpl}/template", Body: map[string]any{"isTemplate": false},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("template", false)}},
		})
	})
}

// TestProjectTrackedTime covers the duration field and what a delete does to
// the project's time entries: they stay and still name the deleted id.
func TestProjectTrackedTime(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		ctx := context.Background()
		ids := map[string]string{}
		for _, name := range []string{"Busy", "Idle"} {
			p := env.MustDo(t, "POST", projectsPath, "", map[string]any{"name": name}, http.StatusCreated)
			ids[name] = apitest.Str(t, p, "id")
			env.Vars[name] = ids[name]
		}
		start := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
		end1 := start.Add(26*time.Hour + 30*time.Minute + 900*time.Millisecond)
		end2 := start.Add(45 * time.Second)
		entries := []domain.TimeEntry{
			{Start: start, End: &end1},
			{Start: start.Add(-time.Hour + 300*time.Millisecond), End: &end2},
			{Start: start.Add(48 * time.Hour)}, // running: not counted
		}
		other := env.NewUser(t, "other", domain.RoleUser, "")
		err := env.Store.Update(ctx, func(tx domain.Tx) error {
			for i, e := range entries {
				e.ID, e.WorkspaceID, e.UserID, e.ProjectID = domain.NewID(), env.Owner.WorkspaceID, env.Owner.UserID, ids["Busy"]
				e.Type, e.CreatedAt, e.TagIDs = domain.EntryRegular, start, []string{}
				if i == 1 {
					e.UserID = other.UserID
				}
				entries[i] = e
				if err := tx.CreateTimeEntry(ctx, e); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("creating time entries: %v", err)
		}

		apitest.Run(t, env, []apitest.Case{
			{Name: "duration sums finished entries", Method: "GET", Path: projectsPath + "/{Busy}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("duration", "PT27H30M45S"),
			}},
			{Name: "no entries is PT0S", Method: "GET", Path: projectsPath + "/{Idle}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("duration", "PT0S"),
				apitest.Equal("timeEstimate.estimate", "PT0S"),
			}},
			{Name: "sort by duration", Method: "GET", Path: projectsPath + "?sort-column=DURATION&sort-order=DESCENDING", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("0.name", "Busy"),
				apitest.Equal("1.name", "Idle"),
			}},
			{Name: "progress needs an estimate", Method: "PATCH", Path: projectsPath + "/{Busy}/estimate",
				Body: `{"timeEstimate":{"active":true,"estimate":"PT10H"}}`, Status: http.StatusOK},
			{Name: "sort by progress", Method: "GET", Path: projectsPath + "?sort-column=PROGRESS", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("0.name", "Idle"),
				apitest.Equal("1.name", "Busy"),
			}},
			{Name: "sort by progress descending", Method: "GET", Path: projectsPath + "?sort-column=PROGRESS&sort-order=DESCENDING",
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("0.name", "Busy"),
					apitest.Equal("1.name", "Idle"),
				}},
			{Name: "archive", Method: "PUT", Path: projectsPath + "/{Busy}", Body: map[string]any{"archived": true}, Status: http.StatusOK},
			{Name: "delete keeps reporting the duration", Method: "DELETE", Path: projectsPath + "/{Busy}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("duration", "PT27H30M45S"),
			}},
		})

		err = env.Store.View(ctx, func(tx domain.Tx) error {
			for _, want := range entries {
				got, err := tx.TimeEntry(ctx, env.Owner.WorkspaceID, want.ID)
				if err != nil {
					return fmt.Errorf("time entry %s after the project delete: %w", want.ID, err)
				}
				if got.ProjectID != ids["Busy"] {
					t.Errorf("time entry %s has project %q after the delete, want the deleted id %s", want.ID, got.ProjectID, ids["Busy"])
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestProjectWritesAdminOnly(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		ctx := context.Background()
		worker := env.NewUser(t, "worker", domain.RoleUser, "")
		env.Vars["workerKey"] = worker.Key
		p := env.MustDo(t, "POST", projectsPath, "", map[string]any{"name": "Guarded"}, http.StatusCreated)
		env.Vars["p"] = apitest.Str(t, p, "id")
		err := env.Store.Update(ctx, func(tx domain.Tx) error {
			ws, err := tx.Workspace(ctx, env.Owner.WorkspaceID)
			if err != nil {
				return err
			}
			ws.Settings.OnlyAdminsCreateProject = true
			return tx.UpdateWorkspace(ctx, ws)
		})
		if err != nil {
			t.Fatalf("restricting project creation to admins: %v", err)
		}

		denied := []apitest.Check{apitest.ErrorBody(501), apitest.Equal("message", "Access Denied")}
		apitest.Run(t, env, []apitest.Case{
			{Name: "member cannot create", Method: "POST", Path: projectsPath, Key: "{workerKey}",
				Body: map[string]any{"name": "Mine"}, Status: http.StatusForbidden, Checks: denied},
			{Name: "member cannot update", Method: "PUT", Path: projectsPath + "/{p}", Key: "{workerKey}",
				Body: map[string]any{"name": "Mine"}, Status: http.StatusForbidden, Checks: denied},
			{Name: "member cannot delete", Method: "DELETE", Path: projectsPath + "/{p}", Key: "{workerKey}",
				Status: http.StatusForbidden, Checks: denied},
			{Name: "member can list", Method: "GET", Path: projectsPath, Key: "{workerKey}",
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 1)}},
			{Name: "member can get", Method: "GET", Path: projectsPath + "/{p}", Key: "{workerKey}",
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("name", "Guarded")}},
		})
	})
}
