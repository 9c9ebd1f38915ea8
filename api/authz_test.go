package api_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/punchclock/punchclock/api"
	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

// This file holds the role x route table: for every route of the server,
// the status each role gets from Clockify's permission rules. A route
// without a row fails TestRoutePermissions, and TestTenantIsolation calls
// every row across two workspaces.
//
// To add a route, add an authzRow to authzRows. Its path and body name the
// tenant's objects with {placeholders}: see newTenant for the objects every
// tenant has. A row for a route that consumes its target (a delete, a stop)
// lists in Fresh the placeholders to re-create before each role's request;
// freshMakers defines how each one is made.

// Roles, in the order of the want fields.
var authzRoles = []string{"owner", "admin", "teamManager", "projectManager", "user"}

// want is the status each role gets. The team manager manages {worker}
// through the group {group}; the project manager manages {project}, a
// private project whose members are {worker} and the project manager; the
// regular user is a member of no project.
type want struct {
	Owner, Admin, TeamManager, ProjectManager, User int
}

func (w want) of(role string) int {
	return map[string]int{"owner": w.Owner, "admin": w.Admin, "teamManager": w.TeamManager,
		"projectManager": w.ProjectManager, "user": w.User}[role]
}

const denied = http.StatusForbidden

func everyone(status int) want { return want{status, status, status, status, status} }
func adminsOnly(status int) want {
	return want{status, status, denied, denied, denied}
}
func projectManagers(status int) want {
	return want{status, status, denied, status, denied}
}
func teamManagers(status int) want {
	return want{status, status, status, denied, denied}
}

type authzRow struct {
	Route string // the route pattern, as Server.Patterns returns it
	Path  string // under /api, with {placeholders}
	Body  any    // JSON body; strings in it may hold {placeholders}
	Want  want
	// Fresh names placeholders to re-create before each role's request.
	Fresh []string
	// Filter marks a route whose ids only filter what it returns: given
	// another workspace's ids it may succeed, with nothing of that workspace
	// in its body.
	Filter bool
}

const (
	v1 = "/api/v1"
	ws = v1 + "/workspaces/{workspaceId}"
	w  = "/v1/workspaces/{ws}"
)

var entryTimes = map[string]any{"start": "2024-03-01T09:00:00Z", "end": "2024-03-01T10:00:00Z"}

