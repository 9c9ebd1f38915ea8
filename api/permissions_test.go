package api_test

import (
	"net/http"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

// accessDenied checks Clockify's body for a permission refusal.
var accessDenied = []apitest.Check{apitest.ErrorBody(501), apitest.Equal("message", "Access Denied")}

// TestSharedObjectEditsAdminOnly checks that a regular member may create
// projects, clients, tags and tasks but may not change or delete the
// workspace's ones, while an admin may.
func TestSharedObjectEditsAdminOnly(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		member := env.NewUser(t, "member", domain.RoleUser, "")
		admin := env.NewUser(t, "admin", domain.RoleAdmin, "")
		env.Vars["memberKey"], env.Vars["member"] = member.Key, member.UserID
		env.Vars["adminKey"] = admin.Key
		project := env.MustDo(t, "POST", projectsPath, "", map[string]any{"name": "Shared",
			"memberships": []any{map[string]any{"userId": "{member}"}}}, http.StatusCreated)
		env.Vars["p"] = apitest.Str(t, project, "id")
		env.Vars["project"] = env.Vars["p"]
		client := env.MustDo(t, "POST", "/v1/workspaces/{ws}/clients", "", map[string]any{"name": "Acme"}, http.StatusCreated)
		env.Vars["c"] = apitest.Str(t, client, "id")
		tag := env.MustDo(t, "POST", tagsPath, "", map[string]any{"name": "urgent"}, http.StatusCreated)
		env.Vars["tag"] = apitest.Str(t, tag, "id")
		task := env.MustDo(t, "POST", tasksPath, "", map[string]any{"name": "Design"}, http.StatusCreated)
		env.Vars["task"] = apitest.Str(t, task, "id")

		p := projectsPath + "/{p}"
		c := "/v1/workspaces/{ws}/clients/{c}"
		tg := tagsPath + "/{tag}"
		tk := tasksPath + "/{task}"
		apitest.Run(t, env, []apitest.Case{
			{Name: "member creates project", Method: "POST", Path: projectsPath, Key: "{memberKey}", Body: map[string]any{"name": "Mine"},
				Status: http.StatusCreated},
			{Name: "member creates client", Method: "POST", Path: "/v1/workspaces/{ws}/clients", Key: "{memberKey}", Body: map[string]any{"name": "Mine"},
				Status: http.StatusCreated},
			{Name: "member creates tag", Method: "POST", Path: tagsPath, Key: "{memberKey}", Body: map[string]any{"name": "mine"},
				Status: http.StatusCreated},
			{Name: "member creates task", Method: "POST", Path: tasksPath, Key: "{memberKey}", Body: map[string]any{"name": "Mine"},
				Status: http.StatusCreated},

			{Name: "member cannot update project", Method: "PUT", Path: p, Key: "{memberKey}", Body: map[string]any{"name": "Taken"},
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "member cannot archive project", Method: "PUT", Path: p, Key: "{memberKey}", Body: map[string]any{"archived": true},
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "member cannot delete project", Method: "DELETE", Path: p, Key: "{memberKey}",
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "member cannot change estimate", Method: "PATCH", Path: p + "/estimate", Key: "{memberKey}",
				Body: `{"timeEstimate":{"type":"MANUAL","active":true,"estimate":"PT1H"}}`, Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "member cannot replace memberships", Method: "PATCH", Path: p + "/memberships", Key: "{memberKey}",
				Body: map[string]any{"memberships": []any{map[string]any{"userId": "{member}"}}}, Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "member cannot add memberships", Method: "POST", Path: p + "/memberships", Key: "{memberKey}",
				Body: map[string]any{"userIds": []string{env.Owner.UserID}}, Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "member cannot mark template", Method: "PATCH", Path: p + "/template", Key: "{memberKey}",
				Body: map[string]any{"isTemplate": true}, Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "member cannot set own project hourly rate", Method: "PUT", Path: p + "/users/{member}/hourly-rate", Key: "{memberKey}",
				Body: map[string]any{"amount": 9999}, Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "member cannot set own project cost rate", Method: "PUT", Path: p + "/users/{member}/cost-rate", Key: "{memberKey}",
				Body: map[string]any{"amount": 1}, Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "member cannot update client", Method: "PUT", Path: c, Key: "{memberKey}", Body: map[string]any{"name": "Taken"},
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "member cannot delete client", Method: "DELETE", Path: c, Key: "{memberKey}",
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "member cannot update tag", Method: "PUT", Path: tg, Key: "{memberKey}", Body: map[string]any{"name": "taken"},
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "member cannot delete tag", Method: "DELETE", Path: tg, Key: "{memberKey}",
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "member cannot update task", Method: "PUT", Path: tk, Key: "{memberKey}", Body: map[string]any{"name": "Taken", "status": "DONE"},
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "member cannot delete task", Method: "DELETE", Path: tk, Key: "{memberKey}",
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "member cannot set task hourly rate", Method: "PUT", Path: tk + "/hourly-rate", Key: "{memberKey}",
				Body: map[string]any{"amount": 1}, Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "member cannot set task cost rate", Method: "PUT", Path: tk + "/cost-rate", Key: "{memberKey}",
				Body: map[string]any{"amount": 1}, Status: http.StatusForbidden, Checks: accessDenied},

			{Name: "project unchanged", Method: "GET", Path: p, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("name", "Shared"), apitest.Equal("archived", false), apitest.Equal("template", false),
				apitest.Equal("timeEstimate.estimate", "PT0S"), apitest.Len("memberships", 2), apitest.Equal("memberships.0.hourlyRate", nil)}},
			{Name: "client unchanged", Method: "GET", Path: c, Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("name", "Acme")}},
			{Name: "tag unchanged", Method: "GET", Path: tg, Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("name", "urgent")}},
			{Name: "task unchanged", Method: "GET", Path: tk, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("name", "Design"), apitest.Equal("status", "ACTIVE"), apitest.Equal("hourlyRate", nil)}},

			{Name: "admin updates project", Method: "PUT", Path: p, Key: "{adminKey}", Body: map[string]any{"name": "Renamed"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("name", "Renamed")}},
			{Name: "admin changes estimate", Method: "PATCH", Path: p + "/estimate", Key: "{adminKey}",
				Body: `{"timeEstimate":{"type":"MANUAL","active":true,"estimate":"PT1H"}}`, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("timeEstimate.estimate", "PT1H")}},
			{Name: "admin replaces memberships", Method: "PATCH", Path: p + "/memberships", Key: "{adminKey}",
				Body: map[string]any{"memberships": []any{map[string]any{"userId": "{member}"}}}, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("memberships", 1)}},
			{Name: "admin adds memberships", Method: "POST", Path: p + "/memberships", Key: "{adminKey}",
				Body: map[string]any{"userIds": []string{env.Owner.UserID}}, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("memberships", 2)}},
			{Name: "admin marks template", Method: "PATCH", Path: p + "/template", Key: "{adminKey}",
				Body: map[string]any{"isTemplate": true}, Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("template", true)}},
			{Name: "admin sets project hourly rate", Method: "PUT", Path: p + "/users/{member}/hourly-rate", Key: "{adminKey}",
				Body: map[string]any{"amount": 2000}, Status: http.StatusOK},
			{Name: "admin sets project cost rate", Method: "PUT", Path: p + "/users/{member}/cost-rate", Key: "{adminKey}",
				Body: map[string]any{"amount": 1000}, Status: http.StatusOK},
			{Name: "admin updates task", Method: "PUT", Path: tk, Key: "{adminKey}", Body: map[string]any{"name": "Design", "status": "DONE"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("status", "DONE")}},
			{Name: "admin sets task hourly rate", Method: "PUT", Path: tk + "/hourly-rate", Key: "{adminKey}",
				Body: map[string]any{"amount": 3000}, Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("hourlyRate.amount", 3000)}},
			{Name: "admin sets task cost rate", Method: "PUT", Path: tk + "/cost-rate", Key: "{adminKey}",
				Body: map[string]any{"amount": 500}, Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("costRate.amount", 500)}},
			{Name: "admin deletes task", Method: "DELETE", Path: tk, Key: "{adminKey}", Status: http.StatusOK},
			{Name: "admin archives project", Method: "PUT", Path: p, Key: "{adminKey}", Body: map[string]any{"archived": true},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("archived", true)}},
			{Name: "admin deletes project", Method: "DELETE", Path: p, Key: "{adminKey}", Status: http.StatusOK},
			{Name: "admin archives client", Method: "PUT", Path: c, Key: "{adminKey}", Body: map[string]any{"archived": true},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("archived", true)}},
			{Name: "admin deletes client", Method: "DELETE", Path: c, Key: "{adminKey}", Status: http.StatusOK},
			{Name: "admin updates tag", Method: "PUT", Path: tg, Key: "{adminKey}", Body: map[string]any{"name": "later"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("name", "later")}},
			{Name: "admin deletes tag", Method: "DELETE", Path: tg, Key: "{adminKey}", Status: http.StatusOK},
		})
	})
}

