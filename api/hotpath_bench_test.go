package api_test

// Benchmarks of the hot paths on a large seeded workspace, each beside a
// baseline measured in the same run: a plain net/http handler that returns
// the same JSON bytes, and a raw single-row insert loop on the same driver
// with the same PRAGMAs. Ratios to the baselines are reported as metrics,
// because absolute numbers drift on shared machines. docs/benchmarks.md
// explains how to run them and records results.
//
// The workspace holds PUNCHCLOCK_BENCH_ENTRIES entries (default 1,000,000;
// 10,000 under -benchtime 1x, so that CI's single pass stays fast), seeded
// once per engine and process by devseed.

import (
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/punchclock/punchclock/api"
	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/devseed"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/iso8601"
	"github.com/punchclock/punchclock/store"
	"github.com/punchclock/punchclock/store/sqlite"
	"github.com/punchclock/punchclock/store/sqlstore"
)

// Shape of the seeded benchmark workspace besides its entry count.
const (
	hotUsers    = 20
	hotProjects = 200
	hotYears    = 3
	hotSeed     = 1
)

// hotEntriesEnv overrides the number of seeded entries, and
// hotListSizesEnv the comma-separated sizes of BenchmarkListPageScaling.
const (
	hotEntriesEnv   = "PUNCHCLOCK_BENCH_ENTRIES"
	hotListSizesEnv = "PUNCHCLOCK_BENCH_LIST_SIZES"
)

// singlePass reports whether the benchmarks run with -benchtime 1x, as in
// CI, where only their code paths matter and data sets shrink.
func singlePass() bool {
	f := flag.Lookup("test.benchtime")
	return f != nil && f.Value.String() == "1x"
}

// hotEntries returns the number of entries of the seeded workspace.
func hotEntries(b *testing.B) int {
	if v := os.Getenv(hotEntriesEnv); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1000 {
			b.Fatalf("%s=%q: want a whole number of at least 1000", hotEntriesEnv, v)
		}
		return n
	}
	if singlePass() {
		return 10_000
	}
	return 1_000_000
}

// seededDB is a seeded database that benchmarks share within one process.
type seededDB struct {
	dsn string
	res devseed.Result
}

var seeded struct {
	sync.Mutex
	byKey map[string]*seededDB
	dirs  []string // SQLite directories to remove when the process ends
}

// removeSeededData deletes the SQLite files of seeded databases. TestMain
// calls it; PostgreSQL schemas go with the package database.
func removeSeededData() {
	seeded.Lock()
	defer seeded.Unlock()
	for _, dir := range seeded.dirs {
		os.RemoveAll(dir)
	}
}

// seedOnce returns a database of the engine with entries seeded entries,
// seeding it on first use in this process.
func seedOnce(b *testing.B, engine string, entries int) *seededDB {
	b.Helper()
	seeded.Lock()
	defer seeded.Unlock()
	key := engine + "/" + strconv.Itoa(entries)
	if db := seeded.byKey[key]; db != nil {
		return db
	}

	var dsn string
	if engine == apitest.SQLite {
		dir, err := os.MkdirTemp("", "punchclock-bench-")
		if err != nil {
			b.Fatal(err)
		}
		seeded.dirs = append(seeded.dirs, dir)
		dsn = filepath.Join(dir, "seeded.db")
	} else {
		dsn = apitest.NewDSN(b, engine)
	}
	started := time.Now()
	res, err := devseed.Run(context.Background(), dsn, devseed.Options{
		Entries: entries, Users: hotUsers, Projects: hotProjects, Years: hotYears, Seed: hotSeed})
	if err != nil {
		b.Fatalf("seeding %d entries on %s: %v", entries, engine, err)
	}
	b.Logf("seeded %d entries on %s in %s", entries, engine, time.Since(started).Round(time.Millisecond))

	db := &seededDB{dsn: dsn, res: res}
	if seeded.byKey == nil {
		seeded.byKey = map[string]*seededDB{}
	}
	seeded.byKey[key] = db
	return db
}

