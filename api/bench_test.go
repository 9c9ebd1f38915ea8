package api_test

// Benchmarks of the API's hot paths, sent over loopback HTTP to a real server
// on each engine. They run only with -bench, for example
//
//	go test ./api -run '^$' -bench . -benchtime 2s -count 3
//
// and docs/benchmarks.md records a baseline. Allocation counts cover the
// whole process, so they include the HTTP client's share as well as the
// server's. Large data sets are built once per engine, outside the timed
// part, and never during a plain go test.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/iso8601"
)

// Sizes of the benchmark data sets.
const (
	benchUserEntries   = 5000 // entries of the user whose list is read
	benchEntryProjects = 20   // projects those entries are spread over
	benchTags          = 10
	benchProjects      = 200 // projects of the project list
	benchProjectTime   = 25  // finished entries per listed project
	benchParallelUsers = 8   // users of BenchmarkParallelCreate
)

// benchEpoch is the start of the first entry that a benchmark creates. It
// lies in the past, so that no entry starts in the future.
var benchEpoch = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// healthzNanos contains the ns/op of the latest BenchmarkHealthz run per
// engine, the baseline of the healthz-ratio metric.
var healthzNanos struct {
	sync.Mutex
	byEngine map[string]float64
}

// forEachEngine runs fn as a sub-benchmark per engine on a fresh server.
// PostgreSQL is skipped when apitest.PostgresEnv is unset.
func forEachEngine(b *testing.B, fn func(b *testing.B, env *apitest.Env)) {
	for _, engine := range []string{apitest.SQLite, apitest.Postgres} {
		b.Run(engine, func(b *testing.B) {
			fn(b, apitest.New(b, engine))
		})
	}
}

// nanosPerOp returns the timed nanoseconds per iteration so far.
func nanosPerOp(b *testing.B) float64 {
	return float64(b.Elapsed().Nanoseconds()) / float64(b.N)
}

// reportHealthzRatio reports ns/op divided by the ns/op of BenchmarkHealthz
// on the same engine in the same process, as the healthz-ratio metric. It
// reports nothing when BenchmarkHealthz did not run before, as with
// -bench GetUser.
func reportHealthzRatio(b *testing.B, engine string) {
	healthzNanos.Lock()
	base := healthzNanos.byEngine[engine]
	healthzNanos.Unlock()
	if base > 0 {
		b.ReportMetric(nanosPerOp(b)/base, "healthz-ratio")
	}
}

// benchClient sends requests with a connection pool large enough for
// RunParallel, so that no request waits for a new TCP connection.
type benchClient struct {
	root string
	http *http.Client
}

func newBenchClient(b *testing.B, env *apitest.Env) *benchClient {
	transport := &http.Transport{MaxIdleConns: 128, MaxIdleConnsPerHost: 128}
	b.Cleanup(transport.CloseIdleConnections)
	return &benchClient{root: env.URL, http: &http.Client{Transport: transport}}
}

// send sends one request to path (under the server root) and discards the
// response body. It returns an error, with the body, unless the status is
// want. It never calls b.Fatal, so RunParallel goroutines can use it.
func (c *benchClient) send(method, path, key string, body []byte, want int) error {
	var reader io.Reader
	if body != nil {
		reader = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, c.root+path, reader)
	if err != nil {
		return fmt.Errorf("building %s %s: %w", method, path, err)
	}
	if key != "" {
		req.Header.Set("X-Api-Key", key)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != want {
		text, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("%s %s: status %d, want %d; body: %s", method, path, resp.StatusCode, want, text)
	}
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return fmt.Errorf("%s %s: reading body: %w", method, path, err)
	}
	return nil
}

// mustSend is send for the benchmark goroutine: it stops the benchmark on
// an error.
func (c *benchClient) mustSend(b *testing.B, method, path, key string, body []byte, want int) {
	b.Helper()
	if err := c.send(method, path, key, body, want); err != nil {
		b.Fatal(err)
	}
}

