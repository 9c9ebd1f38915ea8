package reports

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/punchclock/punchclock/domain"
)

// IsFile reports whether an exportType requests a file rather than JSON.
func IsFile(exportType string) bool {
	return exportType == "CSV" || exportType == "XLSX" || exportType == "PDF"
}

// Export is a checked report export, ready to write.
type Export struct {
	s    *Service
	a    domain.Actor
	q    *query
	kind Kind
}

// PrepareExport checks req for a file export of the report kind, so that a
// bad request fails before any part of the file is sent.
func (s *Service) PrepareExport(a domain.Actor, kind Kind, req Request) (*Export, error) {
	if !IsFile(req.ExportType) {
		return nil, domain.Invalidf("Field 'exportType' has the value '%s'; use CSV, XLSX or PDF for a file", req.ExportType)
	}
	q, err := prepare(a, kind, req)
	if err != nil {
		return nil, err
	}
	if req.ExportType == "PDF" {
		if err := q.checkPDFRange(); err != nil {
			return nil, err
		}
	}
	return &Export{s: s, a: a, q: q, kind: kind}, nil
}

// maxPDFDays is the longest date range of a PDF export, the 366-day maximum
// that older editions of Clockify's reports API documentation give. It
// bounds the chart, whose buckets cover every day of the range.
const maxPDFDays = 366

// checkPDFRange rejects a PDF export whose range spans more than maxPDFDays
// calendar days in the request's zone.
func (q *query) checkPDFRange() error {
	first := q.dayOf(q.from)
	limit := time.Date(first.Year(), first.Month(), first.Day()+maxPDFDays, 0, 0, 0, 0, q.loc)
	if q.to.After(limit) {
		return domain.Invalidf("Fields 'dateRangeStart' (%s) and 'dateRangeEnd' (%s) span more than %d days, the maximum for a PDF export; "+
			"export a shorter range, or use CSV or XLSX", q.req.DateRangeStart, q.req.DateRangeEnd, maxPDFDays)
	}
	return nil
}

// ContentType is the file's media type.
func (x *Export) ContentType() string {
	switch x.q.req.ExportType {
	case "XLSX":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case "PDF":
		return "application/pdf"
	}
	return "text/csv; charset=utf-8"
}

// ContentDisposition names the file as Clockify does:
// Clockify_Time_Report_Detailed_MM/DD/YYYY-MM/DD/YYYY.csv with the slashes
// percent-encoded.
func (x *Export) ContentDisposition() string {
	first := x.q.from.In(x.q.loc)
	last := x.q.to.Add(-time.Millisecond).In(x.q.loc)
	kind := string(x.kind)
	name := fmt.Sprintf("Clockify_Time_Report_%s_%s-%s.%s", kind[:1]+strings.ToLower(kind[1:]),
		url.PathEscape(first.Format("01/02/2006")), url.PathEscape(last.Format("01/02/2006")),
		strings.ToLower(x.q.req.ExportType))
	return "attachment; filename=" + strings.ReplaceAll(name, "/", "%2F")
}

// Write writes the file to w. Entries stream from the store to w for CSV
// and XLSX, so memory stays flat whatever the number of entries. An error
// after the first bytes leaves w with a partial file.
func (x *Export) Write(ctx context.Context, w io.Writer) error {
	var err error
	switch x.q.req.ExportType {
	case "PDF":
		err = x.writePDF(ctx, w)
	case "XLSX":
		t := newXLSXTable(w)
		err = x.writeTable(ctx, t)
	default:
		t := newCSVTable(w)
		defer t.release()
		err = x.writeTable(ctx, t)
	}
	return wrap(err, strings.ToLower(string(x.kind))+" "+x.q.req.ExportType+" export")
}

// table is a sheet of cells that an export fills row by row. Cells are
// strings, or float64 values that spreadsheets treat as numbers.
type table interface {
	row(cells []any) error
	// flush sends the rows so far to the client where the format allows
	// it, and is called outside any transaction.
	flush() error
	close() error
}

func (x *Export) writeTable(ctx context.Context, t table) error {
	var err error
	switch x.kind {
	case Summary:
		err = x.summaryRows(ctx, t)
	case Detailed:
		err = x.detailedRows(ctx, t)
	case Weekly:
		err = x.weeklyRows(ctx, t)
	case Attendance:
		err = x.attendanceRows(ctx, t)
	}
	if err != nil {
		return err
	}
	return t.close()
}

// csvTable writes CSV as Clockify's exports do: comma separated, every field
// in double quotes with inner quotes doubled, no byte order mark. Rows
// collect in memory until flush, so that a chunked scan writes to the
// client only between its transactions.
type csvTable struct {
	out io.Writer
	w   *bytes.Buffer
	// spill holds the rows written past spillSize bytes since the last
	// flush, so that a scan in one transaction keeps at most spillSize of
	// them in memory and still writes nothing to the client before flush.
	spill     *os.File
	spillSize int
}

// csvSpillSize is the size of the rows that a CSV export keeps in memory
// between two flushes before it moves them to a temporary file.
const csvSpillSize = 1 << 20

