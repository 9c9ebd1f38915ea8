package api_test

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/punchclock/punchclock/api"
	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

const (
	sharedPath = "/report/v1/workspaces/{ws}/shared-reports"
	openPath   = "/report/v1/shared-reports/"
)

func TestSharedReports(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedReport(t, env)
		bob := env.NewUser(t, "bob", domain.RoleUser, "")
		env.Vars["bobKey"] = bob.Key
		summary := map[string]any{"name": "Week by project", "type": "SUMMARY", "isPublic": false,
			"visibleToUsers": []string{"{ann}"},
			"filter": map[string]any{"exportType": "JSON_V1", "dateRangeStart": "2026-03-02T00:00:00Z",
				"dateRangeEnd": "2026-03-08T23:59:59.999Z", "timeZone": "UTC",
				"summaryFilter": map[string]any{"groups": []string{"PROJECT"}}}}
		apitest.Run(t, env, []apitest.Case{
			{Name: "create", Method: "POST", Path: sharedPath, Body: summary, Status: 200,
				Checks: []apitest.Check{
					apitest.Store(env, "shared", "id"),
					apitest.Equal("name", "Week by project"),
					apitest.Equal("type", "SUMMARY"),
					apitest.Equal("userId", "{owner}"),
					apitest.Equal("workspaceId", "{ws}"),
					apitest.Equal("visibleToUsers.0", "{ann}"),
					apitest.Equal("filter.dateRangeType", "ABSOLUTE"),
					apitest.Equal("filter.summaryFilter.summaryChartType", "BILLABILITY"),
				}},
			{Name: "create a detailed report", Method: "POST", Path: sharedPath,
				Body: map[string]any{"name": "Public detail", "type": "DETAILED", "isPublic": true,
					"filter": map[string]any{"exportType": "JSON", "dateRangeStart": "2026-03-02T00:00:00Z",
						"dateRangeEnd": "2026-03-08T23:59:59.999Z", "timeZone": "UTC"}}, Status: 200,
				Checks: []apitest.Check{apitest.Store(env, "public", "id")}},
			{Name: "missing name", Method: "POST", Path: sharedPath,
				Body: map[string]any{"type": "SUMMARY", "filter": map[string]any{}}, Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "unknown type", Method: "POST", Path: sharedPath,
				Body: map[string]any{"name": "x", "type": "PIE", "filter": summary["filter"]}, Status: 400,
				Checks: []apitest.Check{apitest.Contains("message", "'type'")}},
			{Name: "summary without groups", Method: "POST", Path: sharedPath,
				Body: map[string]any{"name": "x", "type": "SUMMARY", "filter": map[string]any{"exportType": "JSON",
					"dateRangeStart": "2026-03-02T00:00:00Z", "dateRangeEnd": "2026-03-08T23:59:59.999Z"}}, Status: 400,
				Checks: []apitest.Check{apitest.Contains("message", "summaryFilter.groups")}},
			{Name: "stranger in the audience", Method: "POST", Path: sharedPath,
				Body: map[string]any{"name": "x", "type": "SUMMARY", "visibleToUsers": []string{"aaaaaaaaaaaaaaaaaaaaaaaa"},
					"filter": summary["filter"]}, Status: 400,
				Checks: []apitest.Check{apitest.Contains("message", "doesn't belong to Workspace")}},
			{Name: "list", Method: "GET", Path: sharedPath + "?page=1&pageSize=50&sharedReportsFilter=ALL", Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("count", 2),
					apitest.Equal("reports.0.id", "{shared}"),
					apitest.Equal("reports.0.reportAuthor", "owner"),
					apitest.Equal("reports.0.visibleToUsers.0.name", "ann"),
					func(t testing.TB, r *apitest.Response) {
						link := apitest.Str(t, r.JSON(t), "reports.0.link")
						if !strings.HasSuffix(link, "/report/v1/shared-reports/"+env.Vars["shared"]) {
							t.Errorf("link = %q, want this server's shared report address", link)
						}
					},
				}},
			{Name: "list paged", Method: "GET", Path: sharedPath + "?page=2&pageSize=1", Status: 200,
				Checks: []apitest.Check{apitest.Equal("count", 2), apitest.Len("reports", 1), apitest.Equal("reports.0.id", "{public}")}},
			{Name: "list shared with ann", Method: "GET", Path: sharedPath + "?sharedReportsFilter=SHARED_WITH_ME", Key: "{annKey}", Status: 200,
				Checks: []apitest.Check{apitest.Equal("count", 2)}},
			{Name: "bob sees only the public one", Method: "GET", Path: sharedPath, Key: "{bobKey}", Status: 200,
				Checks: []apitest.Check{apitest.Equal("count", 1), apitest.Equal("reports.0.id", "{public}")}},
			{Name: "members may not list all as admin", Method: "GET", Path: sharedPath + "?sharedReportsFilter=ALL_ADMIN", Key: "{bobKey}", Status: 403},
			{Name: "open", Method: "GET", Path: openPath + "{shared}", Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("totals.0.totalTime", 21000),
					apitest.Equal("groupOne.0.name", "Apollo"),
					apitest.Equal("filters.summaryFilter.groups.0", "PROJECT"),
					apitest.Equal("filters.isAdminOrOwner", true),
				}},
			{Name: "open as a listed user", Method: "GET", Path: openPath + "{shared}", Key: "{annKey}", Status: 200,
				Checks: []apitest.Check{apitest.Equal("totals.0.totalTime", 21000), apitest.Equal("filters.isAdminOrOwner", false)}},
			{Name: "open as an unlisted user", Method: "GET", Path: openPath + "{shared}", Key: "{bobKey}", Status: 403},
			{Name: "open without credentials", Method: "GET", Path: openPath + "{shared}", Key: apitest.NoKey, Status: 401,
				Checks: []apitest.Check{apitest.ErrorBody(1000)}},
			{Name: "open a public report without credentials", Method: "GET", Path: openPath + "{public}?page=1&pageSize=2", Key: apitest.NoKey, Status: 200,
				Checks: []apitest.Check{apitest.Len("timeentries", 2), apitest.Equal("totals.0.entriesCount", 4)}},
			{Name: "open with a date override", Method: "GET",
				Path: openPath + "{shared}?dateRangeStart=2026-03-03T00:00:00Z&dateRangeEnd=2026-03-03T23:59:59.999Z", Status: 200,
				Checks: []apitest.Check{apitest.Equal("totals.0.totalTime", 10800), apitest.Equal("filters.dateRangeStart", "2026-03-03T00:00:00Z")}},
			{Name: "open as CSV", Method: "GET", Path: openPath + "{shared}?exportType=CSV", Status: 200,
				Checks: []apitest.Check{func(t testing.TB, r *apitest.Response) {
					if !strings.HasPrefix(string(r.Body), `"Project","Time (h)"`) || !strings.Contains(string(r.Body), `"Apollo","04:30:00"`) {
						t.Errorf("the CSV export of the shared report is %s", r.Body)
					}
				}}},
			{Name: "open an unknown id", Method: "GET", Path: openPath + "aaaaaaaaaaaaaaaaaaaaaaaa", Status: 404},
			{Name: "workspace-prefixed open is not allowed", Method: "GET", Path: sharedPath + "/{shared}", Status: 405},
			{Name: "bare-id delete is not allowed", Method: "DELETE", Path: openPath + "{shared}", Status: 405},
			{Name: "update merges", Method: "PUT", Path: sharedPath + "/{shared}", Body: map[string]any{"name": "Renamed"}, Status: 200,
				Checks: []apitest.Check{
					apitest.Equal("name", "Renamed"),
					apitest.Equal("filter.summaryFilter.groups.0", "PROJECT"),
					apitest.Equal("visibleToUsers.0", "{ann}"),
				}},
			{Name: "update the filter", Method: "PUT", Path: sharedPath + "/{shared}",
				Body: map[string]any{"filter": map[string]any{"summaryFilter": map[string]any{"groups": []string{"USER"}}}}, Status: 200,
				Checks: []apitest.Check{apitest.Equal("filter.summaryFilter.groups.0", "USER"), apitest.Equal("filter.timeZone", "UTC")}},
			{Name: "others may not update", Method: "PUT", Path: sharedPath + "/{shared}", Key: "{annKey}", Body: map[string]any{"name": "Mine"}, Status: 403},
			{Name: "others may not delete", Method: "DELETE", Path: sharedPath + "/{shared}", Key: "{annKey}", Status: 403},
			{Name: "delete", Method: "DELETE", Path: sharedPath + "/{shared}", Status: 204},
			{Name: "delete again", Method: "DELETE", Path: sharedPath + "/{shared}", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "open a deleted report", Method: "GET", Path: openPath + "{shared}", Status: 404},
		})
	})
}