// hotEnv is a server on a seeded database.
type hotEnv struct {
	engine string
	url    string
	dsn    string
	store  *sqlstore.DB
	svc    *domain.Service
	res    devseed.Result
	ws     string // path prefix of the workspace
	client *benchClient
}

// newHotEnv starts a server on the engine's seeded database. The server
// lives until the benchmark ends.
func newHotEnv(b *testing.B, engine string, entries int) *hotEnv {
	b.Helper()
	data := seedOnce(b, engine, entries)
	db, err := store.Open(context.Background(), data.dsn, nil)
	if err != nil {
		b.Fatalf("opening the seeded %s database: %v", engine, err)
	}
	b.Cleanup(func() { db.Close() })
	svc := domain.NewService(db)
	srv := httptest.NewServer(api.New(svc, slog.New(slog.DiscardHandler)))
	b.Cleanup(srv.Close)

	env := &hotEnv{engine: engine, url: srv.URL, dsn: data.dsn, store: db, svc: svc, res: data.res,
		ws: "/api/v1/workspaces/" + data.res.WorkspaceID}
	env.client = newBenchClient(b, &apitest.Env{URL: srv.URL})
	return env
}

// forEachHotEnv runs fn as a sub-benchmark per engine on a seeded server.
// PostgreSQL is skipped when apitest.PostgresEnv is unset.
func forEachHotEnv(b *testing.B, fn func(b *testing.B, env *hotEnv)) {
	for _, engine := range []string{apitest.SQLite, apitest.Postgres} {
		b.Run(engine, func(b *testing.B) {
			if engine == apitest.Postgres && os.Getenv(apitest.PostgresEnv) == "" {
				b.Skipf("PostgreSQL benchmarks skipped: set %s to run them", apitest.PostgresEnv)
			}
			fn(b, newHotEnv(b, engine, hotEntries(b)))
		})
	}
}

// fetch sends one request as the seeded admin and returns the response
// body, failing unless the status is want.
func (e *hotEnv) fetch(b *testing.B, method, path string, body []byte, want int) []byte {
	b.Helper()
	var reader io.Reader
	if body != nil {
		reader = strings.NewReader(string(body))
	}
	req, err := http.NewRequest(method, e.url+path, reader)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("X-Api-Key", e.res.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := e.client.http.Do(req)
	if err != nil {
		b.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		b.Fatalf("%s %s: reading body: %v", method, path, err)
	}
	if resp.StatusCode != want {
		b.Fatalf("%s %s: status %d, want %d; body: %s", method, path, resp.StatusCode, want, out)
	}
	return out
}

// runPlain measures a plain net/http handler that returns body as JSON,
// over loopback HTTP like the API, as the sub-benchmark plain, and returns
// its ns/op. It is the baseline of the plain-ratio metric: what the same
// response costs without authentication, database or encoding.
func runPlain(b *testing.B, body []byte) float64 {
	var plain float64
	b.Run("plain", func(b *testing.B) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write(body)
		}))
		defer srv.Close()
		c := newBenchClient(b, &apitest.Env{URL: srv.URL})
		b.ReportAllocs()
		b.ResetTimer()

		for range b.N {
			c.mustSend(b, http.MethodGet, "/", "", nil, http.StatusOK)
		}

		b.StopTimer()
		plain = nanosPerOp(b)
		b.ReportMetric(float64(len(body)), "resp-bytes")
	})
	return plain
}

// runPlainAndAPI measures GET path through the API as the seeded admin, and
// a plain handler returning the same bytes, as the sub-benchmarks plain and
// api. The api one reports plain-ratio: its ns/op over plain's.
func runPlainAndAPI(b *testing.B, env *hotEnv, path string) {
	plain := runPlain(b, env.fetch(b, http.MethodGet, path, nil, http.StatusOK))
	b.Run("api", func(b *testing.B) {
		b.ReportAllocs()
		b.ResetTimer()

		for range b.N {
			env.client.mustSend(b, http.MethodGet, path, env.res.APIKey, nil, http.StatusOK)
		}

		b.StopTimer()
		if plain > 0 {
			b.ReportMetric(nanosPerOp(b)/plain, "plain-ratio")
		}
	})
}

