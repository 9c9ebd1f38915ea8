package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

const (
	entriesPath     = "/v1/workspaces/{ws}/time-entries"
	userEntriesPath = "/v1/workspaces/{ws}/user/{me}/time-entries"
)

// changeSettings edits the owner workspace's settings in the store, since
// Clockify's API has no route for them.
func changeSettings(t *testing.T, env *apitest.Env, change func(*domain.WorkspaceSettings)) {
	t.Helper()
	ctx := context.Background()
	err := env.Store.Update(ctx, func(tx domain.Tx) error {
		w, err := tx.Workspace(ctx, env.Owner.WorkspaceID)
		if err != nil {
			return err
		}
		change(&w.Settings)
		return tx.UpdateWorkspace(ctx, w)
	})
	if err != nil {
		t.Fatalf("changing workspace settings: %v", err)
	}
}

// storedEntry reads an entry straight from the store.
func storedEntry(t testing.TB, env *apitest.Env, id string) domain.TimeEntry {
	t.Helper()
	ctx := context.Background()
	var e domain.TimeEntry
	err := env.Store.View(ctx, func(tx domain.Tx) error {
		var err error
		e, err = tx.TimeEntry(ctx, env.Owner.WorkspaceID, id)
		return err
	})
	if err != nil {
		t.Fatalf("reading time entry %s: %v", id, err)
	}
	return e
}

// seedEntryRefs creates a project {project} with a task {task}, a second
// project {other} with a task {otherTask}, an archived project {archived}
// and the tags {tag1} and {tag2}.
func seedEntryRefs(t *testing.T, env *apitest.Env) {
	t.Helper()
	save := func(name string, body any, path string) {
		v := env.MustDo(t, "POST", path, "", body, http.StatusCreated)
		env.Vars[name] = apitest.Str(t, v, "id")
	}
	save("project", map[string]any{"name": "Apollo", "billable": true}, "/v1/workspaces/{ws}/projects")
	save("task", map[string]any{"name": "Design"}, "/v1/workspaces/{ws}/projects/{project}/tasks")
	save("other", map[string]any{"name": "Gemini"}, "/v1/workspaces/{ws}/projects")
	save("otherTask", map[string]any{"name": "Launch"}, "/v1/workspaces/{ws}/projects/{other}/tasks")
	save("archived", map[string]any{"name": "Mercury"}, "/v1/workspaces/{ws}/projects")
	env.MustDo(t, "PUT", "/v1/workspaces/{ws}/projects/{archived}", "", map[string]any{"archived": true}, http.StatusOK)
	save("tag1", map[string]any{"name": "urgent"}, "/v1/workspaces/{ws}/tags")
	save("tag2", map[string]any{"name": "calls"}, "/v1/workspaces/{ws}/tags")
}

// invoiced checks the stored invoiced flag of the entry in env.Vars[name].
func invoiced(env *apitest.Env, name string, want bool) apitest.Check {
	return func(t testing.TB, _ *apitest.Response) {
		t.Helper()
		if got := storedEntry(t, env, env.Vars[name]).Invoiced; got != want {
			t.Errorf("entry %s: invoiced = %t, want %t", name, got, want)
		}
	}
}

func errorIs(code int, message string) []apitest.Check {
	return []apitest.Check{apitest.ErrorBody(code), apitest.Equal("message", message)}
}

func TestTimeEntryLifecycle(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedEntryRefs(t, env)
		env.Vars["me"] = env.Owner.UserID
		apitest.Run(t, env, []apitest.Case{
			{Name: "create", Method: "POST", Path: entriesPath, Body: map[string]any{
				"start": "2024-05-06T09:00:00Z", "end": "2024-05-06T11:30:15Z", "description": "plan",
				"projectId": "{project}", "taskId": "{task}", "tagIds": []string{"{tag2}", "{tag1}"}},
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Store(env, "entry", "id"),
					apitest.Equal("description", "plan"),
					apitest.Equal("userId", env.Owner.UserID),
					apitest.Equal("workspaceId", env.Owner.WorkspaceID),
					apitest.Equal("projectId", "{project}"),
					apitest.Equal("taskId", "{task}"),
					apitest.Equal("tagIds", []string{env.Vars["tag2"], env.Vars["tag1"]}),
					apitest.Equal("billable", true), // from the billable project
					apitest.Equal("isLocked", false),
					apitest.Equal("type", "REGULAR"),
					apitest.Equal("timeInterval.start", "2024-05-06T09:00:00Z"),
					apitest.Equal("timeInterval.end", "2024-05-06T11:30:15Z"),
					apitest.Equal("timeInterval.duration", "PT2H30M15S"),
					apitest.Equal("customFieldValues", []any{}),
					apitest.Equal("kioskId", nil),
				}},
			{Name: "get", Method: "GET", Path: entriesPath + "/{entry}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("id", "{entry}"),
				apitest.Equal("timeInterval.duration", "PT2H30M15S"),
				apitest.Equal("hourlyRate", map[string]any{"amount": 0, "currency": "USD"}),
				apitest.Missing("project"),
			}},
			{Name: "get with 1/0 flags", Method: "GET", Path: entriesPath + "/{entry}?hydrated=0&consider-duration-format=1",
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Missing("project")}},
			{Name: "get with bad flag", Method: "GET", Path: entriesPath + "/{entry}?hydrated=sure",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Contains("message", "hydrated")}},
			{Name: "PUT replaces the entry", Method: "PUT", Path: entriesPath + "/{entry}",
				Body:   map[string]any{"start": "2024-05-06T10:00:00Z", "end": "2024-05-06T10:45:00Z"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("description", ""),
					apitest.Equal("billable", false),
					apitest.Equal("projectId", nil),
					apitest.Equal("taskId", nil),
					apitest.Equal("tagIds", nil),
					apitest.Equal("timeInterval.duration", "PT45M"),
				}},
			{Name: "PUT with project and billable", Method: "PUT", Path: entriesPath + "/{entry}",
				Body: map[string]any{"start": "2024-05-06T10:00:00Z", "end": "2024-05-07T12:30:00Z", "billable": true,
					"projectId": "{other}", "description": "long", "type": "BREAK"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("billable", true),
					apitest.Equal("projectId", "{other}"),
					apitest.Equal("type", "BREAK"),
					apitest.Equal("timeInterval.duration", "PT26H30M"),
				}},
			{Name: "PUT without start", Method: "PUT", Path: entriesPath + "/{entry}", Body: map[string]any{"description": "new text"},
				Status: http.StatusBadRequest, Checks: errorIs(501, "start must not be null")},
			{Name: "PUT with bad type", Method: "PUT", Path: entriesPath + "/{entry}",
				Body:   map[string]any{"start": "2024-05-06T10:00:00Z", "type": "HOLIDAY"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "HOLIDAY")}},
			{Name: "PUT with long description", Method: "PUT", Path: entriesPath + "/{entry}",
				Body:   map[string]any{"start": "2024-05-06T10:00:00Z", "description": strings.Repeat("d", 3001)},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "PUT unknown entry", Method: "PUT", Path: entriesPath + "/" + unknownID, Body: map[string]any{"start": "2024-05-06T10:00:00Z"},
				Status: http.StatusBadRequest, Checks: errorIs(501,
					"TIMEENTRY with id "+unknownID+" doesn't belong to WORKSPACE with id "+env.Owner.WorkspaceID)},
			{Name: "PUT without end starts the timer", Method: "PUT", Path: entriesPath + "/{entry}", Body: map[string]any{"start": "2024-05-06T10:00:00Z"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("timeInterval.end", nil),
					apitest.Equal("timeInterval.duration", nil),
				}},
			{Name: "delete", Method: "DELETE", Path: entriesPath + "/{entry}", Status: http.StatusNoContent},
			{Name: "get deleted", Method: "GET", Path: entriesPath + "/{entry}", Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "TIMEENTRY with id")}},
			{Name: "delete deleted", Method: "DELETE", Path: entriesPath + "/{entry}", Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "get malformed id", Method: "GET", Path: entriesPath + "/nope", Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "no workspace-wide list", Method: "GET", Path: entriesPath, Status: http.StatusMethodNotAllowed,
				Checks: []apitest.Check{apitest.ErrorBody(3000)}},
			{Name: "no stop suffix route", Method: "PATCH", Path: userEntriesPath + "/stop", Body: map[string]any{"end": "2024-05-06T10:00:00Z"},
				Status: http.StatusNotFound, Checks: []apitest.Check{apitest.ErrorBody(3000)}},
		})
	})
}

