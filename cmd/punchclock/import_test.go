package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store"
)

// runImport runs `punchclock import ...` in process and returns its output.
func runImport(args ...string) (stdout, stderr string, err error) {
	var out, errOut bytes.Buffer
	err = run(context.Background(), append([]string{"import"}, args...), &out, &errOut)
	return out.String(), errOut.String(), err
}

// writeFile writes text to a file in a temporary directory.
func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// summaryValue returns the value of a "label: value" line of a summary.
func summaryValue(t *testing.T, summary, label string) string {
	t.Helper()
	for _, line := range strings.Split(summary, "\n") {
		if v, ok := strings.CutPrefix(line, label+": "); ok {
			return v
		}
	}
	t.Fatalf("summary has no %q line:\n%s", label, summary)
	return ""
}

const cliClockify = `"Project","Client","Description","Task","User","Email","Tags","Billable","Start Date","Start Time","End Date","End Time","Duration (h)","Duration (decimal)","Billable Rate (EUR)","Billable Amount (EUR)"
"Umzug","Kunde, AG","Kisten ""packen""","Packen","Jörg","joerg@example.com","Vor Ort, Schwer","Yes","28.10.2026","22:15:00","29.10.2026","01:45:30","03:30:30","3.51","40.00","140.33"
"Umzug","Kunde, AG","Fahrt","","Jörg","joerg@example.com","","No","25.10.2026","01:30:00","25.10.2026","03:30:00","03:00:00","3.00","40.00","0.00"
`

func TestImportCommand(t *testing.T) { forEachEngine(t, testImportCommand) }

func testImportCommand(t *testing.T, db string) {
	owner := runUsersCreate(t, "--db", db, "--email", "owner@example.com", "--name", "Owner")
	file := writeFile(t, "clockify.csv", cliClockify)
	flags := []string{"--db", db, "--workspace-id", owner.WorkspaceID, "--timezone", "Europe/Berlin"}

	out, _, err := runImport(append([]string{"clockify-csv", file, "--dry-run"}, flags...)...)
	if err != nil {
		t.Fatalf("dry run: %v", err)
	}
	if !strings.Contains(out, "dry run: nothing was written") || summaryValue(t, out, "entries to create") != "2" ||
		summaryValue(t, out, "time to import") != "6:30:30" {
		t.Errorf("dry run summary:\n%s", out)
	}

	// Flags may also come before the file.
	out, stderr, err := runImport(append(append([]string{"clockify-csv"}, flags...), file)...)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if stderr != "" {
		t.Errorf("import wrote %q to stderr, which is not a terminal", stderr)
	}
	// 3:30:30 across midnight, and 3:00:00 on the day the clocks fall back.
	for label, want := range map[string]string{"entries created": "2", "users created": "1", "clients created": "1",
		"projects created": "1", "tasks created": "1", "tags created": "2", "time imported": "6:30:30", "time in file": "6:30:30"} {
		if got := summaryValue(t, out, label); got != want {
			t.Errorf("%s: %s, want %s", label, got, want)
		}
	}

	out, _, err = runImport(append([]string{"clockify-csv", file}, flags...)...)
	if err != nil {
		t.Fatalf("second import: %v", err)
	}
	if summaryValue(t, out, "entries created") != "0" || summaryValue(t, out, "rows skipped") != "2 (imported before)" {
		t.Errorf("second import summary:\n%s", out)
	}

	toggl := writeFile(t, "toggl.csv", "\ufeffUser,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()\n"+
		"Jörg,JOERG@example.com,,Umzug,,Nachtrag,No,2026-10-30,08:00:00,2026-10-30,08:00:01,00:00:01,,\n")
	out, _, err = runImport(append([]string{"toggl-csv", toggl}, flags...)...)
	if err != nil {
		t.Fatalf("toggl import: %v", err)
	}
	if summaryValue(t, out, "entries created") != "1" || summaryValue(t, out, "users created") != "0" || summaryValue(t, out, "projects created") != "1" {
		// Umzug without a client is another project than Umzug of Kunde, AG.
		t.Errorf("toggl summary:\n%s", out)
	}

	projects := writeFile(t, "projects.csv", "Project,Client,Status,Visibility,Billability,Tasks,Billable Rate (EUR),Note\n"+
		"Umzug,\"Kunde, AG\",Active,Public,Yes,\"Packen, Tragen\",40.00,\n")
	out, _, err = runImport("clockify-projects-csv", projects, "--db", db, "--workspace-id", owner.WorkspaceID)
	if err != nil {
		t.Fatalf("projects import: %v", err)
	}
	if summaryValue(t, out, "projects created") != "0" || summaryValue(t, out, "tasks created") != "1" || summaryValue(t, out, "projects existing") != "1" {
		t.Errorf("projects summary:\n%s", out)
	}
}

