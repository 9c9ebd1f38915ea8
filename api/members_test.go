package api_test

import (
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

// The accountStatuses filter (also spelled account-statuses) of the member
// list selects users by account status. Without it the list hides no ACTIVE
// or NOT_REGISTERED member.
func TestMembersAccountStatuses(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		env.NewUser(t, "amy", domain.RoleUser, "")
		for _, email := range []string{"inv1@example.com", "inv2@example.com"} {
			env.MustDo(t, "POST", "/v1/workspaces/{ws}/users", "", map[string]string{"email": email}, 200)
		}
		// Sorted by email: amy-*, inv1, inv2, owner-*.
		const path = "/v1/workspaces/{ws}/users"
		activeFirst := []apitest.Check{apitest.Len("", 2), apitest.Equal("0.name", "amy"), apitest.Equal("0.status", "ACTIVE"),
			apitest.Equal("1.name", "owner"), apitest.Equal("1.status", "ACTIVE")}
		invitedOnly := []apitest.Check{apitest.Len("", 2), apitest.Equal("0.email", "inv1@example.com"), apitest.Equal("0.status", "NOT_REGISTERED"),
			apitest.Equal("1.email", "inv2@example.com"), apitest.Equal("1.status", "NOT_REGISTERED")}
		everyone := []apitest.Check{apitest.Len("", 4), apitest.Equal("0.status", "ACTIVE"), apitest.Equal("1.status", "NOT_REGISTERED"),
			apitest.Equal("2.status", "NOT_REGISTERED"), apitest.Equal("3.status", "ACTIVE")}
		apitest.Run(t, env, []apitest.Case{
			{Name: "default lists active and invited", Method: "GET", Path: path, Status: 200, Checks: everyone},
			{Name: "not registered only", Method: "GET", Path: path + "?accountStatuses=NOT_REGISTERED", Status: 200, Checks: invitedOnly},
			{Name: "kebab form", Method: "GET", Path: path + "?account-statuses=NOT_REGISTERED", Status: 200, Checks: invitedOnly},
			{Name: "lower case value", Method: "GET", Path: path + "?accountStatuses=not_registered", Status: 200, Checks: invitedOnly},
			{Name: "active only", Method: "GET", Path: path + "?accountStatuses=ACTIVE", Status: 200, Checks: activeFirst},
			{Name: "comma list", Method: "GET", Path: path + "?accountStatuses=ACTIVE,NOT_REGISTERED", Status: 200, Checks: everyone},
			{Name: "repeated parameter", Method: "GET", Path: path + "?account-statuses=ACTIVE&account-statuses=NOT_REGISTERED", Status: 200, Checks: everyone},
			{Name: "deleted matches nobody", Method: "GET", Path: path + "?accountStatuses=DELETED", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "invalid value", Method: "GET", Path: path + "?accountStatuses=SLEEPING", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Contains("message", "SLEEPING"), apitest.Contains("message", "accountStatuses")}},
			{Name: "invalid value in kebab list", Method: "GET", Path: path + "?account-statuses=ACTIVE,BOGUS", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3000), apitest.Contains("message", "BOGUS"), apitest.Contains("message", "account-statuses")}},
		})
	})
}
