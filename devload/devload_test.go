package devload_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/devload"
	"github.com/punchclock/punchclock/devseed"
	"github.com/punchclock/punchclock/domain"
)

func TestMain(m *testing.M) { apitest.Main(m) }

func TestRunAgainstServer(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		ctx := context.Background()
		res, err := devseed.Run(ctx, env.DSN, devseed.Options{Entries: 2000, Users: 3, Projects: 5, Years: 1, Seed: 2,
			WorkspaceID: env.Owner.WorkspaceID})
		if err != nil {
			t.Fatalf("seeding: %v", err)
		}
		// The seeded admin's active workspace is the one seeded.
		before := countEntries(t, env, res)

		opts := devload.Options{BaseURL: env.URL, Key: res.APIKey, Duration: time.Second, Rate: 60,
			Mix: devload.Mix{devload.OpCreate: 25, devload.OpGet: 25, devload.OpList: 25, devload.OpReport: 25}, Seed: 1}
		rep, err := devload.Run(ctx, opts)
		if err != nil {
			t.Fatalf("load run: %v", err)
		}

		if rep.Sent+rep.Dropped != 60 {
			t.Errorf("sent %d and dropped %d requests, want 60 in all", rep.Sent, rep.Dropped)
		}
		if rep.Errors != 0 {
			t.Errorf("%d errors: %v, first of each: %v", rep.Errors, rep.ByKind, rep.Examples)
		}
		if len(rep.Ops) != 4 {
			t.Fatalf("report covers %d operations, want 4: %+v", len(rep.Ops), rep.Ops)
		}
		creates := 0
		for _, op := range rep.Ops {
			if op.Latency.Count == 0 {
				t.Errorf("no %s request was sent", op.Op)
			}
			if op.Op == devload.OpCreate {
				creates = op.Latency.Count
			}
		}
		l := rep.Latency
		if l.Count != rep.Sent || l.P50 <= 0 || l.P50 > l.P99 || l.P99 > l.P999 || l.P999 > l.Max {
			t.Errorf("latency summary out of order: %+v", l)
		}
		if rep.Throughput <= 0 {
			t.Errorf("throughput %g, want more than 0", rep.Throughput)
		}
		if after := countEntries(t, env, res); after != before+creates {
			t.Errorf("the admin has %d entries after the run, want %d before plus %d created", after, before, creates)
		}
		// The in-process server serves /metrics of this test process.
		if rep.Memory.Samples == 0 || rep.Memory.PeakRSS <= 0 {
			t.Errorf("no memory sample: %+v", rep.Memory)
		}

		var text strings.Builder
		if err := rep.Write(&text); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"p99.9=", "throughput", "server memory: peak RSS", "report "} {
			if !strings.Contains(text.String(), want) {
				t.Errorf("report text lacks %q:\n%s", want, text.String())
			}
		}
	})
}

// countEntries counts the seeded admin's entries through the store.
func countEntries(t *testing.T, env *apitest.Env, res devseed.Result) int {
	t.Helper()
	n := 0
	err := env.Store.View(context.Background(), func(tx domain.Tx) error {
		list, err := tx.TimeEntries(context.Background(), res.WorkspaceID, res.AdminUserID,
			domain.TimeEntryFilter{Page: domain.Page{Number: 1, Size: 100_000}})
		n = len(list)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// A server that handles one request at a time, each taking 40 ms, falls
// behind arrivals every 10 ms. Latency counted from each request's intended
// start includes the time it queued, so the last requests wait far longer
// than one service time.
func TestRunCountsQueueingDelay(t *testing.T) {
	var serial sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/api/v1/user":
			json.NewEncoder(w).Encode(map[string]string{"id": strings.Repeat("a", 24), "activeWorkspace": strings.Repeat("b", 24)})
		case strings.HasSuffix(r.URL.Path, "/projects"):
			w.Write([]byte(`[]`))
		case r.URL.Query().Get("page-size") == "200":
			w.Write([]byte(`[{"id":"` + strings.Repeat("c", 24) + `"}]`))
		default:
			serial.Lock()
			time.Sleep(40 * time.Millisecond)
			serial.Unlock()
			w.Write([]byte(`[]`))
		}
	}))
	defer srv.Close()

	rep, err := devload.Run(context.Background(), devload.Options{BaseURL: srv.URL, Key: "k", Duration: 500 * time.Millisecond,
		Rate: 100, Mix: devload.Mix{devload.OpList: 1}})
	if err != nil {
		t.Fatal(err)
	}
	// 50 requests of 40 ms each take 2 s in all. The last one was due at
	// 490 ms, so it waited about 1.5 s.
	if rep.Latency.Count != 50 || rep.Errors != 0 {
		t.Fatalf("sent %d with %d errors (%v), want 50 without errors", rep.Latency.Count, rep.Errors, rep.Examples)
	}
	if rep.Latency.Max < time.Second {
		t.Errorf("max latency %s, want at least 1s of queueing counted", rep.Latency.Max)
	}
	if rep.Memory.Samples != 0 {
		t.Errorf("memory read from a server without /metrics: %+v", rep.Memory)
	}
}

