package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

const (
	summaryPath    = "/report/v1/workspaces/{ws}/reports/summary"
	detailedPath   = "/report/v1/workspaces/{ws}/reports/detailed"
	weeklyPath     = "/report/v1/workspaces/{ws}/reports/weekly"
	attendancePath = "/report/v1/workspaces/{ws}/reports/attendance"
)

// seedReport builds the report fixture: the owner (billable rate 100.00/h
// from the workspace) and the member {ann} (50.00/h from her membership),
// a workspace cost rate of 40.00/h, the client {acme}, the projects
// {apollo} (task {design}) and {gemini} (client Acme), the tags {urgent}
// and {calls}, and these entries, in UTC:
//
//	e1 owner  Mon 2026-03-02 09:00-10:30  Apollo/Design [urgent]        billable "Planning"
//	e2 owner  Mon 2026-03-02 13:00-14:00  Gemini                        invoiced "Calls"
//	e3 ann    Tue 2026-03-03 22:00-01:00  Apollo [urgent, calls]        billable "Night work"
//	e4 ann    Thu 2026-03-05 08:00-08:20  no project, no description
//	e5 owner  Sat 2026-02-28 10:00-11:00  Apollo, before the week       billable
//
// Over Monday 2 to Sunday 8 March the entries e1 to e4 add up to 21000 s
// (5 h 50 min), of which 16200 s are billable, earning 30000 cents.
func seedReport(t *testing.T, env *apitest.Env) {
	t.Helper()
	ann := env.NewUser(t, "ann", domain.RoleUser, "")
	env.Vars["ann"] = ann.UserID
	env.Vars["annKey"] = ann.Key
	env.Vars["owner"] = env.Owner.UserID

	env.MustDo(t, "PUT", "/v1/workspaces/{ws}/hourly-rate", "", map[string]any{"amount": 10000, "currency": "USD", "since": "2020-01-01T00:00:00Z"}, http.StatusOK)
	env.MustDo(t, "PUT", "/v1/workspaces/{ws}/cost-rate", "", map[string]any{"amount": 4000, "currency": "USD", "since": "2020-01-01T00:00:00Z"}, http.StatusOK)
	env.MustDo(t, "PUT", "/v1/workspaces/{ws}/users/{ann}/hourly-rate", "", map[string]any{"amount": 5000, "currency": "USD", "since": "2020-01-01T00:00:00Z"}, http.StatusOK)

	save := func(name, path string, body any) {
		v := env.MustDo(t, "POST", path, "", body, http.StatusCreated)
		env.Vars[name] = apitest.Str(t, v, "id")
	}
	save("acme", "/v1/workspaces/{ws}/clients", map[string]any{"name": "Acme"})
	save("apollo", "/v1/workspaces/{ws}/projects", map[string]any{"name": "Apollo", "billable": true, "color": "#112233"})
	save("design", "/v1/workspaces/{ws}/projects/{apollo}/tasks", map[string]any{"name": "Design"})
	save("gemini", "/v1/workspaces/{ws}/projects", map[string]any{"name": "Gemini", "clientId": "{acme}"})
	save("urgent", "/v1/workspaces/{ws}/tags", map[string]any{"name": "urgent"})
	save("calls", "/v1/workspaces/{ws}/tags", map[string]any{"name": "calls"})

	entry := func(name, user string, body map[string]any) {
		save(name, "/v1/workspaces/{ws}/user/"+user+"/time-entries", body)
	}
	entry("e1", "{owner}", map[string]any{"start": "2026-03-02T09:00:00Z", "end": "2026-03-02T10:30:00Z",
		"projectId": "{apollo}", "taskId": "{design}", "tagIds": []string{"{urgent}"}, "billable": true, "description": "Planning"})
	entry("e2", "{owner}", map[string]any{"start": "2026-03-02T13:00:00Z", "end": "2026-03-02T14:00:00Z",
		"projectId": "{gemini}", "billable": false, "description": "Calls"})
	entry("e3", "{ann}", map[string]any{"start": "2026-03-03T22:00:00Z", "end": "2026-03-04T01:00:00Z",
		"projectId": "{apollo}", "tagIds": []string{"{urgent}", "{calls}"}, "billable": true, "description": "Night work"})
	entry("e4", "{ann}", map[string]any{"start": "2026-03-05T08:00:00Z", "end": "2026-03-05T08:20:00Z", "billable": false})
	entry("e5", "{owner}", map[string]any{"start": "2026-02-28T10:00:00Z", "end": "2026-02-28T11:00:00Z",
		"projectId": "{apollo}", "billable": true})
	env.MustDo(t, "PATCH", "/v1/workspaces/{ws}/time-entries/invoiced", "",
		map[string]any{"timeEntryIds": []string{"{e2}"}, "invoiced": true}, http.StatusOK)
}

// reportBody returns a report body over the fixture's week in UTC with
// extra fields merged in.
func reportBody(extra map[string]any) map[string]any {
	body := map[string]any{
		"dateRangeStart": "2026-03-02T00:00:00.000Z",
		"dateRangeEnd":   "2026-03-08T23:59:59.999Z",
		"timeZone":       "UTC",
	}
	for k, v := range extra {
		body[k] = v
	}
	return body
}

func summaryBody(groups []string, extra map[string]any) map[string]any {
	body := reportBody(extra)
	if _, ok := body["summaryFilter"]; !ok {
		body["summaryFilter"] = map[string]any{"groups": groups}
	}
	return body
}

