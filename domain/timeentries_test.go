package domain

import (
	"testing"
	"time"
)

func TestWallClock(t *testing.T) {
	cases := []struct {
		zone string
		wall string // the query's date-time, whose Z is ignored
		want string // the instant it selects
	}{
		{"America/Chicago", "2022-07-25T00:00:00Z", "2022-07-25T05:00:00Z"},
		{"UTC", "2022-07-25T00:00:00Z", "2022-07-25T00:00:00Z"},
		{"Europe/Berlin", "2024-01-15T09:00:00Z", "2024-01-15T08:00:00Z"},
		// Skipped by the spring-forward change: moved forward by the gap.
		{"America/Chicago", "2024-03-10T02:30:00Z", "2024-03-10T08:30:00Z"},
		{"Europe/Berlin", "2024-03-31T02:30:00Z", "2024-03-31T01:30:00Z"},
		// Repeated by the fall-back change: the earlier offset.
		{"America/Chicago", "2024-11-03T01:30:00Z", "2024-11-03T06:30:00Z"},
		{"Europe/Berlin", "2024-10-27T02:30:00Z", "2024-10-27T00:30:00Z"},
	}
	for _, c := range cases {
		loc, err := time.LoadLocation(c.zone)
		if err != nil {
			t.Fatal(err)
		}
		in, _ := time.Parse(time.RFC3339, c.wall)
		got := wallClock(in, loc).UTC().Format(time.RFC3339)
		if got != c.want {
			t.Errorf("wallClock(%s in %s) = %s, want %s", c.wall, c.zone, got, c.want)
		}
	}
}

func TestTotalBillableLargeValues(t *testing.T) {
	start := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2199, 12, 31, 23, 59, 59, 0, time.UTC)
	v := TimeEntryView{TimeEntry: TimeEntry{Billable: true, Start: start, End: &end},
		HourlyRate: &Rate{Amount: MaxRateAmount, Currency: "USD"}}
	seconds := int64(end.Sub(start) / time.Second)
	want := MaxRateAmount*(seconds/3600) + (MaxRateAmount*(seconds%3600)+1800)/3600
	if got := v.TotalBillable(); got != want || got <= 0 {
		t.Errorf("TotalBillable = %d, want %d", got, want)
	}

	half := start.Add(90 * time.Minute)
	v = TimeEntryView{TimeEntry: TimeEntry{Billable: true, Start: start, End: &half},
		HourlyRate: &Rate{Amount: 1001, Currency: "USD"}}
	if got := v.TotalBillable(); got != 1502 {
		t.Errorf("TotalBillable for 1.5 h at 1001 = %d, want 1502 (1501.5 rounded)", got)
	}
}
