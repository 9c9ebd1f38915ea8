package importer_test

// Benchmarks of imports into a real store on each engine. They run only
// with -bench, for example
//
//	go test ./importer -run '^$' -bench . -benchtime 3x
//
// Each reports rows/s, the rate an import's progress line shows.

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/importer"
)

// benchRows is the number of rows of the benchmark's export: about a year
// of one ten-person team's time at two entries per person and working day.
const benchRows = 5000

// benchExport returns a Clockify detailed report of benchRows entries by
// ten users over twenty projects with five tags. Descriptions carry run,
// so that each run's entries are new to the workspace.
func benchExport(run int) string {
	var b strings.Builder
	b.WriteString(`"Project","Client","Description","Task","User","Email","Tags","Billable","Start Date","Start Time","End Date","End Time","Duration (h)"` + "\n")
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range benchRows {
		start := day.AddDate(0, 0, i/20).Add(time.Duration(8+i%10) * time.Hour)
		end := start.Add(time.Duration(30+i%90) * time.Minute)
		fmt.Fprintf(&b, "\"Project %d\",\"Client %d\",\"Run %d entry %d\",\"Task %d\",\"User %d\",\"user%d@example.com\",\"Tag %d, Tag %d\",\"Yes\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\"\n",
			i%20, i%5, run, i, i%3, i%10, i%10, i%5, (i+1)%5,
			start.Format("01/02/2006"), start.Format("03:04:05 PM"), end.Format("01/02/2006"), end.Format("03:04:05 PM"),
			importer.FormatHours(end.Sub(start)))
	}
	return b.String()
}

func BenchmarkImportClockify(b *testing.B) {
	for _, engine := range []string{apitest.SQLite, apitest.Postgres} {
		b.Run(engine, func(b *testing.B) {
			env := apitest.New(b, engine)
			opts := importer.Options{WorkspaceID: env.Owner.WorkspaceID, Location: time.UTC}
			files := make([]string, b.N)
			for i := range files {
				files[i] = benchExport(i)
			}
			b.ResetTimer()
			for i := range b.N {
				sum, err := importer.Import(context.Background(), env.Store, importer.ClockifyEntries, "bench.csv", strings.NewReader(files[i]), opts)
				if err != nil {
					b.Fatal(err)
				}
				if sum.Created.Entries != benchRows {
					b.Fatalf("created %d entries, want %d", sum.Created.Entries, benchRows)
				}
			}
			b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// BenchmarkReimportClockify measures an import that finds every entry
// imported already, so that it only reads the file and the import keys.
func BenchmarkReimportClockify(b *testing.B) {
	for _, engine := range []string{apitest.SQLite, apitest.Postgres} {
		b.Run(engine, func(b *testing.B) {
			env := apitest.New(b, engine)
			opts := importer.Options{WorkspaceID: env.Owner.WorkspaceID, Location: time.UTC}
			file := benchExport(0)
			if _, err := importer.Import(context.Background(), env.Store, importer.ClockifyEntries, "bench.csv", strings.NewReader(file), opts); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for range b.N {
				sum, err := importer.Import(context.Background(), env.Store, importer.ClockifyEntries, "bench.csv", strings.NewReader(file), opts)
				if err != nil {
					b.Fatal(err)
				}
				if sum.Skipped != benchRows {
					b.Fatalf("skipped %d rows, want %d", sum.Skipped, benchRows)
				}
			}
			b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
