package api_test

import (
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
				Body: `{"amount":100000000000,"currency":"eur"}`, Status: 200,
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
