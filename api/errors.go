package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/punchclock/punchclock/domain"
)

// httpError is an error raised by the HTTP layer itself (routing, parameter
// and body parsing) with its status already decided.
type httpError struct {
	status  int
	code    int
	message string
}

func (e *httpError) Error() string { return e.message }

// badParam is a 400 for a query parameter whose value cannot be used.
func badParam(format string, args ...any) error {
	return &httpError{status: http.StatusBadRequest, code: domain.CodeMalformed, message: sprintf(format, args...)}
}

// badBody is a 400 for a request body that cannot be decoded.
func badBody(format string, args ...any) error {
	return &httpError{status: http.StatusBadRequest, code: domain.CodeMalformedBody, message: sprintf(format, args...)}
}

// errorBody is Clockify's error shape. Code is Clockify's internal code, not
// the HTTP status.
type errorBody struct {
	Message string `json:"message"`
	Code    int    `json:"code"`
}

var kindStatus = map[domain.Kind]int{
	domain.KindInvalid:         http.StatusBadRequest,
	domain.KindUnauthenticated: http.StatusUnauthorized,
	domain.KindForbidden:       http.StatusForbidden,
	domain.KindNotFound:        http.StatusNotFound,
}

// writeError turns an error into a response, and is the only place that does.
// A *domain.Error or *httpError is sent with its own message and logged at
// Warn. A rejection for overload is a 503 with a Retry-After header, which
// the limiter logs in summary. Any other error is an internal fault: it is
// logged at Error with the request id, and the client gets a bare 500 that
// hides its text.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	if oe, ok := isOverload(err); ok {
		w.Header().Set("Retry-After", oe.retryAfter)
		writeJSON(w, http.StatusServiceUnavailable, errorBody{Message: oe.Error(), Code: http.StatusServiceUnavailable})
		return
	}

	status, body := http.StatusInternalServerError, errorBody{Message: "Internal server error", Code: http.StatusInternalServerError}
	var he *httpError
	if de, ok := domain.AsError(err); ok {
		status, body = kindStatus[de.Kind], errorBody{Message: de.Message, Code: de.Code}
		if status == 0 { // an Error built without a Kind
			status = http.StatusBadRequest
		}
	} else if errors.As(err, &he) {
		status, body = he.status, errorBody{Message: he.message, Code: he.code}
	}

	attrs := []any{
		slog.String("request_id", requestID(r.Context())),
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.Int("status", status),
	}
	switch {
	case errors.Is(err, context.Canceled):
		s.log.Info("request canceled by client", attrs...)
	case status >= 500:
		s.log.Error("request failed", append(attrs, slog.Any("error", err))...)
	default:
		s.log.Warn("request rejected", append(attrs, slog.String("message", body.Message))...)
	}
	writeJSON(w, status, body)
}

type requestIDKey struct{}

func withRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}
