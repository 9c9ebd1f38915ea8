package importer_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/importer"
)

func TestBadFilesWriteNothing(t *testing.T) { apitest.ForEachEngine(t, testBadFilesWriteNothing) }

// Every bad file stops the import before anything is written. The good rows
// come first, so that an importer writing as it reads would leave them
// behind.
func testBadFilesWriteNothing(t *testing.T, env *apitest.Env) {
	const header = "Project,Description,User,Email,Billable,Start Date,Start Time,End Date,End Time\n"
	const good = "Good,Fine,Ada,ada@example.com,Yes,03/14/2024,09:00,03/14/2024,10:00\n"
	cases := []struct {
		name   string
		text   string
		format importer.DateFormat
		kind   importer.Kind
		line   int
		column string
		value  string
		has    string // in the message
	}{
		{name: "bad date", text: header + good + "Good,Bad,Ada,ada@example.com,Yes,2024/03/15,09:00,03/15/2024,10:00\n",
			line: 3, column: "Start Date", value: "2024/03/15", has: "MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY or YYYY-MM-DD"},
		{name: "date missing from the calendar", format: importer.MonthDayYear,
			text: header + good + "Good,Bad,Ada,ada@example.com,Yes,02/30/2024,09:00,02/30/2024,10:00\n",
			line: 3, column: "Start Date", value: "02/30/2024", has: "expected a date in the format MM/DD/YYYY"},
		{name: "mixed date orders", text: header + good + "Good,Bad,Ada,ada@example.com,Yes,15/03/2024,09:00,15/03/2024,10:00\n",
			line: 2, column: "Start Date", value: "03/14/2024", has: "mixes DD/MM/YYYY and MM/DD/YYYY"},
		{name: "bad time", text: header + good + "Good,Bad,Ada,ada@example.com,Yes,03/15/2024,25:00,03/15/2024,26:00\n",
			line: 3, column: "Start Time", value: "25:00", has: "3:04 PM"},
		{name: "13 PM", text: header + good + "Good,Bad,Ada,ada@example.com,Yes,03/15/2024,9:00 AM,03/15/2024,13:00 PM\n",
			line: 3, column: "End Time", value: "13:00 PM", has: "3:04:05 PM"},
		{name: "end before start", text: header + good + "Good,Bad,Ada,ada@example.com,Yes,03/15/2024,10:00,03/15/2024,09:59\n",
			line: 3, column: "End Time", value: "09:59", has: "at or after the start"},
		{name: "bad email", text: header + good + "Good,Bad,Ada,Ada Lovelace,Yes,03/15/2024,09:00,03/15/2024,10:00\n",
			line: 3, column: "Email", value: "Ada Lovelace", has: "email address"},
		{name: "bad billable", text: header + good + "Good,Bad,Ada,ada@example.com,Maybe,03/15/2024,09:00,03/15/2024,10:00\n",
			line: 3, column: "Billable", value: "Maybe", has: "Yes or No"},
		{name: "short project name", text: header + good + "X,Bad,Ada,ada@example.com,Yes,03/15/2024,09:00,03/15/2024,10:00\n",
			line: 3, column: "Project", value: "X", has: "between 2 and 250"},
		{name: "missing column", text: "Project,Description,User,Billable,Start Date,Start Time,End Date,End Time\n" +
			"Good,Fine,Ada,Yes,03/14/2024,09:00,03/14/2024,10:00\n",
			line: 1, column: "Email", has: "lacks this column"},
		{name: "duplicate header", text: "Project,Description,User,Email,Start Date,Start Time,End Date,End Time,Email\n" +
			"Good,Fine,Ada,ada@example.com,03/14/2024,09:00,03/14/2024,10:00,bob@example.com\n",
			line: 1, column: "Email", has: "2 times (positions 4, 9)"},
		{name: "unterminated quote", text: header + good + "Good,\"Bad,Ada,ada@example.com,Yes,03/15/2024,09:00,03/15/2024,10:00\n",
			line: 3, has: "not a valid CSV file"},
		{name: "short record", text: header + good + "Good,Bad,Ada,ada@example.com,Yes,03/15/2024,09:00\n",
			line: 3, has: "as many fields as the header"},
		{name: "not UTF-8", text: header + good + "Good,Caf\xe9,Ada,ada@example.com,Yes,03/15/2024,09:00,03/15/2024,10:00\n",
			line: 3, column: "Description", has: "not UTF-8"},
		{name: "empty file", text: "", has: "the file is empty"},
		{name: "Toggl without its end column", kind: importer.TogglEntries,
			text: "User,Email,Start date,Start time,Duration\nAda,ada@example.com,2024-01-01,09:00:00,01:00:00\n",
			line: 1, column: "End date", has: "lacks this column"},
		{name: "project export with a bad status", kind: importer.ClockifyProjects,
			text: "Project,Client,Status\nFine,,Active\nBad,,Paused\n",
			line: 3, column: "Status", value: "Paused", has: "Active or Archived"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kind := c.kind
			if kind == "" {
				kind = importer.ClockifyEntries
			}
			_, err := importText(t, env, kind, c.text, importer.Options{DateFormat: c.format})
			if err == nil {
				t.Fatal("import succeeded")
			}
			ie := asImportError(t, err)
			if ie.File != "export.csv" || ie.Line != c.line || ie.Column != c.column {
				t.Errorf("error at %s line %d column %q, want export.csv line %d column %q", ie.File, ie.Line, ie.Column, c.line, c.column)
			}
			if c.value != "" && (!ie.HasValue || ie.Value != c.value) {
				t.Errorf("error value %q, want %q", ie.Value, c.value)
			}
			if !strings.Contains(err.Error(), c.has) {
				t.Errorf("message %q lacks %q", err, c.has)
			}
			if n := len(storedEntries(t, env)); n != 0 {
				t.Errorf("%d entries written", n)
			}
			mustView(t, env, func(tx domain.Tx) error {
				if _, err := tx.UserByEmail(t.Context(), "ada@example.com"); !errors.Is(err, domain.ErrNotFound) {
					t.Errorf("user of a good row was written (lookup error %v)", err)
				}
				projects, err := tx.Projects(t.Context(), env.Owner.WorkspaceID, domain.ProjectFilter{Page: allRows})
				if len(projects) != 0 {
					t.Errorf("%d projects written", len(projects))
				}
				return err
			})
		})
	}
}

