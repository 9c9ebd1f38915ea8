package api_test

import (
	"net/http"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

const settingsPath = "/v1/workspaces/{ws}/settings"

// setSetting changes one workspace setting as the owner and checks that the
// response shows the new value.
func setSetting(name string, value any) apitest.Case {
	return apitest.Case{Name: "set " + name, Method: "PATCH", Path: settingsPath, Body: map[string]any{name: value},
		Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("workspaceSettings."+name, value)}}
}

// settingsEnv adds a regular member, another member with two entries (one
// without a project, one on the public project {pub}), a private project
// {priv}, and rates on the workspace, {pub} and its task {task}.
func settingsEnv(t *testing.T, env *apitest.Env) {
	t.Helper()
	member := env.NewUser(t, "member", domain.RoleUser, "UTC")
	other := env.NewUser(t, "other", domain.RoleUser, "UTC")
	env.Vars["memberKey"], env.Vars["member"] = member.Key, member.UserID
	env.Vars["otherKey"], env.Vars["other"] = other.Key, other.UserID
	env.MustDo(t, "PUT", "/v1/workspaces/{ws}/hourly-rate", "", map[string]any{"amount": 5000, "currency": "USD"}, http.StatusOK)
	pub := env.MustDo(t, "POST", projectsPath, "", map[string]any{"name": "Public", "isPublic": true, "billable": true,
		"hourlyRate": map[string]any{"amount": 7000}, "memberships": []any{map[string]any{"userId": "{other}"}}}, http.StatusCreated)
	env.Vars["pub"] = apitest.Str(t, pub, "id")
	priv := env.MustDo(t, "POST", projectsPath, "", map[string]any{"name": "Private", "isPublic": false}, http.StatusCreated)
	env.Vars["priv"] = apitest.Str(t, priv, "id")
	task := env.MustDo(t, "POST", projectsPath+"/{pub}/tasks", "", map[string]any{"name": "Build"}, http.StatusCreated)
	env.Vars["task"] = apitest.Str(t, task, "id")
	env.MustDo(t, "PUT", projectsPath+"/{pub}/tasks/{task}/hourly-rate", "", map[string]any{"amount": 9000}, http.StatusOK)
	loose := env.MustDo(t, "POST", entriesPath, "{otherKey}", map[string]any{"start": "2024-03-01T09:00:00Z", "end": "2024-03-01T10:00:00Z"}, http.StatusCreated)
	env.Vars["loose"] = apitest.Str(t, loose, "id")
	onPub := env.MustDo(t, "POST", entriesPath, "{otherKey}", map[string]any{"start": "2024-03-02T09:00:00Z", "end": "2024-03-02T10:00:00Z",
		"projectId": "{pub}"}, http.StatusCreated)
	env.Vars["onPub"] = apitest.Str(t, onPub, "id")
}

var (
	done      = map[string]any{"start": "2024-04-01T09:00:00Z", "end": "2024-04-01T10:00:00Z"}
	otherList = "/v1/workspaces/{ws}/user/{other}/time-entries"
)

