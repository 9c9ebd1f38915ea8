package api_test

import (
	"testing"

	"github.com/punchclock/punchclock/apitest"
)

// TestUnicodeNamesFoldAlike checks that names differing only in the case of
// non-ASCII letters collide, and match filters, the same way on both engines.
func TestUnicodeNamesFoldAlike(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		apitest.Run(t, env, []apitest.Case{
			{Name: "create upper", Method: "POST", Path: "/v1/workspaces/{ws}/tags", Body: `{"name":"Äpfel"}`, Status: 201},
			{Name: "lower collides", Method: "POST", Path: "/v1/workspaces/{ws}/tags", Body: `{"name":"äpfel"}`, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "client collides", Method: "POST", Path: "/v1/workspaces/{ws}/clients", Body: `{"name":"Çlient"}`, Status: 201},
			{Name: "client lower collides", Method: "POST", Path: "/v1/workspaces/{ws}/clients", Body: `{"name":"çlient"}`, Status: 400},
			{Name: "filter in other case", Method: "GET", Path: "/v1/workspaces/{ws}/tags?name=%C3%A4pf", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.name", "Äpfel")}},
			{Name: "filter upper finds", Method: "GET", Path: "/v1/workspaces/{ws}/clients?name=%C3%87LI", Status: 200,
				Checks: []apitest.Check{apitest.Len("", 1)}},
		})
	})
}
