package api

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// readyTimeout bounds the database ping of a readiness check, so that a
// load balancer gets a 503 instead of waiting on a database that hangs.
const readyTimeout = 2 * time.Second

// healthBody is the body of both health checks.
type healthBody struct {
	Status string `json:"status"`
}

// liveness returns 200 while the process serves HTTP. It does not touch the
// database, so a database outage does not get every node restarted.
func (s *Server) liveness(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, healthBody{Status: "ok"})
}

// readiness returns 200 when the database responds to a ping and 503 when it
// does not, so that a load balancer stops sending requests to this node.
// The error goes to the log only: the endpoint needs no API key and the
// message may name database hosts.
func (s *Server) readiness(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
	defer cancel()

	if err := s.svc.Ping(ctx); err != nil {
		s.log.Error("readiness check failed", slog.String("request_id", requestID(r.Context())), slog.Any("error", err))
		writeJSON(w, http.StatusServiceUnavailable, healthBody{Status: "unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, healthBody{Status: "ok"})
}
