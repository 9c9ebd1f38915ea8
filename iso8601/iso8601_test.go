package iso8601

import (
	"testing"
	"time"
)

func TestFormatDuration(t *testing.T) {
	cases := []struct {
		in   time.Duration
		want string
	}{
		{0, "PT0S"},
		{45 * time.Second, "PT45S"},
		{90 * time.Minute, "PT1H30M"},
		{26*time.Hour + 30*time.Minute, "PT26H30M"},
		{time.Hour + 1500*time.Millisecond, "PT1H1S"},
		{100 * time.Hour, "PT100H"},
		{-90 * time.Second, "-PT1M30S"},
	}
	for _, c := range cases {
		if got := FormatDuration(c.in); got != c.want {
			t.Errorf("FormatDuration(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseDuration(t *testing.T) {
	cases := []struct {
		in   string
		want time.Duration
	}{
		{"PT0S", 0},
		{"PT1H30M0S", 90 * time.Minute},
		{"PT36H", 36 * time.Hour},
		{"P1DT2H", 26 * time.Hour},
		{"PT1.5S", 1500 * time.Millisecond},
		{"PT8H", 8 * time.Hour},
	}
	for _, c := range cases {
		got, err := ParseDuration(c.in)
		if err != nil {
			t.Errorf("ParseDuration(%q): %v", c.in, err)
			continue
		}
		if got != c.want {
			t.Errorf("ParseDuration(%q) = %v, want %v", c.in, got, c.want)
		}
	}
	for _, bad := range []string{"", "P", "PT", "1H", "PT1X", "P1Y", "P1M", "PT1.5H", "PT1H2", "PTT1H", "3600", "PT99999999999999H", "PT2562047H48M"} {
		if _, err := ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q) returned no error", bad)
		}
	}
}

func TestParseInstant(t *testing.T) {
	want := time.Date(2024, 1, 31, 8, 0, 0, 0, time.UTC)
	for _, in := range []string{"2024-01-31T08:00:00Z", "2024-01-31T08:00:00.000Z", "2024-01-31T09:00:00+01:00"} {
		got, err := ParseInstant(in)
		if err != nil {
			t.Errorf("ParseInstant(%q): %v", in, err)
			continue
		}
		if !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("ParseInstant(%q) = %v, want %v in UTC", in, got, want)
		}
	}
	for _, bad := range []string{"", "2024-01-31", "2024-01-31 08:00:00Z", "2024-01-31T08:00:00", "yesterday", "1706688000", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1969-12-31T23:59:59Z", "2200-01-01T00:00:00Z"} {
		if _, err := ParseInstant(bad); err == nil {
			t.Errorf("ParseInstant(%q) returned no error", bad)
		}
	}
}

func TestFormatInstant(t *testing.T) {
	in := time.Date(2024, 1, 31, 9, 0, 0, 500_000_000, time.FixedZone("CET", 3600))
	if got, want := FormatInstant(in), "2024-01-31T08:00:00Z"; got != want {
		t.Errorf("FormatInstant = %q, want %q", got, want)
	}
}

// FormatInstant writes what time's own formatting writes for the same
// layout, at the edges of years, days and the range of four-digit years.
func TestFormatInstantMatchesTimeFormat(t *testing.T) {
	zone := time.FixedZone("UTC-9:30", -(9*3600 + 1800))
	instants := []time.Time{
		time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1999, 12, 31, 23, 59, 59, 999_999_999, time.UTC),
		time.Date(2024, 2, 29, 12, 34, 56, 1, zone),
		time.Date(2199, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 6, 1, 0, 0, 0, 0, time.UTC),
	}
	for i := range 1000 {
		instants = append(instants, time.Unix(int64(i)*7_919_993_311%7_000_000_000, int64(i)*7919).In(zone))
	}
	for _, in := range instants {
		want := in.UTC().Truncate(time.Second).Format("2006-01-02T15:04:05Z")
		if got := FormatInstant(in); got != want {
			t.Errorf("FormatInstant(%v) = %q, want %q", in, got, want)
		}
	}
}
