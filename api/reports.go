package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/reports"
)

// reportRunner runs one report kind and returns its JSON body.
type reportRunner func(ctx context.Context, a domain.Actor, req reports.Request) (any, error)

// reportHandler serves POST .../reports/{kind}: JSON from run, or a file
// when exportType is CSV, XLSX or PDF.
func (s *Server) reportHandler(kind reports.Kind, run reportRunner) memberHandler {
	return func(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
		body, err := readReportBody(r)
		if err != nil {
			return err
		}
		req, err := reports.DecodeRequest(bytes.NewReader(body))
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

// readReportBody reads a report body and applies the text checks of every
// other JSON body, so that invalid UTF-8 and NUL characters get code 3002.
func readReportBody(r *http.Request) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		return nil, badBody("Could not read the request body: %v", err)
	}
	if len(body) > maxBodyBytes {
		return nil, badBody("Request body is larger than %d bytes", maxBodyBytes)
	}
	if err := checkBodyText(body); err != nil {
		return nil, err
	}
	return body, nil
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
	out := &deadlineWriter{w: w, rc: http.NewResponseController(w), timeout: exportWriteTimeout}
	err = x.Write(r.Context(), out)
	if err == nil {
		err = out.finish()
	}
	if err != nil {
		s.log.Error("report export failed after the response started",
			slog.String("request_id", requestID(r.Context())), slog.String("path", r.URL.Path),
			slog.String("workspace_id", a.Workspace.ID), slog.Any("error", err))
		panic(http.ErrAbortHandler)
	}
	return nil
}

// exportWriteTimeout bounds each write of an export to the client. A client
// that takes longer to accept one chunk is cut off, so a stalled reader
// holds a goroutine for at most this long and never a database connection.
const exportWriteTimeout = 30 * time.Second

// deadlineWriter sets a fresh write deadline on the connection before each
// write, so a long export that keeps moving never times out while one that
// stalls does.
type deadlineWriter struct {
	w       io.Writer
	rc      *http.ResponseController
	timeout time.Duration
}

func (d *deadlineWriter) Write(p []byte) (int, error) {
	if err := d.rc.SetWriteDeadline(time.Now().Add(d.timeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return 0, fmt.Errorf("setting the write deadline: %w", err)
	}
	return d.w.Write(p)
}

// finish flushes the response under the last deadline, then clears it, so
// that the next request on a kept-alive connection starts without one.
func (d *deadlineWriter) finish() error {
	if err := d.rc.Flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return fmt.Errorf("flushing the export: %w", err)
	}
	if err := d.rc.SetWriteDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return fmt.Errorf("clearing the write deadline: %w", err)
	}
	return nil
}

// optInt reads an optional whole-number query parameter of at least min.
func (q query) optInt(name string, min int) (*int, error) {
	v := q.str(name)
	if v == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < min {
		return nil, badParam("Method parameter '%s': invalid value '%s'; use a whole number of at least %d", name, v, min)
	}
	return &n, nil
}

// sharedLink is the address at which a shared report opens: under the
// public base URL when one is configured, else the path alone. The request's
// Host header never goes into it, because a client or proxy sets that header
// and could make the server hand out links to another site.
func (s *Server) sharedLink(id string) string {
	return s.publicURL + "/report/v1/shared-reports/" + id
}

// SetPublicURL sets the base URL, such as https://time.example.com, under
// which clients reach this server. Links the server returns, such as shared
// report links, start with it. It must be an absolute http or https URL.
func (s *Server) SetPublicURL(base string) error {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("public URL %q is not an absolute http or https URL such as https://time.example.com", base)
	}
	s.publicURL = strings.TrimRight(u.String(), "/")
	return nil
}

// listSharedReports serves GET .../shared-reports. Paging uses camelCase
// pageSize, as Clockify's does; page-size is ignored.
func (s *Server) listSharedReports(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	q := readQuery(r)
	page, err := q.optInt("page", 1)
	if err != nil {
		return err
	}
	size, err := q.optInt("pageSize", 1)
	if err != nil {
		return err
	}
	if size != nil && *size > maxPageSize {
		return badParam("Method parameter 'pageSize': invalid value '%d'; use at most %d", *size, maxPageSize)
	}
	filter := strings.ToUpper(q.str("sharedReportsFilter"))
	if filter == "" {
		filter = "ALL"
	}
	p := domain.Page{Number: 1, Size: defaultPageSize}
	if page != nil {
		p.Number = *page
	}
	if size != nil {
		p.Size = *size
	}

	list, err := s.reports.ListShared(r.Context(), a, filter, p)
	if err != nil {
		return err
	}
	for i := range list.Reports {
		list.Reports[i].Link = s.sharedLink(list.Reports[i].ID)
	}

	writeJSON(w, http.StatusOK, list)
	return nil
}

// createSharedReport serves POST .../shared-reports with 200, as Clockify does.
func (s *Server) createSharedReport(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var in reports.SharedInput
	if err := decodeJSON(r, &in); err != nil {
		return err
	}

	out, err := s.reports.CreateShared(r.Context(), a, in)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, out)
	return nil
}

// updateSharedReport serves PUT .../shared-reports/{id}, a merge.
func (s *Server) updateSharedReport(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var in reports.SharedInput
	if err := decodeJSON(r, &in); err != nil {
		return err
	}

	out, err := s.reports.UpdateShared(r.Context(), a, r.PathValue("id"), in)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, out)
	return nil
}

// deleteSharedReport serves DELETE .../shared-reports/{id} with 204.
func (s *Server) deleteSharedReport(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	if err := s.reports.DeleteShared(r.Context(), a, r.PathValue("id")); err != nil {
		return err
	}

	w.WriteHeader(http.StatusNoContent)
	return nil
}

// openSharedReport serves GET /report/v1/shared-reports/{id}: the rendered
// report, or a file with ?exportType=. Public reports open without
// credentials; others need the key of a member they are shared with.
func (s *Server) openSharedReport(w http.ResponseWriter, r *http.Request) error {
	var viewer *domain.User
	if r.Header.Get("X-Api-Key") != "" || r.Header.Get("X-Addon-Token") != "" || r.Header.Get("Authorization") != "" {
		u, err := s.authenticate(r)
		if err != nil {
			return err
		}
		viewer = &u
	}
	q := readQuery(r)
	o := reports.SharedOverrides{DateRangeStart: q.str("dateRangeStart"), DateRangeEnd: q.str("dateRangeEnd"),
		SortColumn: strings.ToUpper(q.str("sortColumn")), SortOrder: strings.ToUpper(q.str("sortOrder")),
		ExportType: strings.ToUpper(q.str("exportType"))}
	var err error
	if o.Page, err = q.optInt("page", 1); err != nil {
		return err
	}
	if o.PageSize, err = q.optInt("pageSize", 1); err != nil {
		return err
	}

	opened, err := s.reports.OpenShared(r.Context(), r.PathValue("id"), viewer, o, time.Now())
	if err != nil {
		return err
	}
	if reports.IsFile(opened.Request.ExportType) {
		return s.exportReport(w, r, opened.Author, opened.Kind, opened.Request)
	}
	out, err := s.reports.RunShared(r.Context(), opened)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, out)
	return nil
}
