package api_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

// roundingEntry is a finished entry whose amount needs rounding to a whole
// cent.
type roundingEntry struct {
	seconds  int64
	rate     int64 // cents per hour, billable and cost alike
	billable bool
}

// createRatedEntries writes finished entries of the owner on the project,
// one hour apart from start, with their rates set as ResolveEntryRates would
// set them, and returns them.
func createRatedEntries(t *testing.T, env *apitest.Env, projectID string, start time.Time, list []roundingEntry) []domain.TimeEntry {
	t.Helper()
	ctx := context.Background()
	out := make([]domain.TimeEntry, len(list))
	err := env.Store.Update(ctx, func(tx domain.Tx) error {
		for i, in := range list {
			begin := start.Add(time.Duration(i) * time.Hour)
			end := begin.Add(time.Duration(in.seconds) * time.Second)
			e := domain.TimeEntry{
				ID: domain.NewID(), WorkspaceID: env.Owner.WorkspaceID, UserID: env.Owner.UserID, ProjectID: projectID,
				Start: begin, End: &end, Billable: in.billable, Type: domain.EntryRegular, CreatedAt: begin, TagIDs: []string{},
				HourlyRate: &domain.Rate{Amount: in.rate, Currency: "USD"},
				CostRate:   &domain.Rate{Amount: in.rate, Currency: "USD"},
			}
			out[i] = e
			if err := tx.CreateTimeEntry(ctx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("creating time entries: %v", err)
	}
	return out
}

// TestReportAmountRounding checks that the summary and detailed totals,
// which the database sums, equal the sum of the entries' own amounts, each
// rounded half up to a whole cent as domain.Amount rounds it. Summing first
// and rounding once, or truncating, gives other totals for these entries.
func TestReportAmountRounding(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		p := env.MustDo(t, "POST", projectsPath, "", map[string]any{"name": "Rounded"}, http.StatusCreated)
		start := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
		entries := createRatedEntries(t, env, apitest.Str(t, p, "id"), start, []roundingEntry{
			{seconds: 1, rate: 1, billable: true},       // 1/3600 cent: 0
			{seconds: 1799, rate: 100, billable: true},  // 49.97 cents: 50
			{seconds: 1800, rate: 100, billable: true},  // 50 cents exactly
			{seconds: 1800, rate: 1, billable: true},    // half a cent: 1
			{seconds: 1800, rate: 1, billable: false},   // half a cent of cost only: 1
			{seconds: 1, rate: 1800, billable: true},    // half a cent: 1
			{seconds: 1799, rate: 1799, billable: true}, // 898.99 cents: 899
			// Rate times seconds exceeds int64 here unless whole hours are
			// multiplied apart from the rest.
			{seconds: 100_000_001, rate: domain.MaxRateAmount - 1, billable: true},
		})
		var earned, cost, seconds, truncated int64
		for _, e := range entries {
			b, c := domain.EntryAmounts(e, e.Duration())
			earned += b
			cost += c
			s := int64(e.Duration() / time.Second)
			seconds += s
			if e.Billable {
				truncated += e.HourlyRate.Amount*(s/3600) + e.HourlyRate.Amount*(s%3600)/3600
			}
		}
		if earned-truncated != 4 {
			t.Fatalf("rounding adds %d cents to the truncated amounts, want 4", earned-truncated)
		}
		body := map[string]any{
			"dateRangeStart": "2026-03-01T00:00:00.000Z",
			"dateRangeEnd":   "2026-03-31T23:59:59.999Z",
			"timeZone":       "UTC",
		}
		with := func(extra map[string]any) map[string]any {
			out := map[string]any{}
			for k, v := range body {
				out[k] = v
			}
			for k, v := range extra {
				out[k] = v
			}
			return out
		}

		apitest.Run(t, env, []apitest.Case{
			{Name: "summary earned", Method: "POST", Path: summaryPath,
				Body: with(map[string]any{"summaryFilter": map[string]any{"groups": []string{"PROJECT", "USER"}}}), Status: http.StatusOK,
				Checks: []apitest.Check{
					apitest.Equal("totals.0.totalTime", seconds),
					apitest.Equal("totals.0.totalAmount", earned),
					apitest.Equal("groupOne.0.amount", earned),
					apitest.Equal("groupOne.0.children.0.amount", earned),
				}},
			{Name: "summary cost", Method: "POST", Path: summaryPath,
				Body: with(map[string]any{"amountShown": "COST", "summaryFilter": map[string]any{"groups": []string{"PROJECT"}}}), Status: http.StatusOK,
				Checks: []apitest.Check{
					apitest.Equal("totals.0.totalAmount", cost),
					apitest.Equal("groupOne.0.amount", cost),
				}},
			{Name: "detailed earned", Method: "POST", Path: detailedPath,
				Body: with(map[string]any{"detailedFilter": map[string]any{"page": 1, "pageSize": 50}}), Status: http.StatusOK,
				Checks: []apitest.Check{
					apitest.Len("timeentries", len(entries)),
					apitest.Equal("totals.0.totalTime", seconds),
					apitest.Equal("totals.0.totalAmount", earned),
				}},
			{Name: "detailed cost", Method: "POST", Path: detailedPath,
				Body: with(map[string]any{"amountShown": "COST", "detailedFilter": map[string]any{"page": 1, "pageSize": 50}}), Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("totals.0.totalAmount", cost)}},
		})

		// The detailed report's own entry amounts, computed in Go, add up to
		// the same totals.
		v := env.MustDo(t, "POST", detailedPath, "", with(map[string]any{"detailedFilter": map[string]any{"page": 1, "pageSize": 50}}), http.StatusOK)
		var entryEarned, entryCost int64
		for i := range entries {
			entryEarned += number(t, v, "timeentries."+strconv.Itoa(i)+".earnedAmount")
			entryCost += number(t, v, "timeentries."+strconv.Itoa(i)+".costAmount")
		}
		if entryEarned != earned {
			t.Errorf("detailed entries earn %d in all, want %d", entryEarned, earned)
		}
		if entryCost != cost {
			t.Errorf("detailed entries cost %d in all, want %d", entryCost, cost)
		}
	})
}

