package reports_test

import (
	"context"
	"database/sql"
	"io"
	"os"
	"os/exec"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for the plain SQL comparison
	_ "modernc.org/sqlite"             // the "sqlite" driver for the plain SQL comparison

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/devseed"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/reports"
	"github.com/punchclock/punchclock/store"
)

func TestMain(m *testing.M) { apitest.Main(m) }

// benchEntries is the size of the large data set: PUNCHCLOCK_BENCH_ENTRIES,
// or 1,000,000 entries. A second data set of 1,000 entries shows whether
// export memory grows with the number of entries.
func benchEntries(b *testing.B) int {
	if v := os.Getenv("PUNCHCLOCK_BENCH_ENTRIES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("PUNCHCLOCK_BENCH_ENTRIES=%q is not a positive whole number", v)
		}
		return n
	}
	return 1_000_000
}

// benchData is one seeded database with a report service over it.
type benchData struct {
	dsn     string
	raw     *sql.DB // a plain connection for the SQL comparison
	rs      *reports.Service
	actor   domain.Actor
	from    time.Time
	to      time.Time
	entries int
}

var (
	benchMu    sync.Mutex
	benchCache = map[string]*benchData{}
)

// seed returns the data set of the engine and size, seeding it on first use:
// 200 users, 500 projects and 5 years, scaled down for small sizes.
func seed(b *testing.B, engine string, entries int) *benchData {
	benchMu.Lock()
	defer benchMu.Unlock()
	key := engine + strconv.Itoa(entries)
	if d := benchCache[key]; d != nil {
		return d
	}
	dsn := apitest.NewDSN(b, engine)
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	opts := devseed.Options{Entries: entries, Users: min(200, entries), Projects: min(500, entries), Years: 5, Seed: 7, Now: now}
	ctx := context.Background()
	started := time.Now()
	res, err := devseed.Run(ctx, dsn, opts)
	if err != nil {
		b.Fatalf("seeding %d entries on %s: %v", entries, engine, err)
	}
	b.Logf("seeded %d entries on %s in %v", entries, engine, time.Since(started).Round(time.Second))

	db, err := store.Open(ctx, dsn, nil)
	if err != nil {
		b.Fatalf("opening the seeded store: %v", err)
	}
	svc := domain.NewService(db)
	actor, err := svc.AuthenticateIn(ctx, res.APIKey, res.WorkspaceID)
	if err != nil {
		b.Fatalf("entering the seeded workspace: %v", err)
	}
	driver := "sqlite"
	if engine == apitest.Postgres {
		driver = "pgx"
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		b.Fatalf("opening a plain connection: %v", err)
	}
	d := &benchData{dsn: dsn, raw: raw, rs: reports.New(svc), actor: actor,
		from: now.AddDate(-6, 0, 0), to: now.AddDate(0, 1, 0), entries: entries}
	benchCache[key] = d
	return d
}

func (d *benchData) request(extra func(*reports.Request)) reports.Request {
	req := reports.Request{DateRangeStart: d.from.Format("2006-01-02T15:04:05Z"),
		DateRangeEnd: d.to.Format("2006-01-02T15:04:05Z"), TimeZone: "UTC"}
	extra(&req)
	return req
}

// groupBySQL returns a run of the plain SQL that computes the summary by one
// column: the entries' durations and counts per group over the same range.
func (d *benchData) groupBySQL(b *testing.B, column string, engine string) func() {
	q := `SELECT ` + column + `, SUM(end_at / 1000 - start_at / 1000), COUNT(*) FROM time_entries
		WHERE workspace_id = ? AND end_at IS NOT NULL AND start_at >= ? AND start_at < ? GROUP BY ` + column
	if engine == apitest.Postgres {
		q = `SELECT ` + column + `, SUM(end_at / 1000 - start_at / 1000), COUNT(*) FROM time_entries
		WHERE workspace_id = $1 AND end_at IS NOT NULL AND start_at >= $2 AND start_at < $3 GROUP BY ` + column
	}
	return func() {
		rows, err := d.raw.Query(q, d.actor.Workspace.ID, d.from.UnixMilli(), d.to.UnixMilli())
		if err != nil {
			b.Fatalf("group by %s: %v", column, err)
		}
		groups := 0
		for rows.Next() {
			var id string
			var seconds, count int64
			if err := rows.Scan(&id, &seconds, &count); err != nil {
				b.Fatalf("group by %s: %v", column, err)
			}
			groups++
		}
		if err := rows.Close(); err != nil || groups == 0 {
			b.Fatalf("group by %s: %d groups, error %v", column, groups, err)
		}
	}
}

