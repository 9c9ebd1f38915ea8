package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestServeLogsRequestLimits(t *testing.T) {
	db := filepath.Join(t.TempDir(), "limits.db")
	log, err := serveOnce(t, "--addr", "127.0.0.1:0", "--db", db, "--max-in-flight", "3", "--queue-timeout", "2s")
	if err != nil {
		t.Fatalf("serve: %v; stderr: %s", err, log)
	}
	// The queue defaults to 8 times the slots, and reports to at most half
	// the SQLite store's reader connections and at least 1.
	for _, want := range []string{"max_in_flight=3 ", "max_queued=24 ", "queue_timeout=2s"} {
		if !strings.Contains(log, want) {
			t.Errorf("serve log lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(log, "max_reports_in_flight=0 ") {
		t.Errorf("serve log shows no report slots:\n%s", log)
	}
}

func TestServeLimitsFromEnvironment(t *testing.T) {
	db := filepath.Join(t.TempDir(), "limits.db")
	t.Setenv("PUNCHCLOCK_MAX_IN_FLIGHT", "5")
	t.Setenv("PUNCHCLOCK_MAX_QUEUED", "9")
	log, err := serveOnce(t, "--addr", "127.0.0.1:0", "--db", db, "--max-queued", "11")
	if err != nil {
		t.Fatalf("serve: %v; stderr: %s", err, log)
	}
	if !strings.Contains(log, "max_in_flight=5 ") {
		t.Errorf("serve log lacks max_in_flight=5 from the environment:\n%s", log)
	}
	if !strings.Contains(log, "max_queued=11 ") {
		t.Errorf("serve log lacks max_queued=11 from the flag, which overrides the environment:\n%s", log)
	}
}

func TestServeRejectsInvalidLimits(t *testing.T) {
	db := filepath.Join(t.TempDir(), "limits.db")
	for _, c := range []struct {
		args []string
		env  string
		want string
	}{
		{[]string{"--max-in-flight", "-1"}, "", "negative"},
		{[]string{"--max-in-flight", "2", "--max-reports-in-flight", "3"}, "", "above"},
		{[]string{"--queue-timeout", "-1s"}, "", "negative"},
		{nil, "many", "PUNCHCLOCK_MAX_IN_FLIGHT"},
	} {
		t.Setenv("PUNCHCLOCK_MAX_IN_FLIGHT", c.env)
		log, err := serveOnce(t, append([]string{"--addr", "127.0.0.1:0", "--db", db}, c.args...)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("serve %q with PUNCHCLOCK_MAX_IN_FLIGHT=%q: error %v, want one naming %q; stderr: %s", c.args, c.env, err, c.want, log)
		}
	}
}
