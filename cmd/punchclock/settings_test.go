package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store"
)

// runSettings runs `punchclock workspaces settings` in process.
func runSettings(args ...string) (string, error) {
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), append([]string{"workspaces", "settings"}, args...), &stdout, &stderr)
	return stdout.String(), err
}

// settingsJSON runs the command with --json and decodes the settings.
func settingsJSON(t *testing.T, args ...string) domain.WorkspaceSettings {
	t.Helper()
	out, err := runSettings(append(args, "--json")...)
	if err != nil {
		t.Fatalf("workspaces settings %v: %v", args, err)
	}
	var s domain.WorkspaceSettings
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("workspaces settings %v: output is not JSON: %v: %s", args, err, out)
	}
	return s
}

func TestWorkspaceSettingsCommand(t *testing.T) { forEachEngine(t, testWorkspaceSettingsCommand) }

func testWorkspaceSettingsCommand(t *testing.T, db string) {
	owner := runUsersCreate(t, "--db", db, "--email", "ada@example.com", "--workspace-name", "Ada's")
	ws := []string{"--db", db, "--workspace-id", owner.WorkspaceID}

	s := settingsJSON(t, ws...)
	if s.ForceTags || s.LockTimeEntries != nil || !s.IsProjectPublicByDefault || s.DurationFormat != "FULL" || s.WeekStart != "MONDAY" {
		t.Errorf("defaults: %+v", s)
	}

	s = settingsJSON(t, append(ws, "--force-tags", "true", "--lock-time-entries", "2026-01-01T00:00:00Z",
		"--round", "Round up to", "--round-minutes", "30", "--week-start", "sunday", "--project-public-by-default=false",
		"--only-admins-see-billable-rates", "1")...)
	if !s.ForceTags || s.IsProjectPublicByDefault || !s.OnlyAdminsSeeBillableRates {
		t.Errorf("flags not applied: %+v", s)
	}
	if s.LockTimeEntries == nil || !s.LockTimeEntries.Equal(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("lockTimeEntries = %v, want 2026-01-01T00:00:00Z", s.LockTimeEntries)
	}
	if s.Round != (domain.RoundSetting{Mode: domain.RoundUp, Minutes: 30}) || s.WeekStart != "SUNDAY" {
		t.Errorf("round %+v and week start %s not applied", s.Round, s.WeekStart)
	}

	stored := readSettings(t, db, owner.WorkspaceID)
	if !stored.ForceTags || stored.LockTimeEntries == nil {
		t.Errorf("settings not stored: %+v", stored)
	}

	s = settingsJSON(t, append(ws, "--lock-time-entries", "none", "--force-tags=false")...)
	if s.ForceTags || s.LockTimeEntries != nil || !s.OnlyAdminsSeeBillableRates {
		t.Errorf("after clearing: %+v", s)
	}

	text, err := runSettings(ws...)
	if err != nil {
		t.Fatalf("printing settings: %v", err)
	}
	for _, line := range []string{"force-tags false", "lock-time-entries none", `round "Round up to"`, "round-minutes 30", "week-start SUNDAY"} {
		if !strings.Contains(text, line+"\n") {
			t.Errorf("output lacks %q:\n%s", line, text)
		}
	}

	for _, bad := range [][]string{
		{"--force-tags", "maybe"},
		{"--round", "Round up to"},
		{"--round", "Round sideways", "--round-minutes", "15"},
		{"--round", "Round up to", "--round-minutes", "7"},
		{"--duration-format", "LONG"},
		{"--lock-time-entries", "yesterday"},
		{"--week-start", "FUNDAY"},
	} {
		if _, err := runSettings(append(ws, bad...)...); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
	if _, err := runSettings("--db", db, "--workspace-id", "0123456789abcdef01234567"); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("unknown workspace: error %v", err)
	}
	if _, err := runSettings("--db", db); err == nil {
		t.Error("missing --workspace-id: no error")
	}
	if after := readSettings(t, db, owner.WorkspaceID); after.DurationFormat != "FULL" || after.Round.Minutes != 30 {
		t.Errorf("rejected changes altered the settings: %+v", after)
	}
}

func TestWorkspaceSettingsAutomaticLock(t *testing.T) {
	forEachEngine(t, testWorkspaceSettingsAutomaticLock)
}

