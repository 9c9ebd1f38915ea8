package api_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

const (
	tasksPath = "/v1/workspaces/{ws}/projects/{project}/tasks"
	noSuchID  = "0123456789abcdef01234567"
)

// newTaskProject creates a project with the billable flag and stores its id
// in env.Vars[name].
func newTaskProject(t *testing.T, env *apitest.Env, name string, billable bool) {
	t.Helper()
	p := env.MustDo(t, "POST", "/v1/workspaces/{ws}/projects", "", map[string]any{"name": name, "billable": billable}, http.StatusCreated)
	env.Vars[name] = apitest.Str(t, p, "id")
}

func TestTaskLifecycle(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		newTaskProject(t, env, "project", true)
		newTaskProject(t, env, "unbilled", false)
		member := env.NewUser(t, "member", domain.RoleUser, "")
		env.Vars["member"] = member.UserID
		group := env.MustDo(t, "POST", "/v1/workspaces/{ws}/user-groups", "", map[string]any{"name": "Designers"}, http.StatusCreated)
		env.Vars["group"] = apitest.Str(t, group, "id")

		apitest.Run(t, env, []apitest.Case{
			{Name: "create minimal", Method: "POST", Path: tasksPath, Body: map[string]any{"name": " Design "},
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Store(env, "task", "id"),
					apitest.Equal("name", "Design"),
					apitest.Equal("projectId", "{project}"),
					apitest.Equal("assigneeIds", []string{}),
					apitest.Equal("assigneeId", nil),
					apitest.Equal("userGroupIds", []string{}),
					apitest.Equal("estimate", "PT0S"),
					apitest.Equal("duration", "PT0S"),
					apitest.Equal("status", "ACTIVE"),
					apitest.Equal("billable", true),
					apitest.Equal("budgetEstimate", 0),
					apitest.Equal("hourlyRate", nil),
					apitest.Equal("costRate", nil),
					apitest.Equal("favorite", false),
					apitest.Missing("workspaceId"),
				}},
			{Name: "billable defaults to project's", Method: "POST", Path: "/v1/workspaces/{ws}/projects/{unbilled}/tasks",
				Body: map[string]any{"name": "Design"}, Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Equal("billable", false),
					apitest.Equal("projectId", "{unbilled}"),
				}},
			{Name: "create as clockify-cli does", Method: "POST", Path: tasksPath,
				Body:   `{"name":"Build","assigneeIds":[],"billable":false,"estimate":"PT26H30M0S","status":"DONE"}`,
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Store(env, "done", "id"),
					apitest.Equal("estimate", "PT26H30M"),
					apitest.Equal("status", "DONE"),
					apitest.Equal("billable", false),
				}},
			{Name: "create merges deprecated assignee", Method: "POST", Path: tasksPath,
				Body:   map[string]any{"name": "Review", "assigneeIds": []string{"{member}"}, "assigneeId": env.Owner.UserID, "budgetEstimate": 5000},
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Equal("assigneeIds", []string{member.UserID, env.Owner.UserID}),
					apitest.Equal("assigneeId", nil),
					apitest.Equal("budgetEstimate", 5000),
				}},
			{Name: "create without assignees flag", Method: "POST", Path: tasksPath + "?contains-assignee=false",
				Body: map[string]any{"name": "Solo", "assigneeIds": []string{"{member}"}}, Status: http.StatusCreated,
				Checks: []apitest.Check{apitest.Equal("assigneeIds", []string{})}},
			{Name: "create lower-case status", Method: "POST", Path: tasksPath, Body: map[string]any{"name": "Lower", "status": "done"},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Equal("status", "DONE")}},
			{Name: "create unknown status", Method: "POST", Path: tasksPath, Body: map[string]any{"name": "x", "status": "whatever"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{
					apitest.ErrorBody(3002),
					apitest.Contains("message", "whatever"),
				}},
			{Name: "create status ALL", Method: "POST", Path: tasksPath, Body: map[string]any{"name": "x", "status": "ALL"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3002)}},
			{Name: "create bad estimate", Method: "POST", Path: tasksPath, Body: map[string]any{"name": "x", "estimate": "1 hour"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{
					apitest.ErrorBody(3002),
					apitest.Contains("message", "estimate"),
				}},
			{Name: "create unknown assignee", Method: "POST", Path: tasksPath, Body: map[string]any{"name": "x", "assigneeIds": []string{noSuchID}},
				Status: http.StatusBadRequest, Checks: []apitest.Check{
					apitest.ErrorBody(501),
					apitest.Contains("message", noSuchID),
				}},
			{Name: "create malformed user group", Method: "POST", Path: tasksPath, Body: map[string]any{"name": "x", "userGroupIds": []string{"g"}},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "create unknown user group", Method: "POST", Path: tasksPath, Body: map[string]any{"name": "x", "userGroupIds": []string{noSuchID}},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", noSuchID)}},
			{Name: "create negative budget", Method: "POST", Path: tasksPath, Body: map[string]any{"name": "x", "budgetEstimate": -1},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "create blank name", Method: "POST", Path: tasksPath, Body: map[string]any{"name": " "},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "create taken name", Method: "POST", Path: tasksPath, Body: map[string]any{"name": "DESIGN"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{
					apitest.ErrorBody(501),
					apitest.Equal("message", "Task with name 'DESIGN' already exists"),
				}},
			{Name: "create malformed JSON", Method: "POST", Path: tasksPath, Body: `{"name":"x",`,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3002)}},
			{Name: "create bad contains-assignee", Method: "POST", Path: tasksPath + "?contains-assignee=perhaps", Body: map[string]any{"name": "x"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000)}},
			{Name: "create in unknown project", Method: "POST", Path: "/v1/workspaces/{ws}/projects/" + noSuchID + "/tasks", Body: map[string]any{"name": "x"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{
					apitest.ErrorBody(501),
					apitest.Equal("message", "Project doesn't belong to Workspace"),
				}},
			{Name: "get", Method: "GET", Path: tasksPath + "/{task}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("id", "{task}"),
				apitest.Equal("name", "Design"),
				apitest.Equal("duration", "PT0S"),
			}},
			{Name: "get unknown task", Method: "GET", Path: tasksPath + "/" + noSuchID, Status: http.StatusBadRequest, Checks: []apitest.Check{
				apitest.ErrorBody(501),
				apitest.Equal("message", "Task doesn't belong to Project"),
			}},
			{Name: "get malformed task id", Method: "GET", Path: tasksPath + "/nope", Status: http.StatusBadRequest, Checks: []apitest.Check{
				apitest.Equal("message", "Task doesn't belong to Project"),
			}},
			{Name: "get through other project", Method: "GET", Path: "/v1/workspaces/{ws}/projects/{unbilled}/tasks/{task}",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Equal("message", "Task doesn't belong to Project")}},
			{Name: "get in unknown project", Method: "GET", Path: "/v1/workspaces/{ws}/projects/" + noSuchID + "/tasks/{task}",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Equal("message", "Project doesn't belong to Workspace")}},
			{Name: "PUT full", Method: "PUT", Path: tasksPath + "/{task}",
				Body: map[string]any{"name": "Design", "assigneeIds": []string{"{member}"}, "estimate": "PT2H", "billable": false,
					"budgetEstimate": 300, "userGroupIds": []string{"{group}"}},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("assigneeIds", []string{member.UserID}),
					apitest.Equal("estimate", "PT2H"),
					apitest.Equal("billable", false),
					apitest.Equal("budgetEstimate", 300),
					apitest.Equal("userGroupIds", []string{env.Vars["group"]}),
					apitest.Equal("status", "ACTIVE"),
				}},
			{Name: "PUT name only keeps the rest", Method: "PUT", Path: tasksPath + "/{task}", Body: map[string]any{"name": "Design 2"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("name", "Design 2"),
					apitest.Equal("assigneeIds", []string{member.UserID}),
					apitest.Equal("estimate", "PT2H"),
					apitest.Equal("billable", false),
					apitest.Equal("budgetEstimate", 300),
					apitest.Equal("userGroupIds", []string{env.Vars["group"]}),
					apitest.Equal("status", "ACTIVE"),
				}},
			{Name: "PUT as clockify-cli marks done", Method: "PUT", Path: tasksPath + "/{task}", Body: `{"name":"Design","status":"DONE"}`,
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("name", "Design"),
					apitest.Equal("status", "DONE"),
					apitest.Equal("estimate", "PT2H"),
				}},
			{Name: "PUT nulls keep values", Method: "PUT", Path: tasksPath + "/{task}", Body: `{"name":"Design","status":null,"estimate":null,"assigneeIds":null}`,
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("status", "DONE"),
					apitest.Equal("estimate", "PT2H"),
					apitest.Equal("assigneeIds", []string{member.UserID}),
				}},
			{Name: "PUT clears estimate and assignees", Method: "PUT", Path: tasksPath + "/{task}", Body: `{"name":"Design","estimate":"PT0S","assigneeIds":[],"userGroupIds":[]}`,
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("estimate", "PT0S"),
					apitest.Equal("assigneeIds", []string{}),
					apitest.Equal("userGroupIds", []string{}),
				}},
			{Name: "PUT deprecated assignee alone", Method: "PUT", Path: tasksPath + "/{task}", Body: map[string]any{"name": "Design", "assigneeId": "{member}"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("assigneeIds", []string{member.UserID})}},
			{Name: "PUT without assignees flag", Method: "PUT", Path: tasksPath + "/{task}?contains-assignee=0&membership-status=ALL", Body: map[string]any{"name": "Design"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("assigneeIds", []string{})}},
			{Name: "PUT reopens", Method: "PUT", Path: tasksPath + "/{task}", Body: map[string]any{"name": "Design", "status": "ACTIVE"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("status", "ACTIVE")}},
			{Name: "PUT without name", Method: "PUT", Path: tasksPath + "/{task}", Body: map[string]any{"status": "DONE"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "PUT unknown status", Method: "PUT", Path: tasksPath + "/{task}", Body: map[string]any{"name": "Design", "status": "ARCHIVED"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{
					apitest.ErrorBody(3002),
					apitest.Contains("message", "ARCHIVED"),
				}},
			{Name: "PUT bad membership status", Method: "PUT", Path: tasksPath + "/{task}?membership-status=SOME", Body: map[string]any{"name": "Design"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000)}},
			{Name: "PUT taken name", Method: "PUT", Path: tasksPath + "/{task}", Body: map[string]any{"name": "build"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Equal("message", "Task with name 'build' already exists")}},
			{Name: "PUT unknown task", Method: "PUT", Path: tasksPath + "/" + noSuchID, Body: map[string]any{"name": "x"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Equal("message", "Task doesn't belong to Project")}},
			{Name: "set hourly rate", Method: "PUT", Path: tasksPath + "/{task}/hourly-rate", Body: map[string]any{"amount": 2500},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("hourlyRate", map[string]any{"amount": 2500, "currency": "USD"}),
					apitest.Equal("costRate", nil),
				}},
			{Name: "set cost rate with since", Method: "PUT", Path: tasksPath + "/{task}/cost-rate", Body: map[string]any{"amount": 1000, "since": "2024-01-01T00:00:00Z"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("costRate.amount", 1000),
					apitest.Equal("hourlyRate.amount", 2500),
				}},
			{Name: "rates survive a PUT", Method: "PUT", Path: tasksPath + "/{task}", Body: map[string]any{"name": "Design"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("costRate.amount", 1000),
					apitest.Equal("hourlyRate.amount", 2500),
				}},
			{Name: "negative rate", Method: "PUT", Path: tasksPath + "/{task}/hourly-rate", Body: map[string]any{"amount": -1},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "rate without amount", Method: "PUT", Path: tasksPath + "/{task}/cost-rate", Body: map[string]any{},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "rate of unknown task", Method: "PUT", Path: tasksPath + "/" + noSuchID + "/hourly-rate", Body: map[string]any{"amount": 1},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Equal("message", "Task doesn't belong to Project")}},
			{Name: "delete active task", Method: "DELETE", Path: tasksPath + "/{task}", Status: http.StatusBadRequest, Checks: []apitest.Check{
				apitest.ErrorBody(501),
				apitest.Equal("message", "Cannot delete an active task"),
			}},
			{Name: "delete done task", Method: "DELETE", Path: tasksPath + "/{done}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("id", "{done}"),
				apitest.Equal("name", "Build"),
				apitest.Equal("status", "DONE"),
			}},
			{Name: "get deleted", Method: "GET", Path: tasksPath + "/{done}", Status: http.StatusBadRequest, Checks: []apitest.Check{
				apitest.Equal("message", "Task doesn't belong to Project"),
			}},
			{Name: "deleted name is free again", Method: "POST", Path: tasksPath, Body: map[string]any{"name": "Build"},
				Status: http.StatusCreated},
		})
	})
}

