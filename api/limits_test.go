package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/punchclock/punchclock/apitest"
)

// TestRateLimits checks the bounds on money amounts and currency codes.
func TestRateLimits(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		apitest.Run(t, env, []apitest.Case{
			{Name: "amount above max", Method: "PUT", Path: "/v1/workspaces/{ws}/hourly-rate",
				Body: `{"amount":9223372036854775807,"currency":"USD"}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "9223372036854775807")}},
			{Name: "currency not a code", Method: "PUT", Path: "/v1/workspaces/{ws}/hourly-rate",
				Body: `{"amount":100,"currency":"dollars"}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "dollars")}},
			{Name: "max amount is fine", Method: "PUT", Path: "/v1/workspaces/{ws}/hourly-rate",
				Body: `{"amount":100000000000,"currency":"eur","since":"2020-01-01T00:00:00Z"}`, Status: 200,
				Checks: []apitest.Check{apitest.Equal("hourlyRate.amount", 100000000000), apitest.Equal("hourlyRate.currency", "EUR")}},
			{Name: "billable total stays positive", Method: "POST", Path: "/v1/workspaces/{ws}/time-entries",
				Body: `{"start":"2024-01-01T00:00:00Z","end":"2024-01-01T02:00:00Z","billable":true}`, Status: 201,
				Checks: []apitest.Check{apitest.Store(env, "entry", "id")}},
			{Name: "hydrated total", Method: "GET", Path: "/v1/workspaces/{ws}/time-entries/{entry}?hydrated=true", Status: 200,
				Checks: []apitest.Check{apitest.Equal("totalBillable", 200000000000)}},
			{Name: "member rate above max", Method: "PUT", Path: "/v1/workspaces/{ws}/users/" + env.Owner.UserID + "/hourly-rate",
				Body: `{"amount":100000000001}`, Status: 400, Checks: []apitest.Check{apitest.ErrorBody(501)}},
		})
	})
}

