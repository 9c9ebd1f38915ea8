package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

const groupsPath = "/v1/workspaces/{ws}/user-groups"

func TestUserGroupLifecycle(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		member := env.NewUser(t, "member", domain.RoleUser, "")
		manager := env.NewUser(t, "manager", domain.RoleUser, "")
		env.Vars["member"], env.Vars["manager"] = member.UserID, manager.UserID
		env.Vars["memberKey"] = member.Key
		apitest.Run(t, env, []apitest.Case{
			{Name: "create", Method: "POST", Path: groupsPath, Body: map[string]any{"name": " Design "}, Status: http.StatusCreated,
				Checks: []apitest.Check{apitest.Store(env, "design", "id"), apitest.Equal("name", "Design"),
					apitest.Equal("workspaceId", "{ws}"), apitest.Equal("userIds", []any{}), apitest.Missing("teamManagers")}},
			{Name: "create second", Method: "POST", Path: groupsPath, Body: map[string]any{"name": "Backend"}, Status: http.StatusCreated,
				Checks: []apitest.Check{apitest.Store(env, "backend", "id")}},
			{Name: "create without name", Method: "POST", Path: groupsPath, Body: map[string]any{}, Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "name")}},
			{Name: "create blank name", Method: "POST", Path: groupsPath, Body: map[string]any{"name": "  "}, Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "create long name", Method: "POST", Path: groupsPath, Body: map[string]any{"name": strings.Repeat("g", 101)},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "create taken name", Method: "POST", Path: groupsPath, Body: map[string]any{"name": "design"}, Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "already exists")}},
			{Name: "member cannot create", Method: "POST", Path: groupsPath, Key: "{memberKey}", Body: map[string]any{"name": "Mine"},
				Status: http.StatusForbidden, Checks: accessDenied},

			{Name: "add user", Method: "POST", Path: groupsPath + "/{design}/users", Body: map[string]any{"userId": "{member}"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("userIds", []any{member.UserID})}},
			{Name: "add user again", Method: "POST", Path: groupsPath + "/{design}/users", Body: map[string]any{"userId": "{member}"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("userIds", 1)}},
			{Name: "add second user", Method: "POST", Path: groupsPath + "/{design}/users", Body: map[string]any{"userId": "{manager}"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("userIds", []any{member.UserID, manager.UserID})}},
			{Name: "add unknown user", Method: "POST", Path: groupsPath + "/{design}/users", Body: map[string]any{"userId": noSuchID},
				Status: http.StatusBadRequest, Checks: errorIs(501, "User doesn't belong to Workspace")},
			{Name: "add without user", Method: "POST", Path: groupsPath + "/{design}/users", Body: map[string]any{},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "add to unknown group", Method: "POST", Path: groupsPath + "/" + noSuchID + "/users", Body: map[string]any{"userId": "{member}"},
				Status: http.StatusBadRequest, Checks: errorIs(501, "User group doesn't belong to Workspace")},

			{Name: "list sorted by name", Method: "GET", Path: groupsPath, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 2), apitest.Equal("0.name", "Backend"), apitest.Equal("1.name", "Design"),
				apitest.Equal("1.userIds", []any{member.UserID, manager.UserID}), apitest.Missing("0.teamManagers")}},
			{Name: "list descending", Method: "GET", Path: groupsPath + "?sort-order=DESCENDING", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("0.name", "Design")}},
			{Name: "list by name", Method: "GET", Path: groupsPath + "?name=SIG", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.id", "{design}")}},
			{Name: "list second page", Method: "GET", Path: groupsPath + "?page=2&page-size=1", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.name", "Design"), apitest.HeaderIs("Last-Page", "true")}},
			{Name: "list by project", Method: "GET", Path: groupsPath + "?project-id=" + noSuchID, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "list bad sort", Method: "GET", Path: groupsPath + "?sort-column=SIZE", Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(3000)}},
			{Name: "member lists", Method: "GET", Path: groupsPath, Key: "{memberKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 2)}},

			{Name: "grant team manager of group", Method: "POST", Path: "/v1/workspaces/{ws}/users/{manager}/roles",
				Body: map[string]any{"role": "TEAM_MANAGER", "entityId": "{design}", "sourceType": "USER_GROUP"}, Status: http.StatusCreated},
			{Name: "list with team managers", Method: "GET", Path: groupsPath + "?includeTeamManagers=true", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("0.teamManagers", []any{}),
					apitest.Equal("1.teamManagers", []any{map[string]any{"id": manager.UserID, "name": "manager"}})}},
			{Name: "members of group", Method: "POST", Path: "/v1/workspaces/{ws}/users/info",
				Body: map[string]any{"userGroups": []string{"{design}"}, "memberships": "USERGROUP"}, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 2), apitest.Equal("0.memberships.0.membershipType", "USERGROUP"),
					apitest.Equal("0.memberships.0.targetId", "{design}")}},
			{Name: "members of empty group", Method: "POST", Path: "/v1/workspaces/{ws}/users/info",
				Body: map[string]any{"userGroups": []string{"{backend}"}}, Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 0)}},

			{Name: "remove user", Method: "DELETE", Path: groupsPath + "/{design}/users/{member}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("userIds", []any{manager.UserID})}},
			{Name: "remove user again", Method: "DELETE", Path: groupsPath + "/{design}/users/{member}", Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "not a member")}},
			{Name: "member cannot remove", Method: "DELETE", Path: groupsPath + "/{design}/users/{manager}", Key: "{memberKey}",
				Status: http.StatusForbidden, Checks: accessDenied},

			{Name: "rename", Method: "PUT", Path: groupsPath + "/{design}", Body: map[string]any{"name": "Designers"}, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("name", "Designers"), apitest.Equal("userIds", []any{manager.UserID})}},
			{Name: "rename to taken name", Method: "PUT", Path: groupsPath + "/{design}", Body: map[string]any{"name": "BACKEND"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Contains("message", "already exists")}},
			{Name: "group read not routed", Method: "GET", Path: groupsPath + "/{design}", Status: http.StatusMethodNotAllowed},

			{Name: "delete", Method: "DELETE", Path: groupsPath + "/{design}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("id", "{design}"), apitest.Equal("name", "Designers")}},
			{Name: "delete again", Method: "DELETE", Path: groupsPath + "/{design}", Status: http.StatusBadRequest,
				Checks: errorIs(501, "User group doesn't belong to Workspace")},
			{Name: "deleted group takes its role", Method: "GET", Path: "/v1/workspaces/{ws}/users/{member}/managers", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "deleted group is gone", Method: "GET", Path: groupsPath, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1)}},
		})
	})
}