// TestProjectProgressRounding checks that sorting by PROGRESS ranks budget
// estimates by the sum of each entry's rounded amount. "Halves" earns two
// half cents that round to 1 cent each, 2 in all. "Single" earns 1.4997
// cents, 1 when rounded. Truncating each amount would rank Halves (0) first.
func TestProjectProgressRounding(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		start := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
		for _, name := range []string{"Halves", "Single"} {
			p := env.MustDo(t, "POST", projectsPath, "", map[string]any{"name": name}, http.StatusCreated)
			env.Vars[name] = apitest.Str(t, p, "id")
			env.MustDo(t, "PATCH", projectsPath+"/{"+name+"}/estimate", "",
				map[string]any{"budgetEstimate": map[string]any{"type": "MANUAL", "estimate": 100, "active": true}}, http.StatusOK)
		}
		createRatedEntries(t, env, env.Vars["Halves"], start, []roundingEntry{
			{seconds: 1800, rate: 1, billable: true},
			{seconds: 1800, rate: 1, billable: true},
			{seconds: 7200, rate: 1, billable: false}, // not billable: earns nothing
		})
		createRatedEntries(t, env, env.Vars["Single"], start, []roundingEntry{
			{seconds: 5399, rate: 1, billable: true},
		})

		apitest.Run(t, env, []apitest.Case{
			{Name: "ascending", Method: "GET", Path: projectsPath + "?sort-column=PROGRESS", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("0.name", "Single"),
				apitest.Equal("1.name", "Halves"),
			}},
			{Name: "descending", Method: "GET", Path: projectsPath + "?sort-column=PROGRESS&sort-order=DESCENDING", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("0.name", "Halves"),
				apitest.Equal("1.name", "Single"),
			}},
		})
	})
}