// TestTimeEntryEmptyProject covers bodies that send projectId as null or
// "": both mean an entry without a project, the same as leaving it out.
func TestTimeEntryEmptyProject(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		apitest.Run(t, env, []apitest.Case{
			{Name: "transfer tool body", Method: "POST", Path: entriesPath,
				Body:   `{"start":"2020-07-01T22:30:00.000Z","billable":false,"description":"","end":"2020-07-02T05:45:00.000Z"}`,
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Equal("timeInterval.duration", "PT7H15M")}},
			{Name: "null project", Method: "POST", Path: entriesPath,
				Body:   `{"start":"2020-07-01T10:00:00Z","end":"2020-07-01T11:00:00Z","projectId":null,"taskId":null}`,
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Equal("projectId", nil)}},
			{Name: "empty project", Method: "POST", Path: entriesPath,
				Body:   `{"start":"2020-07-01T12:00:00Z","end":"2020-07-01T13:00:00Z","projectId":"","taskId":""}`,
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Equal("projectId", nil)}},
		})
	})
}

func TestTimeEntryStartAfterEnd(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		env.Vars["me"] = env.Owner.UserID
		const message = "Start datetime 2020-12-01T14:57:28Z is greater than end datetime 2020-12-01T14:57:27Z."
		apitest.Run(t, env, []apitest.Case{
			{Name: "create", Method: "POST", Path: entriesPath,
				Body:   map[string]any{"start": "2020-12-01T14:57:28Z", "end": "2020-12-01T14:57:27Z"},
				Status: http.StatusBadRequest, Checks: errorIs(501, message)},
			{Name: "create equal start and end", Method: "POST", Path: entriesPath,
				Body:   map[string]any{"start": "2020-12-01T14:57:28Z", "end": "2020-12-01T14:57:28Z"},
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Store(env, "entry", "id"),
					apitest.Equal("timeInterval.duration", "PT0S"),
				}},
			{Name: "update", Method: "PUT", Path: entriesPath + "/{entry}",
				Body:   map[string]any{"start": "2020-12-01T14:57:28Z", "end": "2020-12-01T14:57:27Z"},
				Status: http.StatusBadRequest, Checks: errorIs(501, message)},
			{Name: "start timer", Method: "POST", Path: entriesPath, Body: map[string]any{"start": "2020-12-01T14:57:28Z"},
				Status: http.StatusCreated},
			{Name: "stop before start", Method: "PATCH", Path: userEntriesPath, Body: map[string]any{"end": "2020-12-01T14:57:27Z"},
				Status: http.StatusBadRequest, Checks: errorIs(501, message)},
			{Name: "still running", Method: "GET", Path: userEntriesPath + "?in-progress=true", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1)}},
		})
	})
}

func TestTimerStartAndStop(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		env.Vars["me"] = env.Owner.UserID
		apitest.Run(t, env, []apitest.Case{
			{Name: "stop with nothing running", Method: "PATCH", Path: userEntriesPath, Body: map[string]any{"end": "2024-01-02T10:00:00Z"},
				Status: http.StatusNotFound, Checks: []apitest.Check{
					apitest.ErrorBody(404),
					apitest.Contains("message", "Currently running time entry doesn't exist"),
				}},
			{Name: "in-progress empty", Method: "GET", Path: userEntriesPath + "?hydrated=0&in-progress=1&page-size=1",
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "start first", Method: "POST", Path: entriesPath, Body: map[string]any{"start": "2024-01-02T08:00:00Z", "description": "first"},
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Store(env, "first", "id"),
					apitest.Equal("timeInterval.end", nil),
					apitest.Equal("timeInterval.duration", nil),
				}},
			{Name: "start second stops the first", Method: "POST", Path: entriesPath,
				Body:   map[string]any{"start": "2024-01-02T09:15:00Z", "description": "second"},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Store(env, "second", "id")}},
			{Name: "first ended at second's start", Method: "GET", Path: entriesPath + "/{first}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("timeInterval.end", "2024-01-02T09:15:00Z"),
				apitest.Equal("timeInterval.duration", "PT1H15M"),
			}},
			{Name: "in-progress holds the second", Method: "GET", Path: userEntriesPath + "?in-progress=1&page-size=1&description=nomatch",
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Len("", 1),
					apitest.Equal("0.id", "{second}"),
					apitest.Equal("0.timeInterval.end", nil),
				}},
			{Name: "finished only", Method: "GET", Path: userEntriesPath + "?in-progress=false", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 1),
				apitest.Equal("0.id", "{first}"),
			}},
			{Name: "both without the flag", Method: "GET", Path: userEntriesPath, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 2), apitest.Equal("0.id", "{second}")}},
			{Name: "start before the running start", Method: "POST", Path: entriesPath, Body: map[string]any{"start": "2024-01-02T09:00:00Z"},
				Status: http.StatusBadRequest, Checks: errorIs(501,
					"Start datetime 2024-01-02T09:15:00Z is greater than end datetime 2024-01-02T09:00:00Z.")},
			{Name: "stop without end", Method: "PATCH", Path: userEntriesPath, Body: map[string]any{},
				Status: http.StatusBadRequest, Checks: errorIs(501, "end must not be null")},
			{Name: "stop", Method: "PATCH", Path: userEntriesPath, Body: map[string]any{"end": "2024-01-02T10:00:30Z"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("id", "{second}"),
					apitest.Equal("timeInterval.end", "2024-01-02T10:00:30Z"),
					apitest.Equal("timeInterval.duration", "PT45M30S"),
				}},
			{Name: "stop again", Method: "PATCH", Path: userEntriesPath, Body: map[string]any{"end": "2024-01-02T11:00:00Z"},
				Status: http.StatusNotFound, Checks: []apitest.Check{apitest.ErrorBody(404)}},
			{Name: "completed entry leaves the timer alone", Method: "POST", Path: entriesPath,
				Body: map[string]any{"start": "2024-01-02T12:00:00Z"}, Status: http.StatusCreated,
				Checks: []apitest.Check{apitest.Store(env, "third", "id")}},
			{Name: "past completed entry", Method: "POST", Path: entriesPath,
				Body: map[string]any{"start": "2024-01-01T12:00:00Z", "end": "2024-01-01T13:00:00Z"}, Status: http.StatusCreated},
			{Name: "third still running", Method: "GET", Path: entriesPath + "/{third}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("timeInterval.end", nil)}},
			{Name: "workspace in-progress list", Method: "GET", Path: entriesPath + "/status/in-progress", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.id", "{third}"), apitest.HeaderIs("Last-Page", "true")}},
			{Name: "in-progress page-size above 1000", Method: "GET", Path: entriesPath + "/status/in-progress?page-size=1001",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Contains("message", "page-size")}},
			{Name: "in-progress page-size 1000", Method: "GET", Path: entriesPath + "/status/in-progress?page-size=1000",
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 1)}},
		})
	})
}

