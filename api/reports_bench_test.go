package api_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/iso8601"
	"github.com/punchclock/punchclock/store/sqlite"
)

// reportRange returns the bounds of a report over every seeded entry: the
// seed spans hotYears years before the time it ran.
func reportRange() (from, to time.Time) {
	to = time.Now().UTC().Add(time.Hour)
	return to.AddDate(-hotYears-1, 0, 0), to
}

// reportBody returns a report request over the whole seeded range.
func reportRequest(extra string) []byte {
	from, to := reportRange()
	return fmt.Appendf(nil, `{"dateRangeStart":%q,"dateRangeEnd":%q,"timeZone":"UTC",%s}`,
		iso8601.FormatInstant(from), iso8601.FormatInstant(to), extra)
}

// openSeededRaw opens the seeded database through the store's driver: on SQLite
// with the store's PRAGMAs, on PostgreSQL with pgx. It returns the
// connection and a function that rewrites ? placeholders for the engine.
func openSeededRaw(b *testing.B, env *hotEnv) (*sql.DB, func(string) string) {
	b.Helper()
	driver, dsn := "sqlite", sqlite.DSN(env.dsn)
	bind := func(q string) string { return q }
	if env.engine == apitest.Postgres {
		driver, dsn = "pgx", env.dsn
		bind = func(q string) string {
			for i := 1; strings.Contains(q, "?"); i++ {
				q = strings.Replace(q, "?", "$"+strconv.Itoa(i), 1)
			}
			return q
		}
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { raw.Close() })
	return raw, bind
}

// summarySQL is the raw GROUP BY baseline of the summary report: time and
// billable amount per project and user over finished entries in a range.
const summarySQL = `SELECT project_id, user_id, COUNT(*), SUM((end_at - start_at) / 1000),
	SUM(CASE WHEN billable THEN COALESCE(hourly_rate, 0) * (end_at - start_at) / 3600000 ELSE 0 END)
	FROM time_entries WHERE workspace_id = ? AND end_at IS NOT NULL AND start_at >= ? AND start_at < ?
	GROUP BY project_id, user_id`

// BenchmarkHotSummaryReport measures POST /reports/summary grouped by
// project and user over every seeded entry, against the raw SQL GROUP BY
// that computes the same totals (raw). raw-ratio is the API's ns/op over
// raw's.
func BenchmarkHotSummaryReport(b *testing.B) {
	forEachHotEnv(b, func(b *testing.B, env *hotEnv) {
		raw, bind := openSeededRaw(b, env)
		from, to := reportRange()
		query := bind(summarySQL)
		var rawNanos float64
		b.Run("raw", func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				rows, err := raw.Query(query, env.res.WorkspaceID, from.UnixMilli(), to.UnixMilli())
				if err != nil {
					b.Fatal(err)
				}
				groups := 0
				for rows.Next() {
					var project, user string
					var count, seconds, amount int64
					if err := rows.Scan(&project, &user, &count, &seconds, &amount); err != nil {
						b.Fatal(err)
					}
					groups++
				}
				if err := rows.Err(); err != nil || groups == 0 {
					b.Fatalf("summary query: %d groups, error %v", groups, err)
				}
				rows.Close()
			}
			rawNanos = nanosPerOp(b)
		})

		path := "/report/v1/workspaces/" + env.res.WorkspaceID + "/reports/summary"
		body := reportRequest(`"summaryFilter":{"groups":["PROJECT","USER"]}`)
		b.Run("api", func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				env.client.mustSend(b, http.MethodPost, path, env.res.APIKey, body, http.StatusOK)
			}
			b.ReportMetric(nanosPerOp(b)/rawNanos, "raw-ratio")
		})
	})
}