// adminEntryIDs returns the ids of the newest page of the admin's entries.
func (e *hotEnv) adminEntryIDs(b *testing.B) []string {
	b.Helper()
	body := e.fetch(b, http.MethodGet, e.ws+"/user/"+e.res.AdminUserID+"/time-entries?page-size=50", nil, http.StatusOK)
	var list []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(body, &list); err != nil || len(list) == 0 {
		b.Fatalf("reading the admin's entries: %d entries, error %v", len(list), err)
	}
	ids := make([]string, len(list))
	for i, e := range list {
		ids[i] = e.ID
	}
	return ids
}

// BenchmarkHotGetEntry measures GET /time-entries/{id} of one of the admin's
// entries against a plain handler sending the same JSON.
func BenchmarkHotGetEntry(b *testing.B) {
	forEachHotEnv(b, func(b *testing.B, env *hotEnv) {
		id := env.adminEntryIDs(b)[1]
		runPlainAndAPI(b, env, env.ws+"/time-entries/"+id)
	})
}

// BenchmarkHotListPage measures the newest page of 50 of the busiest user's
// entries, and page 100 (offset 4,950), against a plain handler sending the
// same JSON. The busiest user holds about 28% of the workspace's entries.
// The server keeps recent unfiltered pages in memory until the user's
// entries change, so every repeat of page-1 and page-100 is served from
// memory. page-1-uncached and page-100-uncached turn that cache off, to
// measure the database read that the first request after each change pays.
// Under -benchtime 1x, whose 10,000 entries give the busiest user fewer than
// 100 pages, page 20 replaces page 100.
func BenchmarkHotListPage(b *testing.B) {
	deep := "100"
	if singlePass() {
		deep = "20"
	}
	forEachHotEnv(b, func(b *testing.B, env *hotEnv) {
		path := env.ws + "/user/" + env.res.AdminUserID + "/time-entries?page-size=50"
		b.Run("page-1", func(b *testing.B) { runPlainAndAPI(b, env, path) })
		b.Run("page-"+deep, func(b *testing.B) { runPlainAndAPI(b, env, path+"&page="+deep) })
		uncached := func(path string) func(b *testing.B) {
			return func(b *testing.B) {
				env.svc.SetEntryPageCache(false)
				defer env.svc.SetEntryPageCache(true)
				runPlainAndAPI(b, env, path)
			}
		}
		b.Run("page-1-uncached", uncached(path))
		b.Run("page-"+deep+"-uncached", uncached(path+"&page="+deep))
		b.Run("page-1-after-create", func(b *testing.B) { runListAfterCreate(b, env, path) })
	})
}

// runListAfterCreate measures GET path, the admin's newest page, right
// after the admin creates an entry through the same server, which the
// timer leaves out. With the page caches on, the create carries the cached
// page over to the new entry, so the read needs no database read of the
// entries. It reports plain-ratio against a plain handler like the others.
func runListAfterCreate(b *testing.B, env *hotEnv, path string) {
	plain := runPlain(b, env.fetch(b, http.MethodGet, path, nil, http.StatusOK))
	b.Run("api", func(b *testing.B) {
		base := time.Now().Add(-30 * time.Minute)
		b.ReportAllocs()
		b.ResetTimer()

		for i := range b.N {
			b.StopTimer()
			body := env.hotEntryBody(base.Add(time.Duration(i) * time.Millisecond))
			env.client.mustSend(b, http.MethodPost, env.ws+"/time-entries", env.res.APIKey, body, http.StatusCreated)
			b.StartTimer()
			env.client.mustSend(b, http.MethodGet, path, env.res.APIKey, nil, http.StatusOK)
		}

		b.StopTimer()
		if plain > 0 {
			b.ReportMetric(nanosPerOp(b)/plain, "plain-ratio")
		}
	})
}