func TestSummaryReport(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedReport(t, env)
		apitest.Run(t, env, []apitest.Case{
			{Name: "by project", Method: "POST", Path: summaryPath, Body: summaryBody([]string{"PROJECT"}, nil), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("totals.0._id", ""),
					apitest.Equal("totals.0.totalTime", 21000),
					apitest.Equal("totals.0.totalBillableTime", 16200),
					apitest.Equal("totals.0.entriesCount", 4),
					apitest.Equal("totals.0.totalAmount", 30000),
					apitest.Equal("totals.0.amounts.0.type", "EARNED"),
					apitest.Equal("totals.0.amounts.0.value", 30000),
					apitest.Len("groupOne", 3),
					apitest.Equal("groupOne.0._id", "{apollo}"),
					apitest.Equal("groupOne.0.name", "Apollo"),
					apitest.Equal("groupOne.0.nameLowerCase", "apollo"),
					apitest.Equal("groupOne.0.color", "#112233"),
					apitest.Equal("groupOne.0.duration", 16200),
					apitest.Equal("groupOne.0.amount", 30000),
					apitest.Missing("groupOne.0.children"),
					apitest.Equal("groupOne.1.name", "Gemini"),
					apitest.Equal("groupOne.1.clientName", "Acme"),
					apitest.Equal("groupOne.1.duration", 3600),
					apitest.Equal("groupOne.2._id", ""),
					apitest.Equal("groupOne.2.name", "Without project"),
					apitest.Equal("groupOne.2.duration", 1200),
					apitest.Equal("groupTotals.groupOneTotalCount", 3),
				}},
			{Name: "by project and user", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"PROJECT", "USER"}, nil), Status: 200,
				Checks: []apitest.Check{
					apitest.Len("groupOne.0.children", 2),
					apitest.Equal("groupOne.0.children.0.name", "ann"),
					apitest.Equal("groupOne.0.children.0._id", "{ann}"),
					apitest.Equal("groupOne.0.children.0.duration", 10800),
					apitest.Equal("groupOne.0.children.0.amount", 15000),
					apitest.Equal("groupOne.0.children.1.name", "owner"),
					apitest.Equal("groupOne.0.children.1.duration", 5400),
					apitest.Equal("groupOne.0.children.1.amount", 15000),
					apitest.Equal("groupTotals.groupTwoTotalCount", 4),
				}},
			{Name: "three levels", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"USER", "PROJECT", "TIMEENTRY"}, nil), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("groupOne.0.name", "ann"),
					apitest.Equal("groupOne.0.children.0.name", "Apollo"),
					apitest.Equal("groupOne.0.children.0.children.0.name", "Night work"),
					apitest.Equal("groupOne.0.children.0.children.0.duration", 10800),
					apitest.Missing("groupOne.0.children.0.children.0.children"),
					apitest.Equal("groupOne.0.children.1.name", "Without project"),
					apitest.Equal("groupOne.0.children.1.children.0.name", "(Without description)"),
				}},
			{Name: "by client", Method: "POST", Path: summaryPath, Body: summaryBody([]string{"CLIENT"}, nil), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("groupOne.0.name", "Acme"),
					apitest.Equal("groupOne.0.duration", 3600),
					apitest.Equal("groupOne.1.name", "Without client"),
					apitest.Equal("groupOne.1.duration", 17400),
				}},
			{Name: "by task", Method: "POST", Path: summaryPath, Body: summaryBody([]string{"TASK"}, nil), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("groupOne.0.name", "Design"),
					apitest.Equal("groupOne.0.duration", 5400),
					apitest.Equal("groupOne.1.name", "Without task"),
					apitest.Equal("groupOne.1.duration", 15600),
				}},
			{Name: "by tag counts an entry in each of its tags", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"TAG"}, nil), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("totals.0.totalTime", 21000),
					apitest.Equal("groupOne.0.name", "calls"),
					apitest.Equal("groupOne.0.duration", 10800),
					apitest.Equal("groupOne.1.name", "urgent"),
					apitest.Equal("groupOne.1.duration", 16200),
					apitest.Equal("groupOne.2.name", "Without tag"),
					apitest.Equal("groupOne.2.duration", 4800),
				}},
			{Name: "by date counts a midnight-crossing entry on its start day", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"DATE"}, nil), Status: 200,
				Checks: []apitest.Check{
					apitest.Len("groupOne", 3),
					apitest.Equal("groupOne.0._id", "2026-03-02"),
					apitest.Equal("groupOne.0.duration", 9000),
					apitest.Equal("groupOne.1._id", "2026-03-03"),
					apitest.Equal("groupOne.1.duration", 10800),
					apitest.Equal("groupOne.2._id", "2026-03-05"),
					apitest.Equal("groupOne.2.duration", 1200),
				}},
			{Name: "by date in New York", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"DATE"}, map[string]any{"timeZone": "America/New_York",
					"dateRangeStart": "2026-02-28T00:00:00", "dateRangeEnd": "2026-03-08T23:59:59.999"}), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("groupOne.0._id", "2026-02-28"),
					apitest.Equal("groupOne.1._id", "2026-03-02"),
					apitest.Equal("groupOne.1.duration", 9000),
					apitest.Equal("groupOne.2._id", "2026-03-03"),
					apitest.Equal("groupOne.2.duration", 10800),
				}},
			{Name: "by week with a Sunday start", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"WEEK"}, map[string]any{"weekStart": "SUNDAY",
					"dateRangeStart": "2026-02-28T00:00:00Z"}), Status: 200,
				Checks: []apitest.Check{
					apitest.Len("groupOne", 2),
					apitest.Equal("groupOne.0._id", "2026-02-22"),
					apitest.Equal("groupOne.0.name", "2026-02-22 - 2026-02-28"),
					apitest.Equal("groupOne.0.duration", 3600),
					apitest.Equal("groupOne.1._id", "2026-03-01"),
					apitest.Equal("groupOne.1.duration", 21000),
				}},
			{Name: "by month", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"MONTH"}, map[string]any{"dateRangeStart": "2026-02-01T00:00:00Z"}), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("groupOne.0._id", "2026-02"),
					apitest.Equal("groupOne.0.name", "February 2026"),
					apitest.Equal("groupOne.0.duration", 3600),
					apitest.Equal("groupOne.1.name", "March 2026"),
					apitest.Equal("groupOne.1.duration", 21000),
				}},
			{Name: "by user group", Method: "POST", Path: summaryPath, Body: summaryBody([]string{"USER_GROUP"}, nil), Status: 200,
				Checks: []apitest.Check{apitest.Equal("groupOne.0.duration", 21000)}},
			{Name: "sorted by duration descending", Method: "POST", Path: summaryPath,
				Body: summaryBody(nil, map[string]any{"sortOrder": "DESCENDING",
					"summaryFilter": map[string]any{"groups": []string{"PROJECT"}, "sortColumn": "DURATION"}}), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("groupOne.0.name", "Apollo"),
					apitest.Equal("groupOne.1.name", "Gemini"),
					apitest.Equal("groupOne.2.name", "Without project"),
				}},
			{Name: "sorted by duration ascending", Method: "POST", Path: summaryPath,
				Body: summaryBody(nil, map[string]any{"sortOrder": "ASCENDING",
					"summaryFilter": map[string]any{"groups": []string{"PROJECT"}, "sortColumn": "DURATION"}}), Status: 200,
				Checks: []apitest.Check{apitest.Equal("groupOne.0.name", "Without project")}},
			{Name: "cost amounts", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"PROJECT"}, map[string]any{"amountShown": "COST"}), Status: 200,
				Checks: []apitest.Check{
					// Each entry's cost rounds to whole cents: e4's 20 minutes at 40.00/h is 1333.33.
					apitest.Equal("totals.0.totalAmount", 6000+4000+12000+1333),
					apitest.Equal("totals.0.amounts.0.type", "COST"),
					apitest.Equal("groupOne.1.amount", 4000),
				}},
			{Name: "profit and several amounts", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"PROJECT"}, map[string]any{"amountShown": "PROFIT", "amounts": []string{"EARNED", "COST", "PROFIT"}}), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("totals.0.totalAmount", 30000-23333),
					apitest.Len("totals.0.amounts", 3),
					apitest.Equal("totals.0.amounts.0.value", 30000),
					apitest.Equal("totals.0.amounts.2.type", "PROFIT"),
					apitest.Equal("totals.0.totalAmountByCurrency.0.currency", "USD"),
				}},
			{Name: "hidden amounts", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"PROJECT"}, map[string]any{"amountShown": "HIDE_AMOUNT"}), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("totals.0.totalAmount", 0),
					apitest.Len("totals.0.amounts", 0),
					apitest.Equal("groupOne.0.amount", 0),
				}},
			{Name: "rounding to the nearest quarter hour", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"PROJECT"}, map[string]any{"rounding": true}), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("totals.0.totalTime", 20700),
					apitest.Equal("groupOne.2.duration", 900),
				}},
			{Name: "empty range", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"PROJECT"}, map[string]any{"dateRangeStart": "2025-01-01T00:00:00Z", "dateRangeEnd": "2025-01-31T23:59:59.999Z"}), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("totals.0.totalTime", 0),
					apitest.Equal("totals.0.entriesCount", 0),
					apitest.Len("groupOne", 0),
				}},
			{Name: "billability chart", Method: "POST", Path: summaryPath, Body: summaryBody([]string{"PROJECT"}, nil), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("donutChart.0._id", "BILLABLE"),
					apitest.Equal("donutChart.0.duration", 16200),
					apitest.Equal("donutChart.1._id", "NON_BILLABLE"),
					apitest.Equal("donutChart.1.duration", 4800),
				}},
		})
	})
}