func TestSettingsRequiredFields(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		settingsEnv(t, env)
		onPub := map[string]any{"start": "2024-04-01T09:00:00Z", "end": "2024-04-01T10:00:00Z", "projectId": "{pub}"}
		full := map[string]any{"start": "2024-04-01T09:00:00Z", "end": "2024-04-01T10:00:00Z", "projectId": "{pub}",
			"taskId": "{task}", "description": "work"}
		required := func(field string) []apitest.Check {
			return []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", field+" is")}
		}
		apitest.Run(t, env, []apitest.Case{
			setSetting("forceProjects", true),
			{Name: "project required", Method: "POST", Path: entriesPath, Key: "{memberKey}", Body: done, Status: http.StatusBadRequest,
				Checks: required("Project")},
			{Name: "timer starts without project", Method: "POST", Path: entriesPath, Key: "{memberKey}",
				Body: map[string]any{"start": "2024-04-02T09:00:00Z"}, Status: http.StatusCreated},
			{Name: "stop without project fails", Method: "PATCH", Path: "/v1/workspaces/{ws}/user/{member}/time-entries", Key: "{memberKey}",
				Body: map[string]any{"end": "2024-04-02T10:00:00Z"}, Status: http.StatusBadRequest, Checks: required("Project")},
			setSetting("forceProjects", false),
			{Name: "stop after project unforced", Method: "PATCH", Path: "/v1/workspaces/{ws}/user/{member}/time-entries", Key: "{memberKey}",
				Body: map[string]any{"end": "2024-04-02T10:00:00Z"}, Status: http.StatusOK},
			{Name: "project optional again", Method: "POST", Path: entriesPath, Key: "{memberKey}", Body: done, Status: http.StatusCreated},

			setSetting("forceTasks", true),
			{Name: "task required", Method: "POST", Path: entriesPath, Key: "{memberKey}", Body: onPub, Status: http.StatusBadRequest,
				Checks: required("Task")},
			setSetting("forceTasks", false),
			{Name: "task optional again", Method: "POST", Path: entriesPath, Key: "{memberKey}", Body: onPub, Status: http.StatusCreated},

			setSetting("forceTags", true),
			{Name: "tag required", Method: "POST", Path: entriesPath, Key: "{memberKey}", Body: full, Status: http.StatusBadRequest,
				Checks: required("Tag")},
			setSetting("forceTags", false),
			{Name: "tag optional again", Method: "POST", Path: entriesPath, Key: "{memberKey}", Body: full, Status: http.StatusCreated},

			setSetting("forceDescription", true),
			{Name: "description required", Method: "POST", Path: entriesPath, Key: "{memberKey}", Body: onPub, Status: http.StatusBadRequest,
				Checks: required("Description")},
			{Name: "blank description counts as none", Method: "POST", Path: entriesPath, Key: "{memberKey}",
				Body:   map[string]any{"start": "2024-04-01T09:00:00Z", "end": "2024-04-01T10:00:00Z", "description": "  "},
				Status: http.StatusBadRequest, Checks: required("Description")},
			setSetting("forceDescription", false),
			{Name: "description optional again", Method: "POST", Path: entriesPath, Key: "{memberKey}", Body: onPub, Status: http.StatusCreated},
		})
	})
}

func TestSettingsLockDate(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		settingsEnv(t, env)
		early := map[string]any{"start": "2024-01-10T09:00:00Z", "end": "2024-01-10T10:00:00Z", "description": "early"}
		moved := map[string]any{"start": "2024-01-10T09:00:00Z", "end": "2024-01-10T11:00:00Z", "description": "moved"}
		apitest.Run(t, env, []apitest.Case{
			{Name: "member adds early entry", Method: "POST", Path: entriesPath, Key: "{memberKey}", Body: early, Status: http.StatusCreated,
				Checks: []apitest.Check{apitest.Store(env, "early", "id"), apitest.Equal("isLocked", false)}},
			setSetting("lockTimeEntries", "2024-02-01T00:00:00Z"),
			{Name: "entry shows locked", Method: "GET", Path: entriesPath + "/{early}", Key: "{memberKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("isLocked", true)}},
			{Name: "member cannot edit", Method: "PUT", Path: entriesPath + "/{early}", Key: "{memberKey}", Body: moved,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "locked")}},
			{Name: "member cannot add", Method: "POST", Path: entriesPath, Key: "{memberKey}", Body: early,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Contains("message", "locked")}},
			{Name: "member cannot delete", Method: "DELETE", Path: entriesPath + "/{early}", Key: "{memberKey}", Status: http.StatusBadRequest},
			{Name: "member adds after lock", Method: "POST", Path: entriesPath, Key: "{memberKey}", Body: done, Status: http.StatusCreated},
			{Name: "owner edits locked entry", Method: "PUT", Path: entriesPath + "/{early}", Body: moved, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("timeInterval.duration", "PT2H")}},
			{Name: "clear lock", Method: "PATCH", Path: settingsPath, Body: `{"lockTimeEntries":null}`, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("workspaceSettings.lockTimeEntries", nil)}},
			{Name: "entry unlocked", Method: "GET", Path: entriesPath + "/{early}", Key: "{memberKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("isLocked", false)}},
			{Name: "member edits again", Method: "PUT", Path: entriesPath + "/{early}", Key: "{memberKey}", Body: early, Status: http.StatusOK},
			{Name: "lock keeps other settings", Method: "GET", Path: "/v1/workspaces/{ws}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("workspaceSettings.isProjectPublicByDefault", true)}},
		})
	})
}

