package domain

import (
	"testing"
	"time"
)

func TestPeriodStart(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		name   string
		option string
		reset  *EstimateReset
		now    string
		want   string
	}{
		{"no reset counts everything", "", nil, "2024-05-20T10:00:00Z", "0001-01-01T00:00:00Z"},
		{"monthly default", ResetMonthly, nil, "2024-05-20T10:00:00Z", "2024-05-01T00:00:00Z"},
		{"monthly on the day before the hour", ResetMonthly, &EstimateReset{DayOfMonth: 20, Hour: 12}, "2024-05-20T10:00:00Z", "2024-04-20T12:00:00Z"},
		{"monthly on the day after the hour", ResetMonthly, &EstimateReset{DayOfMonth: 20, Hour: 9}, "2024-05-20T10:00:00Z", "2024-05-20T09:00:00Z"},
		{"monthly day 31 in a short month", ResetMonthly, &EstimateReset{DayOfMonth: 31}, "2024-03-15T00:00:00Z", "2024-02-29T00:00:00Z"},
		{"monthly across the new year", ResetMonthly, &EstimateReset{DayOfMonth: 10}, "2024-01-05T00:00:00Z", "2023-12-10T00:00:00Z"},
		{"weekly default is Monday", ResetWeekly, nil, "2024-05-22T10:00:00Z", "2024-05-20T00:00:00Z"},
		{"weekly on Sunday", ResetWeekly, &EstimateReset{DayOfWeek: "SUNDAY", Hour: 8}, "2024-05-22T10:00:00Z", "2024-05-19T08:00:00Z"},
		{"weekly same day before the hour", ResetWeekly, &EstimateReset{DayOfWeek: "WEDNESDAY", Hour: 11}, "2024-05-22T10:00:00Z", "2024-05-15T11:00:00Z"},
		{"yearly default", ResetYearly, nil, "2024-05-22T10:00:00Z", "2024-01-01T00:00:00Z"},
		{"yearly later month", ResetYearly, &EstimateReset{Month: "JULY", DayOfMonth: 4}, "2024-05-22T10:00:00Z", "2023-07-04T00:00:00Z"},
	}
	for _, c := range cases {
		got := periodStart(c.option, c.reset, at(c.now))
		if !got.Equal(at(c.want)) {
			t.Errorf("%s: periodStart = %s, want %s", c.name, got.Format(time.RFC3339), c.want)
		}
	}
}

func TestProjectProgressShare(t *testing.T) {
	p := Project{TimeEstimate: TimeEstimate{Type: EstimateManual, Estimate: 10 * time.Hour, Active: true}}
	pr := ProjectProgress{Tracked: 6 * time.Hour, BillableTracked: 4 * time.Hour, Earned: 30000}
	if got := p.Progress(pr); got != 0.4 {
		t.Errorf("billable only: progress %v, want 0.4", got)
	}
	p.TimeEstimate.IncludeNonBillable = true
	if got := p.Progress(pr); got != 0.6 {
		t.Errorf("with non-billable: progress %v, want 0.6", got)
	}
	p.TimeEstimate.Active = false
	p.BudgetEstimate = BudgetEstimate{Type: EstimateManual, Estimate: 20000, Active: true}
	if got := p.Progress(pr); got != 1.5 {
		t.Errorf("budget: progress %v, want 1.5", got)
	}
	p.BudgetEstimate.Type, p.TaskBudgets = EstimateAuto, 60000
	if got := p.Progress(pr); got != 0.5 {
		t.Errorf("task-based budget: progress %v, want 0.5", got)
	}
	p.BudgetEstimate.Active = false
	if got := p.Progress(pr); got != 0 {
		t.Errorf("no active estimate: progress %v, want 0", got)
	}
}