func TestTaskListFilters(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		newTaskProject(t, env, "project", false)
		newTaskProject(t, env, "other", false)
		for _, task := range []struct{ name, status string }{
			{"beta", "ACTIVE"}, {"Alpha", "ACTIVE"}, {"alphabet", "DONE"}, {"gamma_1", "ACTIVE"}, {"gammaX1", "DONE"},
		} {
			created := env.MustDo(t, "POST", tasksPath, "", map[string]any{"name": task.name, "status": task.status}, http.StatusCreated)
			env.Vars[task.name] = apitest.Str(t, created, "id")
		}
		env.MustDo(t, "POST", "/v1/workspaces/{ws}/projects/{other}/tasks", "", map[string]any{"name": "beta"}, http.StatusCreated)

		apitest.Run(t, env, []apitest.Case{
			{Name: "is-active absent lists both", Method: "GET", Path: tasksPath, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 5),
				apitest.HeaderIs("Last-Page", "true"),
				apitest.Equal("0.name", "Alpha"),
				apitest.Equal("1.name", "alphabet"),
				apitest.Equal("2.name", "beta"),
				apitest.Equal("2.projectId", "{project}"),
			}},
			{Name: "is-active true", Method: "GET", Path: tasksPath + "?is-active=true", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 3),
				apitest.Equal("0.status", "ACTIVE"),
				apitest.Equal("2.status", "ACTIVE"),
			}},
			{Name: "is-active 0", Method: "GET", Path: tasksPath + "?is-active=0", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 2),
				apitest.Equal("0.name", "alphabet"),
				apitest.Equal("1.name", "gammaX1"),
			}},
			{Name: "name substring ignores case", Method: "GET", Path: tasksPath + "?name=ALPHA", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 2),
			}},
			{Name: "name wildcard is literal", Method: "GET", Path: tasksPath + "?name=a_1", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 1),
				apitest.Equal("0.name", "gamma_1"),
			}},
			{Name: "strict name", Method: "GET", Path: tasksPath + "?name=alpha&strict-name-search=true", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 1),
				apitest.Equal("0.name", "Alpha"),
			}},
			{Name: "strict name without match", Method: "GET", Path: tasksPath + "?name=alph&strict-name-search=1", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 0),
			}},
			{Name: "name and is-active combine", Method: "GET", Path: tasksPath + "?name=gamma&is-active=false", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 1),
				apitest.Equal("0.name", "gammaX1"),
			}},
			{Name: "sort by name descending", Method: "GET", Path: tasksPath + "?sort-column=NAME&sort-order=DESCENDING", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("0.name", "gammaX1"),
				apitest.Equal("4.name", "Alpha"),
			}},
			{Name: "sort by id", Method: "GET", Path: tasksPath + "?sort-column=ID", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 5),
				sortedByID(""),
			}},
			{Name: "page size 2", Method: "GET", Path: tasksPath + "?page-size=2&page=2", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 2),
				apitest.HeaderIs("Last-Page", "false"),
				apitest.Equal("0.name", "beta"),
				apitest.Equal("1.name", "gamma_1"),
			}},
			{Name: "unknown project", Method: "GET", Path: "/v1/workspaces/{ws}/projects/" + noSuchID + "/tasks",
				Status: http.StatusBadRequest, Checks: []apitest.Check{
					apitest.ErrorBody(501),
					apitest.Equal("message", "Project doesn't belong to Workspace"),
				}},
			{Name: "malformed project id", Method: "GET", Path: "/v1/workspaces/{ws}/projects/nope/tasks",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Equal("message", "Project doesn't belong to Workspace")}},
			{Name: "bad is-active", Method: "GET", Path: tasksPath + "?is-active=maybe", Status: http.StatusBadRequest, Checks: []apitest.Check{
				apitest.ErrorBody(3000),
				apitest.Contains("message", "maybe"),
			}},
			{Name: "bad strict name search", Method: "GET", Path: tasksPath + "?strict-name-search=2",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000)}},
			{Name: "bad sort column", Method: "GET", Path: tasksPath + "?sort-column=STATUS",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000)}},
		})
		apitest.Run(t, env, listParamErrorCases(tasksPath))
	})
}

