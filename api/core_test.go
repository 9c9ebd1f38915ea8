package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

func TestAuthentication(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		apitest.Run(t, env, []apitest.Case{
			{Name: "no key", Method: "GET", Path: "/v1/user", Key: apitest.NoKey, Status: 401,
				Checks: []apitest.Check{apitest.ErrorBody(1000), apitest.Equal("message", "Multiple or none auth tokens present")}},
			{Name: "unknown key", Method: "GET", Path: "/v1/user", Key: "not-a-real-key", Status: 401,
				Checks: []apitest.Check{apitest.ErrorBody(4003), apitest.Equal("message", "Api key does not exist")}},
			{Name: "both headers", Method: "GET", Path: "/v1/user", Header: map[string]string{"X-Addon-Token": "x"}, Status: 401,
				Checks: []apitest.Check{apitest.ErrorBody(1000)}},
			{Name: "bearer header", Method: "GET", Path: "/v1/user", Header: map[string]string{"Authorization": "Bearer x"}, Status: 401,
				Checks: []apitest.Check{apitest.ErrorBody(1000)}},
			{Name: "addon token alone", Method: "GET", Path: "/v1/user", Key: apitest.NoKey, Header: map[string]string{"X-Addon-Token": "x"}, Status: 401,
				Checks: []apitest.Check{apitest.ErrorBody(4017)}},
			{Name: "valid key", Method: "GET", Path: "/v1/user", Status: 200,
				Checks: []apitest.Check{apitest.Equal("id", env.Owner.UserID), apitest.Equal("defaultWorkspace", env.Owner.WorkspaceID),
					apitest.Equal("settings.timeZone", "UTC"), apitest.Len("memberships", 0)}},
			{Name: "include memberships", Method: "GET", Path: "/v1/user?include-memberships=1", Status: 200,
				Checks: []apitest.Check{apitest.Len("memberships", 1), apitest.Equal("memberships.0.targetId", env.Owner.WorkspaceID),
					apitest.Equal("memberships.0.membershipType", "WORKSPACE")}},
			{Name: "header names are case-insensitive", Method: "GET", Path: "/v1/user", Key: apitest.NoKey,
				Header: map[string]string{"x-api-key": env.Owner.Key}, Status: 200},
		})
	})
}

