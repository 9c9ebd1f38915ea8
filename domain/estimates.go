package domain

import (
	"slices"
	"time"
)

// Reset options of a recurring estimate.
const (
	ResetWeekly  = "WEEKLY"
	ResetMonthly = "MONTHLY"
	ResetYearly  = "YEARLY"
)

// EstimatedTime is the project's time estimate in force: the sum of its
// tasks' estimates when the estimate is AUTO (task based), the project's
// own figure when it is MANUAL.
func (p Project) EstimatedTime() time.Duration {
	if p.TimeEstimate.Type == EstimateAuto {
		return p.TaskEstimates
	}
	return p.TimeEstimate.Estimate
}

// EstimatedBudget is the project's budget in force, in minor units: the sum
// of its tasks' budgets when the budget is AUTO, the project's own figure
// when it is MANUAL.
func (p Project) EstimatedBudget() int64 {
	if p.BudgetEstimate.Type == EstimateAuto {
		return p.TaskBudgets
	}
	return p.BudgetEstimate.Estimate
}

// ProjectProgress is the tracked time and billable amount that count
// against a project's estimates, each in the estimate's current period.
type ProjectProgress struct {
	Tracked         time.Duration // finished entries in the time estimate's period
	BillableTracked time.Duration // billable finished entries in that period
	Earned          int64         // billable amount of finished entries in the budget's period, minor units
}

// ProgressPeriod is one project with the starts of its estimate periods:
// entries that start at or after TimeFrom count for time, and those at or
// after BudgetFrom count for money.
type ProgressPeriod struct {
	ProjectID  string
	TimeFrom   time.Time
	BudgetFrom time.Time
}

// ProgressPeriods returns the period of each estimate of p in force at now.
func (p Project) ProgressPeriods(now time.Time) ProgressPeriod {
	return ProgressPeriod{ProjectID: p.ID,
		TimeFrom:   periodStart(p.TimeEstimate.ResetOption, p.EstimateReset, now),
		BudgetFrom: periodStart(p.BudgetEstimate.ResetOption, p.EstimateReset, now)}
}

// Progress is the share of its estimate that p has used: the time estimate's
// when it is active and above zero, otherwise the budget's on the same
// terms, otherwise 0. Tracked time counts non-billable entries only when
// the time estimate includes them. The share exceeds 1 past the estimate,
// as Clockify's progress bars go past 100%.
func (p Project) Progress(pr ProjectProgress) float64 {
	if estimate := p.EstimatedTime(); p.TimeEstimate.Active && estimate > 0 {
		tracked := pr.BillableTracked
		if p.TimeEstimate.IncludeNonBillable {
			tracked = pr.Tracked
		}
		return float64(tracked) / float64(estimate)
	}
	if budget := p.EstimatedBudget(); p.BudgetEstimate.Active && budget > 0 {
		return float64(pr.Earned) / float64(budget)
	}
	return 0
}

// periodStart returns when the current period of a recurring estimate
// began at now: the latest reset instant at or before now. The reset
// schedule's day of week (default Monday), day of month (default 1,
// clamped to the month's length), month (default January) and hour pick the
// instant. An estimate that does not recur counts from RatesBeginning, the
// earliest instant the stores keep.
//
// NOTE: reset instants are read in UTC. Clockify resets by a time zone that
// its documents do not name.
func periodStart(option string, reset *EstimateReset, now time.Time) time.Time {
	now = now.UTC()
	var r EstimateReset
	if reset != nil {
		r = *reset
	}
	day := max(r.DayOfMonth, 1)
	at := func(year int, month time.Month, day int) time.Time {
		last := time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
		return time.Date(year, month, min(day, last), r.Hour, 0, 0, 0, time.UTC)
	}
	switch option {
	case ResetWeekly:
		weekday := time.Monday
		if i := slices.Index(weekDays, r.DayOfWeek); i >= 0 {
			weekday = time.Weekday((i + 1) % 7) // weekDays starts on Monday
		}
		start := time.Date(now.Year(), now.Month(), now.Day(), r.Hour, 0, 0, 0, time.UTC)
		start = start.AddDate(0, 0, -int((7+start.Weekday()-weekday)%7))
		if start.After(now) {
			start = start.AddDate(0, 0, -7)
		}
		return start
	case ResetMonthly:
		start := at(now.Year(), now.Month(), day)
		if start.After(now) {
			start = at(now.Year(), now.Month()-1, day)
		}
		return start
	case ResetYearly:
		month := time.January
		if i := slices.Index(months, r.Month); i >= 0 {
			month = time.Month(i + 1)
		}
		start := at(now.Year(), month, day)
		if start.After(now) {
			start = at(now.Year()-1, month, day)
		}
		return start
	}
	return RatesBeginning
}

// defaultReset returns the reset schedule a project gets when an estimate
// becomes recurring and the project has none: the period starts on the
// first day of the month or year, or on Monday, at midnight.
func defaultReset(option string) *EstimateReset {
	r := &EstimateReset{Interval: option, Active: true}
	switch option {
	case ResetWeekly:
		r.DayOfWeek = "MONDAY"
	case ResetMonthly:
		r.DayOfMonth = 1
	case ResetYearly:
		r.DayOfMonth, r.Month = 1, "JANUARY"
	}
	return r
}