func TestSettingsCreationReserved(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		settingsEnv(t, env)
		clients := "/v1/workspaces/{ws}/clients"
		tasks := projectsPath + "/{pub}/tasks"
		apitest.Run(t, env, []apitest.Case{
			setSetting("onlyAdminsCreateProject", true),
			{Name: "member project denied", Method: "POST", Path: projectsPath, Key: "{memberKey}", Body: map[string]any{"name": "m1"},
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "member client denied", Method: "POST", Path: clients, Key: "{memberKey}", Body: map[string]any{"name": "m1"},
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "creation permission shown", Method: "GET", Path: "/v1/workspaces/{ws}", Key: "{memberKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("workspaceSettings.entityCreationPermissions.whoCanCreateProjectsAndClients", "ADMINS")}},
			setSetting("onlyAdminsCreateProject", false),
			{Name: "member project allowed", Method: "POST", Path: projectsPath, Key: "{memberKey}", Body: map[string]any{"name": "m1"},
				Status: http.StatusCreated},
			{Name: "member client allowed", Method: "POST", Path: clients, Key: "{memberKey}", Body: map[string]any{"name": "m1"},
				Status: http.StatusCreated},

			setSetting("onlyAdminsCreateTag", true),
			{Name: "member tag denied", Method: "POST", Path: tagsPath, Key: "{memberKey}", Body: map[string]any{"name": "m1"},
				Status: http.StatusForbidden, Checks: accessDenied},
			setSetting("onlyAdminsCreateTag", false),
			{Name: "member tag allowed", Method: "POST", Path: tagsPath, Key: "{memberKey}", Body: map[string]any{"name": "m1"},
				Status: http.StatusCreated},

			setSetting("onlyAdminsCreateTask", true),
			{Name: "task creation permission shown", Method: "GET", Path: "/v1/workspaces/{ws}", Key: "{memberKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("workspaceSettings.entityCreationPermissions.whoCanCreateTasks", "ADMINS_AND_PROJECT_MANAGERS")}},
			{Name: "member task denied", Method: "POST", Path: tasks, Key: "{memberKey}", Body: map[string]any{"name": "m1"},
				Status: http.StatusForbidden, Checks: accessDenied},
			setSetting("onlyAdminsCreateTask", false),
			{Name: "member task allowed", Method: "POST", Path: tasks, Key: "{memberKey}", Body: map[string]any{"name": "m1"},
				Status: http.StatusCreated},
			{Name: "member task on private project denied", Method: "POST", Path: projectsPath + "/{priv}/tasks", Key: "{memberKey}",
				Body: map[string]any{"name": "m2"}, Status: http.StatusForbidden, Checks: accessDenied},
		})
	})
}

