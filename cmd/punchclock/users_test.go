package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store"
)

// forEachEngine runs fn as a subtest on SQLite and on PostgreSQL with the
// address of a fresh database. PostgreSQL is skipped, with a message, when
// apitest.PostgresEnv is unset.
func forEachEngine(t *testing.T, fn func(t *testing.T, db string)) {
	for _, engine := range []string{apitest.SQLite, apitest.Postgres} {
		t.Run(engine, func(t *testing.T) {
			fn(t, apitest.NewDSN(t, engine))
		})
	}
}

// runUsersCreate runs `punchclock users create` in process and decodes its
// JSON output.
func runUsersCreate(t *testing.T, args ...string) domain.CreatedUser {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), append([]string{"users", "create", "--json"}, args...), &stdout, &stderr)
	if err != nil {
		t.Fatalf("users create %v: %v; stderr: %s", args, err, stderr.String())
	}
	var out domain.CreatedUser
	dec := json.NewDecoder(&stdout)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("users create %v: output is not the documented JSON: %v", args, err)
	}
	if !domain.ValidID(out.UserID) || !domain.ValidID(out.WorkspaceID) || len(out.APIKey) < 32 {
		t.Fatalf("users create %v: unexpected output %+v", args, out)
	}
	return out
}

func TestUsersCreate(t *testing.T) { forEachEngine(t, testUsersCreate) }

func testUsersCreate(t *testing.T, db string) {
	first := runUsersCreate(t, "--db", db, "--email", "ada@example.com", "--name", "Ada", "--timezone", "Europe/Berlin")
	second := runUsersCreate(t, "--db", db, "--email", "bob@example.com", "--name", "Bob")
	if second.WorkspaceID != first.WorkspaceID {
		t.Errorf("second user joined workspace %s, want the first workspace %s", second.WorkspaceID, first.WorkspaceID)
	}
	joined := runUsersCreate(t, "--db", db, "--email", "cy@example.com", "--name", "Cy", "--workspace-id", first.WorkspaceID, "--role", "admin")
	own := runUsersCreate(t, "--db", db, "--email", "bob@example.com", "--name", "Bob", "--workspace-name", "Bob's")
	if own.UserID != second.UserID {
		t.Errorf("an existing email made a new user %s, want %s", own.UserID, second.UserID)
	}
	if own.APIKey == second.APIKey {
		t.Error("the second key for one user equals the first")
	}
	if own.WorkspaceID == first.WorkspaceID {
		t.Error("--workspace-name did not create a new workspace")
	}

	s, err := store.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	svc := domain.NewService(s)
	ctx := context.Background()

	roles := map[string]domain.Role{first.UserID: domain.RoleOwner, second.UserID: domain.RoleUser, joined.UserID: domain.RoleAdmin}
	for userID, want := range roles {
		u, err := svc.Authenticate(ctx, map[string]string{first.UserID: first.APIKey, second.UserID: second.APIKey, joined.UserID: joined.APIKey}[userID])
		if err != nil {
			t.Fatalf("authenticating %s: %v", userID, err)
		}
		a, err := svc.Enter(ctx, u, first.WorkspaceID)
		if err != nil {
			t.Fatalf("entering the first workspace as %s: %v", userID, err)
		}
		if a.Member.Role != want {
			t.Errorf("user %s has role %s, want %s", userID, a.Member.Role, want)
		}
	}
	ada, err := svc.Authenticate(ctx, first.APIKey)
	if err != nil {
		t.Fatal(err)
	}
	if ada.TimeZone != "Europe/Berlin" {
		t.Errorf("time zone %q, want Europe/Berlin", ada.TimeZone)
	}
	bob, err := svc.Authenticate(ctx, own.APIKey)
	if err != nil {
		t.Fatal(err)
	}
	a, err := svc.Enter(ctx, bob, own.WorkspaceID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Member.Role != domain.RoleOwner {
		t.Errorf("creator of a named workspace has role %s, want OWNER", a.Member.Role)
	}
}

func TestUsersCreateRejectsBadInput(t *testing.T) { forEachEngine(t, testUsersCreateRejectsBadInput) }

func testUsersCreateRejectsBadInput(t *testing.T, db string) {
	cases := map[string][]string{
		"missing email":     {"--db", db, "--name", "X"},
		"invalid email":     {"--db", db, "--email", "not-an-email"},
		"invalid role":      {"--db", db, "--email", "x@example.com", "--role", "KING"},
		"invalid time zone": {"--db", db, "--email", "x@example.com", "--timezone", "Mars/Olympus"},
		"unknown workspace": {"--db", db, "--email", "x@example.com", "--workspace-id", "aaaaaaaaaaaaaaaaaaaaaaaa"},
		"both workspaces":   {"--db", db, "--email", "x@example.com", "--workspace-id", "a", "--workspace-name", "b"},
		"local time zone":   {"--db", db, "--email", "x@example.com", "--timezone", "Local"},
		"name not UTF-8":    {"--db", db, "--email", "x@example.com", "--name", "a\xffb"},
		"empty new name":    {"--db", db, "--email", "x@example.com", "--workspace-name", ""},
		"role for new name": {"--db", db, "--email", "x@example.com", "--workspace-name", "W", "--role", "USER"},
		"extra argument":    {"--db", db, "--email", "x@example.com", "extra"},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), append([]string{"users", "create", "--json"}, args...), &stdout, &stderr)
			if err == nil {
				t.Fatalf("users create %v succeeded with output %s", args, stdout.String())
			}
			if stdout.Len() != 0 {
				t.Errorf("users create %v printed %q on failure", args, stdout.String())
			}
		})
	}
}

func TestUnknownCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"dance"}, &stdout, &stderr); err == nil {
		t.Fatal("an unknown command succeeded")
	}
	if !strings.Contains(stderr.String(), "punchclock serve") {
		t.Errorf("usage not printed; stderr: %s", stderr.String())
	}
}

func TestRedactHidesPassword(t *testing.T) {
	cases := map[string]string{
		"postgres://app:s3cret@db.internal:5432/punchclock":                   "postgres://app:***@db.internal:5432/punchclock",
		"postgres://app@db.internal/punchclock?password=s3cret":               "postgres://app@db.internal/punchclock?password=***",
		"postgresql://db.internal/punchclock?sslmode=require&PASSWORD=s3cret": "postgresql://db.internal/punchclock?PASSWORD=***&sslmode=require",
		"/var/lib/punchclock.db":                                              "/var/lib/punchclock.db",
	}
	for in, want := range cases {
		got := redact(in)
		if strings.Contains(got, "s3cret") {
			t.Errorf("redact(%q) left the password in %q", in, got)
		}
		if got != want {
			t.Errorf("redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestKeyValueAddressRejected(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir) // a SQLite file named after the address would land here
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"users", "create", "--json", "--db", "host=127.0.0.1 password=s3cret dbname=x",
		"--email", "x@example.com"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "postgres://") {
		t.Fatalf("a key/value address was accepted: err %v", err)
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Errorf("the error shows the password: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("files were created: %v", entries)
	}
}

func TestUsersCreateKeepsOneOwner(t *testing.T) { forEachEngine(t, testUsersCreateKeepsOneOwner) }

func testUsersCreateKeepsOneOwner(t *testing.T, db string) {
	owner := runUsersCreate(t, "--db", db, "--email", "ada@example.com", "--name", "Ada")

	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"users", "create", "--json", "--db", db, "--email", "bob@example.com",
		"--workspace-id", owner.WorkspaceID, "--role", "OWNER"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "already has an owner") {
		t.Fatalf("a second OWNER was accepted: err %v, output %s", err, stdout.String())
	}

	err = run(context.Background(), []string{"users", "create", "--json", "--db", db, "--email", "ada@example.com",
		"--workspace-id", owner.WorkspaceID, "--role", "USER"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "cannot change") {
		t.Fatalf("the owner was demoted: err %v", err)
	}

	again := runUsersCreate(t, "--db", db, "--email", "ada@example.com", "--workspace-id", owner.WorkspaceID)
	if again.UserID != owner.UserID {
		t.Fatalf("re-adding the owner made user %s, want %s", again.UserID, owner.UserID)
	}
	s, err := store.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	svc := domain.NewService(s)
	u, err := svc.Authenticate(context.Background(), again.APIKey)
	if err != nil {
		t.Fatal(err)
	}
	a, err := svc.Enter(context.Background(), u, owner.WorkspaceID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Member.Role != domain.RoleOwner {
		t.Errorf("re-adding the owner without --role left role %s, want OWNER", a.Member.Role)
	}
}

func TestHelpExitsCleanly(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"serve", "--help"}, {"users", "create", "--help"}} {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), args, &stdout, &stderr)
		if !errors.Is(err, flag.ErrHelp) {
			t.Errorf("%v: err %v, want flag.ErrHelp so that main exits 0", args, err)
		}
		if stdout.Len()+stderr.Len() == 0 {
			t.Errorf("%v printed no help", args)
		}
	}
}