// actor returns the actor of account, for setup through the service.
func actor(b *testing.B, env *apitest.Env, account apitest.Account) domain.Actor {
	b.Helper()
	ctx := context.Background()
	u, err := env.Svc.Authenticate(ctx, account.Key)
	if err != nil {
		b.Fatalf("authenticating %s: %v", account.UserID, err)
	}
	a, err := env.Svc.Enter(ctx, u, account.WorkspaceID)
	if err != nil {
		b.Fatalf("entering workspace %s: %v", account.WorkspaceID, err)
	}
	return a
}

// benchProject is a project created for a benchmark, with its one task.
type benchProject struct {
	ID     string
	TaskID string
}

// createProjects creates n projects with one task each, through the service.
func createProjects(b *testing.B, env *apitest.Env, a domain.Actor, n int) []benchProject {
	b.Helper()
	ctx := context.Background()
	out := make([]benchProject, n)
	for i := range out {
		name := fmt.Sprintf("Project %03d", i)
		p, err := env.Svc.CreateProject(ctx, a, domain.NewProject{Name: name, Billable: new(true),
			Tasks: []domain.NewTask{{Name: "Development"}}})
		if err != nil {
			b.Fatalf("creating project %q: %v", name, err)
		}
		tasks, _, err := env.Svc.Tasks(ctx, a, p.ID, domain.TaskFilter{Page: domain.Page{Number: 1, Size: 10}})
		if err != nil || len(tasks) != 1 {
			b.Fatalf("listing the tasks of project %s: got %d, error %v", p.ID, len(tasks), err)
		}
		out[i] = benchProject{ID: p.ID, TaskID: tasks[0].ID}
	}
	return out
}

// createTags creates n tags through the service and returns their ids.
func createTags(b *testing.B, env *apitest.Env, a domain.Actor, n int) []string {
	b.Helper()
	ids := make([]string, n)
	for i := range ids {
		t, err := env.Svc.CreateTag(context.Background(), a, fmt.Sprintf("tag-%02d", i))
		if err != nil {
			b.Fatalf("creating tag %d: %v", i, err)
		}
		ids[i] = t.ID
	}
	return ids
}

// insertEntries writes finished entries straight into the store, in one
// transaction, because creating thousands through HTTP would take most of
// the benchmark's run time. Entry i starts i hours after benchEpoch and
// lasts 30 minutes.
func insertEntries(b *testing.B, env *apitest.Env, entries []domain.TimeEntry) {
	b.Helper()
	for i := range entries {
		e := &entries[i]
		e.ID = domain.NewID()
		e.Start = benchEpoch.Add(time.Duration(i) * time.Hour)
		end := e.Start.Add(30 * time.Minute)
		e.End = &end
		e.Type = domain.EntryRegular
		e.CreatedAt = e.Start
	}
	err := env.Store.Update(context.Background(), func(tx domain.Tx) error {
		for _, e := range entries {
			if err := tx.CreateTimeEntry(context.Background(), e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatalf("inserting %d time entries: %v", len(entries), err)
	}
}

// entryBody returns the JSON body of a finished entry that starts at start
// and lasts 30 minutes.
func entryBody(start time.Time, projectID, tagID string) []byte {
	end := start.Add(30 * time.Minute)
	return fmt.Appendf(nil, `{"start":%q,"end":%q,"description":"benchmark","projectId":%q,"tagIds":[%q]}`,
		iso8601.FormatInstant(start), iso8601.FormatInstant(end), projectID, tagID)
}

// getCase is a sub-benchmark that sends GET path as the owner.
type getCase struct{ name, path string }

// runGets runs each case as a sub-benchmark on env.
func runGets(b *testing.B, env *apitest.Env, c *benchClient, cases []getCase) {
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.ResetTimer()

			for range b.N {
				c.mustSend(b, http.MethodGet, tc.path, env.Owner.Key, nil, http.StatusOK)
			}

			b.StopTimer()
			reportHealthzRatio(b, env.Engine)
		})
	}
}

