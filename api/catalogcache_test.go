package api_test

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/punchclock/punchclock/api"
	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store"
)

// secondNode starts another server on env's database, with its own store
// and service and so its own catalog cache, and returns an Env that sends
// its requests there.
func secondNode(t *testing.T, env *apitest.Env) *apitest.Env {
	t.Helper()
	db, err := store.Open(context.Background(), env.DSN, nil)
	if err != nil {
		t.Fatalf("opening a second store on %s: %v", env.Engine, err)
	}
	t.Cleanup(func() { db.Close() })
	srv := httptest.NewServer(api.New(domain.NewService(db), slog.New(slog.DiscardHandler)))
	t.Cleanup(srv.Close)
	other := *env
	other.URL = srv.URL
	return &other
}

// A server keeps each workspace's members, projects, tasks, tags, rates and
// API keys in memory. Changes made through another server on the same
// database must show in its next response, as must the tracked time that
// entry writes change.
func TestCatalogCacheFollowsOtherNodes(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, a *apitest.Env) {
		b := secondNode(t, a)
		member := a.NewUser(t, "member", domain.RoleUser, "")
		a.Vars["member"] = member.Key
		a.Vars["memberId"] = member.UserID
		b.Vars = a.Vars

		project := a.MustDo(t, "POST", "/v1/workspaces/{ws}/projects", "", map[string]any{"name": "Alpha", "isPublic": true}, http.StatusCreated)
		a.Vars["p"] = apitest.Str(t, project, "id")
		task := a.MustDo(t, "POST", "/v1/workspaces/{ws}/projects/{p}/tasks", "", map[string]any{"name": "Design"}, http.StatusCreated)
		a.Vars["task"] = apitest.Str(t, task, "id")
		tag := a.MustDo(t, "POST", "/v1/workspaces/{ws}/tags", "", map[string]any{"name": "urgent"}, http.StatusCreated)
		a.Vars["tag"] = apitest.Str(t, tag, "id")

		start := time.Now().UTC().Add(-2 * time.Hour).Truncate(time.Second)
		entryBody := func(offset time.Duration) map[string]any {
			return map[string]any{
				"start": start.Add(offset).Format(time.RFC3339), "end": start.Add(offset + 30*time.Minute).Format(time.RFC3339),
				"projectId": a.Vars["p"], "taskId": a.Vars["task"], "tagIds": []string{a.Vars["tag"]}, "description": "cached",
			}
		}
		entry := b.MustDo(t, "POST", "/v1/workspaces/{ws}/time-entries", "{member}", entryBody(0), http.StatusCreated)
		a.Vars["e"] = apitest.Str(t, entry, "id")
		hydrated := "/v1/workspaces/{ws}/time-entries/{e}?hydrated=true"
		apitest.Run(t, b, []apitest.Case{
			{Name: "warm", Method: "GET", Path: hydrated, Key: "{member}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("project.name", "Alpha"), apitest.Equal("task.name", "Design"),
				apitest.Equal("tags.0.name", "urgent"), apitest.Equal("project.duration", "PT30M"),
			}},
		})

		a.MustDo(t, "PUT", "/v1/workspaces/{ws}/projects/{p}", "", map[string]any{"name": "Beta"}, http.StatusOK)
		a.MustDo(t, "PUT", "/v1/workspaces/{ws}/projects/{p}/tasks/{task}", "", map[string]any{"name": "Build"}, http.StatusOK)
		a.MustDo(t, "PUT", "/v1/workspaces/{ws}/tags/{tag}", "", map[string]any{"name": "later"}, http.StatusOK)
		a.MustDo(t, "POST", "/v1/workspaces/{ws}/time-entries", "{member}", entryBody(time.Hour), http.StatusCreated)
		apitest.Run(t, b, []apitest.Case{
			{Name: "renamed elsewhere", Method: "GET", Path: hydrated, Key: "{member}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("project.name", "Beta"), apitest.Equal("task.name", "Build"),
				apitest.Equal("tags.0.name", "later"), apitest.Equal("project.duration", "PT1H"),
				apitest.Equal("task.duration", "PT1H"),
			}},
		})

		a.MustDo(t, "PUT", "/v1/workspaces/{ws}/hourly-rate", "", map[string]any{"amount": 4321, "currency": "USD"}, http.StatusOK)
		apitest.Run(t, b, []apitest.Case{
			{Name: "workspace rate changed elsewhere", Method: "POST", Path: "/v1/workspaces/{ws}/time-entries",
				Body:   map[string]any{"start": start.Add(3 * time.Hour).Format(time.RFC3339), "end": start.Add(4 * time.Hour).Format(time.RFC3339)},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Equal("hourlyRate.amount", 4321)}},
		})

		a.MustDo(t, "PUT", "/v1/workspaces/{ws}/projects/{p}", "", map[string]any{"archived": true}, http.StatusOK)
		apitest.Run(t, b, []apitest.Case{
			{Name: "project archived elsewhere", Method: "POST", Path: "/v1/workspaces/{ws}/time-entries", Key: "{member}",
				Body: entryBody(2 * time.Hour), Status: http.StatusBadRequest},
		})

		a.MustDo(t, "PUT", "/v1/workspaces/{ws}/users/{memberId}", "", map[string]any{"status": "INACTIVE"}, http.StatusOK)
		apitest.Run(t, b, []apitest.Case{
			{Name: "member deactivated elsewhere", Method: "GET", Path: "/v1/workspaces/{ws}/user/{memberId}/time-entries",
				Key: "{member}", Status: http.StatusForbidden},
		})
	})
}

