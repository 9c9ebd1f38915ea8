package api_test

import (
	"net/http"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

// The member filters of POST /users/info and GET /users select by user
// group and manager role, and show group memberships, rates and manager
// roles on request.
func TestMemberFilterGroupsAndManagers(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		for _, name := range []string{"amy", "bob", "cat", "dan"} {
			env.Vars[name] = env.NewUser(t, name, domain.RoleUser, "").UserID
		}
		group := env.MustDo(t, "POST", "/v1/workspaces/{ws}/user-groups", "", map[string]any{"name": "Red team"}, http.StatusCreated)
		env.Vars["red"] = apitest.Str(t, group, "id")
		group = env.MustDo(t, "POST", "/v1/workspaces/{ws}/user-groups", "", map[string]any{"name": "Blue team"}, http.StatusCreated)
		env.Vars["blue"] = apitest.Str(t, group, "id")
		for _, add := range [][2]string{{"red", "amy"}, {"red", "bob"}, {"blue", "bob"}} {
			env.MustDo(t, "POST", "/v1/workspaces/{ws}/user-groups/{"+add[0]+"}/users", "", map[string]any{"userId": "{" + add[1] + "}"}, http.StatusOK)
		}
		project := env.MustDo(t, "POST", "/v1/workspaces/{ws}/projects", "", map[string]any{"name": "Apollo"}, http.StatusCreated)
		env.Vars["project"] = apitest.Str(t, project, "id")
		env.MustDo(t, "POST", "/v1/workspaces/{ws}/users/{cat}/roles", "", map[string]any{"role": "PROJECT_MANAGER", "entityId": "{project}"}, http.StatusCreated)
		env.MustDo(t, "POST", "/v1/workspaces/{ws}/users/{dan}/roles", "", map[string]any{"role": "TEAM_MANAGER", "entityId": "{red}", "sourceType": "USER_GROUP"}, http.StatusCreated)
		env.MustDo(t, "PUT", "/v1/workspaces/{ws}/users/{amy}/hourly-rate", "", map[string]any{"amount": 4200}, http.StatusOK)

		const info = "/v1/workspaces/{ws}/users/info"
		apitest.Run(t, env, []apitest.Case{
			{Name: "one group", Method: "POST", Path: info, Body: map[string]any{"userGroups": []string{"{red}"}, "sortColumn": "NAME"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 2), apitest.Equal("0.name", "amy"), apitest.Equal("1.name", "bob")}},
			{Name: "either group", Method: "POST", Path: info, Body: map[string]any{"userGroups": []string{"{blue}", "{red}"}},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 2)}},
			{Name: "group and name", Method: "POST", Path: info, Body: map[string]any{"userGroups": []string{"{blue}"}, "name": "amy"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "project managers", Method: "POST", Path: info, Body: map[string]any{"roles": []string{"PROJECT_MANAGER"}},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.name", "cat")}},
			{Name: "team managers", Method: "POST", Path: info, Body: map[string]any{"roles": []string{"TEAM_MANAGER"}},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.name", "dan")}},
			{Name: "owner or team manager", Method: "POST", Path: info, Body: map[string]any{"roles": []string{"OWNER", "TEAM_MANAGER"}, "sortColumn": "NAME"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 2), apitest.Equal("0.name", "dan"), apitest.Equal("1.name", "owner")}},
			{Name: "roles in lower case", Method: "POST", Path: info, Body: map[string]any{"roles": []string{"team_manager"}},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 1)}},
			{Name: "group memberships", Method: "POST", Path: info, Body: map[string]any{"name": "bob", "memberships": "USERGROUP"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Len("0.memberships", 2),
					apitest.Equal("0.memberships.0.membershipType", "USERGROUP"),
					apitest.Equal("0.memberships.0.membershipStatus", "ACTIVE"),
					apitest.Equal("0.memberships.0.userId", "{bob}"),
					apitest.Equal("0.memberships.0.hourlyRate", nil),
				}},
			{Name: "all memberships", Method: "POST", Path: info, Body: map[string]any{"name": "amy", "memberships": "ALL"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Len("0.memberships", 2),
					apitest.Equal("0.memberships.0.membershipType", "WORKSPACE"),
					apitest.Equal("0.memberships.0.hourlyRate.amount", 4200),
					apitest.Equal("0.memberships.0.hourlyRate.currency", "USD"),
					apitest.Equal("0.memberships.1.membershipType", "USERGROUP"),
					apitest.Equal("0.memberships.1.targetId", "{red}"),
				}},
			{Name: "workspace memberships only", Method: "GET", Path: "/v1/workspaces/{ws}/users?name=bob&memberships=WORKSPACE", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("0.memberships", 1), apitest.Equal("0.memberships.0.targetId", "{ws}")}},
			{Name: "group memberships on GET", Method: "GET", Path: "/v1/workspaces/{ws}/users?name=bob&memberships=USERGROUP", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("0.memberships", 2)}},
			{Name: "manager roles", Method: "POST", Path: info, Body: map[string]any{"name": "dan", "includeRoles": true},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Len("0.roles", 1),
					apitest.Equal("0.roles.0.role", "TEAM_MANAGER"),
					apitest.Equal("0.roles.0.entities.0.id", "{red}"),
					apitest.Equal("0.roles.0.entities.0.name", "Red team"),
				}},
			{Name: "project manager role on GET", Method: "GET", Path: "/v1/workspaces/{ws}/users?name=cat&include-roles=true", Status: http.StatusOK,
				Checks: []apitest.Check{
					apitest.Equal("0.roles.0.role", "PROJECT_MANAGER"),
					apitest.Equal("0.roles.0.entities.0.id", "{project}"),
					apitest.Equal("0.roles.0.entities.0.name", "Apollo"),
				}},
			{Name: "no roles", Method: "POST", Path: info, Body: map[string]any{"name": "amy", "includeRoles": true},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("0.roles", []any{})}},
			{Name: "roles absent by default", Method: "POST", Path: info, Body: map[string]any{"name": "amy"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Missing("0.roles")}},
		})
	})
}

