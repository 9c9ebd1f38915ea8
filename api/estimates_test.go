package api_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

// TestProjectEstimateTypes covers manual and task-based (AUTO) time and
// budget estimates, and the reset schedule that recurring estimates get.
func TestProjectEstimateTypes(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		p := env.MustDo(t, "POST", projectsPath, "", map[string]any{"name": "Estimated", "tasks": []any{
			map[string]any{"name": "Design", "estimate": "PT2H", "budgetEstimate": 10000},
			map[string]any{"name": "Build", "estimate": "PT3H30M", "budgetEstimate": 5000},
		}}, http.StatusCreated)
		env.Vars["p"] = apitest.Str(t, p, "id")
		v := env.MustDo(t, "GET", projectsPath+"/{p}/tasks?name=Build", "", nil, http.StatusOK)
		env.Vars["build"] = apitest.Str(t, v, "0.id")
		env.Vars["memberKey"] = env.NewUser(t, "member", domain.RoleUser, "UTC").Key
		estimate := projectsPath + "/{p}/estimate"

		apitest.Run(t, env, []apitest.Case{
			{Name: "new project sums its tasks", Method: "GET", Path: projectsPath + "/{p}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("timeEstimate.type", "AUTO"),
				apitest.Equal("timeEstimate.estimate", "PT5H30M"),
				apitest.Equal("estimate", map[string]any{"estimate": "PT5H30M", "type": "AUTO"}),
				apitest.Equal("budgetEstimate", nil),
				apitest.Equal("estimateReset", nil),
			}},
			{Name: "task-based budget", Method: "PATCH", Path: estimate, Body: `{"budgetEstimate":{"type":"AUTO","active":true}}`,
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("budgetEstimate.type", "AUTO"),
					apitest.Equal("budgetEstimate.estimate", 15000),
					apitest.Equal("budgetEstimate.active", true),
				}},
			{Name: "manual time estimate", Method: "PATCH", Path: estimate, Body: `{"timeEstimate":{"type":"MANUAL","estimate":"PT10H","active":true}}`,
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("timeEstimate.type", "MANUAL"),
					apitest.Equal("timeEstimate.estimate", "PT10H"),
					apitest.Equal("estimate.estimate", "PT10H"),
				}},
			{Name: "back to task based", Method: "PATCH", Path: estimate, Body: `{"timeEstimate":{"type":"AUTO"}}`,
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("timeEstimate.estimate", "PT5H30M")}},
			{Name: "manual figure is kept", Method: "PATCH", Path: estimate, Body: `{"timeEstimate":{"type":"MANUAL"}}`,
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("timeEstimate.estimate", "PT10H")}},
			{Name: "task estimate change", Method: "PUT", Path: projectsPath + "/{p}/tasks/{build}",
				Body: map[string]any{"name": "Build", "estimate": "PT6H", "budgetEstimate": 7000}, Status: http.StatusOK},
			{Name: "auto sums follow the tasks", Method: "PATCH", Path: estimate, Body: `{"timeEstimate":{"type":"AUTO"}}`,
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("timeEstimate.estimate", "PT8H"),
					apitest.Equal("budgetEstimate.estimate", 17000),
				}},
			{Name: "figure without type is manual", Method: "PATCH", Path: estimate, Body: `{"timeEstimate":{"estimate":"PT7H"}}`,
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("timeEstimate.type", "MANUAL"),
					apitest.Equal("timeEstimate.estimate", "PT7H"),
				}},
			{Name: "monthly reset gets a schedule", Method: "PATCH", Path: estimate, Body: `{"timeEstimate":{"resetOption":"MONTHLY"}}`,
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("timeEstimate.resetOption", "MONTHLY"),
					apitest.Equal("estimateReset.interval", "MONTHLY"),
					apitest.Equal("estimateReset.dayOfMonth", 1),
					apitest.Equal("estimateReset.hour", 0),
					apitest.Equal("estimateReset.active", true),
				}},
			{Name: "explicit schedule", Method: "PATCH", Path: estimate,
				Body: `{"estimateReset":{"interval":"MONTHLY","dayOfMonth":15,"hour":6}}`, Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("estimateReset.dayOfMonth", 15),
					apitest.Equal("estimateReset.hour", 6),
				}},
			{Name: "schedule survives other changes", Method: "PATCH", Path: estimate, Body: `{"budgetEstimate":{"active":false}}`,
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("estimateReset.dayOfMonth", 15)}},
			{Name: "ending the recurrence drops the schedule", Method: "PATCH", Path: estimate, Body: `{"timeEstimate":{"resetOption":""}}`,
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("timeEstimate.resetOption", nil),
					apitest.Equal("estimateReset", nil),
				}},
			{Name: "weekly budget reset", Method: "PATCH", Path: estimate, Body: `{"budgetEstimate":{"resetOption":"weekly"}}`,
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("budgetEstimate.resetOption", "WEEKLY"),
					apitest.Equal("estimateReset.interval", "WEEKLY"),
					apitest.Equal("estimateReset.dayOfWeek", "MONDAY"),
				}},
			{Name: "unknown type", Method: "PATCH", Path: estimate, Body: `{"timeEstimate":{"type":"SOMETIMES"}}`,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "SOMETIMES")}},
			{Name: "unknown reset option", Method: "PATCH", Path: estimate, Body: `{"budgetEstimate":{"resetOption":"DAILY"}}`,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "DAILY")}},
			{Name: "unknown weekday", Method: "PATCH", Path: estimate, Body: `{"estimateReset":{"interval":"WEEKLY","dayOfWeek":"FUNDAY"}}`,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "FUNDAY")}},
			{Name: "day of month out of range", Method: "PATCH", Path: estimate, Body: `{"estimateReset":{"interval":"MONTHLY","dayOfMonth":32}}`,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "member cannot change estimates", Method: "PATCH", Path: estimate, Key: "{memberKey}",
				Body: `{"timeEstimate":{"estimate":"PT1H"}}`, Status: http.StatusForbidden},
		})
	})
}