// TestTaskPagination follows a client that pages through 51 tasks with the
// default page size of 50, the case where only the first 50 used to show.
func TestTaskPagination(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		newTaskProject(t, env, "project", false)
		for i := 1; i <= 51; i++ {
			env.MustDo(t, "POST", tasksPath, "", map[string]any{"name": fmt.Sprintf("task %02d", i)}, http.StatusCreated)
		}

		apitest.Run(t, env, []apitest.Case{
			{Name: "page 1", Method: "GET", Path: tasksPath, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 50),
				apitest.HeaderIs("Last-Page", "false"),
				apitest.Equal("0.name", "task 01"),
				apitest.Equal("49.name", "task 50"),
			}},
			{Name: "page 2", Method: "GET", Path: tasksPath + "?page=2", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 1),
				apitest.HeaderIs("Last-Page", "true"),
				apitest.Equal("0.name", "task 51"),
			}},
			{Name: "page 3", Method: "GET", Path: tasksPath + "?page=3&page-size=50", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 0),
				apitest.HeaderIs("Last-Page", "true"),
			}},
			{Name: "page size 5000", Method: "GET", Path: tasksPath + "?page-size=5000&is-active=1", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 51),
				apitest.HeaderIs("Last-Page", "true"),
			}},
		})
	})
}

