package api

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/reports"
)

// reportRunner runs one report kind and returns its JSON body.
type reportRunner func(ctx context.Context, a domain.Actor, req reports.Request) (any, error)

// reportHandler serves POST .../reports/{kind}: JSON from run, or a file
// when exportType is CSV, XLSX or PDF.
func (s *Server) reportHandler(kind reports.Kind, run reportRunner) memberHandler {
	return func(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
		req, err := reports.DecodeRequest(r.Body)
		if err != nil {
			return err
		}

		if reports.IsFile(req.ExportType) {
			return s.exportReport(w, r, a, kind, req)
		}
		res, err := run(r.Context(), a, req)
		if err != nil {
			return err
		}

		writeJSON(w, http.StatusOK, res)
		return nil
	}
}

func (s *Server) runSummaryReport(ctx context.Context, a domain.Actor, req reports.Request) (any, error) {
	return s.reports.Summary(ctx, a, req)
}

func (s *Server) runDetailedReport(ctx context.Context, a domain.Actor, req reports.Request) (any, error) {
	return s.reports.Detailed(ctx, a, req)
}

func (s *Server) runWeeklyReport(ctx context.Context, a domain.Actor, req reports.Request) (any, error) {
	return s.reports.Weekly(ctx, a, req)
}

func (s *Server) runAttendanceReport(ctx context.Context, a domain.Actor, req reports.Request) (any, error) {
	return s.reports.Attendance(ctx, a, req)
}

// exportReport checks the request, then streams the file. Once the first
// bytes are out, a failure can no longer become an error response, so it is
// logged and the connection is cut to mark the file incomplete.
func (s *Server) exportReport(w http.ResponseWriter, r *http.Request, a domain.Actor, kind reports.Kind, req reports.Request) error {
	x, err := s.reports.PrepareExport(a, kind, req)
	if err != nil {
		return err
	}

	w.Header().Set("Content-Type", x.ContentType())
	w.Header().Set("Content-Disposition", x.ContentDisposition())
	w.WriteHeader(http.StatusOK)
	if err := x.Write(r.Context(), w); err != nil {
		s.log.Error("report export failed after the response started",
			slog.String("request_id", requestID(r.Context())), slog.String("path", r.URL.Path),
			slog.String("workspace_id", a.Workspace.ID), slog.Any("error", err))
		panic(http.ErrAbortHandler)
	}
	return nil
}
