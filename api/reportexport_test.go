package api_test

import (
	"bytes"
	"compress/zlib"
	"encoding/csv"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	utf16pkg "unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/punchclock/punchclock/apitest"
)

// exportFile posts a report body with exportType set and returns the file.
func exportFile(t *testing.T, env *apitest.Env, path, exportType string, body map[string]any) *apitest.Response {
	t.Helper()
	body["exportType"] = exportType
	r := env.Do(t, "POST", path, "", body, nil)
	if r.Status != http.StatusOK {
		t.Fatalf("%s export: status %d, body %s", exportType, r.Status, r.Body)
	}
	return r
}

func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("parsing the CSV export: %v\n%s", err, data)
	}
	return records
}

// column returns the cell of record under the header name.
func column(t *testing.T, header, record []string, name string) string {
	t.Helper()
	for i, h := range header {
		if h == name {
			return record[i]
		}
	}
	t.Fatalf("no column %q in %v", name, header)
	return ""
}

func TestDetailedCSVExport(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedReport(t, env)
		env.MustDo(t, "PUT", "/v1/workspaces/{ws}/time-entries/{e2}", "", map[string]any{
			"start": "2026-03-02T13:00:00Z", "end": "2026-03-02T14:00:00Z", "projectId": "{gemini}",
			"description": `=HYPERLINK("http://example.com"), "quoted"`}, http.StatusOK)

		r := exportFile(t, env, detailedPath, "CSV", detailedBody(map[string]any{"pageSize": 1},
			map[string]any{"sortOrder": "ASCENDING", "dateFormat": "DD/MM/YYYY", "timeFormat": "HOUR24"}))
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
			t.Errorf("Content-Type = %q, want text/csv", ct)
		}
		wantName := "filename=Clockify_Time_Report_Detailed_03%2F02%2F2026-03%2F08%2F2026.csv"
		if cd := r.Header.Get("Content-Disposition"); !strings.Contains(cd, wantName) {
			t.Errorf("Content-Disposition = %q, want it to contain %q", cd, wantName)
		}
		if !bytes.HasPrefix(r.Body, []byte(`"Project","Client","Description"`)) {
			t.Errorf("the file does not start with the quoted header: %.60s", r.Body)
		}

		records := readCSV(t, r.Body)
		if len(records) != 5 {
			t.Fatalf("%d records, want a header and the 4 entries of the whole report, not one page", len(records))
		}
		header := records[0]
		wantHeader := []string{"Project", "Client", "Description", "Task", "User", "Group", "Email", "Tags", "Type",
			"Billable", "Invoiced", "Invoice ID", "Start Date", "Start Time", "End Date", "End Time", "Duration (h)",
			"Duration (decimal)", "Billable Rate (USD)", "Billable Amount (USD)", "Date of creation"}
		if strings.Join(header, "|") != strings.Join(wantHeader, "|") {
			t.Errorf("header = %v, want %v", header, wantHeader)
		}

		first := records[1]
		checks := map[string]string{
			"Project": "Apollo", "Description": "Planning", "Task": "Design", "User": "owner", "Tags": "urgent",
			"Type": "Regular", "Billable": "Yes", "Invoiced": "No", "Start Date": "02/03/2026", "Start Time": "09:00:00",
			"End Time": "10:30:00", "Duration (h)": "01:30:00", "Duration (decimal)": "1.50",
			"Billable Rate (USD)": "100.00", "Billable Amount (USD)": "150.00",
		}
		for name, want := range checks {
			if got := column(t, header, first, name); got != want {
				t.Errorf("first row %s = %q, want %q", name, got, want)
			}
		}
		second := records[2]
		if got, want := column(t, header, second, "Description"), `'=HYPERLINK("http://example.com"), "quoted"`; got != want {
			t.Errorf("formula description = %q, want it neutralised as %q", got, want)
		}
		if got := column(t, header, second, "Client"); got != "Acme" {
			t.Errorf("second row Client = %q, want Acme", got)
		}
		night := records[3]
		if got := column(t, header, night, "Tags"); got != "calls, urgent" {
			t.Errorf("Tags = %q, want both tags joined by a comma and a space", got)
		}
		if got := column(t, header, night, "End Date"); got != "04/03/2026" {
			t.Errorf("End Date of the midnight-crossing entry = %q, want 04/03/2026", got)
		}
	})
}

