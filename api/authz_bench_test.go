package api_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

// BenchmarkScopedEntryList measures GET /user/{userId}/time-entries, a page
// of 50 of the owner's 5,000 entries over 20 projects (half of them
// private), read by the owner (no restriction), by the owner's team manager
// (manager roles read on entry, no restriction) and by a regular member,
// whose list keeps only entries without a project or on projects it may
// see.
func BenchmarkScopedEntryList(b *testing.B) {
	forEachEngine(b, func(b *testing.B, env *apitest.Env) {
		a := actor(b, env, env.Owner)
		projects := createProjects(b, env, a, benchEntryProjects)
		ctx := context.Background()
		for i, p := range projects {
			if i%2 == 0 {
				private := false
				if _, err := env.Svc.UpdateProject(ctx, a, p.ID, domain.ProjectUpdate{Public: &private}); err != nil {
					b.Fatalf("making project %s private: %v", p.ID, err)
				}
			}
		}
		entries := make([]domain.TimeEntry, benchUserEntries)
		for i := range entries {
			p := projects[i%len(projects)]
			entries[i] = domain.TimeEntry{WorkspaceID: a.Workspace.ID, UserID: a.User.ID, ProjectID: p.ID, TaskID: p.TaskID, Billable: true}
		}
		insertEntries(b, env, entries)

		member := env.NewUser(b, "member", domain.RoleUser, "")
		manager := env.NewUser(b, "manager", domain.RoleUser, "")
		if _, err := env.Svc.AddRole(ctx, a, manager.UserID, domain.RoleChange{Role: domain.RoleNameTeamManager, EntityID: env.Owner.UserID}); err != nil {
			b.Fatalf("granting the team manager role: %v", err)
		}

		c := newBenchClient(b, env)
		path := "/api/v1/workspaces/" + env.Owner.WorkspaceID + "/user/" + env.Owner.UserID + "/time-entries?page-size=50"
		for _, viewer := range []struct {
			name string
			key  string
		}{{"owner", env.Owner.Key}, {"team-manager", manager.Key}, {"member", member.Key}} {
			b.Run(viewer.name, func(b *testing.B) {
				b.ReportAllocs()
				b.ResetTimer()
				for range b.N {
					c.mustSend(b, http.MethodGet, path, viewer.key, nil, http.StatusOK)
				}
			})
		}
		b.Run("member-page-"+strconv.Itoa(benchUserEntries/100), func(b *testing.B) {
			last := path + "&page=" + strconv.Itoa(benchUserEntries/100)
			for range b.N {
				c.mustSend(b, http.MethodGet, last, member.Key, nil, http.StatusOK)
			}
		})
	})
}