// TestRunningEntriesPaging checks the in-progress list's default page size
// of 10, which differs from the 50 of other lists.
func TestRunningEntriesPaging(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		for i := range 11 {
			u := env.NewUser(t, "runner"+string(rune('a'+i)), domain.RoleUser, "UTC")
			env.MustDo(t, "POST", entriesPath, u.Key, map[string]any{"start": "2024-01-02T08:00:00Z"}, http.StatusCreated)
		}
		apitest.Run(t, env, []apitest.Case{
			{Name: "first page", Method: "GET", Path: entriesPath + "/status/in-progress", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 10), apitest.HeaderIs("Last-Page", "false")}},
			{Name: "second page", Method: "GET", Path: entriesPath + "/status/in-progress?page=2", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.HeaderIs("Last-Page", "true")}},
			{Name: "past the end", Method: "GET", Path: entriesPath + "/status/in-progress?page=3", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 0)}},
		})
	})
}

func TestTimeEntryRequiredFields(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedEntryRefs(t, env)
		env.Vars["me"] = env.Owner.UserID
		changeSettings(t, env, func(s *domain.WorkspaceSettings) { s.ForceProjects = true })
		const projectRequired = "Time entry couldn't be created. Project is either required field or given project is archived. Please change your input or update your workspace settings."
		apitest.Run(t, env, []apitest.Case{
			{Name: "create completed without project", Method: "POST", Path: entriesPath,
				Body:   map[string]any{"start": "2024-02-01T09:00:00Z", "end": "2024-02-01T10:00:00Z"},
				Status: http.StatusBadRequest, Checks: errorIs(501, projectRequired)},
			{Name: "start timer without project", Method: "POST", Path: entriesPath, Body: map[string]any{"start": "2024-02-01T09:00:00Z"},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Store(env, "running", "id")}},
			{Name: "stop is refused", Method: "PATCH", Path: userEntriesPath, Body: map[string]any{"end": "2024-02-01T10:00:00Z"},
				Status: http.StatusBadRequest, Checks: errorIs(501, projectRequired)},
			{Name: "entry still running", Method: "GET", Path: entriesPath + "/{running}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("timeInterval.end", nil)}},
			{Name: "starting another timer is refused too", Method: "POST", Path: entriesPath,
				Body:   map[string]any{"start": "2024-02-01T11:00:00Z", "projectId": "{project}"},
				Status: http.StatusBadRequest, Checks: errorIs(501, projectRequired)},
			{Name: "update completing without project", Method: "PUT", Path: entriesPath + "/{running}",
				Body:   map[string]any{"start": "2024-02-01T09:00:00Z", "end": "2024-02-01T10:00:00Z"},
				Status: http.StatusBadRequest, Checks: errorIs(501, projectRequired)},
			{Name: "set the project on the running entry", Method: "PUT", Path: entriesPath + "/{running}",
				Body: map[string]any{"start": "2024-02-01T09:00:00Z", "projectId": "{project}"}, Status: http.StatusOK},
			{Name: "stop now works", Method: "PATCH", Path: userEntriesPath, Body: map[string]any{"end": "2024-02-01T10:00:00Z"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("timeInterval.duration", "PT1H")}},
		})

		changeSettings(t, env, func(s *domain.WorkspaceSettings) { s.ForceTasks, s.ForceTags, s.ForceDescription = true, true, true })
		completed := func(extra map[string]any) map[string]any {
			body := map[string]any{"start": "2024-02-02T09:00:00Z", "end": "2024-02-02T10:00:00Z"}
			for k, v := range extra {
				body[k] = v
			}
			return body
		}
		apitest.Run(t, env, []apitest.Case{
			{Name: "task required", Method: "POST", Path: entriesPath, Body: completed(map[string]any{"projectId": "{project}"}),
				Status: http.StatusBadRequest, Checks: errorIs(501,
					"Time entry couldn't be created. Task is required field. Please change your input or update your workspace settings.")},
			{Name: "tag required", Method: "POST", Path: entriesPath,
				Body:   completed(map[string]any{"projectId": "{project}", "taskId": "{task}"}),
				Status: http.StatusBadRequest, Checks: errorIs(501,
					"Time entry couldn't be created. Tag is required field. Please change your input or update your workspace settings.")},
			{Name: "description required", Method: "POST", Path: entriesPath,
				Body:   completed(map[string]any{"projectId": "{project}", "taskId": "{task}", "tagIds": []string{"{tag1}"}, "description": "  "}),
				Status: http.StatusBadRequest, Checks: errorIs(501,
					"Time entry couldn't be created. Description is required field. Please change your input or update your workspace settings.")},
			{Name: "all present", Method: "POST", Path: entriesPath,
				Body:   completed(map[string]any{"projectId": "{project}", "taskId": "{task}", "tagIds": []string{"{tag1}"}, "description": "done"}),
				Status: http.StatusCreated},
		})
	})
}

func TestTimeEntryReferences(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedEntryRefs(t, env)
		ws := env.Owner.WorkspaceID
		body := func(extra map[string]any) map[string]any {
			b := map[string]any{"start": "2024-03-01T09:00:00Z", "end": "2024-03-01T10:00:00Z", "description": "kept"}
			for k, v := range extra {
				b[k] = v
			}
			return b
		}
		apitest.Run(t, env, []apitest.Case{
			{Name: "create", Method: "POST", Path: entriesPath, Body: body(map[string]any{"projectId": "{project}"}),
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Store(env, "entry", "id")}},
			{Name: "unknown project", Method: "POST", Path: entriesPath, Body: body(map[string]any{"projectId": unknownID}),
				Status: http.StatusBadRequest, Checks: errorIs(501, "PROJECT with id "+unknownID+" doesn't belong to WORKSPACE with id "+ws)},
			{Name: "malformed project", Method: "POST", Path: entriesPath, Body: body(map[string]any{"projectId": "p"}),
				Status: http.StatusBadRequest, Checks: errorIs(501, "PROJECT with id p doesn't belong to WORKSPACE with id "+ws)},
			{Name: "archived project", Method: "POST", Path: entriesPath, Body: body(map[string]any{"projectId": "{archived}"}),
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", env.Vars["archived"])}},
			{Name: "task of another project", Method: "POST", Path: entriesPath,
				Body:   body(map[string]any{"projectId": "{project}", "taskId": "{otherTask}"}),
				Status: http.StatusBadRequest, Checks: errorIs(501,
					"TASK with id "+env.Vars["otherTask"]+" doesn't belong to PROJECT with id "+env.Vars["project"])},
			{Name: "task without project", Method: "POST", Path: entriesPath, Body: body(map[string]any{"taskId": "{task}"}),
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", env.Vars["task"])}},
			{Name: "unknown tag", Method: "POST", Path: entriesPath, Body: body(map[string]any{"tagIds": []string{"{tag1}", unknownID}}),
				Status: http.StatusBadRequest, Checks: errorIs(501, "TAG with id "+unknownID+" doesn't belong to WORKSPACE with id "+ws)},
			{Name: "update to archived project", Method: "PUT", Path: entriesPath + "/{entry}",
				Body:   body(map[string]any{"projectId": "{archived}", "description": "changed"}),
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "update to foreign task", Method: "PUT", Path: entriesPath + "/{entry}",
				Body:   body(map[string]any{"projectId": "{project}", "taskId": "{otherTask}", "description": "changed"}),
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "update to unknown tag", Method: "PUT", Path: entriesPath + "/{entry}",
				Body:   body(map[string]any{"tagIds": []string{unknownID}, "description": "changed"}),
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "nothing changed", Method: "GET", Path: entriesPath + "/{entry}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("description", "kept"),
				apitest.Equal("projectId", "{project}"),
				apitest.Equal("tagIds", nil),
			}},
		})
	})
}

