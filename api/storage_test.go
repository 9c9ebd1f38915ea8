package api_test

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

// openRaw opens a second connection to the Env's database, beside the
// server's store, so that a test can read or damage the tables directly.
func openRaw(t *testing.T, env *apitest.Env) *sql.DB {
	t.Helper()
	driver, dsn := "pgx", env.DSN
	if env.Engine == apitest.SQLite {
		driver, dsn = "sqlite", "file:"+env.DSN+"?_pragma=busy_timeout(10000)"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatalf("opening %s database %s: %v", env.Engine, env.DSN, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// API keys are stored as hex SHA-256 only, so that a copy of the database
// does not give access to the API.
func TestAPIKeysStoredHashed(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		user := env.NewUser(t, "hashed", domain.RoleUser, "")

		rows, err := openRaw(t, env).Query(`SELECT hash FROM api_keys WHERE user_id = `+placeholder(env), user.UserID)
		if err != nil {
			t.Fatalf("reading api_keys: %v", err)
		}
		defer rows.Close()
		var stored []string
		for rows.Next() {
			var hash string
			if err := rows.Scan(&hash); err != nil {
				t.Fatalf("scanning api_keys: %v", err)
			}
			stored = append(stored, hash)
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("reading api_keys: %v", err)
		}

		if len(stored) != 1 {
			t.Fatalf("user %s has %d api_keys rows, want 1: %q", user.UserID, len(stored), stored)
		}
		if strings.Contains(stored[0], user.Key) {
			t.Errorf("api_keys row %q contains the plain key", stored[0])
		}
		if want := domain.HashAPIKey(user.Key); stored[0] != want {
			t.Errorf("api_keys row %q, want hex SHA-256 %q", stored[0], want)
		}

		// The key authenticates, so the stored hash is the one the server looks up.
		env.MustDo(t, "GET", "/v1/user", user.Key, nil, http.StatusOK)
	})
}

// placeholder returns the first bind parameter in the engine's syntax.
func placeholder(env *apitest.Env) string {
	if env.Engine == apitest.Postgres {
		return "$1"
	}
	return "?"
}

// A store failure becomes Clockify's bare 500, and the server logs it once
// at Error with the request id from the X-Request-Id header and without the
// caller's API key.
func TestStoreFailureIs500(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		user := env.NewUser(t, "caller", domain.RoleUser, "")
		env.MustDo(t, "GET", "/v1/workspaces/{ws}/tags", user.Key, nil, http.StatusOK)

		drop := "DROP TABLE tags"
		if env.Engine == apitest.Postgres {
			drop += " CASCADE"
		}
		if _, err := openRaw(t, env).Exec(drop); err != nil {
			t.Fatalf("%s: %v", drop, err)
		}
		before := len(env.Logs.Lines())

		r := env.Do(t, "GET", "/v1/workspaces/{ws}/tags", user.Key, nil, nil)

		if r.Status != http.StatusInternalServerError {
			t.Fatalf("GET tags without a tags table: status %d, want 500; body: %s", r.Status, r.Body)
		}
		if got, want := string(r.Body), `{"message":"Internal server error","code":500}`; strings.TrimSpace(got) != want {
			t.Errorf("body %s, want %s", got, want)
		}
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Content-Type %q, want application/json", ct)
		}
		requestID := r.Header.Get("X-Request-Id")
		if requestID == "" {
			t.Fatal("the response has no X-Request-Id header")
		}

		lines := env.Logs.Lines()[before:]
		var errorLines []map[string]any
		for _, line := range lines {
			if strings.Contains(line, user.Key) {
				t.Errorf("a log line contains the caller's API key: %s", line)
			}
			var record map[string]any
			if err := json.Unmarshal([]byte(line), &record); err != nil {
				t.Fatalf("log line %q is not JSON: %v", line, err)
			}
			if record["level"] == "ERROR" {
				errorLines = append(errorLines, record)
			}
		}
		if len(errorLines) != 1 {
			t.Fatalf("%d Error log lines, want 1; log:\n%s", len(errorLines), strings.Join(lines, "\n"))
		}
		if got := errorLines[0]["request_id"]; got != requestID {
			t.Errorf("Error log line has request_id %#v, want the X-Request-Id %q", got, requestID)
		}
	})
}
