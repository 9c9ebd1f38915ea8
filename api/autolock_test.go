package api_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

// testClock is a clock that a test sets by hand.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Set(s string) {
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = at
}

// clockCase is a scenario step that sets the clock. Its request only reads
// the workspace.
func clockCase(clock *testClock, at string) apitest.Case {
	return apitest.Case{Name: "clock at " + at, Method: "GET", Path: "/v1/workspaces/{ws}", Status: http.StatusOK,
		Checks: []apitest.Check{func(testing.TB, *apitest.Response) { clock.Set(at) }}}
}

// TestAutomaticLockMovesWithClock checks that an automatic lock moves the
// lock date as the transaction clock passes its change days, in the lock
// time zone, and that turning it off keeps the last lock date.
func TestAutomaticLockMovesWithClock(t *testing.T) {
	for _, engine := range []string{apitest.SQLite, apitest.Postgres} {
		t.Run(engine, func(t *testing.T) {
			clock := &testClock{}
			clock.Set("2024-03-05T12:00:00Z") // a Tuesday
			env := apitest.NewWithClock(t, engine, clock.Now)
			member := env.NewUser(t, "member", domain.RoleUser, "UTC")
			env.Vars["memberKey"] = member.Key
			env.Vars["memberId"] = member.UserID
			entry := func(start string) map[string]any {
				at, _ := time.Parse(time.RFC3339, start)
				return map[string]any{"start": start, "end": at.Add(time.Hour).Format(time.RFC3339)}
			}
			prev := env.MustDo(t, "POST", entriesPath, member.Key, entry("2024-02-27T09:00:00Z"), http.StatusCreated)
			env.Vars["prev"] = apitest.Str(t, prev, "id")
			weekly := map[string]any{"type": "weekly", "changeDay": "WEDNESDAY", "firstDay": "MONDAY"}
			lockIs := func(want any) apitest.Check { return apitest.Equal("workspaceSettings.lockTimeEntries", want) }
			locked := []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "locked")}
			ownPage := func(locked bool) apitest.Case {
				return apitest.Case{Name: fmt.Sprintf("own page locked %v", locked), Method: "GET",
					Path: "/v1/workspaces/{ws}/user/{memberId}/time-entries", Key: "{memberKey}", Status: http.StatusOK,
					Checks: []apitest.Check{apitest.Len("", 2), apitest.Equal("0.id", env.Vars["prev"]),
						apitest.Equal("0.isLocked", locked), apitest.Equal("1.isLocked", locked)}}
			}

			apitest.Run(t, env, []apitest.Case{
				{Name: "set weekly lock", Method: "PATCH", Path: settingsPath, Body: map[string]any{"automaticLock": weekly},
					Status: http.StatusOK, Checks: []apitest.Check{lockIs("2024-02-26T00:00:00Z"),
						apitest.Equal("workspaceSettings.automaticLock.type", "WEEKLY"),
						apitest.Equal("workspaceSettings.automaticLock.changeDay", "WEDNESDAY"),
						apitest.Equal("workspaceSettings.automaticLock.firstDay", "MONDAY")}},
				{Name: "member adds after lock", Method: "POST", Path: entriesPath, Key: "{memberKey}",
					Body: entry("2024-02-26T00:00:00Z"), Status: http.StatusCreated},
				{Name: "member adds before lock", Method: "POST", Path: entriesPath, Key: "{memberKey}",
					Body: entry("2024-02-25T23:00:00Z"), Status: http.StatusBadRequest, Checks: locked},
				{Name: "entry not locked yet", Method: "GET", Path: entriesPath + "/{prev}", Key: "{memberKey}", Status: http.StatusOK,
					Checks: []apitest.Check{apitest.Equal("isLocked", false)}},
				// The member's own page is kept in memory from here on, and the
				// lock moves with the clock while nothing in the database
				// changes.
				ownPage(false), ownPage(false), ownPage(false),

				clockCase(clock, "2024-03-06T00:00:00Z"),
				{Name: "lock moved on change day", Method: "GET", Path: "/v1/workspaces/{ws}", Status: http.StatusOK,
					Checks: []apitest.Check{lockIs("2024-03-04T00:00:00Z")}},
				{Name: "entry locked now", Method: "GET", Path: entriesPath + "/{prev}", Key: "{memberKey}", Status: http.StatusOK,
					Checks: []apitest.Check{apitest.Equal("isLocked", true)}},
				ownPage(true),
				{Name: "member cannot edit it", Method: "PUT", Path: entriesPath + "/{prev}", Key: "{memberKey}",
					Body: entry("2024-02-27T10:00:00Z"), Status: http.StatusBadRequest, Checks: locked},
				{Name: "manual date rejected", Method: "PATCH", Path: settingsPath, Body: map[string]any{"lockTimeEntries": "2024-01-01T00:00:00Z"},
					Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Contains("message", "automaticLock")}},
				{Name: "manual clear rejected", Method: "PATCH", Path: settingsPath, Body: `{"lockTimeEntries":null}`,
					Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Contains("message", "automaticLock")}},

				// At 00:00 UTC on Wednesday it is still Tuesday in New York,
				// so the week before last is the locked one again.
				{Name: "zone moves lock back", Method: "PATCH", Path: settingsPath, Body: map[string]any{"lockTimeZone": "America/New_York"},
					Status: http.StatusOK, Checks: []apitest.Check{lockIs("2024-02-26T05:00:00Z")}},
				{Name: "member edits again", Method: "PUT", Path: entriesPath + "/{prev}", Key: "{memberKey}",
					Body: entry("2024-02-27T10:00:00Z"), Status: http.StatusOK},

				{Name: "turn lock off", Method: "PATCH", Path: settingsPath, Body: `{"automaticLock":null}`,
					Status: http.StatusOK, Checks: []apitest.Check{lockIs("2024-02-26T05:00:00Z"),
						apitest.Equal("workspaceSettings.automaticLock", nil)}},
				clockCase(clock, "2024-03-20T12:00:00Z"),
				{Name: "manual lock stays", Method: "GET", Path: "/v1/workspaces/{ws}", Status: http.StatusOK,
					Checks: []apitest.Check{lockIs("2024-02-26T05:00:00Z")}},

				{Name: "older than in zone", Method: "PATCH", Path: settingsPath,
					Body:   map[string]any{"automaticLock": map[string]any{"type": "OLDER_THAN", "olderThanPeriod": "DAYS", "olderThanValue": 2}},
					Status: http.StatusOK, Checks: []apitest.Check{lockIs("2024-03-18T04:00:00Z")}},
				{Name: "monthly", Method: "PATCH", Path: settingsPath,
					Body:   map[string]any{"automaticLock": map[string]any{"type": "MONTHLY", "dayOfMonth": 21}},
					Status: http.StatusOK, Checks: []apitest.Check{lockIs("2024-02-01T05:00:00Z"),
						apitest.Equal("workspaceSettings.automaticLock.dayOfMonth", float64(21))}},

				{Name: "unknown type", Method: "PATCH", Path: settingsPath, Body: map[string]any{"automaticLock": map[string]any{"type": "DAILY"}},
					Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Contains("message", "automaticLock.type")}},
				{Name: "weekly without days", Method: "PATCH", Path: settingsPath, Body: map[string]any{"automaticLock": map[string]any{"type": "WEEKLY"}},
					Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Contains("message", "automaticLock.changeDay")}},
				{Name: "lock of wrong type", Method: "PATCH", Path: settingsPath, Body: map[string]any{"automaticLock": "WEEKLY"},
					Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3002),
						apitest.Equal("message", "automaticLock: expected an object, got a string")}},
				{Name: "failed change keeps lock", Method: "GET", Path: "/v1/workspaces/{ws}", Status: http.StatusOK,
					Checks: []apitest.Check{apitest.Equal("workspaceSettings.automaticLock.type", "MONTHLY")}},
			})
		})
	}
}