func TestTeamManagerRole(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		worker := env.NewUser(t, "worker", domain.RoleUser, "UTC")
		bystander := env.NewUser(t, "bystander", domain.RoleUser, "UTC")
		manager := env.NewUser(t, "manager", domain.RoleUser, "UTC")
		env.Vars["worker"], env.Vars["bystander"], env.Vars["manager"] = worker.UserID, bystander.UserID, manager.UserID
		env.Vars["managerKey"], env.Vars["workerKey"] = manager.Key, worker.Key
		changeSettings(t, env, func(s *domain.WorkspaceSettings) { s.OnlyAdminsSeeAllTimeEntries = true })
		roles := "/v1/workspaces/{ws}/users/{manager}/roles"
		workerEntries := "/v1/workspaces/{ws}/user/{worker}/time-entries"
		bystanderEntries := "/v1/workspaces/{ws}/user/{bystander}/time-entries"
		entry := map[string]any{"start": "2024-03-01T09:00:00Z", "end": "2024-03-01T10:00:00Z", "description": "work"}
		env.Vars["workerEntry"] = apitest.Str(t, env.MustDo(t, "POST", workerEntries, "", entry, http.StatusCreated), "id")
		env.MustDo(t, "POST", bystanderEntries, "", entry, http.StatusCreated)
		apitest.Run(t, env, []apitest.Case{
			{Name: "not yet a manager", Method: "GET", Path: workerEntries, Key: "{managerKey}", Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "grant on user", Method: "POST", Path: roles, Body: map[string]any{"role": "TEAM_MANAGER", "entityId": "{worker}"},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Len("", 1),
					apitest.Equal("0.role", map[string]any{"id": worker.UserID, "name": "TEAM_MANAGER", "source": nil}),
					apitest.Equal("0.userId", "{manager}"), apitest.Equal("0.workspaceId", "{ws}")}},
			{Name: "grant again keeps one", Method: "POST", Path: roles, Body: map[string]any{"role": "TEAM_MANAGER", "entityId": "{worker}"},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Len("", 1)}},
			{Name: "managers of worker", Method: "GET", Path: "/v1/workspaces/{ws}/users/{worker}/managers", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.id", "{manager}")}},
			{Name: "managers of bystander", Method: "GET", Path: "/v1/workspaces/{ws}/users/{bystander}/managers", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "manager lists worker entries", Method: "GET", Path: workerEntries, Key: "{managerKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1)}},
			{Name: "manager edits worker entry", Method: "PUT", Path: entriesPath + "/{workerEntry}", Key: "{managerKey}",
				Body:   map[string]any{"start": "2024-03-01T09:00:00Z", "end": "2024-03-01T11:00:00Z", "description": "fixed"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("userId", "{worker}"), apitest.Equal("description", "fixed")}},
			{Name: "manager adds worker entry", Method: "POST", Path: workerEntries, Key: "{managerKey}", Body: entry, Status: http.StatusCreated},
			{Name: "owner starts worker timer", Method: "POST", Path: workerEntries, Body: map[string]any{"start": "2024-03-04T09:00:00Z"},
				Status: http.StatusCreated},
			{Name: "owner starts bystander timer", Method: "POST", Path: bystanderEntries, Body: map[string]any{"start": "2024-03-04T09:00:00Z"},
				Status: http.StatusCreated},
			{Name: "manager sees worker timer only", Method: "GET", Path: entriesPath + "/status/in-progress", Key: "{managerKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.userId", "{worker}")}},
			{Name: "manager stops worker timer", Method: "PATCH", Path: workerEntries, Key: "{managerKey}",
				Body: map[string]any{"end": "2024-03-04T10:00:00Z"}, Status: http.StatusOK},
			{Name: "lock binds the manager", Method: "PATCH", Path: settingsPath, Body: map[string]any{"lockTimeEntries": "2024-03-02T00:00:00Z"},
				Status: http.StatusOK},
			{Name: "manager cannot edit locked entry", Method: "PUT", Path: entriesPath + "/{workerEntry}", Key: "{managerKey}",
				Body:   map[string]any{"start": "2024-03-01T09:00:00Z", "end": "2024-03-01T09:30:00Z"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "locked")}},
			{Name: "unlock", Method: "PATCH", Path: settingsPath, Body: `{"lockTimeEntries":null}`, Status: http.StatusOK},
			{Name: "bystander stays hidden", Method: "GET", Path: bystanderEntries, Key: "{managerKey}", Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "bystander stays closed", Method: "POST", Path: bystanderEntries, Key: "{managerKey}", Body: entry, Status: http.StatusForbidden},
			{Name: "worker cannot edit manager", Method: "GET", Path: "/v1/workspaces/{ws}/user/{manager}/time-entries", Key: "{workerKey}",
				Status: http.StatusForbidden},
			{Name: "own team manager rejected", Method: "POST", Path: roles, Body: map[string]any{"role": "TEAM_MANAGER", "entityId": "{manager}"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "unknown entity rejected", Method: "POST", Path: roles, Body: map[string]any{"role": "TEAM_MANAGER", "entityId": noSuchID},
				Status: http.StatusBadRequest, Checks: errorIs(501, "User doesn't belong to Workspace")},
			{Name: "member cannot grant", Method: "POST", Path: "/v1/workspaces/{ws}/users/{worker}/roles", Key: "{managerKey}",
				Body: map[string]any{"role": "TEAM_MANAGER", "entityId": "{bystander}"}, Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "workspaces filter by role", Method: "GET", Path: "/v1/workspaces?roles=TEAM_MANAGER", Key: "{managerKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1)}},
			{Name: "workspaces filter other role", Method: "GET", Path: "/v1/workspaces?roles=PROJECT_MANAGER", Key: "{managerKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "members filter by role", Method: "POST", Path: "/v1/workspaces/{ws}/users/info",
				Body: map[string]any{"roles": []string{"TEAM_MANAGER"}, "includeRoles": true}, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.id", "{manager}"),
					apitest.Equal("0.roles", []any{map[string]any{"role": "TEAM_MANAGER",
						"entities": []any{map[string]any{"id": worker.UserID, "name": "worker"}}}})}},
			{Name: "members list shows role", Method: "GET", Path: "/v1/workspaces/{ws}/users?include-roles=true&email=manager", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("0.roles.0.role", "TEAM_MANAGER")}},

			{Name: "revoke", Method: "DELETE", Path: roles, Body: map[string]any{"role": "TEAM_MANAGER", "entityId": "{worker}"},
				Status: http.StatusNoContent},
			{Name: "revoke again", Method: "DELETE", Path: roles, Body: map[string]any{"role": "TEAM_MANAGER", "entityId": "{worker}"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "revoked manager loses entries", Method: "GET", Path: workerEntries, Key: "{managerKey}", Status: http.StatusForbidden},
			{Name: "no managers left", Method: "GET", Path: "/v1/workspaces/{ws}/users/{worker}/managers", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 0)}},

			{Name: "group for worker", Method: "POST", Path: groupsPath, Body: map[string]any{"name": "Crew"}, Status: http.StatusCreated,
				Checks: []apitest.Check{apitest.Store(env, "crew", "id")}},
			{Name: "grant on group without source type", Method: "POST", Path: roles, Body: map[string]any{"role": "TEAM_MANAGER", "entityId": "{crew}"},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Equal("0.role.id", "{crew}"),
					apitest.Equal("0.role.source.id", "{crew}"), apitest.Equal("0.role.source.type", "USER_GROUP")}},
			{Name: "empty group manages no one", Method: "GET", Path: workerEntries, Key: "{managerKey}", Status: http.StatusForbidden},
			{Name: "worker joins group", Method: "POST", Path: groupsPath + "/{crew}/users", Body: map[string]any{"userId": "{worker}"},
				Status: http.StatusOK},
			{Name: "group manager lists worker entries", Method: "GET", Path: workerEntries, Key: "{managerKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 3)}},
			{Name: "managers through group", Method: "GET", Path: "/v1/workspaces/{ws}/users/{worker}/managers", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.id", "{manager}")}},
			{Name: "worker leaves group", Method: "DELETE", Path: groupsPath + "/{crew}/users/{worker}", Status: http.StatusOK},
			{Name: "group manager loses worker", Method: "GET", Path: workerEntries, Key: "{managerKey}", Status: http.StatusForbidden},
		})
	})
}