func TestSharedReportRelativeRange(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		env.MustDo(t, "POST", "/v1/workspaces/{ws}/time-entries", "", map[string]any{"start": "2020-01-01T09:00:00Z", "end": "2020-01-01T10:00:00Z"}, http.StatusCreated)
		v := env.MustDo(t, "POST", sharedPath, "", map[string]any{"name": "This year", "type": "SUMMARY", "fixedDate": false,
			"filter": map[string]any{"exportType": "JSON", "dateRangeType": "THIS_YEAR", "timeZone": "UTC",
				"dateRangeStart": "2020-01-01T00:00:00Z", "dateRangeEnd": "2020-12-31T23:59:59.999Z",
				"summaryFilter": map[string]any{"groups": []string{"DATE"}}}}, http.StatusOK)
		env.Vars["relative"] = apitest.Str(t, v, "id")
		v = env.MustDo(t, "POST", sharedPath, "", map[string]any{"name": "2020", "type": "SUMMARY", "fixedDate": true,
			"filter": map[string]any{"exportType": "JSON", "dateRangeType": "THIS_YEAR", "timeZone": "UTC",
				"dateRangeStart": "2020-01-01T00:00:00Z", "dateRangeEnd": "2020-12-31T23:59:59.999Z",
				"summaryFilter": map[string]any{"groups": []string{"DATE"}}}}, http.StatusOK)
		env.Vars["fixed"] = apitest.Str(t, v, "id")
		apitest.Run(t, env, []apitest.Case{
			{Name: "relative range follows today", Method: "GET", Path: openPath + "{relative}", Status: 200,
				Checks: []apitest.Check{apitest.Equal("totals.0.entriesCount", 0), apitest.Contains("filters.dateRangeStart", "-01-01T00:00:00.000")}},
			{Name: "fixed range keeps its dates", Method: "GET", Path: openPath + "{fixed}", Status: 200,
				Checks: []apitest.Check{apitest.Equal("totals.0.entriesCount", 1)}},
			{Name: "relative range takes a date override", Method: "GET",
				Path: openPath + "{relative}?dateRangeStart=2020-01-01T00:00:00Z&dateRangeEnd=2020-01-31T23:59:59.999Z", Status: 200,
				Checks: []apitest.Check{apitest.Equal("totals.0.entriesCount", 1),
					apitest.Equal("filters.dateRangeStart", "2020-01-01T00:00:00Z")}},
			{Name: "fixed range rejects a start override", Method: "GET",
				Path: openPath + "{fixed}?dateRangeStart=2019-01-01T00:00:00Z", Status: 400,
				Checks: []apitest.Check{apitest.Contains("message", "'dateRangeStart'"), apitest.Contains("message", "2019-01-01T00:00:00Z"),
					apitest.Contains("message", "fixedDate")}},
			{Name: "fixed range rejects an end override", Method: "GET",
				Path: openPath + "{fixed}?dateRangeEnd=2020-01-31T23:59:59.999Z", Status: 400,
				Checks: []apitest.Check{apitest.Contains("message", "'dateRangeEnd'")}},
			{Name: "fixed range rejects a CSV date override", Method: "GET",
				Path: openPath + "{fixed}?exportType=CSV&dateRangeStart=2019-01-01T00:00:00Z&dateRangeEnd=2019-12-31T23:59:59.999Z", Status: 400},
			{Name: "fixed range takes a sort override", Method: "GET", Path: openPath + "{fixed}?sortOrder=DESCENDING", Status: 200,
				Checks: []apitest.Check{apitest.Equal("totals.0.entriesCount", 1)}},
		})
	})
}