// BenchmarkHealthz measures GET /healthz, which touches no database: the
// cost of the HTTP round trip alone, and the baseline of healthz-ratio.
func BenchmarkHealthz(b *testing.B) {
	forEachEngine(b, func(b *testing.B, env *apitest.Env) {
		c := newBenchClient(b, env)
		b.ReportAllocs()
		b.ResetTimer()

		for range b.N {
			c.mustSend(b, http.MethodGet, "/healthz", "", nil, http.StatusOK)
		}

		b.StopTimer()
		healthzNanos.Lock()
		if healthzNanos.byEngine == nil {
			healthzNanos.byEngine = map[string]float64{}
		}
		healthzNanos.byEngine[env.Engine] = nanosPerOp(b)
		healthzNanos.Unlock()
	})
}

// BenchmarkGetUser measures GET /api/v1/user, whose cost beyond healthz is
// API key authentication: hashing the key and one read transaction.
func BenchmarkGetUser(b *testing.B) {
	forEachEngine(b, func(b *testing.B, env *apitest.Env) {
		c := newBenchClient(b, env)
		b.ReportAllocs()
		b.ResetTimer()

		for range b.N {
			c.mustSend(b, http.MethodGet, "/api/v1/user", env.Owner.Key, nil, http.StatusOK)
		}

		b.StopTimer()
		reportHealthzRatio(b, env.Engine)
	})
}

// BenchmarkCreateTimeEntry measures POST /time-entries of finished entries
// with a project and a tag, one after another by one user.
func BenchmarkCreateTimeEntry(b *testing.B) {
	forEachEngine(b, func(b *testing.B, env *apitest.Env) {
		a := actor(b, env, env.Owner)
		project := createProjects(b, env, a, 1)[0]
		tag := createTags(b, env, a, 1)[0]
		c := newBenchClient(b, env)
		path := "/api/v1/workspaces/" + env.Owner.WorkspaceID + "/time-entries"
		b.ReportAllocs()
		b.ResetTimer()

		for i := range b.N {
			body := entryBody(benchEpoch.Add(time.Duration(i)*time.Hour), project.ID, tag)
			c.mustSend(b, http.MethodPost, path, env.Owner.Key, body, http.StatusCreated)
		}

		b.StopTimer()
		reportHealthzRatio(b, env.Engine)
	})
}

// BenchmarkTimerStartStop measures one timer start (POST /time-entries
// without an end) followed by its stop (PATCH /user/{userId}/time-entries),
// so each iteration is two requests.
func BenchmarkTimerStartStop(b *testing.B) {
	forEachEngine(b, func(b *testing.B, env *apitest.Env) {
		c := newBenchClient(b, env)
		ws := "/api/v1/workspaces/" + env.Owner.WorkspaceID
		startPath := ws + "/time-entries"
		stopPath := ws + "/user/" + env.Owner.UserID + "/time-entries"
		b.ReportAllocs()
		b.ResetTimer()

		for i := range b.N {
			start := benchEpoch.Add(time.Duration(i) * time.Hour)
			startBody := fmt.Appendf(nil, `{"start":%q,"description":"timer"}`, iso8601.FormatInstant(start))
			stopBody := fmt.Appendf(nil, `{"end":%q}`, iso8601.FormatInstant(start.Add(20*time.Minute)))
			c.mustSend(b, http.MethodPost, startPath, env.Owner.Key, startBody, http.StatusCreated)
			c.mustSend(b, http.MethodPatch, stopPath, env.Owner.Key, stopBody, http.StatusOK)
		}

		b.StopTimer()
		reportHealthzRatio(b, env.Engine)
	})
}