func TestTimeEntryInstantFormats(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		env.Vars["me"] = env.Owner.UserID
		apitest.Run(t, env, []apitest.Case{
			{Name: "milliseconds", Method: "POST", Path: entriesPath,
				Body:   map[string]any{"start": "2024-04-01T09:00:00.000Z", "end": "2024-04-01T09:30:00.999Z"},
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Equal("timeInterval.start", "2024-04-01T09:00:00Z"),
					apitest.Equal("timeInterval.end", "2024-04-01T09:30:00Z"),
					apitest.Equal("timeInterval.duration", "PT30M"),
				}},
			{Name: "offset", Method: "POST", Path: entriesPath,
				Body:   map[string]any{"start": "2024-04-01T12:00:00+02:00", "end": "2024-04-01T13:00:00+02:00"},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Equal("timeInterval.start", "2024-04-01T10:00:00Z")}},
			{Name: "no zone", Method: "POST", Path: entriesPath, Body: map[string]any{"start": "2024-04-01T12:00:00"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3002), apitest.Contains("message", "'start'")}},
			{Name: "date only end", Method: "POST", Path: entriesPath, Body: map[string]any{"start": "2024-04-01T12:00:00Z", "end": "2024-04-01"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3002), apitest.Contains("message", "'end'")}},
			{Name: "space separator on stop", Method: "PATCH", Path: userEntriesPath, Body: map[string]any{"end": "2024-04-01 12:00:00Z"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3002), apitest.Contains("message", "'end'")}},
			{Name: "number start", Method: "POST", Path: entriesPath, Body: `{"start":1700000000}`,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3002), apitest.Contains("message", "start")}},
			{Name: "missing start", Method: "POST", Path: entriesPath, Body: map[string]any{"description": "x"},
				Status: http.StatusBadRequest, Checks: errorIs(501, "start must not be null")},
			{Name: "bad list start", Method: "GET", Path: userEntriesPath + "?start=yesterday",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Contains("message", "'start'")}},
			{Name: "bad list end", Method: "GET", Path: userEntriesPath + "?end=2024-04-01",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Contains("message", "'end'")}},
			{Name: "bad week before", Method: "GET", Path: userEntriesPath + "?get-week-before=monday",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Contains("message", "'get-week-before'")}},
		})
	})
}

func TestTimeEntryListWallClock(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		chicago := env.NewUser(t, "chicago", domain.RoleUser, "America/Chicago")
		utc := env.NewUser(t, "utc", domain.RoleUser, "UTC")
		env.Vars["chicago"], env.Vars["utc"] = chicago.UserID, utc.UserID
		late := map[string]any{"start": "2022-07-26T02:30:00Z", "end": "2022-07-26T03:00:00Z"}
		env.MustDo(t, "POST", entriesPath, chicago.Key, late, http.StatusCreated)
		env.MustDo(t, "POST", entriesPath, utc.Key, late, http.StatusCreated)
		const day = "?start=2022-07-25T00:00:00Z&end=2022-07-26T00:00:00Z&hydrated=1&page=1&page-size=50"
		apitest.Run(t, env, []apitest.Case{
			{Name: "evening entry is on the local day", Method: "GET", Path: "/v1/workspaces/{ws}/user/{chicago}/time-entries" + day,
				Key: chicago.Key, Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Len("", 1),
					apitest.Equal("0.timeInterval.start", "2022-07-26T02:30:00Z"),
				}},
			{Name: "UTC profile misses it", Method: "GET", Path: "/v1/workspaces/{ws}/user/{utc}/time-entries" + day,
				Key: utc.Key, Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "UTC profile next day", Method: "GET",
				Path: "/v1/workspaces/{ws}/user/{utc}/time-entries?start=2022-07-26T00:00:00Z&end=2022-07-27T00:00:00Z",
				Key:  utc.Key, Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 1)}},
			{Name: "end means started before", Method: "GET",
				Path: "/v1/workspaces/{ws}/user/{chicago}/time-entries?end=2022-07-25T21:30:00Z",
				Key:  chicago.Key, Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "start is inclusive", Method: "GET",
				Path: "/v1/workspaces/{ws}/user/{chicago}/time-entries?start=2022-07-25T21:30:00Z",
				Key:  chicago.Key, Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 1)}},
		})
	})
}

// TestTimeEntryDaylightSaving covers the spring-forward day in
// Europe/Berlin: 01:30 to 03:30 local time lasts one hour, and that day's
// wall-clock window still holds the entry.
func TestTimeEntryDaylightSaving(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		berlin := env.NewUser(t, "berlin", domain.RoleUser, "Europe/Berlin")
		env.Vars["berlin"] = berlin.UserID
		apitest.Run(t, env, []apitest.Case{
			{Name: "01:30 to 03:30 local", Method: "POST", Path: entriesPath, Key: berlin.Key,
				Body:   map[string]any{"start": "2024-03-31T01:30:00+01:00", "end": "2024-03-31T03:30:00+02:00"},
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Equal("timeInterval.start", "2024-03-31T00:30:00Z"),
					apitest.Equal("timeInterval.end", "2024-03-31T01:30:00Z"),
					apitest.Equal("timeInterval.duration", "PT1H"),
				}},
			{Name: "over midnight", Method: "POST", Path: entriesPath, Key: berlin.Key,
				Body:   map[string]any{"start": "2024-03-30T22:00:00Z", "end": "2024-03-31T00:15:00Z"},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Equal("timeInterval.duration", "PT2H15M")}},
			{Name: "local day holds the morning entry only", Method: "GET", Key: berlin.Key,
				Path:   "/v1/workspaces/{ws}/user/{berlin}/time-entries?start=2024-03-31T00:00:00Z&end=2024-04-01T00:00:00Z",
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Len("", 1),
					apitest.Equal("0.timeInterval.duration", "PT1H"),
				}},
		})
	})
}