func authzEntry(extra map[string]any) map[string]any {
	out := map[string]any{"start": "2024-03-01T09:00:00Z", "end": "2024-03-01T10:00:00Z",
		"projectId": "{project}", "taskId": "{task}"}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

func authzRows() []authzRow {
	return []authzRow{
		// User and workspaces.
		{Route: "GET " + v1 + "/user", Path: "/v1/user", Want: everyone(200)},
		{Route: "GET " + v1 + "/workspaces", Path: "/v1/workspaces", Want: everyone(200)},
		{Route: "POST " + v1 + "/workspaces", Path: "/v1/workspaces", Body: map[string]any{"name": "W {n}"}, Want: everyone(201)},
		{Route: "GET " + ws, Path: w, Want: everyone(200)},
		{Route: "PUT " + ws + "/hourly-rate", Path: w + "/hourly-rate", Body: map[string]any{"amount": 100, "currency": "USD"}, Want: adminsOnly(200)},
		{Route: "PUT " + ws + "/cost-rate", Path: w + "/cost-rate", Body: map[string]any{"amount": 50}, Want: adminsOnly(200)},
		{Route: "PATCH " + ws + "/settings", Path: w + "/settings", Body: map[string]any{"forceTags": false}, Want: adminsOnly(200)},

		// Members and roles.
		{Route: "GET " + ws + "/users", Path: w + "/users", Want: everyone(200)},
		{Route: "POST " + ws + "/users", Path: w + "/users", Body: map[string]any{"email": "new-{n}@example.com"}, Want: adminsOnly(200)},
		{Route: "POST " + ws + "/users/info", Path: w + "/users/info", Body: map[string]any{}, Want: everyone(200)},
		{Route: "PUT " + ws + "/users/{userId}", Path: w + "/users/{worker}", Body: map[string]any{"status": "ACTIVE"}, Want: adminsOnly(200)},
		{Route: "PUT " + ws + "/users/{userId}/hourly-rate", Path: w + "/users/{worker}/hourly-rate", Body: map[string]any{"amount": 100}, Want: adminsOnly(200)},
		{Route: "PUT " + ws + "/users/{userId}/cost-rate", Path: w + "/users/{worker}/cost-rate", Body: map[string]any{"amount": 50}, Want: adminsOnly(200)},
		{Route: "POST " + ws + "/users/{userId}/roles", Path: w + "/users/{worker}/roles",
			Body: map[string]any{"role": "PROJECT_MANAGER", "entityId": "{project}"}, Want: projectManagers(201)},
		{Route: "DELETE " + ws + "/users/{userId}/roles", Path: w + "/users/{worker}/roles",
			Body: map[string]any{"role": "PROJECT_MANAGER", "entityId": "{project}"}, Fresh: []string{"workerGrant"}, Want: projectManagers(204)},
		{Route: "GET " + ws + "/users/{userId}/managers", Path: w + "/users/{worker}/managers", Want: everyone(200)},
		{Route: "PUT " + ws + "/users/{userId}/custom-field/{customFieldId}/value", Path: w + "/users/{worker}/custom-field/{userField}/value",
			Body: map[string]any{"value": "v {n}"}, Want: adminsOnly(201)},
		{Route: "GET " + ws + "/member-profile/{userId}", Path: w + "/member-profile/{worker}", Want: teamManagers(200)},
		{Route: "PATCH " + ws + "/member-profile/{userId}", Path: w + "/member-profile/{worker}",
			Body: map[string]any{"workCapacity": "PT7H"}, Want: adminsOnly(200)},

		// Custom fields. {field} is a time-entry field and {userField} a user field.
		{Route: "GET " + ws + "/custom-fields", Path: w + "/custom-fields", Want: everyone(200)},
		{Route: "POST " + ws + "/custom-fields", Path: w + "/custom-fields", Body: map[string]any{"name": "F {n}", "type": "TXT"}, Want: adminsOnly(201)},
		{Route: "PUT " + ws + "/custom-fields/{customFieldId}", Path: w + "/custom-fields/{field}",
			Body: map[string]any{"name": "Field {marker}", "type": "TXT", "status": "VISIBLE"}, Want: adminsOnly(200)},
		{Route: "DELETE " + ws + "/custom-fields/{customFieldId}", Path: w + "/custom-fields/{tmpField}", Fresh: []string{"tmpField"}, Want: adminsOnly(204)},
		{Route: "GET " + ws + "/projects/{projectId}/custom-fields", Path: w + "/projects/{project}/custom-fields", Want: projectManagers(200)},
		{Route: "PATCH " + ws + "/projects/{projectId}/custom-fields/{customFieldId}", Path: w + "/projects/{project}/custom-fields/{field}",
			Body: map[string]any{"defaultValue": "d {n}"}, Want: projectManagers(200)},
		{Route: "DELETE " + ws + "/projects/{projectId}/custom-fields/{customFieldId}", Path: w + "/projects/{project}/custom-fields/{field}",
			Want: projectManagers(200)},

		// Scheduling capacity: everyone lists the capacities they may see.
		{Route: "GET " + ws + "/scheduling/assignments/users/{userId}/totals",
			Path: w + "/scheduling/assignments/users/{worker}/totals?start=2024-03-01T00:00:00Z&end=2024-03-08T00:00:00Z", Want: teamManagers(200)},
		{Route: "POST " + ws + "/scheduling/assignments/user-filter/totals", Path: w + "/scheduling/assignments/user-filter/totals",
			Body: map[string]any{"start": "2024-03-01T00:00:00Z", "end": "2024-03-08T00:00:00Z",
				"userFilter": map[string]any{"contains": "CONTAINS", "ids": []string{"{worker}"}}}, Want: everyone(200), Filter: true},

		// User groups.
		{Route: "GET " + ws + "/user-groups", Path: w + "/user-groups?includeTeamManagers=true", Want: everyone(200)},
		{Route: "POST " + ws + "/user-groups", Path: w + "/user-groups", Body: map[string]any{"name": "G {n}"}, Want: adminsOnly(201)},
		{Route: "PUT " + ws + "/user-groups/{id}", Path: w + "/user-groups/{spareGroup}", Body: map[string]any{"name": "G {n}"}, Want: adminsOnly(200)},
		{Route: "DELETE " + ws + "/user-groups/{id}", Path: w + "/user-groups/{tmpGroup}", Fresh: []string{"tmpGroup"}, Want: adminsOnly(200)},
		{Route: "POST " + ws + "/user-groups/{userGroupId}/users", Path: w + "/user-groups/{spareGroup}/users",
			Body: map[string]any{"userId": "{worker}"}, Want: adminsOnly(200)},
		{Route: "DELETE " + ws + "/user-groups/{userGroupId}/users/{userId}", Path: w + "/user-groups/{spareGroup}/users/{worker}",
			Fresh: []string{"spareMember"}, Want: adminsOnly(200)},

		// Clients.
		{Route: "GET " + ws + "/clients", Path: w + "/clients", Want: everyone(200)},
		{Route: "POST " + ws + "/clients", Path: w + "/clients", Body: map[string]any{"name": "C {n}"}, Want: everyone(201)},
		{Route: "GET " + ws + "/clients/{clientId}", Path: w + "/clients/{client}", Want: everyone(200)},
		{Route: "PUT " + ws + "/clients/{clientId}", Path: w + "/clients/{client}", Body: map[string]any{"note": "n {n}"}, Want: adminsOnly(200)},
		{Route: "DELETE " + ws + "/clients/{clientId}", Path: w + "/clients/{tmpClient}", Fresh: []string{"tmpClient"}, Want: adminsOnly(200)},

		// Projects.
		{Route: "GET " + ws + "/projects", Path: w + "/projects", Want: everyone(200)},
		{Route: "POST " + ws + "/projects", Path: w + "/projects", Body: map[string]any{"name": "P {n}"}, Want: everyone(201)},
		{Route: "POST " + ws + "/projects/from-template", Path: w + "/projects/from-template",
			Body: map[string]any{"name": "P {n}", "templateProjectId": "{project}"}, Want: projectManagers(200)},
		{Route: "GET " + ws + "/projects/{projectId}", Path: w + "/projects/{project}", Want: projectManagers(200)},
		{Route: "PUT " + ws + "/projects/{projectId}", Path: w + "/projects/{project}", Body: map[string]any{"note": "n {n}"}, Want: projectManagers(200)},
		{Route: "DELETE " + ws + "/projects/{projectId}", Path: w + "/projects/{tmpProject}", Fresh: []string{"tmpProject"}, Want: adminsOnly(200)},
		{Route: "PATCH " + ws + "/projects/{projectId}/estimate", Path: w + "/projects/{project}/estimate",
			Body: `{"timeEstimate":{"type":"MANUAL","active":true,"estimate":"PT10H"}}`, Want: projectManagers(200)},
		{Route: "PATCH " + ws + "/projects/{projectId}/memberships", Path: w + "/projects/{project}/memberships",
			Body: map[string]any{"memberships": []any{map[string]any{"userId": "{worker}"}, map[string]any{"userId": "{projectManager}"}}},
			Want: projectManagers(200)},
		{Route: "POST " + ws + "/projects/{projectId}/memberships", Path: w + "/projects/{project}/memberships",
			Body: map[string]any{"userIds": []string{"{worker}"}}, Want: projectManagers(200)},
		{Route: "PATCH " + ws + "/projects/{projectId}/template", Path: w + "/projects/{project}/template",
			Body: map[string]any{"isTemplate": false}, Want: projectManagers(200)},
		{Route: "PUT " + ws + "/projects/{projectId}/users/{userId}/hourly-rate", Path: w + "/projects/{project}/users/{worker}/hourly-rate",
			Body: map[string]any{"amount": 100}, Want: projectManagers(200)},
		{Route: "PUT " + ws + "/projects/{projectId}/users/{userId}/cost-rate", Path: w + "/projects/{project}/users/{worker}/cost-rate",
			Body: map[string]any{"amount": 50}, Want: projectManagers(200)},

		// Tasks.
		{Route: "GET " + ws + "/projects/{projectId}/tasks", Path: w + "/projects/{project}/tasks", Want: projectManagers(200)},
		{Route: "POST " + ws + "/projects/{projectId}/tasks", Path: w + "/projects/{project}/tasks", Body: map[string]any{"name": "T {n}"}, Want: projectManagers(201)},
		{Route: "GET " + ws + "/projects/{projectId}/tasks/{taskId}", Path: w + "/projects/{project}/tasks/{task}", Want: projectManagers(200)},
		{Route: "PUT " + ws + "/projects/{projectId}/tasks/{taskId}", Path: w + "/projects/{project}/tasks/{task}",
			Body: map[string]any{"name": "Task {marker}"}, Want: projectManagers(200)},
		{Route: "DELETE " + ws + "/projects/{projectId}/tasks/{taskId}", Path: w + "/projects/{project}/tasks/{tmpTask}", Fresh: []string{"tmpTask"}, Want: projectManagers(200)},
		{Route: "PUT " + ws + "/projects/{projectId}/tasks/{taskId}/hourly-rate", Path: w + "/projects/{project}/tasks/{task}/hourly-rate",
			Body: map[string]any{"amount": 100}, Want: projectManagers(200)},
		{Route: "PUT " + ws + "/projects/{projectId}/tasks/{taskId}/cost-rate", Path: w + "/projects/{project}/tasks/{task}/cost-rate",
			Body: map[string]any{"amount": 50}, Want: projectManagers(200)},

		// Tags.
		{Route: "GET " + ws + "/tags", Path: w + "/tags", Want: everyone(200)},
		{Route: "POST " + ws + "/tags", Path: w + "/tags", Body: map[string]any{"name": "t {n}"}, Want: everyone(201)},
		{Route: "GET " + ws + "/tags/{tagId}", Path: w + "/tags/{tag}", Want: everyone(200)},
		{Route: "PUT " + ws + "/tags/{tagId}", Path: w + "/tags/{tag}", Body: map[string]any{"name": "Tag {marker}"}, Want: adminsOnly(200)},
		{Route: "DELETE " + ws + "/tags/{tagId}", Path: w + "/tags/{tmpTag}", Fresh: []string{"tmpTag"}, Want: adminsOnly(200)},

		// Time entries. {entry} is {worker}'s entry on {project}.
		{Route: "POST " + ws + "/time-entries", Path: w + "/time-entries", Body: entryTimes, Want: everyone(201)},
		{Route: "POST " + ws + "/time-entries/batch", Path: w + "/time-entries/batch",
			Body: map[string]any{"timeEntryIds": []string{"{entry}"}}, Want: everyone(200), Filter: true},
		{Route: "GET " + ws + "/time-entries/status/in-progress", Path: w + "/time-entries/status/in-progress", Want: everyone(200)},
		{Route: "PATCH " + ws + "/time-entries/invoiced", Path: w + "/time-entries/invoiced",
			Body: map[string]any{"timeEntryIds": []string{"{entry}"}, "invoiced": true}, Want: teamManagers(200)},
		{Route: "GET " + ws + "/time-entries/{entryId}", Path: w + "/time-entries/{entry}", Want: want{200, 200, 200, 200, denied}},
		{Route: "PUT " + ws + "/time-entries/{entryId}", Path: w + "/time-entries/{entry}", Body: authzEntry(nil), Want: teamManagers(200)},
		{Route: "DELETE " + ws + "/time-entries/{entryId}", Path: w + "/time-entries/{tmpEntry}", Fresh: []string{"tmpEntry"}, Want: teamManagers(204)},
		{Route: "GET " + ws + "/user/{userId}/time-entries", Path: w + "/user/{worker}/time-entries", Want: everyone(200)},
		{Route: "POST " + ws + "/user/{userId}/time-entries", Path: w + "/user/{worker}/time-entries", Body: authzEntry(nil), Want: teamManagers(201)},
		{Route: "PATCH " + ws + "/user/{userId}/time-entries", Path: w + "/user/{worker}/time-entries",
			Body: map[string]any{"end": "2024-03-02T10:00:00Z"}, Fresh: []string{"timer"}, Want: teamManagers(200)},
		{Route: "PUT " + ws + "/user/{userId}/time-entries", Path: w + "/user/{worker}/time-entries",
			Body: []any{authzEntry(map[string]any{"id": "{entry}"})}, Want: teamManagers(200)},
		{Route: "DELETE " + ws + "/user/{userId}/time-entries", Path: w + "/user/{worker}/time-entries?time-entry-ids={tmpEntry}",
			Fresh: []string{"tmpEntry"}, Want: teamManagers(200)},
		{Route: "POST " + ws + "/user/{userId}/time-entries/{entryId}/duplicate", Path: w + "/user/{worker}/time-entries/{entry}/duplicate",
			Want: teamManagers(201)},

		// Reports. Every member may run them and sees the entries they may read.
		{Route: "POST " + reportWS + "/reports/summary", Path: reportW + "/reports/summary",
			Body: authzReport("summaryFilter", map[string]any{"groups": []string{"PROJECT"}}), Want: everyone(200), Filter: true},
		{Route: "POST " + reportWS + "/reports/detailed", Path: reportW + "/reports/detailed",
			Body: authzReport("detailedFilter", map[string]any{}), Want: everyone(200), Filter: true},
		{Route: "POST " + reportWS + "/reports/weekly", Path: reportW + "/reports/weekly",
			Body: authzReport("weeklyFilter", map[string]any{"group": "USER"}), Want: everyone(200), Filter: true},
		{Route: "POST " + reportWS + "/reports/attendance", Path: reportW + "/reports/attendance",
			Body: authzReport("attendanceFilter", map[string]any{}), Want: everyone(200), Filter: true},

		// Shared reports. Members share reports; their author and admins change them.
		{Route: "GET " + reportWS + "/shared-reports", Path: reportW + "/shared-reports", Want: everyone(200)},
		{Route: "POST " + reportWS + "/shared-reports", Path: reportW + "/shared-reports",
			Body: authzShared("S {n}"), Want: everyone(200)},
		{Route: "PUT " + reportWS + "/shared-reports/{id}", Path: reportW + "/shared-reports/{sharedReport}",
			Body: map[string]any{"name": "S {marker}"}, Want: adminsOnly(200)},
		{Route: "DELETE " + reportWS + "/shared-reports/{id}", Path: reportW + "/shared-reports/{tmpShared}",
			Fresh: []string{"tmpShared"}, Want: adminsOnly(204)},
		{Route: "GET /report/v1/shared-reports/{id}", Path: "/report/v1/shared-reports/{sharedReport}", Want: adminsOnly(200)},
	}
}

const (
	reportWS = "/report/v1/workspaces/{workspaceId}"
	reportW  = "/report/v1/workspaces/{ws}"
)

// authzShared is a shared summary report, private to its author and
// {worker}, whom the server checks to be a member.
func authzShared(name string) map[string]any {
	filter := authzReport("summaryFilter", map[string]any{"groups": []string{"PROJECT"}})
	filter["exportType"] = "JSON_V1"
	delete(filter, "projects") // the saved filter's ids are not checked, so a foreign one would be saved
	return map[string]any{"name": name, "type": "SUMMARY", "visibleToUsers": []string{"{worker}"}, "filter": filter}
}

// authzReport is a report body over the week of the tenant's entries,
// filtered to the tenant's project.
func authzReport(filterName string, filter map[string]any) map[string]any {
	return map[string]any{"dateRangeStart": "2024-02-26T00:00:00Z", "dateRangeEnd": "2024-03-03T23:59:59.999Z",
		"timeZone": "UTC", "projects": map[string]any{"ids": []string{"{project}"}, "contains": "CONTAINS"},
		filterName: filter}
}

// tenant is a workspace holding one object of each kind, with a key per role.
type tenant struct {
	env  *apitest.Env
	vars map[string]string // placeholders: ws, marker, the objects and the role user ids
	keys map[string]string // API key per role, and of {worker}
}

// freshMakers re-create the object a placeholder names, with the owner's key.
var freshMakers = map[string]func(t *testing.T, tn *tenant) string{
	"tmpProject": func(t *testing.T, tn *tenant) string {
		id := tn.create(t, w+"/projects", map[string]any{"name": "Old {marker} {n}", "isPublic": false}, 201)
		tn.must(t, "PUT", w+"/projects/"+id, map[string]any{"archived": true}, 200)
		tn.grant(t, "projectManager", "PROJECT_MANAGER", id)
		return id
	},
	"tmpTask": func(t *testing.T, tn *tenant) string {
		return tn.create(t, w+"/projects/{project}/tasks", map[string]any{"name": "Done {marker} {n}", "status": "DONE"}, 201)
	},
	"tmpClient": func(t *testing.T, tn *tenant) string {
		id := tn.create(t, w+"/clients", map[string]any{"name": "Old {marker} {n}"}, 201)
		tn.must(t, "PUT", w+"/clients/"+id, map[string]any{"archived": true}, 200)
		return id
	},
	"sharedReport": func(t *testing.T, tn *tenant) string {
		return tn.create(t, reportW+"/shared-reports", authzShared("Shared {marker}"), 200)
	},
	"tmpShared": func(t *testing.T, tn *tenant) string {
		return tn.create(t, reportW+"/shared-reports", authzShared("Old {marker} {n}"), 200)
	},
	"tmpTag": func(t *testing.T, tn *tenant) string {
		return tn.create(t, w+"/tags", map[string]any{"name": "Old {marker} {n}"}, 201)
	},
	"tmpGroup": func(t *testing.T, tn *tenant) string {
		return tn.create(t, w+"/user-groups", map[string]any{"name": "Old {marker} {n}"}, 201)
	},
	"tmpEntry": func(t *testing.T, tn *tenant) string {
		return tn.create(t, w+"/user/{worker}/time-entries", authzEntry(map[string]any{"description": "Old {marker}"}), 201)
	},
	"timer": func(t *testing.T, tn *tenant) string {
		return tn.create(t, w+"/user/{worker}/time-entries",
			map[string]any{"start": "2024-03-02T09:00:00Z", "description": "Timer {marker}"}, 201)
	},
	"spareMember": func(t *testing.T, tn *tenant) string {
		tn.must(t, "POST", w+"/user-groups/{spareGroup}/users", map[string]any{"userId": "{worker}"}, 200)
		return tn.vars["worker"]
	},
	"tmpField": func(t *testing.T, tn *tenant) string {
		return tn.create(t, w+"/custom-fields", map[string]any{"name": "Old {marker} {n}", "type": "TXT"}, 201)
	},
	"workerGrant": func(t *testing.T, tn *tenant) string {
		tn.grant(t, "worker", "PROJECT_MANAGER", tn.vars["project"])
		return tn.vars["project"]
	},
}

func randomTag() string {
	b := make([]byte, 4)
	rand.Read(b) //nolint:errcheck // never fails
	return hex.EncodeToString(b)
}

// newTenant fills the workspace of owner with role users and objects. Every
// name in it carries a marker unique to the tenant, so that a body from
// another tenant can be searched for it.
func newTenant(t *testing.T, env *apitest.Env, owner apitest.Account) *tenant {
	t.Helper()
	marker := "secret" + randomTag()
	tn := &tenant{env: env, vars: map[string]string{"ws": owner.WorkspaceID, "marker": marker},
		keys: map[string]string{"owner": owner.Key}}
	tn.vars["owner"] = owner.UserID
	roles := map[string]domain.Role{"admin": domain.RoleAdmin, "teamManager": domain.RoleUser,
		"projectManager": domain.RoleUser, "user": domain.RoleUser, "worker": domain.RoleUser}
	for name, role := range roles {
		out, err := env.Svc.CreateUser(context.Background(), domain.NewUser{Email: name + "-" + marker + "@example.com",
			Name: name + " " + marker, WorkspaceID: owner.WorkspaceID, Role: role})
		if err != nil {
			t.Fatalf("creating %s: %v", name, err)
		}
		tn.vars[name], tn.keys[name] = out.UserID, out.APIKey
	}

	tn.vars["group"] = tn.create(t, w+"/user-groups", map[string]any{"name": "Team {marker}"}, 201)
	tn.must(t, "POST", w+"/user-groups/{group}/users", map[string]any{"userId": "{worker}"}, 200)
	tn.must(t, "POST", w+"/users/{teamManager}/roles",
		map[string]any{"role": "TEAM_MANAGER", "entityId": "{group}", "sourceType": "USER_GROUP"}, 201)
	tn.vars["spareGroup"] = tn.create(t, w+"/user-groups", map[string]any{"name": "Spare {marker}"}, 201)

	tn.vars["client"] = tn.create(t, w+"/clients", map[string]any{"name": "Client {marker}"}, 201)
	tn.vars["project"] = tn.create(t, w+"/projects", map[string]any{"name": "Project {marker}", "isPublic": false,
		"clientId": "{client}", "memberships": []any{map[string]any{"userId": "{worker}"}, map[string]any{"userId": "{projectManager}"}}}, 201)
	tn.grant(t, "projectManager", "PROJECT_MANAGER", tn.vars["project"])
	tn.vars["task"] = tn.create(t, w+"/projects/{project}/tasks", map[string]any{"name": "Task {marker}"}, 201)
	tn.vars["tag"] = tn.create(t, w+"/tags", map[string]any{"name": "Tag {marker}"}, 201)
	tn.vars["field"] = tn.create(t, w+"/custom-fields", map[string]any{"name": "Field {marker}", "type": "TXT", "status": "VISIBLE"}, 201)
	tn.vars["userField"] = tn.create(t, w+"/custom-fields", map[string]any{"name": "User field {marker}", "type": "TXT",
		"entityType": "USER", "status": "VISIBLE"}, 201)
	tn.vars["entry"] = tn.create(t, w+"/user/{worker}/time-entries",
		authzEntry(map[string]any{"description": "Entry {marker}", "tagIds": []string{"{tag}"}}), 201)
	for name, makeFresh := range freshMakers {
		tn.vars["n"] = randomTag()
		tn.vars[name] = makeFresh(t, tn)
	}
	return tn
}

// expand fills the tenant's placeholders in s.
func (tn *tenant) expand(s string) string {
	for k, v := range tn.vars {
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	return s
}

// encode turns a row body into JSON text with the placeholders filled.
func (tn *tenant) encode(t testing.TB, body any) any {
	switch b := body.(type) {
	case nil:
		return nil
	case string:
		return tn.expand(b)
	}
	data, err := json.Marshal(body)
	if err != nil {
		t.Fatalf("encoding body: %v", err)
	}
	return tn.expand(string(data))
}

// do sends a request with the key and the tenant's placeholders.
func (tn *tenant) do(t testing.TB, method, path, key string, body any) *apitest.Response {
	t.Helper()
	return tn.env.Do(t, method, tn.expand(path), key, tn.encode(t, body), nil)
}

// must sends a request as the owner and fails the test unless the status is status.
func (tn *tenant) must(t testing.TB, method, path string, body any, status int) *apitest.Response {
	t.Helper()
	r := tn.do(t, method, path, tn.keys["owner"], body)
	if r.Status != status {
		t.Fatalf("%s %s: status %d, want %d; body: %s", method, r.Path, r.Status, status, r.Body)
	}
	return r
}

// create posts body as the owner and returns the new object's id.
func (tn *tenant) create(t testing.TB, path string, body any, status int) string {
	t.Helper()
	return apitest.Str(t, tn.must(t, "POST", path, body, status).JSON(t), "id")
}

// grant gives the role user a manager role on entityID.
func (tn *tenant) grant(t testing.TB, user, role, entityID string) {
	t.Helper()
	tn.must(t, "POST", w+"/users/"+tn.vars[user]+"/roles", map[string]any{"role": role, "entityId": entityID}, 201)
}

// routePatterns returns the patterns of every route that takes an API key.
func routePatterns(env *apitest.Env) []string {
	srv := api.New(env.Svc, slog.New(slog.NewTextHandler(io.Discard, nil)))
	return srv.Patterns()
}

// checkRowsCoverRoutes fails for a route without a row and for a row
// without a route.
func checkRowsCoverRoutes(t *testing.T, env *apitest.Env, rows []authzRow) {
	t.Helper()
	byRoute := map[string]bool{}
	for _, row := range rows {
		if byRoute[row.Route] {
			t.Errorf("route %s has two rows", row.Route)
		}
		byRoute[row.Route] = true
	}
	routed := map[string]bool{}
	for _, p := range routePatterns(env) {
		routed[p] = true
		if !byRoute[p] {
			t.Errorf("route %s has no row in authzRows: add the status each role gets", p)
		}
	}
	for _, row := range rows {
		if !routed[row.Route] {
			t.Errorf("row for %s names no registered route", row.Route)
		}
	}
}

// TestRoutePermissions calls every route as each role and checks the
// status, and the Access Denied body of every 403.
func TestRoutePermissions(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		rows := authzRows()
		checkRowsCoverRoutes(t, env, rows)
		tn := newTenant(t, env, env.Owner)
		for _, row := range rows {
			t.Run(row.Route, func(t *testing.T) {
				method, _, _ := strings.Cut(row.Route, " ")
				for _, role := range authzRoles {
					tn.vars["n"] = randomTag()
					for _, name := range row.Fresh {
						tn.vars[name] = freshMakers[name](t, tn)
					}
					r := tn.do(t, method, row.Path, tn.keys[role], row.Body)
					if r.Status != row.Want.of(role) {
						t.Errorf("%s: status %d, want %d; body: %s", role, r.Status, row.Want.of(role), r.Body)
						continue
					}
					if r.Status == denied {
						apitest.ErrorBody(501)(t, r)
						apitest.Equal("message", "Access Denied")(t, r)
					}
				}
			})
		}
	})
}
