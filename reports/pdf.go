package reports

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/punchclock/punchclock/domain"
)

// maxPDFRows bounds the table of a PDF export. fpdf builds the whole
// document in memory, so unlike CSV and XLSX a PDF cannot stream. Past this
// many rows the table stops with a line that counts the rows left out,
// while the totals and the chart still cover every entry.
const maxPDFRows = 5000

// bar is one bar of a PDF's chart.
type bar struct {
	label   string
	seconds int64
}

// pdfReport is the content of a PDF export, in order: a title, the totals, a
// bar chart and a table.
type pdfReport struct {
	title   string
	period  string
	totals  []string
	bars    []bar
	header  []string
	widths  []float64 // relative column widths
	rows    [][]string
	omitted int64  // rows left out past maxPDFRows
	font    string // the font family that render chose
}

// chartBuckets sums time into the bars of the chart: one per day for ranges
// up to 31 days, per week up to 26 weeks, per month beyond.
type chartBuckets struct {
	q      *query
	unit   string
	labels []string
	index  map[string]int
	sums   []int64
}

func newChartBuckets(q *query) *chartBuckets {
	b := &chartBuckets{q: q, index: map[string]int{}}
	days := q.to.Sub(q.from).Hours() / 24
	switch {
	case days <= 31:
		b.unit = "day"
	case days <= 26*7:
		b.unit = "week"
	default:
		b.unit = "month"
	}
	for t := q.from; t.Before(q.to); t = t.Add(24 * time.Hour) {
		b.slot(t)
	}
	return b
}

func (b *chartBuckets) key(t time.Time) (key, label string) {
	switch b.unit {
	case "week":
		w := b.q.weekOf(t)
		return w.Format("2006-01-02"), w.Format("01/02")
	case "month":
		d := b.q.dayOf(t)
		return d.Format("2006-01"), d.Format("Jan 06")
	}
	d := b.q.dayOf(t)
	return d.Format("2006-01-02"), d.Format("Mon 02")
}

func (b *chartBuckets) slot(t time.Time) int {
	key, label := b.key(t)
	i, ok := b.index[key]
	if !ok {
		i = len(b.sums)
		b.index[key] = i
		b.labels = append(b.labels, label)
		b.sums = append(b.sums, 0)
	}
	return i
}

func (b *chartBuckets) add(r *row) { b.sums[b.slot(r.e.Start)] += r.seconds }

func (b *chartBuckets) bars() []bar {
	out := make([]bar, len(b.sums))
	for i := range out {
		out[i] = bar{label: b.labels[i], seconds: b.sums[i]}
	}
	return out
}

func (q *query) periodText() string {
	last := q.to.Add(-time.Millisecond)
	return q.from.In(q.loc).Format(q.dateLayout()) + " - " + last.In(q.loc).Format(q.dateLayout())
}

func (q *query) totalsText(t *tally) []string {
	out := []string{"Total: " + formatHMS(t.seconds), "Billable: " + formatHMS(t.billableSeconds),
		fmt.Sprintf("Entries: %d", t.count)}
	if q.amountShown != amountHidden {
		out = append(out, fmt.Sprintf("Amount: %.2f %s", q.shownAmount(t)/100, q.currency))
	}
	return out
}

func (x *Export) writePDF(ctx context.Context, w io.Writer) error {
	var rep *pdfReport
	var err error
	switch x.kind {
	case Summary:
		rep, err = x.summaryPDF(ctx)
	case Detailed:
		rep, err = x.detailedPDF(ctx)
	default:
		rep, err = x.tablePDF(ctx)
	}
	if err != nil {
		return err
	}
	return rep.render(w)
}