func TestTimeEntryListFilters(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedEntryRefs(t, env)
		env.Vars["me"] = env.Owner.UserID
		add := func(start string, extra map[string]any) string {
			b := map[string]any{"start": start, "end": strings.Replace(start, ":00:00Z", ":30:00Z", 1)}
			for k, v := range extra {
				b[k] = v
			}
			v := env.MustDo(t, "POST", entriesPath, "", b, http.StatusCreated)
			return apitest.Str(t, v, "id")
		}
		env.Vars["plain"] = add("2024-06-03T08:00:00Z", map[string]any{"description": "Standup call"})
		env.Vars["withProject"] = add("2024-06-04T08:00:00Z", map[string]any{"projectId": "{project}", "description": "Review"})
		env.Vars["withTask"] = add("2024-06-05T08:00:00Z", map[string]any{"projectId": "{project}", "taskId": "{task}", "tagIds": []string{"{tag1}"}})
		env.Vars["tagged"] = add("2024-06-06T08:00:00Z", map[string]any{"tagIds": []string{"{tag2}"}, "description": "100% done_"})
		ids := func(want ...string) apitest.Check {
			return func(t testing.TB, r *apitest.Response) {
				t.Helper()
				apitest.Len("", len(want))(t, r)
				for i, name := range want {
					apitest.Equal(string(rune('0'+i))+".id", env.Vars[name])(t, r)
				}
			}
		}
		apitest.Run(t, env, []apitest.Case{
			{Name: "all newest first", Method: "GET", Path: userEntriesPath, Status: http.StatusOK, Checks: []apitest.Check{
				ids("tagged", "withTask", "withProject", "plain"), apitest.HeaderIs("Last-Page", "true")}},
			{Name: "description substring any case", Method: "GET", Path: userEntriesPath + "?description=STANDUP", Status: http.StatusOK,
				Checks: []apitest.Check{ids("plain")}},
			{Name: "description wildcards are literal", Method: "GET", Path: userEntriesPath + "?description=0%25+done_", Status: http.StatusOK,
				Checks: []apitest.Check{ids("tagged")}},
			{Name: "project", Method: "GET", Path: userEntriesPath + "?project={project}", Status: http.StatusOK,
				Checks: []apitest.Check{ids("withTask", "withProject")}},
			{Name: "task", Method: "GET", Path: userEntriesPath + "?task={task}", Status: http.StatusOK,
				Checks: []apitest.Check{ids("withTask")}},
			{Name: "repeated tags", Method: "GET", Path: userEntriesPath + "?tags={tag1}&tags={tag2}", Status: http.StatusOK,
				Checks: []apitest.Check{ids("tagged", "withTask")}},
			{Name: "comma tags", Method: "GET", Path: userEntriesPath + "?tags={tag2}", Status: http.StatusOK,
				Checks: []apitest.Check{ids("tagged")}},
			{Name: "project required", Method: "GET", Path: userEntriesPath + "?project-required=1", Status: http.StatusOK,
				Checks: []apitest.Check{ids("withTask", "withProject")}},
			{Name: "task required", Method: "GET", Path: userEntriesPath + "?task-required=true", Status: http.StatusOK,
				Checks: []apitest.Check{ids("withTask")}},
			{Name: "window", Method: "GET", Path: userEntriesPath + "?start=2024-06-04T00:00:00Z&end=2024-06-06T00:00:00Z",
				Status: http.StatusOK, Checks: []apitest.Check{ids("withTask", "withProject")}},
			{Name: "week before keeps entries with project or task", Method: "GET", Path: userEntriesPath + "?get-week-before=2024-06-07T00:00:00Z",
				Status: http.StatusOK, Checks: []apitest.Check{ids("withTask", "withProject")}},
			{Name: "page 1", Method: "GET", Path: userEntriesPath + "?page=1&page-size=3", Status: http.StatusOK,
				Checks: []apitest.Check{ids("tagged", "withTask", "withProject"), apitest.HeaderIs("Last-Page", "false")}},
			{Name: "page 2", Method: "GET", Path: userEntriesPath + "?page=2&page-size=3", Status: http.StatusOK,
				Checks: []apitest.Check{ids("plain"), apitest.HeaderIs("Last-Page", "true")}},
			{Name: "page past the end", Method: "GET", Path: userEntriesPath + "?page=3&page-size=2", Status: http.StatusOK,
				Checks: []apitest.Check{ids(), apitest.HeaderIs("Last-Page", "true")}},
			{Name: "page-size 5000", Method: "GET", Path: userEntriesPath + "?page-size=5000", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 4)}},
			{Name: "page-size too large", Method: "GET", Path: userEntriesPath + "?page-size=100000", Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(3000)}},
			{Name: "page 0", Method: "GET", Path: userEntriesPath + "?page=0", Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(3000)}},
			{Name: "bad in-progress", Method: "GET", Path: userEntriesPath + "?in-progress=maybe", Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Contains("message", "in-progress")}},
			{Name: "unknown user", Method: "GET", Path: "/v1/workspaces/{ws}/user/" + unknownID + "/time-entries", Status: http.StatusBadRequest,
				Checks: errorIs(501, "USER with id "+unknownID+" doesn't belong to WORKSPACE with id "+env.Owner.WorkspaceID)},
		})
	})
}