// isoDuration is the duration form that clients such as clockify-cli decode:
// PT#H#M#S with whole seconds and hours as the largest unit.
var isoDuration = regexp.MustCompile(`^PT(\d+H)?(\d+M)?(\d+S)?$`)

// durationField checks that the value at path is a PT#H#M#S string, so not
// null, "" or "PT".
func durationField(path string) apitest.Check {
	return func(t testing.TB, r *apitest.Response) {
		t.Helper()
		got, _ := apitest.Lookup(r.JSON(t), path)
		s, ok := got.(string)
		if !ok || s == "PT" || !isoDuration.MatchString(s) {
			t.Errorf("%s: %q = %#v, want a PT#H#M#S duration", r.Path, path, got)
		}
	}
}

// TestTaskFreshFieldsDecode covers a fresh task with no estimate and no
// tracked time. Its durations and rates must still be values that
// clockify-cli decodes.
func TestTaskFreshFieldsDecode(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		newTaskProject(t, env, "project", false)
		env.MustDo(t, "POST", tasksPath, "", map[string]any{"name": "fresh"}, http.StatusCreated)

		apitest.Run(t, env, []apitest.Case{
			{Name: "list", Method: "GET", Path: tasksPath + "?page=1&page-size=50", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 1),
				durationField("0.estimate"),
				durationField("0.duration"),
				apitest.Equal("0.assigneeIds", []string{}),
				apitest.Equal("0.userGroupIds", []string{}),
				apitest.Equal("0.hourlyRate", nil),
				apitest.Equal("0.costRate", nil),
				apitest.Equal("0.favorite", false),
			}},
		})
	})
}

