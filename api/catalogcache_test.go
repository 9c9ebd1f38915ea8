package api_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"math/rand/v2"
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

// Plain SQL may change an entry's tags and custom field values without
// touching its time_entries row. The next page must show the change.
func TestEntryPagesFollowSQLOnTagsAndValues(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, a *apitest.Env) {
		tag := a.MustDo(t, "POST", "/v1/workspaces/{ws}/tags", "", map[string]any{"name": "kept"}, http.StatusCreated)
		a.Vars["tag"] = apitest.Str(t, tag, "id")
		newField(t, a, "field", map[string]any{"name": "Ref", "type": "TXT", "status": "VISIBLE"})
		a.Vars["owner"] = a.Owner.UserID
		entry := a.MustDo(t, "POST", entriesPath, "", map[string]any{
			"start": "2024-05-01T08:00:00Z", "end": "2024-05-01T09:00:00Z", "tagIds": []string{a.Vars["tag"]},
			"customFields": []map[string]any{{"customFieldId": a.Vars["field"], "value": "before"}}}, http.StatusCreated)
		a.Vars["entry"] = apitest.Str(t, entry, "id")
		list := "/v1/workspaces/{ws}/user/{owner}/time-entries"
		page := func(name string, checks ...apitest.Check) apitest.Case {
			return apitest.Case{Name: name, Method: "GET", Path: list, Status: http.StatusOK, Checks: checks}
		}

		// The first request reads the catalog, and the next two fill and
		// use the page caches.
		apitest.Run(t, a, []apitest.Case{
			page("warm"), page("cached"),
			page("cached again", apitest.Equal("0.tagIds", []any{a.Vars["tag"]}), apitest.Equal("0.customFieldValues.0.value", "before")),
		})

		raw := openRaw(t, a)
		if _, err := raw.Exec(`UPDATE time_entry_custom_values SET value = '"after"' WHERE entry_id = `+placeholder(a), a.Vars["entry"]); err != nil {
			t.Fatalf("changing a custom field value by SQL: %v", err)
		}
		apitest.Run(t, a, []apitest.Case{
			page("value changed by SQL", apitest.Equal("0.customFieldValues.0.value", "after")),
		})

		if _, err := raw.Exec(`DELETE FROM time_entry_tags WHERE entry_id = `+placeholder(a), a.Vars["entry"]); err != nil {
			t.Fatalf("removing an entry's tag by SQL: %v", err)
		}
		apitest.Run(t, a, []apitest.Case{
			page("tag removed by SQL", apitest.Equal("0.tagIds", nil)),
		})
	})
}

// TRUNCATE removes rows without firing row triggers, so it raises no
// version unless a statement trigger does. The next responses must not
// show the removed entries, nor accept the removed API keys.
func TestCachesFollowTruncate(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, a *apitest.Env) {
		if a.Engine != apitest.Postgres {
			t.Skip("SQLite has no TRUNCATE, and its DELETE without WHERE fires the row triggers")
		}
		a.Vars["owner"] = a.Owner.UserID
		a.MustDo(t, "POST", entriesPath, "", map[string]any{"start": "2024-05-01T08:00:00Z", "end": "2024-05-01T09:00:00Z"}, http.StatusCreated)
		list := "/v1/workspaces/{ws}/user/{owner}/time-entries"
		apitest.Run(t, a, []apitest.Case{
			{Name: "warm", Method: "GET", Path: list, Status: http.StatusOK},
			{Name: "cached", Method: "GET", Path: list, Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 1)}},
		})

		raw := openRaw(t, a)
		if _, err := raw.Exec(`TRUNCATE time_entries CASCADE`); err != nil {
			t.Fatalf("truncating time_entries: %v", err)
		}
		apitest.Run(t, a, []apitest.Case{
			{Name: "page after truncate", Method: "GET", Path: list, Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 0)}},
		})

		if _, err := raw.Exec(`TRUNCATE api_keys`); err != nil {
			t.Fatalf("truncating api_keys: %v", err)
		}
		apitest.Run(t, a, []apitest.Case{
			{Name: "key after truncate", Method: "GET", Path: list, Status: http.StatusUnauthorized},
		})
	})
}

// freshResponse sends a request to a new server on env's store, whose
// caches are empty, and returns its status, Last-Page header and body.
func freshResponse(t *testing.T, env *apitest.Env, path, key string) (int, string, []byte) {
	t.Helper()
	srv := api.New(domain.NewService(env.Store), slog.New(slog.DiscardHandler))
	req := httptest.NewRequest("GET", "/api"+env.Expand(path), nil)
	req.Header.Set("X-Api-Key", env.Expand(key))
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	return rec.Code, rec.Header().Get("Last-Page"), rec.Body.Bytes()
}