func testWorkspaceSettingsAutomaticLock(t *testing.T, db string) {
	owner := runUsersCreate(t, "--db", db, "--email", "ada@example.com", "--workspace-name", "Ada's")
	ws := []string{"--db", db, "--workspace-id", owner.WorkspaceID}

	// The command reads the wall clock, so a run across midnight UTC may
	// see either of two days.
	yesterday := func() time.Time {
		y, m, d := time.Now().UTC().Date()
		return time.Date(y, m, d-1, 0, 0, 0, 0, time.UTC)
	}
	before := yesterday()
	s := settingsJSON(t, append(ws, "--automatic-lock", "older_than", "--automatic-lock-older-than", "1",
		"--automatic-lock-period", "days")...)
	after := yesterday()
	want := domain.AutomaticLock{Type: domain.LockOlderThan, OlderThanPeriod: "DAYS", OlderThanValue: 1}
	if s.AutomaticLock == nil || *s.AutomaticLock != want {
		t.Errorf("automatic lock = %+v, want %+v", s.AutomaticLock, want)
	}
	if s.LockTimeEntries == nil || (!s.LockTimeEntries.Equal(before) && !s.LockTimeEntries.Equal(after)) {
		t.Errorf("lock date = %v, want %s", s.LockTimeEntries, after)
	}

	text, err := runSettings(append(ws, "--automatic-lock", "WEEKLY", "--automatic-lock-change-day", "wednesday",
		"--automatic-lock-first-day", "monday")...)
	if err != nil {
		t.Fatalf("setting a weekly lock: %v", err)
	}
	if line := "automatic-lock WEEKLY change-day WEDNESDAY first-day MONDAY\n"; !strings.Contains(text, line) {
		t.Errorf("output lacks %q:\n%s", line, text)
	}

	for _, bad := range [][]string{
		{"--automatic-lock", "DAILY"},
		{"--automatic-lock", "MONTHLY", "--automatic-lock-day-of-month", "32"},
		{"--automatic-lock-day-of-month", "5"},
		{"--lock-time-entries", "2026-01-01T00:00:00Z"},
	} {
		if _, err := runSettings(append(ws, bad...)...); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}

	s = settingsJSON(t, append(ws, "--automatic-lock", "none")...)
	if s.AutomaticLock != nil || s.LockTimeEntries == nil {
		t.Errorf("after removing the automatic lock: lock %+v, date %v; want no lock and the last date", s.AutomaticLock, s.LockTimeEntries)
	}
	if text, _ := runSettings(ws...); !strings.Contains(text, "automatic-lock none\n") {
		t.Errorf("output lacks automatic-lock none:\n%s", text)
	}
}

func readSettings(t *testing.T, db, workspaceID string) domain.WorkspaceSettings {
	t.Helper()
	st, err := store.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatalf("opening the store: %v", err)
	}
	defer st.Close()
	s, err := domain.NewService(st).SettingsAsOperator(context.Background(), workspaceID)
	if err != nil {
		t.Fatalf("reading settings: %v", err)
	}
	return s
}

func TestUsersCreateManagerRoles(t *testing.T) { forEachEngine(t, testUsersCreateManagerRoles) }

func testUsersCreateManagerRoles(t *testing.T, db string) {
	owner := runUsersCreate(t, "--db", db, "--email", "ada@example.com", "--workspace-name", "Ada's")
	worker := runUsersCreate(t, "--db", db, "--email", "bo@example.com", "--workspace-id", owner.WorkspaceID)
	manager := runUsersCreate(t, "--db", db, "--email", "cy@example.com", "--workspace-id", owner.WorkspaceID,
		"--role", "team_manager", "--manages", worker.UserID)
	admin := runUsersCreate(t, "--db", db, "--email", "di@example.com", "--workspace-id", owner.WorkspaceID, "--role", "WORKSPACE_ADMIN")

	st, err := store.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatalf("opening the store: %v", err)
	}
	defer st.Close()
	err = st.View(context.Background(), func(tx domain.Tx) error {
		grants, err := tx.RolesOf(context.Background(), owner.WorkspaceID, manager.UserID)
		if err != nil {
			return err
		}
		want := []domain.RoleGrant{{WorkspaceID: owner.WorkspaceID, UserID: manager.UserID, Role: domain.RoleTeamManager, EntityID: worker.UserID}}
		if len(grants) != 1 || grants[0] != want[0] {
			t.Errorf("grants of the manager = %+v, want %+v", grants, want)
		}
		m, err := tx.Member(context.Background(), owner.WorkspaceID, manager.UserID)
		if err != nil {
			return err
		}
		if m.Role != domain.RoleUser {
			t.Errorf("manager's workspace role = %s, want USER", m.Role)
		}
		a, err := tx.Member(context.Background(), owner.WorkspaceID, admin.UserID)
		if err == nil && a.Role != domain.RoleAdmin {
			t.Errorf("WORKSPACE_ADMIN made role %s, want ADMIN", a.Role)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	for _, bad := range [][]string{
		{"--role", "TEAM_MANAGER"},
		{"--role", "USER", "--manages", worker.UserID},
		{"--role", "PROJECT_MANAGER", "--manages", "0123456789abcdef01234567"},
		{"--role", "TEAM_MANAGER", "--manages", "0123456789abcdef01234567"},
		{"--role", "OVERLORD"},
	} {
		var stdout, stderr bytes.Buffer
		args := append([]string{"users", "create", "--db", db, "--email", "ed@example.com", "--workspace-id", owner.WorkspaceID}, bad...)
		if err := run(context.Background(), args, &stdout, &stderr); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}
