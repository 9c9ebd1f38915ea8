package api

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Limits bound the API requests that the server serves at once. A request
// over a bound waits in a queue of bounded length for a bounded time, before
// authentication, so that it holds its connection and at most
// maxWaitingBody bytes of body but no database connection. It gets 503
// with a Retry-After header when the queue is full or the wait ends, and
// leaves the queue when its client goes away. Health checks and metrics are
// never limited, so that they stay answerable when the server is
// overloaded.
type Limits struct {
	// MaxInFlight is the number of requests served at once. 0 turns every
	// limit off.
	MaxInFlight int
	// MaxReports is the number of report requests (reports, their exports
	// and shared report views) served at once, counted within MaxInFlight.
	// 0 means MaxInFlight.
	MaxReports int
	// MaxQueued is the number of requests that may wait for one of the
	// MaxInFlight slots. Report requests that wait for one of the MaxReports
	// slots have a queue of their own, in the same proportion to their slots
	// and at least 1 long, so that waiting reports do not fill the queue of
	// cheap requests. 0 means no queue: a request over the limit gets 503 at
	// once.
	MaxQueued int
	// QueueTimeout is how long a request waits for a slot before it gets 503.
	// It is also the Retry-After of every 503 for overload, in whole seconds
	// rounded up.
	QueueTimeout time.Duration
}

// WithDefaults returns l with its zero MaxInFlight, MaxReports and MaxQueued
// sized for a store that opens at most connections database connections, of
// which readers serve read-only transactions, on a process that runs
// GOMAXPROCS goroutines at once. QueueTimeout is left as it is.
//
// Every admitted request can get a connection soon, and GOMAXPROCS more can
// do work that needs none (authentication, JSON, HTTP), so more requests in
// flight would only wait for a connection while holding their memory. A
// report holds a reader connection and a CPU for its whole run, so at most
// half the readers, and at most GOMAXPROCS, serve reports, and cheap reads
// always find a connection. With eight waiting requests per slot, a request
// that gets in waits at most about eight mean service times.
//
// NOTE: these sizes suit a database on the same machine. A PostgreSQL
// server with more CPUs than this process can run more reports at once
// than GOMAXPROCS allows, through an explicit MaxReports.
func (l Limits) WithDefaults(connections, readers int) Limits {
	procs := runtime.GOMAXPROCS(0)
	if l.MaxInFlight == 0 {
		l.MaxInFlight = connections + procs
	}
	if l.MaxReports == 0 {
		l.MaxReports = max(1, min(procs, readers/2, l.MaxInFlight))
	}
	if l.MaxQueued == 0 {
		l.MaxQueued = 8 * l.MaxInFlight
	}
	return l
}

// check returns an error naming the first limit that is out of range.
func (l Limits) check() error {
	switch {
	case l.MaxInFlight < 0:
		return fmt.Errorf("maximum requests in flight %d is negative", l.MaxInFlight)
	case l.MaxReports < 0:
		return fmt.Errorf("maximum report requests in flight %d is negative", l.MaxReports)
	case l.MaxReports > l.MaxInFlight:
		return fmt.Errorf("maximum report requests in flight %d is above the maximum of all requests in flight, %d", l.MaxReports, l.MaxInFlight)
	case l.MaxQueued < 0:
		return fmt.Errorf("maximum queued requests %d is negative", l.MaxQueued)
	case l.QueueTimeout < 0:
		return fmt.Errorf("queue timeout %s is negative", l.QueueTimeout)
	}
	return nil
}

// routeClass is the kind of limit that the requests of a route pass.
type routeClass int

const (
	classLimited routeClass = iota // takes one of the MaxInFlight slots
	classReport                    // takes a report slot, then one of the MaxInFlight slots
	classExempt                    // health checks and metrics, which never wait
)

// maxWaitingBody is the largest request body, in bytes, that a waiting
// request reads into memory. The server watches a connection for the
// client going away only once the handler has read the whole body, so a
// waiting request with a larger body notices a client that leaves only at
// the end of its wait.
const maxWaitingBody = 16 << 10

// limiter admits requests through two gates: reports pass the report gate
// and then the general one, other limited requests the general one only.
// A nil limiter admits everything.
type limiter struct {
	all, reports *gate
	timeout      time.Duration
	retryAfter   string // seconds, for the Retry-After header

	full, timedOut atomic.Uint64 // rejections since the start, for metrics
	log            rejectionLog
}

func newLimiter(l Limits, log *slog.Logger) *limiter {
	if l.MaxInFlight == 0 {
		return nil
	}
	reports := l.MaxReports
	if reports == 0 {
		reports = l.MaxInFlight
	}
	// The report queue has the general queue's length per slot, rounded up.
	reportQueue := max(1, (l.MaxQueued*reports+l.MaxInFlight-1)/l.MaxInFlight)
	if l.MaxQueued == 0 {
		reportQueue = 0
	}
	seconds := max(1, int((l.QueueTimeout+time.Second-1)/time.Second))
	return &limiter{
		all:        newGate(l.MaxInFlight, l.MaxQueued),
		reports:    newGate(reports, reportQueue),
		timeout:    l.QueueTimeout,
		retryAfter: strconv.Itoa(seconds),
		log:        rejectionLog{log: log, limits: l},
	}
}