func TestSettingsRateHiding(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		settingsEnv(t, env)
		ws := "/v1/workspaces/{ws}"
		pub := projectsPath + "/{pub}"
		task := pub + "/tasks/{task}"
		entry := entriesPath + "/{onPub}?hydrated=true"
		members := ws + "/users?memberships=ALL"
		apitest.Run(t, env, []apitest.Case{
			{Name: "member sees workspace rate", Method: "GET", Path: ws, Key: "{otherKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("hourlyRate.amount", 5000)}},
			{Name: "member sees project rate", Method: "GET", Path: pub, Key: "{otherKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("hourlyRate.amount", 7000)}},
			{Name: "member sees entry amount", Method: "GET", Path: entry, Key: "{otherKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("hourlyRate.amount", 7000), apitest.Equal("totalBillable", 7000)}},
			{Name: "owner sets budget", Method: "PATCH", Path: pub + "/estimate", Status: http.StatusOK,
				Body:   map[string]any{"budgetEstimate": map[string]any{"estimate": 250000, "type": "MANUAL", "active": true}},
				Checks: []apitest.Check{apitest.Equal("budgetEstimate.estimate", 250000)}},
			{Name: "owner sets task budget", Method: "PUT", Path: task, Status: http.StatusOK,
				Body:   map[string]any{"name": "Build", "budgetEstimate": 40000},
				Checks: []apitest.Check{apitest.Equal("budgetEstimate", 40000)}},
			{Name: "member sees budget", Method: "GET", Path: pub, Key: "{otherKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("budgetEstimate.estimate", 250000)}},
			{Name: "member sees task budget", Method: "GET", Path: task, Key: "{otherKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("budgetEstimate", 40000)}},

			setSetting("onlyAdminsSeeBillableRates", true),
			{Name: "workspace rate hidden", Method: "GET", Path: ws, Key: "{otherKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("hourlyRate", nil), apitest.Equal("costRate", nil)}},
			{Name: "workspace list rate hidden", Method: "GET", Path: "/v1/workspaces", Key: "{otherKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("0.hourlyRate", nil)}},
			{Name: "project rate hidden", Method: "GET", Path: pub, Key: "{otherKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("hourlyRate", nil), apitest.Equal("memberships.0.hourlyRate", nil)}},
			{Name: "project list rate hidden", Method: "GET", Path: projectsPath + "?hydrated=true", Key: "{otherKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("0.hourlyRate", nil), apitest.Equal("0.tasks.0.hourlyRate", nil)}},
			{Name: "task rate hidden", Method: "GET", Path: task, Key: "{otherKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("hourlyRate", nil), apitest.Equal("budgetEstimate", 0)}},
			{Name: "budget hidden", Method: "GET", Path: pub, Key: "{otherKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("budgetEstimate", nil)}},
			{Name: "owner still sees budget", Method: "GET", Path: pub, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("budgetEstimate.estimate", 250000)}},
			{Name: "entry rate hidden", Method: "GET", Path: entry, Key: "{otherKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("hourlyRate", nil), apitest.Equal("costRate", nil), apitest.Equal("totalBillable", 0),
					apitest.Equal("project.hourlyRate", nil), apitest.Equal("project.memberships.0.hourlyRate", nil)}},
			{Name: "entry on task", Method: "POST", Path: entriesPath, Key: "{otherKey}",
				Body:   map[string]any{"start": "2024-05-01T09:00:00Z", "end": "2024-05-01T10:00:00Z", "projectId": "{pub}", "taskId": "{task}"},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Equal("hourlyRate", nil), apitest.Store(env, "onTask", "id")}},
			{Name: "hydrated task rate hidden", Method: "GET", Path: entriesPath + "/{onTask}?hydrated=true", Key: "{otherKey}",
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("task.hourlyRate", nil)}},
			{Name: "owner sees task rate", Method: "GET", Path: entriesPath + "/{onTask}?hydrated=true",
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("task.hourlyRate.amount", 9000)}},
			{Name: "entry list rate hidden", Method: "GET", Path: otherList, Key: "{otherKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("0.hourlyRate", nil), apitest.Equal("1.hourlyRate", nil)}},
			{Name: "member rates hidden", Method: "GET", Path: members, Key: "{otherKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("0.memberships.0.hourlyRate", nil)}},
			{Name: "owner still sees project rate", Method: "GET", Path: pub, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("hourlyRate.amount", 7000)}},
			{Name: "owner still sees entry rate", Method: "GET", Path: entry, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("hourlyRate.amount", 7000)}},

			setSetting("onlyAdminsSeeBillableRates", false),
			{Name: "workspace rate shown again", Method: "GET", Path: ws, Key: "{otherKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("hourlyRate.amount", 5000)}},
			{Name: "task rate shown again", Method: "GET", Path: task, Key: "{otherKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("hourlyRate.amount", 9000), apitest.Equal("budgetEstimate", 40000)}},
			{Name: "budget shown again", Method: "GET", Path: pub, Key: "{otherKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("budgetEstimate.estimate", 250000)}},
			{Name: "entry rate shown again", Method: "GET", Path: entry, Key: "{otherKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("hourlyRate.amount", 7000), apitest.Equal("project.hourlyRate.amount", 7000)}},
		})
	})
}

func TestSettingsEntryVisibility(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		settingsEnv(t, env)
		batch := map[string]any{"timeEntryIds": []string{"{loose}", "{onPub}"}}
		apitest.Run(t, env, []apitest.Case{
			{Name: "member sees both entries", Method: "GET", Path: otherList, Key: "{memberKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 2)}},
			{Name: "member reads public project entry", Method: "GET", Path: entriesPath + "/{onPub}", Key: "{memberKey}", Status: http.StatusOK},

			setSetting("onlyAdminsSeeAllTimeEntries", true),
			{Name: "member list denied", Method: "GET", Path: otherList, Key: "{memberKey}", Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "member read denied", Method: "GET", Path: entriesPath + "/{loose}", Key: "{memberKey}", Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "member batch empty", Method: "POST", Path: entriesPath + "/batch", Key: "{memberKey}", Body: batch, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 0)}},
			{Name: "owner still lists", Method: "GET", Path: otherList, Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("", 2)}},
			{Name: "member keeps own entries", Method: "GET", Path: "/v1/workspaces/{ws}/user/{member}/time-entries", Key: "{memberKey}",
				Status: http.StatusOK},
			setSetting("onlyAdminsSeeAllTimeEntries", false),
			{Name: "member lists again", Method: "GET", Path: otherList, Key: "{memberKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 2)}},

			setSetting("onlyAdminsSeePublicProjectsEntries", true),
			{Name: "public project entry hidden", Method: "GET", Path: otherList, Key: "{memberKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.id", "{loose}")}},
			{Name: "public project entry read denied", Method: "GET", Path: entriesPath + "/{onPub}", Key: "{memberKey}",
				Status: http.StatusForbidden, Checks: accessDenied},
			{Name: "batch leaves it out", Method: "POST", Path: entriesPath + "/batch", Key: "{memberKey}", Body: batch, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.id", "{loose}")}},
			{Name: "project member still sees it", Method: "GET", Path: entriesPath + "/{onPub}", Key: "{otherKey}", Status: http.StatusOK},
			setSetting("onlyAdminsSeePublicProjectsEntries", false),
			{Name: "public project entry shown again", Method: "GET", Path: otherList, Key: "{memberKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 2)}},
		})
	})
}

func TestSettingsProjectDefaults(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		settingsEnv(t, env)
		apitest.Run(t, env, []apitest.Case{
			setSetting("isProjectPublicByDefault", false),
			{Name: "new project private", Method: "POST", Path: projectsPath, Body: map[string]any{"name": "d1"}, Status: http.StatusCreated,
				Checks: []apitest.Check{apitest.Equal("public", false)}},
			setSetting("isProjectPublicByDefault", true),
			{Name: "new project public", Method: "POST", Path: projectsPath, Body: map[string]any{"name": "d2"}, Status: http.StatusCreated,
				Checks: []apitest.Check{apitest.Equal("public", true)}},

			setSetting("defaultBillableProjects", false),
			{Name: "new project unbillable", Method: "POST", Path: projectsPath, Body: map[string]any{"name": "d3"}, Status: http.StatusCreated,
				Checks: []apitest.Check{apitest.Equal("billable", false)}},
			setSetting("defaultBillableProjects", true),
			{Name: "new project billable", Method: "POST", Path: projectsPath, Body: map[string]any{"name": "d4"}, Status: http.StatusCreated,
				Checks: []apitest.Check{apitest.Equal("billable", true)}},
		})
	})
}

func TestSettingsBillableChanges(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		settingsEnv(t, env)
		unbilled := map[string]any{"start": "2024-04-01T09:00:00Z", "end": "2024-04-01T10:00:00Z", "projectId": "{pub}", "billable": false}
		apitest.Run(t, env, []apitest.Case{
			setSetting("onlyAdminsCanChangeBillableStatus", true),
			{Name: "member create takes project flag", Method: "POST", Path: entriesPath, Key: "{memberKey}", Body: unbilled,
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Equal("billable", true), apitest.Store(env, "mine", "id")}},
			{Name: "member edit keeps flag", Method: "PUT", Path: entriesPath + "/{mine}", Key: "{memberKey}", Body: unbilled,
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("billable", true)}},
			{Name: "owner sets flag", Method: "PUT", Path: entriesPath + "/{mine}", Body: unbilled,
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("billable", false)}},
			setSetting("onlyAdminsCanChangeBillableStatus", false),
			{Name: "member create sets flag", Method: "POST", Path: entriesPath, Key: "{memberKey}", Body: unbilled,
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Equal("billable", false)}},
			{Name: "member edit sets flag", Method: "PUT", Path: entriesPath + "/{mine}", Key: "{memberKey}",
				Body:   map[string]any{"start": "2024-04-01T09:00:00Z", "end": "2024-04-01T10:00:00Z", "projectId": "{pub}", "billable": true},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("billable", true)}},
		})
	})
}

