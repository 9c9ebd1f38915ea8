// Package devload drives a Punchclock server with an open-loop HTTP load: it
// starts requests at a fixed arrival rate whatever the server's response
// times, and measures each latency from the request's intended start. A
// closed loop (send, wait, send) slows down with the server and hides the
// queueing delay that users would see, which is known as coordinated
// omission. Latency here includes the time a request waited to be sent.
package devload

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Op is one kind of request in the mix.
type Op string

// The operations of a mix.
const (
	OpCreate Op = "create" // POST a finished time entry
	OpGet    Op = "get"    // GET one time entry by id
	OpList   Op = "list"   // GET a page of 50 of the user's entries
	OpReport Op = "report" // POST a summary report of the last 30 days
)

var allOps = []Op{OpCreate, OpGet, OpList, OpReport}

// Mix is the relative weight of each operation.
type Mix map[Op]int

// ParseMix reads a mix such as "create=20,get=40,list=30,report=10".
// Weights are relative and need not add up to 100.
func ParseMix(s string) (Mix, error) {
	mix := Mix{}
	total := 0
	for field := range strings.SplitSeq(s, ",") {
		name, weight, ok := strings.Cut(strings.TrimSpace(field), "=")
		op := Op(strings.TrimSpace(name))
		if !ok || !slices.Contains(allOps, op) {
			return nil, fmt.Errorf("devload: invalid mix entry %q: use NAME=WEIGHT with NAME one of create, get, list, report", field)
		}
		n, err := strconv.Atoi(strings.TrimSpace(weight))
		if err != nil || n < 0 {
			return nil, fmt.Errorf("devload: invalid weight %q for %s: use a whole number of at least 0", weight, op)
		}
		if _, dup := mix[op]; dup {
			return nil, fmt.Errorf("devload: %s appears twice in the mix %q", op, s)
		}
		mix[op] = n
		total += n
	}
	if total == 0 {
		return nil, fmt.Errorf("devload: the mix %q has no positive weight", s)
	}
	return mix, nil
}

// String formats the mix as ParseMix reads it.
func (m Mix) String() string {
	var parts []string
	for _, op := range allOps {
		if w, ok := m[op]; ok {
			parts = append(parts, fmt.Sprintf("%s=%d", op, w))
		}
	}
	return strings.Join(parts, ",")
}

// pick draws an operation with probability proportional to its weight.
func (m Mix) pick(rng *rand.Rand) Op {
	total := 0
	for _, op := range allOps {
		total += m[op]
	}
	n := rng.IntN(total)
	for _, op := range allOps {
		if n < m[op] {
			return op
		}
		n -= m[op]
	}
	return allOps[len(allOps)-1]
}

// Options describes one load run.
type Options struct {
	// BaseURL is the server root, such as http://127.0.0.1:8080. Only
	// loopback addresses are accepted, so that a load run cannot reach
	// another machine.
	BaseURL  string
	Key      string // API key of the user whose entries the load reads and writes
	Duration time.Duration
	Rate     float64 // requests started per second
	Mix      Mix
	// PID, when not 0, is the server's process id on this machine: memory
	// is then read from /proc/PID/status. Otherwise it is read from the
	// server's /metrics.
	PID  int
	Seed uint64 // seeds the choice of operations and request bodies
	// MaxInFlight bounds the requests waiting for a response. A request
	// due while the bound is reached is not sent and counts as dropped.
	// 0 means 4096.
	MaxInFlight int
}

// Limits of the options.
const (
	maxRate     = 100_000
	maxDuration = 24 * time.Hour
)

func (o *Options) check() error {
	u, err := url.Parse(o.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("devload: invalid base URL %q: use http://127.0.0.1:PORT", o.BaseURL)
	}
	if !loopback(u.Hostname()) {
		return fmt.Errorf("devload: base URL %q is not a loopback address: load runs target only servers on this machine, such as http://127.0.0.1:PORT", o.BaseURL)
	}
	if o.Key == "" {
		return errors.New("devload: missing API key: pass the key that dev seed printed")
	}
	if o.Duration <= 0 || o.Duration > maxDuration {
		return fmt.Errorf("devload: duration %s is out of range: use more than 0 and at most %s", o.Duration, maxDuration)
	}
	if o.Rate <= 0 || o.Rate > maxRate {
		return fmt.Errorf("devload: rate %g is out of range: use more than 0 and at most %d requests per second", o.Rate, maxRate)
	}
	if len(o.Mix) == 0 {
		return errors.New("devload: missing mix: use for example create=20,get=40,list=30,report=10")
	}
	if o.MaxInFlight == 0 {
		o.MaxInFlight = 4096
	}
	return nil
}

// loopback reports whether host names this machine's loopback interface.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Run sends the load that opts describes and returns what it measured. It
// returns early, with the requests sent so far, when ctx ends.
func Run(ctx context.Context, opts Options) (Report, error) {
	if err := opts.check(); err != nil {
		return Report{}, err
	}
	transport := &http.Transport{MaxIdleConns: opts.MaxInFlight, MaxIdleConnsPerHost: opts.MaxInFlight}
	defer transport.CloseIdleConnections()
	c := &client{base: strings.TrimSuffix(opts.BaseURL, "/"), key: opts.Key,
		http: &http.Client{Transport: transport, Timeout: time.Minute}}

	t, err := newTarget(ctx, c)
	if err != nil {
		return Report{}, err
	}
	if opts.Mix[OpGet] > 0 && len(t.entryIDs) == 0 {
		return Report{}, fmt.Errorf("devload: user %s has no time entries for get requests: seed the database first or set get=0", t.userID)
	}

	mem := newMemoryProbe(c, opts.PID)
	memCtx, stopMemory := context.WithCancel(ctx)
	memDone := make(chan struct{})
	go func() {
		defer close(memDone)
		mem.watch(memCtx, 250*time.Millisecond)
	}()

	rec := newRecorder()
	sendAll(ctx, opts, t, rec)

	stopMemory()
	<-memDone
	report := rec.report()
	report.Options = opts
	report.Memory = mem.result()
	return report, nil
}

// sendAll starts Rate*Duration requests at their intended times and waits
// for all of them to finish.
func sendAll(ctx context.Context, opts Options, t *target, rec *recorder) {
	rng := rand.New(rand.NewPCG(opts.Seed, 0x6c6f6164))
	interval := time.Duration(float64(time.Second) / opts.Rate)
	total := int(opts.Rate * opts.Duration.Seconds())
	inFlight := make(chan struct{}, opts.MaxInFlight)
	var wg sync.WaitGroup

	rec.start = time.Now()
	defer func() {
		wg.Wait()
		rec.end = time.Now()
	}()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for i := range total {
		intended := rec.start.Add(time.Duration(i) * interval)
		if wait := time.Until(intended); wait > 0 {
			timer.Reset(wait)
			select {
			case <-ctx.Done():
				return
			case <-timer.C:
			}
		}
		op := opts.Mix.pick(rng)
		req := t.request(op, rng)
		select {
		case inFlight <- struct{}{}:
		default:
			rec.drop(op)
			continue
		}
		wg.Go(func() {
			defer func() { <-inFlight }()
			rec.add(op, intended, t.send(ctx, req))
		})
	}
}
