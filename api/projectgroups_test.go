package api_test

import (
	"net/http"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

// TestProjectGroupMembership checks that a user who is only in a group that
// is a member of a private project sees the project and tracks time on it,
// and loses access when the group leaves the project or the user leaves the
// group.
func TestProjectGroupMembership(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		member := env.NewUser(t, "grouped", domain.RoleUser, "")
		env.Vars["memberKey"], env.Vars["member"] = member.Key, member.UserID
		group := env.MustDo(t, "POST", groupsPath, "", map[string]any{"name": "Design"}, http.StatusCreated)
		env.Vars["g"] = apitest.Str(t, group, "id")
		other := env.MustDo(t, "POST", groupsPath, "", map[string]any{"name": "Sales"}, http.StatusCreated)
		env.Vars["other"] = apitest.Str(t, other, "id")
		env.MustDo(t, "POST", groupsPath+"/{g}/users", "", map[string]any{"userId": "{member}"}, http.StatusOK)
		project := env.MustDo(t, "POST", projectsPath, "", map[string]any{"name": "Secret", "isPublic": false}, http.StatusCreated)
		env.Vars["p"] = apitest.Str(t, project, "id")
		env.MustDo(t, "POST", projectsPath, "", map[string]any{"name": "Elsewhere", "isPublic": false}, http.StatusCreated)
		env.MustDo(t, "POST", "/v1/workspaces/{ws}/time-entries", "", map[string]any{"start": "2024-03-01T08:00:00Z",
			"end": "2024-03-01T09:00:00Z", "projectId": "{p}"}, http.StatusCreated)

		p := projectsPath + "/{p}"
		entry := map[string]any{"start": "2024-03-04T08:00:00Z", "end": "2024-03-04T09:00:00Z", "projectId": "{p}"}
		ownerEntries := "/v1/workspaces/{ws}/user/" + env.Owner.UserID + "/time-entries"
		addGroup := map[string]any{"userGroups": map[string]any{"contains": "CONTAINS", "ids": []string{"{g}"}, "status": "ALL"}}
		apitest.Run(t, env, []apitest.Case{
			{Name: "outsider cannot read", Method: "GET", Path: p, Key: "{memberKey}", Status: http.StatusForbidden},
			{Name: "outsider cannot track", Method: "POST", Path: "/v1/workspaces/{ws}/time-entries", Key: "{memberKey}",
				Body: entry, Status: http.StatusForbidden},
			{Name: "no group on project yet", Method: "GET", Path: groupsPath + "?project-id={p}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 0)}},

			{Name: "add group", Method: "POST", Path: p + "/memberships", Body: addGroup, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("memberships", 2),
					apitest.Equal("memberships.1.userId", "{g}"), apitest.Equal("memberships.1.targetId", "{p}"),
					apitest.Equal("memberships.1.membershipType", "USERGROUP"),
					apitest.Equal("memberships.1.membershipStatus", "ACTIVE")}},
			{Name: "add group again keeps one", Method: "POST", Path: p + "/memberships", Body: addGroup, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("memberships", 2)}},
			{Name: "groups of project", Method: "GET", Path: groupsPath + "?project-id={p}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.id", "{g}")}},
			{Name: "project lists group", Method: "GET", Path: p, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("memberships.1.userId", "{g}")}},
			{Name: "projects filtered by group", Method: "GET", Path: projectsPath + "?userGroups={g}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.id", "{p}")}},
			{Name: "projects without group", Method: "GET", Path: projectsPath + "?userGroups={g}&contains-group=false", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.name", "Elsewhere")}},

			{Name: "users of project include group", Method: "GET", Path: "/v1/workspaces/{ws}/users?project-id={p}&sort-column=NAME",
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 2), apitest.Equal("0.id", "{member}")}},
			{Name: "group member reads", Method: "GET", Path: p, Key: "{memberKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("name", "Secret")}},
			{Name: "group member lists it", Method: "GET", Path: projectsPath, Key: "{memberKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.id", "{p}")}},
			{Name: "group member tracks", Method: "POST", Path: "/v1/workspaces/{ws}/time-entries", Key: "{memberKey}",
				Body: entry, Status: http.StatusCreated, Checks: []apitest.Check{apitest.Equal("projectId", "{p}")}},
			{Name: "group member sees entries on it", Method: "GET", Path: ownerEntries, Key: "{memberKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1)}},

			{Name: "patch removes group", Method: "PATCH", Path: p + "/memberships",
				Body: map[string]any{"memberships": []any{map[string]any{"userId": env.Owner.UserID}},
					"userGroups": map[string]any{"contains": "DOES_NOT_CONTAIN", "ids": []string{"{g}"}}},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("memberships", 1)}},
			{Name: "left project cannot read", Method: "GET", Path: p, Key: "{memberKey}", Status: http.StatusForbidden},
			{Name: "users of project without group", Method: "GET", Path: "/v1/workspaces/{ws}/users?project-id={p}",
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.id", env.Owner.UserID)}},
			{Name: "left project cannot track", Method: "POST", Path: "/v1/workspaces/{ws}/time-entries", Key: "{memberKey}",
				Body: entry, Status: http.StatusForbidden},
			{Name: "left project lists nothing", Method: "GET", Path: projectsPath, Key: "{memberKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "left project sees no entries", Method: "GET", Path: ownerEntries, Key: "{memberKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 0)}},

			{Name: "patch sets groups", Method: "PATCH", Path: p + "/memberships",
				Body: map[string]any{"memberships": []any{map[string]any{"userId": env.Owner.UserID}},
					"userGroups": map[string]any{"contains": "CONTAINS", "ids": []string{"{other}", "{g}"}}},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("memberships", 3),
					apitest.Equal("memberships.1.userId", "{other}"), apitest.Equal("memberships.2.userId", "{g}")}},
			{Name: "patch without userGroups keeps groups", Method: "PATCH", Path: p + "/memberships",
				Body:   map[string]any{"memberships": []any{map[string]any{"userId": env.Owner.UserID}}},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("memberships", 3)}},
			{Name: "post remove takes group out", Method: "POST", Path: p + "/memberships",
				Body:   map[string]any{"userGroups": map[string]any{"ids": []string{"{other}"}}, "remove": true},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("memberships", 2), apitest.Equal("memberships.1.userId", "{g}")}},
			{Name: "back in group reads", Method: "GET", Path: p, Key: "{memberKey}", Status: http.StatusOK},

			{Name: "user leaves group", Method: "DELETE", Path: groupsPath + "/{g}/users/{member}", Status: http.StatusOK},
			{Name: "left group cannot read", Method: "GET", Path: p, Key: "{memberKey}", Status: http.StatusForbidden},
			{Name: "left group cannot track", Method: "POST", Path: "/v1/workspaces/{ws}/time-entries", Key: "{memberKey}",
				Body: entry, Status: http.StatusForbidden},

			{Name: "unknown group rejected", Method: "POST", Path: p + "/memberships",
				Body: map[string]any{"userGroups": map[string]any{"ids": []string{noSuchID}}}, Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.Contains("message", noSuchID)}},
			{Name: "bad contains rejected", Method: "POST", Path: p + "/memberships",
				Body: map[string]any{"userGroups": map[string]any{"contains": "MAYBE", "ids": []string{"{g}"}}}, Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.Contains("message", "userGroups.contains")}},
			{Name: "bad status rejected", Method: "POST", Path: p + "/memberships",
				Body: map[string]any{"userGroups": map[string]any{"ids": []string{"{g}"}, "status": "PENDING"}}, Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.Contains("message", "userGroups.status")}},

			{Name: "delete group", Method: "DELETE", Path: groupsPath + "/{g}", Status: http.StatusOK},
			{Name: "deleted group leaves project", Method: "GET", Path: p, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("memberships", 1), apitest.Equal("memberships.0.membershipType", "PROJECT")}},
			{Name: "no groups after delete", Method: "GET", Path: groupsPath + "?project-id={p}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 0)}},

			{Name: "create with group membership", Method: "POST", Path: projectsPath,
				Body: map[string]any{"name": "Grouped", "memberships": []any{
					map[string]any{"userId": "{other}", "membershipType": "USERGROUP"}}},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Len("memberships", 2),
					apitest.Equal("memberships.1.userId", "{other}"), apitest.Equal("memberships.1.membershipType", "USERGROUP")}},
		})
	})
}