// BenchmarkHotListPageScaling measures the newest page of 50 of the busiest
// user at several workspace sizes on SQLite, to show whether its cost stays
// flat as the data grows: cached (served from memory after the first
// request) and uncached (read from the database every time). Sizes come
// from PUNCHCLOCK_BENCH_LIST_SIZES (default 100000,1000000; 1000,10000
// under -benchtime 1x). Each size is seeded once, and 10,000,000 takes
// several minutes and about 5 GB of disk.
func BenchmarkHotListPageScaling(b *testing.B) {
	sizes := "100000,1000000"
	if singlePass() {
		sizes = "1000,10000"
	}
	if v := os.Getenv(hotListSizesEnv); v != "" {
		sizes = v
	}
	for field := range strings.SplitSeq(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || n < 1000 {
			b.Fatalf("%s: size %q is not a whole number of at least 1000", hotListSizesEnv, field)
		}
		b.Run("entries-"+strconv.Itoa(n), func(b *testing.B) {
			env := newHotEnv(b, apitest.SQLite, n)
			path := env.ws + "/user/" + env.res.AdminUserID + "/time-entries?page-size=50"
			b.Run("cached", func(b *testing.B) { runPlainAndAPI(b, env, path) })
			b.Run("uncached", func(b *testing.B) {
				env.svc.SetEntryPageCache(false)
				defer env.svc.SetEntryPageCache(true)
				runPlainAndAPI(b, env, path)
			})
		})
	}
}

// hotEntryBody returns the JSON of a finished entry on the seeded
// workspace's busiest project with its first tag.
func (e *hotEnv) hotEntryBody(start time.Time) []byte {
	end := start.Add(25 * time.Minute)
	return fmt.Appendf(nil, `{"start":%q,"end":%q,"description":"benchmark","projectId":%q,"tagIds":[%q],"billable":true}`,
		iso8601.FormatInstant(start), iso8601.FormatInstant(end), e.res.ProjectIDs[0], e.res.TagIDs[0])
}