// PUT /users/{userId} takes ACTIVE or INACTIVE and returns the workspace
// with the member's new status.
func TestMemberStatusBody(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		env.Vars["zed"] = env.NewUser(t, "zed", domain.RoleUser, "").UserID
		path := "/v1/workspaces/{ws}/users/{zed}"
		apitest.Run(t, env, []apitest.Case{
			{Name: "deactivate", Method: "PUT", Path: path, Body: map[string]any{"status": "INACTIVE"}, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("id", "{ws}")}},
			{Name: "member list shows it", Method: "GET", Path: "/v1/workspaces/{ws}/users?name=zed&memberships=WORKSPACE", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("0.memberships.0.membershipStatus", "INACTIVE")}},
			{Name: "lower case", Method: "PUT", Path: path, Body: map[string]any{"status": "active"}, Status: http.StatusOK},
			{Name: "active again", Method: "GET", Path: "/v1/workspaces/{ws}/users?name=zed&status=ACTIVE", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1)}},
			{Name: "pending is not a target", Method: "PUT", Path: path, Body: map[string]any{"status": "PENDING"}, Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(3002), apitest.Contains("message", "ACTIVE, INACTIVE")}},
			{Name: "unknown status", Method: "PUT", Path: path, Body: map[string]any{"status": "ASLEEP"}, Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(3002), apitest.Contains("message", "ASLEEP")}},
			{Name: "status missing", Method: "PUT", Path: path, Body: map[string]any{}, Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "status must not be null")}},
			{Name: "unknown member", Method: "PUT", Path: "/v1/workspaces/{ws}/users/0123456789abcdef01234567", Body: map[string]any{"status": "ACTIVE"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "User doesn't belong")}},
		})
	})
}