// TestProjectProgressSort sorts projects by the share of their estimate
// used in the current period: time with and without non-billable entries,
// a monthly reset that leaves last month's time out, and a budget against
// billable amounts.
func TestProjectProgressSort(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		now := time.Now().UTC()
		thisMonth := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
		lastMonth := thisMonth.AddDate(0, 0, -10)

		create := func(name string, body map[string]any, estimate string) {
			body["name"] = name
			v := env.MustDo(t, "POST", projectsPath, "", body, http.StatusCreated)
			env.Vars[name] = apitest.Str(t, v, "id")
			env.MustDo(t, "PATCH", projectsPath+"/{"+name+"}/estimate", "", estimate, http.StatusOK)
		}
		entry := func(project string, start time.Time, hours int, billable bool) {
			env.MustDo(t, "POST", "/v1/workspaces/{ws}/time-entries", "", map[string]any{
				"start": start.Format(time.RFC3339), "end": start.Add(time.Duration(hours) * time.Hour).Format(time.RFC3339),
				"billable": billable, "projectId": env.Vars[project]}, http.StatusCreated)
		}

		// 2 of 10 hours this month; 8 more last month do not count.
		create("Prog Monthly", map[string]any{},
			`{"timeEstimate":{"type":"MANUAL","estimate":"PT10H","active":true,"includeNonBillable":true,"resetOption":"MONTHLY"}}`)
		entry("Prog Monthly", lastMonth, 8, true)
		entry("Prog Monthly", thisMonth, 2, true)
		// 4 billable of 10 hours; the 6 non-billable hours do not count.
		create("Prog Billable", map[string]any{},
			`{"timeEstimate":{"type":"MANUAL","estimate":"PT10H","active":true,"includeNonBillable":false}}`)
		entry("Prog Billable", thisMonth, 4, true)
		entry("Prog Billable", thisMonth.Add(5*time.Hour), 6, false)
		// 5 of 10 hours, all of them last month, with no reset.
		create("Prog Total", map[string]any{},
			`{"timeEstimate":{"type":"MANUAL","estimate":"PT10H","active":true,"includeNonBillable":true}}`)
		entry("Prog Total", lastMonth, 5, true)
		// 3 billable hours at 50.00 earn 150.00 of a 100.00 budget; the 2
		// non-billable hours earn nothing.
		create("Prog Budget", map[string]any{"hourlyRate": map[string]any{"amount": 5000}},
			`{"timeEstimate":{"active":false},"budgetEstimate":{"type":"MANUAL","estimate":10000,"active":true}}`)
		entry("Prog Budget", thisMonth, 3, true)
		entry("Prog Budget", thisMonth.Add(4*time.Hour), 2, false)
		// No active estimate: progress 0.
		create("Prog None", map[string]any{}, `{"timeEstimate":{"active":false}}`)
		entry("Prog None", thisMonth, 1, true)

		order := func(names ...string) []apitest.Check {
			checks := []apitest.Check{apitest.Len("", len(names))}
			for i, n := range names {
				checks = append(checks, apitest.Equal(string(rune('0'+i))+".name", n))
			}
			return checks
		}
		apitest.Run(t, env, []apitest.Case{
			{Name: "progress ascending", Method: "GET", Path: projectsPath + "?name=Prog&sort-column=PROGRESS", Status: http.StatusOK,
				Checks: order("Prog None", "Prog Monthly", "Prog Billable", "Prog Total", "Prog Budget")},
			{Name: "progress descending", Method: "GET", Path: projectsPath + "?name=Prog&sort-column=PROGRESS&sort-order=DESCENDING",
				Status: http.StatusOK, Checks: order("Prog Budget", "Prog Total", "Prog Billable", "Prog Monthly", "Prog None")},
			{Name: "progress page", Method: "GET", Path: projectsPath + "?name=Prog&sort-column=PROGRESS&page=2&page-size=2",
				Status: http.StatusOK, Checks: order("Prog Billable", "Prog Total")},
			{Name: "duration counts every month", Method: "GET", Path: projectsPath + "/{Prog Monthly}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("duration", "PT10H")}},
			{Name: "including non-billable time", Method: "PATCH", Path: projectsPath + "/{Prog Billable}/estimate",
				Body: `{"timeEstimate":{"includeNonBillable":true}}`, Status: http.StatusOK},
			{Name: "non-billable time now counts", Method: "GET", Path: projectsPath + "?name=Prog&sort-column=PROGRESS&sort-order=DESCENDING",
				Status: http.StatusOK, Checks: order("Prog Budget", "Prog Billable", "Prog Total", "Prog Monthly", "Prog None")},
			{Name: "budget descending", Method: "GET", Path: projectsPath + "?name=Prog&sort-column=BUDGET&sort-order=DESCENDING",
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("0.name", "Prog Budget")}},
		})
	})
}