// TestCreateRestrictionFlags checks that each onlyAdminsCreate* setting stops
// regular members from creating its own kind of object and nothing else.
func TestCreateRestrictionFlags(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		member := env.NewUser(t, "member", domain.RoleUser, "")
		admin := env.NewUser(t, "admin", domain.RoleAdmin, "")
		env.Vars["memberKey"], env.Vars["adminKey"] = member.Key, admin.Key
		newTaskProject(t, env, "project", false)
		clients := "/v1/workspaces/{ws}/clients"

		changeSettings(t, env, func(s *domain.WorkspaceSettings) { s.OnlyAdminsCreateTag = true })
		apitest.Run(t, env, []apitest.Case{
			{Name: "tag flag stops member tags", Method: "POST", Path: tagsPath, Key: "{memberKey}", Body: map[string]any{"name": "t1"},
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "tag flag leaves projects", Method: "POST", Path: projectsPath, Key: "{memberKey}", Body: map[string]any{"name": "p1"},
				Status: http.StatusCreated},
			{Name: "tag flag leaves clients", Method: "POST", Path: clients, Key: "{memberKey}", Body: map[string]any{"name": "c1"},
				Status: http.StatusCreated},
			{Name: "tag flag leaves tasks", Method: "POST", Path: tasksPath, Key: "{memberKey}", Body: map[string]any{"name": "k1"},
				Status: http.StatusCreated},
			{Name: "admin creates tag", Method: "POST", Path: tagsPath, Key: "{adminKey}", Body: map[string]any{"name": "t1"},
				Status: http.StatusCreated},
		})

		changeSettings(t, env, func(s *domain.WorkspaceSettings) { s.OnlyAdminsCreateProject = true })
		apitest.Run(t, env, []apitest.Case{
			{Name: "project flag stops member projects", Method: "POST", Path: projectsPath, Key: "{memberKey}", Body: map[string]any{"name": "p2"},
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "project flag stops member templates", Method: "POST", Path: projectsPath + "/from-template", Key: "{memberKey}",
				Body: map[string]any{"name": "p2", "templateProjectId": "{project}"}, Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "project flag stops member clients", Method: "POST", Path: clients, Key: "{memberKey}", Body: map[string]any{"name": "c2"},
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "project flag leaves tasks", Method: "POST", Path: tasksPath, Key: "{memberKey}", Body: map[string]any{"name": "k2"},
				Status: http.StatusCreated},
			{Name: "admin creates project", Method: "POST", Path: projectsPath, Key: "{adminKey}", Body: map[string]any{"name": "p2"},
				Status: http.StatusCreated},
			{Name: "admin creates from template", Method: "POST", Path: projectsPath + "/from-template", Key: "{adminKey}",
				Body: map[string]any{"name": "p3", "templateProjectId": "{project}"}, Status: http.StatusOK},
			{Name: "admin creates client", Method: "POST", Path: clients, Key: "{adminKey}", Body: map[string]any{"name": "c2"},
				Status: http.StatusCreated},
		})

		changeSettings(t, env, func(s *domain.WorkspaceSettings) { s.OnlyAdminsCreateTask = true })
		apitest.Run(t, env, []apitest.Case{
			{Name: "task flag stops member tasks", Method: "POST", Path: tasksPath, Key: "{memberKey}", Body: map[string]any{"name": "k3"},
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "admin creates task", Method: "POST", Path: tasksPath, Key: "{adminKey}", Body: map[string]any{"name": "k3"},
				Status: http.StatusCreated},
			{Name: "member reads tasks", Method: "GET", Path: tasksPath, Key: "{memberKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 3)}},
		})
	})
}

