package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

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