func TestRunNeedsEntriesToGet(t *testing.T) {
	env := apitest.New(t, apitest.SQLite)
	_, err := devload.Run(context.Background(), devload.Options{BaseURL: env.URL, Key: env.Owner.Key,
		Duration: time.Second, Rate: 10, Mix: devload.Mix{devload.OpGet: 1}})
	if err == nil || !strings.Contains(err.Error(), "no time entries") {
		t.Errorf("error = %v, want one saying the user has no entries to get", err)
	}
}

func TestRunReadsProcStatus(t *testing.T) {
	env := apitest.New(t, apitest.SQLite)
	rep, err := devload.Run(context.Background(), devload.Options{BaseURL: env.URL, Key: env.Owner.Key,
		Duration: 200 * time.Millisecond, Rate: 20, Mix: devload.Mix{devload.OpList: 1}, PID: os.Getpid()})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Memory.Samples == 0 || rep.Memory.HighWater < rep.Memory.PeakRSS || !strings.Contains(rep.Memory.Source, "/proc/") {
		t.Errorf("memory from /proc: %+v", rep.Memory)
	}
}

func TestRunRejectsOptions(t *testing.T) {
	good := devload.Options{BaseURL: "http://127.0.0.1:1", Key: "k", Duration: time.Second, Rate: 1, Mix: devload.Mix{devload.OpGet: 1}}
	cases := []struct {
		name string
		edit func(*devload.Options)
		want string
	}{
		{"remote host", func(o *devload.Options) { o.BaseURL = "http://example.com" }, "not a loopback address"},
		{"private address", func(o *devload.Options) { o.BaseURL = "http://10.0.0.1:8080" }, "not a loopback address"},
		{"no scheme", func(o *devload.Options) { o.BaseURL = "127.0.0.1:8080" }, "invalid base URL"},
		{"no key", func(o *devload.Options) { o.Key = "" }, "missing API key"},
		{"zero rate", func(o *devload.Options) { o.Rate = 0 }, "rate 0"},
		{"zero duration", func(o *devload.Options) { o.Duration = 0 }, "duration 0s"},
		{"no mix", func(o *devload.Options) { o.Mix = nil }, "missing mix"},
		{"rate too high", func(o *devload.Options) { o.Rate = 1e6 }, "rate 1e+06"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := good
			tc.edit(&opts)
			_, err := devload.Run(context.Background(), opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestParseMix(t *testing.T) {
	mix, err := devload.ParseMix("create=20, get=40,list=30,report=10")
	if err != nil {
		t.Fatal(err)
	}
	want := devload.Mix{devload.OpCreate: 20, devload.OpGet: 40, devload.OpList: 30, devload.OpReport: 10}
	if len(mix) != len(want) {
		t.Fatalf("mix = %v, want %v", mix, want)
	}
	for op, w := range want {
		if mix[op] != w {
			t.Errorf("weight of %s = %d, want %d", op, mix[op], w)
		}
	}
	if got := mix.String(); got != "create=20,get=40,list=30,report=10" {
		t.Errorf("String() = %q", got)
	}

	for _, bad := range []string{"", "delete=1", "get", "get=-1", "get=x", "get=0", "get=1,get=2"} {
		if _, err := devload.ParseMix(bad); err == nil {
			t.Errorf("ParseMix(%q) succeeded", bad)
		}
	}
}