func TestSummaryCSVExport(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedReport(t, env)
		r := exportFile(t, env, summaryPath, "CSV", summaryBody([]string{"USER", "PROJECT"}, nil))
		records := readCSV(t, r.Body)
		want := [][]string{
			{"User", "Project", "Time (h)", "Time (decimal)", "Amount (USD)"},
			{"ann", "Apollo", "03:00:00", "3.00", "150.00"},
			{"ann", "Without project", "00:20:00", "0.33", "0.00"},
			{"owner", "Apollo", "01:30:00", "1.50", "150.00"},
			{"owner", "Gemini", "01:00:00", "1.00", "0.00"},
		}
		if len(records) != len(want) {
			t.Fatalf("records = %v, want %v", records, want)
		}
		for i := range want {
			if strings.Join(records[i], "|") != strings.Join(want[i], "|") {
				t.Errorf("record %d = %v, want %v", i, records[i], want[i])
			}
		}
	})
}

func TestXLSXExport(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedReport(t, env)
		r := exportFile(t, env, detailedPath, "XLSX", detailedBody(map[string]any{}, map[string]any{"sortOrder": "ASCENDING"}))
		if ct := r.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Errorf("Content-Type = %q", ct)
		}
		f, err := excelize.OpenReader(bytes.NewReader(r.Body))
		if err != nil {
			t.Fatalf("opening the XLSX export: %v", err)
		}
		defer f.Close()
		rows, err := f.GetRows(f.GetSheetName(0))
		if err != nil {
			t.Fatalf("reading the sheet: %v", err)
		}
		if len(rows) != 5 {
			t.Fatalf("%d rows, want a header and 4 entries", len(rows))
		}
		if rows[0][0] != "Project" || rows[1][0] != "Apollo" || rows[1][2] != "Planning" {
			t.Errorf("rows start %v / %v, want the header then Apollo's Planning entry", rows[0][:3], rows[1][:3])
		}
		typ, err := f.GetCellType(f.GetSheetName(0), "R2")
		if err != nil || typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("Duration (decimal) cell type = %v (%v), want a number", typ, err)
		}
		if v, _ := f.GetCellValue(f.GetSheetName(0), "R2"); v != "1.5" {
			t.Errorf("Duration (decimal) of the first entry = %q, want 1.5", v)
		}

		summary := exportFile(t, env, summaryPath, "XLSX", summaryBody([]string{"PROJECT"}, nil))
		sf, err := excelize.OpenReader(bytes.NewReader(summary.Body))
		if err != nil {
			t.Fatalf("opening the summary XLSX export: %v", err)
		}
		defer sf.Close()
		srows, _ := sf.GetRows(sf.GetSheetName(0))
		if len(srows) != 4 || srows[1][0] != "Apollo" || srows[1][1] != "04:30:00" {
			t.Errorf("summary rows = %v, want a header, then Apollo with 04:30:00", srows)
		}
	})
}

