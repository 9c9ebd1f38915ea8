package e2e

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver, to change a database file behind the store

	"github.com/punchclock/punchclock/store"
	"github.com/punchclock/punchclock/store/sqlstore"
)

// A first start on an empty file creates the owner and logs the key once; a
// restart logs none, and the key keeps working. SIGTERM stops the node
// cleanly both times.
func TestSQLiteServeLifecycle(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "punchclock.db")

	first := startNode(t, "sqlite-first", dsn)
	first.waitReady(t)
	keys := first.ownerKeys()
	if len(keys) != 1 {
		t.Fatalf("first start logged %d owner API keys, want 1; log:\n%s", len(keys), first.log)
	}
	ownerKey := keys[0]
	if !strings.Contains(first.log.String(), "curl -H 'X-Api-Key: "+ownerKey+"'") {
		t.Errorf("first start did not log a curl line with the owner's key; log:\n%s", first.log)
	}

	me := mustCall(t, http.MethodGet, first.URL+"/api/v1/user", ownerKey, nil, http.StatusOK)
	if got := field(me, "email"); got != "owner@punchclock.local" {
		t.Errorf("GET /api/v1/user with the logged key: email %q, want owner@punchclock.local", got)
	}
	mustCall(t, http.MethodGet, first.URL+"/healthz", "", nil, http.StatusOK)

	// users create writes to the file while the node serves from it.
	ada := createUser(t, dsn, "--email", "ada@example.com", "--name", "Ada", "--workspace-name", "Ada's team")
	me = mustCall(t, http.MethodGet, first.URL+"/api/v1/user", ada.APIKey, nil, http.StatusOK)
	if got := field(me, "id"); got != ada.UserID {
		t.Errorf("GET /api/v1/user with the created key: id %q, want %q", got, ada.UserID)
	}
	ws := mustCall(t, http.MethodGet, first.URL+"/api/v1/workspaces/"+ada.WorkspaceID, ada.APIKey, nil, http.StatusOK)
	if got := field(ws, "name"); got != "Ada's team" {
		t.Errorf("GET the created workspace: name %q, want Ada's team", got)
	}
	first.stop(t)

	second := startNode(t, "sqlite-second", dsn)
	second.waitReady(t)
	if keys := second.ownerKeys(); len(keys) != 0 {
		t.Errorf("restart logged %d owner API keys, want none", len(keys))
	}
	mustCall(t, http.MethodGet, second.URL+"/api/v1/user", ownerKey, nil, http.StatusOK)
	mustCall(t, http.MethodGet, second.URL+"/api/v1/user", ada.APIKey, nil, http.StatusOK)
	second.stop(t)
}

// A binary whose migrations end before the database's schema version must
// exit with a message naming both versions instead of serving.
func TestServeRejectsNewerSchema(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "punchclock.db")
	migrations, err := sqlstore.LoadMigrations(os.DirFS("../store/sqlite"), "migrations")
	if err != nil {
		t.Fatalf("loading SQLite migrations: %v", err)
	}
	newest := migrations[len(migrations)-1].Version
	future := newest + 1

	db, err := store.Open(context.Background(), dsn, nil)
	if err != nil {
		t.Fatalf("creating the database: %v", err)
	}
	db.Close()
	raw, err := sql.Open("sqlite", "file:"+dsn)
	if err != nil {
		t.Fatalf("opening %s: %v", dsn, err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`INSERT INTO schema_migrations (version, name) VALUES (?, 'from_a_newer_binary.sql')`, future); err != nil {
		t.Fatalf("recording a future migration: %v", err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), "serve", "--addr", "127.0.0.1:0", "--db", dsn)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("serve on a newer schema was still running after 30 s; output:\n%s", out)
	}
	if err == nil {
		t.Fatalf("serve on a newer schema exited with status 0; output:\n%s", out)
	}
	for _, want := range []string{fmt.Sprintf("version %d", future), fmt.Sprintf("up to %d", newest)} {
		if !strings.Contains(string(out), want) {
			t.Errorf("serve output does not contain %q:\n%s", want, out)
		}
	}
}