func TestImportCommandRejectsBadInput(t *testing.T) {
	forEachEngine(t, testImportCommandRejectsBadInput)
}

func testImportCommandRejectsBadInput(t *testing.T, db string) {
	owner := runUsersCreate(t, "--db", db, "--email", "owner@example.com", "--name", "Owner")
	ws := owner.WorkspaceID
	file := writeFile(t, "clockify.csv", cliClockify)
	ambiguous := writeFile(t, "ambiguous.csv", "Project,Description,User,Email,Start Date,Start Time,End Date,End Time\n"+
		"Dates,One,Ada,ada@example.com,03/04/2024,09:00,03/04/2024,10:00\n")
	badTime := writeFile(t, "bad.csv", "Project,Description,User,Email,Start Date,Start Time,End Date,End Time\n"+
		"Dates,One,Ada,ada@example.com,2024-03-04,9.00,2024-03-04,10:00\n")
	cases := map[string]struct {
		args []string
		has  string
	}{
		"unknown zone":         {[]string{"clockify-csv", file, "--db", db, "--workspace-id", ws, "--timezone", "Mars/Olympus"}, `unknown time zone "Mars/Olympus"`},
		"local zone":           {[]string{"clockify-csv", file, "--db", db, "--workspace-id", ws, "--timezone", "Local"}, "IANA name"},
		"missing zone":         {[]string{"clockify-csv", file, "--db", db, "--workspace-id", ws}, "--timezone is required"},
		"missing workspace":    {[]string{"clockify-csv", file, "--db", db, "--timezone", "UTC"}, "--workspace-id is required"},
		"invalid workspace id": {[]string{"clockify-csv", file, "--db", db, "--workspace-id", "42", "--timezone", "UTC"}, "24-character hex id"},
		"unknown workspace":    {[]string{"clockify-csv", file, "--db", db, "--workspace-id", "aaaaaaaaaaaaaaaaaaaaaaaa", "--timezone", "UTC"}, "does not exist"},
		"missing file":         {[]string{"clockify-csv", "--db", db, "--workspace-id", ws, "--timezone", "UTC"}, "missing FILE"},
		"no such file":         {[]string{"clockify-csv", filepath.Join(t.TempDir(), "none.csv"), "--db", db, "--workspace-id", ws, "--timezone", "UTC"}, "no such file"},
		"two files":            {[]string{"clockify-csv", file, file, "--db", db, "--workspace-id", ws, "--timezone", "UTC"}, "unexpected argument"},
		"bad date format":      {[]string{"clockify-csv", file, "--db", db, "--workspace-id", ws, "--timezone", "UTC", "--date-format", "YY/MM/DD"}, "invalid date format"},
		"ambiguous dates":      {[]string{"clockify-csv", ambiguous, "--db", db, "--workspace-id", ws, "--timezone", "UTC"}, "give --date-format MM/DD/YYYY or --date-format DD/MM/YYYY"},
		"bad time":             {[]string{"clockify-csv", badTime, "--db", db, "--workspace-id", ws, "--timezone", "UTC"}, `bad.csv, line 2, column "Start Time": invalid value "9.00"`},
		"unknown import":       {[]string{"harvest-csv", file}, "unknown import"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, _, err := runImport(c.args...)
			if err == nil || !strings.Contains(err.Error(), c.has) {
				t.Errorf("error %v, want one containing %q", err, c.has)
			}
		})
	}
}

func TestImportCommandDateFormat(t *testing.T) { forEachEngine(t, testImportCommandDateFormat) }