func TestAdminRole(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		admin := env.NewUser(t, "admin", domain.RoleAdmin, "")
		member := env.NewUser(t, "member", domain.RoleUser, "")
		env.Vars["admin"], env.Vars["adminKey"] = admin.UserID, admin.Key
		env.Vars["member"], env.Vars["memberKey"] = member.UserID, member.Key
		env.Vars["owner"] = env.Owner.UserID
		grant := map[string]any{"role": "WORKSPACE_ADMIN", "entityId": "{ws}"}
		rate := map[string]any{"amount": 100, "currency": "USD"}
		apitest.Run(t, env, []apitest.Case{
			{Name: "member is no admin", Method: "PUT", Path: "/v1/workspaces/{ws}/hourly-rate", Key: "{memberKey}", Body: rate,
				Status: http.StatusForbidden},
			{Name: "admin grants admin", Method: "POST", Path: "/v1/workspaces/{ws}/users/{member}/roles", Key: "{adminKey}", Body: grant,
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.role.name", "WORKSPACE_ADMIN"),
					apitest.Equal("0.role.id", "{ws}")}},
			{Name: "new admin acts", Method: "PUT", Path: "/v1/workspaces/{ws}/hourly-rate", Key: "{memberKey}", Body: rate, Status: http.StatusOK},
			{Name: "admins filter", Method: "GET", Path: "/v1/workspaces?roles=WORKSPACE_ADMIN", Key: "{memberKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1)}},
			{Name: "admin cannot revoke admin", Method: "DELETE", Path: "/v1/workspaces/{ws}/users/{member}/roles", Key: "{adminKey}", Body: grant,
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "owner revokes admin", Method: "DELETE", Path: "/v1/workspaces/{ws}/users/{member}/roles", Body: grant,
				Status: http.StatusNoContent},
			{Name: "revoke admin again", Method: "DELETE", Path: "/v1/workspaces/{ws}/users/{member}/roles", Body: grant,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "does not have role")}},
			{Name: "revoked admin is member", Method: "PUT", Path: "/v1/workspaces/{ws}/hourly-rate", Key: "{memberKey}", Body: rate,
				Status: http.StatusForbidden},
			{Name: "owner role fixed", Method: "DELETE", Path: "/v1/workspaces/{ws}/users/{owner}/roles", Body: grant,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "admin on other entity", Method: "POST", Path: "/v1/workspaces/{ws}/users/{member}/roles",
				Body: map[string]any{"role": "WORKSPACE_ADMIN", "entityId": noSuchID}, Status: http.StatusBadRequest},
			{Name: "unknown role", Method: "POST", Path: "/v1/workspaces/{ws}/users/{member}/roles",
				Body: map[string]any{"role": "OWNER", "entityId": "{ws}"}, Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(3002)}},
			{Name: "missing entity", Method: "POST", Path: "/v1/workspaces/{ws}/users/{member}/roles",
				Body: map[string]any{"role": "TEAM_MANAGER"}, Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "unknown user", Method: "POST", Path: "/v1/workspaces/{ws}/users/" + noSuchID + "/roles", Body: grant,
				Status: http.StatusBadRequest, Checks: errorIs(501, "User doesn't belong to Workspace")},
			{Name: "roles listed", Method: "GET", Path: "/v1/workspaces/{ws}/users?include-roles=true&sort-column=ACCESS", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("0.roles.0.role", "WORKSPACE_ADMIN"), apitest.Equal("0.roles.0.entities.0.id", "{ws}"),
					apitest.Equal("1.roles.0.role", "OWNER"), apitest.Equal("2.roles", []any{})}},
		})
	})
}