// BenchmarkListUserEntries measures GET /user/{userId}/time-entries, a page
// of 50 from a user with 5,000 entries spread over 20 projects (each with a
// task) and 10 tags. The no-project case reads another user's 5,000 entries
// that have no project, task or tag, which shows what the per-project reads
// of the entry views cost.
func BenchmarkListUserEntries(b *testing.B) {
	forEachEngine(b, func(b *testing.B, env *apitest.Env) {
		a := actor(b, env, env.Owner)
		projects := createProjects(b, env, a, benchEntryProjects)
		tags := createTags(b, env, a, benchTags)
		entries := make([]domain.TimeEntry, benchUserEntries)
		for i := range entries {
			p := projects[i%len(projects)]
			entries[i] = domain.TimeEntry{WorkspaceID: a.Workspace.ID, UserID: a.User.ID, Description: "entry " + strconv.Itoa(i),
				ProjectID: p.ID, TaskID: p.TaskID, TagIDs: []string{tags[i%len(tags)], tags[(i+3)%len(tags)]}, Billable: true}
		}
		insertEntries(b, env, entries)

		bare := env.NewUser(b, "bare", domain.RoleUser, "")
		bareEntries := make([]domain.TimeEntry, benchUserEntries)
		for i := range bareEntries {
			bareEntries[i] = domain.TimeEntry{WorkspaceID: a.Workspace.ID, UserID: bare.UserID, Description: "entry " + strconv.Itoa(i)}
		}
		insertEntries(b, env, bareEntries)

		c := newBenchClient(b, env)
		ws := "/api/v1/workspaces/" + env.Owner.WorkspaceID
		owner := ws + "/user/" + env.Owner.UserID + "/time-entries?page-size=50"
		cases := []getCase{
			{"plain", owner},
			{"hydrated", owner + "&hydrated=1"},
			{"last-page", owner + "&page=" + strconv.Itoa(benchUserEntries/50)},
			{"no-project", ws + "/user/" + bare.UserID + "/time-entries?page-size=50"},
		}
		runGets(b, env, c, cases)
	})
}

// BenchmarkListProjects measures GET /projects of all 200 projects of a
// workspace in one page, each with a task and 25 finished entries whose sum
// is its tracked time. Hydrated adds each project's tasks.
func BenchmarkListProjects(b *testing.B) {
	forEachEngine(b, func(b *testing.B, env *apitest.Env) {
		a := actor(b, env, env.Owner)
		projects := createProjects(b, env, a, benchProjects)
		entries := make([]domain.TimeEntry, benchProjects*benchProjectTime)
		for i := range entries {
			p := projects[i%len(projects)]
			entries[i] = domain.TimeEntry{WorkspaceID: a.Workspace.ID, UserID: a.User.ID, ProjectID: p.ID, Billable: true}
		}
		insertEntries(b, env, entries)

		c := newBenchClient(b, env)
		path := "/api/v1/workspaces/" + env.Owner.WorkspaceID + "/projects?page-size=" + strconv.Itoa(benchProjects)
		cases := []getCase{
			{"plain", path},
			{"hydrated", path + "&hydrated=true"},
		}
		runGets(b, env, c, cases)
	})
}

// BenchmarkParallelCreate measures POST /time-entries of finished entries
// from 4 goroutines per GOMAXPROCS, each creating entries for one of 8
// users. ns/op is wall time per created entry, so it falls as throughput
// rises.
func BenchmarkParallelCreate(b *testing.B) {
	forEachEngine(b, func(b *testing.B, env *apitest.Env) {
		a := actor(b, env, env.Owner)
		project := createProjects(b, env, a, 1)[0]
		tag := createTags(b, env, a, 1)[0]
		users := make([]apitest.Account, benchParallelUsers)
		for i := range users {
			users[i] = env.NewUser(b, "parallel"+strconv.Itoa(i), domain.RoleUser, "")
		}
		c := newBenchClient(b, env)
		path := "/api/v1/workspaces/" + env.Owner.WorkspaceID + "/time-entries"
		var next atomic.Int64
		b.SetParallelism(4)
		b.ReportAllocs()
		b.ResetTimer()

		b.RunParallel(func(pb *testing.PB) {
			user := users[int(next.Add(1)-1)%len(users)]
			for i := 0; pb.Next(); i++ {
				body := entryBody(benchEpoch.Add(time.Duration(i)*time.Hour), project.ID, tag)
				if err := c.send(http.MethodPost, path, user.Key, body, http.StatusCreated); err != nil {
					b.Error(err)
					return
				}
			}
		})

		b.StopTimer()
		reportHealthzRatio(b, env.Engine)
	})
}
