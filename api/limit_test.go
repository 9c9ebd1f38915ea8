package api_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/punchclock/punchclock/api"
	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store"
)

// gatedStore holds every transaction at its start, while the gate is shut,
// until the test lets it pass, so that requests stay in flight for as long
// as a test needs. It counts the transactions inside it at once.
type gatedStore struct {
	domain.Store
	shut     atomic.Bool
	pass     chan struct{} // each value lets one held transaction start
	opened   chan struct{} // closed by open
	openOnce sync.Once
	arrived  chan struct{} // receives a value for each transaction the gate holds

	mu             sync.Mutex
	inside, widest int
}

func (g *gatedStore) View(ctx context.Context, fn func(domain.Tx) error) error {
	if err := g.enter(ctx); err != nil {
		return err
	}
	defer g.leave()
	return g.Store.View(ctx, fn)
}

func (g *gatedStore) Update(ctx context.Context, fn func(domain.Tx) error) error {
	if err := g.enter(ctx); err != nil {
		return err
	}
	defer g.leave()
	return g.Store.Update(ctx, fn)
}

func (g *gatedStore) enter(ctx context.Context) error {
	g.mu.Lock()
	g.inside++
	g.widest = max(g.widest, g.inside)
	g.mu.Unlock()
	if !g.shut.Load() {
		return nil
	}
	g.arrived <- struct{}{}
	select {
	case <-g.pass:
		return nil
	case <-g.opened:
		return nil
	case <-ctx.Done():
		g.leave()
		return ctx.Err()
	}
}

func (g *gatedStore) leave() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.inside--
}

// maxInside returns the most transactions that were inside at once.
func (g *gatedStore) maxInside() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.widest
}

// open lets every held and later transaction pass.
func (g *gatedStore) open() {
	g.shut.Store(false)
	g.openOnce.Do(func() { close(g.opened) })
}

// limitedServer is a server with request limits over a gated store.
type limitedServer struct {
	url   string
	gate  *gatedStore
	owner apitest.Account
}