// csvSQL is the sqlite3 baseline of the detailed CSV export: the same join
// and columns, formatted by SQLite. Its %s verbs take the workspace id and
// the range in Unix milliseconds.
const csvSQL = `SELECT COALESCE(p.name, '') AS "Project", COALESCE(c.name, '') AS "Client",
	e.description AS "Description", COALESCE(t.name, '') AS "Task", u.name AS "User", '' AS "Group",
	u.email AS "Email",
	COALESCE((SELECT group_concat(g.name, ', ') FROM time_entry_tags x JOIN tags g ON g.id = x.tag_id
		WHERE x.entry_id = e.id), '') AS "Tags",
	'Regular' AS "Type", CASE WHEN e.billable THEN 'Yes' ELSE 'No' END AS "Billable",
	CASE WHEN e.invoiced THEN 'Yes' ELSE 'No' END AS "Invoiced", '' AS "Invoice ID",
	strftime('%%m/%%d/%%Y', e.start_at / 1000, 'unixepoch') AS "Start Date",
	strftime('%%H:%%M:%%S', e.start_at / 1000, 'unixepoch') AS "Start Time",
	strftime('%%m/%%d/%%Y', e.end_at / 1000, 'unixepoch') AS "End Date",
	strftime('%%H:%%M:%%S', e.end_at / 1000, 'unixepoch') AS "End Time",
	printf('%%02d:%%02d:%%02d', (e.end_at - e.start_at) / 3600000, (e.end_at - e.start_at) / 60000 %% 60,
		(e.end_at - e.start_at) / 1000 %% 60) AS "Duration (h)",
	printf('%%.2f', (e.end_at - e.start_at) / 3600000.0) AS "Duration (decimal)",
	printf('%%.2f', COALESCE(e.hourly_rate, 0) / 100.0) AS "Billable Rate (USD)",
	printf('%%.2f', CASE WHEN e.billable THEN COALESCE(e.hourly_rate, 0) * (e.end_at - e.start_at) / 360000000.0 ELSE 0 END) AS "Billable Amount (USD)",
	strftime('%%m/%%d/%%Y', e.created_at / 1000, 'unixepoch') AS "Date of creation"
FROM time_entries e JOIN users u ON u.id = e.user_id
	LEFT JOIN projects p ON p.id = e.project_id
	LEFT JOIN clients c ON c.id = p.client_id
	LEFT JOIN tasks t ON t.id = e.task_id
WHERE e.workspace_id = '%s' AND e.end_at IS NOT NULL AND e.start_at >= %d AND e.start_at < %d
ORDER BY e.start_at, e.id;`

// lineCounter counts the newlines written to it.
type lineCounter struct{ lines int }

func (c *lineCounter) Write(p []byte) (int, error) {
	c.lines += bytes.Count(p, []byte{'\n'})
	return len(p), nil
}

// BenchmarkHotCSVExport measures the detailed report's CSV export of every
// seeded entry through POST /reports/detailed, against the sqlite3 command
// writing the same join as CSV (sqlite3, on SQLite only, skipped when
// sqlite3 is not installed). sqlite3-ratio is the API's ns/op over
// sqlite3's. Both outputs are read to the end and must have as many lines.
func BenchmarkHotCSVExport(b *testing.B) {
	forEachHotEnv(b, func(b *testing.B, env *hotEnv) {
		var cliNanos float64
		cliLines := -1
		b.Run("sqlite3", func(b *testing.B) {
			if env.engine != apitest.SQLite {
				b.Skip("the sqlite3 baseline reads SQLite files only")
			}
			cli, err := exec.LookPath("sqlite3")
			if err != nil {
				b.Skip("sqlite3 is not installed, so the CSV baseline is skipped: install Debian's sqlite3 package to run it")
			}
			from, to := reportRange()
			query := fmt.Sprintf(csvSQL, env.res.WorkspaceID, from.UnixMilli(), to.UnixMilli())
			for range b.N {
				var out lineCounter
				var stderr bytes.Buffer
				cmd := exec.CommandContext(context.Background(), cli, "-readonly", "-csv", "-header", env.dsn, query)
				cmd.Stdout, cmd.Stderr = &out, &stderr
				if err := cmd.Run(); err != nil {
					b.Fatalf("sqlite3: %v: %s", err, stderr.String())
				}
				cliLines = out.lines
			}
			cliNanos = nanosPerOp(b)
		})

		path := "/report/v1/workspaces/" + env.res.WorkspaceID + "/reports/detailed"
		body := reportRequest(`"exportType":"CSV","detailedFilter":{"page":1,"pageSize":50}`)
		b.Run("api", func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				lines := postLines(b, env, path, body)
				if cliLines >= 0 && lines != cliLines {
					b.Fatalf("the API's CSV has %d lines and sqlite3's %d", lines, cliLines)
				}
			}
			if cliNanos > 0 {
				b.ReportMetric(nanosPerOp(b)/cliNanos, "sqlite3-ratio")
			}
		})
	})
}

// postLines sends a POST as the seeded admin and returns the number of
// lines in the 200 response.
func postLines(b *testing.B, env *hotEnv, path string, body []byte) int {
	req, err := http.NewRequest(http.MethodPost, env.url+path, bytes.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("X-Api-Key", env.res.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := env.client.http.Do(req)
	if err != nil {
		b.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		text, _ := io.ReadAll(resp.Body)
		b.Fatalf("POST %s: status %d; body: %s", path, resp.StatusCode, text)
	}
	var out lineCounter
	if _, err := io.Copy(&out, resp.Body); err != nil {
		b.Fatalf("POST %s: reading body: %v", path, err)
	}
	return out.lines
}