func TestUsersCreateUpdatesExistingUser(t *testing.T) {
	forEachEngine(t, testUsersCreateUpdatesExistingUser)
}

func testUsersCreateUpdatesExistingUser(t *testing.T, db string) {
	first := runUsersCreate(t, "--db", db, "--email", "ada@example.com", "--name", "Ada", "--timezone", "Europe/Berlin")

	// An invited email has a user that is not registered yet.
	s, err := store.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	svc := domain.NewService(s)
	ctx := context.Background()
	owner, err := svc.Authenticate(ctx, first.APIKey)
	if err != nil {
		t.Fatal(err)
	}
	actor, err := svc.Enter(ctx, owner, first.WorkspaceID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddMember(ctx, actor, "invited@example.com"); err != nil {
		t.Fatal(err)
	}
	s.Close()

	same := runUsersCreate(t, "--db", db, "--email", "ada@example.com")
	s, err = store.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	kept, err := domain.NewService(s).Authenticate(ctx, same.APIKey)
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	if kept.Name != "Ada" || kept.TimeZone != "Europe/Berlin" {
		t.Errorf("users create without --name and --timezone changed them to %q, %q", kept.Name, kept.TimeZone)
	}
	renamed := runUsersCreate(t, "--db", db, "--email", "ada@example.com", "--name", "Ada L.", "--timezone", "America/Chicago")
	invited := runUsersCreate(t, "--db", db, "--email", "invited@example.com", "--name", "Ivy", "--timezone", "Asia/Tokyo")

	s, err = store.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	svc = domain.NewService(s)
	checks := []struct {
		key, name, zone, status string
	}{
		{same.APIKey, "Ada L.", "America/Chicago", domain.UserActive},
		{renamed.APIKey, "Ada L.", "America/Chicago", domain.UserActive},
		{invited.APIKey, "Ivy", "Asia/Tokyo", domain.UserActive},
	}
	for _, c := range checks {
		u, err := svc.Authenticate(ctx, c.key)
		if err != nil {
			t.Fatal(err)
		}
		if u.Name != c.name || u.TimeZone != c.zone || u.Status != c.status {
			t.Errorf("user %s: name %q, zone %q, status %s; want %q, %q, %s", u.Email, u.Name, u.TimeZone, u.Status, c.name, c.zone, c.status)
		}
	}
	v, err := svc.Enter(ctx, domain.User{ID: invited.UserID}, first.WorkspaceID)
	if err != nil {
		t.Fatal(err)
	}
	if v.Member.Status != domain.MembershipActive {
		t.Errorf("invited member status %s after users create, want ACTIVE", v.Member.Status)
	}
}