func newCSVTable(w io.Writer) *csvTable {
	return &csvTable{out: w, w: &bytes.Buffer{}, spillSize: csvSpillSize}
}

func (t *csvTable) row(cells []any) error {
	for i, c := range cells {
		if i > 0 {
			t.w.WriteByte(',')
		}
		var s string
		switch v := c.(type) {
		case string:
			s = neutralizeFormula(v)
		case float64:
			s = strconv.FormatFloat(v, 'f', 2, 64)
		default:
			s = fmt.Sprint(v)
		}
		t.w.WriteByte('"')
		t.w.WriteString(strings.ReplaceAll(s, `"`, `""`))
		t.w.WriteByte('"')
	}
	t.w.WriteString("\n")
	if t.w.Len() < t.spillSize {
		return nil
	}
	if t.spill == nil {
		f, err := os.CreateTemp("", "punchclock-export-*.csv")
		if err != nil {
			return fmt.Errorf("creating a file for the export's rows: %w", err)
		}
		t.spill = f
	}
	if _, err := t.w.WriteTo(t.spill); err != nil {
		return fmt.Errorf("writing the export's rows to %s: %w", t.spill.Name(), err)
	}
	return nil
}

// flush sends the rows moved to the spill file, then those in memory.
func (t *csvTable) flush() error {
	if t.spill != nil {
		if _, err := t.spill.Seek(0, io.SeekStart); err != nil {
			return fmt.Errorf("rewinding %s: %w", t.spill.Name(), err)
		}
		if _, err := io.Copy(t.out, t.spill); err != nil {
			return err
		}
		if err := t.spill.Truncate(0); err != nil {
			return fmt.Errorf("emptying %s: %w", t.spill.Name(), err)
		}
		if _, err := t.spill.Seek(0, io.SeekStart); err != nil {
			return fmt.Errorf("rewinding %s: %w", t.spill.Name(), err)
		}
	}
	_, err := t.w.WriteTo(t.out)
	return err
}

func (t *csvTable) close() error { return t.flush() }

// release removes the spill file, whether or not the export succeeded.
func (t *csvTable) release() {
	if t.spill != nil {
		t.spill.Close()
		os.Remove(t.spill.Name())
		t.spill = nil
	}
}

// neutralizeFormula prefixes a cell that a spreadsheet would read as a
// formula (starting with =, +, -, @, a tab or a carriage return) with an
// apostrophe, so that opening an export never runs text that users typed.
func neutralizeFormula(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// formatHMS renders seconds as hours, minutes and seconds: 01:30:00, or
// 123:00:00 past 99 hours.
func formatHMS(seconds int64) string {
	return fmt.Sprintf("%02d:%02d:%02d", seconds/3600, seconds/60%60, seconds%60)
}

// decimalHours renders seconds as hours with two decimals.
func decimalHours(seconds int64) float64 {
	return float64(seconds) / 3600
}

// dateLayouts maps Clockify's dateFormat values to Go layouts.
var dateLayouts = map[string]string{
	"MM/DD/YYYY": "01/02/2006",
	"DD/MM/YYYY": "02/01/2006",
	"DD.MM.YYYY": "02.01.2006",
	"DD-MM-YYYY": "02-01-2006",
	"MM-DD-YYYY": "01-02-2006",
	"YYYY-MM-DD": "2006-01-02",
	"YYYY/MM/DD": "2006/01/02",
}

// dateLayout is the layout of dates in files: the request's dateFormat, or
// MM/DD/YYYY, the default of English Clockify accounts.
func (q *query) dateLayout() string {
	if l, ok := dateLayouts[strings.ToUpper(q.req.DateFormat)]; ok {
		return l
	}
	return "01/02/2006"
}

// timeLayout is the layout of times in files: 24-hour when the request's
// timeFormat is HOUR24 or a pattern such as HH:mm, 12-hour otherwise.
func (q *query) timeLayout() string {
	f := q.req.TimeFormat
	if f == "HOUR24" || strings.HasPrefix(f, "HH") || strings.HasPrefix(f, "T") {
		return "15:04:05"
	}
	return "03:04:05 PM"
}

// showsCost reports whether files carry cost columns.
func (q *query) showsCost() bool {
	if q.amountShown == amountHidden {
		return false
	}
	for _, t := range q.amountTypes {
		if t == amountCost || t == amountProfit {
			return true
		}
	}
	return q.amountShown == amountCost || q.amountShown == amountProfit
}

// detailedHeader is the detailed export's header: Clockify's modern column
// set, with money columns only where amounts are shown.
func (q *query) detailedHeader() []any {
	h := []any{"Project", "Client", "Description", "Task", "User", "Group", "Email", "Tags", "Type", "Billable",
		"Invoiced", "Invoice ID", "Start Date", "Start Time", "End Date", "End Time", "Duration (h)", "Duration (decimal)"}
	if q.amountShown != amountHidden {
		h = append(h, "Billable Rate ("+q.currency+")", "Billable Amount ("+q.currency+")")
		if q.showsCost() {
			h = append(h, "Cost Rate ("+q.currency+")", "Cost Amount ("+q.currency+")")
		}
	}
	h = append(h, "Date of creation")
	for _, f := range q.exportFields() {
		h = append(h, f.Name)
	}
	return h
}

// exportFields are the time entry custom fields that files show, one column
// each after Date of creation, oldest field first.
func (q *query) exportFields() []*domain.CustomField {
	if q.dims == nil {
		return nil
	}
	var out []*domain.CustomField
	for _, f := range q.dims.fields {
		if f.EntityType == domain.FieldOfTimeEntry && f.Status != "INACTIVE" {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b *domain.CustomField) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), strings.Compare(a.ID, b.ID))
	})
	return out
}