// pdfText returns the text that the PDF's content streams show, inflating
// the compressed ones.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", data)
	}
	// A PDF in a Unicode TrueType font writes its strings as UTF-16BE.
	utf16 := bytes.Contains(data, []byte("/Type0"))
	var out strings.Builder
	streams := regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`).FindAllSubmatch(data, -1)
	for _, s := range streams {
		content := s[1]
		if zr, err := zlib.NewReader(bytes.NewReader(content)); err == nil {
			if inflated, err := io.ReadAll(zr); err == nil {
				content = inflated
			}
		}
		for _, m := range regexp.MustCompile(`\(((?:\\.|[^\\)])*)\) ?Tj`).FindAllSubmatch(content, -1) {
			str := pdfUnescape.Replace(string(m[1]))
			if utf16 {
				units := make([]uint16, len(str)/2)
				for i := range units {
					units[i] = uint16(str[2*i])<<8 | uint16(str[2*i+1])
				}
				str = string(utf16pkg.Decode(units))
			}
			out.WriteString(str)
			out.WriteByte('\n')
		}
	}
	return out.String()
}

var pdfUnescape = strings.NewReplacer(`\(`, "(", `\)`, ")", `\\`, `\`)

func TestPDFExport(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedReport(t, env)
		cases := []struct {
			name, path string
			body       map[string]any
			want       []string
		}{
			{"summary", summaryPath, summaryBody([]string{"PROJECT", "USER"}, nil),
				[]string{"Summary report", "Total: 05:50:00", "Apollo", "Gemini", "ann", "Amount (USD)", "300.00", "Mon 02"}},
			{"detailed", detailedPath, detailedBody(map[string]any{}, nil),
				[]string{"Detailed report", "Planning", "Night work", "01:30:00", "Billable: 04:30:00"}},
			{"weekly", weeklyPath, reportBody(map[string]any{"weeklyFilter": map[string]any{"group": "USER"}}),
				[]string{"Weekly report", "owner", "Apollo", "03:00:00"}},
			{"attendance", attendancePath, reportBody(map[string]any{"attendanceFilter": map[string]any{}}),
				[]string{"Attendance report", "ann", "08:00:00"}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				r := exportFile(t, env, c.path, "PDF", c.body)
				if ct := r.Header.Get("Content-Type"); ct != "application/pdf" {
					t.Errorf("Content-Type = %q, want application/pdf", ct)
				}
				text := pdfText(t, r.Body)
				for _, w := range c.want {
					if !strings.Contains(text, w) {
						t.Errorf("the PDF text lacks %q; it has:\n%s", w, text)
					}
				}
				if !bytes.Contains(r.Body, []byte("%%EOF")) {
					t.Errorf("the PDF has no end-of-file marker")
				}
			})
		}
	})
}

func TestExportRejectsBeforeStreaming(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedReport(t, env)
		body := summaryBody(nil, map[string]any{"exportType": "CSV"})
		r := env.Do(t, "POST", summaryPath, "", body, nil)
		if r.Status != http.StatusBadRequest || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("status %d, Content-Type %q; want a JSON 400", r.Status, r.Header.Get("Content-Type"))
		}
	})
}

func TestWeeklyAndAttendanceFiles(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedReport(t, env)
		weekly := exportFile(t, env, weeklyPath, "CSV", reportBody(map[string]any{"weeklyFilter": map[string]any{"group": "USER"}}))
		if cd := weekly.Header.Get("Content-Disposition"); !strings.Contains(cd, "Clockify_Time_Report_Weekly_") {
			t.Errorf("Content-Disposition = %q, want a weekly report file name", cd)
		}
		records := readCSV(t, weekly.Body)
		wantHeader := "User|Project|03/02/2026|03/03/2026|03/04/2026|03/05/2026|03/06/2026|03/07/2026|03/08/2026|Total (h)|Total (decimal)"
		if got := strings.Join(records[0], "|"); got != wantHeader {
			t.Errorf("weekly header = %s, want %s", got, wantHeader)
		}
		wantRows := []string{
			"ann|Apollo|00:00:00|03:00:00|00:00:00|00:00:00|00:00:00|00:00:00|00:00:00|03:00:00|3.00",
			"ann|Without project|00:00:00|00:00:00|00:00:00|00:20:00|00:00:00|00:00:00|00:00:00|00:20:00|0.33",
			"owner|Apollo|01:30:00|00:00:00|00:00:00|00:00:00|00:00:00|00:00:00|00:00:00|01:30:00|1.50",
			"owner|Gemini|01:00:00|00:00:00|00:00:00|00:00:00|00:00:00|00:00:00|00:00:00|01:00:00|1.00",
			"Total||02:30:00|03:00:00|00:00:00|00:20:00|00:00:00|00:00:00|00:00:00|05:50:00|5.83",
		}
		if len(records) != len(wantRows)+1 {
			t.Fatalf("weekly records = %v, want a header and %d rows", records, len(wantRows))
		}
		for i, want := range wantRows {
			if got := strings.Join(records[i+1], "|"); got != want {
				t.Errorf("weekly row %d = %s, want %s", i+1, got, want)
			}
		}

		attendance := exportFile(t, env, attendancePath, "XLSX", reportBody(map[string]any{
			"attendanceFilter": map[string]any{"sortColumn": "DATE"}, "sortOrder": "ASCENDING", "timeFormat": "HOUR24"}))
		f, err := excelize.OpenReader(bytes.NewReader(attendance.Body))
		if err != nil {
			t.Fatalf("opening the attendance XLSX: %v", err)
		}
		defer f.Close()
		rows, err := f.GetRows(f.GetSheetName(0))
		if err != nil {
			t.Fatalf("reading the attendance sheet: %v", err)
		}
		want := [][]string{
			{"User", "Date", "Start", "End", "Break (h)", "Work (h)", "Capacity (h)", "Overtime (h)", "Time off (h)"},
			{"owner", "03/02/2026", "09:00:00", "14:00:00", "02:30:00", "02:30:00", "08:00:00", "00:00:00", "00:00:00"},
			{"ann", "03/03/2026", "22:00:00", "01:00:00", "00:00:00", "03:00:00", "08:00:00", "00:00:00", "00:00:00"},
			{"ann", "03/05/2026", "08:00:00", "08:20:00", "00:00:00", "00:20:00", "08:00:00", "00:00:00", "00:00:00"},
		}
		if len(rows) != len(want) {
			t.Fatalf("attendance rows = %v, want %v", rows, want)
		}
		for i := range want {
			if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
				t.Errorf("attendance row %d = %v, want %v", i, rows[i], want[i])
			}
		}
	})
}

func TestPDFExportRangeLimit(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedReport(t, env)
		huge := map[string]any{"dateRangeStart": "0001-01-01T00:00:00Z", "dateRangeEnd": "9999-12-31T23:59:59.999Z", "exportType": "PDF"}
		leap := map[string]any{"dateRangeStart": "2024-01-01T00:00:00Z", "dateRangeEnd": "2024-12-31T23:59:59.999Z", "exportType": "PDF"}
		tooLong := map[string]any{"dateRangeStart": "2024-01-01T00:00:00Z", "dateRangeEnd": "2025-01-01T23:59:59.999Z", "exportType": "PDF"}
		rejected := []apitest.Check{apitest.Contains("message", "'dateRangeStart' (0001-01-01T00:00:00Z)"),
			apitest.Contains("message", "'dateRangeEnd' (9999-12-31T23:59:59.999Z)"), apitest.Contains("message", "366 days")}
		apitest.Run(t, env, []apitest.Case{
			{Name: "summary over ten thousand years", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"PROJECT"}, huge), Status: 400, Checks: rejected},
			{Name: "detailed over ten thousand years", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{}, huge), Status: 400, Checks: rejected},
			{Name: "attendance over ten thousand years", Method: "POST", Path: attendancePath,
				Body: reportBody(map[string]any{"attendanceFilter": map[string]any{}, "dateRangeStart": huge["dateRangeStart"],
					"dateRangeEnd": huge["dateRangeEnd"], "exportType": "PDF"}), Status: 400, Checks: rejected},
			{Name: "a leap year fits", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"PROJECT"}, leap), Status: 200, Checks: []apitest.Check{apitest.HeaderIs("Content-Type", "application/pdf")}},
			{Name: "a year and a day is too long", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"PROJECT"}, tooLong), Status: 400,
				Checks: []apitest.Check{apitest.Contains("message", "2025-01-01T23:59:59.999Z")}},
			{Name: "JSON takes the long range", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"PROJECT"}, map[string]any{"dateRangeStart": huge["dateRangeStart"],
					"dateRangeEnd": huge["dateRangeEnd"]}), Status: 200,
				Checks: []apitest.Check{apitest.Equal("totals.0.totalTime", 24600)}},
		})
	})
}

func TestPDFExportUnicodeText(t *testing.T) {
	if _, err := os.Stat("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"); err != nil {
		t.Skip("DejaVu Sans is not installed at /usr/share/fonts/truetype/dejavu, so PDF exports use the core font")
	}
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedReport(t, env)
		env.MustDo(t, "PUT", "/v1/workspaces/{ws}/time-entries/{e2}", "", map[string]any{
			"start": "2026-03-02T13:00:00Z", "end": "2026-03-02T14:00:00Z", "projectId": "{gemini}",
			"description": "Встреча Συνάντηση"}, http.StatusOK)

		r := exportFile(t, env, detailedPath, "PDF", detailedBody(map[string]any{}, nil))
		if !bytes.Contains(r.Body, []byte("/FontFile2")) {
			t.Errorf("the PDF embeds no TrueType font")
		}
		text := pdfText(t, r.Body)
		for _, want := range []string{"Встреча Συνάντηση", "Detailed report", "Planning"} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF text lacks %q; it has:\n%s", want, text)
			}
		}
	})
}