func TestSummaryReportRejects(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedReport(t, env)
		cases := []struct {
			name, contains string
			body           any
		}{
			{"no summary filter", "summaryFilter.groups", reportBody(nil)},
			{"four groups", "at most 3", summaryBody([]string{"PROJECT", "USER", "DATE", "TAG"}, nil)},
			{"repeated group", "twice", summaryBody([]string{"PROJECT", "PROJECT"}, nil)},
			{"unknown group", "'COLOR'", summaryBody([]string{"COLOR"}, nil)},
			{"unknown time zone", "Mars/Olympus", summaryBody([]string{"PROJECT"}, map[string]any{"timeZone": "Mars/Olympus"})},
			{"bad start", "dateRangeStart", summaryBody([]string{"PROJECT"}, map[string]any{"dateRangeStart": "yesterday"})},
			{"missing end", "dateRangeEnd", summaryBody([]string{"PROJECT"}, map[string]any{"dateRangeEnd": ""})},
			{"end before start", "later than", summaryBody([]string{"PROJECT"}, map[string]any{"dateRangeEnd": "2026-03-01T00:00:00Z"})},
			{"bad sort order", "sortOrder", summaryBody([]string{"PROJECT"}, map[string]any{"sortOrder": "UP"})},
			{"bad contains", "projects.contains", summaryBody([]string{"PROJECT"}, map[string]any{"projects": map[string]any{"ids": []string{}, "contains": "MAYBE"}})},
			{"bad id", "not a 24-hex id", summaryBody([]string{"PROJECT"}, map[string]any{"users": map[string]any{"ids": []string{"x"}}})},
			{"bad export type", "exportType", summaryBody([]string{"PROJECT"}, map[string]any{"exportType": "DOCX"})},
			{"wrong field type", "billable", summaryBody([]string{"PROJECT"}, map[string]any{"billable": "sometimes"})},
			{"not json", "not valid JSON", "{"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				r := env.Do(t, "POST", summaryPath, "", c.body, nil)
				if r.Status != http.StatusBadRequest {
					t.Fatalf("status %d, want 400; body %s", r.Status, r.Body)
				}
				apitest.ErrorBody(501)(t, r)
				apitest.Contains("message", c.contains)(t, r)
			})
		}
	})
}

func detailedBody(filter map[string]any, extra map[string]any) map[string]any {
	body := reportBody(extra)
	body["detailedFilter"] = filter
	return body
}

func TestDetailedReport(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedReport(t, env)
		apitest.Run(t, env, []apitest.Case{
			{Name: "first page newest first", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{"page": 1, "pageSize": 2}, nil), Status: 200,
				Checks: []apitest.Check{
					apitest.Len("timeentries", 2),
					apitest.Equal("timeentries.0._id", "{e4}"),
					apitest.Equal("timeentries.1._id", "{e3}"),
					apitest.Equal("totals.0.totalTime", 21000),
					apitest.Equal("totals.0.entriesCount", 4),
				}},
			{Name: "entry shape", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{"page": 2, "pageSize": 2}, map[string]any{"timeZone": "Europe/Berlin"}), Status: 200,
				Checks: []apitest.Check{
					apitest.Len("timeentries", 2),
					apitest.Equal("timeentries.1._id", "{e1}"),
					apitest.Equal("timeentries.1.description", "Planning"),
					apitest.Equal("timeentries.1.userId", "{owner}"),
					apitest.Equal("timeentries.1.userName", "owner"),
					apitest.Equal("timeentries.1.billable", true),
					apitest.Equal("timeentries.1.projectId", "{apollo}"),
					apitest.Equal("timeentries.1.projectName", "Apollo"),
					apitest.Equal("timeentries.1.projectColor", "#112233"),
					apitest.Equal("timeentries.1.clientId", nil),
					apitest.Equal("timeentries.1.taskId", "{design}"),
					apitest.Equal("timeentries.1.taskName", "Design"),
					apitest.Equal("timeentries.1.tags.0._id", "{urgent}"),
					apitest.Equal("timeentries.1.tags.0.name", "urgent"),
					apitest.Equal("timeentries.1.timeInterval.start", "2026-03-02T10:00:00+01:00"),
					apitest.Equal("timeentries.1.timeInterval.end", "2026-03-02T11:30:00+01:00"),
					apitest.Equal("timeentries.1.timeInterval.duration", 5400),
					apitest.Equal("timeentries.1.type", "REGULAR"),
					apitest.Equal("timeentries.1.rate", 10000),
					apitest.Equal("timeentries.1.amount", 15000),
					apitest.Equal("timeentries.1.earnedAmount", 15000),
					apitest.Equal("timeentries.1.costRate", 4000),
					apitest.Equal("timeentries.1.costAmount", 6000),
					apitest.Equal("timeentries.1.currency", "USD"),
					apitest.Equal("timeentries.0.clientName", "Acme"),
					apitest.Equal("timeentries.0.invoiced", true),
				}},
			{Name: "page past the end", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{"page": 3, "pageSize": 2}, nil), Status: 200,
				Checks: []apitest.Check{apitest.Len("timeentries", 0), apitest.Equal("totals.0.entriesCount", 4)}},
			{Name: "totals excluded", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{"page": 1, "pageSize": 1, "options": map[string]any{"totals": "EXCLUDE"}}, nil), Status: 200,
				Checks: []apitest.Check{apitest.Len("timeentries", 1), apitest.Len("totals", 0)}},
			{Name: "oldest first", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{"sortColumn": "DATE"}, map[string]any{"sortOrder": "ASCENDING"}), Status: 200,
				Checks: []apitest.Check{apitest.Equal("timeentries.0._id", "{e1}"), apitest.Equal("timeentries.3._id", "{e4}")}},
			{Name: "by duration", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{"sortColumn": "DURATION"}, map[string]any{"sortOrder": "DESCENDING"}), Status: 200,
				Checks: []apitest.Check{apitest.Equal("timeentries.0._id", "{e3}"), apitest.Equal("timeentries.3._id", "{e4}")}},
			{Name: "by user then date", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{"sortColumn": "USER_DATE"}, map[string]any{"sortOrder": "ASCENDING"}), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("timeentries.0._id", "{e3}"), apitest.Equal("timeentries.1._id", "{e4}"),
					apitest.Equal("timeentries.2._id", "{e1}"),
				}},
			{Name: "by description", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{"sortColumn": "DESCRIPTION"}, map[string]any{"sortOrder": "ASCENDING"}), Status: 200,
				Checks: []apitest.Check{apitest.Equal("timeentries.0._id", "{e4}"), apitest.Equal("timeentries.1._id", "{e2}")}},
			{Name: "audit of long entries", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{"auditFilter": map[string]any{"duration": 2}}, nil), Status: 200,
				Checks: []apitest.Check{apitest.Len("timeentries", 1), apitest.Equal("timeentries.0._id", "{e3}")}},
			{Name: "audit of short entries without project", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{"auditFilter": map[string]any{"duration": 1, "durationShorter": true, "withoutProject": true}}, nil), Status: 200,
				Checks: []apitest.Check{apitest.Len("timeentries", 1), apitest.Equal("timeentries.0._id", "{e4}")}},
			{Name: "audit without task", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{"auditFilter": map[string]any{"withoutTask": true}}, nil), Status: 200,
				Checks: []apitest.Check{apitest.Len("timeentries", 3)}},
			{Name: "page behind rows the filters drop", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{"page": 1, "pageSize": 1},
					map[string]any{"tags": map[string]any{"ids": []string{"{urgent}"}, "contains": "CONTAINS_ONLY"}}), Status: 200,
				Checks: []apitest.Check{apitest.Len("timeentries", 1), apitest.Equal("timeentries.0._id", "{e1}"), apitest.Equal("totals.0.entriesCount", 1)}},
			{Name: "second page behind dropped rows", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{"page": 2, "pageSize": 1}, map[string]any{"description": "a"}), Status: 200,
				Checks: []apitest.Check{apitest.Len("timeentries", 1), apitest.Equal("timeentries.0._id", "{e1}")}},
			{Name: "default page size", Method: "POST", Path: detailedPath, Body: detailedBody(map[string]any{}, nil), Status: 200,
				Checks: []apitest.Check{apitest.Len("timeentries", 4)}},
			{Name: "page size over the limit", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{"pageSize": 1001}, nil), Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "pageSize")}},
			{Name: "page zero", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{"page": 0}, nil), Status: 400,
				Checks: []apitest.Check{apitest.Contains("message", "detailedFilter.page")}},
			{Name: "missing detailed filter", Method: "POST", Path: detailedPath, Body: reportBody(nil), Status: 400,
				Checks: []apitest.Check{apitest.Contains("message", "detailedFilter")}},
			{Name: "bad sort column", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{"sortColumn": "COLOR"}, nil), Status: 400,
				Checks: []apitest.Check{apitest.Contains("message", "sortColumn")}},
			{Name: "no key", Method: "POST", Path: detailedPath, Key: apitest.NoKey,
				Body: detailedBody(map[string]any{}, nil), Status: 401},
		})
	})
}

