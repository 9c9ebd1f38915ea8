package e2e

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store"
)

// freeAddr returns a 127.0.0.1 address with a port that was free a moment
// ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("finding a free port: %v", err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// `punchclock serve` without flags listens on PUNCHCLOCK_ADDR and keeps its
// data in PUNCHCLOCK_DB.
func TestServeReadsEnvironment(t *testing.T) {
	addr := freeAddr(t)
	dsn := filepath.Join(t.TempDir(), "from-env.db")
	workDir := t.TempDir() // the default punchclock.db would land here

	cmd := exec.Command(binary(t), "serve")
	cmd.Dir = workDir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PUNCHCLOCK_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "PUNCHCLOCK_ADDR="+addr, "PUNCHCLOCK_DB="+dsn)
	n := launch(t, "env", cmd)
	n.waitReady(t)

	if want := "http://" + addr; n.URL != want {
		t.Errorf("serve logged address %s, want %s from PUNCHCLOCK_ADDR", n.URL, want)
	}
	keys := n.ownerKeys()
	if len(keys) != 1 {
		t.Fatalf("serve logged %d owner API keys on an empty database, want 1", len(keys))
	}
	mustCall(t, http.MethodGet, "http://"+addr+"/api/v1/user", keys[0], nil, http.StatusOK)
	n.stop(t)

	if _, err := os.Stat(filepath.Join(workDir, "punchclock.db")); err == nil {
		t.Error("serve created punchclock.db in its working directory instead of using PUNCHCLOCK_DB")
	}
	db, err := store.Open(context.Background(), dsn, nil)
	if err != nil {
		t.Fatalf("opening the PUNCHCLOCK_DB file %s: %v", dsn, err)
	}
	defer db.Close()
	if _, err := domain.NewService(db).Authenticate(context.Background(), keys[0]); err != nil {
		t.Errorf("the logged owner key is not in the PUNCHCLOCK_DB file: %v", err)
	}
}