// fieldCell renders a custom field value for a file.
func fieldCell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case []string:
		return strings.Join(x, ", ")
	case bool:
		return yesNo(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// typeName renders an entry type as exports do: REGULAR as Regular.
func typeName(t string) string {
	if t == "" {
		return ""
	}
	return t[:1] + strings.ToLower(strings.ReplaceAll(t[1:], "_", " "))
}

func (q *query) detailedCells(r *row, cells []any) []any {
	e := r.e
	project, client, task := "", "", ""
	if r.project != nil {
		project = r.project.Name
	}
	if r.client != nil {
		client = r.client.Name
	}
	if r.task != nil {
		task = r.task.Name
	}
	names := make([]string, len(r.tags))
	for i, t := range r.tags {
		names[i] = t.Name
	}
	groups := make([]string, len(r.groups))
	for i, g := range r.groups {
		groups[i] = g.Name
	}
	start, end := e.Start.In(q.loc), e.End.In(q.loc)
	dates, times := q.dateLayout(), q.timeLayout()
	cells = append(cells[:0], project, client, e.Description, task, r.userName(), strings.Join(groups, ", "), r.userEmail(),
		strings.Join(names, ", "), typeName(e.Type), yesNo(e.Billable), yesNo(e.Invoiced), "",
		start.Format(dates), start.Format(times), end.Format(dates), end.Format(times),
		formatHMS(r.seconds), decimalHours(r.seconds))
	if q.amountShown != amountHidden {
		var one tally
		one.add(r)
		rate := 0.0
		if r.hourly != nil {
			rate = float64(r.hourly.Amount) / 100
		}
		cells = append(cells, rate, one.amount(amountEarned)/100)
		if q.showsCost() {
			cost := 0.0
			if r.cost != nil {
				cost = float64(r.cost.Amount) / 100
			}
			cells = append(cells, cost, one.amount(amountCost)/100)
		}
	}
	cells = append(cells, e.CreatedAt.In(q.loc).Format(dates))
	shown := q.dims.shownFields(r)
	for _, f := range q.exportFields() {
		cells = append(cells, fieldCell(valueOf(shown, f.ID)))
	}
	return cells
}

// detailedRows writes every matching entry, ignoring the page: exports
// always hold the whole report.
func (x *Export) detailedRows(ctx context.Context, t table) error {
	q := x.q
	header := false
	var cells []any
	err := x.s.scanChunks(ctx, x.a, q, detailedOrders[q.req.DetailedFilter.SortColumn], func(_ *dims, r *row) error {
		if !header {
			header = true
			if err := t.row(q.detailedHeader()); err != nil {
				return err
			}
		}
		cells = q.detailedCells(r, cells)
		return t.row(cells)
	}, t.flush)
	if err != nil || header {
		return err
	}
	// No entry matched: the file still has its header.
	return t.row(q.detailedHeader())
}

// groupTitles names the summary groups in export headers.
var groupTitles = map[string]string{
	"PROJECT": "Project", "CLIENT": "Client", "TASK": "Task", "TAG": "Tag", "USER": "User",
	"USER_GROUP": "Group", "DATE": "Date", "WEEK": "Week", "MONTH": "Month", "TIMEENTRY": "Description",
}

// summaryRows writes one row per innermost group, with the names of its
// enclosing groups, then its time and, where shown, its amount.
func (x *Export) summaryRows(ctx context.Context, t table) error {
	q := x.q
	res, err := x.s.summary(ctx, x.a, q)
	if err != nil {
		return err
	}
	var header []any
	for _, g := range q.req.SummaryFilter.Groups {
		header = append(header, groupTitles[g])
	}
	header = append(header, "Time (h)", "Time (decimal)")
	if q.amountShown != amountHidden {
		header = append(header, "Amount ("+q.currency+")")
	}
	if err := t.row(header); err != nil {
		return err
	}
	var walk func(groups []groupJSON, path []any) error
	walk = func(groups []groupJSON, path []any) error {
		for _, g := range groups {
			p := append(path[:len(path):len(path)], g.Name)
			if len(g.Children) > 0 {
				if err := walk(g.Children, p); err != nil {
					return err
				}
				continue
			}
			cells := append(p, formatHMS(g.Duration), decimalHours(g.Duration))
			if q.amountShown != amountHidden {
				cells = append(cells, g.Amount/100)
			}
			if err := t.row(cells); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(res.GroupOne, nil)
}