// testImportCommandDateFormat imports a file whose dates read both as
// MM/DD/YYYY and as DD/MM/YYYY: it fails without --date-format, and with
// --date-format DD/MM/YYYY the entries land on the days that format names.
func testImportCommandDateFormat(t *testing.T, db string) {
	owner := runUsersCreate(t, "--db", db, "--email", "owner@example.com", "--name", "Owner")
	file := writeFile(t, "ambiguous.csv", "Project,Description,User,Email,Start Date,Start Time,End Date,End Time\n"+
		"Dates,One,Ada,ada@example.com,03/04/2024,09:00,03/04/2024,10:00\n"+
		"Dates,Two,Ada,ada@example.com,05/06/2024,23:30,06/06/2024,00:15\n")
	flags := []string{"--db", db, "--workspace-id", owner.WorkspaceID, "--timezone", "UTC"}

	_, _, err := runImport(append([]string{"clockify-csv", file}, flags...)...)
	if err == nil || !strings.Contains(err.Error(), "--date-format") {
		t.Fatalf("import without --date-format: error %v, want one naming --date-format", err)
	}
	out, _, err := runImport(append([]string{"clockify-csv", file, "--date-format", "DD/MM/YYYY"}, flags...)...)
	if err != nil {
		t.Fatalf("import with --date-format DD/MM/YYYY: %v", err)
	}
	if got := summaryValue(t, out, "entries created"); got != "2" {
		t.Errorf("entries created: %s, want 2", got)
	}

	s, err := store.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var entries []domain.TimeEntry
	err = s.View(context.Background(), func(tx domain.Tx) error {
		ada, err := tx.UserByEmail(context.Background(), "ada@example.com")
		if err != nil {
			return err
		}
		entries, err = tx.TimeEntries(context.Background(), owner.WorkspaceID, ada.ID, domain.TimeEntryFilter{Page: domain.Page{Number: 1, Size: 50}})
		return err
	})
	if err != nil {
		t.Fatalf("reading the imported entries: %v", err)
	}
	slices.SortFunc(entries, func(a, b domain.TimeEntry) int { return a.Start.Compare(b.Start) })
	want := []struct{ start, end time.Time }{
		{time.Date(2024, 4, 3, 9, 0, 0, 0, time.UTC), time.Date(2024, 4, 3, 10, 0, 0, 0, time.UTC)},
		{time.Date(2024, 6, 5, 23, 30, 0, 0, time.UTC), time.Date(2024, 6, 6, 0, 15, 0, 0, time.UTC)},
	}
	if len(entries) != len(want) {
		t.Fatalf("imported %d entries, want %d", len(entries), len(want))
	}
	for i, w := range want {
		if !entries[i].Start.Equal(w.start) {
			t.Errorf("entry %d starts %s, want %s", i, entries[i].Start, w.start)
		}
		if entries[i].End == nil || !entries[i].End.Equal(w.end) {
			t.Errorf("entry %d ends %v, want %s", i, entries[i].End, w.end)
		}
	}
}

// fakeTerminal is an in-memory stderr that reports itself as a terminal.
type fakeTerminal struct{ bytes.Buffer }

func (*fakeTerminal) IsTerminal() bool { return true }

func TestImportCommandProgress(t *testing.T) { forEachEngine(t, testImportCommandProgress) }

// testImportCommandProgress checks that an import writes progress lines to
// a stderr that is a terminal, ending with every row done, and keeps the
// summary on stdout.
func testImportCommandProgress(t *testing.T, db string) {
	owner := runUsersCreate(t, "--db", db, "--email", "owner@example.com", "--name", "Owner")
	file := writeFile(t, "clockify.csv", cliClockify)
	var stdout bytes.Buffer
	var stderr fakeTerminal
	args := []string{"import", "clockify-csv", file, "--db", db, "--workspace-id", owner.WorkspaceID, "--timezone", "Europe/Berlin"}
	if err := run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("import: %v", err)
	}
	progress := stderr.String()
	if !strings.Contains(progress, "imported 2 of 2 rows") {
		t.Errorf("stderr %q has no progress line for 2 of 2 rows", progress)
	}
	if !strings.HasSuffix(progress, "\n") {
		t.Errorf("stderr %q does not end the progress line once every row is done", progress)
	}
	if strings.Contains(stdout.String(), "imported 2 of 2") {
		t.Errorf("progress went to stdout:\n%s", stdout.String())
	}
	if got := summaryValue(t, stdout.String(), "entries created"); got != "2" {
		t.Errorf("entries created: %s, want 2", got)
	}
}