func TestProjectManagerRole(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		creator := env.NewUser(t, "creator", domain.RoleUser, "UTC")
		other := env.NewUser(t, "other", domain.RoleUser, "UTC")
		env.Vars["creator"], env.Vars["creatorKey"] = creator.UserID, creator.Key
		env.Vars["other"], env.Vars["otherKey"] = other.UserID, other.Key
		changeSettings(t, env, func(s *domain.WorkspaceSettings) { s.OnlyAdminsCreateTask = true })
		mine := projectsPath + "/{mine}"
		apitest.Run(t, env, []apitest.Case{
			{Name: "creator makes private project", Method: "POST", Path: projectsPath, Key: "{creatorKey}",
				Body: map[string]any{"name": "Mine", "isPublic": false}, Status: http.StatusCreated,
				Checks: []apitest.Check{apitest.Store(env, "mine", "id")}},
			{Name: "owner makes private project", Method: "POST", Path: projectsPath, Body: map[string]any{"name": "Theirs", "isPublic": false},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Store(env, "theirs", "id")}},
			{Name: "creator is manager", Method: "GET", Path: "/v1/workspaces?roles=PROJECT_MANAGER", Key: "{creatorKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1)}},
			{Name: "creator edits project", Method: "PUT", Path: mine, Key: "{creatorKey}", Body: map[string]any{"note": "plans"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("note", "plans")}},
			{Name: "creator adds task despite setting", Method: "POST", Path: mine + "/tasks", Key: "{creatorKey}",
				Body: map[string]any{"name": "Plan"}, Status: http.StatusCreated, Checks: []apitest.Check{apitest.Store(env, "plan", "id")}},
			{Name: "creator edits task", Method: "PUT", Path: mine + "/tasks/{plan}", Key: "{creatorKey}",
				Body: map[string]any{"name": "Plan", "status": "DONE"}, Status: http.StatusOK},
			{Name: "creator sets member rate", Method: "PUT", Path: mine + "/users/{creator}/hourly-rate", Key: "{creatorKey}",
				Body: map[string]any{"amount": 100}, Status: http.StatusOK},
			{Name: "creator cannot touch theirs", Method: "PUT", Path: projectsPath + "/{theirs}", Key: "{creatorKey}",
				Body: map[string]any{"note": "x"}, Status: http.StatusForbidden, Checks: accessDenied},

			{Name: "private project hidden in list", Method: "GET", Path: projectsPath, Key: "{otherKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "private project read denied", Method: "GET", Path: mine, Key: "{otherKey}", Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "private project members denied", Method: "GET", Path: "/v1/workspaces/{ws}/users?project-id={mine}", Key: "{otherKey}",
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "creator lists project members", Method: "GET", Path: "/v1/workspaces/{ws}/users?project-id={mine}", Key: "{creatorKey}",
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 1)}},
			{Name: "private project tasks denied", Method: "GET", Path: mine + "/tasks", Key: "{otherKey}", Status: http.StatusForbidden},
			{Name: "no tracking on private project", Method: "POST", Path: entriesPath, Key: "{otherKey}",
				Body:   map[string]any{"start": "2024-03-01T09:00:00Z", "end": "2024-03-01T10:00:00Z", "projectId": "{mine}"},
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "creator lists own", Method: "GET", Path: projectsPath, Key: "{creatorKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.id", "{mine}")}},
			{Name: "creator adds other", Method: "POST", Path: mine + "/memberships", Key: "{creatorKey}",
				Body: map[string]any{"userIds": []string{"{other}"}}, Status: http.StatusOK},
			{Name: "member now sees project", Method: "GET", Path: projectsPath, Key: "{otherKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1)}},
			{Name: "member tracks on project", Method: "POST", Path: entriesPath, Key: "{otherKey}",
				Body:   map[string]any{"start": "2024-03-01T09:00:00Z", "end": "2024-03-01T10:00:00Z", "projectId": "{mine}"},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Store(env, "otherEntry", "id")}},
			{Name: "member still cannot edit", Method: "PUT", Path: mine, Key: "{otherKey}", Body: map[string]any{"note": "x"},
				Status: http.StatusForbidden},

			{Name: "manager reads project entry", Method: "GET", Path: entriesPath + "/{otherEntry}", Key: "{creatorKey}", Status: http.StatusOK},
			{Name: "manager cannot edit it", Method: "PUT", Path: entriesPath + "/{otherEntry}", Key: "{creatorKey}",
				Body:   map[string]any{"start": "2024-03-01T09:00:00Z", "end": "2024-03-01T10:30:00Z", "projectId": "{mine}"},
				Status: http.StatusForbidden, Checks: accessDenied},

			{Name: "manager names manager", Method: "POST", Path: "/v1/workspaces/{ws}/users/{other}/roles", Key: "{creatorKey}",
				Body: map[string]any{"role": "PROJECT_MANAGER", "entityId": "{mine}"}, Status: http.StatusCreated},
			{Name: "second manager edits", Method: "PUT", Path: mine, Key: "{otherKey}", Body: map[string]any{"note": "ours"}, Status: http.StatusOK},
			{Name: "manager cannot name on theirs", Method: "POST", Path: "/v1/workspaces/{ws}/users/{other}/roles", Key: "{creatorKey}",
				Body: map[string]any{"role": "PROJECT_MANAGER", "entityId": "{theirs}"}, Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "manager archives", Method: "PUT", Path: mine, Key: "{creatorKey}", Body: map[string]any{"archived": true}, Status: http.StatusOK},
			{Name: "manager cannot delete", Method: "DELETE", Path: mine, Key: "{creatorKey}", Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "owner deletes", Method: "DELETE", Path: mine, Status: http.StatusOK},
			{Name: "delete drops the role", Method: "GET", Path: "/v1/workspaces?roles=PROJECT_MANAGER", Key: "{creatorKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 0)}},
		})
	})
}
