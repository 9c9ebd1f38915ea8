package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/punchclock/punchclock/apitest"
)

// getHealth requests a health endpoint without an API key and decodes its
// body's status field.
func getHealth(t *testing.T, env *apitest.Env, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(env.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: reading body: %v", path, err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("GET %s: Content-Type = %q, want application/json", path, ct)
	}
	var body struct {
		Status string `json:"status"`
	}
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatalf("GET %s: body %q is not JSON: %v", path, raw, err)
	}
	return resp.StatusCode, body.Status
}

func TestHealthEndpoints(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		for _, path := range []string{"/healthz", "/readyz"} {
			status, body := getHealth(t, env, path)
			if status != http.StatusOK {
				t.Errorf("GET %s: status %d, want 200", path, status)
			}
			if body != "ok" {
				t.Errorf("GET %s: status field %q, want ok", path, body)
			}
		}
	})
}

func TestReadyzDatabaseDown(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		// A closed pool fails every ping, as an unreachable database would.
		if err := env.Store.Close(); err != nil {
			t.Fatalf("closing the store: %v", err)
		}

		status, body := getHealth(t, env, "/readyz")
		if status != http.StatusServiceUnavailable {
			t.Errorf("GET /readyz: status %d, want 503", status)
		}
		if body != "unavailable" {
			t.Errorf("GET /readyz: status field %q, want unavailable", body)
		}

		status, body = getHealth(t, env, "/healthz")
		if status != http.StatusOK || body != "ok" {
			t.Errorf("GET /healthz with the database down: %d %q, want 200 ok", status, body)
		}
	})
}
