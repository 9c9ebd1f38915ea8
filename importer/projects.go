package importer

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/punchclock/punchclock/domain"
)

// projectRow is one project read from Clockify's project export.
type projectRow struct {
	line     int
	client   string
	name     string
	archived bool
	public   *bool
	billable *bool
	tasks    []string
	rate     *int64 // hourly billable rate in minor units
	costRate *int64 // hourly cost rate in minor units
	estimate *time.Duration
	note     string
}

// projectFile is the checked content of a project export.
type projectFile struct {
	file         string
	rows         []projectRow
	hasClient    bool
	rateCurrency string // the currency in the rate column's header, such as EUR
}

// rateHeader matches the currency part of "Billable Rate (EUR)".
var rateHeader = regexp.MustCompile(`\(([^)]*)\)\s*$`)

// readProjects reads and checks every row of Clockify's project export:
// Project, and optionally Client, Status, Visibility, Billability, the tasks
// (Task, Tasks or Activities), Billable Rate (CUR), Cost Rate (CUR),
// Estimated (h) and Note.
//
// NOTE: Project members and Project manager list names, not emails, so
// they cannot be matched to users and are not imported.
func readProjects(t *table) (*projectFile, error) {
	name, err := t.requireColumn("Project", "Name")
	if err != nil {
		return nil, err
	}
	var client, status, visibility, billability, tasks, estimate, note int
	for _, c := range []struct {
		dst   *int
		names []string
	}{{&client, []string{"Client"}}, {&status, []string{"Status"}}, {&visibility, []string{"Visibility"}},
		{&billability, []string{"Billability", "Billable"}}, {&tasks, []string{"Tasks", "Task", "Activities"}},
		{&estimate, []string{"Estimated (h)", "Estimate (h)"}}, {&note, []string{"Note"}}} {
		if *c.dst, err = t.column(c.names...); err != nil {
			return nil, err
		}
	}
	rate, rateName := t.columnWithPrefix("Billable Rate (")
	costRate, _ := t.columnWithPrefix("Cost Rate (")
	f := &projectFile{file: t.file, hasClient: client >= 0}
	if m := rateHeader.FindStringSubmatch(rateName); m != nil {
		f.rateCurrency = strings.TrimSpace(m[1])
	}

	for r := range t.records {
		row := projectRow{line: t.lines[r]}
		if row.name, err = domain.CheckProjectName(t.cell(r, name)); err != nil {
			return nil, t.errAt(r, name, err.Error())
		}
		if row.client = t.cell(r, client); row.client != "" {
			if row.client, err = domain.CheckClientName(row.client); err != nil {
				return nil, t.errAt(r, client, err.Error())
			}
		}
		switch v := strings.ToLower(t.cell(r, status)); v {
		case "", "active":
		case "archived":
			row.archived = true
		default:
			return nil, t.errAt(r, status, "expected Active or Archived")
		}
		switch v := strings.ToLower(t.cell(r, visibility)); v {
		case "":
		case "public", "private":
			public := v == "public"
			row.public = &public
		default:
			return nil, t.errAt(r, visibility, "expected Public or Private")
		}
		if v := t.cell(r, billability); v != "" {
			b, ok := parseYesNo(v)
			if !ok {
				return nil, t.errAt(r, billability, "expected Yes or No")
			}
			row.billable = &b
		}
		if row.tasks, err = splitNames(t.cell(r, tasks), domain.CheckTaskName); err != nil {
			return nil, t.errAt(r, tasks, err.Error())
		}
		if row.rate, err = rateCell(t, r, rate); err != nil {
			return nil, err
		}
		if row.costRate, err = rateCell(t, r, costRate); err != nil {
			return nil, err
		}
		if v := t.cell(r, estimate); v != "" {
			d, ok := parseHours(v)
			if !ok {
				return nil, t.errAt(r, estimate, "expected hours such as 12:30:00, 12:30 or 12.5")
			}
			if d > 0 {
				row.estimate = &d
			}
		}
		if p := note; p >= 0 {
			row.note = t.records[r][p]
			if err := domain.CheckProjectNote(row.note); err != nil {
				return nil, t.errAt(r, note, err.Error())
			}
		}
		f.rows = append(f.rows, row)
	}
	return f, nil
}

// rateCell reads an hourly rate from column i of record r, or returns nil
// for an empty cell or an absent column.
func rateCell(t *table, r, i int) (*int64, error) {
	v := t.cell(r, i)
	if v == "" {
		return nil, nil
	}
	cents, ok := parseMoney(v)
	if !ok || cents > domain.MaxRateAmount {
		return nil, t.errAt(r, i, fmt.Sprintf("expected an amount such as 50.00 or 50,00, at most %d", int64(domain.MaxRateAmount/100)))
	}
	return &cents, nil
}

var moneyPattern = regexp.MustCompile(`^(\d+)(?:[.,](\d{1,2}))?$`)

// parseMoney reads an amount with up to two decimals after a point or a
// comma, with optional thousands separators (the other of point and comma,
// or spaces), and returns it in minor units.
func parseMoney(s string) (int64, bool) {
	s = strings.ReplaceAll(s, " ", "")
	s = strings.ReplaceAll(s, "\u00a0", "")
	if i, j := strings.LastIndex(s, "."), strings.LastIndex(s, ","); i >= 0 && j >= 0 {
		// The later separator is the decimal one.
		if i > j {
			s = strings.ReplaceAll(s, ",", "")
		} else {
			s = strings.ReplaceAll(s, ".", "")
		}
	}
	m := moneyPattern.FindStringSubmatch(s)
	if m == nil || len(m[1]) > 15 {
		return 0, false
	}
	units, _ := strconv.ParseInt(m[1], 10, 64)
	frac := m[2]
	if len(frac) == 1 {
		frac += "0"
	}
	cents := int64(0)
	if frac != "" {
		cents, _ = strconv.ParseInt(frac, 10, 64)
	}
	return units*100 + cents, true
}

// parseHours reads a duration in hours as h:mm:ss, h:mm or a decimal number.
func parseHours(s string) (time.Duration, bool) {
	if m := hmsDuration.FindStringSubmatch(s); m != nil {
		h, _ := strconv.Atoi(m[1])
		mi, _ := strconv.Atoi(m[2])
		sec := 0
		if m[3] != "" {
			sec, _ = strconv.Atoi(m[3])
		}
		if mi > 59 || sec > 59 || h > 1_000_000 {
			return 0, false
		}
		return time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute + time.Duration(sec)*time.Second, true
	}
	hours, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || hours < 0 || hours > 1_000_000 || math.IsNaN(hours) {
		return 0, false
	}
	return time.Duration(hours * float64(time.Hour)).Round(time.Second), true
}