// matchFreshServer sends GET for each path twice with key, and reports an
// error for every response that differs from what a server with empty
// caches sends. In the first round the server reads a changed catalog and
// fills its caches, and in the second it serves plain pages from them.
func matchFreshServer(t *testing.T, env *apitest.Env, key, after string, paths []string) {
	t.Helper()
	for round := range 2 {
		for _, path := range paths {
			got := env.Do(t, "GET", path, key, nil, nil)
			status, last, body := freshResponse(t, env, path, key)
			if got.Status != status || got.Header.Get("Last-Page") != last || !bytes.Equal(got.Body, body) {
				t.Errorf("after %s, round %d, GET %s: status %d, Last-Page %q, body\n%s\nwant status %d, Last-Page %q, body\n%s",
					after, round, path, got.Status, got.Header.Get("Last-Page"), got.Body, status, last, body)
			}
		}
	}
}

// A member's plain page of their own entries comes from the page caches
// and the kept JSON bodies. The member starts as an admin and is demoted
// while rates are hidden. After each change made through a second server,
// the first server must send the bytes that a server with empty caches
// sends, for cached pages and for the queries that bypass the caches.
func TestOwnPagesMatchFreshServer(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, a *apitest.Env) {
		b := secondNode(t, a)
		member, err := a.Svc.CreateUser(context.Background(), domain.NewUser{Email: "paged@example.com", Name: "paged",
			Role: domain.RoleAdmin, TimeZone: "UTC", WorkspaceID: a.Owner.WorkspaceID})
		if err != nil {
			t.Fatalf("creating the member: %v", err)
		}
		a.Vars["key"], a.Vars["member"] = member.APIKey, member.UserID
		project := a.MustDo(t, "POST", "/v1/workspaces/{ws}/projects", "", map[string]any{"name": "Alpha", "isPublic": true}, http.StatusCreated)
		a.Vars["p"] = apitest.Str(t, project, "id")
		tag := a.MustDo(t, "POST", "/v1/workspaces/{ws}/tags", "", map[string]any{"name": "t"}, http.StatusCreated)
		a.Vars["tag"] = apitest.Str(t, tag, "id")
		newField(t, a, "field", map[string]any{"name": "Ref", "type": "TXT", "status": "VISIBLE"})
		a.MustDo(t, "PUT", "/v1/workspaces/{ws}/hourly-rate", "", map[string]any{"amount": 1000, "currency": "USD"}, http.StatusOK)
		b.Vars = a.Vars

		entry := func(hour int, value string) map[string]any {
			at := time.Date(2024, 5, 1, hour, 0, 0, 0, time.UTC)
			body := map[string]any{"start": at.Format(time.RFC3339), "end": at.Add(30 * time.Minute).Format(time.RFC3339),
				"projectId": "{p}", "tagIds": []string{"{tag}"}, "billable": true, "description": value}
			if value != "" {
				body["customFields"] = []map[string]any{{"customFieldId": "{field}", "value": value}}
			}
			return body
		}
		for hour := 8; hour < 12; hour++ {
			e := a.MustDo(t, "POST", entriesPath, "{key}", entry(hour, fmt.Sprintf("v%d", hour%2)), http.StatusCreated)
			a.Vars[fmt.Sprintf("e%d", hour)] = apitest.Str(t, e, "id")
		}

		own := "/v1/workspaces/{ws}/user/{member}/time-entries"
		paths := []string{own, own + "?page-size=2", own + "?page=2&page-size=2", own + "?hydrated=true", own + "?in-progress=false",
			own + "?page-size=201", "/v1/workspaces/{ws}/user/{owner}/time-entries"}
		a.Vars["owner"] = a.Owner.UserID
		compare := func(after string) { matchFreshServer(t, a, "{key}", after, paths) }
		compare("setup")

		changes := []struct {
			name         string
			method, path string
			key          string
			body         any
			status       int
		}{
			{"entry edited", "PUT", entriesPath + "/{e9}", "{key}", entry(9, "edited"), http.StatusOK},
			{"tag renamed", "PUT", "/v1/workspaces/{ws}/tags/{tag}", "", map[string]any{"name": "renamed"}, http.StatusOK},
			{"project default set", "PATCH", "/v1/workspaces/{ws}/projects/{p}/custom-fields/{field}", "", map[string]any{"defaultValue": "default"}, http.StatusOK},
			{"field renamed", "PUT", fieldsPath + "/{field}", "", map[string]any{"name": "Ref2", "type": "TXT", "status": "VISIBLE"}, http.StatusOK},
			{"rates hidden", "PATCH", settingsPath, "", map[string]any{"onlyAdminsSeeBillableRates": true}, http.StatusOK},
			{"admin demoted", "DELETE", "/v1/workspaces/{ws}/users/{member}/roles", "", map[string]any{"role": "WORKSPACE_ADMIN", "entityId": "{ws}"}, http.StatusNoContent},
			{"lock date set", "PATCH", settingsPath, "", map[string]any{"lockTimeEntries": "2024-05-01T09:30:00Z"}, http.StatusOK},
			{"past rate changed", "PUT", "/v1/workspaces/{ws}/hourly-rate", "", map[string]any{"amount": 2000, "currency": "USD", "since": "2024-01-01T00:00:00Z"}, http.StatusOK},
			{"timer started", "POST", entriesPath, "{key}", map[string]any{"start": "2024-06-01T08:00:00Z"}, http.StatusCreated},
			{"tag deleted", "DELETE", "/v1/workspaces/{ws}/tags/{tag}", "", nil, http.StatusOK},
			{"field deleted", "DELETE", fieldsPath + "/{field}", "", nil, http.StatusNoContent},
			{"member deactivated", "PUT", "/v1/workspaces/{ws}/users/{member}", "", map[string]any{"status": "INACTIVE"}, http.StatusOK},
		}
		for _, c := range changes {
			b.MustDo(t, c.method, c.path, c.key, c.body, c.status)
			compare(c.name)
			if t.Failed() {
				return
			}
		}
	})
}

