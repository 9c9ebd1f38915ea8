package api_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

// rateLevels are the levels below the workspace with the hourly and cost
// rate each sets in TestRateResolutionTable, most specific first.
var rateLevels = []struct {
	name         string
	hourly, cost int64
}{
	{"project member", 5900, 590},
	{"task", 4700, 470},
	{"project", 3300, 330},
	{"member", 2100, 210},
}

// TestRateResolutionTable sets every combination of the member, project,
// task and project-member rates, each from a since before the entry, and
// checks the rates on an entry and its billable amount. The entry lasts
// 1h20m, so amounts are 4/3 of the rate, rounded half up. Then workspace
// rates set with a past since re-resolve the entries that no other level
// covers.
func TestRateResolutionTable(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		const since = "2020-01-01T00:00:00Z"
		entryPath := "/v1/workspaces/{ws}/time-entries/"
		type combo struct {
			set     [4]bool // by rateLevels index
			entryID string
		}
		var combos []combo
		for mask := range 16 {
			var c combo
			for i := range rateLevels {
				c.set[i] = mask&(1<<i) != 0
			}
			combos = append(combos, c)
		}

		for i := range combos {
			c := &combos[i]
			user := env.NewUser(t, fmt.Sprintf("rated%d", i), domain.RoleUser, "UTC")
			env.Vars["u"] = user.UserID

			project := map[string]any{"name": fmt.Sprintf("Rates %02d", i), "billable": true}
			if c.set[2] {
				project["hourlyRate"] = map[string]any{"amount": rateLevels[2].hourly}
				project["costRate"] = map[string]any{"amount": rateLevels[2].cost}
			}
			v := env.MustDo(t, "POST", "/v1/workspaces/{ws}/projects", "", project, http.StatusCreated)
			env.Vars["p"] = apitest.Str(t, v, "id")
			v = env.MustDo(t, "POST", "/v1/workspaces/{ws}/projects/{p}/tasks", "", map[string]any{"name": "Work"}, http.StatusCreated)
			env.Vars["t"] = apitest.Str(t, v, "id")

			membership := map[string]any{"userId": user.UserID}
			if c.set[0] {
				membership["hourlyRate"] = map[string]any{"amount": rateLevels[0].hourly, "since": since}
				membership["costRate"] = map[string]any{"amount": rateLevels[0].cost, "since": since}
			}
			env.MustDo(t, "PATCH", "/v1/workspaces/{ws}/projects/{p}/memberships", "",
				map[string]any{"memberships": []any{membership}}, http.StatusOK)
			if c.set[1] {
				for kind, amount := range map[string]int64{"hourly-rate": rateLevels[1].hourly, "cost-rate": rateLevels[1].cost} {
					env.MustDo(t, "PUT", "/v1/workspaces/{ws}/projects/{p}/tasks/{t}/"+kind, "",
						map[string]any{"amount": amount, "since": since}, http.StatusOK)
				}
			}
			if c.set[3] {
				for kind, amount := range map[string]int64{"hourly-rate": rateLevels[3].hourly, "cost-rate": rateLevels[3].cost} {
					env.MustDo(t, "PUT", "/v1/workspaces/{ws}/users/{u}/"+kind, "",
						map[string]any{"amount": amount, "since": since}, http.StatusOK)
				}
			}

			v = env.MustDo(t, "POST", "/v1/workspaces/{ws}/user/{u}/time-entries", "", map[string]any{
				"start": "2024-03-01T09:00:00Z", "end": "2024-03-01T10:20:00Z", "billable": true,
				"projectId": env.Vars["p"], "taskId": env.Vars["t"]}, http.StatusCreated)
			c.entryID = apitest.Str(t, v, "id")
		}

		// expect returns the checks of an entry whose levels are set as in
		// c, with the workspace rates given (cost nil when unset).
		expect := func(c combo, workspaceHourly int64, workspaceCost *int64) []apitest.Check {
			hourly, cost := workspaceHourly, workspaceCost
			for i := len(rateLevels) - 1; i >= 0; i-- {
				if c.set[i] {
					hourly, cost = rateLevels[i].hourly, &rateLevels[i].cost
				}
			}
			checks := []apitest.Check{
				apitest.Equal("hourlyRate.amount", hourly),
				apitest.Equal("totalBillable", (hourly*4+1)/3), // 4/3 of the rate, rounded half up
			}
			if cost == nil {
				return append(checks, apitest.Equal("costRate", nil))
			}
			return append(checks, apitest.Equal("costRate.amount", *cost))
		}
		name := func(c combo) string {
			s := "set:"
			for i, l := range rateLevels {
				if c.set[i] {
					s += " " + l.name
				}
			}
			return s
		}

		var cases []apitest.Case
		for _, c := range combos {
			cases = append(cases, apitest.Case{Name: name(c) + " before workspace rates", Method: "GET",
				Path: entryPath + c.entryID + "?hydrated=true", Status: http.StatusOK, Checks: expect(c, 0, nil)})
		}
		cases = append(cases,
			apitest.Case{Name: "workspace hourly rate from the past", Method: "PUT", Path: "/v1/workspaces/{ws}/hourly-rate",
				Body: map[string]any{"amount": 1000, "currency": "USD", "since": since}, Status: http.StatusOK},
			apitest.Case{Name: "workspace cost rate from the past", Method: "PUT", Path: "/v1/workspaces/{ws}/cost-rate",
				Body: map[string]any{"amount": 100, "since": since}, Status: http.StatusOK})
		workspaceCost := int64(100)
		for _, c := range combos {
			cases = append(cases, apitest.Case{Name: name(c) + " after workspace rates", Method: "GET",
				Path: entryPath + c.entryID + "?hydrated=true", Status: http.StatusOK, Checks: expect(c, 1000, &workspaceCost)})
		}
		apitest.Run(t, env, cases)
	})
}

