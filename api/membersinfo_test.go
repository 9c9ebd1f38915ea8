package api_test

import (
	"strconv"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

// TestMembersInfoBodyFilters covers the status, accountStatuses and
// projectId fields of the POST /users/info body. The workspace has the
// owner, the active member amy, the deactivated member zed, who is still an
// ACTIVE account, and two invited emails, which are NOT_REGISTERED accounts
// with a PENDING membership. Only amy is a member of the private project
// {pid}. Every case sorts by email: amy-*, inv1, inv2, owner-*, zed-*.
func TestMembersInfoBodyFilters(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		amy := env.NewUser(t, "amy", domain.RoleUser, "")
		zed := env.NewUser(t, "zed", domain.RoleUser, "")
		env.Vars["amy"], env.Vars["zed"] = amy.UserID, zed.UserID
		for _, email := range []string{"inv1@example.com", "inv2@example.com"} {
			env.MustDo(t, "POST", "/v1/workspaces/{ws}/users", "", map[string]string{"email": email}, 200)
		}
		env.MustDo(t, "PUT", "/v1/workspaces/{ws}/users/{zed}", "", map[string]string{"status": "INACTIVE"}, 200)
		p := env.MustDo(t, "POST", "/v1/workspaces/{ws}/projects", "",
			map[string]any{"name": "Apollo", "isPublic": false, "memberships": []any{map[string]any{"userId": "{amy}"}}}, 201)
		env.Vars["pid"] = apitest.Str(t, p, "id")
		p = env.MustDo(t, "POST", "/v1/workspaces/{ws}/projects", "", map[string]any{"name": "Gemini", "isPublic": false}, 201)
		env.Vars["empty"] = apitest.Str(t, p, "id")

		const path = "/v1/workspaces/{ws}/users/info"
		filter := func(body map[string]any) map[string]any {
			body["sortColumn"] = "EMAIL"
			return body
		}
		names := func(want ...string) []apitest.Check {
			checks := []apitest.Check{apitest.Len("", len(want))}
			for i, name := range want {
				checks = append(checks, apitest.Equal(strconv.Itoa(i)+".name", name))
			}
			return checks
		}
		invited := []apitest.Check{apitest.Len("", 2),
			apitest.Equal("0.email", "inv1@example.com"), apitest.Equal("0.status", "NOT_REGISTERED"),
			apitest.Equal("1.email", "inv2@example.com"), apitest.Equal("1.status", "NOT_REGISTERED")}

		apitest.Run(t, env, []apitest.Case{
			{Name: "no filter lists everyone", Method: "POST", Path: path, Body: filter(map[string]any{}), Status: 200,
				Checks: []apitest.Check{apitest.Len("", 5)}},
			{Name: "status active", Method: "POST", Path: path, Body: filter(map[string]any{"status": "ACTIVE"}), Status: 200,
				Checks: names("amy", "owner")},
			{Name: "status inactive", Method: "POST", Path: path, Body: filter(map[string]any{"status": "INACTIVE"}), Status: 200,
				Checks: names("zed")},
			{Name: "status pending", Method: "POST", Path: path, Body: filter(map[string]any{"status": "PENDING"}), Status: 200,
				Checks: invited},
			{Name: "status in lower case", Method: "POST", Path: path, Body: filter(map[string]any{"status": "pending"}), Status: 200,
				Checks: invited},
			{Name: "status declined", Method: "POST", Path: path, Body: filter(map[string]any{"status": "DECLINED"}), Status: 200,
				Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "status all", Method: "POST", Path: path, Body: filter(map[string]any{"status": "ALL"}), Status: 200,
				Checks: []apitest.Check{apitest.Len("", 5)}},
			{Name: "status invalid", Method: "POST", Path: path, Body: filter(map[string]any{"status": "SLEEPING"}), Status: 400,
				Checks: []apitest.Check{apitest.Contains("message", "status"), apitest.Contains("message", "SLEEPING")}},
			{Name: "account not registered", Method: "POST", Path: path,
				Body: filter(map[string]any{"accountStatuses": []string{"NOT_REGISTERED"}}), Status: 200, Checks: invited},
			{Name: "account active", Method: "POST", Path: path,
				Body: filter(map[string]any{"accountStatuses": []string{"ACTIVE"}}), Status: 200, Checks: names("amy", "owner", "zed")},
			{Name: "account both", Method: "POST", Path: path,
				Body: filter(map[string]any{"accountStatuses": []string{"ACTIVE", "NOT_REGISTERED"}}), Status: 200,
				Checks: []apitest.Check{apitest.Len("", 5)}},
			{Name: "account limited matches nobody", Method: "POST", Path: path,
				Body: filter(map[string]any{"accountStatuses": []string{"LIMITED"}}), Status: 200, Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "account invalid", Method: "POST", Path: path,
				Body: filter(map[string]any{"accountStatuses": []string{"ACTIVE", "SLEEPING"}}), Status: 400,
				Checks: []apitest.Check{apitest.Contains("message", "accountStatuses"), apitest.Contains("message", "SLEEPING")}},
			{Name: "account and status", Method: "POST", Path: path,
				Body: filter(map[string]any{"accountStatuses": []string{"ACTIVE"}, "status": "ACTIVE"}), Status: 200, Checks: names("amy", "owner")},
			{Name: "project members", Method: "POST", Path: path, Body: filter(map[string]any{"projectId": "{pid}"}), Status: 200,
				Checks: names("amy", "owner")},
			{Name: "project without members", Method: "POST", Path: path, Body: filter(map[string]any{"projectId": "{empty}"}), Status: 200,
				Checks: names("owner")},
			{Name: "project and status", Method: "POST", Path: path,
				Body: filter(map[string]any{"projectId": "{pid}", "status": "INACTIVE"}), Status: 200, Checks: []apitest.Check{apitest.Len("", 0)}},
		})
	})
}