// TestTaskDuration checks that a task's duration adds up its finished
// entries only.
func TestTaskDuration(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		newTaskProject(t, env, "project", false)
		task := env.MustDo(t, "POST", tasksPath, "", map[string]any{"name": "tracked"}, http.StatusCreated)
		env.Vars["task"] = apitest.Str(t, task, "id")
		other := env.MustDo(t, "POST", tasksPath, "", map[string]any{"name": "other"}, http.StatusCreated)
		env.Vars["other"] = apitest.Str(t, other, "id")
		entries := []map[string]any{
			{"start": "2024-03-01T09:00:00Z", "end": "2024-03-01T10:30:00Z", "taskId": "{task}"},
			{"start": "2024-03-02T09:00:00.600Z", "end": "2024-03-02T09:00:45.100Z", "taskId": "{task}"},
			{"start": "2024-03-03T09:00:00Z", "end": "2024-03-03T19:00:00Z", "taskId": "{other}"},
			{"start": "2024-03-04T09:00:00Z", "taskId": "{task}"},
		}
		for _, e := range entries {
			e["projectId"] = "{project}"
			env.MustDo(t, "POST", "/v1/workspaces/{ws}/time-entries", "", e, http.StatusCreated)
		}

		apitest.Run(t, env, []apitest.Case{
			{Name: "get", Method: "GET", Path: tasksPath + "/{task}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("duration", "PT1H30M45S"),
			}},
			{Name: "list", Method: "GET", Path: tasksPath, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("0.name", "other"),
				apitest.Equal("0.duration", "PT10H"),
				apitest.Equal("1.duration", "PT1H30M45S"),
			}},
		})
	})
}

