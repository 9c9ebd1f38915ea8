package domain

import (
	"testing"
	"time"
)

func TestAmountRounding(t *testing.T) {
	cases := []struct {
		name   string
		rate   int64 // cents per hour
		length time.Duration
		want   int64
	}{
		{"one hour", 10000, time.Hour, 10000},
		{"zero duration", 10000, 0, 0},
		{"zero rate", 0, 8 * time.Hour, 0},
		{"half cent rounds up", 1800, time.Second, 1},
		{"just under half a cent rounds down", 1799, time.Second, 0},
		{"one and a half hours at an odd rate", 1001, 90 * time.Minute, 1502},
		{"third of an hour", 100, 20 * time.Minute, 33},
		{"two thirds of an hour", 100, 40 * time.Minute, 67},
		{"fractions of a second are dropped", 3600, 1999 * time.Millisecond, 1},
		{"long entry", 4321, 26*time.Hour + 15*time.Minute + 7*time.Second, 113435},
	}
	for _, c := range cases {
		got := Amount(&Rate{Amount: c.rate, Currency: "USD"}, c.length)
		if got != c.want {
			t.Errorf("%s: Amount(%d, %s) = %d, want %d", c.name, c.rate, c.length, got, c.want)
		}
	}
	if got := Amount(nil, time.Hour); got != 0 {
		t.Errorf("Amount(nil, 1h) = %d, want 0", got)
	}
}

func TestAmountLargeValues(t *testing.T) {
	start := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2199, 12, 31, 23, 59, 59, 0, time.UTC)
	seconds := int64(end.Sub(start) / time.Second)
	want := MaxRateAmount*(seconds/3600) + (MaxRateAmount*(seconds%3600)+1800)/3600
	got := Amount(&Rate{Amount: MaxRateAmount}, end.Sub(start))
	if got != want || got <= 0 {
		t.Errorf("Amount at the maximum rate over 230 years = %d, want %d", got, want)
	}
}

func TestEntryAmounts(t *testing.T) {
	start := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	end := start.Add(2 * time.Hour)
	e := TimeEntry{Start: start, End: &end, Billable: true,
		HourlyRate: &Rate{Amount: 5000}, CostRate: &Rate{Amount: 2000}}
	billable, cost := EntryAmounts(e, e.Duration())
	if billable != 10000 || cost != 4000 {
		t.Errorf("billable entry: amounts %d and %d, want 10000 and 4000", billable, cost)
	}

	e.Billable = false
	billable, cost = EntryAmounts(e, e.Duration())
	if billable != 0 || cost != 4000 {
		t.Errorf("non-billable entry: amounts %d and %d, want 0 and 4000", billable, cost)
	}

	e.End = nil
	billable, cost = EntryAmounts(e, e.Duration())
	if billable != 0 || cost != 0 {
		t.Errorf("running entry: amounts %d and %d, want 0 and 0", billable, cost)
	}

	e.End, e.Billable = &end, true
	billable, _ = EntryAmounts(e, 90*time.Minute)
	if billable != 7500 {
		t.Errorf("rounded duration: billable %d, want 7500", billable)
	}
}

func TestRateBookResolution(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	amount := func(n int64) *int64 { return &n }
	records := []RateRecord{
		{Kind: HourlyRate, Level: LevelWorkspace, Since: RatesBeginning, Amount: amount(1000)},
		{Kind: HourlyRate, Level: LevelMember, UserID: "u", Since: at("2024-02-01T00:00:00Z"), Amount: amount(2000)},
		{Kind: HourlyRate, Level: LevelMember, UserID: "u", Since: at("2024-03-01T00:00:00Z"), Amount: nil},
		{Kind: HourlyRate, Level: LevelTask, ProjectID: "p", TaskID: "t", Since: RatesBeginning, Amount: amount(4000)},
		{Kind: CostRate, Level: LevelProject, ProjectID: "p", Since: at("2024-01-15T00:00:00Z"), Amount: amount(300)},
	}
	book := NewRateBook("EUR", records)
	cases := []struct {
		name         string
		entry        TimeEntry
		hourly       int64
		cost         *int64
		costCurrency string
	}{
		{"workspace before the member rate", TimeEntry{UserID: "u", Start: at("2024-01-10T00:00:00Z")}, 1000, nil, ""},
		{"member rate from its since", TimeEntry{UserID: "u", Start: at("2024-02-01T00:00:00Z")}, 2000, nil, ""},
		{"unset member rate falls back", TimeEntry{UserID: "u", Start: at("2024-03-02T00:00:00Z")}, 1000, nil, ""},
		{"task beats member", TimeEntry{UserID: "u", ProjectID: "p", TaskID: "t", Start: at("2024-02-10T00:00:00Z")}, 4000, amount(300), "EUR"},
		{"task of another project does not apply", TimeEntry{UserID: "u", ProjectID: "q", TaskID: "t", Start: at("2024-02-10T00:00:00Z")}, 2000, nil, ""},
		{"cost before the project cost rate", TimeEntry{UserID: "v", ProjectID: "p", Start: at("2024-01-14T23:59:59Z")}, 1000, nil, ""},
	}
	for _, c := range cases {
		hourly, cost := book.EntryRates(c.entry)
		if hourly == nil || hourly.Amount != c.hourly || hourly.Currency != "EUR" {
			t.Errorf("%s: hourly %+v, want %d EUR", c.name, hourly, c.hourly)
		}
		switch {
		case c.cost == nil && cost != nil:
			t.Errorf("%s: cost %+v, want none", c.name, cost)
		case c.cost != nil && (cost == nil || cost.Amount != *c.cost || cost.Currency != c.costCurrency):
			t.Errorf("%s: cost %+v, want %d %s", c.name, cost, *c.cost, c.costCurrency)
		}
	}

	empty := NewRateBook("USD", nil)
	if hourly, cost := empty.EntryRates(TimeEntry{UserID: "u"}); hourly == nil || hourly.Amount != 0 || cost != nil {
		t.Errorf("empty history: rates %+v and %+v, want 0 USD and none", hourly, cost)
	}
}