// TestInputLimits checks boolean spellings, repeated credentials and the
// size of error messages about huge inputs.
func TestInputLimits(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		long := strings.Repeat("x", 5000)
		apitest.Run(t, env, []apitest.Case{
			{Name: "boolean yes", Method: "GET", Path: "/v1/workspaces/{ws}/clients?archived=yes", Status: 200},
			{Name: "boolean off", Method: "GET", Path: "/v1/user?include-memberships=off", Status: 200,
				Checks: []apitest.Check{apitest.Len("memberships", 0)}},
			{Name: "boolean ON", Method: "GET", Path: "/v1/user?include-memberships=ON", Status: 200,
				Checks: []apitest.Check{apitest.Len("memberships", 1)}},
			{Name: "boolean maybe", Method: "GET", Path: "/v1/user?include-memberships=maybe", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3000)}},
			{Name: "long name clipped in message", Method: "POST", Path: "/v1/workspaces/{ws}/tags", Body: `{"name":"` + long + `"}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), shortMessage(200)}},
			{Name: "huge estimate", Method: "POST", Path: "/v1/workspaces/{ws}/projects", Body: `{"name":"Est"}`, Status: 201,
				Checks: []apitest.Check{apitest.Store(env, "pid", "id")}},
			{Name: "estimate overflow", Method: "PATCH", Path: "/v1/workspaces/{ws}/projects/{pid}/estimate",
				Body: `{"timeEstimate":{"estimate":"PT99999999999999H","type":"MANUAL","active":true}}`, Status: 400,
				Checks: []apitest.Check{apitest.Contains("message", "PT99999999999999H")}},
		})

		req, err := http.NewRequest("GET", env.URL+"/api/v1/user", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Add("X-Api-Key", env.Owner.Key)
		req.Header.Add("X-Api-Key", env.Owner.Key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("two X-Api-Key headers: status %d, want 401", resp.StatusCode)
		}
	})
}

// shortMessage checks that the error message has at most n bytes.
func shortMessage(n int) apitest.Check {
	return func(t testing.TB, r *apitest.Response) {
		t.Helper()
		msg, _ := apitest.Lookup(r.JSON(t), "message")
		if s, _ := msg.(string); len(s) > n {
			t.Errorf("%s: message has %d bytes, want at most %d", r.Path, len(s), n)
		}
	}
}

// TestRateSinceFormat checks that a rate's since date is read as an
// ISO-8601 instant and that a bad one is named without Go's layout text.
func TestRateSinceFormat(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		apitest.Run(t, env, []apitest.Case{
			{Name: "date only", Method: "PUT", Path: "/v1/workspaces/{ws}/users/" + env.Owner.UserID + "/hourly-rate",
				Body: `{"amount":100,"since":"2024-01-01"}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3002), apitest.Contains("message", "'since'"), notContains("message", "2006-01-02")}},
			{Name: "project rate date only", Method: "POST", Path: "/v1/workspaces/{ws}/projects",
				Body: `{"name":"q","hourlyRate":{"amount":1,"since":"2024-01-01"}}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3002), notContains("message", "2006-01-02")}},
			{Name: "with milliseconds", Method: "PUT", Path: "/v1/workspaces/{ws}/users/" + env.Owner.UserID + "/hourly-rate",
				Body: `{"amount":100,"since":"2024-01-01T00:00:00.000Z"}`, Status: 200},
		})
	})
}

// notContains checks that the string at path does not contain sub.
func notContains(path, sub string) apitest.Check {
	return func(t testing.TB, r *apitest.Response) {
		t.Helper()
		got, _ := apitest.Lookup(r.JSON(t), path)
		if s, _ := got.(string); strings.Contains(s, sub) {
			t.Errorf("%s: %q = %q, want no %q in it", r.Path, path, s, sub)
		}
	}
}

// TestMillisecondDurations checks that estimates given in milliseconds are
// read alike on projects and tasks, and that values too large for a
// duration are rejected rather than wrapped.
func TestMillisecondDurations(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		apitest.Run(t, env, []apitest.Case{
			{Name: "project", Method: "POST", Path: "/v1/workspaces/{ws}/projects", Body: `{"name":"Ms"}`, Status: 201,
				Checks: []apitest.Check{apitest.Store(env, "pid", "id")}},
			{Name: "estimate in ms", Method: "PATCH", Path: "/v1/workspaces/{ws}/projects/{pid}/estimate",
				Body: `{"timeEstimate":{"estimate":"5400000","type":"MANUAL","active":true}}`, Status: 200,
				Checks: []apitest.Check{apitest.Equal("timeEstimate.estimate", "PT1H30M")}},
			{Name: "estimate ms wraps past zero", Method: "PATCH", Path: "/v1/workspaces/{ws}/projects/{pid}/estimate",
				Body: `{"timeEstimate":{"estimate":"18446744073710","type":"MANUAL","active":true}}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3002), apitest.Contains("message", "18446744073710")}},
			{Name: "estimate ms max int64", Method: "PATCH", Path: "/v1/workspaces/{ws}/projects/{pid}/estimate",
				Body: `{"timeEstimate":{"estimate":"9223372036854775807","type":"MANUAL","active":true}}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3002)}},
			{Name: "estimate unchanged", Method: "GET", Path: "/v1/workspaces/{ws}/projects/{pid}", Status: 200,
				Checks: []apitest.Check{apitest.Equal("timeEstimate.estimate", "PT1H30M")}},
			{Name: "task estimate in ms", Method: "POST", Path: "/v1/workspaces/{ws}/projects/{pid}/tasks",
				Body: `{"name":"t","estimate":"3600000"}`, Status: 201,
				Checks: []apitest.Check{apitest.Equal("estimate", "PT1H")}},
			{Name: "task in project create ms overflow", Method: "POST", Path: "/v1/workspaces/{ws}/projects",
				Body: `{"name":"Ms2","tasks":[{"name":"t","estimate":"18446744073709552"}]}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3002)}},
		})
	})
}

// TestProjectTextAndBudgetLimits checks the blank-name message and the
// budget cap.
func TestProjectTextAndBudgetLimits(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		apitest.Run(t, env, []apitest.Case{
			{Name: "blank name quoted as sent", Method: "POST", Path: "/v1/workspaces/{ws}/projects", Body: `{"name":"  "}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", `"  "`)}},
			{Name: "project", Method: "POST", Path: "/v1/workspaces/{ws}/projects", Body: `{"name":"Budget"}`, Status: 201,
				Checks: []apitest.Check{apitest.Store(env, "pid", "id")}},
			{Name: "budget above 2^53", Method: "PATCH", Path: "/v1/workspaces/{ws}/projects/{pid}/estimate",
				Body: `{"budgetEstimate":{"estimate":9223372036854775807,"type":"MANUAL","active":true}}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "9007199254740991")}},
			{Name: "task budget above 2^53", Method: "POST", Path: "/v1/workspaces/{ws}/projects/{pid}/tasks",
				Body: `{"name":"t","budgetEstimate":9223372036854775807}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "9007199254740991")}},
			{Name: "budget at 2^53-1", Method: "PATCH", Path: "/v1/workspaces/{ws}/projects/{pid}/estimate",
				Body: `{"budgetEstimate":{"estimate":9007199254740991,"type":"MANUAL","active":true}}`, Status: 200,
				Checks: []apitest.Check{apitest.Equal("budgetEstimate.estimate", 9007199254740991)}},
		})
	})
}