func TestRoutingErrors(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		apitest.Run(t, env, []apitest.Case{
			{Name: "unknown route", Method: "GET", Path: "/v1/workspaces/{ws}/nothing-here", Status: 404,
				Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Equal("message", "No static resource v1/workspaces/{ws}/nothing-here.")}},
			{Name: "archive subpath is not routed", Method: "PUT", Path: "/v1/workspaces/{ws}/clients/{ws}/archive", Status: 404,
				Checks: []apitest.Check{apitest.ErrorBody(3000)}},
			{Name: "workspace is read-only", Method: "PUT", Path: "/v1/workspaces/{ws}", Body: `{}`, Status: 405,
				Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Contains("message", "'PUT' is not supported"),
					apitest.HeaderIs("Allow", "GET, HEAD")}},
			{Name: "no workspace-wide entry list", Method: "GET", Path: "/v1/workspaces/{ws}/time-entries", Status: 405,
				Checks: []apitest.Check{apitest.ErrorBody(3000)}},
			{Name: "double slash routes like one", Method: "GET", Path: "//v1//workspaces/{ws}", Status: 200,
				Checks: []apitest.Check{apitest.Equal("id", env.Owner.WorkspaceID)}},
			{Name: "foreign workspace", Method: "GET", Path: "/v1/workspaces/aaaaaaaaaaaaaaaaaaaaaaaa", Status: 403,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Equal("message", "Access Denied")}},
			{Name: "malformed workspace id", Method: "GET", Path: "/v1/workspaces/xyz/clients", Status: 403,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "malformed json body", Method: "POST", Path: "/v1/workspaces/{ws}/clients", Body: `{"name":`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3002)}},
			{Name: "wrong json type", Method: "POST", Path: "/v1/workspaces/{ws}/clients", Body: `{"name":5}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3002), apitest.Contains("message", "name")}},
			{Name: "array instead of object", Method: "POST", Path: "/v1/workspaces/{ws}/clients", Body: `[]`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3002)}},
		})
	})
}

func TestWorkspaces(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		member := env.NewUser(t, "member", domain.RoleUser, "Europe/Berlin")
		env.Vars["memberKey"] = member.Key
		env.Vars["memberId"] = member.UserID
		apitest.Run(t, env, []apitest.Case{
			{Name: "list", Method: "GET", Path: "/v1/workspaces", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.id", env.Owner.WorkspaceID),
					apitest.Equal("0.hourlyRate.amount", 0), apitest.Equal("0.hourlyRate.currency", "USD"),
					apitest.Equal("0.workspaceSettings.forceProjects", false), apitest.Len("0.memberships", 2)}},
			{Name: "create", Method: "POST", Path: "/v1/workspaces", Body: `{"name":"Second"}`, Status: 201,
				Checks: []apitest.Check{apitest.Equal("name", "Second"), apitest.Len("memberships", 1),
					apitest.Equal("memberships.0.userId", env.Owner.UserID), apitest.Store(env, "ws2", "id")}},
			{Name: "create needs a name", Method: "POST", Path: "/v1/workspaces", Body: `{"name":"  "}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "list has both", Method: "GET", Path: "/v1/workspaces", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 2), apitest.Equal("1.name", "Second")}},
			{Name: "roles filter owner", Method: "GET", Path: "/v1/workspaces?roles=OWNER", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 2)}},
			{Name: "roles filter admin excludes owners", Method: "GET", Path: "/v1/workspaces?roles=WORKSPACE_ADMIN", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "bad role", Method: "GET", Path: "/v1/workspaces?roles=KING", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Contains("message", "KING")}},
			{Name: "get one", Method: "GET", Path: "/v1/workspaces/{ws2}", Status: 200,
				Checks: []apitest.Check{apitest.Equal("name", "Second")}},
			{Name: "member sees only its workspace", Method: "GET", Path: "/v1/workspaces", Key: "{memberKey}", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 1)}},
			{Name: "member cannot open a workspace it is not in", Method: "GET", Path: "/v1/workspaces/{ws2}", Key: "{memberKey}", Status: 403,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "hourly rate", Method: "PUT", Path: "/v1/workspaces/{ws}/hourly-rate", Body: `{"amount":10500,"currency":"EUR"}`, Status: 200,
				Checks: []apitest.Check{apitest.Equal("hourlyRate.amount", 10500), apitest.Equal("hourlyRate.currency", "EUR")}},
			{Name: "hourly rate needs currency", Method: "PUT", Path: "/v1/workspaces/{ws}/hourly-rate", Body: `{"amount":1}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "cost rate", Method: "PUT", Path: "/v1/workspaces/{ws}/cost-rate", Body: `{"amount":5000}`, Status: 200,
				Checks: []apitest.Check{apitest.Equal("costRate.amount", 5000), apitest.Equal("costRate.currency", "EUR")}},
			{Name: "negative rate", Method: "PUT", Path: "/v1/workspaces/{ws}/cost-rate", Body: `{"amount":-1}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "-1")}},
			{Name: "rate needs amount", Method: "PUT", Path: "/v1/workspaces/{ws}/cost-rate", Body: `{}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "amount")}},
			{Name: "member cannot set rates", Method: "PUT", Path: "/v1/workspaces/{ws}/cost-rate", Key: "{memberKey}", Body: `{"amount":1}`, Status: 403,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "rate path has no GET", Method: "GET", Path: "/v1/workspaces/{ws}/hourly-rate", Status: 405,
				Checks: []apitest.Check{apitest.ErrorBody(3000)}},
		})
	})
}

func TestMembers(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		member := env.NewUser(t, "zed", domain.RoleUser, "")
		admin := env.NewUser(t, "amy", domain.RoleAdmin, "")
		env.Vars["memberKey"], env.Vars["memberId"] = member.Key, member.UserID
		env.Vars["adminId"] = admin.UserID
		apitest.Run(t, env, []apitest.Case{
			{Name: "list sorted by email", Method: "GET", Path: "/v1/workspaces/{ws}/users", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 3), apitest.Equal("0.name", "amy"), apitest.Equal("1.name", "owner"),
					apitest.Equal("2.name", "zed"), apitest.HeaderIs("Last-Page", "true"), apitest.Len("0.memberships", 0)}},
			{Name: "descending by name", Method: "GET", Path: "/v1/workspaces/{ws}/users?sort-column=NAME&sort-order=DESCENDING", Status: 200,
				Checks: []apitest.Check{apitest.Equal("0.name", "zed"), apitest.Equal("2.name", "amy")}},
			{Name: "email filter", Method: "GET", Path: "/v1/workspaces/{ws}/users?email=ZED-", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.id", "{memberId}")}},
			{Name: "name filter", Method: "GET", Path: "/v1/workspaces/{ws}/users?name=am", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.name", "amy")}},
			{Name: "memberships ALL", Method: "GET", Path: "/v1/workspaces/{ws}/users?memberships=ALL&email=zed", Status: 200,
				Checks: []apitest.Check{apitest.Len("0.memberships", 1), apitest.Equal("0.memberships.0.membershipStatus", "ACTIVE")}},
			{Name: "include roles", Method: "GET", Path: "/v1/workspaces/{ws}/users?include-roles=true&name=amy", Status: 200,
				Checks: []apitest.Check{apitest.Equal("0.roles.0.role", "WORKSPACE_ADMIN")}},
			{Name: "include roles of a user", Method: "GET", Path: "/v1/workspaces/{ws}/users?include-roles=1&name=zed", Status: 200,
				Checks: []apitest.Check{apitest.Len("0.roles", 0)}},
			{Name: "roles absent by default", Method: "GET", Path: "/v1/workspaces/{ws}/users?name=amy", Status: 200,
				Checks: []apitest.Check{apitest.Missing("0.roles")}},
			{Name: "page size 1 page 2", Method: "GET", Path: "/v1/workspaces/{ws}/users?page=2&page-size=1", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.name", "owner"), apitest.HeaderIs("Last-Page", "false")}},
			{Name: "page past the end", Method: "GET", Path: "/v1/workspaces/{ws}/users?page=9", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 0), apitest.HeaderIs("Last-Page", "true")}},
			{Name: "page size too large", Method: "GET", Path: "/v1/workspaces/{ws}/users?page-size=5001", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Contains("message", "5001")}},
			{Name: "page size 5000 is fine", Method: "GET", Path: "/v1/workspaces/{ws}/users?page-size=5000", Status: 200},
			{Name: "page zero", Method: "GET", Path: "/v1/workspaces/{ws}/users?page=0", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3000)}},
			{Name: "bad sort column", Method: "GET", Path: "/v1/workspaces/{ws}/users?sort-column=AGE", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Contains("message", "AGE")}},
			{Name: "regular member may list users", Method: "GET", Path: "/v1/workspaces/{ws}/users", Key: "{memberKey}", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 3)}},
			{Name: "invite by email", Method: "POST", Path: "/v1/workspaces/{ws}/users", Body: `{"email":"new.person@example.com"}`, Status: 200,
				Checks: []apitest.Check{apitest.Equal("id", "{ws}"), apitest.Len("memberships", 4)}},
			{Name: "invited member is pending", Method: "GET", Path: "/v1/workspaces/{ws}/users?email=new.person&memberships=WORKSPACE", Status: 200,
				Checks: []apitest.Check{apitest.Equal("0.status", "NOT_REGISTERED"), apitest.Equal("0.name", nil),
					apitest.Equal("0.memberships.0.membershipStatus", "PENDING")}},
			{Name: "status filter", Method: "GET", Path: "/v1/workspaces/{ws}/users?status=PENDING", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 1)}},
			{Name: "invite twice", Method: "POST", Path: "/v1/workspaces/{ws}/users", Body: `{"email":"new.person@example.com"}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "invite bad email", Method: "POST", Path: "/v1/workspaces/{ws}/users", Body: `{"email":"nope"}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "nope")}},
			{Name: "member cannot invite", Method: "POST", Path: "/v1/workspaces/{ws}/users", Key: "{memberKey}", Body: `{"email":"x@example.com"}`, Status: 403},
			{Name: "member hourly rate", Method: "PUT", Path: "/v1/workspaces/{ws}/users/{memberId}/hourly-rate", Body: `{"amount":2500}`, Status: 200,
				Checks: []apitest.Check{apitest.Equal("id", "{ws}")}},
			{Name: "member cost rate", Method: "PUT", Path: "/v1/workspaces/{ws}/users/{memberId}/cost-rate", Body: `{"amount":1500,"since":"2024-01-01T00:00:00Z"}`, Status: 200},
			{Name: "rates show in memberships", Method: "GET", Path: "/v1/workspaces/{ws}/users?email=zed&memberships=ALL", Status: 200,
				Checks: []apitest.Check{apitest.Equal("0.memberships.0.hourlyRate.amount", 2500), apitest.Equal("0.memberships.0.costRate.amount", 1500)}},
			{Name: "sort by hourly rate", Method: "GET", Path: "/v1/workspaces/{ws}/users?sort-column=HOURLYRATE&sort-order=DESCENDING", Status: 200,
				Checks: []apitest.Check{apitest.Equal("0.name", "zed")}},
			{Name: "deactivate", Method: "PUT", Path: "/v1/workspaces/{ws}/users/{memberId}", Body: `{"status":"INACTIVE"}`, Status: 200},
			{Name: "deactivated member is locked out", Method: "GET", Path: "/v1/workspaces/{ws}/users", Key: "{memberKey}", Status: 403},
			{Name: "reactivate", Method: "PUT", Path: "/v1/workspaces/{ws}/users/{memberId}", Body: `{"status":"ACTIVE"}`, Status: 200},
			{Name: "reactivated member is back", Method: "GET", Path: "/v1/workspaces/{ws}", Key: "{memberKey}", Status: 200},
			{Name: "bad status", Method: "PUT", Path: "/v1/workspaces/{ws}/users/{memberId}", Body: `{"status":"SLEEPING"}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3002), apitest.Contains("message", "SLEEPING")}},
			{Name: "owner cannot deactivate itself", Method: "PUT", Path: "/v1/workspaces/{ws}/users/" + env.Owner.UserID, Body: `{"status":"INACTIVE"}`, Status: 403,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Equal("message", "Access Denied")}},
			{Name: "unknown user", Method: "PUT", Path: "/v1/workspaces/{ws}/users/aaaaaaaaaaaaaaaaaaaaaaaa", Body: `{"status":"ACTIVE"}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Equal("message", "User doesn't belong to Workspace")}},
		})
	})
}

// TestMembersStablePaging pages through more members than one page holds,
// with equal sort keys, and checks that no member is skipped or repeated.
func TestMembersStablePaging(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		for i := range 54 {
			env.NewUser(t, "same", domain.RoleUser, "")
			_ = i
		}
		seen := map[string]bool{}
		// 55 members take 6 pages of 10, so a Last-Page header that never
		// turns true stops the loop at the cap instead of hanging the test.
		const maxPages = 20
		for page := 1; ; page++ {
			if page > maxPages {
				t.Fatalf("Last-Page was not true after %d pages; saw %d users", maxPages, len(seen))
			}
			r := env.Do(t, "GET", fmt.Sprintf("/v1/workspaces/{ws}/users?sort-column=NAME&page=%d&page-size=10", page), "", nil, nil)
			if r.Status != http.StatusOK {
				t.Fatalf("page %d: status %d: %s", page, r.Status, r.Body)
			}
			list := r.JSON(t).([]any)
			for i := range list {
				id := apitest.Str(t, list, fmt.Sprintf("%d.id", i))
				if seen[id] {
					t.Fatalf("page %d repeats user %s", page, id)
				}
				seen[id] = true
			}
			if r.Header.Get("Last-Page") == "true" {
				break
			}
		}
		if len(seen) != 55 {
			t.Errorf("paging saw %d users, want 55", len(seen))
		}
	})
}

func TestClients(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		member := env.NewUser(t, "member", domain.RoleUser, "")
		env.Vars["memberKey"] = member.Key
		apitest.Run(t, env, []apitest.Case{
			{Name: "create", Method: "POST", Path: "/v1/workspaces/{ws}/clients",
				Body: `{"name":"Acme","email":"billing@acme.test","note":"big","ccEmails":["x@y.z"],"currencyId":"abc"}`, Status: 201,
				Checks: []apitest.Check{apitest.Equal("name", "Acme"), apitest.Equal("workspaceId", "{ws}"), apitest.Equal("archived", false),
					apitest.Equal("email", "billing@acme.test"), apitest.Equal("ccEmails", nil), apitest.Equal("currencyCode", "USD"),
					apitest.Store(env, "acme", "id")}},
			{Name: "create second", Method: "POST", Path: "/v1/workspaces/{ws}/clients", Body: `{"name":"Bolt"}`, Status: 201,
				Checks: []apitest.Check{apitest.Store(env, "bolt", "id")}},
			{Name: "duplicate name any case", Method: "POST", Path: "/v1/workspaces/{ws}/clients", Body: `{"name":"ACME"}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "ACME")}},
			{Name: "blank name", Method: "POST", Path: "/v1/workspaces/{ws}/clients", Body: `{"name":" "}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "get", Method: "GET", Path: "/v1/workspaces/{ws}/clients/{acme}", Status: 200,
				Checks: []apitest.Check{apitest.Equal("note", "big")}},
			{Name: "get unknown", Method: "GET", Path: "/v1/workspaces/{ws}/clients/aaaaaaaaaaaaaaaaaaaaaaaa", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Equal("message", "Client doesn't belong to Workspace")}},
			{Name: "get malformed id", Method: "GET", Path: "/v1/workspaces/{ws}/clients/123", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "list", Method: "GET", Path: "/v1/workspaces/{ws}/clients", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 2), apitest.Equal("0.name", "Acme"), apitest.HeaderIs("Last-Page", "true")}},
			{Name: "list by name", Method: "GET", Path: "/v1/workspaces/{ws}/clients?name=ol", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.name", "Bolt")}},
			{Name: "name filter escapes wildcards", Method: "GET", Path: "/v1/workspaces/{ws}/clients?name=%25", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "descending", Method: "GET", Path: "/v1/workspaces/{ws}/clients?sort-order=DESCENDING", Status: 200,
				Checks: []apitest.Check{apitest.Equal("0.name", "Bolt")}},
			{Name: "put replaces", Method: "PUT", Path: "/v1/workspaces/{ws}/clients/{acme}",
				Body: `{"name":"Acme Inc","ccEmails":["a@b.c","d@e.f"],"currencyId":"{ws}"}`, Status: 200,
				Checks: []apitest.Check{apitest.Equal("name", "Acme Inc"), apitest.Equal("email", ""), apitest.Equal("note", ""),
					apitest.Len("ccEmails", 2), apitest.Equal("currencyId", "{ws}"), apitest.Missing("currencyCode")}},
			{Name: "put keeps name and currency, clears cc emails", Method: "PUT", Path: "/v1/workspaces/{ws}/clients/{acme}",
				Body: `{"note":"n"}`, Status: 200,
				Checks: []apitest.Check{apitest.Equal("name", "Acme Inc"), apitest.Equal("currencyId", "{ws}"), apitest.Equal("ccEmails", nil)}},
			{Name: "too many cc emails", Method: "PUT", Path: "/v1/workspaces/{ws}/clients/{acme}",
				Body: `{"ccEmails":["a@b.c","b@b.c","c@b.c","d@b.c"]}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "additional emails")}},
			{Name: "rename onto another", Method: "PUT", Path: "/v1/workspaces/{ws}/clients/{acme}", Body: `{"name":"bolt"}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "delete active", Method: "DELETE", Path: "/v1/workspaces/{ws}/clients/{acme}", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Equal("message", "Cannot delete an active client")}},
			{Name: "archive", Method: "PUT", Path: "/v1/workspaces/{ws}/clients/{acme}", Body: `{"archived":true}`, Status: 200,
				Checks: []apitest.Check{apitest.Equal("archived", true)}},
			{Name: "archived absent lists both", Method: "GET", Path: "/v1/workspaces/{ws}/clients", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 2)}},
			{Name: "archived true", Method: "GET", Path: "/v1/workspaces/{ws}/clients?archived=true", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.id", "{acme}")}},
			{Name: "archived 0", Method: "GET", Path: "/v1/workspaces/{ws}/clients?archived=0", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.id", "{bolt}")}},
			{Name: "archived not boolean", Method: "GET", Path: "/v1/workspaces/{ws}/clients?archived=maybe", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Contains("message", "maybe")}},
			{Name: "member cannot delete", Method: "DELETE", Path: "/v1/workspaces/{ws}/clients/{acme}", Key: "{memberKey}", Status: 403,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Equal("message", "Access Denied")}},
			{Name: "owner deletes archived", Method: "DELETE", Path: "/v1/workspaces/{ws}/clients/{acme}", Status: 200},
			{Name: "deleted is gone", Method: "GET", Path: "/v1/workspaces/{ws}/clients/{acme}", Status: 400},
			{Name: "name is free again", Method: "POST", Path: "/v1/workspaces/{ws}/clients", Body: `{"name":"Acme Inc"}`, Status: 201},
		})
	})
}

// TestClientsPaging checks Clockify's paging rules on 51 clients: pages of
// 50, then 1, then an empty page, with Last-Page headers.
func TestClientsPaging(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		for i := range 51 {
			env.MustDo(t, "POST", "/v1/workspaces/{ws}/clients", "", map[string]string{"name": fmt.Sprintf("client %02d", i)}, 201)
		}
		apitest.Run(t, env, []apitest.Case{
			{Name: "page 1", Method: "GET", Path: "/v1/workspaces/{ws}/clients", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 50), apitest.HeaderIs("Last-Page", "false"), apitest.Equal("0.name", "client 00")}},
			{Name: "page 2", Method: "GET", Path: "/v1/workspaces/{ws}/clients?page=2", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.HeaderIs("Last-Page", "true"), apitest.Equal("0.name", "client 50")}},
			{Name: "page 3", Method: "GET", Path: "/v1/workspaces/{ws}/clients?page=3", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 0), apitest.HeaderIs("Last-Page", "true")}},
			{Name: "page size 51", Method: "GET", Path: "/v1/workspaces/{ws}/clients?page-size=51", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 51), apitest.HeaderIs("Last-Page", "true")}},
			{Name: "page size not a number", Method: "GET", Path: "/v1/workspaces/{ws}/clients?page-size=ten", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3000)}},
			{Name: "negative page size", Method: "GET", Path: "/v1/workspaces/{ws}/clients?page-size=-5", Status: 400},
		})
	})
}

// TestErrorsAreJSON sends a spread of bad requests and checks that every
// non-2xx response has Clockify's JSON error shape.
func TestErrorsAreJSON(t *testing.T) {
	env := apitest.New(t, apitest.SQLite)
	paths := []string{"/v1/user", "/v1/workspaces/{ws}/clients/zzz", "/v2/anything", "/v1/workspaces/{ws}/users?page=x", "/"}
	for _, p := range paths {
		for _, method := range []string{"GET", "POST", "DELETE"} {
			r := env.Do(t, method, p, "", "{", nil)
			if r.Status < 400 {
				continue
			}
			if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
				t.Errorf("%s %s: status %d with Content-Type %q", method, p, r.Status, r.Header.Get("Content-Type"))
			}
			body, ok := r.JSON(t).(map[string]any)
			if !ok || body["message"] == nil || body["code"] == nil {
				t.Errorf("%s %s: status %d with body %s", method, p, r.Status, r.Body)
			}
		}
	}
}

func TestMembersWithProjects(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		member := env.NewUser(t, "member", domain.RoleUser, "")
		env.NewUser(t, "outsider", domain.RoleUser, "")
		env.Vars["memberId"] = member.UserID
		apitest.Run(t, env, []apitest.Case{
			{Name: "create project with member", Method: "POST", Path: "/v1/workspaces/{ws}/projects",
				Body: `{"name":"Apollo","memberships":[{"userId":"{memberId}","hourlyRate":{"amount":4200}}]}`, Status: 201,
				Checks: []apitest.Check{apitest.Store(env, "pid", "id")}},
			{Name: "project filter", Method: "GET", Path: "/v1/workspaces/{ws}/users?projectId={pid}&sort-column=NAME", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 2), apitest.Equal("0.name", "member"), apitest.Equal("1.name", "owner")}},
			{Name: "project filter in kebab case", Method: "GET", Path: "/v1/workspaces/{ws}/users?project-id={pid}", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 2)}},
			{Name: "project memberships", Method: "GET", Path: "/v1/workspaces/{ws}/users?memberships=PROJECT&name=member", Status: 200,
				Checks: []apitest.Check{apitest.Len("0.memberships", 1), apitest.Equal("0.memberships.0.membershipType", "PROJECT"),
					apitest.Equal("0.memberships.0.targetId", "{pid}"), apitest.Equal("0.memberships.0.hourlyRate.amount", 4200)}},
			{Name: "all memberships", Method: "GET", Path: "/v1/workspaces/{ws}/users?memberships=ALL&name=member", Status: 200,
				Checks: []apitest.Check{apitest.Len("0.memberships", 2), apitest.Equal("0.memberships.0.membershipType", "WORKSPACE"),
					apitest.Equal("0.memberships.1.membershipType", "PROJECT")}},
			{Name: "outsider has none", Method: "GET", Path: "/v1/workspaces/{ws}/users?memberships=PROJECT&name=outsider", Status: 200,
				Checks: []apitest.Check{apitest.Len("0.memberships", 0)}},
		})
	})
}

// TestUnstorableTextRejected checks that U+0000 and invalid UTF-8, which
// PostgreSQL cannot store in text, get a 400 on both engines instead of a
// database error.
func TestUnstorableTextRejected(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		apitest.Run(t, env, []apitest.Case{
			{Name: "body string", Method: "POST", Path: "/v1/workspaces/{ws}/clients", Body: `{"name":"a\u0000b"}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3002), apitest.Contains("message", "NUL")}},
			{Name: "time entry description", Method: "POST", Path: "/v1/workspaces/{ws}/time-entries",
				Body: `{"start":"2024-01-01T09:00:00Z","description":"x\u0000"}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3002)}},
			{Name: "escaped backslash is not NUL", Method: "POST", Path: "/v1/workspaces/{ws}/clients", Body: `{"name":"a\\u0000b"}`, Status: 201,
				Checks: []apitest.Check{apitest.Equal("name", `a\u0000b`)}},
			{Name: "query value", Method: "GET", Path: "/v1/workspaces/{ws}/clients?name=a%00b", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Contains("message", "'name'")}},
			{Name: "query value not UTF-8", Method: "GET", Path: "/v1/workspaces/{ws}/tags?excluded-ids=%ff", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Contains("message", "'excluded-ids'")}},
			{Name: "query name not UTF-8", Method: "GET", Path: "/v1/workspaces/{ws}/tags?%ff=1", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3000)}},
			{Name: "body not UTF-8", Method: "POST", Path: "/v1/workspaces/{ws}/tags", Body: "{\"name\":\"a\xffb\"}", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3002), apitest.Contains("message", "UTF-8")}},
			{Name: "too many list values", Method: "GET", Path: "/v1/workspaces/{ws}/tags?excluded-ids=" + strings.Repeat("a,", 5000) + "a", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Contains("message", "5001")}},
			{Name: "list values at the cap", Method: "GET", Path: "/v1/workspaces/{ws}/tags?excluded-ids=" + strings.Repeat("a,", 4999) + "a", Status: 200},
			{Name: "nothing was stored", Method: "GET", Path: "/v1/workspaces/{ws}/clients", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 1)}},
		})
	})
}

// TestInstantYearRange checks that instants far from now are rejected, so
// that every duration between accepted instants can be represented.
func TestInstantYearRange(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		apitest.Run(t, env, []apitest.Case{
			{Name: "year 1", Method: "POST", Path: "/v1/workspaces/{ws}/time-entries",
				Body: `{"start":"0001-01-01T00:00:00Z","end":"2024-01-01T00:00:00Z"}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3002), apitest.Contains("message", "0001-01-01T00:00:00Z")}},
			{Name: "year 9999", Method: "POST", Path: "/v1/workspaces/{ws}/time-entries",
				Body: `{"start":"2024-01-01T00:00:00Z","end":"9999-12-31T23:59:59Z"}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3002)}},
			{Name: "query start", Method: "GET", Path: "/v1/workspaces/{ws}/user/" + env.Owner.UserID + "/time-entries?start=0001-01-01T00:00:00Z", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3000)}},
			{Name: "a century is fine", Method: "POST", Path: "/v1/workspaces/{ws}/time-entries",
				Body: `{"start":"1980-01-01T00:00:00Z","end":"2080-01-01T00:00:00Z"}`, Status: 201,
				Checks: []apitest.Check{apitest.Equal("timeInterval.duration", "PT876600H")}},
		})
	})
}

// TestHugePageNumber checks that a page number whose offset would overflow
// selects an empty last page on every paginated list.
func TestHugePageNumber(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		env.MustDo(t, "POST", "/v1/workspaces/{ws}/tags", "", map[string]string{"name": "t"}, 201)
		env.MustDo(t, "POST", "/v1/workspaces/{ws}/time-entries", "", map[string]string{"start": "2024-01-01T09:00:00Z"}, 201)
		paths := []string{"/users", "/clients", "/tags", "/projects", "/user/" + env.Owner.UserID + "/time-entries",
			"/time-entries/status/in-progress"}
		var cases []apitest.Case
		for _, p := range paths {
			cases = append(cases, apitest.Case{Name: p, Method: "GET", Path: "/v1/workspaces/{ws}" + p + "?page=4611686018427387905&page-size=2",
				Status: 200, Checks: []apitest.Check{apitest.Len("", 0), apitest.HeaderIs("Last-Page", "true")}})
		}
		apitest.Run(t, env, cases)
	})
}

// TestPendingMemberHasNoAccess checks that an invitation gives no access
// until it is accepted, which here means an admin activates the member.
func TestPendingMemberHasNoAccess(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		invitee, err := env.Svc.CreateUser(t.Context(), domain.NewUser{Email: "pending-" + env.Owner.UserID + "@example.com",
			Name: "Pat", WorkspaceName: "Pat's own"})
		if err != nil {
			t.Fatal(err)
		}
		env.Vars["patKey"], env.Vars["patId"] = invitee.APIKey, invitee.UserID
		env.Vars["patEmail"] = "pending-" + env.Owner.UserID + "@example.com"
		apitest.Run(t, env, []apitest.Case{
			{Name: "invite", Method: "POST", Path: "/v1/workspaces/{ws}/users", Body: `{"email":"{patEmail}"}`, Status: 200},
			{Name: "pending cannot open", Method: "GET", Path: "/v1/workspaces/{ws}", Key: "{patKey}", Status: 403,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "pending cannot track", Method: "POST", Path: "/v1/workspaces/{ws}/time-entries", Key: "{patKey}",
				Body: `{"start":"2024-01-01T09:00:00Z"}`, Status: 403},
			{Name: "pending workspace not listed", Method: "GET", Path: "/v1/workspaces", Key: "{patKey}", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.name", "Pat's own")}},
			{Name: "admin activates", Method: "PUT", Path: "/v1/workspaces/{ws}/users/{patId}", Body: `{"status":"ACTIVE"}`, Status: 200},
			{Name: "active member opens", Method: "GET", Path: "/v1/workspaces/{ws}", Key: "{patKey}", Status: 200},
			{Name: "both listed", Method: "GET", Path: "/v1/workspaces", Key: "{patKey}", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 2)}},
		})
	})
}

// TestClientDeleteDetachesProjects checks that a deleted client's projects
// lose the client instead of keeping an id the API no longer accepts.
func TestClientDeleteDetachesProjects(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		apitest.Run(t, env, []apitest.Case{
			{Name: "client", Method: "POST", Path: "/v1/workspaces/{ws}/clients", Body: `{"name":"Gone"}`, Status: 201,
				Checks: []apitest.Check{apitest.Store(env, "cid", "id")}},
			{Name: "project", Method: "POST", Path: "/v1/workspaces/{ws}/projects", Body: `{"name":"Kept","clientId":"{cid}"}`, Status: 201,
				Checks: []apitest.Check{apitest.Store(env, "pid", "id")}},
			{Name: "same name, other client", Method: "POST", Path: "/v1/workspaces/{ws}/projects", Body: `{"name":"Twin","clientId":"{cid}"}`, Status: 201},
			{Name: "archive", Method: "PUT", Path: "/v1/workspaces/{ws}/clients/{cid}", Body: `{"archived":true}`, Status: 200},
			{Name: "no-client twin", Method: "POST", Path: "/v1/workspaces/{ws}/projects", Body: `{"name":"Twin"}`, Status: 201,
				Checks: []apitest.Check{apitest.Store(env, "twin", "id")}},
			{Name: "delete clashes", Method: "DELETE", Path: "/v1/workspaces/{ws}/clients/{cid}", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "Rename")}},
			{Name: "client survives the refusal", Method: "GET", Path: "/v1/workspaces/{ws}/clients/{cid}", Status: 200},
			{Name: "rename the twin", Method: "PUT", Path: "/v1/workspaces/{ws}/projects/{twin}", Body: `{"name":"Twin 2"}`, Status: 200},
			{Name: "delete", Method: "DELETE", Path: "/v1/workspaces/{ws}/clients/{cid}", Status: 200},
			{Name: "project has no client", Method: "GET", Path: "/v1/workspaces/{ws}/projects/{pid}", Status: 200,
				Checks: []apitest.Check{apitest.Equal("clientId", ""), apitest.Equal("clientName", "")}},
			{Name: "filter by the old client", Method: "GET", Path: "/v1/workspaces/{ws}/projects?clients={cid}", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 0)}},
		})
	})
}

// TestClientEmailAndCurrencyChecks checks the client fields Clockify validates.
func TestClientEmailAndCurrencyChecks(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		apitest.Run(t, env, []apitest.Case{
			{Name: "bad email on create", Method: "POST", Path: "/v1/workspaces/{ws}/clients", Body: `{"name":"A","email":"bogus"}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "bogus")}},
			{Name: "create", Method: "POST", Path: "/v1/workspaces/{ws}/clients", Body: `{"name":"A","email":"a@example.com"}`, Status: 201,
				Checks: []apitest.Check{apitest.Store(env, "cid", "id")}},
			{Name: "bad cc email", Method: "PUT", Path: "/v1/workspaces/{ws}/clients/{cid}", Body: `{"ccEmails":["not an email"]}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "foreign currency", Method: "PUT", Path: "/v1/workspaces/{ws}/clients/{cid}", Body: `{"currencyId":"garbage"}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "garbage")}},
			{Name: "workspace currency", Method: "PUT", Path: "/v1/workspaces/{ws}/clients/{cid}", Body: `{"currencyId":"{ws}","ccEmails":["b@example.com"]}`, Status: 200,
				Checks: []apitest.Check{apitest.Equal("currencyId", "{ws}"), apitest.Len("ccEmails", 1)}},
		})
	})
}

