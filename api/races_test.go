package api_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

// parallel runs n requests at once and returns their responses.
func parallel(t *testing.T, n int, do func(i int) *apitest.Response) []*apitest.Response {
	t.Helper()
	out := make([]*apitest.Response, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { out[i] = do(i) })
	}
	wg.Wait()
	return out
}

// TestConcurrentInvitesOfOneEmail checks that racing invitations of a new
// email make one member and reject the rest with a 400, not a 500.
func TestConcurrentInvitesOfOneEmail(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		for round := range 3 {
			email := fmt.Sprintf(`{"email":"racer%d@example.com"}`, round)
			responses := parallel(t, 10, func(int) *apitest.Response {
				return env.Do(t, "POST", "/v1/workspaces/{ws}/users", "", email, nil)
			})
			statuses := map[int]int{}
			for _, r := range responses {
				statuses[r.Status]++
			}
			if statuses[200] != 1 || statuses[400] != 9 {
				t.Fatalf("round %d: statuses %v, want one 200 and nine 400", round, statuses)
			}
		}
	})
}

// TestTagDeleteRacingEntries deletes a tag while entries carrying it are
// created, and checks that no entry keeps the deleted tag.
func TestTagDeleteRacingEntries(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		for round := range 5 {
			tag := env.MustDo(t, "POST", "/v1/workspaces/{ws}/tags", "", map[string]string{"name": fmt.Sprintf("doomed %d", round)}, 201)
			tagID := apitest.Str(t, tag, "id")
			body := fmt.Sprintf(`{"start":"2024-01-01T09:00:00Z","end":"2024-01-01T10:00:00Z","tagIds":[%q]}`, tagID)

			responses := parallel(t, 9, func(i int) *apitest.Response {
				if i == 4 {
					return env.Do(t, "DELETE", "/v1/workspaces/{ws}/tags/"+tagID, "", nil, nil)
				}
				return env.Do(t, "POST", "/v1/workspaces/{ws}/time-entries", "", body, nil)
			})

			for i, r := range responses {
				if i == 4 {
					if r.Status != 200 {
						t.Fatalf("round %d: tag delete status %d: %s", round, r.Status, r.Body)
					}
					continue
				}
				switch r.Status {
				case 400:
					continue
				case 201:
				default:
					t.Fatalf("round %d: entry create status %d: %s", round, r.Status, r.Body)
				}
				id := apitest.Str(t, r.JSON(t), "id")
				entry := env.MustDo(t, "GET", "/v1/workspaces/{ws}/time-entries/"+id, "", nil, 200)
				tags, _ := apitest.Lookup(entry, "tagIds")
				list, _ := tags.([]any)
				if slices.Contains(list, any(tagID)) {
					t.Errorf("round %d: entry %s keeps deleted tag %s", round, id, tagID)
				}
			}
		}
	})
}

// TestOwnPagesShowOwnWrites has several members create entries and list
// their own newest page at once, each checking that the page shows the
// entry it has just created: a cached page or body must never outlive the
// write that changed it.
func TestOwnPagesShowOwnWrites(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		const members, rounds = 4, 8
		type member struct{ key, path string }
		list := make([]member, members)
		for i := range list {
			u := env.NewUser(t, fmt.Sprintf("writer%d", i), domain.RoleUser, "UTC")
			list[i] = member{key: u.Key, path: "/v1/workspaces/{ws}/user/" + u.UserID + "/time-entries?page-size=3"}
		}
		start := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)

		var wg sync.WaitGroup
		for i, m := range list {
			wg.Go(func() {
				do := func(method, path string, body any, want int) *apitest.Response {
					r := env.Do(t, method, path, m.key, body, nil)
					if r.Status != want {
						t.Errorf("member %d: %s %s: status %d, want %d: %s", i, method, path, r.Status, want, r.Body)
					}
					return r
				}
				for round := range rounds {
					do("GET", m.path, nil, 200)
					at := start.Add(time.Duration(round) * time.Hour)
					description := fmt.Sprintf("member %d round %d", i, round)
					body := map[string]any{"start": at.Format(time.RFC3339), "end": at.Add(30 * time.Minute).Format(time.RFC3339),
						"description": description}
					do("POST", "/v1/workspaces/{ws}/time-entries", body, 201)

					page := do("GET", m.path, nil, 200)
					if got, _ := apitest.Lookup(page.JSON(t), "0.description"); got != description {
						t.Errorf("member %d, round %d: newest entry on the page is %v, want %q", i, round, got, description)
					}
				}
			})
		}
		wg.Wait()
	})
}