func TestAmbiguousDateFormat(t *testing.T) { apitest.ForEachEngine(t, testAmbiguousDateFormat) }

func testAmbiguousDateFormat(t *testing.T, env *apitest.Env) {
	text := "Project,Description,User,Email,Start Date,Start Time,End Date,End Time\n" +
		"Dates,One,Ada,ada@example.com,03/04/2024,09:00,03/04/2024,10:00\n" +
		"Dates,Two,Ada,ada@example.com,05/06/2024,09:00,05/06/2024,10:00\n"
	_, err := importText(t, env, importer.ClockifyEntries, text, importer.Options{})
	if !errors.Is(err, importer.ErrAmbiguousDateFormat) {
		t.Fatalf("error %v, want ErrAmbiguousDateFormat", err)
	}
	if !strings.Contains(err.Error(), "--date-format MM/DD/YYYY") || !strings.Contains(err.Error(), `"03/04/2024"`) {
		t.Errorf("message %q does not ask for --date-format or show a date", err)
	}
	if n := len(storedEntries(t, env)); n != 0 {
		t.Errorf("%d entries written", n)
	}
	sum := mustImport(t, env, importer.ClockifyEntries, text, importer.Options{DateFormat: importer.MonthDayYear})
	if sum.Created.Entries != 2 {
		t.Errorf("with the format given, created %d entries, want 2", sum.Created.Entries)
	}
}

func TestUnknownWorkspace(t *testing.T) { apitest.ForEachEngine(t, testUnknownWorkspace) }

func testUnknownWorkspace(t *testing.T, env *apitest.Env) {
	_, err := importText(t, env, importer.ClockifyEntries, clockifyFull, importer.Options{WorkspaceID: "aaaaaaaaaaaaaaaaaaaaaaaa"})
	if err == nil || !strings.Contains(err.Error(), "workspace aaaaaaaaaaaaaaaaaaaaaaaa does not exist") {
		t.Errorf("error %v, want one naming the missing workspace", err)
	}
}

func TestParseDateFormat(t *testing.T) {
	for _, s := range []string{"MM/DD/YYYY", "dd/mm/yyyy", "DD.MM.YYYY", "YYYY-MM-DD"} {
		if _, err := importer.ParseDateFormat(s); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	if _, err := importer.ParseDateFormat("DD-MM-YYYY"); err == nil || !strings.Contains(err.Error(), "MM/DD/YYYY") {
		t.Errorf("DD-MM-YYYY: error %v, want one listing the formats", err)
	}
}
