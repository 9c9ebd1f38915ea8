package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/punchclock/punchclock/domain"
)

// entryColumns names the headers of a time-entry export, each with the
// alternatives seen in real files, in order of preference.
type entryColumns struct {
	user, email, client, project, task, description, tags, billable, invoiced, kind []string
	startDate, startTime, endDate, endTime, duration                                []string
}

// Clockify's detailed report. Some workspaces call tasks activities.
var clockifyColumns = entryColumns{
	user: []string{"User"}, email: []string{"Email"}, client: []string{"Client"}, project: []string{"Project"},
	task: []string{"Task", "Activity"}, description: []string{"Description"}, tags: []string{"Tags"},
	billable: []string{"Billable"}, invoiced: []string{"Invoiced"}, kind: []string{"Type"},
	startDate: []string{"Start Date"}, startTime: []string{"Start Time"},
	endDate: []string{"End Date"}, endTime: []string{"End Time"}, duration: []string{"Duration (h)"},
}

// Toggl Track's time-entry export, and its detailed report, which names
// the end "Stop" and may name the user "Member".
var togglColumns = entryColumns{
	user: []string{"User", "Member"}, email: []string{"Email"}, client: []string{"Client"}, project: []string{"Project"},
	task: []string{"Task"}, description: []string{"Description"}, tags: []string{"Tags"},
	billable:  []string{"Billable"},
	startDate: []string{"Start date"}, startTime: []string{"Start time"},
	endDate: []string{"End date", "Stop date"}, endTime: []string{"End time", "Stop time"}, duration: []string{"Duration"},
}

// entryRow is one time entry read from an export and checked.
type entryRow struct {
	line        int
	email       string // as in the file; matched in any letter case
	userName    string
	client      string
	project     string
	task        string
	description string
	tags        []string
	billable    *bool // nil: the project's billable flag, as in a create request
	invoiced    bool
	kind        string
	start, end  time.Time
	key         string
	// durationDiffers is true when the row's own duration column, read
	// within its precision, disagrees with end minus start.
	durationDiffers bool
}

// entryFile is the checked content of a time-entry export.
type entryFile struct {
	file      string
	rows      []entryRow
	hasClient bool // the file has a Client column, so projects are matched by client too
}

// entryPositions are the positions of an entry file's columns, -1 for an absent one.
type entryPositions struct {
	user, email, client, project, task, description, tags, billable, invoiced, kind int
	startDate, startTime, endDate, endTime, duration                                int
}

func locateEntryColumns(t *table, c entryColumns) (entryPositions, error) {
	var p entryPositions
	required := []struct {
		dst   *int
		names []string
	}{{&p.email, c.email}, {&p.startDate, c.startDate}, {&p.startTime, c.startTime},
		{&p.endDate, c.endDate}, {&p.endTime, c.endTime}}
	for _, r := range required {
		var err error
		if *r.dst, err = t.requireColumn(r.names...); err != nil {
			return p, err
		}
	}
	optional := []struct {
		dst   *int
		names []string
	}{{&p.user, c.user}, {&p.client, c.client}, {&p.project, c.project}, {&p.task, c.task},
		{&p.description, c.description}, {&p.tags, c.tags}, {&p.billable, c.billable},
		{&p.invoiced, c.invoiced}, {&p.kind, c.kind}, {&p.duration, c.duration}}
	for _, o := range optional {
		*o.dst = -1
		if o.names == nil {
			continue
		}
		var err error
		if *o.dst, err = t.column(o.names...); err != nil {
			return p, err
		}
	}
	return p, nil
}

// readEntries reads and checks every row of a time-entry export. Wall times
// are read in loc. An empty format is detected from the file's dates.
func readEntries(t *table, cols entryColumns, loc *time.Location, format DateFormat) (*entryFile, error) {
	p, err := locateEntryColumns(t, cols)
	if err != nil {
		return nil, err
	}
	if format == "" {
		var cells []dateCell
		for r := range t.records {
			for _, col := range []int{p.startDate, p.endDate} {
				if t.cell(r, col) != "" {
					cells = append(cells, dateCell{r, col})
				}
			}
		}
		if format, err = detectDateFormat(t, cells); err != nil {
			return nil, err
		}
	}

	f := &entryFile{file: t.file, hasClient: p.client >= 0}
	seen := map[string]int{}
	for r := range t.records {
		row, err := readEntry(t, r, p, loc, format)
		if err != nil {
			return nil, err
		}
		// Rows with the same content get keys numbered by occurrence, so
		// that two equal entries both import and a re-import finds both.
		base := row.contentKey()
		seen[base]++
		row.key = fmt.Sprintf("%s-%d", base, seen[base])
		f.rows = append(f.rows, row)
	}
	return f, nil
}

