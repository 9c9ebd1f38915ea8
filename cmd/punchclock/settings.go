package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/iso8601"
	"github.com/punchclock/punchclock/store"
)

// cliRole reads the --role flag: role names in any case, with
// WORKSPACE_ADMIN, the name the API uses, accepted for ADMIN.
func cliRole(s string) domain.Role {
	role := strings.ToUpper(strings.TrimSpace(s))
	if role == domain.RoleNameAdmin {
		return domain.RoleAdmin
	}
	return domain.Role(role)
}

// splitIDs splits a comma-separated flag value, dropping blanks.
func splitIDs(s string) []string {
	var out []string
	for _, id := range strings.Split(s, ",") {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	return out
}

// boolSettings maps the boolean flags of "workspaces settings" to the
// fields of a settings change.
var boolSettings = []struct {
	flag  string
	field func(*domain.SettingsChange) **bool
	usage string
}{
	{"force-projects", func(c *domain.SettingsChange) **bool { return &c.ForceProjects }, "completed entries need a project"},
	{"force-tasks", func(c *domain.SettingsChange) **bool { return &c.ForceTasks }, "completed entries need a task"},
	{"force-tags", func(c *domain.SettingsChange) **bool { return &c.ForceTags }, "completed entries need a tag"},
	{"force-description", func(c *domain.SettingsChange) **bool { return &c.ForceDescription }, "completed entries need a description"},
	{"only-admins-create-project", func(c *domain.SettingsChange) **bool { return &c.OnlyAdminsCreateProject }, "only admins create projects and clients"},
	{"only-admins-create-tag", func(c *domain.SettingsChange) **bool { return &c.OnlyAdminsCreateTag }, "only admins create tags"},
	{"only-admins-create-task", func(c *domain.SettingsChange) **bool { return &c.OnlyAdminsCreateTask }, "only admins and project managers create tasks"},
	{"only-admins-see-all-time-entries", func(c *domain.SettingsChange) **bool { return &c.OnlyAdminsSeeAllTimeEntries }, "regular members see only their own entries"},
	{"only-admins-see-billable-rates", func(c *domain.SettingsChange) **bool { return &c.OnlyAdminsSeeBillableRates }, "hide rates and amounts from non-admins"},
	{"only-admins-see-public-projects-entries", func(c *domain.SettingsChange) **bool { return &c.OnlyAdminsSeePublicProjectsEntries }, "hide others' entries on public projects a member has not joined"},
	{"only-admins-can-change-billable-status", func(c *domain.SettingsChange) **bool { return &c.OnlyAdminsCanChangeBillableStatus }, "regular members' entries take the project's billable flag"},
	{"default-billable-projects", func(c *domain.SettingsChange) **bool { return &c.DefaultBillableProjects }, "new projects are billable"},
	{"project-public-by-default", func(c *domain.SettingsChange) **bool { return &c.IsProjectPublicByDefault }, "new projects are public"},
	{"time-rounding-in-reports", func(c *domain.SettingsChange) **bool { return &c.TimeRoundingInReports }, "reports round durations"},
}

// stringSettings maps the string flags to the fields of a settings change.
var stringSettings = []struct {
	flag  string
	field func(*domain.SettingsChange) **string
	usage string
}{
	{"duration-format", func(c *domain.SettingsChange) **string { return &c.DurationFormat }, "FULL, COMPACT or DECIMAL"},
	{"week-start", func(c *domain.SettingsChange) **string { return &c.WeekStart }, "first day of the week in reports, such as MONDAY"},
	{"time-tracking-mode", func(c *domain.SettingsChange) **string { return &c.TimeTrackingMode }, "DEFAULT, or STOPWATCH_ONLY for timer-only tracking by non-admins"},
	{"lock-time-zone", func(c *domain.SettingsChange) **string { return &c.LockTimeZone }, "IANA time zone of the lock date"},
}

// workspaceSettings runs "workspaces settings": it changes the settings
// named by flags and prints the workspace's settings. Without setting flags
// it only prints them.
func workspaceSettings(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("workspaces settings", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("db", envOr("PUNCHCLOCK_DB", "punchclock.db"), "SQLite file path or postgres:// URL (env PUNCHCLOCK_DB)")
	workspaceID := fs.String("workspace-id", "", "the workspace to show or change (required)")
	asJSON := fs.Bool("json", false, "print the settings as JSON")
	var change domain.SettingsChange
	for _, s := range boolSettings {
		field := s.field(&change)
		fs.Func(s.flag, "true or false: "+s.usage, func(v string) error {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return fmt.Errorf("want true or false, not %q", v)
			}
			*field = &b
			return nil
		})
	}
	for _, s := range stringSettings {
		field := s.field(&change)
		fs.Func(s.flag, s.usage, func(v string) error {
			*field = &v
			return nil
		})
	}
	fs.Func("lock-time-entries", "lock entries starting before this instant, such as 2026-01-01T00:00:00Z, for non-admins; none removes the lock",
		func(v string) error {
			if strings.EqualFold(v, "none") {
				change.ClearLock = true
				return nil
			}
			at, err := iso8601.ParseInstant(v)
			if err != nil {
				return fmt.Errorf("want an instant such as 2026-01-01T00:00:00Z or none: %w", err)
			}
			change.LockTimeEntries = &at
			return nil
		})
	autoLock := fs.String("automatic-lock", "", "move the lock date forward on a schedule: WEEKLY, MONTHLY or OLDER_THAN; none removes it")
	var lock domain.AutomaticLock
	fs.StringVar(&lock.ChangeDay, "automatic-lock-change-day", "", "WEEKLY: weekday on which the previous week becomes locked, such as WEDNESDAY")
	fs.StringVar(&lock.FirstDay, "automatic-lock-first-day", "", "WEEKLY: first weekday of a week, such as MONDAY")
	fs.IntVar(&lock.DayOfMonth, "automatic-lock-day-of-month", 0, "MONTHLY: day of the month, 1 to 31, on which the previous month becomes locked")
	fs.IntVar(&lock.OlderThanValue, "automatic-lock-older-than", 0, "OLDER_THAN: lock entries older than this many periods")
	fs.StringVar(&lock.OlderThanPeriod, "automatic-lock-period", "", "OLDER_THAN: DAYS, WEEKS or MONTHS")
	round := fs.String("round", "", `rounding in reports: "Round to nearest", "Round up to" or "Round down to"; needs --round-minutes`)
	roundMinutes := fs.Int("round-minutes", 0, "rounding interval in minutes: 1, 5, 6, 10, 12, 15, 30 or 60")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("workspaces settings: unexpected argument %q; flags start with --", fs.Arg(0))
	}
	if *workspaceID == "" {
		return errors.New("workspaces settings: --workspace-id is required")
	}
	if (*round == "") != (*roundMinutes == 0) {
		return errors.New("workspaces settings: give --round and --round-minutes together")
	}
	if *round != "" {
		change.Round = &domain.RoundSetting{Mode: *round, Minutes: *roundMinutes}
	}
	switch {
	case strings.EqualFold(*autoLock, "none"):
		change.ClearAutomaticLock = true
	case *autoLock != "":
		lock.Type = strings.ToUpper(*autoLock)
		lock.ChangeDay, lock.FirstDay = strings.ToUpper(lock.ChangeDay), strings.ToUpper(lock.FirstDay)
		lock.OlderThanPeriod = strings.ToUpper(lock.OlderThanPeriod)
		change.AutomaticLock = &lock
	case lock != domain.AutomaticLock{}:
		return errors.New("workspaces settings: the --automatic-lock-* flags need --automatic-lock")
	}

	db, err := store.Open(ctx, *dsn, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := domain.NewService(db)
	changed := 0
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "db", "workspace-id", "json":
		default:
			changed++
		}
	})
	var settings domain.WorkspaceSettings
	if changed > 0 {
		v, err := svc.UpdateSettingsAsOperator(ctx, *workspaceID, change)
		if err != nil {
			return err
		}
		settings = v.Workspace.Settings
	} else if settings, err = svc.SettingsAsOperator(ctx, *workspaceID); err != nil {
		return err
	}

	if *asJSON {
		return json.NewEncoder(stdout).Encode(settings)
	}
	return printSettings(stdout, settings)
}