// TestProjectFromTemplateCopies checks what a project created from a
// template takes along: settings, estimates, members with their rates, and
// tasks with theirs, which entries on the copy then use. Tracked time stays
// with the template.
func TestProjectFromTemplateCopies(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		worker := env.NewUser(t, "worker", domain.RoleUser, "UTC")
		env.Vars["worker"] = worker.UserID
		v := env.MustDo(t, "POST", projectsPath, "", map[string]any{
			"name": "Blueprint", "billable": true, "costRate": map[string]any{"amount": 1100},
			"memberships": []any{map[string]any{"userId": worker.UserID, "hourlyRate": map[string]any{"amount": 6100}}},
			"tasks":       []any{map[string]any{"name": "Kickoff", "estimate": "PT4H"}, map[string]any{"name": "Review"}},
		}, http.StatusCreated)
		env.Vars["tpl"] = apitest.Str(t, v, "id")
		v = env.MustDo(t, "GET", projectsPath+"/{tpl}/tasks?name=Review", "", nil, http.StatusOK)
		env.Vars["review"] = apitest.Str(t, v, "0.id")
		env.MustDo(t, "PUT", projectsPath+"/{tpl}/tasks/{review}/hourly-rate", "",
			map[string]any{"amount": 7300, "since": "2020-01-01T00:00:00Z"}, http.StatusOK)
		env.MustDo(t, "PATCH", projectsPath+"/{tpl}/estimate", "",
			`{"timeEstimate":{"active":true,"resetOption":"MONTHLY"},"budgetEstimate":{"type":"MANUAL","estimate":50000,"active":true}}`, http.StatusOK)
		env.MustDo(t, "POST", "/v1/workspaces/{ws}/time-entries", "", map[string]any{
			"start": "2024-05-01T09:00:00Z", "end": "2024-05-01T10:00:00Z", "projectId": "{tpl}"}, http.StatusCreated)

		apitest.Run(t, env, []apitest.Case{
			{Name: "copy", Method: "POST", Path: projectsPath + "/from-template", Body: map[string]any{"name": "Copy", "templateProjectId": "{tpl}"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Store(env, "copy", "id"),
					apitest.Equal("billable", true),
					apitest.Equal("costRate.amount", 1100),
					apitest.Equal("duration", "PT0S"),
					apitest.Equal("timeEstimate.type", "AUTO"),
					apitest.Equal("timeEstimate.estimate", "PT4H"),
					apitest.Equal("timeEstimate.resetOption", "MONTHLY"),
					apitest.Equal("estimateReset.interval", "MONTHLY"),
					apitest.Equal("budgetEstimate.estimate", 50000),
					apitest.Len("memberships", 2),
					apitest.Equal("memberships.0.userId", "{worker}"),
					apitest.Equal("memberships.0.hourlyRate.amount", 6100),
				}},
			{Name: "copied task rates", Method: "GET", Path: projectsPath + "/{copy}/tasks?name=Review", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Store(env, "copyReview", "0.id"), apitest.Equal("0.hourlyRate.amount", 7300)}},
			{Name: "member entry on the copy", Method: "POST", Path: "/v1/workspaces/{ws}/user/{worker}/time-entries", Body: map[string]any{
				"start": "2023-02-01T09:00:00Z", "end": "2023-02-01T10:00:00Z", "projectId": "{copy}", "taskId": "{copyReview}"},
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Equal("hourlyRate.amount", 6100),
					apitest.Equal("costRate.amount", 1100),
					apitest.Equal("billable", true),
				}},
			{Name: "owner entry on the copied task", Method: "POST", Path: "/v1/workspaces/{ws}/time-entries", Body: map[string]any{
				"start": "2023-02-02T09:00:00Z", "end": "2023-02-02T10:00:00Z", "projectId": "{copy}", "taskId": "{copyReview}"},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Equal("hourlyRate.amount", 7300)}},
		})
	})
}