// TestDotSegmentsRouted checks that paths with "." and ".." segments are
// resolved and routed, not redirected with an HTML body.
func TestDotSegmentsRouted(t *testing.T) {
	env := apitest.New(t, apitest.SQLite)
	for _, p := range []string{"/v1/./workspaces/{ws}", "/v1/workspaces/{ws}/tags/../../{ws}", "/v1/workspaces/./{ws}/"} {
		req, err := http.NewRequest("GET", env.URL+"/api"+env.Expand(p), nil)
		if err != nil {
			t.Fatal(err)
		}
		req.URL.Opaque = "//" + req.URL.Host + "/api" + env.Expand(p) // keeps the dot segments as sent
		req.Header.Set("X-Api-Key", env.Owner.Key)
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		ct := resp.Header.Get("Content-Type")
		if !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s: status %d with Content-Type %q, want JSON", p, resp.StatusCode, ct)
		}
		if p != "/v1/workspaces/./{ws}/" && resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d, want 200", p, resp.StatusCode)
		}
	}
}

func TestFilterMembersByBody(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		env.NewUser(t, "zed", domain.RoleUser, "")
		env.NewUser(t, "amy", domain.RoleAdmin, "")
		const path = "/v1/workspaces/{ws}/users/info"
		apitest.Run(t, env, []apitest.Case{
			{Name: "empty body lists all by email", Method: "POST", Path: path, Body: `{}`, Status: 200,
				Checks: []apitest.Check{apitest.Len("", 3), apitest.Equal("0.name", "amy"), apitest.HeaderIs("Last-Page", "true")}},
			{Name: "name and sort", Method: "POST", Path: path, Body: `{"sortColumn":"NAME","sortOrder":"DESCENDING"}`, Status: 200,
				Checks: []apitest.Check{apitest.Equal("0.name", "zed"), apitest.Equal("2.name", "amy")}},
			{Name: "email filter", Method: "POST", Path: path, Body: `{"email":"zed-"}`, Status: 200,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.name", "zed")}},
			{Name: "admins include the owner", Method: "POST", Path: path, Body: `{"roles":["WORKSPACE_ADMIN"],"sortColumn":"NAME"}`, Status: 200,
				Checks: []apitest.Check{apitest.Len("", 2), apitest.Equal("0.name", "amy"), apitest.Equal("1.name", "owner")}},
			{Name: "owner role", Method: "POST", Path: path, Body: `{"roles":["OWNER"]}`, Status: 200,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.name", "owner")}},
			{Name: "project managers match nobody", Method: "POST", Path: path, Body: `{"roles":["PROJECT_MANAGER"]}`, Status: 200,
				Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "user groups match nobody", Method: "POST", Path: path, Body: `{"userGroups":["aaaaaaaaaaaaaaaaaaaaaaaa"]}`, Status: 200,
				Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "paging", Method: "POST", Path: path, Body: `{"page":2,"pageSize":2}`, Status: 200,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.HeaderIs("Last-Page", "true")}},
			{Name: "first page not last", Method: "POST", Path: path, Body: `{"page":1,"pageSize":2}`, Status: 200,
				Checks: []apitest.Check{apitest.Len("", 2), apitest.HeaderIs("Last-Page", "false")}},
			{Name: "memberships and roles", Method: "POST", Path: path, Body: `{"name":"amy","memberships":"WORKSPACE","includeRoles":true}`, Status: 200,
				Checks: []apitest.Check{apitest.Len("0.memberships", 1), apitest.Equal("0.roles.0.role", "WORKSPACE_ADMIN")}},
			{Name: "bad enum", Method: "POST", Path: path, Body: `{"sortColumn":"AGE"}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3002), apitest.Contains("message", "AGE")}},
			{Name: "bad role", Method: "POST", Path: path, Body: `{"roles":["KING"]}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3002), apitest.Contains("message", "KING")}},
			{Name: "page size too large", Method: "POST", Path: path, Body: `{"pageSize":5001}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "5001")}},
			{Name: "page zero", Method: "POST", Path: path, Body: `{"page":0}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
		})
	})
}
