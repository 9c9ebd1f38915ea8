package domain

import (
	"slices"
	"time"
)

// Types of AutomaticLock and its periods, spelled as Clockify spells them.
const (
	LockWeekly    = "WEEKLY"
	LockMonthly   = "MONTHLY"
	LockOlderThan = "OLDER_THAN"
)

var lockPeriods = []string{"DAYS", "WEEKS", "MONTHS"}

// maxLockOlderThan bounds AutomaticLock.OlderThanValue. It is 100 years of
// days and keeps the lock date inside the years that instants may take.
const maxLockOlderThan = 36500

// AutomaticLock is a schedule that moves the lock date forward as time
// passes. The lock date is computed from the clock of each transaction that
// reads the workspace, so no job runs in the background. It falls on a
// midnight in the workspace's lockTimeZone, or in UTC when that is unset.
type AutomaticLock struct {
	// Type is WEEKLY, MONTHLY or OLDER_THAN.
	Type string `json:"type"`
	// ChangeDay, for WEEKLY, is the weekday on which the previous week
	// becomes locked. FirstDay is the first weekday of a week.
	ChangeDay string `json:"changeDay,omitempty"`
	FirstDay  string `json:"firstDay,omitempty"`
	// DayOfMonth, for MONTHLY, is the day on which the previous month
	// becomes locked. In shorter months it is the month's last day.
	DayOfMonth int `json:"dayOfMonth,omitempty"`
	// OlderThanPeriod and OlderThanValue, for OLDER_THAN, lock the entries
	// that start before today's midnight less that many DAYS, WEEKS or
	// MONTHS.
	OlderThanPeriod string `json:"olderThanPeriod,omitempty"`
	OlderThanValue  int    `json:"olderThanValue,omitempty"`
}

// check validates the fields the lock's type uses.
func (l AutomaticLock) check() error {
	if err := oneOf("automaticLock.type", l.Type, []string{LockWeekly, LockMonthly, LockOlderThan}); err != nil {
		return err
	}
	switch l.Type {
	case LockWeekly:
		if err := oneOf("automaticLock.changeDay", l.ChangeDay, weekDays); err != nil {
			return err
		}
		return oneOf("automaticLock.firstDay", l.FirstDay, weekDays)
	case LockMonthly:
		if l.DayOfMonth < 1 || l.DayOfMonth > 31 {
			return Invalidf("automaticLock.dayOfMonth %d is not valid: use a day from 1 to 31", l.DayOfMonth)
		}
		return nil
	}
	if err := oneOf("automaticLock.olderThanPeriod", l.OlderThanPeriod, lockPeriods); err != nil {
		return err
	}
	if l.OlderThanValue < 1 || l.OlderThanValue > maxLockOlderThan {
		return Invalidf("automaticLock.olderThanValue %d is not valid: use a whole number from 1 to %d", l.OlderThanValue, maxLockOlderThan)
	}
	return nil
}

// LockDate returns the lock date in force at now, a midnight in loc:
//   - WEEKLY: the start of the current week once the week's ChangeDay has
//     come, and the start of the previous week before that.
//   - MONTHLY: the first of the current month once DayOfMonth has come,
//     and the first of the previous month before that.
//   - OLDER_THAN: today's midnight less OlderThanValue periods.
func (l AutomaticLock) LockDate(now time.Time, loc *time.Location) time.Time {
	now = now.In(loc)
	today := midnight(now.Year(), now.Month(), now.Day(), loc)
	switch l.Type {
	case LockWeekly:
		first, change := weekdayOf(l.FirstDay), weekdayOf(l.ChangeDay)
		weekStart := today.AddDate(0, 0, -int((today.Weekday()-first+7)%7))
		changeAt := weekStart.AddDate(0, 0, int((change-first+7)%7))
		if today.Before(midnight(changeAt.Year(), changeAt.Month(), changeAt.Day(), loc)) {
			weekStart = weekStart.AddDate(0, 0, -7)
		}
		return midnight(weekStart.Year(), weekStart.Month(), weekStart.Day(), loc).UTC()
	case LockMonthly:
		monthStart := midnight(today.Year(), today.Month(), 1, loc)
		if today.Day() < min(l.DayOfMonth, daysIn(today.Year(), today.Month())) {
			monthStart = midnight(today.Year(), today.Month()-1, 1, loc)
		}
		return monthStart.UTC()
	}
	switch l.OlderThanPeriod {
	case "WEEKS":
		return midnight(today.Year(), today.Month(), today.Day()-7*l.OlderThanValue, loc).UTC()
	case "MONTHS":
		return monthsBefore(today, l.OlderThanValue, loc).UTC()
	}
	return midnight(today.Year(), today.Month(), today.Day()-l.OlderThanValue, loc).UTC()
}

// midnight returns the start of a day in loc. time.Date normalizes days and
// months out of range, such as day 0 or month 13.
func midnight(year int, month time.Month, day int, loc *time.Location) time.Time {
	return time.Date(year, month, day, 0, 0, 0, 0, loc)
}

func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// monthsBefore returns the midnight n months before day, on the same day of
// the month or on the last day of a shorter month: 31 March less one month
// is 29 February in a leap year.
func monthsBefore(day time.Time, n int, loc *time.Location) time.Time {
	first := midnight(day.Year(), day.Month()-time.Month(n), 1, loc)
	return midnight(first.Year(), first.Month(), min(day.Day(), daysIn(first.Year(), first.Month())), loc)
}

// weekdayOf turns MONDAY ... SUNDAY into a time.Weekday.
func weekdayOf(day string) time.Weekday {
	return time.Weekday((slices.Index(weekDays, day) + 1) % 7)
}

// lockLocation returns the zone of the lock date: lockTimeZone, or UTC when
// it is unset or no longer loads.
func lockLocation(s WorkspaceSettings) *time.Location {
	if s.LockTimeZone == "" {
		return time.UTC
	}
	loc, err := time.LoadLocation(s.LockTimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// applyAutomaticLock sets the lock date of w to the one its automatic lock
// puts in force at now. Reads call it on the workspace they return. A
// settings change calls it before storing, so that turning the automatic
// lock off keeps its last lock date.
func applyAutomaticLock(w *Workspace, now time.Time) {
	l := w.Settings.AutomaticLock
	if l == nil {
		return
	}
	lock := l.LockDate(now, lockLocation(w.Settings))
	w.Settings.LockTimeEntries = &lock
}
