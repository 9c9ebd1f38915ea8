package devload

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"
)

// Latency summarizes the latencies of a set of requests, each measured from
// the request's intended start to the end of its response body.
type Latency struct {
	Count int
	P50   time.Duration
	P99   time.Duration
	P999  time.Duration
	Max   time.Duration
}

// OpResult contains the measurements of one operation of the mix.
type OpResult struct {
	Op      Op
	Latency Latency
	Errors  int
	Dropped int
}

// Report is the outcome of a load run.
type Report struct {
	Options  Options
	Elapsed  time.Duration // from the first intended start to the last response
	Sent     int
	Errors   int
	Dropped  int            // requests not sent because MaxInFlight were waiting
	ByKind   map[string]int // errors by kind, such as "status 500"
	Examples map[string]string
	// Throughput is the number of successful responses per second of
	// Elapsed.
	Throughput float64
	Latency    Latency // of every sent request, failed ones included
	Ops        []OpResult
	Memory     Memory
}

// recorder collects the outcome of every request.
type recorder struct {
	start, end time.Time

	mu        sync.Mutex
	latencies map[Op][]time.Duration
	errors    map[Op]int
	dropped   map[Op]int
	byKind    map[string]int
	examples  map[string]string
}

func newRecorder() *recorder {
	return &recorder{latencies: map[Op][]time.Duration{}, errors: map[Op]int{}, dropped: map[Op]int{},
		byKind: map[string]int{}, examples: map[string]string{}}
}

func (r *recorder) add(op Op, intended time.Time, o outcome) {
	latency := time.Since(intended)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.latencies[op] = append(r.latencies[op], latency)
	if o.kind != "" {
		r.errors[op]++
		r.byKind[o.kind]++
		if _, seen := r.examples[o.kind]; !seen {
			r.examples[o.kind] = o.detail
		}
	}
}

func (r *recorder) drop(op Op) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.dropped[op]++
}

func (r *recorder) report() Report {
	r.mu.Lock()
	defer r.mu.Unlock()
	rep := Report{Elapsed: r.end.Sub(r.start), ByKind: r.byKind, Examples: r.examples}
	var all []time.Duration
	for _, op := range allOps {
		list := r.latencies[op]
		if len(list) == 0 && r.dropped[op] == 0 {
			continue
		}
		all = append(all, list...)
		rep.Ops = append(rep.Ops, OpResult{Op: op, Latency: summarize(list), Errors: r.errors[op], Dropped: r.dropped[op]})
		rep.Errors += r.errors[op]
		rep.Dropped += r.dropped[op]
	}
	rep.Sent = len(all)
	rep.Latency = summarize(all)
	if rep.Elapsed > 0 {
		rep.Throughput = float64(rep.Sent-rep.Errors) / rep.Elapsed.Seconds()
	}
	return rep
}

// summarize sorts list and returns its percentiles, using the nearest-rank
// method: p is the smallest value with at least p of the values at or below
// it.
func summarize(list []time.Duration) Latency {
	if len(list) == 0 {
		return Latency{}
	}
	slices.Sort(list)
	rank := func(p float64) time.Duration {
		i := int(p*float64(len(list))+0.999999) - 1
		return list[min(max(i, 0), len(list)-1)]
	}
	return Latency{Count: len(list), P50: rank(0.50), P99: rank(0.99), P999: rank(0.999), Max: list[len(list)-1]}
}

// Write prints the report as text.
func (r Report) Write(w io.Writer) error {
	var b strings.Builder
	o := r.Options
	fmt.Fprintf(&b, "open-loop load on %s for %s at %g requests/s, mix %s\n", o.BaseURL, o.Duration, o.Rate, o.Mix)
	fmt.Fprintf(&b, "sent %d, errors %d, dropped %d (more than %d requests waiting), elapsed %s\n",
		r.Sent, r.Errors, r.Dropped, o.MaxInFlight, r.Elapsed.Round(time.Millisecond))
	fmt.Fprintf(&b, "throughput %.1f successful responses/s\n", r.Throughput)
	fmt.Fprintf(&b, "latency from intended start: %s\n", r.Latency)
	for _, op := range r.Ops {
		fmt.Fprintf(&b, "  %-7s %s, errors %d, dropped %d\n", op.Op, op.Latency, op.Errors, op.Dropped)
	}
	kinds := make([]string, 0, len(r.ByKind))
	for kind := range r.ByKind {
		kinds = append(kinds, kind)
	}
	slices.Sort(kinds)
	for _, kind := range kinds {
		fmt.Fprintf(&b, "  error %s: %d, first: %s\n", kind, r.ByKind[kind], r.Examples[kind])
	}
	fmt.Fprintf(&b, "server memory: %s\n", r.Memory)
	_, err := io.WriteString(w, b.String())
	return err
}

func (l Latency) String() string {
	return fmt.Sprintf("n=%d p50=%s p99=%s p99.9=%s max=%s", l.Count, round(l.P50), round(l.P99), round(l.P999), round(l.Max))
}

// round shortens a latency to three significant digits or so.
func round(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}