func TestTimeEntryBulkOperations(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedEntryRefs(t, env)
		env.Vars["me"] = env.Owner.UserID
		add := func(name, start string) {
			v := env.MustDo(t, "POST", entriesPath, "", map[string]any{"start": start,
				"end": strings.Replace(start, "T08:", "T09:", 1), "description": name, "projectId": "{project}"}, http.StatusCreated)
			env.Vars[name] = apitest.Str(t, v, "id")
		}
		add("a", "2024-08-01T08:00:00Z")
		add("b", "2024-08-02T08:00:00Z")
		add("c", "2024-08-03T08:00:00Z")
		add("d", "2024-08-04T08:00:00Z")
		apitest.Run(t, env, []apitest.Case{
			{Name: "bulk edit", Method: "PUT", Path: userEntriesPath, Body: []map[string]any{
				{"id": "{a}", "description": "a2", "end": "2024-08-01T08:30:00Z", "tagIds": []string{"{tag1}"}},
				{"id": "{b}", "start": "2024-08-02T07:00:00Z", "end": "2024-08-02T09:00:00Z", "billable": true, "projectId": "{other}"},
			}, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 2),
				apitest.Equal("0.description", "a2"),
				apitest.Equal("0.timeInterval.start", "2024-08-01T08:00:00Z"),
				apitest.Equal("0.timeInterval.duration", "PT30M"),
				apitest.Equal("0.projectId", nil),
				apitest.Equal("0.billable", false),
				apitest.Equal("0.tagIds", []string{env.Vars["tag1"]}),
				apitest.Equal("1.description", ""),
				apitest.Equal("1.projectId", "{other}"),
				apitest.Equal("1.billable", true),
				apitest.Equal("1.timeInterval.duration", "PT2H"),
			}},
			{Name: "bulk edit hydrated", Method: "PUT", Path: userEntriesPath + "?hydrated=true", Body: []map[string]any{
				{"id": "{c}", "end": "2024-08-03T10:00:00Z", "projectId": "{project}", "description": "c2"},
			}, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("0.project.id", "{project}"),
				apitest.Equal("0.project.name", "Apollo"),
				apitest.Equal("0.tags", []any{}),
			}},
			{Name: "bulk edit with an unknown id changes nothing", Method: "PUT", Path: userEntriesPath, Body: []map[string]any{
				{"id": "{d}", "description": "changed", "end": "2024-08-04T09:00:00Z"},
				{"id": unknownID, "description": "x"},
			}, Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", unknownID)}},
			{Name: "bulk edit without id", Method: "PUT", Path: userEntriesPath, Body: []map[string]any{{"description": "x"}},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "id")}},
			{Name: "bulk edit with an object body", Method: "PUT", Path: userEntriesPath, Body: map[string]any{"id": "{d}"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3002)}},
			{Name: "d unchanged", Method: "GET", Path: entriesPath + "/{d}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("description", "d")}},
			{Name: "duplicate", Method: "POST", Path: userEntriesPath + "/{d}/duplicate", Status: http.StatusCreated, Checks: []apitest.Check{
				apitest.Store(env, "copy", "id"),
				apitest.Equal("description", "d"),
				apitest.Equal("projectId", "{project}"),
				apitest.Equal("timeInterval.start", "2024-08-04T08:00:00Z"),
				apitest.Equal("timeInterval.duration", "PT1H"),
			}},
			{Name: "copy is a new entry", Method: "GET", Path: userEntriesPath + "?description=d&start=2024-08-04T00:00:00Z",
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 2)}},
			{Name: "duplicate unknown", Method: "POST", Path: userEntriesPath + "/" + unknownID + "/duplicate",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "copy from entry", Method: "POST", Path: userEntriesPath + "?from-entry={d}",
				Body:   map[string]any{"start": "2024-08-05T08:00:00Z", "end": "2024-08-05T08:10:00Z"},
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Equal("description", "d"),
					apitest.Equal("projectId", "{project}"),
					apitest.Equal("timeInterval.duration", "PT10M"),
				}},
			{Name: "copy from unknown entry", Method: "POST", Path: userEntriesPath + "?from-entry=" + unknownID,
				Body: map[string]any{"start": "2024-08-05T08:00:00Z"}, Status: http.StatusNotFound},
			{Name: "mark invoiced", Method: "PATCH", Path: entriesPath + "/invoiced",
				Body: map[string]any{"timeEntryIds": []string{"{a}", "{b}"}, "invoiced": true}, Status: http.StatusOK,
				Checks: []apitest.Check{invoiced(env, "a", true), invoiced(env, "b", true), invoiced(env, "d", false)}},
			{Name: "invoiced without flag", Method: "PATCH", Path: entriesPath + "/invoiced",
				Body:   map[string]any{"timeEntryIds": []string{"{a}"}},
				Status: http.StatusBadRequest, Checks: errorIs(501, "invoiced must not be null")},
			{Name: "invoiced without ids", Method: "PATCH", Path: entriesPath + "/invoiced", Body: map[string]any{"invoiced": true},
				Status: http.StatusBadRequest, Checks: errorIs(501, "timeEntryIds must not be null")},
			{Name: "invoiced unknown id", Method: "PATCH", Path: entriesPath + "/invoiced",
				Body:   map[string]any{"timeEntryIds": []string{"{c}", unknownID}, "invoiced": true},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), invoiced(env, "c", false)}},
			{Name: "unmark invoiced", Method: "PATCH", Path: entriesPath + "/invoiced",
				Body: map[string]any{"timeEntryIds": []string{"{b}"}, "invoiced": false}, Status: http.StatusOK,
				Checks: []apitest.Check{invoiced(env, "a", true), invoiced(env, "b", false)}},
			{Name: "batch get", Method: "POST", Path: entriesPath + "/batch",
				Body:   map[string]any{"timeEntryIds": []string{"{a}", "{c}", unknownID}},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Len("", 2),
					apitest.Equal("0.id", "{c}"),
					apitest.Equal("1.id", "{a}"),
					apitest.Missing("0.project"),
				}},
			{Name: "batch get hydrated", Method: "POST", Path: entriesPath + "/batch",
				Body:   map[string]any{"timeEntryIds": []string{"{c}"}, "hydrated": true},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("0.project.id", "{project}")}},
			{Name: "batch get without ids", Method: "POST", Path: entriesPath + "/batch", Body: map[string]any{},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "bulk delete without ids", Method: "DELETE", Path: userEntriesPath,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3001), apitest.Contains("message", "time-entry-ids")}},
			{Name: "bulk delete with an unknown id deletes nothing", Method: "DELETE", Path: userEntriesPath + "?time-entry-ids={a}," + unknownID,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "bulk delete", Method: "DELETE", Path: userEntriesPath + "?time-entry-ids={a}&time-entry-ids={b}",
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Len("", 2),
					apitest.Equal("0.id", "{a}"),
					apitest.Equal("0.tagIds", []string{env.Vars["tag1"]}),
					apitest.Equal("1.id", "{b}"),
				}},
			{Name: "bulk delete by time-entries", Method: "DELETE", Path: userEntriesPath + "?time-entries={c},{copy}",
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 2)}},
			{Name: "deleted are gone", Method: "GET", Path: entriesPath + "/{a}", Status: http.StatusBadRequest},
			{Name: "duplicate a running entry", Method: "POST", Path: entriesPath, Body: map[string]any{"start": "2024-08-06T08:00:00Z"},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Store(env, "running", "id")}},
			{Name: "running cannot be duplicated", Method: "POST", Path: userEntriesPath + "/{running}/duplicate",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
		})
	})
}