// A server keeps recent pages of a user's entries in memory. Entry changes
// through another server, plain SQL from another process, a deleted tag
// that leaves the entries' rows alone, and a rolled-back write must all
// show correctly in the next page it serves.
func TestEntryPagesFollowChanges(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, a *apitest.Env) {
		b := secondNode(t, a)
		tag := a.MustDo(t, "POST", "/v1/workspaces/{ws}/tags", "", map[string]any{"name": "paged"}, http.StatusCreated)
		a.Vars["tag"] = apitest.Str(t, tag, "id")
		a.Vars["owner"] = a.Owner.UserID
		b.Vars = a.Vars
		start := time.Now().UTC().Add(-5 * time.Hour).Truncate(time.Second)
		create := func(env *apitest.Env, offset time.Duration, description string, tagIDs ...string) string {
			body := map[string]any{"start": start.Add(offset).Format(time.RFC3339), "end": start.Add(offset + 10*time.Minute).Format(time.RFC3339),
				"description": description, "tagIds": tagIDs}
			return apitest.Str(t, env.MustDo(t, "POST", "/v1/workspaces/{ws}/time-entries", "", body, http.StatusCreated), "id")
		}
		a.Vars["first"] = create(a, 0, "first", a.Vars["tag"])
		list := "/v1/workspaces/{ws}/user/{owner}/time-entries?page-size=2"

		apitest.Run(t, b, []apitest.Case{
			{Name: "warm", Method: "GET", Path: list, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 1), apitest.Equal("0.description", "first"), apitest.Equal("0.tagIds", []any{a.Vars["tag"]}),
			}},
		})

		a.Vars["second"] = create(a, time.Hour, "second", a.Vars["tag"])
		apitest.Run(t, b, []apitest.Case{
			{Name: "created elsewhere", Method: "GET", Path: list, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 2), apitest.Equal("0.description", "second"), apitest.HeaderIs("Last-Page", "true"),
			}},
		})

		a.MustDo(t, "PUT", "/v1/workspaces/{ws}/time-entries/{second}", "", map[string]any{
			"start": start.Add(time.Hour).Format(time.RFC3339), "end": start.Add(2 * time.Hour).Format(time.RFC3339), "description": "edited"}, http.StatusOK)
		apitest.Run(t, b, []apitest.Case{
			{Name: "edited elsewhere", Method: "GET", Path: list, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("0.description", "edited"), apitest.Equal("0.timeInterval.duration", "PT1H"),
			}},
		})

		raw, err := sql.Open(map[string]string{apitest.SQLite: "sqlite", apitest.Postgres: "pgx"}[a.Engine], a.DSN)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		if _, err := raw.Exec(`UPDATE time_entries SET description = 'changed by SQL' WHERE description = 'first'`); err != nil {
			t.Fatalf("updating an entry by SQL: %v", err)
		}
		apitest.Run(t, b, []apitest.Case{
			{Name: "changed by SQL", Method: "GET", Path: list, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("1.description", "changed by SQL"),
			}},
		})

		a.MustDo(t, "DELETE", "/v1/workspaces/{ws}/tags/{tag}", "", nil, http.StatusOK)
		apitest.Run(t, b, []apitest.Case{
			{Name: "tag deleted elsewhere", Method: "GET", Path: list, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("1.tagIds", nil),
			}},
		})

		// A rejected create writes nothing, so the page still shows the same
		// two entries. A later create then shows on it.
		apitest.Run(t, b, []apitest.Case{
			{Name: "failed create", Method: "POST", Path: "/v1/workspaces/{ws}/time-entries", Status: http.StatusBadRequest,
				Body: map[string]any{"start": start.Add(3 * time.Hour).Format(time.RFC3339), "end": start.Add(2 * time.Hour).Format(time.RFC3339)}},
			{Name: "after the failure", Method: "GET", Path: list, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 2), apitest.Equal("0.description", "edited"),
			}},
		})
		create(b, 4*time.Hour, "third")
		a.MustDo(t, "DELETE", "/v1/workspaces/{ws}/time-entries/{second}", "", nil, http.StatusNoContent)
		apitest.Run(t, b, []apitest.Case{
			{Name: "created here, deleted elsewhere", Method: "GET", Path: list, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 2), apitest.Equal("0.description", "third"), apitest.Equal("1.description", "changed by SQL"),
			}},
		})
	})
}
