package importer_test

import (
	"strings"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/importer"
)

// On 2026-03-29 Berlin's clocks jump from 02:00 to 03:00 (CET to CEST), and
// on 2026-10-25 they fall back from 03:00 to 02:00, so 02:00 to 03:00 comes
// twice. Durations follow the real instants.
const berlinDST = `"Project","Description","User","Email","Start Date","Start Time","End Date","End Time","Duration (h)"
"Clock","spring forward","Ada","ada@example.com","03/29/2026","01:30:00 AM","03/29/2026","03:30:00 AM","01:00:00"
"Clock","fall back","Ada","ada@example.com","10/25/2026","01:30:00 AM","10/25/2026","03:30:00 AM","03:00:00"
"Clock","inside the repeated hour, across it","Ada","ada@example.com","10/25/2026","02:10:00 AM","10/25/2026","02:50:00 AM","01:40:00"
"Clock","inside the repeated hour","Ada","ada@example.com","10/25/2026","02:10:00 AM","10/25/2026","02:50:00 AM","00:40:00"
`

func TestDaylightSavingDays(t *testing.T) { apitest.ForEachEngine(t, testDaylightSavingDays) }

func testDaylightSavingDays(t *testing.T, env *apitest.Env) {
	sum := mustImport(t, env, importer.ClockifyEntries, berlinDST, importer.Options{})
	want := map[string][2]time.Time{
		"spring forward":                      {utc("2026-03-29T00:30:00Z"), utc("2026-03-29T01:30:00Z")},
		"fall back":                           {utc("2026-10-24T23:30:00Z"), utc("2026-10-25T02:30:00Z")},
		"inside the repeated hour, across it": {utc("2026-10-25T00:10:00Z"), utc("2026-10-25T01:50:00Z")},
		"inside the repeated hour":            {utc("2026-10-25T00:10:00Z"), utc("2026-10-25T00:50:00Z")},
	}
	for _, e := range storedEntries(t, env) {
		w, ok := want[e.Description]
		if !ok {
			t.Errorf("unexpected entry %q", e.Description)
			continue
		}
		if !e.Start.Equal(w[0]) || !e.End.Equal(w[1]) {
			t.Errorf("%s: %s to %s, want %s to %s", e.Description, e.Start, e.End, w[0], w[1])
		}
	}
	// 1h + 3h + 1h40m + 40m, from the real instants.
	const total = 6*time.Hour + 20*time.Minute
	if sum.Created.Time != total || reportTotal(t, env) != total {
		t.Errorf("imported %s, summary report %s, want %s", sum.Created.Time, reportTotal(t, env), total)
	}

	toggl := "\ufeffUser,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (EUR)\n" +
		"Ada,ada@example.com,,Clock,,Toggl fall back,No,2026-10-25,01:00:00,2026-10-25,04:00:00,04:00:00,,\n"
	if sum := mustImport(t, env, importer.TogglEntries, toggl, importer.Options{}); sum.Created.Time != 4*time.Hour {
		t.Errorf("Toggl entry across the fall-back change lasts %s, want 4h", sum.Created.Time)
	}
}

func TestSkippedWallTime(t *testing.T) { apitest.ForEachEngine(t, testSkippedWallTime) }

// 02:30 does not exist in Berlin on the spring-forward night, so the export
// cannot have been made in that zone.
func testSkippedWallTime(t *testing.T, env *apitest.Env) {
	text := "Project,Description,User,Email,Start Date,Start Time,End Date,End Time\n" +
		"Clock,gap,Ada,ada@example.com,03/29/2026,02:30:00 AM,03/29/2026,04:00:00 AM\n"
	_, err := importText(t, env, importer.ClockifyEntries, text, importer.Options{})
	ie := asImportError(t, err)
	if ie.Line != 2 || ie.Column != "Start Time" || ie.Value != "02:30:00 AM" {
		t.Errorf("error at line %d, column %q, value %q; want 2, Start Time, 02:30:00 AM", ie.Line, ie.Column, ie.Value)
	}
	if !strings.Contains(err.Error(), "does not exist in Europe/Berlin") {
		t.Errorf("message %q does not explain the gap", err)
	}
	// In New York the same wall time exists.
	if _, err := importText(t, env, importer.ClockifyEntries, text, importer.Options{Location: zone(t, "America/New_York")}); err != nil {
		t.Errorf("import in America/New_York: %v", err)
	}
}

func TestDurationColumnMismatch(t *testing.T) { apitest.ForEachEngine(t, testDurationColumnMismatch) }

// On Berlin's spring-forward night 01:30 to 03:30 lasts one hour, as the
// export's Duration (h) column says. Read in the wrong zone it lasts two,
// and the summary warns about the row instead of importing it silently.
func testDurationColumnMismatch(t *testing.T, env *apitest.Env) {
	text := "Project,Description,User,Email,Start Date,Start Time,End Date,End Time,Duration (h)\n" +
		"Clock,in step,Ada,ada@example.com,03/28/2026,09:00:00 AM,03/28/2026,10:00:00 AM,01:00:00\n" +
		"Clock,across the change,Ada,ada@example.com,03/29/2026,01:30:00 AM,03/29/2026,03:30:00 AM,01:00:00\n"

	dry := importer.Options{DryRun: true}
	if sum := mustImport(t, env, importer.ClockifyEntries, text, dry); sum.DurationMismatches != 0 {
		t.Errorf("in Europe/Berlin: %d mismatched rows, want 0", sum.DurationMismatches)
	}

	sum := mustImport(t, env, importer.ClockifyEntries, text, importer.Options{DryRun: true, Location: time.UTC})
	if sum.DurationMismatches != 1 {
		t.Errorf("in UTC: %d mismatched rows, want 1", sum.DurationMismatches)
	}
	if sum.FirstMismatchLine != 3 {
		t.Errorf("first mismatched line %d, want 3", sum.FirstMismatchLine)
	}
	var out strings.Builder
	if err := sum.WriteText(&out); err != nil {
		t.Fatalf("WriteText: %v", err)
	}
	if !strings.Contains(out.String(), "1 rows have a duration column that differs") || !strings.Contains(out.String(), "line 3") {
		t.Errorf("summary does not warn about line 3:\n%s", out.String())
	}
}