func TestTimeEntryHydratedAndRates(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedEntryRefs(t, env)
		member := env.NewUser(t, "rated", domain.RoleUser, "UTC")
		env.Vars["me"], env.Vars["member"] = env.Owner.UserID, member.UserID
		// The rates apply from a since before every entry below.
		since := "2024-01-01T00:00:00Z"
		env.MustDo(t, "PUT", "/v1/workspaces/{ws}/hourly-rate", "", map[string]any{"amount": 1000, "currency": "EUR", "since": since}, http.StatusOK)
		env.MustDo(t, "PUT", "/v1/workspaces/{ws}/cost-rate", "", map[string]any{"amount": 400, "since": since}, http.StatusOK)
		env.MustDo(t, "PUT", "/v1/workspaces/{ws}/users/{member}/hourly-rate", "", map[string]any{"amount": 2000, "since": since}, http.StatusOK)
		env.MustDo(t, "PUT", "/v1/workspaces/{ws}/projects/{other}", "", map[string]any{"hourlyRate": map[string]any{"amount": 3000, "since": since}}, http.StatusOK)
		env.MustDo(t, "PATCH", "/v1/workspaces/{ws}/projects/{project}/memberships", "", map[string]any{"memberships": []map[string]any{
			{"userId": member.UserID, "hourlyRate": map[string]any{"amount": 4000, "since": since}},
		}}, http.StatusOK)

		// Each entry lasts 1h30m and is billable, so totalBillable is 1.5 times the rate.
		entry := func(extra map[string]any) map[string]any {
			b := map[string]any{"start": "2024-09-02T08:00:00Z", "end": "2024-09-02T09:30:00Z", "billable": true}
			for k, v := range extra {
				b[k] = v
			}
			return b
		}
		forMember := "/v1/workspaces/{ws}/user/{member}/time-entries"
		apitest.Run(t, env, []apitest.Case{
			{Name: "owner without project gets workspace rate", Method: "POST", Path: entriesPath, Body: entry(nil),
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Store(env, "ownerEntry", "id")}},
			{Name: "workspace rate", Method: "GET", Path: entriesPath + "/{ownerEntry}?hydrated=true", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("hourlyRate", map[string]any{"amount": 1000, "currency": "EUR"}),
				apitest.Equal("costRate", map[string]any{"amount": 400, "currency": "EUR"}),
				apitest.Equal("totalBillable", 1500),
				apitest.Equal("project", nil),
				apitest.Equal("task", nil),
				apitest.Equal("tags", []any{}),
				apitest.Equal("user.id", env.Owner.UserID),
				apitest.Equal("user.settings.timeZone", "UTC"),
				apitest.Equal("kiosk", nil),
			}},
			{Name: "member rate", Method: "POST", Path: forMember, Body: entry(map[string]any{"start": "2024-09-03T08:00:00Z", "end": "2024-09-03T09:30:00Z"}),
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Store(env, "memberEntry", "id"),
					apitest.Equal("userId", member.UserID),
					apitest.Equal("hourlyRate", map[string]any{"amount": 2000, "currency": "EUR"}),
				}},
			{Name: "project rate beats member rate", Method: "POST", Path: forMember,
				Body:   entry(map[string]any{"start": "2024-09-04T08:00:00Z", "end": "2024-09-04T09:30:00Z", "projectId": "{other}"}),
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Store(env, "projectEntry", "id")}},
			{Name: "project membership rate beats project rate", Method: "POST", Path: forMember,
				Body: entry(map[string]any{"start": "2024-09-05T08:00:00Z", "end": "2024-09-05T09:30:00Z", "projectId": "{project}",
					"taskId": "{task}", "tagIds": []string{"{tag2}", "{tag1}"}}),
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Store(env, "membershipEntry", "id")}},
			{Name: "not billable earns nothing", Method: "POST", Path: forMember,
				Body:   entry(map[string]any{"start": "2024-09-06T08:00:00Z", "end": "2024-09-06T09:30:00Z", "billable": false}),
				Status: http.StatusCreated},
			{Name: "hydrated list", Method: "GET", Path: forMember + "?hydrated=1&page-size=50", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 4),
				apitest.Equal("0.totalBillable", 0),
				apitest.Equal("0.hourlyRate.amount", 2000),
				apitest.Equal("1.id", "{membershipEntry}"),
				apitest.Equal("1.hourlyRate", map[string]any{"amount": 4000, "currency": "EUR"}),
				apitest.Equal("1.totalBillable", 6000),
				apitest.Equal("1.projectId", "{project}"),
				apitest.Equal("1.project.id", "{project}"),
				apitest.Equal("1.project.name", "Apollo"),
				apitest.Equal("1.project.workspaceId", env.Owner.WorkspaceID),
				apitest.Equal("1.task.id", "{task}"),
				apitest.Equal("1.task.name", "Design"),
				apitest.Equal("1.task.projectId", "{project}"),
				apitest.Equal("1.tags", []map[string]any{
					{"id": env.Vars["tag2"], "name": "calls", "workspaceId": env.Owner.WorkspaceID, "archived": false},
					{"id": env.Vars["tag1"], "name": "urgent", "workspaceId": env.Owner.WorkspaceID, "archived": false},
				}),
				apitest.Equal("1.user.id", member.UserID),
				apitest.Equal("1.user.name", "rated"),
				apitest.Equal("2.id", "{projectEntry}"),
				apitest.Equal("2.hourlyRate.amount", 3000),
				apitest.Equal("2.totalBillable", 4500),
				apitest.Equal("3.id", "{memberEntry}"),
				apitest.Equal("3.totalBillable", 3000),
			}},
			{Name: "plain list has ids and rates, no objects", Method: "GET", Path: forMember + "?hydrated=0", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("2.hourlyRate.amount", 3000),
				apitest.Equal("1.tagIds", []string{env.Vars["tag2"], env.Vars["tag1"]}),
				apitest.Missing("1.project"),
				apitest.Missing("1.totalBillable"),
				apitest.Missing("1.kiosk"),
			}},
			{Name: "running entry earns nothing yet", Method: "POST", Path: entriesPath,
				Body: map[string]any{"start": "2024-09-07T08:00:00Z", "billable": true}, Status: http.StatusCreated},
			{Name: "running hydrated", Method: "GET", Path: userEntriesPath + "?hydrated=1&in-progress=1&page-size=50", Status: http.StatusOK,
				Checks: []apitest.Check{
					apitest.Len("", 1),
					apitest.Equal("0.totalBillable", 0),
					apitest.Equal("0.timeInterval.duration", nil),
				}},
		})
	})
}

func TestTimeEntryLockedAndPermissions(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		member := env.NewUser(t, "member", domain.RoleUser, "UTC")
		admin := env.NewUser(t, "admin", domain.RoleAdmin, "UTC")
		env.Vars["me"], env.Vars["member"] = env.Owner.UserID, member.UserID
		lock := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		changeSettings(t, env, func(s *domain.WorkspaceSettings) {
			s.LockTimeEntries = &lock
			// Without this setting regular members read others' entries.
			s.OnlyAdminsSeeAllTimeEntries = true
		})
		memberEntries := "/v1/workspaces/{ws}/user/{member}/time-entries"
		before := map[string]any{"start": "2023-12-31T09:00:00Z", "end": "2023-12-31T10:00:00Z"}
		after := map[string]any{"start": "2024-01-02T09:00:00Z", "end": "2024-01-02T10:00:00Z"}
		apitest.Run(t, env, []apitest.Case{
			{Name: "owner entry", Method: "POST", Path: entriesPath, Body: after, Status: http.StatusCreated,
				Checks: []apitest.Check{apitest.Store(env, "ownerEntry", "id")}},
			{Name: "member reads owner entry", Method: "GET", Path: entriesPath + "/{ownerEntry}", Key: member.Key,
				Status: http.StatusForbidden, Checks: errorIs(501, "Access Denied")},
			{Name: "member changes owner entry", Method: "PUT", Path: entriesPath + "/{ownerEntry}", Key: member.Key, Body: after,
				Status: http.StatusForbidden},
			{Name: "member deletes owner entry", Method: "DELETE", Path: entriesPath + "/{ownerEntry}", Key: member.Key,
				Status: http.StatusForbidden},
			{Name: "member lists owner entries", Method: "GET", Path: userEntriesPath, Key: member.Key, Status: http.StatusForbidden},
			{Name: "member creates for owner", Method: "POST", Path: userEntriesPath, Key: member.Key, Body: after, Status: http.StatusForbidden},
			{Name: "member stops owner timer", Method: "PATCH", Path: userEntriesPath, Key: member.Key,
				Body: map[string]any{"end": "2024-01-02T10:00:00Z"}, Status: http.StatusForbidden},
			{Name: "member bulk deletes owner entries", Method: "DELETE", Path: userEntriesPath + "?time-entry-ids={ownerEntry}", Key: member.Key,
				Status: http.StatusForbidden},
			{Name: "member marks owner entry invoiced", Method: "PATCH", Path: entriesPath + "/invoiced", Key: member.Key,
				Body: map[string]any{"timeEntryIds": []string{"{ownerEntry}"}, "invoiced": true}, Status: http.StatusForbidden},
			{Name: "member lists all running", Method: "GET", Path: entriesPath + "/status/in-progress", Key: member.Key,
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "member batch skips owner entry", Method: "POST", Path: entriesPath + "/batch", Key: member.Key,
				Body: map[string]any{"timeEntryIds": []string{"{ownerEntry}"}}, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "member adds before the lock date", Method: "POST", Path: entriesPath, Key: member.Key, Body: before,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "locked")}},
			{Name: "member adds after the lock date", Method: "POST", Path: entriesPath, Key: member.Key, Body: after,
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Store(env, "open", "id"),
					apitest.Equal("isLocked", false),
				}},
			{Name: "member moves an entry before the lock date", Method: "PUT", Path: entriesPath + "/{open}", Key: member.Key, Body: before,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "admin adds for member before the lock date", Method: "POST", Path: memberEntries, Key: admin.Key, Body: before,
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Store(env, "locked", "id"),
					apitest.Equal("userId", member.UserID),
					apitest.Equal("isLocked", true),
				}},
			{Name: "member sees it locked", Method: "GET", Path: entriesPath + "/{locked}", Key: member.Key, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("isLocked", true)}},
			{Name: "member edits locked entry", Method: "PUT", Path: entriesPath + "/{locked}", Key: member.Key,
				Body: map[string]any{"start": "2023-12-31T09:00:00Z", "end": "2023-12-31T09:30:00Z"}, Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "locked")}},
			{Name: "member moves locked entry out", Method: "PUT", Path: entriesPath + "/{locked}", Key: member.Key, Body: after,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "member deletes locked entry", Method: "DELETE", Path: entriesPath + "/{locked}", Key: member.Key,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "member bulk deletes locked entry", Method: "DELETE", Path: memberEntries + "?time-entry-ids={locked}", Key: member.Key,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "member duplicates locked entry", Method: "POST", Path: memberEntries + "/{locked}/duplicate", Key: member.Key,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "admin edits locked entry", Method: "PUT", Path: entriesPath + "/{locked}", Key: admin.Key,
				Body: map[string]any{"start": "2023-12-31T09:00:00Z", "end": "2023-12-31T09:30:00Z"}, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("timeInterval.duration", "PT30M"), apitest.Equal("userId", member.UserID)}},
			{Name: "admin starts member timer", Method: "POST", Path: memberEntries, Key: admin.Key,
				Body: map[string]any{"start": "2024-01-03T09:00:00Z"}, Status: http.StatusCreated},
			{Name: "admin sees all running", Method: "GET", Path: entriesPath + "/status/in-progress", Key: admin.Key, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.userId", member.UserID)}},
			{Name: "admin stops member timer", Method: "PATCH", Path: memberEntries, Key: admin.Key,
				Body: map[string]any{"end": "2024-01-03T09:45:00Z"}, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("timeInterval.duration", "PT45M")}},
			{Name: "admin lists member entries", Method: "GET", Path: memberEntries, Key: admin.Key, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 3)}},
			{Name: "admin deletes member entry", Method: "DELETE", Path: entriesPath + "/{locked}", Key: admin.Key,
				Status: http.StatusNoContent},
		})
	})
}

