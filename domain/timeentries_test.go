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