// filterCases are report filters over the fixture with the entries each
// one keeps.
var filterCases = []struct {
	name    string
	filter  map[string]any
	entries []string
}{
	{"no filter", nil, []string{"e1", "e2", "e3", "e4"}},
	{"users contain", map[string]any{"users": map[string]any{"ids": []string{"{ann}"}, "contains": "CONTAINS", "status": "ALL"}}, []string{"e3", "e4"}},
	{"users do not contain", map[string]any{"users": map[string]any{"ids": []string{"{ann}"}, "contains": "DOES_NOT_CONTAIN", "status": "ALL"}}, []string{"e1", "e2"}},
	{"active users", map[string]any{"users": map[string]any{"ids": []string{}, "contains": "DOES_NOT_CONTAIN", "status": "ACTIVE"}}, []string{"e1", "e2", "e3", "e4"}},
	{"inactive users", map[string]any{"users": map[string]any{"ids": []string{}, "status": "INACTIVE"}}, nil},
	{"user groups", map[string]any{"userGroups": map[string]any{"ids": []string{"aaaaaaaaaaaaaaaaaaaaaaaa"}, "contains": "CONTAINS"}}, nil},
	{"projects contain", map[string]any{"projects": map[string]any{"ids": []string{"{apollo}"}, "contains": "CONTAINS"}}, []string{"e1", "e3"}},
	{"projects do not contain", map[string]any{"projects": map[string]any{"ids": []string{"{apollo}"}, "contains": "DOES_NOT_CONTAIN"}}, []string{"e2", "e4"}},
	{"archived projects only", map[string]any{"projects": map[string]any{"ids": []string{}, "status": "ARCHIVED"}}, []string{"e4"}},
	{"clients contain", map[string]any{"clients": map[string]any{"ids": []string{"{acme}"}, "contains": "CONTAINS"}}, []string{"e2"}},
	{"clients do not contain", map[string]any{"clients": map[string]any{"ids": []string{"{acme}"}, "contains": "DOES_NOT_CONTAIN"}}, []string{"e1", "e3", "e4"}},
	{"tasks contain", map[string]any{"tasks": map[string]any{"ids": []string{"{design}"}, "contains": "CONTAINS"}}, []string{"e1"}},
	{"tags contain", map[string]any{"tags": map[string]any{"ids": []string{"{urgent}"}, "contains": "CONTAINS"}}, []string{"e1", "e3"}},
	{"tags do not contain", map[string]any{"tags": map[string]any{"ids": []string{"{urgent}"}, "contains": "DOES_NOT_CONTAIN"}}, []string{"e2", "e4"}},
	{"tags contain only", map[string]any{"tags": map[string]any{"ids": []string{"{urgent}"}, "containedInTimeentry": "CONTAINS_ONLY"}}, []string{"e1"}},
	{"billable", map[string]any{"billable": true}, []string{"e1", "e3"}},
	{"non-billable", map[string]any{"billable": false}, []string{"e2", "e4"}},
	{"description", map[string]any{"description": "NIGHT"}, []string{"e3"}},
	{"without description", map[string]any{"withoutDescription": true}, []string{"e4"}},
	{"invoiced", map[string]any{"invoicingState": "INVOICED"}, []string{"e2"}},
	{"uninvoiced", map[string]any{"invoicingState": "UNINVOICED"}, []string{"e1", "e3", "e4"}},
	{"approved", map[string]any{"approvalState": "APPROVED"}, nil},
	{"approval any", map[string]any{"approvalState": "ALL"}, []string{"e1", "e2", "e3", "e4"}},
	{"date range of one day", map[string]any{"dateRangeStart": "2026-03-03T00:00:00Z", "dateRangeEnd": "2026-03-03T23:59:59.999Z"}, []string{"e3"}},
	{"exclusive midnight end", map[string]any{"dateRangeStart": "2026-02-28T00:00:00Z", "dateRangeEnd": "2026-03-02T00:00:00Z"}, []string{"e5"}},
}