// TestTimeEntrySameStartOrder checks that among entries starting in the same
// second, as clockify-cli's "in" twice in a row makes them, the list puts the
// latest created first, so the CLI's "last" is the entry it started last.
func TestTimeEntrySameStartOrder(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		env.Vars["me"] = env.Owner.UserID
		body := map[string]any{"start": "2024-05-06T09:00:00Z", "end": "2024-05-06T09:00:00Z"}
		for _, name := range []string{"first", "second", "third"} {
			body["description"] = name
			v := env.MustDo(t, "POST", entriesPath, "", body, http.StatusCreated)
			env.Vars[name] = apitest.Str(t, v, "id")
			// created_at has millisecond resolution; keep the three apart.
			time.Sleep(3 * time.Millisecond)
		}

		apitest.Run(t, env, []apitest.Case{
			{Name: "latest created first", Method: "GET", Path: userEntriesPath + "?page-size=50", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 3),
				apitest.Equal("0.id", "{third}"),
				apitest.Equal("1.id", "{second}"),
				apitest.Equal("2.id", "{first}"),
			}},
			{Name: "cli last", Method: "GET", Path: userEntriesPath + "?hydrated=0&in-progress=0&page=1&page-size=1", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.description", "third")}},
			{Name: "batch in the same order", Method: "POST", Path: entriesPath + "/batch",
				Body: map[string]any{"timeEntryIds": []string{"{first}", "{third}", "{second}"}}, Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("0.id", "{third}"),
					apitest.Equal("2.id", "{first}"),
				}},
		})
	})
}

// TestBulkEditKeepsOmittedEnd checks that a bulk edit item without end
// keeps the stored end, that the response shows what was stored, and the
// limits on id lists.
func TestBulkEditKeepsOmittedEnd(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		base := "/v1/workspaces/{ws}/user/" + env.Owner.UserID + "/time-entries"
		apitest.Run(t, env, []apitest.Case{
			{Name: "first", Method: "POST", Path: "/v1/workspaces/{ws}/time-entries",
				Body: `{"start":"2025-03-01T09:00:00Z","end":"2025-03-01T10:00:00Z"}`, Status: 201,
				Checks: []apitest.Check{apitest.Store(env, "x1", "id")}},
			{Name: "second", Method: "POST", Path: "/v1/workspaces/{ws}/time-entries",
				Body: `{"start":"2025-03-02T09:00:00Z","end":"2025-03-02T10:00:00Z"}`, Status: 201,
				Checks: []apitest.Check{apitest.Store(env, "x2", "id")}},
			{Name: "rename both", Method: "PUT", Path: base,
				Body: `[{"id":"{x1}","description":"new1"},{"id":"{x2}","description":"new2"}]`, Status: 200,
				Checks: []apitest.Check{apitest.Equal("0.description", "new1"), apitest.Equal("0.timeInterval.end", "2025-03-01T10:00:00Z"),
					apitest.Equal("1.timeInterval.end", "2025-03-02T10:00:00Z"), apitest.Equal("1.timeInterval.duration", "PT1H")}},
			{Name: "nothing runs", Method: "GET", Path: base + "?in-progress=true", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "stored ends kept", Method: "GET", Path: "/v1/workspaces/{ws}/time-entries/{x1}", Status: 200,
				Checks: []apitest.Check{apitest.Equal("timeInterval.duration", "PT1H"), apitest.Equal("description", "new1")}},
			{Name: "start after kept end", Method: "PUT", Path: base,
				Body: `[{"id":"{x1}","start":"2025-03-01T11:00:00Z"}]`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "2025-03-01T11:00:00Z")}},
		})
		ids := make([]string, 5001)
		for i := range ids {
			ids[i] = fmt.Sprintf("%024x", i)
		}
		apitest.Run(t, env, []apitest.Case{
			{Name: "too many batch ids", Method: "POST", Path: "/v1/workspaces/{ws}/time-entries/batch",
				Body: map[string]any{"timeEntryIds": ids}, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "5000")}},
			{Name: "too many tags", Method: "POST", Path: "/v1/workspaces/{ws}/time-entries",
				Body: map[string]any{"start": "2025-03-03T09:00:00Z", "end": "2025-03-03T10:00:00Z", "tagIds": ids}, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "tagIds")}},
			{Name: "too many invoiced ids", Method: "PATCH", Path: "/v1/workspaces/{ws}/time-entries/invoiced",
				Body: map[string]any{"timeEntryIds": ids, "invoiced": true}, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
		})
	})
}

func TestInvoicedRespectsLock(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		member := env.NewUser(t, "member", domain.RoleUser, "UTC")
		entry := env.MustDo(t, "POST", entriesPath, member.Key,
			map[string]any{"start": "2023-12-31T09:00:00Z", "end": "2023-12-31T10:00:00Z"}, http.StatusCreated)
		env.Vars["old"] = apitest.Str(t, entry, "id")
		lock := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		changeSettings(t, env, func(s *domain.WorkspaceSettings) { s.LockTimeEntries = &lock })
		apitest.Run(t, env, []apitest.Case{
			{Name: "member marks locked entry", Method: "PATCH", Path: entriesPath + "/invoiced", Key: member.Key,
				Body: `{"timeEntryIds":["{old}"],"invoiced":true}`, Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "locked")}},
			{Name: "admin marks locked entry", Method: "PATCH", Path: entriesPath + "/invoiced",
				Body: `{"timeEntryIds":["{old}"],"invoiced":true}`, Status: http.StatusOK},
		})
	})
}