// printSettings writes one setting a line, named as the flags name them.
func printSettings(w io.Writer, s domain.WorkspaceSettings) error {
	lock := "none"
	if s.LockTimeEntries != nil {
		lock = s.LockTimeEntries.UTC().Format(time.RFC3339)
	}
	lines := []string{
		fmt.Sprintf("force-projects %t", s.ForceProjects),
		fmt.Sprintf("force-tasks %t", s.ForceTasks),
		fmt.Sprintf("force-tags %t", s.ForceTags),
		fmt.Sprintf("force-description %t", s.ForceDescription),
		fmt.Sprintf("lock-time-entries %s", lock),
		fmt.Sprintf("lock-time-zone %s", s.LockTimeZone),
		"automatic-lock " + automaticLockText(s.AutomaticLock),
		fmt.Sprintf("only-admins-create-project %t", s.OnlyAdminsCreateProject),
		fmt.Sprintf("only-admins-create-tag %t", s.OnlyAdminsCreateTag),
		fmt.Sprintf("only-admins-create-task %t", s.OnlyAdminsCreateTask),
		fmt.Sprintf("only-admins-see-all-time-entries %t", s.OnlyAdminsSeeAllTimeEntries),
		fmt.Sprintf("only-admins-see-billable-rates %t", s.OnlyAdminsSeeBillableRates),
		fmt.Sprintf("only-admins-see-public-projects-entries %t", s.OnlyAdminsSeePublicProjectsEntries),
		fmt.Sprintf("only-admins-can-change-billable-status %t", s.OnlyAdminsCanChangeBillable),
		fmt.Sprintf("default-billable-projects %t", s.DefaultBillableProjects),
		fmt.Sprintf("project-public-by-default %t", s.IsProjectPublicByDefault),
		fmt.Sprintf("time-rounding-in-reports %t", s.TimeRoundingInReports),
		fmt.Sprintf("round %q", s.Round.Mode),
		fmt.Sprintf("round-minutes %d", s.Round.Minutes),
		fmt.Sprintf("duration-format %s", s.DurationFormat),
		fmt.Sprintf("week-start %s", s.WeekStart),
		fmt.Sprintf("time-tracking-mode %s", s.TimeTrackingMode),
	}
	_, err := fmt.Fprintln(w, strings.Join(lines, "\n"))
	return err
}

// automaticLockText describes an automatic lock with the flags that set it.
func automaticLockText(l *domain.AutomaticLock) string {
	switch {
	case l == nil:
		return "none"
	case l.Type == domain.LockWeekly:
		return fmt.Sprintf("%s change-day %s first-day %s", l.Type, l.ChangeDay, l.FirstDay)
	case l.Type == domain.LockMonthly:
		return fmt.Sprintf("%s day-of-month %d", l.Type, l.DayOfMonth)
	}
	return fmt.Sprintf("%s older-than %d period %s", l.Type, l.OlderThanValue, l.OlderThanPeriod)
}