// runRawInsert measures the baseline of raw-rate-ratio as the sub-benchmark
// raw, and returns its ns/op: single-row INSERTs into the seeded
// time_entries table, each in its own transaction, through the same driver
// and PRAGMAs as the store. On SQLite it opens one connection with
// sqlite.DSN and BEGIN IMMEDIATE, as the store's writer does.
func runRawInsert(b *testing.B, env *hotEnv) float64 {
	query := `INSERT INTO time_entries (id, workspace_id, user_id, description, project_id, task_id, billable,
		start_at, end_at, type, invoiced, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	driver, dsn := "sqlite", sqlite.DSN(env.dsn)+"&_txlock=immediate"
	if env.engine == apitest.Postgres {
		driver, dsn = "pgx", env.dsn
		for i := 1; i <= 12; i++ {
			query = strings.Replace(query, "?", "$"+strconv.Itoa(i), 1)
		}
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)

	var rawNanos float64
	base := time.Now().Add(-24 * time.Hour)
	b.Run("raw", func(b *testing.B) {
		b.ReportAllocs()
		b.ResetTimer()

		for i := range b.N {
			start := base.Add(time.Duration(i) * time.Second).UnixMilli()
			tx, err := raw.Begin()
			if err != nil {
				b.Fatal(err)
			}
			_, err = tx.Exec(query, domain.NewID(), env.res.WorkspaceID, env.res.AdminUserID, "benchmark",
				env.res.ProjectIDs[0], "", true, start, start+1000, domain.EntryRegular, false, start)
			if err != nil {
				tx.Rollback()
				b.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
		}

		b.StopTimer()
		rawNanos = nanosPerOp(b)
	})
	return rawNanos
}

// BenchmarkHotCreateEntry measures POST /time-entries of a finished entry
// with a project and a tag, one request at a time (serial) and from 4
// goroutines per GOMAXPROCS (parallel), against a raw single-row insert
// loop (raw). raw-rate-ratio is the API's rate as a fraction of raw's:
// raw ns/op over the API's ns/op per entry. On SQLite, parallel also
// reports writes/commit, the mean number of creates that shared a COMMIT.
func BenchmarkHotCreateEntry(b *testing.B) {
	forEachHotEnv(b, func(b *testing.B, env *hotEnv) {
		raw := runRawInsert(b, env)
		path := env.ws + "/time-entries"
		base := time.Now().Add(-time.Hour)
		b.Run("serial", func(b *testing.B) {
			b.ReportAllocs()
			b.ResetTimer()

			for i := range b.N {
				body := env.hotEntryBody(base.Add(-time.Duration(i) * time.Second))
				env.client.mustSend(b, http.MethodPost, path, env.res.APIKey, body, http.StatusCreated)
			}

			b.StopTimer()
			b.ReportMetric(raw/nanosPerOp(b), "raw-rate-ratio")
		})
		b.Run("parallel", func(b *testing.B) {
			b.SetParallelism(4)
			b.ReportAllocs()
			before := env.store.WriteStats()
			b.ResetTimer()

			b.RunParallel(func(pb *testing.PB) {
				for i := 0; pb.Next(); i++ {
					body := env.hotEntryBody(base.Add(-time.Duration(i) * time.Second))
					if err := env.client.send(http.MethodPost, path, env.res.APIKey, body, http.StatusCreated); err != nil {
						b.Error(err)
						return
					}
				}
			})

			b.StopTimer()
			b.ReportMetric(raw/nanosPerOp(b), "raw-rate-ratio")
			// Group commit (SQLite) counts its commits; other engines
			// count none.
			after := env.store.WriteStats()
			if commits := after.Commits - before.Commits; commits > 0 {
				b.ReportMetric(float64(after.Writes-before.Writes)/float64(commits), "writes/commit")
			}
		})
	})
}

// BenchmarkHotStopTimer measures PATCH /user/{userId}/time-entries, which
// stops the admin's running timer. Each iteration first starts a timer
// through the store, outside the timed part. The plain baseline sends the
// JSON of one stop response.
func BenchmarkHotStopTimer(b *testing.B) {
	forEachHotEnv(b, func(b *testing.B, env *hotEnv) {
		path := env.ws + "/user/" + env.res.AdminUserID + "/time-entries"
		ctx := context.Background()
		startTimer := func(b *testing.B) {
			start := time.Now().Add(-time.Minute).Truncate(time.Second)
			e := domain.TimeEntry{ID: domain.NewID(), WorkspaceID: env.res.WorkspaceID, UserID: env.res.AdminUserID,
				Description: "timer", ProjectID: env.res.ProjectIDs[0], Start: start, Type: domain.EntryRegular, CreatedAt: start}
			if err := env.store.InsertTimeEntries(ctx, []domain.TimeEntry{e}); err != nil {
				b.Fatalf("starting a timer: %v", err)
			}
		}
		stopBody := func() []byte {
			return fmt.Appendf(nil, `{"end":%q}`, iso8601.FormatInstant(time.Now().Truncate(time.Second)))
		}
		// The seeded admin's latest entry may be running already.
		env.client.send(http.MethodPatch, path, env.res.APIKey, stopBody(), http.StatusOK)

		startTimer(b)
		sample := env.fetch(b, http.MethodPatch, path, stopBody(), http.StatusOK)
		plain := runPlain(b, sample)
		b.Run("api", func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				b.StopTimer()
				startTimer(b)
				body := stopBody()
				b.StartTimer()
				env.client.mustSend(b, http.MethodPatch, path, env.res.APIKey, body, http.StatusOK)
			}
			b.ReportMetric(nanosPerOp(b)/plain, "plain-ratio")
		})
	})
}
