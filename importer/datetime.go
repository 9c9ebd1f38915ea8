package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DateFormat is the layout of the dates in an export, which follows the
// exporting user's profile setting in Clockify.
type DateFormat string

// The date formats an export may use.
const (
	MonthDayYear    DateFormat = "MM/DD/YYYY"
	DayMonthYear    DateFormat = "DD/MM/YYYY"
	DayMonthYearDot DateFormat = "DD.MM.YYYY"
	YearMonthDay    DateFormat = "YYYY-MM-DD"
)

// DateFormats lists the formats ParseDateFormat accepts.
var DateFormats = []DateFormat{MonthDayYear, DayMonthYear, DayMonthYearDot, YearMonthDay}

const dateFormatList = "MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY or YYYY-MM-DD"

// ParseDateFormat reads a --date-format value, in any letter case.
func ParseDateFormat(s string) (DateFormat, error) {
	for _, f := range DateFormats {
		if strings.EqualFold(s, string(f)) {
			return f, nil
		}
	}
	return "", fmt.Errorf("invalid date format %q: use %s", s, dateFormatList)
}

var (
	slashDate = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
	dotDate   = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4})$`)
	isoDate   = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
)

// date is a calendar date without a time zone.
type date struct{ year, month, day int }

// parseDate reads s in format f and checks that the date exists.
func parseDate(s string, f DateFormat) (date, bool) {
	var m []string
	var d date
	switch f {
	case MonthDayYear, DayMonthYear:
		m = slashDate.FindStringSubmatch(s)
	case DayMonthYearDot:
		m = dotDate.FindStringSubmatch(s)
	case YearMonthDay:
		m = isoDate.FindStringSubmatch(s)
	}
	if m == nil {
		return d, false
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	c, _ := strconv.Atoi(m[3])
	switch f {
	case MonthDayYear:
		d = date{c, a, b}
	case DayMonthYear, DayMonthYearDot:
		d = date{c, b, a}
	case YearMonthDay:
		d = date{a, b, c}
	}
	t := time.Date(d.year, time.Month(d.month), d.day, 0, 0, 0, 0, time.UTC)
	if t.Year() != d.year || int(t.Month()) != d.month || t.Day() != d.day {
		return d, false
	}
	return d, true
}

// dateCell is a date value with where it sits, for detection messages.
type dateCell struct{ record, column int }

// detectDateFormat finds the one format that reads every date in cells. A
// file whose dates all read both as MM/DD/YYYY and as DD/MM/YYYY (no part
// above 12) is ambiguous, and the caller must name the format.
func detectDateFormat(t *table, cells []dateCell) (DateFormat, error) {
	var shape DateFormat
	var first dateCell
	// Evidence for the slash formats: a date whose first or second part
	// exceeds 12 can only be DD/MM or MM/DD respectively.
	var dayFirst, monthFirst *dateCell
	for _, c := range cells {
		v := t.cell(c.record, c.column)
		var s DateFormat
		switch {
		case slashDate.MatchString(v):
			s = MonthDayYear
		case dotDate.MatchString(v):
			s = DayMonthYearDot
		case isoDate.MatchString(v):
			s = YearMonthDay
		default:
			return "", t.errAt(c.record, c.column, "expected a date in the format "+dateFormatList)
		}
		if shape == "" {
			shape, first = s, c
		} else if s != shape {
			return "", t.errAt(c.record, c.column, fmt.Sprintf(
				"expected a date in the same format as %q on line %d", t.cell(first.record, first.column), t.lines[first.record]))
		}
		if s != MonthDayYear {
			continue
		}
		m := slashDate.FindStringSubmatch(v)
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		if a > 12 && dayFirst == nil {
			dayFirst = &c
		}
		if b > 12 && monthFirst == nil {
			monthFirst = &c
		}
	}
	switch {
	case shape == "":
		return YearMonthDay, nil // no dates at all: any format reads them
	case shape != MonthDayYear:
		return shape, nil
	case dayFirst != nil && monthFirst != nil:
		return "", t.errAt(monthFirst.record, monthFirst.column, fmt.Sprintf(
			"expected a date in the format DD/MM/YYYY, as %q on line %d is; the file mixes DD/MM/YYYY and MM/DD/YYYY",
			t.cell(dayFirst.record, dayFirst.column), t.lines[dayFirst.record]))
	case dayFirst != nil:
		return DayMonthYear, nil
	case monthFirst != nil:
		return MonthDayYear, nil
	}
	return "", &Error{File: t.file, Line: t.lines[first.record], Column: columnName(t.header, first.column),
		Value: t.cell(first.record, first.column), HasValue: true, Err: ErrAmbiguousDateFormat,
		Expected: "every date in the file reads both as MM/DD/YYYY and as DD/MM/YYYY; " +
			"give --date-format MM/DD/YYYY or --date-format DD/MM/YYYY as in the exporting user's Clockify profile"}
}

var clockTime = regexp.MustCompile(`^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?$`)

const timeFormats = "a time such as 15:04, 15:04:05, 3:04 PM or 3:04:05 PM"

// clock is a time of day.
type clock struct{ hour, minute, second int }

// parseClock reads a time of day on the 24-hour clock or, with AM or PM, on
// the 12-hour clock, with or without seconds.
func parseClock(s string) (clock, bool) {
	m := clockTime.FindStringSubmatch(s)
	if m == nil {
		return clock{}, false
	}
	var c clock
	c.hour, _ = strconv.Atoi(m[1])
	c.minute, _ = strconv.Atoi(m[2])
	if m[3] != "" {
		c.second, _ = strconv.Atoi(m[3])
	}
	if c.minute > 59 || c.second > 59 {
		return clock{}, false
	}
	switch strings.ToUpper(m[4]) {
	case "":
		if c.hour > 23 {
			return clock{}, false
		}
	case "A", "P":
		if c.hour < 1 || c.hour > 12 {
			return clock{}, false
		}
		c.hour %= 12 // 12 AM is midnight and 12 PM noon
		if strings.EqualFold(m[4], "P") {
			c.hour += 12
		}
	}
	return c, true
}

// instants returns every instant at which the wall clock in loc reads d at
// c: none inside a daylight-saving gap, two inside an overlap (the earlier
// first), one otherwise.
func instants(d date, c clock, loc *time.Location) []time.Time {
	naive := time.Date(d.year, time.Month(d.month), d.day, c.hour, c.minute, c.second, 0, time.UTC)
	var out []time.Time
	// An offset change is rare enough that the offsets in force a day and a
	// half around the wall time include every one that can apply to it.
	for _, probe := range []time.Duration{-36 * time.Hour, 0, 36 * time.Hour} {
		_, offset := naive.Add(probe).In(loc).Zone()
		t := naive.Add(-time.Duration(offset) * time.Second)
		local := t.In(loc)
		if local.Year() != d.year || int(local.Month()) != d.month || local.Day() != d.day ||
			local.Hour() != c.hour || local.Minute() != c.minute || local.Second() != c.second {
			continue
		}
		if !slices.ContainsFunc(out, t.Equal) {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}

// durationHint is an export's own duration column, used only to choose
// between the two readings of a wall time that a daylight-saving overlap
// repeats. The tolerance follows the column's precision.
type durationHint struct {
	value     time.Duration
	tolerance time.Duration
}

// matches reports whether d equals the column's value within its precision.
func (h durationHint) matches(d time.Duration) bool {
	diff := d - h.value
	if diff < 0 {
		diff = -diff
	}
	return diff < h.tolerance
}

var hmsDuration = regexp.MustCompile(`^(\d+):(\d{2})(?::(\d{2}))?$`)

// parseDurationHint reads h:mm:ss, h:mm or decimal hours such as 1.50. It
// returns false for anything else, which the importer then does not use.
func parseDurationHint(s string) (durationHint, bool) {
	if m := hmsDuration.FindStringSubmatch(s); m != nil {
		h, _ := strconv.Atoi(m[1])
		mi, _ := strconv.Atoi(m[2])
		d := time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute
		if m[3] == "" {
			return durationHint{d, time.Minute}, true
		}
		sec, _ := strconv.Atoi(m[3])
		return durationHint{d + time.Duration(sec)*time.Second, time.Second}, true
	}
	hours, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || hours < 0 || hours > 1e6 {
		return durationHint{}, false
	}
	return durationHint{time.Duration(hours * float64(time.Hour)), 36 * time.Second}, true
}

// pickInterval chooses a start and an end among the readings of each wall
// time. A pair whose length matches the export's duration column wins.
// Otherwise the earliest start and the earliest end not before it are taken.
// It returns false when every end precedes every start.
func pickInterval(starts, ends []time.Time, hint *durationHint) (time.Time, time.Time, bool) {
	type pair struct{ start, end time.Time }
	var pairs []pair
	for _, s := range starts {
		for _, e := range ends {
			if !e.Before(s) {
				pairs = append(pairs, pair{s, e})
			}
		}
	}
	if len(pairs) == 0 {
		return time.Time{}, time.Time{}, false
	}
	if hint != nil {
		for _, p := range pairs {
			if hint.matches(p.end.Sub(p.start)) {
				return p.start, p.end, true
			}
		}
	}
	return pairs[0].start, pairs[0].end, true
}