// TestRateHistory follows one user's entries through rate changes with a
// since in the past, in the future and none, at several levels.
func TestRateHistory(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		user := env.NewUser(t, "historic", domain.RoleUser, "UTC")
		env.Vars["u"] = user.UserID
		v := env.MustDo(t, "POST", "/v1/workspaces/{ws}/projects", "", map[string]any{"name": "History", "billable": true}, http.StatusCreated)
		env.Vars["p"] = apitest.Str(t, v, "id")
		v = env.MustDo(t, "POST", "/v1/workspaces/{ws}/projects/{p}/tasks", "", map[string]any{"name": "Work"}, http.StatusCreated)
		env.Vars["t"] = apitest.Str(t, v, "id")
		env.MustDo(t, "POST", "/v1/workspaces/{ws}/projects/{p}/memberships", "", map[string]any{"userIds": []string{user.UserID}}, http.StatusOK)

		now := time.Now().UTC()
		stamp := func(t time.Time) string { return t.Format(time.RFC3339) }
		tomorrow, future := stamp(now.Add(24*time.Hour)), now.Add(48*time.Hour)
		entries := map[string]string{ // name: start; every entry lasts one hour
			"jan": "2024-01-10T09:00:00Z", "feb": "2024-02-10T09:00:00Z", "mar": "2024-03-10T09:00:00Z",
			"future": stamp(future),
		}
		for name, start := range entries {
			begin, _ := time.Parse(time.RFC3339, start)
			v := env.MustDo(t, "POST", "/v1/workspaces/{ws}/user/{u}/time-entries", "", map[string]any{
				"start": start, "end": stamp(begin.Add(time.Hour)), "billable": true,
				"projectId": env.Vars["p"], "taskId": env.Vars["t"]}, http.StatusCreated)
			env.Vars[name] = apitest.Str(t, v, "id")
		}

		// rates checks the hourly rate of each entry, and with it the
		// billable amount of its one hour.
		rates := func(step string, want map[string]int64) []apitest.Case {
			var cases []apitest.Case
			for _, name := range []string{"jan", "feb", "mar", "future"} {
				cases = append(cases, apitest.Case{Name: step + ": " + name, Method: "GET",
					Path: "/v1/workspaces/{ws}/time-entries/{" + name + "}?hydrated=true", Status: http.StatusOK,
					Checks: []apitest.Check{apitest.Equal("hourlyRate.amount", want[name]), apitest.Equal("totalBillable", want[name])}})
			}
			return cases
		}
		put := func(name, path string, body map[string]any) apitest.Case {
			return apitest.Case{Name: name, Method: "PUT", Path: path, Body: body, Status: http.StatusOK}
		}
		memberRate := "/v1/workspaces/{ws}/users/{u}/hourly-rate"

		var cases []apitest.Case
		cases = append(cases, rates("workspace default", map[string]int64{})...)
		cases = append(cases, put("member rate without since", memberRate, map[string]any{"amount": 2000}))
		cases = append(cases, rates("without since only later entries change", map[string]int64{"future": 2000})...)
		cases = append(cases, put("member rate since February", memberRate, map[string]any{"amount": 3000, "since": "2024-02-01T00:00:00Z"}))
		cases = append(cases, rates("past since covers entries until the next change",
			map[string]int64{"feb": 3000, "mar": 3000, "future": 2000})...)
		cases = append(cases, put("member rate since March", memberRate, map[string]any{"amount": 2500, "since": "2024-03-01T00:00:00Z"}))
		cases = append(cases, rates("a later change ends the earlier one",
			map[string]int64{"feb": 3000, "mar": 2500, "future": 2000})...)
		cases = append(cases, put("member rate from tomorrow", memberRate, map[string]any{"amount": 9000, "since": tomorrow}))
		cases = append(cases, rates("future since covers entries after it",
			map[string]int64{"feb": 3000, "mar": 2500, "future": 9000})...)
		cases = append(cases, put("member rate since January", memberRate, map[string]any{"amount": 2800, "since": "2024-01-01T00:00:00Z"}))
		cases = append(cases, rates("change inserted before the others",
			map[string]int64{"jan": 2800, "feb": 3000, "mar": 2500, "future": 9000})...)
		cases = append(cases, apitest.Case{Name: "moving an entry re-resolves it", Method: "PUT",
			Path: "/v1/workspaces/{ws}/time-entries/{jan}", Body: map[string]any{
				"start": "2024-02-15T09:00:00Z", "end": "2024-02-15T10:00:00Z", "billable": true,
				"projectId": "{p}", "taskId": "{t}"}, Status: http.StatusOK,
			Checks: []apitest.Check{apitest.Equal("hourlyRate.amount", 3000)}})
		cases = append(cases, put("project member rate since February 20", "/v1/workspaces/{ws}/projects/{p}/users/{u}/hourly-rate",
			map[string]any{"amount": 7000, "since": "2024-02-20T00:00:00Z"}))
		cases = append(cases, rates("project member rate beats member rate",
			map[string]int64{"jan": 3000, "feb": 3000, "mar": 7000, "future": 7000})...)
		cases = append(cases, put("task rate since January", "/v1/workspaces/{ws}/projects/{p}/tasks/{t}/hourly-rate",
			map[string]any{"amount": 6000, "since": "2024-01-01T00:00:00Z"}))
		cases = append(cases, rates("task rate beats member rate, not project member rate",
			map[string]int64{"jan": 6000, "feb": 6000, "mar": 7000, "future": 7000})...)
		cases = append(cases, apitest.Case{Name: "removing the user from the project", Method: "POST",
			Path: "/v1/workspaces/{ws}/projects/{p}/memberships", Body: map[string]any{"userIds": []string{user.UserID}, "remove": true},
			Status: http.StatusOK})
		cases = append(cases, rates("removal unsets the project member rate for later entries",
			map[string]int64{"jan": 6000, "feb": 6000, "mar": 7000, "future": 6000})...)
		cases = append(cases, apitest.Case{Name: "project rate from the past", Method: "PUT", Path: "/v1/workspaces/{ws}/projects/{p}",
			Body: map[string]any{"hourlyRate": map[string]any{"amount": 4000, "since": "2024-01-01T00:00:00Z"}}, Status: http.StatusOK,
			Checks: []apitest.Check{apitest.Equal("hourlyRate.amount", 4000)}})
		cases = append(cases, rates("project rate loses to task rate", map[string]int64{"jan": 6000, "feb": 6000, "mar": 7000, "future": 6000})...)
		memberships := "/v1/workspaces/{ws}/projects/{p}/memberships"
		cases = append(cases, apitest.Case{Name: "membership back with a rate since March 5", Method: "PATCH", Path: memberships,
			Body: map[string]any{"memberships": []any{map[string]any{"userId": user.UserID,
				"hourlyRate": map[string]any{"amount": 7500, "since": "2024-03-05T00:00:00Z"}}}},
			Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("memberships.0.hourlyRate.amount", 7500)}})
		cases = append(cases, rates("the earlier removal ends the March rate",
			map[string]int64{"jan": 6000, "feb": 6000, "mar": 7500, "future": 6000})...)
		cases = append(cases, apitest.Case{Name: "membership rate from now", Method: "PATCH", Path: memberships,
			Body:   map[string]any{"memberships": []any{map[string]any{"userId": user.UserID, "hourlyRate": map[string]any{"amount": 8000}}}},
			Status: http.StatusOK})
		cases = append(cases, rates("membership rate applies to later entries",
			map[string]int64{"jan": 6000, "feb": 6000, "mar": 7500, "future": 8000})...)
		cases = append(cases, apitest.Case{Name: "membership without a rate", Method: "PATCH", Path: memberships,
			Body:   map[string]any{"memberships": []any{map[string]any{"userId": user.UserID}}},
			Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("memberships.0.hourlyRate", nil)}})
		cases = append(cases, rates("a membership without a rate unsets it from now",
			map[string]int64{"jan": 6000, "feb": 6000, "mar": 7500, "future": 6000})...)
		cases = append(cases, put("workspace cost rate since January", "/v1/workspaces/{ws}/cost-rate",
			map[string]any{"amount": 900, "since": "2024-01-01T00:00:00Z"}))
		cases = append(cases, apitest.Case{Name: "non-billable entry earns nothing but costs", Method: "PUT",
			Path: "/v1/workspaces/{ws}/time-entries/{feb}", Body: map[string]any{
				"start": "2024-02-10T09:00:00Z", "end": "2024-02-10T10:00:00Z", "billable": false,
				"projectId": "{p}", "taskId": "{t}"}, Status: http.StatusOK,
			Checks: []apitest.Check{apitest.Equal("hourlyRate.amount", 6000), apitest.Equal("costRate.amount", 900)}})
		cases = append(cases, apitest.Case{Name: "non-billable total", Method: "GET", Path: "/v1/workspaces/{ws}/time-entries/{feb}?hydrated=true",
			Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("totalBillable", 0)}})
		apitest.Run(t, env, cases)
	})
}

