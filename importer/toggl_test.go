package importer_test

import (
	"slices"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/importer"
)

// Toggl's time-entry export: a byte-order mark, fields quoted only when
// needed, an empty Amount, and an entry across midnight.
const togglNeeded = "\ufeffUser,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (USD)\n" +
	`Ada,ada@example.com,Acme,Website,Copy,"Call, with ""quotes""",Yes,2024-01-05,09:00:00,2024-01-05,10:15:30,01:15:30,"Calls, Meetings",` + "\n" +
	"Ada,ada@example.com,,Internal,,Planung für 2024,No,2024-01-05,23:30:00,2024-01-06,00:30:00,01:00:00,,\n"

// The same export with every field quoted and no currency in the Amount header.
const togglQuoted = "\ufeff\"User\",\"Email\",\"Client\",\"Project\",\"Task\",\"Description\",\"Billable\",\"Start date\",\"Start time\",\"End date\",\"End time\",\"Duration\",\"Tags\",\"Amount ()\"\n" +
	`"Bo","bo@example.com","Ünïcode GmbH","Портал","","Tests","No","2024-02-10","14:00:00","2024-02-10","14:00:59","00:00:59","",""` + "\n"

// Toggl's detailed report: columns in another order, Member for User, Stop
// for End, the first header quoted after the mark, and durations without a
// leading zero.
const togglDetailed = "\ufeff\"Description\",Duration,Member,Email,Project,Client,Task,Billable,Tags,Start date,Start time,Stop date,Stop time\n" +
	"Review,1:30:00,Cy,cy@example.com,Website,Acme,,Yes,,2024-03-01,08:00:00,2024-03-01,09:30:00\n"

func TestTogglExports(t *testing.T) { apitest.ForEachEngine(t, testTogglExports) }

func testTogglExports(t *testing.T, env *apitest.Env) {
	berlin := zone(t, "Europe/Berlin")
	var total time.Duration
	for _, c := range []struct {
		name, text string
		cols       [4]string
		entries    int
	}{
		{"quoted when needed", togglNeeded, togglTimeColumns, 2},
		{"always quoted", togglQuoted, togglTimeColumns, 1},
		{"detailed report", togglDetailed, [4]string{"Start date", "Start time", "Stop date", "Stop time"}, 1},
	} {
		sum := mustImport(t, env, importer.TogglEntries, c.text, importer.Options{})
		fromFile := fileTotal(t, c.text, c.cols, "2006-01-02", "15:04:05", berlin)
		if sum.Created.Entries != c.entries || sum.Created.Time != fromFile {
			t.Errorf("%s: created %d entries of %s, want %d of %s", c.name, sum.Created.Entries, sum.Created.Time, c.entries, fromFile)
		}
		total += fromFile
	}
	if got := reportTotal(t, env); got != total {
		t.Errorf("summary report total %s, total of the files' start and end columns %s", got, total)
	}

	entries := storedEntries(t, env)
	if len(entries) != 4 {
		t.Fatalf("%d entries, want 4", len(entries))
	}
	first := entries[0]
	if first.Description != `Call, with "quotes"` || first.Client != "Acme" || first.Task != "Copy" || !first.Billable {
		t.Errorf("first entry %+v", first)
	}
	if !slices.Equal(first.Tags, []string{"Calls", "Meetings"}) {
		t.Errorf("tags %q", first.Tags)
	}
	if !first.Start.Equal(utc("2024-01-05T08:00:00Z")) {
		t.Errorf("start %s, want 08:00Z", first.Start)
	}
	if entries[1].Duration() != time.Hour || entries[1].Description != "Planung für 2024" {
		t.Errorf("midnight entry %q lasts %s", entries[1].Description, entries[1].Duration())
	}
	if entries[2].Project != "Портал" || entries[2].Client != "Ünïcode GmbH" || entries[2].Duration() != 59*time.Second {
		t.Errorf("quoted entry %+v", entries[2])
	}
	if entries[3].Email != "cy@example.com" || entries[3].Project != "Website" || entries[3].ProjectID != first.ProjectID {
		t.Errorf("detailed-report entry %+v did not reuse project Website of Acme", entries[3])
	}
}