// TestReportFilters runs each filter through the summary and the detailed
// report, and checks that both keep the same entries and that the totals
// equal the sum of those entries.
func TestReportFilters(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedReport(t, env)
		for _, c := range filterCases {
			t.Run(c.name, func(t *testing.T) {
				summary := env.MustDo(t, "POST", summaryPath, "", summaryBody([]string{"PROJECT", "USER"}, c.filter), http.StatusOK)
				detailed := env.MustDo(t, "POST", detailedPath, "", detailedBody(map[string]any{"pageSize": 1000}, c.filter), http.StatusOK)

				rows, _ := apitest.Lookup(detailed, "timeentries")
				var ids []string
				var seconds int64
				for _, row := range rows.([]any) {
					ids = append(ids, apitest.Str(t, row, "_id"))
					seconds += number(t, row, "timeInterval.duration")
				}
				var want []string
				for _, name := range c.entries {
					want = append(want, env.Vars[name])
				}
				if !sameSet(ids, want) {
					t.Errorf("detailed report kept %v, want %v", ids, c.entries)
				}
				if got := number(t, detailed, "totals.0.totalTime"); got != seconds {
					t.Errorf("detailed totalTime = %d, want the sum of its entries %d", got, seconds)
				}
				if got := number(t, summary, "totals.0.totalTime"); got != seconds {
					t.Errorf("summary totalTime = %d, want the sum of the detailed entries %d", got, seconds)
				}
				if got := number(t, summary, "totals.0.entriesCount"); got != int64(len(ids)) {
					t.Errorf("summary entriesCount = %d, want %d", got, len(ids))
				}
				groups, _ := apitest.Lookup(summary, "groupOne")
				var groupSum, childSum int64
				for _, g := range groups.([]any) {
					groupSum += number(t, g, "duration")
					children, _ := apitest.Lookup(g, "children")
					for _, child := range children.([]any) {
						childSum += number(t, child, "duration")
					}
				}
				if groupSum != seconds || childSum != seconds {
					t.Errorf("group durations sum to %d and subgroup durations to %d, want %d", groupSum, childSum, seconds)
				}
			})
		}
	})
}

func number(t testing.TB, v any, path string) int64 {
	t.Helper()
	got, ok := apitest.Lookup(v, path)
	n, isNumber := got.(json.Number)
	if !ok || !isNumber {
		t.Fatalf("%s: want a number, got %#v", path, got)
	}
	i, err := n.Int64()
	if err != nil {
		t.Fatalf("%s: want an integer, got %s", path, n)
	}
	return i
}

// TestReportDaylightSaving checks days cut in Europe/Berlin around the
// spring-forward night of 29 March 2026, when clocks jump from 02:00 to
// 03:00 and the day has 23 hours.
func TestReportDaylightSaving(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		entry := func(name, start, end string) {
			v := env.MustDo(t, "POST", "/v1/workspaces/{ws}/time-entries", "", map[string]any{"start": start, "end": end}, http.StatusCreated)
			env.Vars[name] = apitest.Str(t, v, "id")
		}
		// 23:30 CET on the 28th to 01:30 CET on the 29th: crosses midnight.
		entry("before", "2026-03-28T22:30:00Z", "2026-03-29T00:30:00Z")
		// 01:30 CET to 03:30 CEST: two hours on the wall clock, one elapsed.
		entry("jump", "2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z")
		// 23:30 CEST on the 29th, which is 21:30 UTC.
		entry("late", "2026-03-29T21:30:00Z", "2026-03-29T22:00:00Z")
		// 00:30 CEST on the 30th, still the 29th in UTC.
		entry("next", "2026-03-29T22:30:00Z", "2026-03-29T23:00:00Z")

		berlin := func(start, end string, groups ...string) map[string]any {
			return map[string]any{"dateRangeStart": start, "dateRangeEnd": end, "timeZone": "Europe/Berlin",
				"summaryFilter": map[string]any{"groups": groups}}
		}
		apitest.Run(t, env, []apitest.Case{
			{Name: "the spring-forward day", Method: "POST", Path: summaryPath,
				Body: berlin("2026-03-29T00:00:00", "2026-03-29T23:59:59.999", "DATE"), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("totals.0.entriesCount", 2),
					apitest.Equal("totals.0.totalTime", 3600+1800),
					apitest.Len("groupOne", 1),
					apitest.Equal("groupOne.0._id", "2026-03-29"),
				}},
			{Name: "three days", Method: "POST", Path: summaryPath,
				Body: berlin("2026-03-28T00:00:00", "2026-03-30T23:59:59.999", "DATE"), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("groupOne.0._id", "2026-03-28"),
					apitest.Equal("groupOne.0.duration", 7200),
					apitest.Equal("groupOne.1._id", "2026-03-29"),
					apitest.Equal("groupOne.1.duration", 5400),
					apitest.Equal("groupOne.2._id", "2026-03-30"),
					apitest.Equal("groupOne.2.duration", 1800),
				}},
			{Name: "the same days in UTC", Method: "POST", Path: summaryPath,
				Body: map[string]any{"dateRangeStart": "2026-03-28T00:00:00Z", "dateRangeEnd": "2026-03-30T23:59:59.999Z",
					"timeZone": "UTC", "summaryFilter": map[string]any{"groups": []string{"DATE"}}}, Status: 200,
				Checks: []apitest.Check{
					apitest.Len("groupOne", 2),
					apitest.Equal("groupOne.0.duration", 7200),
					apitest.Equal("groupOne.1.duration", 3600+1800+1800),
				}},
			{Name: "detailed times carry each instant's offset", Method: "POST", Path: detailedPath,
				Body: map[string]any{"dateRangeStart": "2026-03-29T00:00:00", "dateRangeEnd": "2026-03-29T23:59:59.999",
					"timeZone": "Europe/Berlin", "sortOrder": "ASCENDING", "detailedFilter": map[string]any{}}, Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("timeentries.0.timeInterval.start", "2026-03-29T01:30:00+01:00"),
					apitest.Equal("timeentries.0.timeInterval.end", "2026-03-29T03:30:00+02:00"),
					apitest.Equal("timeentries.0.timeInterval.duration", 3600),
				}},
			{Name: "weekly over the change", Method: "POST", Path: weeklyPath,
				Body: map[string]any{"dateRangeStart": "2026-03-23T00:00:00", "dateRangeEnd": "2026-03-29T23:59:59.999",
					"timeZone": "Europe/Berlin", "weeklyFilter": map[string]any{"group": "USER", "subgroup": "TIME"}}, Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("totalsByDay.5.date", "2026-03-28"),
					apitest.Equal("totalsByDay.5.duration", 7200),
					apitest.Equal("totalsByDay.6.date", "2026-03-29"),
					apitest.Equal("totalsByDay.6.duration", 5400),
				}},
		})
	})
}

func weeklyBody(group string, extra map[string]any) map[string]any {
	body := reportBody(extra)
	body["weeklyFilter"] = map[string]any{"group": group, "subgroup": "TIME"}
	return body
}

