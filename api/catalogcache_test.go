package api_test

import (
	"context"
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