func readEntry(t *table, r int, p entryPositions, loc *time.Location, format DateFormat) (entryRow, error) {
	row := entryRow{line: t.lines[r], kind: domain.EntryRegular}

	row.email = t.cell(r, p.email)
	if addr, err := mail.ParseAddress(row.email); err != nil || addr.Address != row.email {
		return row, t.errAt(r, p.email, "expected the email address of the user who tracked the entry")
	}
	row.userName = t.cell(r, p.user)

	var err error
	if row.client = t.cell(r, p.client); row.client != "" {
		if row.client, err = domain.CheckClientName(row.client); err != nil {
			return row, t.errAt(r, p.client, err.Error())
		}
	}
	if row.project = t.cell(r, p.project); row.project != "" {
		if row.project, err = domain.CheckProjectName(row.project); err != nil {
			return row, t.errAt(r, p.project, err.Error())
		}
	}
	if row.task = t.cell(r, p.task); row.task != "" {
		if row.project == "" {
			return row, t.errAt(r, p.task, "a task needs a project, and the Project column of this row is empty")
		}
		if row.task, err = domain.CheckTaskName(row.task); err != nil {
			return row, t.errAt(r, p.task, err.Error())
		}
	}
	if p.description >= 0 {
		// Descriptions keep their spaces, as the API stores them.
		row.description = t.records[r][p.description]
		if err := domain.CheckDescription(row.description); err != nil {
			return row, t.errAt(r, p.description, err.Error())
		}
	}
	if row.tags, err = splitNames(t.cell(r, p.tags), domain.CheckTagName); err != nil {
		return row, t.errAt(r, p.tags, err.Error())
	}
	if v := t.cell(r, p.billable); v != "" {
		b, ok := parseYesNo(v)
		if !ok {
			return row, t.errAt(r, p.billable, "expected Yes or No")
		}
		row.billable = &b
	}
	if v := t.cell(r, p.invoiced); v != "" {
		b, ok := parseYesNo(v)
		if !ok {
			return row, t.errAt(r, p.invoiced, "expected Yes or No")
		}
		row.invoiced = b
	}
	if v := t.cell(r, p.kind); v != "" {
		k, ok := entryKinds[strings.ToLower(v)]
		if !ok {
			return row, t.errAt(r, p.kind, "expected Regular, Break, Time off or Holiday")
		}
		row.kind = k
	}

	starts, err := wallTimes(t, r, p.startDate, p.startTime, loc, format)
	if err != nil {
		return row, err
	}
	ends, err := wallTimes(t, r, p.endDate, p.endTime, loc, format)
	if err != nil {
		return row, err
	}
	var hint *durationHint
	if h, ok := parseDurationHint(t.cell(r, p.duration)); ok {
		hint = &h
	}
	var ok bool
	if row.start, row.end, ok = pickInterval(starts, ends, hint); !ok {
		return row, t.errAt(r, p.endTime, fmt.Sprintf("expected an end at or after the start, %s %s",
			t.cell(r, p.startDate), t.cell(r, p.startTime)))
	}
	row.durationDiffers = hint != nil && !hint.matches(row.end.Sub(row.start))
	return row, nil
}

// wallTimes reads a date column and a time column as wall-clock time in loc
// and returns the instants it may stand for (two inside a daylight-saving
// overlap).
func wallTimes(t *table, r, dateCol, timeCol int, loc *time.Location, format DateFormat) ([]time.Time, error) {
	d, ok := parseDate(t.cell(r, dateCol), format)
	if !ok {
		return nil, t.errAt(r, dateCol, fmt.Sprintf("expected a date in the format %s", format))
	}
	c, ok := parseClock(t.cell(r, timeCol))
	if !ok {
		return nil, t.errAt(r, timeCol, "expected "+timeFormats)
	}
	list := instants(d, c, loc)
	if len(list) == 0 {
		return nil, t.errAt(r, timeCol, fmt.Sprintf(
			"this wall time does not exist in %s on %s because the clocks skip it for daylight saving time; check --timezone",
			loc, t.cell(r, dateCol)))
	}
	return list, nil
}

// entryKinds maps the Type column of Clockify's report to entry types.
var entryKinds = map[string]string{
	"regular":  domain.EntryRegular,
	"break":    domain.EntryBreak,
	"time off": "TIME_OFF",
	"time_off": "TIME_OFF",
	"holiday":  "HOLIDAY",
}

// parseYesNo reads the Yes/No of exports, and true/false and 1/0.
func parseYesNo(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "yes", "true", "1":
		return true, true
	case "no", "false", "0":
		return false, true
	}
	return false, false
}

// splitNames splits a list that an export joins with comma and space, as
// Clockify and Toggl join tags and tasks, checks each name and drops repeats
// in any letter case.
//
// NOTE: a name that itself contains ", " is indistinguishable from two
// names, so it imports as two.
func splitNames(s string, check func(string) (string, error)) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	var out []string
	seen := map[string]bool{}
	for _, part := range strings.Split(s, ", ") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		name, err := check(part)
		if err != nil {
			return nil, err
		}
		if !seen[strings.ToLower(name)] {
			seen[strings.ToLower(name)] = true
			out = append(out, name)
		}
	}
	return out, nil
}

// contentKey identifies the entry by what it is: who tracked which work
// from when to when. Tags, billable and invoiced flags are left out, so that
// changing them in the source and exporting again does not duplicate the
// entry.
func (row entryRow) contentKey() string {
	h := sha256.New()
	for _, part := range []string{strings.ToLower(row.email), strconv.FormatInt(row.start.Unix(), 10),
		strconv.FormatInt(row.end.Unix(), 10), row.client, row.project, row.task, row.description} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
