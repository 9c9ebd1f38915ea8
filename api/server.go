// Package api serves Clockify's REST API over HTTP: one route table
// (routes.go), handlers that decode, check, call the domain service and
// encode, and one function that turns errors into responses (errors.go).
package api

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"path"
	"strings"

	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/reports"
)

// Server is the API's http.Handler.
type Server struct {
	svc     *domain.Service
	reports *reports.Service
	log     *slog.Logger
	mux     *http.ServeMux
	// publicURL is the configured base URL of links the server returns,
	// without a trailing slash; "" makes them paths.
	publicURL string
	limiter   *limiter // nil when requests are not limited
	// pageBodies holds the encoded bodies of recent pages of entries.
	pageBodies pageBodies[domain.PageRevision]

	patterns []string              // every registered route pattern, in registration order
	classes  map[string]routeClass // the limit class of each pattern; a pattern without one is classLimited
}

// New returns the API handler for svc.
func New(svc *domain.Service, log *slog.Logger) *Server {
	s := &Server{svc: svc, reports: reports.New(svc), log: log, mux: http.NewServeMux(), classes: map[string]routeClass{}}
	s.routes()
	return s
}

// SetLimits bounds the requests served at once, as Limits describes. Call it
// before the server serves its first request. Without it, nothing is limited.
func (s *Server) SetLimits(l Limits) error {
	if err := l.check(); err != nil {
		return err
	}
	s.limiter = newLimiter(l, s.log)
	return nil
}

// Patterns returns the route patterns the server registers, such as
// "GET /api/v1/user".
func (s *Server) Patterns() []string { return append([]string(nil), s.patterns...) }

// handler is an API handler that returns an error instead of writing one, so
// that every failure goes through writeError.
type handler func(w http.ResponseWriter, r *http.Request) error

// ServeHTTP cleans the path, routes the request, and sends Clockify's JSON
// errors for unrouted paths and wrong methods.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := newRequestID()
	w.Header().Set("X-Request-Id", id)
	r = r.WithContext(withRequestID(r.Context(), id))

	// Clockify routes "//" like "/". ServeMux would redirect instead, with an
	// HTML body, and a redirect turns a client's PUT into a GET. Dot
	// segments are resolved the same way.
	if clean := cleanPath(r.URL.Path); clean != r.URL.Path {
		r.URL.Path = clean
		r.URL.RawPath = ""
	}

	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.writeError(w, r, fmt.Errorf("panic: %v", v))
		}
	}()

	h, pattern := s.mux.Handler(r)
	if pattern != "" {
		if err := checkQuery(r); err != nil {
			s.writeError(w, r, err)
			return
		}
		release, err := s.limiter.admit(r, s.classes[pattern])
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		defer release()
		// mux.Handler does not set path values, so mux.ServeHTTP matches again
		// to set them.
		s.mux.ServeHTTP(w, r)
		return
	}
	// No pattern matched. Ask the mux what it would do (404, or 405 with an
	// Allow header) and send that status with a JSON body instead of text.
	probe := &statusProbe{header: http.Header{}}
	h.ServeHTTP(probe, r)
	if probe.status == http.StatusMethodNotAllowed {
		w.Header().Set("Allow", probe.header.Get("Allow"))
		s.writeError(w, r, &httpError{status: http.StatusMethodNotAllowed, code: domain.CodeMalformed,
			message: fmt.Sprintf("Request method '%s' is not supported", r.Method)})
		return
	}
	s.writeError(w, r, &httpError{status: http.StatusNotFound, code: domain.CodeMalformed,
		message: "No static resource " + resourcePath(r.URL.Path) + "."})
}

// resourcePath names an unrouted path as Clockify's message does: relative
// to the API root, such as "v1/workspaces/x/archive".
func resourcePath(p string) string {
	for _, prefix := range []string{"/api/", "/report/", "/"} {
		if rest, ok := strings.CutPrefix(p, prefix); ok {
			return rest
		}
	}
	return p
}

// statusProbe records the status and headers a handler writes and drops the body.
type statusProbe struct {
	header http.Header
	status int
}

func (p *statusProbe) Header() http.Header         { return p.header }
func (p *statusProbe) Write(b []byte) (int, error) { return len(b), nil }
func (p *statusProbe) WriteHeader(status int)      { p.status = status }

// cleanPath collapses runs of slashes and resolves "." and ".." segments,
// keeping a trailing slash.
func cleanPath(p string) string {
	if p == "" {
		return "/"
	}
	clean := path.Clean(p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	return clean
}

// newRequestID returns 16 random hex digits for the X-Request-Id header.
func newRequestID() string {
	var b [8]byte
	rand.Read(b[:]) //nolint:errcheck // since Go 1.24 it never returns an error
	return hex.EncodeToString(b[:])
}
