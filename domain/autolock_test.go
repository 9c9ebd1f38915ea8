package domain

import (
	"testing"
	"time"
)

func TestAutomaticLockDate(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	weekly := AutomaticLock{Type: LockWeekly, ChangeDay: "WEDNESDAY", FirstDay: "MONDAY"}
	monthly := AutomaticLock{Type: LockMonthly, DayOfMonth: 5}
	cases := []struct {
		name string
		lock AutomaticLock
		now  string
		loc  *time.Location
		want string
	}{
		// 2024-03-06 is a Wednesday.
		{"weekly on change day", weekly, "2024-03-06T00:00:00Z", time.UTC, "2024-03-04T00:00:00Z"},
		{"weekly before change day", weekly, "2024-03-05T23:59:59Z", time.UTC, "2024-02-26T00:00:00Z"},
		{"weekly on first day", weekly, "2024-03-04T12:00:00Z", time.UTC, "2024-02-26T00:00:00Z"},
		{"weekly on sunday", weekly, "2024-03-10T12:00:00Z", time.UTC, "2024-03-04T00:00:00Z"},
		{"weekly change before first", AutomaticLock{Type: LockWeekly, ChangeDay: "MONDAY", FirstDay: "SUNDAY"},
			"2024-03-04T08:00:00Z", time.UTC, "2024-03-03T00:00:00Z"},
		{"weekly change on first", AutomaticLock{Type: LockWeekly, ChangeDay: "MONDAY", FirstDay: "MONDAY"},
			"2024-03-04T08:00:00Z", time.UTC, "2024-03-04T00:00:00Z"},
		{"weekly in lock zone", weekly, "2024-03-05T23:30:00Z", berlin, "2024-03-03T23:00:00Z"},
		{"monthly on day", monthly, "2024-03-05T00:00:00Z", time.UTC, "2024-03-01T00:00:00Z"},
		{"monthly before day", monthly, "2024-03-04T23:59:59Z", time.UTC, "2024-02-01T00:00:00Z"},
		{"monthly in january", monthly, "2024-01-02T00:00:00Z", time.UTC, "2023-12-01T00:00:00Z"},
		{"monthly day past month end", AutomaticLock{Type: LockMonthly, DayOfMonth: 31}, "2024-02-29T10:00:00Z", time.UTC, "2024-02-01T00:00:00Z"},
		{"monthly day not yet", AutomaticLock{Type: LockMonthly, DayOfMonth: 31}, "2024-02-28T10:00:00Z", time.UTC, "2024-01-01T00:00:00Z"},
		{"monthly in lock zone", monthly, "2024-03-04T23:30:00Z", berlin, "2024-02-29T23:00:00Z"},
		{"older than days", AutomaticLock{Type: LockOlderThan, OlderThanPeriod: "DAYS", OlderThanValue: 1}, "2024-12-08T15:00:00Z", time.UTC, "2024-12-07T00:00:00Z"},
		{"older than weeks", AutomaticLock{Type: LockOlderThan, OlderThanPeriod: "WEEKS", OlderThanValue: 2}, "2024-03-20T15:00:00Z", time.UTC, "2024-03-06T00:00:00Z"},
		{"older than months clamped", AutomaticLock{Type: LockOlderThan, OlderThanPeriod: "MONTHS", OlderThanValue: 1}, "2024-03-31T15:00:00Z", time.UTC, "2024-02-29T00:00:00Z"},
		{"older than across DST", AutomaticLock{Type: LockOlderThan, OlderThanPeriod: "DAYS", OlderThanValue: 1}, "2024-03-31T12:00:00Z", berlin, "2024-03-29T23:00:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := c.lock.check(); err != nil {
				t.Fatalf("check: %v", err)
			}
			got := c.lock.LockDate(utc(c.now), c.loc)
			if !got.Equal(utc(c.want)) {
				t.Errorf("lock date at %s = %s, want %s", c.now, got.Format(time.RFC3339), c.want)
			}
		})
	}
}

func TestAutomaticLockCheck(t *testing.T) {
	for _, l := range []AutomaticLock{
		{Type: "DAILY"},
		{Type: LockWeekly, ChangeDay: "WEDNESDAY"},
		{Type: LockWeekly, ChangeDay: "WEDNESDAY", FirstDay: "MON"},
		{Type: LockMonthly},
		{Type: LockMonthly, DayOfMonth: 32},
		{Type: LockOlderThan, OlderThanPeriod: "YEARS", OlderThanValue: 1},
		{Type: LockOlderThan, OlderThanPeriod: "DAYS"},
		{Type: LockOlderThan, OlderThanPeriod: "DAYS", OlderThanValue: maxLockOlderThan + 1},
	} {
		if err := l.check(); err == nil {
			t.Errorf("%+v passed the check", l)
		}
	}
}