// TestMemberStatusChanges checks that only the owner changes an admin's
// status and that no one deactivates themselves.
func TestMemberStatusChanges(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		amy := env.NewUser(t, "amy", domain.RoleAdmin, "")
		bea := env.NewUser(t, "bea", domain.RoleAdmin, "")
		zed := env.NewUser(t, "zed", domain.RoleUser, "")
		env.Vars["amyKey"], env.Vars["amy"] = amy.Key, amy.UserID
		env.Vars["beaKey"], env.Vars["bea"] = bea.Key, bea.UserID
		env.Vars["zedKey"], env.Vars["zed"] = zed.Key, zed.UserID
		env.Vars["owner"] = env.Owner.UserID
		users := "/v1/workspaces/{ws}/users/"
		inactive := map[string]any{"status": "INACTIVE"}
		active := map[string]any{"status": "ACTIVE"}

		apitest.Run(t, env, []apitest.Case{
			{Name: "admin cannot deactivate admin", Method: "PUT", Path: users + "{bea}", Key: "{amyKey}", Body: inactive,
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "admin cannot activate admin", Method: "PUT", Path: users + "{bea}", Key: "{amyKey}", Body: active,
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "admin cannot deactivate itself", Method: "PUT", Path: users + "{amy}", Key: "{amyKey}", Body: inactive,
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "admin cannot deactivate owner", Method: "PUT", Path: users + "{owner}", Key: "{amyKey}", Body: inactive,
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "owner cannot deactivate itself", Method: "PUT", Path: users + "{owner}", Body: inactive,
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "member cannot deactivate itself", Method: "PUT", Path: users + "{zed}", Key: "{zedKey}", Body: inactive,
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "admins stay active", Method: "GET", Path: "/v1/workspaces/{ws}/users?status=INACTIVE", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "admin still works", Method: "GET", Path: "/v1/workspaces/{ws}", Key: "{amyKey}", Status: http.StatusOK},

			{Name: "admin deactivates member", Method: "PUT", Path: users + "{zed}", Key: "{amyKey}", Body: inactive, Status: http.StatusOK},
			{Name: "admin reactivates member", Method: "PUT", Path: users + "{zed}", Key: "{amyKey}", Body: active, Status: http.StatusOK},
			{Name: "admin sets admin rate", Method: "PUT", Path: users + "{bea}/hourly-rate", Key: "{amyKey}",
				Body: map[string]any{"amount": 4000}, Status: http.StatusOK},

			{Name: "owner deactivates admin", Method: "PUT", Path: users + "{bea}", Body: inactive, Status: http.StatusOK},
			{Name: "deactivated admin is listed", Method: "GET", Path: "/v1/workspaces/{ws}/users?status=INACTIVE", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.id", "{bea}")}},
			{Name: "deactivated admin is locked out", Method: "GET", Path: "/v1/workspaces/{ws}", Key: "{beaKey}",
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "owner reactivates admin", Method: "PUT", Path: users + "{bea}", Body: active, Status: http.StatusOK},
			{Name: "reactivated admin is back", Method: "GET", Path: "/v1/workspaces/{ws}", Key: "{beaKey}", Status: http.StatusOK},
		})
	})
}