// newLimitedServer starts a server on a fresh database of the engine with
// limits, and creates an owner while the gate is open.
func newLimitedServer(t *testing.T, engine string, limits api.Limits) *limitedServer {
	t.Helper()
	db, err := store.Open(context.Background(), apitest.NewDSN(t, engine), nil)
	if err != nil {
		t.Fatalf("opening %s store: %v", engine, err)
	}
	t.Cleanup(func() { db.Close() })
	gate := &gatedStore{Store: db, pass: make(chan struct{}), opened: make(chan struct{}), arrived: make(chan struct{}, 64)}
	svc := domain.NewService(gate)

	owner, err := svc.CreateUser(context.Background(), domain.NewUser{Email: "owner@example.com", Name: "Owner", WorkspaceName: "Limits"})
	if err != nil {
		t.Fatalf("creating the owner: %v", err)
	}
	h := api.New(svc, slog.New(slog.DiscardHandler))
	if err := h.SetLimits(limits); err != nil {
		t.Fatalf("SetLimits(%+v): %v", limits, err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	// Runs before the server closes, so that held requests can finish.
	t.Cleanup(gate.open)
	return &limitedServer{url: srv.URL, gate: gate,
		owner: apitest.Account{UserID: owner.UserID, WorkspaceID: owner.WorkspaceID, Key: owner.APIKey}}
}

// forEachLimitedEngine runs fn as a subtest per engine, like apitest.ForEachEngine
// but with a limited server over a gated store.
func forEachLimitedEngine(t *testing.T, limits api.Limits, fn func(t *testing.T, s *limitedServer)) {
	for _, engine := range []string{apitest.SQLite, apitest.Postgres} {
		t.Run(engine, func(t *testing.T) { fn(t, newLimitedServer(t, engine, limits)) })
	}
}

// reply is a response, or the error of a request that got none.
type reply struct {
	status int
	header http.Header
	body   string
	err    error
}

// send sends a request with the owner's key and returns its reply.
func (s *limitedServer) send(ctx context.Context, method, path, body string) reply {
	var reader io.Reader
	if body != "" {
		reader = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, s.url+path, reader)
	if err != nil {
		return reply{err: err}
	}
	req.Header.Set("X-Api-Key", s.owner.Key)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return reply{err: err}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return reply{status: resp.StatusCode, header: resp.Header, body: string(raw), err: err}
}

// start sends a request in the background and returns the channel that
// receives its reply.
func (s *limitedServer) start(ctx context.Context, method, path, body string) <-chan reply {
	out := make(chan reply, 1)
	go func() { out <- s.send(ctx, method, path, body) }()
	return out
}

// waitArrivals waits until n more transactions are held at the gate.
func (s *limitedServer) waitArrivals(t *testing.T, n int) {
	t.Helper()
	for range n {
		select {
		case <-s.gate.arrived:
		case <-time.After(30 * time.Second):
			t.Fatalf("no request reached the store within 30 s")
		}
	}
}

// metric returns the value of a sample of the server's /metrics, such as
// `punchclock_http_requests_queued{kind="all"}`.
func (s *limitedServer) metric(t *testing.T, sample string) float64 {
	t.Helper()
	resp, err := http.Get(s.url + "/metrics")
	if err != nil {
		t.Fatalf("GET /metrics: %v", err)
	}
	defer resp.Body.Close()
	lines := bufio.NewScanner(resp.Body)
	for lines.Scan() {
		if value, ok := strings.CutPrefix(lines.Text(), sample+" "); ok {
			v, err := strconv.ParseFloat(value, 64)
			if err != nil {
				t.Fatalf("metric %s: %v", sample, err)
			}
			return v
		}
	}
	t.Fatalf("GET /metrics has no sample %s", sample)
	return 0
}

// waitMetric polls /metrics until sample has the value.
func (s *limitedServer) waitMetric(t *testing.T, sample string, want float64) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		got := s.metric(t, sample)
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s = %g after 30 s, want %g", sample, got, want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

const (
	queuedAll       = `punchclock_http_requests_queued{kind="all"}`
	queuedReports   = `punchclock_http_requests_queued{kind="report"}`
	inFlightAll     = `punchclock_http_requests_in_flight{kind="all"}`
	rejectedFull    = `punchclock_http_requests_rejected_total{reason="queue_full"}`
	rejectedTimeout = `punchclock_http_requests_rejected_total{reason="queue_timeout"}`
)

// checkOK fails unless r is a 200.
func checkOK(t *testing.T, name string, r reply) {
	t.Helper()
	if r.err != nil {
		t.Errorf("%s: %v", name, r.err)
		return
	}
	if r.status != http.StatusOK {
		t.Errorf("%s: status %d, want 200; body %s", name, r.status, r.body)
	}
}

// checkOverload fails unless r is the 503 of a rejection, with the JSON
// error body and a Retry-After of retryAfter seconds.
func checkOverload(t *testing.T, r reply, retryAfter string) {
	t.Helper()
	if r.err != nil {
		t.Fatalf("request failed: %v", r.err)
	}
	if r.status != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503; body %s", r.status, r.body)
	}
	if got := r.header.Get("Retry-After"); got != retryAfter {
		t.Errorf("Retry-After = %q, want %q", got, retryAfter)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	var body struct {
		Message string `json:"message"`
		Code    int    `json:"code"`
	}
	if err := json.Unmarshal([]byte(r.body), &body); err != nil {
		t.Fatalf("body %q is not JSON: %v", r.body, err)
	}
	if body.Code != http.StatusServiceUnavailable {
		t.Errorf("code = %d, want 503", body.Code)
	}
	if !strings.Contains(body.Message, "Retry after "+retryAfter+" seconds") {
		t.Errorf("message %q does not say when to retry", body.Message)
	}
}

func TestLimiterAdmitsAtMostN(t *testing.T) {
	const limit, requests = 2, 6
	forEachLimitedEngine(t, api.Limits{MaxInFlight: limit, MaxQueued: requests, QueueTimeout: time.Minute}, func(t *testing.T, s *limitedServer) {
		s.gate.shut.Store(true)
		var replies []<-chan reply
		for range requests {
			replies = append(replies, s.start(t.Context(), "GET", "/api/v1/user", ""))
		}
		s.waitArrivals(t, limit)
		s.waitMetric(t, queuedAll, requests-limit)
		if got := s.metric(t, inFlightAll); got != limit {
			t.Errorf("%s = %g, want %d", inFlightAll, got, limit)
		}
		if got := len(s.gate.arrived); got != 0 {
			t.Errorf("%d more requests reached the store while %d were in flight", got, limit)
		}

		// Each request runs its transactions one after another, so at most
		// one transaction per admitted request is inside the store at once.
		done := make(chan struct{})
		go func() {
			for {
				select {
				case s.gate.pass <- struct{}{}:
				case <-s.gate.arrived:
				case <-done:
					return
				}
			}
		}()
		for i, ch := range replies {
			checkOK(t, fmt.Sprintf("request %d", i), <-ch)
		}
		close(done)
		if got := s.gate.maxInside(); got != limit {
			t.Errorf("at most %d transactions ran at once, want %d", got, limit)
		}
	})
}

func TestLimiterQueueTimeout(t *testing.T) {
	forEachLimitedEngine(t, api.Limits{MaxInFlight: 1, MaxQueued: 1, QueueTimeout: 100 * time.Millisecond}, func(t *testing.T, s *limitedServer) {
		s.gate.shut.Store(true)
		first := s.start(t.Context(), "GET", "/api/v1/user", "")
		s.waitArrivals(t, 1)

		// 100 ms rounds up to a Retry-After of 1 second.
		checkOverload(t, s.send(t.Context(), "GET", "/api/v1/user", ""), "1")
		if got := s.metric(t, rejectedTimeout); got != 1 {
			t.Errorf("%s = %g, want 1", rejectedTimeout, got)
		}

		s.gate.open()
		checkOK(t, "the request in flight", <-first)
	})
}

// fillQueue holds one request in flight and queues a second, on a server
// with MaxInFlight and MaxQueued 1, and returns their replies.
func (s *limitedServer) fillQueue(t *testing.T) (first, queued <-chan reply) {
	t.Helper()
	s.gate.shut.Store(true)
	first = s.start(t.Context(), "GET", "/api/v1/user", "")
	s.waitArrivals(t, 1)
	queued = s.start(t.Context(), "GET", "/api/v1/user", "")
	s.waitMetric(t, queuedAll, 1)
	return first, queued
}

// drain opens the gate and checks that the requests of fillQueue succeed.
func (s *limitedServer) drain(t *testing.T, first, queued <-chan reply) {
	t.Helper()
	s.gate.open()
	checkOK(t, "the request in flight", <-first)
	checkOK(t, "the queued request", <-queued)
}

func TestLimiterQueueFull(t *testing.T) {
	forEachLimitedEngine(t, api.Limits{MaxInFlight: 1, MaxQueued: 1, QueueTimeout: time.Minute}, func(t *testing.T, s *limitedServer) {
		first, queued := s.fillQueue(t)

		checkOverload(t, s.send(t.Context(), "GET", "/api/v1/user", ""), "60")
		if got := s.metric(t, rejectedFull); got != 1 {
			t.Errorf("%s = %g, want 1", rejectedFull, got)
		}

		s.drain(t, first, queued)
	})
}

func TestLimiterClientGoneFreesPlace(t *testing.T) {
	forEachLimitedEngine(t, api.Limits{MaxInFlight: 1, MaxQueued: 1, QueueTimeout: time.Minute}, func(t *testing.T, s *limitedServer) {
		entry := `{"start":"2026-01-05T09:00:00Z","end":"2026-01-05T10:00:00Z","description":"queued"}`
		s.gate.shut.Store(true)
		first := s.start(t.Context(), "GET", "/api/v1/user", "")
		s.waitArrivals(t, 1)

		// A GET, and a POST whose body the limiter reads while it waits.
		for _, leaving := range []struct{ method, path, body string }{
			{"GET", "/api/v1/user", ""},
			{"POST", "/api/v1/workspaces/" + s.owner.WorkspaceID + "/time-entries", entry},
		} {
			ctx, cancel := context.WithCancel(t.Context())
			canceled := s.start(ctx, leaving.method, leaving.path, leaving.body)
			s.waitMetric(t, queuedAll, 1)
			cancel()
			if r := <-canceled; !errors.Is(r.err, context.Canceled) {
				t.Fatalf("%s request after cancel: status %d, error %v; want context.Canceled", leaving.method, r.status, r.err)
			}
			s.waitMetric(t, queuedAll, 0)
		}

		// The place is free: the next request waits instead of being
		// rejected, and gets in once the first finishes.
		next := s.start(t.Context(), "POST", "/api/v1/workspaces/"+s.owner.WorkspaceID+"/time-entries", entry)
		s.waitMetric(t, queuedAll, 1)
		s.gate.open()
		checkOK(t, "the request in flight", <-first)
		r := <-next
		if r.err != nil || r.status != http.StatusCreated {
			t.Errorf("next request: status %d, error %v, want 201; body %s", r.status, r.err, r.body)
		}
		if got := s.metric(t, rejectedFull) + s.metric(t, rejectedTimeout); got != 0 {
			t.Errorf("%g requests rejected, want 0", got)
		}
	})
}

func TestLimiterHealthWhileOverloaded(t *testing.T) {
	forEachLimitedEngine(t, api.Limits{MaxInFlight: 1, MaxQueued: 1, QueueTimeout: time.Minute}, func(t *testing.T, s *limitedServer) {
		first, queued := s.fillQueue(t)
		checkOverload(t, s.send(t.Context(), "GET", "/api/v1/user", ""), "60")

		for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
			checkOK(t, "GET "+path, s.send(t.Context(), "GET", path, ""))
		}

		s.drain(t, first, queued)
	})
}

func TestLimiterReportSlots(t *testing.T) {
	limits := api.Limits{MaxInFlight: 3, MaxReports: 1, MaxQueued: 3, QueueTimeout: time.Minute}
	forEachLimitedEngine(t, limits, func(t *testing.T, s *limitedServer) {
		path := "/report/v1/workspaces/" + s.owner.WorkspaceID + "/reports/summary"
		body := `{"dateRangeStart":"2026-01-01T00:00:00Z","dateRangeEnd":"2026-01-31T23:59:59Z","summaryFilter":{"groups":["PROJECT"]}}`
		s.gate.shut.Store(true)
		report := s.start(t.Context(), "POST", path, body)
		s.waitArrivals(t, 1)

		// The second report waits for the one report slot, while a request
		// that is not a report still gets one of the other slots.
		second := s.start(t.Context(), "POST", path, body)
		s.waitMetric(t, queuedReports, 1)
		user := s.start(t.Context(), "GET", "/api/v1/user", "")
		s.waitArrivals(t, 1)
		if got := s.metric(t, queuedAll); got != 0 {
			t.Errorf("%s = %g, want 0", queuedAll, got)
		}

		// The report queue holds MaxQueued * MaxReports / MaxInFlight = 1.
		checkOverload(t, s.send(t.Context(), "POST", path, body), "60")

		s.gate.open()
		checkOK(t, "first report", <-report)
		checkOK(t, "second report", <-second)
		checkOK(t, "user request", <-user)
	})
}

func TestSetLimitsRejectsInvalid(t *testing.T) {
	h := api.New(nil, slog.New(slog.DiscardHandler))
	for _, l := range []api.Limits{
		{MaxInFlight: -1},
		{MaxInFlight: 2, MaxReports: -1},
		{MaxInFlight: 2, MaxReports: 3},
		{MaxInFlight: 2, MaxQueued: -1},
		{MaxInFlight: 2, QueueTimeout: -time.Second},
	} {
		if err := h.SetLimits(l); err == nil {
			t.Errorf("SetLimits(%+v) succeeded", l)
		}
	}
}

func TestLimitsWithDefaults(t *testing.T) {
	got := api.Limits{QueueTimeout: time.Second}.WithDefaults(5, 4)
	if got.MaxInFlight <= 5 {
		t.Errorf("MaxInFlight = %d, want more than the 5 connections", got.MaxInFlight)
	}
	if got.MaxReports < 1 || got.MaxReports > 2 {
		t.Errorf("MaxReports = %d, want 1 or 2 (half the 4 readers at most)", got.MaxReports)
	}
	if got.MaxQueued != 8*got.MaxInFlight {
		t.Errorf("MaxQueued = %d, want 8 times MaxInFlight %d", got.MaxQueued, got.MaxInFlight)
	}
	if got.QueueTimeout != time.Second {
		t.Errorf("QueueTimeout = %s, want the given 1s", got.QueueTimeout)
	}

	set := api.Limits{MaxInFlight: 3, MaxReports: 1, MaxQueued: 7}
	if got := set.WithDefaults(40, 40); got != set {
		t.Errorf("WithDefaults changed set limits: %+v, want %+v", got, set)
	}
	if got := (api.Limits{MaxInFlight: 1}).WithDefaults(40, 40); got.MaxReports != 1 {
		t.Errorf("MaxReports = %d with MaxInFlight 1, want 1", got.MaxReports)
	}
}