func TestSettingsStopwatchOnly(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		settingsEnv(t, env)
		memberEntries := "/v1/workspaces/{ws}/user/{member}/time-entries"
		manual := []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "timer")}
		apitest.Run(t, env, []apitest.Case{
			{Name: "member adds finished entry", Method: "POST", Path: entriesPath, Key: "{memberKey}", Body: done, Status: http.StatusCreated,
				Checks: []apitest.Check{apitest.Store(env, "finished", "id")}},
			setSetting("timeTrackingMode", "STOPWATCH_ONLY"),
			{Name: "finished entry rejected", Method: "POST", Path: entriesPath, Key: "{memberKey}", Body: done,
				Status: http.StatusBadRequest, Checks: manual},
			{Name: "duplicate rejected", Method: "POST", Path: memberEntries + "/{finished}/duplicate", Key: "{memberKey}",
				Status: http.StatusBadRequest, Checks: manual},
			{Name: "time change rejected", Method: "PUT", Path: entriesPath + "/{finished}", Key: "{memberKey}",
				Body: map[string]any{"start": "2024-04-01T08:00:00Z", "end": "2024-04-01T10:00:00Z"}, Status: http.StatusBadRequest, Checks: manual},
			{Name: "description change allowed", Method: "PUT", Path: entriesPath + "/{finished}", Key: "{memberKey}",
				Body:   map[string]any{"start": "2024-04-01T09:00:00Z", "end": "2024-04-01T10:00:00Z", "description": "renamed"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("description", "renamed")}},
			{Name: "timer starts", Method: "POST", Path: entriesPath, Key: "{memberKey}", Body: map[string]any{"start": "2024-04-02T09:00:00Z"},
				Status: http.StatusCreated},
			{Name: "timer stops", Method: "PATCH", Path: memberEntries, Key: "{memberKey}", Body: map[string]any{"end": "2024-04-02T10:00:00Z"},
				Status: http.StatusOK},
			{Name: "owner adds finished entry", Method: "POST", Path: entriesPath, Body: done, Status: http.StatusCreated},
			setSetting("timeTrackingMode", "DEFAULT"),
			{Name: "finished entry allowed again", Method: "POST", Path: entriesPath, Key: "{memberKey}", Body: done, Status: http.StatusCreated},
			{Name: "time change allowed again", Method: "PUT", Path: entriesPath + "/{finished}", Key: "{memberKey}",
				Body: map[string]any{"start": "2024-04-01T08:00:00Z", "end": "2024-04-01T10:00:00Z"}, Status: http.StatusOK},
		})
	})
}