func TestWeeklyReport(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedReport(t, env)
		env.NewUser(t, "idle", domain.RoleUser, "")
		apitest.Run(t, env, []apitest.Case{
			{Name: "by user", Method: "POST", Path: weeklyPath, Body: weeklyBody("USER", nil), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("totals.0.totalTime", 21000),
					apitest.Len("totalsByDay", 7),
					apitest.Equal("totalsByDay.0.date", "2026-03-02"),
					apitest.Equal("totalsByDay.0.duration", 9000),
					apitest.Equal("totalsByDay.0.amount", 15000),
					apitest.Equal("totalsByDay.1.duration", 10800),
					apitest.Equal("totalsByDay.2.duration", 0),
					apitest.Equal("totalsByDay.3.duration", 1200),
					apitest.Equal("totalsByDay.6.date", "2026-03-08"),
					apitest.Len("groupOne", 2),
					apitest.Equal("groupOne.0.name", "ann"),
					apitest.Equal("groupOne.0.duration", 12000),
					apitest.Equal("groupOne.0.days.1.duration", 10800),
					apitest.Equal("groupOne.0.children.0.name", "Apollo"),
					apitest.Equal("groupOne.0.children.0.days.1.duration", 10800),
					apitest.Equal("groupOne.1.name", "owner"),
					apitest.Len("usersWithoutTime", 1),
					apitest.Equal("usersWithoutTime.0.name", "idle"),
					apitest.Equal("includeUsersWithoutTime", true),
				}},
			{Name: "by project", Method: "POST", Path: weeklyPath, Body: weeklyBody("PROJECT", nil), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("groupOne.0.name", "Apollo"),
					apitest.Equal("groupOne.0.duration", 16200),
					apitest.Equal("groupOne.0.children.0.name", "ann"),
					apitest.Equal("groupOne.2.name", "Without project"),
					apitest.Len("usersWithoutTime", 0),
				}},
			{Name: "exclusive end", Method: "POST", Path: weeklyPath,
				Body: weeklyBody("USER", map[string]any{"dateRangeEnd": "2026-03-09T00:00:00.000Z"}), Status: 200,
				Checks: []apitest.Check{apitest.Equal("totals.0.totalTime", 21000)}},
			{Name: "end in whole seconds", Method: "POST", Path: weeklyPath,
				Body: weeklyBody("USER", map[string]any{"dateRangeEnd": "2026-03-08T23:59:59Z"}), Status: 200,
				Checks: []apitest.Check{apitest.Equal("totals.0.totalTime", 21000), apitest.Len("totalsByDay", 7)}},
			{Name: "end in whole minutes with an offset", Method: "POST", Path: weeklyPath,
				Body: weeklyBody("USER", map[string]any{"dateRangeEnd": "2026-03-08T23:59+00:00"}), Status: 200,
				Checks: []apitest.Check{apitest.Equal("totals.0.totalTime", 21000)}},
			{Name: "end a second early", Method: "POST", Path: weeklyPath,
				Body: weeklyBody("USER", map[string]any{"dateRangeEnd": "2026-03-08T23:59:58Z"}), Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "empty week", Method: "POST", Path: weeklyPath,
				Body: weeklyBody("USER", map[string]any{"dateRangeStart": "2025-03-03T00:00:00Z", "dateRangeEnd": "2025-03-09T23:59:59.999Z"}), Status: 200,
				Checks: []apitest.Check{apitest.Len("totals", 0), apitest.Len("groupOne", 0), apitest.Len("usersWithoutTime", 3)}},
			{Name: "six days", Method: "POST", Path: weeklyPath,
				Body: weeklyBody("USER", map[string]any{"dateRangeEnd": "2026-03-07T23:59:59.999Z"}), Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Equal("message", "Please select date range of exactly 7 days for weekly report")}},
			{Name: "eight days", Method: "POST", Path: weeklyPath,
				Body: weeklyBody("USER", map[string]any{"dateRangeEnd": "2026-03-09T23:59:59.999Z"}), Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "start not at midnight", Method: "POST", Path: weeklyPath,
				Body: weeklyBody("USER", map[string]any{"dateRangeStart": "2026-03-02T08:00:00Z"}), Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "bad group", Method: "POST", Path: weeklyPath, Body: weeklyBody("TAG", nil), Status: 400,
				Checks: []apitest.Check{apitest.Contains("message", "weeklyFilter.group")}},
		})
	})
}

func attendanceBody(filter map[string]any, extra map[string]any) map[string]any {
	body := reportBody(extra)
	body["attendanceFilter"] = filter
	return body
}

func TestAttendanceReport(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedReport(t, env)
		apitest.Run(t, env, []apitest.Case{
			{Name: "per user and day", Method: "POST", Path: attendancePath, Body: attendanceBody(map[string]any{}, nil), Status: 200,
				Checks: []apitest.Check{
					apitest.Len("entities", 3),
					apitest.Equal("entities.0.userName", "ann"),
					apitest.Equal("entities.0.date", "2026-03-03"),
					apitest.Equal("entities.0.startTime", "2026-03-03T22:00:00+00:00"),
					apitest.Equal("entities.0.endTime", "2026-03-04T01:00:00+00:00"),
					apitest.Equal("entities.0.totalDuration", 10800),
					apitest.Equal("entities.0.capacity", 28800),
					apitest.Equal("entities.0.overtime", 0),
					apitest.Equal("entities.0.remainingCapacity", 18000),
					apitest.Equal("entities.2.userName", "owner"),
					apitest.Equal("entities.2.date", "2026-03-02"),
					apitest.Equal("entities.2.totalDuration", 9000),
					apitest.Equal("entities.2.break", 9000),
					apitest.Equal("entities.2.hasRunningEntry", false),
				}},
			{Name: "sorted by work descending", Method: "POST", Path: attendancePath,
				Body: attendanceBody(map[string]any{"sortColumn": "WORK"}, map[string]any{"sortOrder": "DESCENDING"}), Status: 200,
				Checks: []apitest.Check{apitest.Equal("entities.0.totalDuration", 10800), apitest.Equal("entities.2.totalDuration", 1200)}},
			{Name: "work over two hours", Method: "POST", Path: attendancePath,
				Body: attendanceBody(map[string]any{"workFilters": []any{map[string]any{"filtrationType": "LARGER_THAN", "value": "200"}}}, nil), Status: 200,
				Checks: []apitest.Check{apitest.Len("entities", 2)}},
			{Name: "start at eight", Method: "POST", Path: attendancePath,
				Body: attendanceBody(map[string]any{"startFilters": []any{map[string]any{"filtrationType": "EXACTLY", "value": "08:00"}}}, nil), Status: 200,
				Checks: []apitest.Check{apitest.Len("entities", 1), apitest.Equal("entities.0.date", "2026-03-05")}},
			{Name: "second page", Method: "POST", Path: attendancePath,
				Body: attendanceBody(map[string]any{"page": 2, "pageSize": 2}, nil), Status: 200,
				Checks: []apitest.Check{apitest.Len("entities", 1)}},
			{Name: "bad filter value", Method: "POST", Path: attendancePath,
				Body: attendanceBody(map[string]any{"startFilters": []any{map[string]any{"filtrationType": "EXACTLY", "value": "9 am"}}}, nil), Status: 400,
				Checks: []apitest.Check{apitest.Contains("message", "startFilters")}},
			{Name: "missing filter", Method: "POST", Path: attendancePath, Body: reportBody(nil), Status: 400,
				Checks: []apitest.Check{apitest.Contains("message", "attendanceFilter")}},
		})
	})
}

