package api

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metricsHandler serves the process's metrics in Prometheus's text format:
// resident memory, CPU time and open files from the process collector, heap,
// goroutines and GC pauses from the Go collector, and the request limiter's
// slots, queue and rejections. Load tests read
// process_resident_memory_bytes from it. Like /healthz it needs no API key,
// and it shows nothing about the data.
//
// NOTE: request counts and latencies are not exported yet.
func (s *Server) metricsHandler() http.Handler {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}), collectors.NewGoCollector())
	reg.MustRegister(limiterCollector{s})
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
}

// limiterCollector exports the state of the server's request limiter, read
// at each scrape. Without limits every value is 0.
type limiterCollector struct{ s *Server }

var (
	inFlightDesc = prometheus.NewDesc("punchclock_http_requests_in_flight",
		"Requests holding a slot of the request limiter, by kind of slot: all or report.", []string{"kind"}, nil)
	queuedDesc = prometheus.NewDesc("punchclock_http_requests_queued",
		"Requests waiting for a slot of the request limiter, by the slot they wait for: all or report.", []string{"kind"}, nil)
	rejectedDesc = prometheus.NewDesc("punchclock_http_requests_rejected_total",
		"Requests rejected with 503 by the request limiter, by reason: queue_full or queue_timeout.", []string{"reason"}, nil)
)

func (c limiterCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- inFlightDesc
	ch <- queuedDesc
	ch <- rejectedDesc
}

func (c limiterCollector) Collect(ch chan<- prometheus.Metric) {
	var inFlight, reportsInFlight, queued, reportsQueued, full, timedOut float64
	if l := c.s.limiter; l != nil {
		inFlight, reportsInFlight = float64(l.all.inFlight()), float64(l.reports.inFlight())
		queued, reportsQueued = float64(l.all.queued.Load()), float64(l.reports.queued.Load())
		full, timedOut = float64(l.full.Load()), float64(l.timedOut.Load())
	}
	ch <- prometheus.MustNewConstMetric(inFlightDesc, prometheus.GaugeValue, inFlight, "all")
	ch <- prometheus.MustNewConstMetric(inFlightDesc, prometheus.GaugeValue, reportsInFlight, "report")
	ch <- prometheus.MustNewConstMetric(queuedDesc, prometheus.GaugeValue, queued, "all")
	ch <- prometheus.MustNewConstMetric(queuedDesc, prometheus.GaugeValue, reportsQueued, "report")
	ch <- prometheus.MustNewConstMetric(rejectedDesc, prometheus.CounterValue, full, "queue_full")
	ch <- prometheus.MustNewConstMetric(rejectedDesc, prometheus.CounterValue, timedOut, "queue_timeout")
}