func TestSharedReportLink(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		v := env.MustDo(t, "POST", sharedPath, "", map[string]any{"name": "Week", "type": "DETAILED",
			"filter": map[string]any{"exportType": "JSON", "dateRangeStart": "2026-03-02T00:00:00Z",
				"dateRangeEnd": "2026-03-08T23:59:59.999Z", "timeZone": "UTC"}}, http.StatusOK)
		id := apitest.Str(t, v, "id")

		r := env.Do(t, "GET", sharedPath, "", nil, nil)
		if r.Status != http.StatusOK {
			t.Fatalf("listing shared reports: status %d, body %s", r.Status, r.Body)
		}
		if got, want := apitest.Str(t, r.JSON(t), "reports.0.link"), "/report/v1/shared-reports/"+id; got != want {
			t.Errorf("link without a public URL = %q, want the path %q", got, want)
		}

		handler := api.New(env.Svc, slog.New(slog.DiscardHandler))
		if err := handler.SetPublicURL("https://time.example.com/"); err != nil {
			t.Fatalf("SetPublicURL: %v", err)
		}
		srv := httptest.NewServer(handler)
		defer srv.Close()
		req, err := http.NewRequest("GET", srv.URL+env.Expand(sharedPath), nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = "evil.example"
		req.Header.Set("X-Api-Key", env.Owner.Key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("listing on the server with a public URL: %v", err)
		}
		defer resp.Body.Close()
		var list struct {
			Reports []struct{ Link string } `json:"reports"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&list); err != nil || len(list.Reports) != 1 {
			t.Fatalf("decoding the list: %v, %d reports", err, len(list.Reports))
		}
		if got, want := list.Reports[0].Link, "https://time.example.com/report/v1/shared-reports/"+id; got != want {
			t.Errorf("link with a public URL = %q, want %q", got, want)
		}

		for _, bad := range []string{"time.example.com", "ftp://time.example.com", "https://", "https://time.example.com/?a=b"} {
			if err := handler.SetPublicURL(bad); err == nil {
				t.Errorf("SetPublicURL(%q) succeeded, want an error", bad)
			}
		}
	})
}

func TestReportBodyText(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		apitest.Run(t, env, []apitest.Case{
			{Name: "invalid UTF-8", Method: "POST", Path: summaryPath,
				Body: "{\"dateRangeStart\":\"2026-03-02T00:00:00Z\",\"dateRangeEnd\":\"2026-03-08T23:59:59Z\",\"description\":\"\xff\xfe\"," +
					"\"summaryFilter\":{\"groups\":[\"PROJECT\"]}}", Status: 400,
				Checks: []apitest.Check{apitest.ErrorBody(3002), apitest.Contains("message", "UTF-8")}},
			{Name: "NUL character", Method: "POST", Path: detailedPath,
				Body:   `{"dateRangeStart":"2026-03-02T00:00:00Z","dateRangeEnd":"2026-03-08T23:59:59Z","description":"a\u0000b","detailedFilter":{}}`,
				Status: 400, Checks: []apitest.Check{apitest.ErrorBody(3002), apitest.Contains("message", "NUL")}},
			{Name: "valid text", Method: "POST", Path: summaryPath,
				Body:   `{"dateRangeStart":"2026-03-02T00:00:00Z","dateRangeEnd":"2026-03-08T23:59:59Z","description":"Größe 日本","summaryFilter":{"groups":["PROJECT"]}}`,
				Status: 200},
		})
	})
}
