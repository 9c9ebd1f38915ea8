package reports

import (
	"testing"
	"time"

	"github.com/punchclock/punchclock/domain"
)

func TestNeutralizeFormula(t *testing.T) {
	cases := map[string]string{
		"=SUM(A1:A2)": "'=SUM(A1:A2)",
		"+1":          "'+1",
		"-2":          "'-2",
		"@cmd":        "'@cmd",
		"\tx":         "'\tx",
		"\rx":         "'\rx",
		"plain":       "plain",
		"":            "",
		"a=b":         "a=b",
	}
	for in, want := range cases {
		if got := neutralizeFormula(in); got != want {
			t.Errorf("neutralizeFormula(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFormatHMS(t *testing.T) {
	cases := map[int64]string{0: "00:00:00", 59: "00:00:59", 5400: "01:30:00", 360000 + 61: "100:01:01"}
	for in, want := range cases {
		if got := formatHMS(in); got != want {
			t.Errorf("formatHMS(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestParseWallClock(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 3, 29, 0, 0, 0, 0, berlin)
	for _, in := range []string{"2026-03-29T00:00:00.000Z", "2026-03-29T00:00:00Z", "2026-03-29T00:00:00",
		"2026-03-29T00:00:00+05:00", "2026-03-29"} {
		got, err := parseWallClock("dateRangeStart", in, berlin)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseWallClock(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := parseWallClock("dateRangeStart", "29.03.2026", berlin); err == nil {
		t.Errorf("parseWallClock accepted 29.03.2026")
	}
}

func TestRelativeRange(t *testing.T) {
	a := domain.Actor{User: domain.User{TimeZone: "Europe/Berlin", WeekStart: "MONDAY"}}
	// Wednesday 1 April 2026, 00:30 in Berlin, still 31 March in UTC.
	now := time.Date(2026, 3, 31, 22, 30, 0, 0, time.UTC)
	cases := []struct{ kind, start, end string }{
		{"TODAY", "2026-04-01T00:00:00.000", "2026-04-01T23:59:59.999"},
		{"YESTERDAY", "2026-03-31T00:00:00.000", "2026-03-31T23:59:59.999"},
		{"THIS_WEEK", "2026-03-30T00:00:00.000", "2026-04-05T23:59:59.999"},
		{"LAST_WEEK", "2026-03-23T00:00:00.000", "2026-03-29T23:59:59.999"},
		{"PAST_TWO_WEEKS", "2026-03-23T00:00:00.000", "2026-04-05T23:59:59.999"},
		{"THIS_MONTH", "2026-04-01T00:00:00.000", "2026-04-30T23:59:59.999"},
		{"LAST_MONTH", "2026-03-01T00:00:00.000", "2026-03-31T23:59:59.999"},
		{"THIS_YEAR", "2026-01-01T00:00:00.000", "2026-12-31T23:59:59.999"},
		{"LAST_YEAR", "2025-01-01T00:00:00.000", "2025-12-31T23:59:59.999"},
	}
	for _, c := range cases {
		req := Request{DateRangeType: c.kind, DateRangeStart: "x", DateRangeEnd: "y"}
		relativeRange(&req, a, now)
		if req.DateRangeStart != c.start || req.DateRangeEnd != c.end || req.TimeZone != "Europe/Berlin" {
			t.Errorf("%s: %s to %s in %q, want %s to %s in Europe/Berlin", c.kind, req.DateRangeStart, req.DateRangeEnd,
				req.TimeZone, c.start, c.end)
		}
	}
	req := Request{DateRangeType: "ABSOLUTE", DateRangeStart: "x", DateRangeEnd: "y"}
	relativeRange(&req, a, now)
	if req.DateRangeStart != "x" || req.DateRangeEnd != "y" {
		t.Errorf("ABSOLUTE changed the range to %s to %s", req.DateRangeStart, req.DateRangeEnd)
	}
}

func TestMatchField(t *testing.T) {
	cases := []struct {
		name      string
		filter    FieldFilter
		fieldType string
		value     any
		want      bool
	}{
		{"text substring", FieldFilter{Value: "ops"}, domain.FieldText, "OPS-12", true},
		{"text miss", FieldFilter{Value: "dev"}, domain.FieldText, "OPS-12", false},
		{"empty text", FieldFilter{IsEmpty: true}, domain.FieldText, " ", true},
		{"not empty", FieldFilter{IsEmpty: true}, domain.FieldText, "x", false},
		{"number equal", FieldFilter{Value: 5.0}, domain.FieldNumber, 5.0, true},
		{"number from text", FieldFilter{Value: "5"}, domain.FieldNumber, 5.0, true},
		{"number greater", FieldFilter{Value: 5.0, NumberCondition: "GREATER_THAN"}, domain.FieldNumber, 5.0, false},
		{"number less", FieldFilter{Value: 6.0, NumberCondition: "LESS_THAN"}, domain.FieldNumber, 5.0, true},
		{"checkbox on", FieldFilter{Value: true}, domain.FieldCheckbox, true, true},
		{"checkbox off matches no value", FieldFilter{Value: false}, domain.FieldCheckbox, nil, true},
		{"single dropdown", FieldFilter{Value: "High"}, domain.FieldDropdownSingle, "High", true},
		{"single dropdown is exact", FieldFilter{Value: "Hi"}, domain.FieldDropdownSingle, "High", false},
		{"multiple dropdown overlap", FieldFilter{Value: []any{"b", "z"}}, domain.FieldDropdownMultiple, []string{"a", "b"}, true},
		{"multiple dropdown none", FieldFilter{Value: "z"}, domain.FieldDropdownMultiple, []string{"a", "b"}, false},
		{"no value", FieldFilter{Value: "x"}, domain.FieldText, nil, false},
	}
	for _, c := range cases {
		if got := matchField(c.filter, c.fieldType, c.value); got != c.want {
			t.Errorf("%s: matchField = %t, want %t", c.name, got, c.want)
		}
	}
}