// TestRateChangeDuringEntryWrites creates entries from several users while
// the workspace rate changes, retroactively, again and again. Every entry
// must end with the last rate: a change must not miss an entry written
// beside it, and an entry write must not miss a change.
func TestRateChangeDuringEntryWrites(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		const writers, entriesEach, changes = 4, 15, 12
		var wg sync.WaitGroup
		failures := make(chan string, writers*entriesEach+changes)
		for w := range writers {
			user := env.NewUser(t, fmt.Sprintf("writer%d", w), domain.RoleUser, "UTC")
			wg.Go(func() {
				for i := range entriesEach {
					start := time.Date(2024, 6, 1+i, 9, w, 0, 0, time.UTC)
					r := env.Do(t, "POST", "/v1/workspaces/{ws}/time-entries", user.Key, map[string]any{
						"start": start.Format(time.RFC3339), "end": start.Add(time.Hour).Format(time.RFC3339)}, nil)
					if r.Status != http.StatusCreated {
						failures <- fmt.Sprintf("entry create: status %d: %s", r.Status, r.Body)
					}
				}
			})
		}
		wg.Go(func() {
			for i := range changes {
				r := env.Do(t, "PUT", "/v1/workspaces/{ws}/hourly-rate", "", map[string]any{
					"amount": 1000 + i, "currency": "USD", "since": "2024-01-01T00:00:00Z"}, nil)
				if r.Status != http.StatusOK {
					failures <- fmt.Sprintf("rate change: status %d: %s", r.Status, r.Body)
				}
			}
		})
		wg.Wait()
		close(failures)
		for f := range failures {
			t.Error(f)
		}

		ctx := context.Background()
		err := env.Store.View(ctx, func(tx domain.Tx) error {
			return tx.ScanEntriesForRates(ctx, env.Owner.WorkspaceID, domain.EntryRateFilter{From: domain.RatesBeginning},
				func(e domain.TimeEntry) error {
					if e.HourlyRate == nil || e.HourlyRate.Amount != 1000+changes-1 {
						t.Errorf("entry %s has hourly rate %+v, want %d", e.ID, e.HourlyRate, 1000+changes-1)
					}
					return nil
				})
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// TestResolveEntryRatesManyIDs resolves a batch of entries that name more
// users and projects than a query can bind as parameters (SQLite takes
// 32,766), as a large import does.
func TestResolveEntryRatesManyIDs(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		env.MustDo(t, "PUT", "/v1/workspaces/{ws}/hourly-rate", "",
			map[string]any{"amount": 1234, "currency": "USD", "since": "2020-01-01T00:00:00Z"}, http.StatusOK)
		ctx := context.Background()
		const n = 17_000 // 34,000 ids in all
		list := make([]domain.TimeEntry, n)
		for i := range list {
			list[i] = domain.TimeEntry{UserID: fmt.Sprintf("%024x", i), ProjectID: fmt.Sprintf("%024x", n+i),
				Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
		}
		err := env.Store.Update(ctx, func(tx domain.Tx) error {
			ws, err := tx.Workspace(ctx, env.Owner.WorkspaceID)
			if err != nil {
				return err
			}
			return domain.ResolveEntryRates(ctx, tx, ws, list)
		})
		if err != nil {
			t.Fatalf("resolving %d entries: %v", n, err)
		}
		for _, e := range []domain.TimeEntry{list[0], list[n-1]} {
			if e.HourlyRate == nil || e.HourlyRate.Amount != 1234 {
				t.Errorf("entry of user %s: hourly rate %+v, want 1234", e.UserID, e.HourlyRate)
			}
		}
	})
}