func TestReportPermissions(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedReport(t, env)
		outsider, err := env.Svc.CreateUser(context.Background(), domain.NewUser{Email: "outsider@example.com",
			Name: "outsider", Role: domain.RoleOwner, WorkspaceName: "elsewhere"})
		if err != nil {
			t.Fatalf("creating a user in another workspace: %v", err)
		}
		env.Vars["outsiderKey"] = outsider.APIKey
		apitest.Run(t, env, []apitest.Case{
			{Name: "member sees everyone by default", Method: "POST", Path: summaryPath, Key: "{annKey}",
				Body: summaryBody([]string{"USER"}, nil), Status: 200,
				Checks: []apitest.Check{apitest.Equal("totals.0.totalTime", 21000), apitest.Equal("totals.0.totalAmount", 30000)}},
			{Name: "outsider is denied", Method: "POST", Path: summaryPath, Key: "{outsiderKey}",
				Body: summaryBody([]string{"USER"}, nil), Status: 403},
		})

		changeSettings(t, env, func(s *domain.WorkspaceSettings) {
			s.OnlyAdminsSeeAllTimeEntries = true
			s.OnlyAdminsSeeBillableRates = true
		})
		apitest.Run(t, env, []apitest.Case{
			{Name: "member sees only own entries", Method: "POST", Path: summaryPath, Key: "{annKey}",
				Body: summaryBody([]string{"USER"}, nil), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("totals.0.totalTime", 12000),
					apitest.Len("groupOne", 1),
					apitest.Equal("groupOne.0._id", "{ann}"),
				}},
			{Name: "member asking for others gets own entries", Method: "POST", Path: detailedPath, Key: "{annKey}",
				Body: detailedBody(map[string]any{}, map[string]any{"users": map[string]any{"ids": []string{"{owner}"}, "contains": "CONTAINS"}}), Status: 200,
				Checks: []apitest.Check{apitest.Len("timeentries", 0)}},
			{Name: "member gets no amounts", Method: "POST", Path: detailedPath, Key: "{annKey}",
				Body: detailedBody(map[string]any{}, nil), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("totals.0.totalAmount", 0),
					apitest.Len("totals.0.amounts", 0),
					apitest.Equal("timeentries.0.rate", nil),
					apitest.Equal("timeentries.0.amount", nil),
				}},
			{Name: "member export has no money columns", Method: "POST", Path: detailedPath, Key: "{annKey}",
				Body: detailedBody(map[string]any{}, map[string]any{"exportType": "CSV"}), Status: 200,
				Checks: []apitest.Check{func(t testing.TB, r *apitest.Response) {
					if strings.Contains(string(r.Body), "Billable Rate") {
						t.Errorf("the CSV header shows rates: %.200s", r.Body)
					}
				}}},
			{Name: "admin still sees everything", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"USER"}, nil), Status: 200,
				Checks: []apitest.Check{apitest.Equal("totals.0.totalTime", 21000), apitest.Equal("totals.0.totalAmount", 30000)}},
		})
	})
}

func TestReportUserGroupsAndRounding(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedReport(t, env)
		v := env.Do(t, "POST", "/v1/workspaces/{ws}/user-groups", "", map[string]any{"name": "Night shift"}, nil)
		env.Vars["night"] = apitest.Str(t, v.JSON(t), "id")
		env.Do(t, "POST", "/v1/workspaces/{ws}/user-groups/{night}/users", "", map[string]any{"userId": "{ann}"}, nil)

		apitest.Run(t, env, []apitest.Case{
			{Name: "grouped by user group", Method: "POST", Path: summaryPath, Body: summaryBody([]string{"USER_GROUP"}, nil), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("groupOne.0._id", "{night}"),
					apitest.Equal("groupOne.0.name", "Night shift"),
					apitest.Equal("groupOne.0.duration", 12000),
					apitest.Equal("groupOne.1.name", "Without group"),
					apitest.Equal("groupOne.1.duration", 9000),
				}},
			{Name: "user group filter", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"USER"}, map[string]any{"userGroups": map[string]any{"ids": []string{"{night}"}, "contains": "CONTAINS"}}), Status: 200,
				Checks: []apitest.Check{apitest.Equal("totals.0.totalTime", 12000)}},
			{Name: "user group exclusion", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"USER"}, map[string]any{"userGroups": map[string]any{"ids": []string{"{night}"}, "contains": "DOES_NOT_CONTAIN"}}), Status: 200,
				Checks: []apitest.Check{apitest.Equal("totals.0.totalTime", 9000)}},
			{Name: "group column in the CSV", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{}, map[string]any{"exportType": "CSV", "sortOrder": "ASCENDING"}), Status: 200,
				Checks: []apitest.Check{func(t testing.TB, r *apitest.Response) {
					if !strings.Contains(string(r.Body), `"ann","Night shift"`) {
						t.Errorf("the CSV lacks ann's group: %s", r.Body)
					}
				}}},
		})

		changeSettings(t, env, func(s *domain.WorkspaceSettings) {
			s.Round = domain.RoundSetting{Mode: domain.RoundUp, Minutes: 30}
			s.TimeRoundingInReports = true
		})
		apitest.Run(t, env, []apitest.Case{
			// e4's 20 minutes round up to 30; the others are whole half hours.
			{Name: "workspace rounding applies by default", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"PROJECT"}, nil), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("totals.0.totalTime", 21000-1200+1800),
					apitest.Equal("groupOne.2.duration", 1800),
				}},
			{Name: "rounding turned off in the request", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"PROJECT"}, map[string]any{"rounding": false}), Status: 200,
				Checks: []apitest.Check{apitest.Equal("totals.0.totalTime", 21000)}},
			{Name: "rounded amounts", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{"sortColumn": "DURATION"}, map[string]any{"sortOrder": "ASCENDING"}), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("timeentries.0._id", "{e4}"),
					apitest.Equal("timeentries.0.timeInterval.duration", 1800),
					apitest.Equal("timeentries.0.costAmount", 2000),
				}},
		})
	})
}