// TestSettingsReportOptions checks the settings that only reports read:
// they are stored, returned and validated.
func TestSettingsReportOptions(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		settingsEnv(t, env)
		apitest.Run(t, env, []apitest.Case{
			{Name: "defaults", Method: "GET", Path: "/v1/workspaces/{ws}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("workspaceSettings.round", map[string]any{"round": "Round to nearest", "minutes": "15"}),
				apitest.Equal("workspaceSettings.durationFormat", "FULL"),
				apitest.Equal("workspaceSettings.weekStart", "MONDAY"),
				apitest.Equal("workspaceSettings.timeRoundingInReports", false),
			}},
			{Name: "set all", Method: "PATCH", Path: settingsPath, Body: map[string]any{"timeRoundingInReports": true,
				"round": map[string]any{"round": "Round up to", "minutes": "30"}, "durationFormat": "DECIMAL", "weekStart": "sunday",
				"timeTrackingMode": "STOPWATCH_ONLY", "lockTimeZone": "Europe/Berlin"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("workspaceSettings.round", map[string]any{"round": "Round up to", "minutes": "30"}),
					apitest.Equal("workspaceSettings.durationFormat", "DECIMAL"),
					apitest.Equal("workspaceSettings.weekStart", "SUNDAY"),
					apitest.Equal("workspaceSettings.timeRoundingInReports", true),
					apitest.Equal("workspaceSettings.timeTrackingMode", "STOPWATCH_ONLY"),
					apitest.Equal("workspaceSettings.lockTimeZone", "Europe/Berlin"),
				}},
			{Name: "member reads them", Method: "GET", Path: "/v1/workspaces/{ws}", Key: "{memberKey}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("workspaceSettings.round.minutes", "30"),
				apitest.Equal("workspaceSettings.durationFormat", "DECIMAL"),
			}},
			{Name: "minutes as a number", Method: "PATCH", Path: settingsPath, Body: `{"round":{"round":"Round down to","minutes":5}}`,
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("workspaceSettings.round.minutes", "5")}},
			{Name: "set back", Method: "PATCH", Path: settingsPath, Body: map[string]any{"timeRoundingInReports": false,
				"round": map[string]any{"round": "Round to nearest", "minutes": "15"}, "durationFormat": "FULL", "weekStart": "MONDAY",
				"timeTrackingMode": "DEFAULT"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("workspaceSettings.round.round", "Round to nearest"),
					apitest.Equal("workspaceSettings.durationFormat", "FULL"),
					apitest.Equal("workspaceSettings.weekStart", "MONDAY"),
				}},

			{Name: "bad duration format", Method: "PATCH", Path: settingsPath, Body: map[string]any{"durationFormat": "LONG"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "LONG")}},
			{Name: "bad round minutes", Method: "PATCH", Path: settingsPath, Body: map[string]any{"round": map[string]any{"round": "Round up to", "minutes": "7"}},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "round.minutes")}},
			{Name: "bad round mode", Method: "PATCH", Path: settingsPath, Body: map[string]any{"round": map[string]any{"round": "Round sideways", "minutes": "15"}},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "bad week start", Method: "PATCH", Path: settingsPath, Body: map[string]any{"weekStart": "FUNDAY"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "bad lock date", Method: "PATCH", Path: settingsPath, Body: map[string]any{"lockTimeEntries": "yesterday"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3002)}},
			{Name: "bad lock zone", Method: "PATCH", Path: settingsPath, Body: map[string]any{"lockTimeZone": "Mars/Olympus"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "unknown setting", Method: "PATCH", Path: settingsPath, Body: map[string]any{"forceProject": true},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3002), apitest.Contains("message", "forceProject")}},
			{Name: "wrong type", Method: "PATCH", Path: settingsPath, Body: map[string]any{"forceTags": "yes"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3002)}},
			{Name: "failed change keeps settings", Method: "GET", Path: "/v1/workspaces/{ws}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("workspaceSettings.durationFormat", "FULL"),
				apitest.Equal("workspaceSettings.forceTags", false),
			}},
			{Name: "member cannot change", Method: "PATCH", Path: settingsPath, Key: "{memberKey}", Body: map[string]any{"forceTags": true},
				Status: http.StatusForbidden, Checks: accessDenied},
		})
	})
}
