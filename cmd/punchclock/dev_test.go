package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store"
)

func TestDevSeed(t *testing.T) { forEachEngine(t, testDevSeed) }

func testDevSeed(t *testing.T, db string) {
	var stdout, stderr bytes.Buffer
	args := []string{"dev", "seed", "--db", db, "--entries", "300", "--users", "3", "--projects", "4", "--years", "1"}
	if err := run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("dev seed: %v; stderr: %s", err, stderr.String())
	}
	m := regexp.MustCompile(`(?m)^API key: (\S+)$`).FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("dev seed printed no API key:\n%s", stdout.String())
	}
	if !regexp.MustCompile(`300 time entries`).MatchString(stdout.String()) {
		t.Errorf("dev seed output does not count 300 entries:\n%s", stdout.String())
	}

	s, err := store.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	svc := domain.NewService(s)
	u, err := svc.Authenticate(context.Background(), m[1])
	if err != nil {
		t.Fatalf("the printed key does not authenticate: %v", err)
	}
	a, err := svc.Enter(context.Background(), u, u.DefaultWorkspace)
	if err != nil {
		t.Fatalf("the key's user cannot enter its default workspace: %v", err)
	}
	if !a.IsAdmin() {
		t.Errorf("the printed key belongs to a %s, want an admin", a.Member.Role)
	}
}

func TestDevSeedRejectsArguments(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"dev", "seed", "--db", t.TempDir() + "/x.db", "extra"}, &stdout, &stderr)
	if err == nil {
		t.Fatal("dev seed accepted a stray argument")
	}
}

func TestDevLoad(t *testing.T) {
	env := apitest.New(t, apitest.SQLite)
	var stdout, stderr bytes.Buffer
	args := []string{"dev", "load", "--base", env.URL, "--key", env.Owner.Key, "--duration", "300ms", "--rate", "20",
		"--mix", "create=1,list=1"}
	if err := run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("dev load: %v; stderr: %s", err, stderr.String())
	}
	for _, want := range []string{"sent 6, errors 0, dropped 0", "latency from intended start: n=6", "server memory: peak RSS"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("dev load output lacks %q:\n%s", want, stdout.String())
		}
	}
}

func TestDevLoadRejectsBadMix(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"dev", "load", "--key", "k", "--mix", "delete=5"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "delete=5") {
		t.Errorf("error = %v, want one naming the bad mix entry", err)
	}
}

// syncBuffer is a bytes.Buffer that a running server may write to while the
// test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// serveFirstStart runs `punchclock serve` on db until it logs that it serves,
// stops it, and returns the id of the workspace its first start created.
func serveFirstStart(t *testing.T, db string) string {
	t.Helper()
	log, err := serveOnce(t, "--addr", "127.0.0.1:0", "--db", db)
	if err != nil {
		t.Fatalf("serve: %v; stderr: %s", err, log)
	}
	m := regexp.MustCompile(`created the first workspace.* workspace_id=(\w+)`).FindStringSubmatch(log)
	if m == nil {
		t.Fatalf("serve logged no first workspace:\n%s", log)
	}
	return m[1]
}

// serveOnce runs `punchclock serve` with args until it logs that it serves,
// stops it, and returns its log. The error is the one serve returned,
// before serving when it failed to start.
func serveOnce(t *testing.T, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, append([]string{"serve"}, args...), io.Discard, &stderr) }()

	for !strings.Contains(stderr.String(), "msg=serving") {
		select {
		case err := <-done:
			if err == nil {
				err = errors.New("serve stopped before serving")
			}
			return stderr.String(), err
		case <-time.After(10 * time.Millisecond):
		}
	}
	cancel()
	err := <-done
	return stderr.String(), err
}

// seededWorkspace runs `punchclock dev seed` with args and returns the id of
// the workspace it printed.
func seededWorkspace(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), append([]string{"dev", "seed"}, args...), &stdout, &stderr); err != nil {
		t.Fatalf("dev seed %v: %v; stderr: %s", args, err, stderr.String())
	}
	m := regexp.MustCompile(`^seeded workspace (\w+) `).FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("dev seed printed no workspace:\n%s", stdout.String())
	}
	return m[1]
}

func TestDevSeedKeepsFirstWorkspace(t *testing.T) { forEachEngine(t, testDevSeedKeepsFirstWorkspace) }

// testDevSeedKeepsFirstWorkspace checks that a seeded workspace, whose
// history goes back years, does not replace the first start's workspace as
// the one that `users create` without a workspace flag joins.
func testDevSeedKeepsFirstWorkspace(t *testing.T, db string) {
	first := serveFirstStart(t, db)
	seeded := seededWorkspace(t, "--db", db, "--entries", "50", "--users", "2", "--projects", "2", "--years", "3")
	if seeded == first {
		t.Fatalf("dev seed filled the first workspace %s instead of creating one", first)
	}

	joined := runUsersCreate(t, "--db", db, "--email", "later@example.com")
	if joined.WorkspaceID != first {
		t.Errorf("users create joined workspace %s, want the first start's %s (seeded: %s)", joined.WorkspaceID, first, seeded)
	}
}

// seedSummary runs `punchclock dev seed` with args and returns its first
// output line without the workspace id and the elapsed time, which differ
// between runs.
func seedSummary(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), append([]string{"dev", "seed"}, args...), &stdout, &stderr)
	first, _, _ := strings.Cut(stdout.String(), "\n")
	_, counts, _ := strings.Cut(first, ": ")
	return counts, err
}

func TestDevSeedRerun(t *testing.T) { forEachEngine(t, testDevSeedRerun) }

// testDevSeedRerun checks that a second run with the same seed is rejected
// with a message naming --seed, that the rejected run writes nothing, and that
// another seed on the same database gives what it gives on a new database.
func testDevSeedRerun(t *testing.T, db string) {
	flags := []string{"--db", db, "--entries", "120", "--users", "3", "--projects", "6", "--years", "1"}
	want, err := seedSummary(t, flags...)
	if err != nil {
		t.Fatalf("first dev seed: %v", err)
	}
	if !strings.Contains(want, "120 time entries") {
		t.Fatalf("first dev seed printed %q", want)
	}

	before := dump(t, db)
	for range 2 {
		_, err := seedSummary(t, flags...)
		if err == nil {
			t.Fatal("dev seed ran twice with seed 1 on one database")
		}
		if !strings.Contains(err.Error(), "--seed") {
			t.Errorf("error %q does not name the --seed flag", err)
		}
		if strings.Contains(strings.ToLower(err.Error()), "constraint") {
			t.Errorf("error %q shows a raw constraint message", err)
		}
	}
	if dump(t, db) != before {
		t.Error("the rejected runs changed the database")
	}

	got, err := seedSummary(t, append(flags, "--seed", "2")...)
	if err != nil {
		t.Fatalf("dev seed --seed 2 after seed 1: %v", err)
	}
	fresh := apitest.NewDSN(t, apitest.SQLite)
	wantFresh, err := seedSummary(t, append([]string{"--db", fresh}, append(flags[2:], "--seed", "2")...)...)
	if err != nil {
		t.Fatalf("dev seed --seed 2 on a new database: %v", err)
	}
	if got != wantFresh {
		t.Errorf("seed 2 after seed 1 printed %q, on a new database %q", got, wantFresh)
	}
}

// dump returns every row of the database as text, to compare before and
// after a run that must change nothing.
func dump(t *testing.T, db string) string {
	t.Helper()
	env := &apitest.Env{Engine: apitest.SQLite, DSN: db}
	if store.IsPostgres(db) {
		env.Engine = apitest.Postgres
	}
	return env.Dump(t)
}
