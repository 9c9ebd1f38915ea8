package api_test

import (
	"net/http"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

const (
	userTotalsPath   = "/v1/workspaces/{ws}/scheduling/assignments/users/"
	filterTotalsPath = "/v1/workspaces/{ws}/scheduling/assignments/user-filter/totals"
	totalsPeriod     = "?start=2026-03-02T00:00:00Z&end=2026-03-09T00:00:00Z"
)

// The scheduling totals show each member's daily capacity and working days
// from the member profile.
func TestSchedulingCapacityTotals(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		for _, name := range []string{"amy", "bob", "cat"} {
			u := env.NewUser(t, name, domain.RoleUser, "")
			env.Vars[name], env.Vars[name+"Key"] = u.UserID, u.Key
		}
		env.Vars["owner"] = env.Owner.UserID
		env.MustDo(t, "PATCH", profilePath+"{amy}", "", map[string]any{"workCapacity": "PT6H", "workingDays": []string{"MONDAY", "TUESDAY"}}, http.StatusOK)
		env.MustDo(t, "PUT", "/v1/workspaces/{ws}/users/{cat}", "", map[string]any{"status": "INACTIVE"}, http.StatusOK)
		group := env.MustDo(t, "POST", "/v1/workspaces/{ws}/user-groups", "", map[string]any{"name": "Crew"}, http.StatusCreated)
		env.Vars["crew"] = apitest.Str(t, group, "id")
		env.MustDo(t, "POST", "/v1/workspaces/{ws}/user-groups/{crew}/users", "", map[string]any{"userId": "{amy}"}, http.StatusOK)
		body := func(extra map[string]any) map[string]any {
			out := map[string]any{"start": "2026-03-02T00:00:00Z", "end": "2026-03-09T00:00:00Z"}
			for k, v := range extra {
				out[k] = v
			}
			return out
		}
		apitest.Run(t, env, []apitest.Case{
			{Name: "one user", Method: "GET", Path: userTotalsPath + "{amy}/totals" + totalsPeriod, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("userId", "{amy}"),
				apitest.Equal("userName", "amy"),
				apitest.Equal("userStatus", "ACTIVE"),
				apitest.Equal("workspaceId", "{ws}"),
				apitest.Equal("capacityPerDay", 21600),
				apitest.Equal("workingDays", []string{"MONDAY", "TUESDAY"}),
				apitest.Equal("totalHoursPerDay", []any{}),
			}},
			{Name: "defaults", Method: "GET", Path: userTotalsPath + "{bob}/totals" + totalsPeriod, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("capacityPerDay", 28800),
				apitest.Equal("workingDays", []string{"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}),
			}},
			{Name: "start missing", Method: "GET", Path: userTotalsPath + "{amy}/totals?end=2026-03-09T00:00:00Z", Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.ErrorBody(3001), apitest.Contains("message", "'start'")}},
			{Name: "end before start", Method: "GET", Path: userTotalsPath + "{amy}/totals?start=2026-03-09T00:00:00Z&end=2026-03-02T00:00:00Z",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "unknown user", Method: "GET", Path: userTotalsPath + "0123456789abcdef01234567/totals" + totalsPeriod, Status: http.StatusBadRequest,
				Checks: []apitest.Check{apitest.Contains("message", "User doesn't belong")}},
			{Name: "own totals", Method: "GET", Path: userTotalsPath + "{amy}/totals" + totalsPeriod, Key: "{amyKey}", Status: http.StatusOK},
			{Name: "another member's totals", Method: "GET", Path: userTotalsPath + "{bob}/totals" + totalsPeriod, Key: "{amyKey}",
				Status: http.StatusForbidden, Checks: []apitest.Check{apitest.Equal("message", "Access Denied")}},

			{Name: "active members by name", Method: "POST", Path: filterTotalsPath, Body: body(nil), Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 3),
				apitest.Equal("0.userName", "amy"),
				apitest.Equal("0.capacityPerDay", 21600),
				apitest.Equal("1.userName", "bob"),
				apitest.Equal("2.userName", "owner"),
			}},
			{Name: "all statuses", Method: "POST", Path: filterTotalsPath, Body: body(map[string]any{"userFilter": map[string]any{"status": "ALL"}}),
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 4), apitest.Equal("2.userName", "cat"), apitest.Equal("2.userStatus", "INACTIVE")}},
			{Name: "search by email", Method: "POST", Path: filterTotalsPath, Body: body(map[string]any{"search": "BOB-"}),
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.userName", "bob")}},
			{Name: "only these users", Method: "POST", Path: filterTotalsPath,
				Body:   body(map[string]any{"userFilter": map[string]any{"contains": "CONTAINS", "ids": []string{"{bob}", "{owner}"}}}),
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 2), apitest.Equal("0.userName", "bob")}},
			{Name: "all but these users", Method: "POST", Path: filterTotalsPath,
				Body:   body(map[string]any{"userFilter": map[string]any{"contains": "DOES_NOT_CONTAIN", "ids": []string{"{bob}", "{owner}"}}}),
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.userName", "amy")}},
			{Name: "group members", Method: "POST", Path: filterTotalsPath,
				Body:   body(map[string]any{"userGroupFilter": map[string]any{"contains": "CONTAINS", "ids": []string{"{crew}"}}}),
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.userName", "amy")}},
			{Name: "outside the group", Method: "POST", Path: filterTotalsPath,
				Body:   body(map[string]any{"userGroupFilter": map[string]any{"contains": "DOES_NOT_CONTAIN", "ids": []string{"{crew}"}}}),
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 2)}},
			{Name: "second page", Method: "POST", Path: filterTotalsPath, Body: body(map[string]any{"page": 2, "pageSize": 2}),
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.userName", "owner")}},
			{Name: "page past the end", Method: "POST", Path: filterTotalsPath, Body: body(map[string]any{"page": 9, "pageSize": 2}),
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "page size over 200", Method: "POST", Path: filterTotalsPath, Body: body(map[string]any{"pageSize": 201}),
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "201")}},
			{Name: "start missing in body", Method: "POST", Path: filterTotalsPath, Body: map[string]any{"end": "2026-03-09T00:00:00Z"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "bad contains", Method: "POST", Path: filterTotalsPath, Body: body(map[string]any{"userFilter": map[string]any{"contains": "HAS"}}),
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3002), apitest.Contains("message", "HAS")}},
			{Name: "bad status filter", Method: "POST", Path: filterTotalsPath, Body: body(map[string]any{"statusFilter": "DRAFT"}),
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3002)}},
			{Name: "member sees only self", Method: "POST", Path: filterTotalsPath, Key: "{amyKey}", Body: body(nil),
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.userName", "amy")}},
		})
	})
}
