package api

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metricsHandler serves the process's metrics in Prometheus's text format:
// resident memory, CPU time and open files from the process collector, and
// heap, goroutines and GC pauses from the Go collector. Load tests read
// process_resident_memory_bytes from it. Like /healthz it needs no API key,
// and it shows nothing about the data.
//
// NOTE: request counts and latencies are not exported yet.
func metricsHandler() http.Handler {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}), collectors.NewGoCollector())
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
}