func TestTaskPermissions(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		newTaskProject(t, env, "project", false)
		user := env.NewUser(t, "regular", domain.RoleUser, "")
		admin := env.NewUser(t, "admin", domain.RoleAdmin, "")
		env.Vars["user"], env.Vars["admin"] = user.Key, admin.Key

		apitest.Run(t, env, []apitest.Case{
			{Name: "member creates by default", Method: "POST", Path: tasksPath, Key: "{user}", Body: map[string]any{"name": "mine"},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Store(env, "mine", "id")}},
			{Name: "member cannot update task", Method: "PUT", Path: tasksPath + "/{mine}", Key: "{user}", Body: map[string]any{"name": "mine", "status": "DONE"},
				Status: http.StatusForbidden, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "admin marks it done", Method: "PUT", Path: tasksPath + "/{mine}", Key: "{admin}", Body: map[string]any{"name": "mine", "status": "DONE"},
				Status: http.StatusOK},
		})

		restrictTasks(t, env)
		apitest.Run(t, env, []apitest.Case{
			{Name: "member lists when restricted", Method: "GET", Path: tasksPath, Key: "{user}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1)}},
			{Name: "member gets when restricted", Method: "GET", Path: tasksPath + "/{mine}", Key: "{user}", Status: http.StatusOK},
			{Name: "member cannot create when restricted", Method: "POST", Path: tasksPath, Key: "{user}", Body: map[string]any{"name": "x"},
				Status: http.StatusForbidden, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "member cannot update when restricted", Method: "PUT", Path: tasksPath + "/{mine}", Key: "{user}", Body: map[string]any{"name": "x"},
				Status: http.StatusForbidden},
			{Name: "member cannot delete when restricted", Method: "DELETE", Path: tasksPath + "/{mine}", Key: "{user}",
				Status: http.StatusForbidden},
			{Name: "member cannot set rates when restricted", Method: "PUT", Path: tasksPath + "/{mine}/hourly-rate", Key: "{user}",
				Body: map[string]any{"amount": 1}, Status: http.StatusForbidden},
			{Name: "admin creates when restricted", Method: "POST", Path: tasksPath, Key: "{admin}", Body: map[string]any{"name": "x"},
				Status: http.StatusCreated},
			{Name: "admin sets rate when restricted", Method: "PUT", Path: tasksPath + "/{mine}/cost-rate", Key: "{admin}",
				Body: map[string]any{"amount": 1}, Status: http.StatusOK},
			{Name: "admin deletes when restricted", Method: "DELETE", Path: tasksPath + "/{mine}", Key: "{admin}", Status: http.StatusOK},
		})
	})
}

// restrictTasks turns on the workspace settings that let only admins manage
// projects and tasks.
func restrictTasks(t *testing.T, env *apitest.Env) {
	t.Helper()
	ctx := context.Background()
	err := env.Store.Update(ctx, func(tx domain.Tx) error {
		w, err := tx.Workspace(ctx, env.Owner.WorkspaceID)
		if err != nil {
			return err
		}
		w.Settings.OnlyAdminsCreateTask = true
		w.Settings.OnlyAdminsCreateProject = true
		return tx.UpdateWorkspace(ctx, w)
	})
	if err != nil {
		t.Fatalf("restricting tasks to admins: %v", err)
	}
}