// exportJoin is the join that the detailed CSV export writes, for the
// sqlite3 command-line tool.
const exportJoin = `SELECT p.name, c.name, e.description, t.name, u.name, u.email,
	(SELECT group_concat(g.name, ', ') FROM time_entry_tags x JOIN tags g ON g.id = x.tag_id WHERE x.entry_id = e.id),
	CASE WHEN e.billable THEN 'Yes' ELSE 'No' END, e.start_at, e.end_at, e.end_at / 1000 - e.start_at / 1000,
	e.hourly_rate, e.created_at
	FROM time_entries e
	LEFT JOIN projects p ON p.id = e.project_id
	LEFT JOIN clients c ON c.id = p.client_id
	LEFT JOIN tasks t ON t.id = e.task_id
	LEFT JOIN users u ON u.id = e.user_id
	WHERE e.end_at IS NOT NULL ORDER BY e.start_at DESC`

// heapPeak samples the live heap while fn runs and returns its peak above
// the heap before fn, in bytes.
func heapPeak(fn func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := read()
	var peak uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				peak = max(peak, read())
			}
		}
	}()
	fn()
	close(done)
	<-stopped
	peak = max(peak, read())
	if peak < base {
		return 0
	}
	return peak - base
}

// BenchmarkReports runs the summary grouped by project and by user, the
// first detailed page and a full detailed CSV export over a large data
// set, next to the plain SQL GROUP BY on the same database and, on SQLite,
// the sqlite3 tool writing the export's join as CSV. Seeding is not timed.
func BenchmarkReports(b *testing.B) {
	for _, engine := range []string{apitest.SQLite, apitest.Postgres} {
		b.Run(engine, func(b *testing.B) {
			if engine == apitest.Postgres && os.Getenv(apitest.PostgresEnv) == "" {
				b.Skipf("set %s to benchmark PostgreSQL", apitest.PostgresEnv)
			}
			for _, size := range []int{1000, benchEntries(b)} {
				b.Run(strconv.Itoa(size), func(b *testing.B) { benchmarkSize(b, engine, size) })
			}
		})
	}
}

func benchmarkSize(b *testing.B, engine string, size int) {
	d := seed(b, engine, size)
	ctx := context.Background()
	summary := func(group string) func(b *testing.B) {
		return func(b *testing.B) {
			req := d.request(func(r *reports.Request) { r.SummaryFilter = &reports.SummaryFilter{Groups: []string{group}} })
			for b.Loop() {
				res, err := d.rs.Summary(ctx, d.actor, req)
				if err != nil || res.Totals[0].EntriesCount == 0 {
					b.Fatalf("summary by %s: %v", group, err)
				}
			}
		}
	}
	b.Run("summary-project", summary("PROJECT"))
	b.Run("sql-groupby-project", func(b *testing.B) {
		run := d.groupBySQL(b, "project_id", engine)
		for b.Loop() {
			run()
		}
	})
	b.Run("summary-user", summary("USER"))
	b.Run("sql-groupby-user", func(b *testing.B) {
		run := d.groupBySQL(b, "user_id", engine)
		for b.Loop() {
			run()
		}
	})
	b.Run("detailed-first-page", func(b *testing.B) {
		page, size := 1, 50
		req := d.request(func(r *reports.Request) { r.DetailedFilter = &reports.DetailedFilter{Page: &page, PageSize: &size} })
		for b.Loop() {
			res, err := d.rs.Detailed(ctx, d.actor, req)
			if err != nil || len(res.TimeEntries) != 50 {
				b.Fatalf("detailed first page: %d rows, %v", len(res.TimeEntries), err)
			}
		}
	})
	b.Run("csv-export", func(b *testing.B) {
		req := d.request(func(r *reports.Request) {
			r.ExportType = "CSV"
			r.DetailedFilter = &reports.DetailedFilter{}
		})
		var peak uint64
		var written int64
		for b.Loop() {
			peak = max(peak, heapPeak(func() {
				x, err := d.rs.PrepareExport(d.actor, reports.Detailed, req)
				if err != nil {
					b.Fatalf("preparing the export: %v", err)
				}
				counter := &countingWriter{}
				if err := x.Write(ctx, counter); err != nil {
					b.Fatalf("exporting: %v", err)
				}
				written = counter.n
			}))
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(written)/(1<<20), "file-MB")
	})
	if engine == apitest.SQLite {
		b.Run("sqlite3-csv-join", func(b *testing.B) {
			tool, err := exec.LookPath("sqlite3")
			if err != nil {
				b.Skip("the sqlite3 tool is not installed (apt-get install sqlite3)")
			}
			for b.Loop() {
				cmd := exec.Command(tool, "-readonly", "-csv", "-header", d.dsn, exportJoin)
				var stderr strings.Builder
				cmd.Stdout, cmd.Stderr = io.Discard, &stderr
				if err := cmd.Run(); err != nil {
					b.Fatalf("sqlite3: %v: %s", err, stderr.String())
				}
			}
		})
	}
}

// countingWriter discards what it is given and counts the bytes.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}