func TestAttendanceCapacity(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedReport(t, env)
		// Ann works two hours a day, and not on Tuesdays.
		env.MustDo(t, "PATCH", "/v1/workspaces/{ws}/member-profile/{ann}", "", map[string]any{
			"workCapacity": "PT2H", "workingDays": []string{"MONDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}}, http.StatusOK)
		apitest.Run(t, env, []apitest.Case{
			{Name: "capacity from the profile", Method: "POST", Path: attendancePath,
				Body: attendanceBody(map[string]any{"sortColumn": "DATE"}, map[string]any{"sortOrder": "ASCENDING"}), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("entities.0.userName", "owner"),
					apitest.Equal("entities.0.capacity", 28800),
					apitest.Equal("entities.1.userName", "ann"),
					apitest.Equal("entities.1.date", "2026-03-03"),
					apitest.Equal("entities.1.capacity", 0),
					apitest.Equal("entities.1.overtime", 10800),
					apitest.Equal("entities.2.date", "2026-03-05"),
					apitest.Equal("entities.2.capacity", 7200),
					apitest.Equal("entities.2.remainingCapacity", 6000),
				}},
			{Name: "overtime filter", Method: "POST", Path: attendancePath,
				Body: attendanceBody(map[string]any{"overtimeFilters": []any{map[string]any{"filtrationType": "LARGER_THAN", "value": "0"}}}, nil), Status: 200,
				Checks: []apitest.Check{apitest.Len("entities", 1), apitest.Equal("entities.0.userName", "ann")}},
		})
	})
}

func TestReportCustomFields(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedReport(t, env)
		field := func(name string, body map[string]any) {
			v := env.MustDo(t, "POST", "/v1/workspaces/{ws}/custom-fields", "", body, http.StatusCreated)
			env.Vars[name] = apitest.Str(t, v, "id")
		}
		field("ticket", map[string]any{"name": "Ticket", "type": "TXT", "status": "VISIBLE"})
		field("points", map[string]any{"name": "Points", "type": "NUMBER", "status": "VISIBLE"})
		setFields := func(entry string, values []any) {
			body := map[string]any{"start": "2026-03-02T09:00:00Z", "end": "2026-03-02T10:30:00Z", "projectId": "{apollo}",
				"taskId": "{design}", "tagIds": []string{"{urgent}"}, "billable": true, "description": "Planning", "customFields": values}
			if entry == "e2" {
				body = map[string]any{"start": "2026-03-02T13:00:00Z", "end": "2026-03-02T14:00:00Z", "projectId": "{gemini}",
					"description": "Calls", "customFields": values}
			}
			env.MustDo(t, "PUT", "/v1/workspaces/{ws}/time-entries/{"+entry+"}", "", body, http.StatusOK)
		}
		setFields("e1", []any{map[string]any{"customFieldId": "{ticket}", "value": "OPS-12"}, map[string]any{"customFieldId": "{points}", "value": 5}})
		setFields("e2", []any{map[string]any{"customFieldId": "{points}", "value": 2}})

		filtered := func(filters ...map[string]any) map[string]any {
			list := make([]any, len(filters))
			for i, f := range filters {
				list[i] = f
			}
			return detailedBody(map[string]any{}, map[string]any{"customFields": list, "sortOrder": "ASCENDING"})
		}
		apitest.Run(t, env, []apitest.Case{
			{Name: "values in detailed rows", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{}, map[string]any{"sortOrder": "ASCENDING"}), Status: 200,
				Checks: []apitest.Check{
					apitest.Len("timeentries.0.customFields", 2),
					apitest.Equal("timeentries.0.customFields.0.name", "Ticket"),
					apitest.Equal("timeentries.0.customFields.0.value", "OPS-12"),
					apitest.Equal("timeentries.0.customFields.1.value", 5),
					apitest.Len("timeentries.2.customFields", 0),
				}},
			{Name: "text contains", Method: "POST", Path: detailedPath,
				Body: filtered(map[string]any{"id": "{ticket}", "type": "TXT", "value": "ops"}), Status: 200,
				Checks: []apitest.Check{apitest.Len("timeentries", 1), apitest.Equal("timeentries.0._id", "{e1}")}},
			{Name: "text empty", Method: "POST", Path: detailedPath,
				Body: filtered(map[string]any{"id": "{ticket}", "type": "TXT", "isEmpty": true}), Status: 200,
				Checks: []apitest.Check{apitest.Len("timeentries", 3)}},
			{Name: "number greater than", Method: "POST", Path: detailedPath,
				Body: filtered(map[string]any{"id": "{points}", "type": "NUMBER", "value": 3, "numberCondition": "GREATER_THAN"}), Status: 200,
				Checks: []apitest.Check{apitest.Len("timeentries", 1), apitest.Equal("timeentries.0._id", "{e1}")}},
			{Name: "number equal in the summary", Method: "POST", Path: summaryPath,
				Body: summaryBody([]string{"PROJECT"}, map[string]any{"customFields": []any{map[string]any{"id": "{points}", "type": "NUMBER", "value": 2}}}), Status: 200,
				Checks: []apitest.Check{apitest.Equal("totals.0.totalTime", 3600)}},
			{Name: "bad number condition", Method: "POST", Path: detailedPath,
				Body: filtered(map[string]any{"id": "{points}", "numberCondition": "ABOUT"}), Status: 400,
				Checks: []apitest.Check{apitest.Contains("message", "numberCondition")}},
			{Name: "columns in the CSV", Method: "POST", Path: detailedPath,
				Body: detailedBody(map[string]any{}, map[string]any{"exportType": "CSV", "sortOrder": "ASCENDING"}), Status: 200,
				Checks: []apitest.Check{func(t testing.TB, r *apitest.Response) {
					lines := strings.Split(string(r.Body), "\n")
					if !strings.HasSuffix(lines[0], `"Date of creation","Ticket","Points"`) || !strings.HasSuffix(lines[1], `"OPS-12","5"`) {
						t.Errorf("the CSV lacks the custom field columns: %s", r.Body)
					}
				}}},
		})
	})
}

func TestReportManagerVisibility(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedReport(t, env)
		bob := env.NewUser(t, "bob", domain.RoleUser, "")
		env.Vars["bob"], env.Vars["bobKey"] = bob.UserID, bob.Key
		env.MustDo(t, "POST", "/v1/workspaces/{ws}/users/{bob}/roles", "", map[string]any{"role": "PROJECT_MANAGER", "entityId": "{gemini}"}, http.StatusCreated)
		changeSettings(t, env, func(s *domain.WorkspaceSettings) { s.OnlyAdminsSeeAllTimeEntries = true })

		apitest.Run(t, env, []apitest.Case{
			{Name: "project manager sees the project's entries", Method: "POST", Path: summaryPath, Key: "{bobKey}",
				Body: summaryBody([]string{"PROJECT"}, nil), Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("totals.0.totalTime", 3600),
					apitest.Len("groupOne", 1),
					apitest.Equal("groupOne.0.name", "Gemini"),
				}},
			{Name: "the same in the detailed report", Method: "POST", Path: detailedPath, Key: "{bobKey}",
				Body: detailedBody(map[string]any{}, nil), Status: 200,
				Checks: []apitest.Check{apitest.Len("timeentries", 1), apitest.Equal("timeentries.0._id", "{e2}"), apitest.Equal("totals.0.totalTime", 3600)}},
			{Name: "a summary by date reads entries one by one", Method: "POST", Path: summaryPath, Key: "{bobKey}",
				Body: summaryBody([]string{"DATE"}, nil), Status: 200,
				Checks: []apitest.Check{apitest.Equal("totals.0.totalTime", 3600)}},
		})
	})
}