// TestManualLockIgnoresLockZone checks that a manual lock date is an
// instant: lockTimeZone does not move it, so entries lock by the instant
// whatever the zone.
func TestManualLockIgnoresLockZone(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		member := env.NewUser(t, "member", domain.RoleUser, "America/New_York")
		env.Vars["memberKey"] = member.Key
		apitest.Run(t, env, []apitest.Case{
			{Name: "set lock and zone", Method: "PATCH", Path: settingsPath,
				Body:   map[string]any{"lockTimeEntries": "2024-03-01T00:00:00Z", "lockTimeZone": "America/New_York"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("workspaceSettings.lockTimeEntries", "2024-03-01T00:00:00Z")}},
			{Name: "before instant locked", Method: "POST", Path: entriesPath, Key: "{memberKey}",
				Body:   map[string]any{"start": "2024-02-29T23:30:00Z", "end": "2024-02-29T23:45:00Z"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Contains("message", "locked")}},
			// 00:30 UTC on 1 March is 19:30 on 29 February in New York.
			{Name: "after instant open", Method: "POST", Path: entriesPath, Key: "{memberKey}",
				Body:   map[string]any{"start": "2024-03-01T00:30:00Z", "end": "2024-03-01T00:45:00Z"},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Equal("isLocked", false)}},
		})
	})
}