func (x *Export) summaryPDF(ctx context.Context) (*pdfReport, error) {
	q := x.q
	tree := newSummaryTree(q)
	chart := newChartTally(q)
	buckets := newChartBuckets(q)
	err := x.s.scan(ctx, x.a, q, domain.OrderNone, func(_ *dims, r *row) error {
		tree.add(r)
		chart.add(q, r)
		buckets.add(r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	res := tree.result(chart)
	rep := &pdfReport{title: "Summary report", period: q.periodText(), totals: q.totalsText(&tree.root.tally),
		bars: buckets.bars(), header: []string{"Group", "Time (h)"}, widths: []float64{6, 2}}
	if q.amountShown != amountHidden {
		rep.header = append(rep.header, "Amount ("+q.currency+")")
		rep.widths = append(rep.widths, 2)
	}
	var walk func(groups []groupJSON, depth int)
	walk = func(groups []groupJSON, depth int) {
		for _, g := range groups {
			if len(rep.rows) >= maxPDFRows {
				rep.omitted++
				continue
			}
			cells := []string{strings.Repeat("    ", depth) + g.Name, formatHMS(g.Duration)}
			if q.amountShown != amountHidden {
				cells = append(cells, fmt.Sprintf("%.2f", g.Amount/100))
			}
			rep.rows = append(rep.rows, cells)
			walk(g.Children, depth+1)
		}
	}
	walk(res.GroupOne, 0)
	return rep, nil
}

func (x *Export) detailedPDF(ctx context.Context) (*pdfReport, error) {
	q := x.q
	rep := &pdfReport{title: "Detailed report", period: q.periodText(),
		header: []string{"Date", "Description", "Project", "User", "Time", "Duration"},
		widths: []float64{2, 5, 3, 3, 3, 2}}
	if q.amountShown != amountHidden {
		rep.header = append(rep.header, "Amount ("+q.currency+")")
		rep.widths = append(rep.widths, 2)
	}
	var sum tally
	buckets := newChartBuckets(q)
	dates, times := q.dateLayout(), "15:04"
	err := x.s.scan(ctx, x.a, q, detailedOrders[q.req.DetailedFilter.SortColumn], func(_ *dims, r *row) error {
		sum.add(r)
		buckets.add(r)
		if len(rep.rows) >= maxPDFRows {
			rep.omitted++
			return nil
		}
		project := ""
		if r.project != nil {
			project = r.project.Name
		}
		start, end := r.e.Start.In(q.loc), r.e.End.In(q.loc)
		cells := []string{start.Format(dates), r.e.Description, project, r.userName(),
			start.Format(times) + " - " + end.Format(times), formatHMS(r.seconds)}
		if q.amountShown != amountHidden {
			var one tally
			one.add(r)
			cells = append(cells, fmt.Sprintf("%.2f", q.shownAmount(&one)/100))
		}
		rep.rows = append(rep.rows, cells)
		return nil
	})
	if err != nil {
		return nil, err
	}
	rep.totals = q.totalsText(&sum)
	rep.bars = buckets.bars()
	return rep, nil
}

// tablePDF renders the weekly and attendance reports: their export table,
// with a chart of time per day.
func (x *Export) tablePDF(ctx context.Context) (*pdfReport, error) {
	q := x.q
	var sum tally
	buckets := newChartBuckets(q)
	err := x.s.scan(ctx, x.a, q, domain.OrderNone, func(_ *dims, r *row) error {
		sum.add(r)
		buckets.add(r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	rep := &pdfReport{title: strings.ToUpper(string(x.kind[:1])) + strings.ToLower(string(x.kind[1:])) + " report",
		period: q.periodText(), totals: q.totalsText(&sum), bars: buckets.bars()}
	collect := &collectTable{rep: rep}
	if x.kind == Weekly {
		err = x.weeklyRows(ctx, collect)
	} else {
		err = x.attendanceRows(ctx, collect)
	}
	return rep, err
}

// collectTable gathers the rows of an export table for a PDF: the first
// row is the header.
type collectTable struct {
	rep *pdfReport
}

func (c *collectTable) row(cells []any) error {
	text := make([]string, len(cells))
	for i, v := range cells {
		switch v := v.(type) {
		case float64:
			text[i] = fmt.Sprintf("%.2f", v)
		default:
			text[i] = fmt.Sprint(v)
		}
	}
	switch {
	case c.rep.header == nil:
		c.rep.header = text
		c.rep.widths = make([]float64, len(text))
		for i := range c.rep.widths {
			c.rep.widths[i] = 1
		}
		c.rep.widths[0] = 2
	case len(c.rep.rows) >= maxPDFRows:
		c.rep.omitted++
	default:
		c.rep.rows = append(c.rep.rows, text)
	}
	return nil
}

func (c *collectTable) flush() error { return nil }

func (c *collectTable) close() error { return nil }

// render lays the report out on A4 landscape pages, in the first Unicode
// TrueType font of unicodeFonts that the machine has, embedded as a subset.
// Without one it falls back to fpdf's core Helvetica font, whose
// Windows-1252 encoding covers Western European text only.
func (rep *pdfReport) render(w io.Writer) error {
	pdf := fpdf.New("L", "mm", "A4", "")
	pdf.SetAutoPageBreak(true, 12)
	pdf.SetMargins(12, 12, 12)
	rep.font = "Helvetica"
	text := pdf.UnicodeTranslatorFromDescriptor("")
	if regular, bold := loadUnicodeFont(); regular != nil {
		pdf.AddUTF8FontFromBytes(unicodeFamily, "", regular)
		pdf.AddUTF8FontFromBytes(unicodeFamily, "B", bold)
		rep.font = unicodeFamily
		text = func(s string) string { return s }
	}
	pdf.AddPage()
	pageWidth, _ := pdf.GetPageSize()
	left, _, right, _ := pdf.GetMargins()
	usable := pageWidth - left - right

	pdf.SetFont(rep.font, "B", 16)
	pdf.CellFormat(usable, 9, text(rep.title), "", 1, "L", false, 0, "")
	pdf.SetFont(rep.font, "", 10)
	pdf.CellFormat(usable, 6, text(rep.period), "", 1, "L", false, 0, "")
	pdf.CellFormat(usable, 6, text(strings.Join(rep.totals, "    ")), "", 1, "L", false, 0, "")
	pdf.Ln(3)

	rep.renderChart(pdf, text, left, usable)
	rep.renderTable(pdf, text, usable)

	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("writing the pdf: %w", err)
	}
	return nil
}

// unicodeFamily is the family name under which render registers the font
// that loadUnicodeFont reads.
const unicodeFamily = "unicode"

// unicodeFonts are the regular and bold files of TrueType fonts with wide
// Unicode coverage (Latin, Greek, Cyrillic, Hebrew, Arabic and more, but not
// Chinese, Japanese or Korean) where common Linux distributions install
// them: Debian and Ubuntu (fonts-dejavu-core), Fedora, Arch and Alpine.
var unicodeFonts = [][2]string{
	{"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"},
	{"/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf", "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf"},
	{"/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"},
	{"/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"},
}

// loadUnicodeFont reads the first font of unicodeFonts whose regular file
// exists, once per process. bold is the regular font when the bold file is
// missing. Both are nil when no file exists.
//
// NOTE: without one of these files, PDF exports cannot print characters
// outside Windows-1252, and fpdf replaces them. Installing fonts-dejavu-core (or the
// distribution's DejaVu Sans package) and restarting fixes that.
var loadUnicodeFont = sync.OnceValues(func() (regular, bold []byte) {
	for _, paths := range unicodeFonts {
		data, err := os.ReadFile(paths[0])
		if err != nil {
			continue
		}
		if boldData, err := os.ReadFile(paths[1]); err == nil {
			return data, boldData
		}
		return data, data
	}
	return nil, nil
})

// renderChart draws a bar chart of time per bar, with each bar's hours
// above it and its label below.
func (rep *pdfReport) renderChart(pdf *fpdf.Fpdf, text func(string) string, left, usable float64) {
	if len(rep.bars) == 0 {
		return
	}
	const height = 45.0
	top := pdf.GetY()
	var most int64 = 1
	for _, b := range rep.bars {
		most = max(most, b.seconds)
	}
	slot := usable / float64(len(rep.bars))
	pdf.SetDrawColor(180, 180, 180)
	pdf.Line(left, top+height, left+usable, top+height)
	pdf.SetFillColor(3, 169, 244)
	pdf.SetFont(rep.font, "", 6)
	for i, b := range rep.bars {
		h := height * float64(b.seconds) / float64(most)
		x := left + float64(i)*slot
		if h > 0 {
			pdf.Rect(x+slot*0.15, top+height-h, slot*0.7, h, "F")
			pdf.SetXY(x, top+height-h-4)
			pdf.CellFormat(slot, 4, fmt.Sprintf("%.1f", decimalHours(b.seconds)), "", 0, "C", false, 0, "")
		}
		pdf.SetXY(x, top+height+1)
		pdf.CellFormat(slot, 4, text(b.label), "", 0, "C", false, 0, "")
	}
	pdf.SetXY(left, top+height+8)
}

func (rep *pdfReport) renderTable(pdf *fpdf.Fpdf, text func(string) string, usable float64) {
	var total float64
	for _, w := range rep.widths {
		total += w
	}
	widths := make([]float64, len(rep.widths))
	for i, w := range rep.widths {
		widths[i] = usable * w / total
	}
	header := func() {
		pdf.SetFont(rep.font, "B", 8)
		pdf.SetFillColor(230, 230, 230)
		for i, h := range rep.header {
			pdf.CellFormat(widths[i], 6, text(h), "1", 0, "L", true, 0, "")
		}
		pdf.Ln(-1)
		pdf.SetFont(rep.font, "", 8)
	}
	header()
	_, pageHeight := pdf.GetPageSize()
	for _, cells := range rep.rows {
		if pdf.GetY()+5 > pageHeight-12 {
			pdf.AddPage()
			header()
		}
		for i, c := range cells {
			pdf.CellFormat(widths[i], 5, text(fitText(pdf, c, widths[i]-2)), "1", 0, "L", false, 0, "")
		}
		pdf.Ln(-1)
	}
	if rep.omitted > 0 {
		pdf.Ln(2)
		pdf.CellFormat(usable, 6, fmt.Sprintf("%d more rows are left out; export CSV or XLSX for all of them.", rep.omitted),
			"", 1, "L", false, 0, "")
	}
}

// fitText cuts s so that it fits in width millimetres, marking the cut.
func fitText(pdf *fpdf.Fpdf, s string, width float64) string {
	if pdf.GetStringWidth(s) <= width {
		return s
	}
	runes := []rune(s)
	for len(runes) > 0 && pdf.GetStringWidth(string(runes)+"...") > width {
		runes = runes[:len(runes)-1]
	}
	return string(runes) + "..."
}
