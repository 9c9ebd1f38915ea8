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

// writeError is the one place that turns an error into a response. Errors the
// caller may see carry their own message; anything else is an internal fault,
// logged with the request id and answered with a bare 500.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status, body := http.StatusInternalServerError, errorBody{Message: "Internal server error", Code: http.StatusInternalServerError}
	var he *httpError
	if de, ok := domain.AsError(err); ok {
		status, body = kindStatus[de.Kind], errorBody{Message: de.Message, Code: de.Code}
		if status == 0 {
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
