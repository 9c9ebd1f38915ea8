package api_test

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

// TestTimerConcurrentStarts sends 100 timer starts for one user at once.
// Each start stops the running entry, so every request must succeed and
// exactly one entry must be left running, with no deadlock and no 500.
func TestTimerConcurrentStarts(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		const starts = 100
		user := env.NewUser(t, "racer", domain.RoleUser, "UTC")

		statuses := make([]int, starts)
		bodies := make([]string, starts)
		var wg sync.WaitGroup
		for i := range starts {
			wg.Go(func() {
				// Equal starts are allowed: each stop yields a PT0S entry.
				r := env.Do(t, "POST", entriesPath, user.Key, map[string]any{"start": "2024-07-01T09:00:00Z"}, nil)
				statuses[i], bodies[i] = r.Status, string(r.Body)
			})
		}
		wg.Wait()

		for i, status := range statuses {
			if status != http.StatusCreated {
				t.Errorf("start %d: status %d, want 201; body: %s", i, status, bodies[i])
			}
		}
		ctx := context.Background()
		var running, finished []domain.TimeEntry
		err := env.Store.View(ctx, func(tx domain.Tx) error {
			all := domain.Page{Number: 1, Size: 1000}
			var err error
			if running, err = tx.TimeEntries(ctx, user.WorkspaceID, user.UserID, domain.TimeEntryFilter{InProgress: new(true), Page: all}); err != nil {
				return err
			}
			finished, err = tx.TimeEntries(ctx, user.WorkspaceID, user.UserID, domain.TimeEntryFilter{InProgress: new(false), Page: all})
			return err
		})
		if err != nil {
			t.Fatalf("reading the entries: %v", err)
		}
		if len(running) != 1 {
			t.Errorf("%d entries running, want 1", len(running))
		}
		if len(finished) != starts-1 {
			t.Errorf("%d entries finished, want %d", len(finished), starts-1)
		}
		for _, e := range finished {
			if d := e.Duration(); d != 0 {
				t.Errorf("entry %s lasts %s, want 0s", e.ID, d)
			}
		}

		list := env.MustDo(t, "GET", "/v1/workspaces/{ws}/user/"+user.UserID+"/time-entries?in-progress=1", user.Key, nil, http.StatusOK)
		if n := len(list.([]any)); n != 1 {
			t.Errorf("in-progress list has %d entries, want 1", n)
		}
	})
}