// admit waits until r may be served and returns the function that frees its
// slots. It returns an *overloadError when a queue is full or the wait
// times out, and the context's error when the client goes away first.
func (l *limiter) admit(r *http.Request, class routeClass) (release func(), err error) {
	if l == nil || class == classExempt {
		return func() {}, nil
	}
	w := waiter{l: l, r: r}
	defer w.stop()

	if class == classReport {
		if err := w.enter(l.reports); err != nil {
			return nil, err
		}
	}
	if err := w.enter(l.all); err != nil {
		if class == classReport {
			l.reports.leave()
		}
		return nil, err
	}
	return func() {
		l.all.leave()
		if class == classReport {
			l.reports.leave()
		}
	}, nil
}

// waiter is one request passing the limiter's gates, with one deadline for
// all of them, started when it first has to wait.
type waiter struct {
	l     *limiter
	r     *http.Request
	timer *time.Timer
}

// enter takes a slot of g, waiting for one when none is free.
func (w *waiter) enter(g *gate) error {
	if g.tryEnter() {
		return nil
	}
	if !g.queue() {
		return w.l.reject(&w.l.full, "full")
	}
	defer g.dequeue()

	if w.timer == nil {
		if err := bufferBody(w.r); err != nil {
			return err
		}
		w.timer = time.NewTimer(w.l.timeout)
	}
	select {
	case g.slots <- struct{}{}:
		return nil
	case <-w.timer.C:
		return w.l.reject(&w.l.timedOut, "timeout")
	case <-w.r.Context().Done():
		return fmt.Errorf("waiting for a request slot: %w", w.r.Context().Err())
	}
}

func (w *waiter) stop() {
	if w.timer != nil {
		w.timer.Stop()
	}
}

// reject counts a rejection and returns the error that writeError sends.
func (l *limiter) reject(counter *atomic.Uint64, reason string) error {
	counter.Add(1)
	l.log.note(l.full.Load(), l.timedOut.Load())
	return &overloadError{reason: reason, retryAfter: l.retryAfter}
}

// bufferBody reads a body of at most maxWaitingBody bytes into memory, so
// that the server starts watching the connection and cancels the request's
// context when the client goes away.
func bufferBody(r *http.Request) error {
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength <= 0 || r.ContentLength > maxWaitingBody {
		return nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxWaitingBody+1))
	if err != nil {
		if ctxErr := r.Context().Err(); ctxErr != nil {
			return fmt.Errorf("reading the body of a waiting request: %w", ctxErr)
		}
		return badBody("Could not read the request body: %v", err)
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return nil
}

// gate is a counting semaphore with a bounded queue of waiters.
type gate struct {
	slots     chan struct{}
	queued    atomic.Int64
	maxQueued int64
}

func newGate(slots, maxQueued int) *gate {
	return &gate{slots: make(chan struct{}, slots), maxQueued: int64(maxQueued)}
}

func (g *gate) tryEnter() bool {
	select {
	case g.slots <- struct{}{}:
		return true
	default:
		return false
	}
}

// queue adds a waiter, or returns false when the queue is full.
func (g *gate) queue() bool {
	if g.queued.Add(1) > g.maxQueued {
		g.queued.Add(-1)
		return false
	}
	return true
}

func (g *gate) dequeue() { g.queued.Add(-1) }

func (g *gate) leave() { <-g.slots }

// inFlight returns the number of requests holding a slot.
func (g *gate) inFlight() int { return len(g.slots) }

// overloadError is the 503 of a request that the limiter rejected.
type overloadError struct {
	reason     string // "full" or "timeout"
	retryAfter string // seconds
}

func (e *overloadError) Error() string {
	if e.reason == "full" {
		return "Too many requests are waiting to be served. Retry after " + e.retryAfter + " seconds."
	}
	return "The request waited too long to be served. Retry after " + e.retryAfter + " seconds."
}

// rejectionLog logs the first rejection and then at most one line per
// rejectionLogInterval, with the rejections since the previous line, because
// an overloaded server rejects many requests a second. The metrics count
// every rejection.
type rejectionLog struct {
	log    *slog.Logger
	limits Limits

	mu                 sync.Mutex
	last               time.Time
	lastFull, lastTime uint64 // the counters at the last line
}

const rejectionLogInterval = 10 * time.Second

func (l *rejectionLog) note(full, timedOut uint64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if !l.last.IsZero() && now.Sub(l.last) < rejectionLogInterval {
		return
	}
	l.log.Warn("rejecting requests with 503: the server is overloaded",
		slog.Uint64("rejected_queue_full", full-l.lastFull), slog.Uint64("rejected_queue_timeout", timedOut-l.lastTime),
		slog.Int("max_in_flight", l.limits.MaxInFlight), slog.Int("max_queued", l.limits.MaxQueued),
		slog.Duration("queue_timeout", l.limits.QueueTimeout))
	l.last, l.lastFull, l.lastTime = now, full, timedOut
}

// isOverload reports whether err is a rejection by the limiter.
func isOverload(err error) (*overloadError, bool) {
	var oe *overloadError
	ok := errors.As(err, &oe)
	return oe, ok
}