// An API key given to another user by plain SQL stops acting as its old
// user in the old user's workspace, whose cached catalog held the key.
func TestCachedKeyFollowsItsUser(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, a *apitest.Env) {
		member := a.NewUser(t, "member", domain.RoleUser, "")
		a.Vars["member"] = member.Key
		elsewhere, err := a.Svc.CreateUser(context.Background(), domain.NewUser{Email: "elsewhere@example.com",
			Name: "elsewhere", Role: domain.RoleOwner, WorkspaceName: "Elsewhere"})
		if err != nil {
			t.Fatalf("creating a user in another workspace: %v", err)
		}
		apitest.Run(t, a, []apitest.Case{
			{Name: "warm", Method: "GET", Path: "/v1/workspaces/{ws}/tags", Key: "{member}", Status: http.StatusOK},
			{Name: "cached", Method: "GET", Path: "/v1/workspaces/{ws}/tags", Key: "{member}", Status: http.StatusOK},
		})

		raw := openRaw(t, a)
		query := `UPDATE api_keys SET user_id = '` + elsewhere.UserID + `' WHERE user_id = ` + placeholder(a)
		if _, err := raw.Exec(query, member.UserID); err != nil {
			t.Fatalf("giving the member's key to another user: %v", err)
		}
		apitest.Run(t, a, []apitest.Case{
			{Name: "key of a non-member", Method: "GET", Path: "/v1/workspaces/{ws}/tags", Key: "{member}", Status: http.StatusForbidden},
		})
	})
}

// A create or a timer stop carries the user's cached newest pages over to
// the new entry version with the entry in its place, or leaves them to the
// next read where it cannot. A random sequence of creates has starts that
// tie, entries older than the first page, timers that stop one another or
// are stopped, and entries that an admin creates for the member. After each
// write, the pages must equal what a server with empty caches sends.
func TestOwnPagesFollowCreatesAndStops(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, a *apitest.Env) {
		member := a.NewUser(t, "creator", domain.RoleUser, "UTC")
		a.Vars["key"], a.Vars["member"] = member.Key, member.UserID
		paths := []string{
			"/v1/workspaces/{ws}/user/{member}/time-entries?page-size=3",
			"/v1/workspaces/{ws}/user/{member}/time-entries?page-size=5",
			"/v1/workspaces/{ws}/user/{member}/time-entries?page-size=3&page=2",
		}
		compare := func(step int) {
			t.Helper()
			matchFreshServer(t, a, "{key}", fmt.Sprintf("create %d", step), paths)
			if t.Failed() {
				t.FailNow()
			}
		}

		random := rand.New(rand.NewPCG(7, 9))
		base := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
		compare(0)
		for step := 1; step <= 40; step++ {
			start := base.Add(time.Duration(random.IntN(12)) * time.Hour)
			body := map[string]any{"start": start.Format(time.RFC3339), "description": fmt.Sprintf("create %d", step)}
			if random.IntN(8) > 0 {
				body["end"] = start.Add(time.Duration(1+random.IntN(50)) * time.Minute).Format(time.RFC3339)
			} else {
				// A timer starts after every other entry, because it stops
				// the running one at its start.
				body["start"] = base.Add(24*time.Hour + time.Duration(step)*time.Minute).Format(time.RFC3339)
			}
			if random.IntN(10) == 0 {
				body["start"] = base.AddDate(-1, 0, 0).Format(time.RFC3339)
				body["end"] = base.AddDate(-1, 0, 0).Add(time.Minute).Format(time.RFC3339)
			}
			key, path := "{key}", entriesPath
			if random.IntN(6) == 0 {
				key, path = "", "/v1/workspaces/{ws}/user/{member}/time-entries"
			}
			a.MustDo(t, "POST", path, key, body, http.StatusCreated)
			compare(step)

			if _, running := body["end"]; !running && random.IntN(2) == 0 {
				end := base.Add(30*time.Hour + time.Duration(step)*time.Minute)
				a.MustDo(t, "PATCH", "/v1/workspaces/{ws}/user/{member}/time-entries", "{key}",
					map[string]any{"end": end.Format(time.RFC3339)}, http.StatusOK)
				compare(step)
			}
		}
	})
}
