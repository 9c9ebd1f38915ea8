package api_test

// These tests drive a real Punchclock server with the Go client of
// clockify-cli v0.50.0 (github.com/lucassabreu/clockify-cli/api), one subtest
// per client method. Each call must succeed and decode into the client's own
// DTOs, and the decoded values must match what was stored, so a field the
// client cannot parse or a value the server alters fails here.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	cli "github.com/lucassabreu/clockify-cli/api"
	"github.com/lucassabreu/clockify-cli/api/dto"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/iso8601"
)

func TestClockifyCLIUsers(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		c := newCLIClient(t, env, env.Owner.Key)
		ws := env.Owner.WorkspaceID

		t.Run("GetMe", func(t *testing.T) {
			me, err := c.GetMe()
			if err != nil {
				t.Fatalf("GetMe: %v", err)
			}

			if me.ID != env.Owner.UserID {
				t.Errorf("id = %q, want %q", me.ID, env.Owner.UserID)
			}
			if me.Name != "owner" {
				t.Errorf("name = %q, want owner", me.Name)
			}
			if !strings.HasPrefix(me.Email, "owner-") || !strings.HasSuffix(me.Email, "@example.com") {
				t.Errorf("email = %q, want owner-…@example.com", me.Email)
			}
			if me.DefaultWorkspace != ws {
				t.Errorf("defaultWorkspace = %q, want %q", me.DefaultWorkspace, ws)
			}
			if me.ActiveWorkspace != ws {
				t.Errorf("activeWorkspace = %q, want %q", me.ActiveWorkspace, ws)
			}
			if me.Settings.TimeZone != "UTC" {
				t.Errorf("settings.timeZone = %q, want UTC", me.Settings.TimeZone)
			}
			if me.Status != dto.UserStatusActive {
				t.Errorf("status = %q, want ACTIVE", me.Status)
			}
		})

		env.MustDo(t, http.MethodPut, "/v1/workspaces/{ws}/hourly-rate", "",
			map[string]any{"amount": 2500, "currency": "USD"}, http.StatusOK)

		t.Run("GetWorkspaces", func(t *testing.T) {
			all, err := c.GetWorkspaces(cli.GetWorkspaces{})
			if err != nil {
				t.Fatalf("GetWorkspaces: %v", err)
			}
			if len(all) != 1 {
				t.Fatalf("got %d workspaces, want 1: %+v", len(all), all)
			}
			checkOwnerWorkspace(t, env, all[0])

			// The client filters by name itself: case-insensitive substring.
			byName, err := c.GetWorkspaces(cli.GetWorkspaces{Name: "OWNER'S"})
			if err != nil {
				t.Fatalf("GetWorkspaces by name: %v", err)
			}
			if len(byName) != 1 || byName[0].ID != ws {
				t.Errorf("name filter returned %+v, want only %s", byName, ws)
			}
		})

		t.Run("GetWorkspace", func(t *testing.T) {
			got, err := c.GetWorkspace(cli.GetWorkspace{ID: ws})
			if err != nil {
				t.Fatalf("GetWorkspace: %v", err)
			}
			checkOwnerWorkspace(t, env, got)

			_, err = c.GetWorkspace(cli.GetWorkspace{ID: unknownID})
			checkErrorCode(t, err, http.StatusNotFound)
		})

		// 55 members sort before the owner by email (member-… < owner-…),
		// so the owner is on the second page of 50.
		members := make(map[string]apitest.Account)
		for i := range 55 {
			name := fmt.Sprintf("member-%02d", i)
			members[name] = env.NewUser(t, name, domain.RoleUser, "America/Chicago")
		}

		t.Run("WorkspaceUsers", func(t *testing.T) {
			// 56 users in pages of 7 fill the last page, so the client also
			// requests the empty ninth page, which must be 200 [].
			all, err := c.WorkspaceUsers(cli.WorkspaceUsersParam{
				Workspace:       ws,
				PaginationParam: cli.PaginationParam{AllPages: true, PageSize: 7},
			})
			if err != nil {
				t.Fatalf("WorkspaceUsers: %v", err)
			}
			if len(all) != 56 {
				t.Fatalf("got %d users over all pages, want 56", len(all))
			}
			seen := make(map[string]bool)
			for _, u := range all {
				if seen[u.ID] {
					t.Errorf("user %s (%s) listed twice", u.ID, u.Email)
				}
				seen[u.ID] = true
			}
			for name, m := range members {
				if !seen[m.UserID] {
					t.Errorf("member %s (%s) missing from the pages", name, m.UserID)
				}
			}
			if !seen[env.Owner.UserID] {
				t.Errorf("owner %s missing from the pages", env.Owner.UserID)
			}

			second, err := c.WorkspaceUsers(cli.WorkspaceUsersParam{
				Workspace:       ws,
				PaginationParam: cli.PaginationParam{Page: 2, PageSize: 50},
			})
			if err != nil {
				t.Fatalf("WorkspaceUsers page 2: %v", err)
			}
			if len(second) != 6 {
				t.Errorf("page 2 of 50 has %d users, want 6", len(second))
			}

			target := members["member-07"]
			me := findUser(t, all, target.UserID)
			byEmail, err := c.WorkspaceUsers(cli.WorkspaceUsersParam{Workspace: ws, Email: me.Email})
			if err != nil {
				t.Fatalf("WorkspaceUsers by email: %v", err)
			}
			if len(byEmail) != 1 || byEmail[0].ID != target.UserID {
				t.Errorf("email %s returned %+v, want only %s", me.Email, byEmail, target.UserID)
			}
		})

		t.Run("GetUser", func(t *testing.T) {
			target := members["member-42"]
			u, err := c.GetUser(cli.GetUser{Workspace: ws, UserID: target.UserID})
			if err != nil {
				t.Fatalf("GetUser: %v", err)
			}
			if u.ID != target.UserID || u.Name != "member-42" {
				t.Errorf("got %s %q, want %s member-42", u.ID, u.Name, target.UserID)
			}
			if u.Settings.TimeZone != "America/Chicago" {
				t.Errorf("settings.timeZone = %q, want America/Chicago", u.Settings.TimeZone)
			}

			// The owner sorts last, on page 2.
			owner, err := c.GetUser(cli.GetUser{Workspace: ws, UserID: env.Owner.UserID})
			if err != nil {
				t.Fatalf("GetUser for the owner on page 2: %v", err)
			}
			if owner.ID != env.Owner.UserID || owner.Name != "owner" {
				t.Errorf("got %s %q, want %s owner", owner.ID, owner.Name, env.Owner.UserID)
			}

			_, err = c.GetUser(cli.GetUser{Workspace: ws, UserID: unknownID})
			checkErrorCode(t, err, http.StatusNotFound)
		})
	})
}

func TestClockifyCLIClients(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		c := newCLIClient(t, env, env.Owner.Key)
		ws := env.Owner.WorkspaceID

		t.Run("AddClient", func(t *testing.T) {
			got, err := c.AddClient(cli.AddClientParam{Workspace: ws, Name: "Acme <Corp>"})
			if err != nil {
				t.Fatalf("AddClient: %v", err)
			}
			if !cli.IsValidID(got.ID) {
				t.Errorf("id %q is not a 24-hex id", got.ID)
			}
			if got.Name != "Acme <Corp>" || got.WorkspaceID != ws || got.Archived {
				t.Errorf("got %+v, want name Acme <Corp>, workspace %s, not archived", got, ws)
			}

			_, err = c.AddClient(cli.AddClientParam{Workspace: ws, Name: "Acme <Corp>"})
			if err == nil {
				t.Errorf("AddClient with a taken name succeeded, want an error")
			}
		})

		t.Run("GetClients", func(t *testing.T) {
			want := make(map[string]string)
			for i := range 5 {
				cl, err := c.AddClient(cli.AddClientParam{Workspace: ws, Name: fmt.Sprintf("Paged %d", i)})
				if err != nil {
					t.Fatalf("AddClient: %v", err)
				}
				want[cl.ID] = cl.Name
			}

			all, err := c.GetClients(cli.GetClientsParam{
				Workspace:       ws,
				Name:            "Paged",
				PaginationParam: cli.PaginationParam{AllPages: true, PageSize: 2},
			})
			if err != nil {
				t.Fatalf("GetClients: %v", err)
			}
			if len(all) != len(want) {
				t.Fatalf("got %d clients over all pages, want %d: %+v", len(all), len(want), all)
			}
			for _, cl := range all {
				if want[cl.ID] != cl.Name || cl.WorkspaceID != ws || cl.Archived {
					t.Errorf("client %+v does not match the stored one (%q)", cl, want[cl.ID])
				}
			}

			notArchived := false
			active, err := c.GetClients(cli.GetClientsParam{Workspace: ws, Archived: &notArchived})
			if err != nil {
				t.Fatalf("GetClients archived=false: %v", err)
			}
			if len(active) != 6 {
				t.Errorf("archived=false returned %d clients, want 6", len(active))
			}
		})
	})
}

func TestClockifyCLIProjects(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		c := newCLIClient(t, env, env.Owner.Key)
		ws := env.Owner.WorkspaceID
		client, err := c.AddClient(cli.AddClientParam{Workspace: ws, Name: "Globex"})
		if err != nil {
			t.Fatalf("AddClient: %v", err)
		}
		member := env.NewUser(t, "member", domain.RoleUser, "")

		t.Run("AddProject", func(t *testing.T) {
			got, err := c.AddProject(cli.AddProjectParam{
				Workspace: ws, Name: "Apollo", ClientId: client.ID, Color: "f0a",
				Note: "moon <shot>", Billable: true, Public: true,
			})
			if err != nil {
				t.Fatalf("AddProject: %v", err)
			}

			if !cli.IsValidID(got.ID) {
				t.Errorf("id %q is not a 24-hex id", got.ID)
			}
			checkProject(t, got, dto.Project{
				WorkspaceID: ws, ID: got.ID, Name: "Apollo", Note: "moon <shot>", Color: "#ff00aa",
				ClientID: client.ID, ClientName: "Globex", Billable: true, Public: true,
			})
		})

		t.Run("GetProjects", func(t *testing.T) {
			// A fresh project with no estimate and no time must decode: the
			// client rejects a null time estimate.
			fresh := mustAddProject(t, c, ws, "Fresh")
			list, err := c.GetProjects(cli.GetProjectsParam{Workspace: ws, Name: "Fresh"})
			if err != nil {
				t.Fatalf("GetProjects on a fresh project: %v", err)
			}
			if len(list) != 1 {
				t.Fatalf("name filter returned %d projects, want 1: %+v", len(list), list)
			}
			checkProject(t, list[0], fresh)
			checkNoTime(t, list[0])

			ids := map[string]bool{fresh.ID: true}
			for i := range 4 {
				ids[mustAddProject(t, c, ws, fmt.Sprintf("Paged %d", i)).ID] = true
			}
			all, err := c.GetProjects(cli.GetProjectsParam{
				Workspace:       ws,
				PaginationParam: cli.PaginationParam{AllPages: true, PageSize: 2},
			})
			if err != nil {
				t.Fatalf("GetProjects over all pages: %v", err)
			}
			got := make(map[string]bool)
			for _, p := range all {
				if got[p.ID] {
					t.Errorf("project %s (%s) listed twice", p.ID, p.Name)
				}
				got[p.ID] = true
			}
			for id := range ids {
				if !got[id] {
					t.Errorf("project %s missing from the pages", id)
				}
			}

			withClient, err := c.AddProject(cli.AddProjectParam{Workspace: ws, Name: "Client only", ClientId: client.ID})
			if err != nil {
				t.Fatalf("AddProject: %v", err)
			}
			byClient, err := c.GetProjects(cli.GetProjectsParam{Workspace: ws, Clients: []string{client.ID}, Name: "Client only"})
			if err != nil {
				t.Fatalf("GetProjects by client: %v", err)
			}
			if len(byClient) != 1 || byClient[0].ID != withClient.ID {
				t.Errorf("client filter returned %+v, want only %s", byClient, withClient.ID)
			}

			hydrated, err := c.GetProjects(cli.GetProjectsParam{Workspace: ws, Name: "Fresh", Hydrate: true})
			if err != nil {
				t.Fatalf("GetProjects hydrated: %v", err)
			}
			if len(hydrated) != 1 || hydrated[0].ID != fresh.ID {
				t.Errorf("hydrated list returned %+v, want only %s", hydrated, fresh.ID)
			}
		})

		t.Run("GetProject", func(t *testing.T) {
			want, err := c.AddProject(cli.AddProjectParam{
				Workspace: ws, Name: "Gemini", ClientId: client.ID, Color: "#ABCDEF", Note: "two", Public: true,
			})
			if err != nil {
				t.Fatalf("AddProject: %v", err)
			}

			got, err := c.GetProject(cli.GetProjectParam{Workspace: ws, ProjectID: want.ID})
			if err != nil {
				t.Fatalf("GetProject: %v", err)
			}
			if got == nil {
				t.Fatalf("GetProject returned no project")
			}
			checkProject(t, *got, want)
			checkNoTime(t, *got)

			hydrated, err := c.GetProject(cli.GetProjectParam{Workspace: ws, ProjectID: want.ID, Hydrate: true})
			if err != nil {
				t.Fatalf("GetProject hydrated: %v", err)
			}
			if hydrated == nil || hydrated.ID != want.ID {
				t.Errorf("hydrated GetProject returned %+v, want %s", hydrated, want.ID)
			}

			_, err = c.GetProject(cli.GetProjectParam{Workspace: ws, ProjectID: unknownID})
			if err == nil {
				t.Errorf("GetProject on an unknown id succeeded, want an error")
			}
		})

		t.Run("UpdateProject", func(t *testing.T) {
			orig, err := c.AddProject(cli.AddProjectParam{
				Workspace: ws, Name: "Mercury", ClientId: client.ID, Color: "#112233",
				Note: "first", Billable: true, Public: true,
			})
			if err != nil {
				t.Fatalf("AddProject: %v", err)
			}

			// The client sends only the fields it sets; the rest must stay.
			note := "second"
			notBillable := false
			got, err := c.UpdateProject(cli.UpdateProjectParam{
				Workspace: ws, ProjectID: orig.ID, Name: "Mercury 2", Note: &note, Billable: &notBillable,
			})
			if err != nil {
				t.Fatalf("UpdateProject: %v", err)
			}
			want := orig
			want.Name, want.Note, want.Billable = "Mercury 2", "second", false
			checkProject(t, got, want)

			reread := mustGetProject(t, c, ws, orig.ID)
			checkProject(t, reread, want)

			noClient := ""
			got, err = c.UpdateProject(cli.UpdateProjectParam{
				Workspace: ws, ProjectID: orig.ID, Color: "0f0", ClientId: &noClient,
			})
			if err != nil {
				t.Fatalf("UpdateProject clearing the client: %v", err)
			}
			want.Color, want.ClientID, want.ClientName = "#00ff00", "", ""
			checkProject(t, got, want)
		})

		t.Run("UpdateProjectMemberships", func(t *testing.T) {
			p := mustAddProject(t, c, ws, "Memberships")

			got, err := c.UpdateProjectMemberships(cli.UpdateProjectMembershipsParam{
				Workspace: ws, ProjectID: p.ID,
				Memberships: []cli.UpdateMembership{
					{UserOrGroupID: member.UserID, HourlyRateAmount: 4200},
					{UserOrGroupID: env.Owner.UserID},
				},
			})
			if err != nil {
				t.Fatalf("UpdateProjectMemberships: %v", err)
			}
			m := findMembership(t, got.Memberships, member.UserID)
			if m.TargetID != p.ID || m.Type != "PROJECT" {
				t.Errorf("membership targets %q (%s), want project %s", m.TargetID, m.Type, p.ID)
			}
			if m.HourlyRate == nil || m.HourlyRate.Amount != 4200 {
				t.Errorf("membership hourlyRate = %+v, want amount 4200", m.HourlyRate)
			}
			findMembership(t, got.Memberships, env.Owner.UserID)

			reread := mustGetProject(t, c, ws, p.ID)
			m = findMembership(t, reread.Memberships, member.UserID)
			if m.HourlyRate == nil || m.HourlyRate.Amount != 4200 {
				t.Errorf("stored membership hourlyRate = %+v, want amount 4200", m.HourlyRate)
			}
		})

		t.Run("UpdateProjectUserBillableRate", func(t *testing.T) {
			p := mustAddProjectWithMember(t, c, ws, "Billable rate", member.UserID)

			got, err := c.UpdateProjectUserBillableRate(cli.UpdateProjectUserRateParam{
				Workspace: ws, ProjectID: p.ID, UserID: member.UserID, Amount: 3150,
			})
			if err != nil {
				t.Fatalf("UpdateProjectUserBillableRate: %v", err)
			}
			m := findMembership(t, got.Memberships, member.UserID)
			if m.HourlyRate == nil || m.HourlyRate.Amount != 3150 {
				t.Errorf("membership hourlyRate = %+v, want amount 3150", m.HourlyRate)
			}

			since := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
			got, err = c.UpdateProjectUserBillableRate(cli.UpdateProjectUserRateParam{
				Workspace: ws, ProjectID: p.ID, UserID: member.UserID, Amount: 3300, Since: &since,
			})
			if err != nil {
				t.Fatalf("UpdateProjectUserBillableRate with since: %v", err)
			}
			m = findMembership(t, mustGetProject(t, c, ws, p.ID).Memberships, member.UserID)
			if m.HourlyRate == nil || m.HourlyRate.Amount != 3300 {
				t.Errorf("stored membership hourlyRate = %+v, want amount 3300", m.HourlyRate)
			}
		})

		t.Run("UpdateProjectUserCostRate", func(t *testing.T) {
			p := mustAddProjectWithMember(t, c, ws, "Cost rate", member.UserID)

			got, err := c.UpdateProjectUserCostRate(cli.UpdateProjectUserRateParam{
				Workspace: ws, ProjectID: p.ID, UserID: member.UserID, Amount: 1275,
			})
			if err != nil {
				t.Fatalf("UpdateProjectUserCostRate: %v", err)
			}
			m := findMembership(t, got.Memberships, member.UserID)
			if m.CostRate == nil || m.CostRate.Amount != 1275 {
				t.Errorf("membership costRate = %+v, want amount 1275", m.CostRate)
			}

			m = findMembership(t, mustGetProject(t, c, ws, p.ID).Memberships, member.UserID)
			if m.CostRate == nil || m.CostRate.Amount != 1275 {
				t.Errorf("stored membership costRate = %+v, want amount 1275", m.CostRate)
			}
		})

		t.Run("UpdateProjectEstimate", func(t *testing.T) {
			p := mustAddProject(t, c, ws, "Estimates")
			estimate := time.Hour + 30*time.Minute + 15*time.Second

			got, err := c.UpdateProjectEstimate(cli.UpdateProjectEstimateParam{
				Workspace: ws, ProjectID: p.ID, Method: cli.EstimateMethodTime,
				Type: cli.EstimateTypeProject, Estimate: int64(estimate),
			})
			if err != nil {
				t.Fatalf("UpdateProjectEstimate time: %v", err)
			}
			if !got.TimeEstimate.Active || got.TimeEstimate.Type != dto.EstimateTypeManual ||
				got.TimeEstimate.Estimate.Duration != estimate {
				t.Errorf("timeEstimate = %+v, want active MANUAL %v", got.TimeEstimate, estimate)
			}
			if got.BudgetEstimate.Active {
				t.Errorf("budgetEstimate = %+v, want inactive", got.BudgetEstimate)
			}
			reread := mustGetProject(t, c, ws, p.ID)
			if reread.TimeEstimate.Estimate.Duration != estimate || !reread.TimeEstimate.Active {
				t.Errorf("stored timeEstimate = %+v, want active %v", reread.TimeEstimate, estimate)
			}

			got, err = c.UpdateProjectEstimate(cli.UpdateProjectEstimateParam{
				Workspace: ws, ProjectID: p.ID, Method: cli.EstimateMethodBudget,
				Type: cli.EstimateTypeProject, ResetOption: cli.EstimateResetOptionMonthly, Estimate: 500000,
			})
			if err != nil {
				t.Fatalf("UpdateProjectEstimate budget: %v", err)
			}
			if !got.BudgetEstimate.Active || got.BudgetEstimate.Type != dto.EstimateTypeManual {
				t.Errorf("budgetEstimate = %+v, want active MANUAL", got.BudgetEstimate)
			}
			if got.TimeEstimate.Active {
				t.Errorf("timeEstimate = %+v, want inactive", got.TimeEstimate)
			}
			// The client reads "resetOptions" and the amount not at all, so
			// the raw JSON shows whether the server stored them.
			raw := env.MustDo(t, http.MethodGet, "/v1/workspaces/{ws}/projects/"+p.ID, "", nil, http.StatusOK)
			if v, _ := apitest.Lookup(raw, "budgetEstimate.estimate"); fmt.Sprint(v) != "500000" {
				t.Errorf("stored budgetEstimate.estimate = %v, want 500000", v)
			}
			if v, _ := apitest.Lookup(raw, "budgetEstimate.resetOption"); v != "MONTHLY" {
				t.Errorf("stored budgetEstimate.resetOption = %v, want MONTHLY", v)
			}

			got, err = c.UpdateProjectEstimate(cli.UpdateProjectEstimateParam{
				Workspace: ws, ProjectID: p.ID, Method: cli.EstimateMethodTime, Type: cli.EstimateTypeTask,
			})
			if err != nil {
				t.Fatalf("UpdateProjectEstimate time per task: %v", err)
			}
			if !got.TimeEstimate.Active || got.TimeEstimate.Type != dto.EstimateTypeAuto {
				t.Errorf("timeEstimate = %+v, want active AUTO", got.TimeEstimate)
			}

			got, err = c.UpdateProjectEstimate(cli.UpdateProjectEstimateParam{
				Workspace: ws, ProjectID: p.ID, Method: cli.EstimateMethodNone,
			})
			if err != nil {
				t.Fatalf("UpdateProjectEstimate none: %v", err)
			}
			if got.TimeEstimate.Active || got.BudgetEstimate.Active {
				t.Errorf("estimates = %+v / %+v, want both inactive", got.TimeEstimate, got.BudgetEstimate)
			}
		})

		t.Run("UpdateProjectTemplate", func(t *testing.T) {
			p := mustAddProject(t, c, ws, "Template")

			got, err := c.UpdateProjectTemplate(cli.UpdateProjectTemplateParam{Workspace: ws, ProjectID: p.ID, Template: true})
			if err != nil {
				t.Fatalf("UpdateProjectTemplate true: %v", err)
			}
			if !got.Template || got.ID != p.ID {
				t.Errorf("got %s template=%v, want %s template=true", got.ID, got.Template, p.ID)
			}
			if !mustGetProject(t, c, ws, p.ID).Template {
				t.Errorf("stored template = false, want true")
			}

			got, err = c.UpdateProjectTemplate(cli.UpdateProjectTemplateParam{Workspace: ws, ProjectID: p.ID, Template: false})
			if err != nil {
				t.Fatalf("UpdateProjectTemplate false: %v", err)
			}
			if got.Template {
				t.Errorf("template = true after clearing it")
			}
		})

		t.Run("DeleteProject", func(t *testing.T) {
			p := mustAddProject(t, c, ws, "Doomed")

			// Clockify deletes only archived projects.
			_, err := c.DeleteProject(cli.DeleteProjectParam{Workspace: ws, ProjectID: p.ID})
			checkErrorCode(t, err, 501)

			archived := true
			if _, err := c.UpdateProject(cli.UpdateProjectParam{Workspace: ws, ProjectID: p.ID, Archived: &archived}); err != nil {
				t.Fatalf("UpdateProject archiving: %v", err)
			}
			got, err := c.DeleteProject(cli.DeleteProjectParam{Workspace: ws, ProjectID: p.ID})
			if err != nil {
				t.Fatalf("DeleteProject: %v", err)
			}
			if got.ID != p.ID || got.Name != "Doomed" || !got.Archived {
				t.Errorf("deleted project = %s %q archived=%v, want %s Doomed archived", got.ID, got.Name, got.Archived, p.ID)
			}

			_, err = c.GetProject(cli.GetProjectParam{Workspace: ws, ProjectID: p.ID})
			if err == nil {
				t.Errorf("GetProject after DeleteProject succeeded, want an error")
			}
		})
	})
}

func TestClockifyCLITasks(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		c := newCLIClient(t, env, env.Owner.Key)
		ws := env.Owner.WorkspaceID
		member := env.NewUser(t, "member", domain.RoleUser, "")

		t.Run("AddTask", func(t *testing.T) {
			p := mustAddProject(t, c, ws, "Add tasks")

			minimal, err := c.AddTask(cli.AddTaskParam{Workspace: ws, ProjectID: p.ID, Name: "Minimal"})
			if err != nil {
				t.Fatalf("AddTask minimal: %v", err)
			}
			checkTask(t, minimal, dto.Task{ID: minimal.ID, Name: "Minimal", ProjectID: p.ID, Status: dto.TaskStatusActive})
			if !cli.IsValidID(minimal.ID) {
				t.Errorf("id %q is not a 24-hex id", minimal.ID)
			}

			assignees := []string{member.UserID}
			estimate := 26*time.Hour + 30*time.Minute
			billable := true
			full, err := c.AddTask(cli.AddTaskParam{
				Workspace: ws, ProjectID: p.ID, Name: "Full", AssigneeIDs: &assignees,
				Estimate: &estimate, Status: cli.TaskStatusDone, Billable: &billable,
			})
			if err != nil {
				t.Fatalf("AddTask full: %v", err)
			}
			checkTask(t, full, dto.Task{
				ID: full.ID, Name: "Full", ProjectID: p.ID, AssigneeIDs: assignees,
				Estimate: &dto.Duration{Duration: estimate}, Status: dto.TaskStatusDone, Billable: true,
			})
		})

		t.Run("GetTasks", func(t *testing.T) {
			p := mustAddProject(t, c, ws, "List tasks")

			// A fresh task with no estimate and no time must decode.
			fresh := mustAddTask(t, c, ws, p.ID, "Fresh")
			list, err := c.GetTasks(cli.GetTasksParam{Workspace: ws, ProjectID: p.ID})
			if err != nil {
				t.Fatalf("GetTasks on a fresh task: %v", err)
			}
			if len(list) != 1 {
				t.Fatalf("got %d tasks, want 1: %+v", len(list), list)
			}
			checkTask(t, list[0], fresh)
			if list[0].Duration != nil && list[0].Duration.Duration != 0 {
				t.Errorf("duration of a task with no time = %v, want null or PT0S", list[0].Duration)
			}

			want := map[string]string{fresh.ID: "Fresh"}
			for i := range 4 {
				task := mustAddTask(t, c, ws, p.ID, fmt.Sprintf("Paged %d", i))
				want[task.ID] = task.Name
			}
			done, err := c.AddTask(cli.AddTaskParam{Workspace: ws, ProjectID: p.ID, Name: "Done", Status: cli.TaskStatusDone})
			if err != nil {
				t.Fatalf("AddTask done: %v", err)
			}

			all, err := c.GetTasks(cli.GetTasksParam{
				Workspace: ws, ProjectID: p.ID,
				PaginationParam: cli.PaginationParam{AllPages: true, PageSize: 2},
			})
			if err != nil {
				t.Fatalf("GetTasks over all pages: %v", err)
			}
			if len(all) != 6 {
				t.Errorf("got %d tasks over all pages, want 6", len(all))
			}

			active, err := c.GetTasks(cli.GetTasksParam{
				Workspace: ws, ProjectID: p.ID, Active: true,
				PaginationParam: cli.PaginationParam{AllPages: true, PageSize: 2},
			})
			if err != nil {
				t.Fatalf("GetTasks active: %v", err)
			}
			if len(active) != len(want) {
				t.Errorf("got %d active tasks, want %d", len(active), len(want))
			}
			for _, task := range active {
				if task.ID == done.ID {
					t.Errorf("is-active=true returned the DONE task %s", done.ID)
				} else if want[task.ID] != task.Name || task.ProjectID != p.ID {
					t.Errorf("task %+v does not match the stored one (%q)", task, want[task.ID])
				}
			}

			byName, err := c.GetTasks(cli.GetTasksParam{Workspace: ws, ProjectID: p.ID, Name: "Paged 3"})
			if err != nil {
				t.Fatalf("GetTasks by name: %v", err)
			}
			if len(byName) != 1 || byName[0].Name != "Paged 3" {
				t.Errorf("name filter returned %+v, want only Paged 3", byName)
			}
		})

		t.Run("GetTask", func(t *testing.T) {
			p := mustAddProject(t, c, ws, "Get task")
			assignees := []string{member.UserID, env.Owner.UserID}
			estimate := 90 * time.Minute
			billable := true
			want, err := c.AddTask(cli.AddTaskParam{
				Workspace: ws, ProjectID: p.ID, Name: "Fetched", AssigneeIDs: &assignees,
				Estimate: &estimate, Billable: &billable,
			})
			if err != nil {
				t.Fatalf("AddTask: %v", err)
			}

			got, err := c.GetTask(cli.GetTaskParam{Workspace: ws, ProjectID: p.ID, TaskID: want.ID})
			if err != nil {
				t.Fatalf("GetTask: %v", err)
			}
			checkTask(t, got, dto.Task{
				ID: want.ID, Name: "Fetched", ProjectID: p.ID, AssigneeIDs: assignees,
				Estimate: &dto.Duration{Duration: estimate}, Status: dto.TaskStatusActive, Billable: true,
			})

			_, err = c.GetTask(cli.GetTaskParam{Workspace: ws, ProjectID: p.ID, TaskID: unknownID})
			if err == nil {
				t.Errorf("GetTask on an unknown id succeeded, want an error")
			}
		})

		t.Run("UpdateTask", func(t *testing.T) {
			p := mustAddProject(t, c, ws, "Update task")
			orig := mustAddTask(t, c, ws, p.ID, "Before")

			assignees := []string{member.UserID}
			estimate := 3*time.Hour + 5*time.Second
			billable := true
			got, err := c.UpdateTask(cli.UpdateTaskParam{
				Workspace: ws, ProjectID: p.ID, TaskID: orig.ID, Name: "After",
				AssigneeIDs: &assignees, Estimate: &estimate, Status: cli.TaskStatusDone, Billable: &billable,
			})
			if err != nil {
				t.Fatalf("UpdateTask: %v", err)
			}
			want := dto.Task{
				ID: orig.ID, Name: "After", ProjectID: p.ID, AssigneeIDs: assignees,
				Estimate: &dto.Duration{Duration: estimate}, Status: dto.TaskStatusDone, Billable: true,
			}
			checkTask(t, got, want)

			reread, err := c.GetTask(cli.GetTaskParam{Workspace: ws, ProjectID: p.ID, TaskID: orig.ID})
			if err != nil {
				t.Fatalf("GetTask: %v", err)
			}
			checkTask(t, reread, want)

			// Only name is always sent; the rest of the body is partial.
			got, err = c.UpdateTask(cli.UpdateTaskParam{Workspace: ws, ProjectID: p.ID, TaskID: orig.ID, Name: "Renamed"})
			if err != nil {
				t.Fatalf("UpdateTask with only a name: %v", err)
			}
			want.Name = "Renamed"
			checkTask(t, got, want)
		})

		t.Run("DeleteTask", func(t *testing.T) {
			p := mustAddProject(t, c, ws, "Delete task")
			task := mustAddTask(t, c, ws, p.ID, "Doomed")

			// Clockify deletes only DONE tasks.
			_, err := c.DeleteTask(cli.DeleteTaskParam{Workspace: ws, ProjectID: p.ID, TaskID: task.ID})
			if err == nil {
				t.Errorf("DeleteTask on an active task succeeded, want an error")
			}

			if _, err := c.UpdateTask(cli.UpdateTaskParam{
				Workspace: ws, ProjectID: p.ID, TaskID: task.ID, Name: "Doomed", Status: cli.TaskStatusDone,
			}); err != nil {
				t.Fatalf("UpdateTask to DONE: %v", err)
			}
			got, err := c.DeleteTask(cli.DeleteTaskParam{Workspace: ws, ProjectID: p.ID, TaskID: task.ID})
			if err != nil {
				t.Fatalf("DeleteTask: %v", err)
			}
			if got.ID != task.ID || got.Name != "Doomed" || got.Status != dto.TaskStatusDone {
				t.Errorf("deleted task = %s %q %s, want %s Doomed DONE", got.ID, got.Name, got.Status, task.ID)
			}

			_, err = c.GetTask(cli.GetTaskParam{Workspace: ws, ProjectID: p.ID, TaskID: task.ID})
			if err == nil {
				t.Errorf("GetTask after DeleteTask succeeded, want an error")
			}
		})
	})
}

func TestClockifyCLITags(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		c := newCLIClient(t, env, env.Owner.Key)
		ws := env.Owner.WorkspaceID

		// The client has no call that creates tags, so they go in over HTTP.
		want := make(map[string]dto.Tag)
		for i := range 60 {
			tag := createTag(t, env, fmt.Sprintf("tag-%02d", i))
			want[tag.ID] = tag
		}

		t.Run("GetTags", func(t *testing.T) {
			all, err := c.GetTags(cli.GetTagsParam{Workspace: ws, PaginationParam: cli.AllPages()})
			if err != nil {
				t.Fatalf("GetTags over all pages: %v", err)
			}
			if len(all) != 60 {
				t.Fatalf("got %d tags over all pages, want 60", len(all))
			}
			seen := make(map[string]bool)
			for _, tag := range all {
				if seen[tag.ID] {
					t.Errorf("tag %s (%s) listed twice", tag.ID, tag.Name)
				}
				seen[tag.ID] = true
				if tag != want[tag.ID] {
					t.Errorf("tag %+v, want %+v", tag, want[tag.ID])
				}
			}

			second, err := c.GetTags(cli.GetTagsParam{Workspace: ws, PaginationParam: cli.PaginationParam{Page: 2}})
			if err != nil {
				t.Fatalf("GetTags page 2: %v", err)
			}
			if len(second) != 10 {
				t.Errorf("page 2 of 50 has %d tags, want 10", len(second))
			}

			byName, err := c.GetTags(cli.GetTagsParam{Workspace: ws, Name: "tag-07"})
			if err != nil {
				t.Fatalf("GetTags by name: %v", err)
			}
			if len(byName) != 1 || byName[0].Name != "tag-07" {
				t.Errorf("name filter returned %+v, want only tag-07", byName)
			}

			archivedTag := createTag(t, env, "archived one")
			env.MustDo(t, http.MethodPut, "/v1/workspaces/{ws}/tags/"+archivedTag.ID, "",
				map[string]any{"name": "archived one", "archived": true}, http.StatusOK)
			archived := true
			onlyArchived, err := c.GetTags(cli.GetTagsParam{Workspace: ws, Archived: &archived})
			if err != nil {
				t.Fatalf("GetTags archived=true: %v", err)
			}
			if len(onlyArchived) != 1 || onlyArchived[0].ID != archivedTag.ID {
				t.Errorf("archived=true returned %+v, want only %s", onlyArchived, archivedTag.ID)
			}
		})

		t.Run("GetTag", func(t *testing.T) {
			// GetTag reads only the first page of 50 and matches on the client.
			first, err := c.GetTags(cli.GetTagsParam{Workspace: ws})
			if err != nil {
				t.Fatalf("GetTags: %v", err)
			}
			if len(first) != 50 {
				t.Fatalf("first page has %d tags, want 50", len(first))
			}
			onFirst := make(map[string]bool)
			for _, tag := range first {
				onFirst[tag.ID] = true
			}

			inside := first[len(first)-1]
			got, err := c.GetTag(cli.GetTagParam{Workspace: ws, TagID: inside.ID})
			if err != nil {
				t.Fatalf("GetTag on the first page: %v", err)
			}
			if got == nil || *got != want[inside.ID] {
				t.Errorf("GetTag = %+v, want %+v", got, want[inside.ID])
			}

			// A tag past the first page is "not found" by the client's own
			// check, not by a server error.
			for id := range want {
				if onFirst[id] {
					continue
				}
				_, err := c.GetTag(cli.GetTagParam{Workspace: ws, TagID: id})
				var apiErr dto.Error
				if err == nil || errors.As(err, &apiErr) || !strings.Contains(err.Error(), "not found") {
					t.Errorf("GetTag past the first page: err = %v, want the client's not-found error", err)
				}
				break
			}
		})
	})
}

func TestClockifyCLITimeEntries(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		owner := newCLIClient(t, env, env.Owner.Key)
		ws := env.Owner.WorkspaceID
		env.MustDo(t, http.MethodPut, "/v1/workspaces/{ws}/hourly-rate", "",
			map[string]any{"amount": 2000, "currency": "USD", "since": "2020-01-01T00:00:00Z"}, http.StatusOK)

		project := mustAddProject(t, owner, ws, "Tracked")
		other := mustAddProject(t, owner, ws, "Other")
		task := mustAddTask(t, owner, ws, project.ID, "Build")
		red, blue := createTag(t, env, "red"), createTag(t, env, "blue")
		fx := entryFixture{ws: ws, project: project, other: other, task: task, red: red, blue: blue}

		t.Run("CreateTimeEntry", func(t *testing.T) {
			user, c := newTracker(t, env, "creator")
			start := time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC)
			end := start.Add(90 * time.Minute)
			billable := true

			got, err := c.CreateTimeEntry(cli.CreateTimeEntryParam{
				Workspace: ws, Start: start, End: &end, Billable: &billable, Description: "design <review>",
				ProjectID: project.ID, TaskID: task.ID, TagIDs: []string{red.ID, blue.ID},
			})
			if err != nil {
				t.Fatalf("CreateTimeEntry: %v", err)
			}
			want := dto.TimeEntryImpl{
				ID: got.ID, Billable: true, Description: "design <review>", ProjectID: project.ID,
				TaskID: task.ID, TagIDs: []string{red.ID, blue.ID}, UserID: user.UserID, WorkspaceID: ws,
				TimeInterval: dto.TimeInterval{Start: start, End: &end},
			}
			checkEntry(t, got, want)
			if !cli.IsValidID(got.ID) {
				t.Errorf("id %q is not a 24-hex id", got.ID)
			}

			// With no end the entry is a running timer.
			runStart := time.Date(2024, 3, 5, 12, 0, 0, 0, time.UTC)
			running, err := c.CreateTimeEntry(cli.CreateTimeEntryParam{Workspace: ws, Start: runStart})
			if err != nil {
				t.Fatalf("CreateTimeEntry running: %v", err)
			}
			checkEntry(t, running, dto.TimeEntryImpl{
				ID: running.ID, UserID: user.UserID, WorkspaceID: ws,
				TimeInterval: dto.TimeInterval{Start: runStart},
			})
		})

		t.Run("GetTimeEntry", func(t *testing.T) {
			_, c := newTracker(t, env, "getter")
			want := mustCreateEntry(t, c, cli.CreateTimeEntryParam{
				Workspace: ws, Start: time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC), End: ptr(time.Date(2024, 3, 5, 10, 2, 3, 0, time.UTC)),
				Billable: ptr(true), Description: "fetched", ProjectID: project.ID, TaskID: task.ID, TagIDs: []string{blue.ID},
			})

			for _, format := range []bool{false, true} {
				got, err := c.GetTimeEntry(cli.GetTimeEntryParam{Workspace: ws, TimeEntryID: want.ID, ConsiderDurationFormat: format})
				if err != nil {
					t.Fatalf("GetTimeEntry (consider-duration-format %v): %v", format, err)
				}
				if got == nil {
					t.Fatalf("GetTimeEntry returned no entry")
				}
				checkEntry(t, *got, want)
			}

			_, err := c.GetTimeEntry(cli.GetTimeEntryParam{Workspace: ws, TimeEntryID: unknownID})
			if err == nil {
				t.Errorf("GetTimeEntry on an unknown id succeeded, want an error")
			}
		})

		t.Run("GetHydratedTimeEntry", func(t *testing.T) {
			_, c := newTracker(t, env, "hydrated")
			start := time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC)
			end := start.Add(90 * time.Minute)
			created := mustCreateEntry(t, c, cli.CreateTimeEntryParam{
				Workspace: ws, Start: start, End: &end, Billable: ptr(true), Description: "hydrated",
				ProjectID: project.ID, TaskID: task.ID, TagIDs: []string{red.ID, blue.ID},
			})

			got, err := c.GetHydratedTimeEntry(cli.GetTimeEntryParam{Workspace: ws, TimeEntryID: created.ID})
			if err != nil {
				t.Fatalf("GetHydratedTimeEntry: %v", err)
			}
			if got == nil {
				t.Fatalf("GetHydratedTimeEntry returned no entry")
			}
			checkHydrated(t, *got, hydratedWant{
				ID: created.ID, Description: "hydrated", Billable: true, Project: &project, Task: &task,
				Tags: []dto.Tag{red, blue}, Start: start, End: &end, WorkspaceID: ws,
			})
			// The workspace rate of 20.00 applies for 1.5 hours.
			if got.HourlyRate.Amount != 2000 {
				t.Errorf("hourlyRate = %+v, want amount 2000", got.HourlyRate)
			}
			if got.TotalBillable != 3000 {
				t.Errorf("totalBillable = %d, want 3000", got.TotalBillable)
			}
		})

		t.Run("UpdateTimeEntry", func(t *testing.T) {
			user, c := newTracker(t, env, "updater")
			orig := mustCreateEntry(t, c, cli.CreateTimeEntryParam{
				Workspace: ws, Start: time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC), End: ptr(time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)),
				Billable: ptr(true), Description: "before", ProjectID: project.ID, TaskID: task.ID, TagIDs: []string{red.ID},
			})

			start := time.Date(2024, 3, 6, 8, 15, 0, 0, time.UTC)
			end := time.Date(2024, 3, 6, 11, 0, 30, 0, time.UTC)
			got, err := c.UpdateTimeEntry(cli.UpdateTimeEntryParam{
				Workspace: ws, TimeEntryID: orig.ID, Start: start, End: &end, Billable: true,
				Description: "after", ProjectID: other.ID, TagIDs: []string{blue.ID},
			})
			if err != nil {
				t.Fatalf("UpdateTimeEntry: %v", err)
			}
			want := dto.TimeEntryImpl{
				ID: orig.ID, Billable: true, Description: "after", ProjectID: other.ID, TagIDs: []string{blue.ID},
				UserID: user.UserID, WorkspaceID: ws, TimeInterval: dto.TimeInterval{Start: start, End: &end},
			}
			checkEntry(t, got, want)
			checkEntry(t, mustGetEntry(t, c, ws, orig.ID), want)

			// The client leaves out billable when it is false and every empty
			// field, so the minimal body replaces the entry with a bare one.
			got, err = c.UpdateTimeEntry(cli.UpdateTimeEntryParam{Workspace: ws, TimeEntryID: orig.ID, Start: start, End: &end})
			if err != nil {
				t.Fatalf("UpdateTimeEntry with a minimal body: %v", err)
			}
			bare := dto.TimeEntryImpl{
				ID: orig.ID, UserID: user.UserID, WorkspaceID: ws, TimeInterval: dto.TimeInterval{Start: start, End: &end},
			}
			checkEntry(t, got, bare)
			checkEntry(t, mustGetEntry(t, c, ws, orig.ID), bare)
		})

		t.Run("DeleteTimeEntry", func(t *testing.T) {
			_, c := newTracker(t, env, "deleter")
			entry := mustCreateEntry(t, c, cli.CreateTimeEntryParam{
				Workspace: ws, Start: time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC), End: ptr(time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)),
			})

			if err := c.DeleteTimeEntry(cli.DeleteTimeEntryParam{Workspace: ws, TimeEntryID: entry.ID}); err != nil {
				t.Fatalf("DeleteTimeEntry: %v", err)
			}

			if _, err := c.GetTimeEntry(cli.GetTimeEntryParam{Workspace: ws, TimeEntryID: entry.ID}); err == nil {
				t.Errorf("GetTimeEntry after DeleteTimeEntry succeeded, want an error")
			}
		})

		t.Run("ChangeInvoiced", func(t *testing.T) {
			_, c := newTracker(t, env, "invoicer")
			var ids []string
			for day := 1; day <= 3; day++ {
				start := time.Date(2024, 4, day, 9, 0, 0, 0, time.UTC)
				ids = append(ids, mustCreateEntry(t, c, cli.CreateTimeEntryParam{
					Workspace: ws, Start: start, End: ptr(start.Add(time.Hour)),
				}).ID)
			}

			err := owner.ChangeInvoiced(cli.ChangeInvoicedParam{Workspace: ws, TimeEntryIDs: ids[:2], Invoiced: true})
			if err != nil {
				t.Fatalf("ChangeInvoiced true: %v", err)
			}
			checkInvoiced(t, env, ids, []bool{true, true, false})

			err = owner.ChangeInvoiced(cli.ChangeInvoicedParam{Workspace: ws, TimeEntryIDs: ids[1:2], Invoiced: false})
			if err != nil {
				t.Fatalf("ChangeInvoiced false: %v", err)
			}
			checkInvoiced(t, env, ids, []bool{true, false, false})
		})

		t.Run("GetTimeEntryInProgress", func(t *testing.T) {
			user, c := newTracker(t, env, "runner")
			mustCreateEntry(t, c, cli.CreateTimeEntryParam{
				Workspace: ws, Start: time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC), End: ptr(time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)),
			})

			none, err := c.GetTimeEntryInProgress(cli.GetTimeEntryInProgressParam{Workspace: ws, UserID: user.UserID})
			if err != nil {
				t.Fatalf("GetTimeEntryInProgress with nothing running: %v", err)
			}
			if none != nil {
				t.Errorf("GetTimeEntryInProgress with nothing running = %+v, want nil", none)
			}

			start := time.Now().UTC().Add(-time.Hour).Truncate(time.Second)
			want := mustCreateEntry(t, c, cli.CreateTimeEntryParam{
				Workspace: ws, Start: start, Description: "running", ProjectID: project.ID, TagIDs: []string{red.ID},
			})
			got, err := c.GetTimeEntryInProgress(cli.GetTimeEntryInProgressParam{Workspace: ws, UserID: user.UserID})
			if err != nil {
				t.Fatalf("GetTimeEntryInProgress: %v", err)
			}
			if got == nil {
				t.Fatalf("GetTimeEntryInProgress returned nil, want entry %s", want.ID)
			}
			checkEntry(t, *got, want)
		})

		t.Run("GetHydratedTimeEntryInProgress", func(t *testing.T) {
			user, c := newTracker(t, env, "hydrated-runner")

			none, err := c.GetHydratedTimeEntryInProgress(cli.GetTimeEntryInProgressParam{Workspace: ws, UserID: user.UserID})
			if err != nil {
				t.Fatalf("GetHydratedTimeEntryInProgress with nothing running: %v", err)
			}
			if none != nil {
				t.Errorf("GetHydratedTimeEntryInProgress with nothing running = %+v, want nil", none)
			}

			start := time.Now().UTC().Add(-time.Hour).Truncate(time.Second)
			created := mustCreateEntry(t, c, cli.CreateTimeEntryParam{
				Workspace: ws, Start: start, Description: "running hydrated", ProjectID: project.ID,
				TaskID: task.ID, TagIDs: []string{blue.ID},
			})
			got, err := c.GetHydratedTimeEntryInProgress(cli.GetTimeEntryInProgressParam{Workspace: ws, UserID: user.UserID})
			if err != nil {
				t.Fatalf("GetHydratedTimeEntryInProgress: %v", err)
			}
			if got == nil {
				t.Fatalf("GetHydratedTimeEntryInProgress returned nil, want entry %s", created.ID)
			}
			checkHydrated(t, *got, hydratedWant{
				ID: created.ID, Description: "running hydrated", Project: &project, Task: &task,
				Tags: []dto.Tag{blue}, Start: start, WorkspaceID: ws,
			})
			if got.User == nil || got.User.ID != user.UserID {
				t.Errorf("user = %+v, want %s", got.User, user.UserID)
			}
		})

		t.Run("Out", func(t *testing.T) {
			user, c := newTracker(t, env, "stopper")

			// clockify-cli's "in" and "clone" stop the running timer first and
			// accept only a dto.Error with code 404 as "nothing was running",
			// which is also what Clockify returns.
			err := c.Out(cli.OutParam{Workspace: ws, UserID: user.UserID, End: time.Now()})
			checkErrorCode(t, err, http.StatusNotFound)

			start := time.Now().UTC().Add(-2 * time.Hour).Truncate(time.Second)
			running := mustCreateEntry(t, c, cli.CreateTimeEntryParam{
				Workspace: ws, Start: start, Description: "to stop", ProjectID: project.ID,
			})
			end := start.Add(75*time.Minute + 30*time.Second)
			if err := c.Out(cli.OutParam{Workspace: ws, UserID: user.UserID, End: end}); err != nil {
				t.Fatalf("Out: %v", err)
			}

			want := running
			want.TimeInterval.End = &end
			checkEntry(t, mustGetEntry(t, c, ws, running.ID), want)
			after, err := c.GetTimeEntryInProgress(cli.GetTimeEntryInProgressParam{Workspace: ws, UserID: user.UserID})
			if err != nil || after != nil {
				t.Errorf("GetTimeEntryInProgress after Out = %+v, %v; want nil, nil", after, err)
			}
		})

		t.Run("GetUserTimeEntries", func(t *testing.T) {
			user, c := newTracker(t, env, "lister")
			entries := fx.createDay(t, c)

			all, err := c.GetUserTimeEntries(cli.GetUserTimeEntriesParam{
				Workspace: ws, UserID: user.UserID,
				PaginationParam: cli.PaginationParam{AllPages: true, PageSize: 2},
			})
			if err != nil {
				t.Fatalf("GetUserTimeEntries over all pages: %v", err)
			}
			if len(all) != len(entries) {
				t.Fatalf("got %d entries over all pages, want %d", len(all), len(entries))
			}
			// Newest start first.
			for i, got := range all {
				checkEntry(t, got, entries[len(entries)-1-i])
			}

			byProject, err := c.GetUserTimeEntries(cli.GetUserTimeEntriesParam{Workspace: ws, UserID: user.UserID, ProjectID: other.ID})
			if err != nil {
				t.Fatalf("GetUserTimeEntries by project: %v", err)
			}
			checkEntryIDs(t, "project filter", implIDs(byProject), entries[3].ID)

			byDescription, err := c.GetUserTimeEntries(cli.GetUserTimeEntriesParam{Workspace: ws, UserID: user.UserID, Description: "MORNING"})
			if err != nil {
				t.Fatalf("GetUserTimeEntries by description: %v", err)
			}
			checkEntryIDs(t, "description filter", implIDs(byDescription), entries[1].ID)

			byTags, err := c.GetUserTimeEntries(cli.GetUserTimeEntriesParam{Workspace: ws, UserID: user.UserID, TagIDs: []string{red.ID, blue.ID}})
			if err != nil {
				t.Fatalf("GetUserTimeEntries by tags: %v", err)
			}
			checkEntryIDs(t, "tags filter", implIDs(byTags), entries[1].ID, entries[2].ID, entries[3].ID)

			from, to := time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 6, 0, 0, 0, 0, time.UTC)
			byRange, err := c.GetUserTimeEntries(cli.GetUserTimeEntriesParam{Workspace: ws, UserID: user.UserID, Start: &from, End: &to})
			if err != nil {
				t.Fatalf("GetUserTimeEntries by range: %v", err)
			}
			checkEntryIDs(t, "start/end filter", implIDs(byRange), entries[1].ID, entries[2].ID)

			finished := false
			notRunning, err := c.GetUserTimeEntries(cli.GetUserTimeEntriesParam{Workspace: ws, UserID: user.UserID, OnlyInProgress: &finished})
			if err != nil {
				t.Fatalf("GetUserTimeEntries in-progress=0: %v", err)
			}
			if len(notRunning) != len(entries) {
				t.Errorf("in-progress=0 returned %d entries, want %d", len(notRunning), len(entries))
			}
		})

		t.Run("GetUsersHydratedTimeEntries", func(t *testing.T) {
			user, c := newTracker(t, env, "hydrated-lister")
			entries := fx.createDay(t, c)

			all, err := c.GetUsersHydratedTimeEntries(cli.GetUserTimeEntriesParam{
				Workspace: ws, UserID: user.UserID,
				PaginationParam: cli.PaginationParam{AllPages: true, PageSize: 3},
			})
			if err != nil {
				t.Fatalf("GetUsersHydratedTimeEntries: %v", err)
			}
			if len(all) != len(entries) {
				t.Fatalf("got %d entries over all pages, want %d", len(all), len(entries))
			}
			for i, got := range all {
				checkHydrated(t, got, fx.hydrated(entries[len(entries)-1-i]))
				if got.User == nil || got.User.ID != user.UserID {
					t.Errorf("entry %s user = %+v, want %s", got.ID, got.User, user.UserID)
				}
			}
		})

		t.Run("Log", func(t *testing.T) {
			user, c := newTracker(t, env, "logger")
			entries := fx.createDay(t, c)

			// Log requests the UTC day of the date: 2024-03-05.
			got, err := c.Log(cli.LogParam{
				Workspace: ws, UserID: user.UserID, Date: time.Date(2024, 3, 5, 14, 20, 0, 0, time.UTC),
			})
			if err != nil {
				t.Fatalf("Log: %v", err)
			}
			if len(got) != 2 {
				t.Fatalf("Log returned %d entries, want 2: %+v", len(got), hydratedIDs(got))
			}
			checkHydrated(t, got[0], fx.hydrated(entries[2]))
			checkHydrated(t, got[1], fx.hydrated(entries[1]))
			if got[0].User == nil || got[0].User.ID != user.UserID {
				t.Errorf("user = %+v, want %s", got[0].User, user.UserID)
			}
		})

		t.Run("LogRange", func(t *testing.T) {
			user, c := newTracker(t, env, "ranger")
			entries := fx.createDay(t, c)
			first, last := time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 7, 0, 0, 0, 0, time.UTC)

			got, err := c.LogRange(cli.LogRangeParam{
				Workspace: ws, UserID: user.UserID, FirstDate: first, LastDate: last,
				PaginationParam: cli.PaginationParam{AllPages: true, PageSize: 1},
			})
			if err != nil {
				t.Fatalf("LogRange: %v", err)
			}
			checkEntryIDs(t, "range", hydratedIDs(got), entries[0].ID, entries[1].ID, entries[2].ID, entries[3].ID)
			for i, e := range got {
				checkHydrated(t, e, fx.hydrated(entries[len(entries)-1-i]))
			}

			filtered, err := c.LogRange(cli.LogRangeParam{
				Workspace: ws, UserID: user.UserID, FirstDate: first, LastDate: last,
				Description: "day", ProjectID: project.ID, TagIDs: []string{blue.ID},
			})
			if err != nil {
				t.Fatalf("LogRange with filters: %v", err)
			}
			checkEntryIDs(t, "range with description, project and tag", hydratedIDs(filtered), entries[2].ID)

			// The range is wall-clock time in the user's profile time zone:
			// 02:30Z on 26 July is 21:30 on 25 July in Chicago.
			chicago := env.NewUser(t, "chicago", domain.RoleUser, "America/Chicago")
			cc := newCLIClient(t, env, chicago.Key)
			start := time.Date(2022, 7, 26, 2, 30, 0, 0, time.UTC)
			late := mustCreateEntry(t, cc, cli.CreateTimeEntryParam{Workspace: ws, Start: start, End: ptr(start.Add(time.Hour))})
			day, err := cc.LogRange(cli.LogRangeParam{
				Workspace: ws, UserID: chicago.UserID,
				FirstDate: time.Date(2022, 7, 25, 0, 0, 0, 0, time.UTC), LastDate: time.Date(2022, 7, 26, 0, 0, 0, 0, time.UTC),
			})
			if err != nil {
				t.Fatalf("LogRange in America/Chicago: %v", err)
			}
			checkEntryIDs(t, "Chicago day", hydratedIDs(day), late.ID)
		})
	})
}

// unknownID is a well-formed id that names nothing.
const unknownID = "0123456789abcdef01234567"

func newCLIClient(t *testing.T, env *apitest.Env, key string) cli.Client {
	t.Helper()
	c, err := cli.NewClientFromUrlAndKey(key, env.URL+"/api")
	if err != nil {
		t.Fatalf("creating the clockify-cli client: %v", err)
	}
	return c
}

// newTracker creates a member with a UTC profile and a client using its key,
// so that each time-entry test reads only its own entries and timer.
func newTracker(t *testing.T, env *apitest.Env, name string) (apitest.Account, cli.Client) {
	t.Helper()
	user := env.NewUser(t, name, domain.RoleUser, "UTC")
	return user, newCLIClient(t, env, user.Key)
}

func ptr[T any](v T) *T { return &v }

// checkErrorCode fails unless err wraps a dto.Error with the code, the form
// clockify-cli branches on.
func checkErrorCode(t *testing.T, err error, code int) {
	t.Helper()
	var apiErr dto.Error
	if !errors.As(err, &apiErr) {
		t.Errorf("err = %v, want a dto.Error with code %d", err, code)
		return
	}
	if apiErr.Code != code {
		t.Errorf("error code = %d (%q), want %d", apiErr.Code, apiErr.Message, code)
	}
}

func checkOwnerWorkspace(t *testing.T, env *apitest.Env, w dto.Workspace) {
	t.Helper()
	if w.ID != env.Owner.WorkspaceID || w.Name != "owner's workspace" {
		t.Errorf("workspace = %s %q, want %s \"owner's workspace\"", w.ID, w.Name, env.Owner.WorkspaceID)
	}
	if w.HourlyRate.Amount != 2500 || w.HourlyRate.Currency != "USD" {
		t.Errorf("hourlyRate = %+v, want 2500 USD", w.HourlyRate)
	}
	for _, m := range w.Memberships {
		if m.UserID == env.Owner.UserID {
			if m.TargetID != w.ID || m.Status != dto.MembershipStatusActive {
				t.Errorf("owner membership = %+v, want ACTIVE on %s", m, w.ID)
			}
			return
		}
	}
	t.Errorf("memberships %+v lack the owner %s", w.Memberships, env.Owner.UserID)
}

func findUser(t *testing.T, users []dto.User, id string) dto.User {
	t.Helper()
	for _, u := range users {
		if u.ID == id {
			return u
		}
	}
	t.Fatalf("user %s not in the list", id)
	return dto.User{}
}

func findMembership(t *testing.T, ms []dto.Membership, userID string) dto.Membership {
	t.Helper()
	for _, m := range ms {
		if m.UserID == userID {
			return m
		}
	}
	t.Fatalf("memberships %+v lack user %s", ms, userID)
	return dto.Membership{}
}

func mustAddProject(t *testing.T, c cli.Client, ws, name string) dto.Project {
	t.Helper()
	p, err := c.AddProject(cli.AddProjectParam{Workspace: ws, Name: name, Color: "#03a9f4", Public: true})
	if err != nil {
		t.Fatalf("AddProject %q: %v", name, err)
	}
	return p
}

// mustAddProjectWithMember adds a project whose members are the user alone.
func mustAddProjectWithMember(t *testing.T, c cli.Client, ws, name, userID string) dto.Project {
	t.Helper()
	p := mustAddProject(t, c, ws, name)
	p, err := c.UpdateProjectMemberships(cli.UpdateProjectMembershipsParam{
		Workspace: ws, ProjectID: p.ID, Memberships: []cli.UpdateMembership{{UserOrGroupID: userID}},
	})
	if err != nil {
		t.Fatalf("UpdateProjectMemberships on %q: %v", name, err)
	}
	return p
}

func mustGetProject(t *testing.T, c cli.Client, ws, id string) dto.Project {
	t.Helper()
	p, err := c.GetProject(cli.GetProjectParam{Workspace: ws, ProjectID: id})
	if err != nil {
		t.Fatalf("GetProject %s: %v", id, err)
	}
	if p == nil {
		t.Fatalf("GetProject %s returned no project", id)
	}
	return *p
}

// checkProject compares the fields a project keeps between calls.
func checkProject(t *testing.T, got, want dto.Project) {
	t.Helper()
	if got.ID != want.ID || got.WorkspaceID != want.WorkspaceID || got.Name != want.Name {
		t.Errorf("project = %s %s %q, want %s %s %q", got.ID, got.WorkspaceID, got.Name, want.ID, want.WorkspaceID, want.Name)
	}
	if got.Note != want.Note || got.Color != want.Color {
		t.Errorf("note, color = %q, %q; want %q, %q", got.Note, got.Color, want.Note, want.Color)
	}
	if got.ClientID != want.ClientID || got.ClientName != want.ClientName {
		t.Errorf("client = %q %q, want %q %q", got.ClientID, got.ClientName, want.ClientID, want.ClientName)
	}
	if got.Billable != want.Billable || got.Public != want.Public || got.Archived != want.Archived || got.Template != want.Template {
		t.Errorf("billable, public, archived, template = %v %v %v %v; want %v %v %v %v",
			got.Billable, got.Public, got.Archived, got.Template, want.Billable, want.Public, want.Archived, want.Template)
	}
}

// checkNoTime checks a project with no estimate and no tracked time.
func checkNoTime(t *testing.T, p dto.Project) {
	t.Helper()
	if p.Duration != nil && p.Duration.Duration != 0 {
		t.Errorf("duration = %v, want null or PT0S", p.Duration)
	}
	if p.TimeEstimate.Active || p.TimeEstimate.Estimate.Duration != 0 {
		t.Errorf("timeEstimate = %+v, want inactive PT0S", p.TimeEstimate)
	}
	if p.BudgetEstimate.Active {
		t.Errorf("budgetEstimate = %+v, want inactive", p.BudgetEstimate)
	}
}

func mustAddTask(t *testing.T, c cli.Client, ws, projectID, name string) dto.Task {
	t.Helper()
	task, err := c.AddTask(cli.AddTaskParam{Workspace: ws, ProjectID: projectID, Name: name})
	if err != nil {
		t.Fatalf("AddTask %q: %v", name, err)
	}
	return task
}

func checkTask(t *testing.T, got, want dto.Task) {
	t.Helper()
	if got.ID != want.ID || got.Name != want.Name || got.ProjectID != want.ProjectID {
		t.Errorf("task = %s %q in %s, want %s %q in %s", got.ID, got.Name, got.ProjectID, want.ID, want.Name, want.ProjectID)
	}
	if got.Status != want.Status || got.Billable != want.Billable {
		t.Errorf("status, billable = %s %v; want %s %v", got.Status, got.Billable, want.Status, want.Billable)
	}
	if !sameSet(got.AssigneeIDs, want.AssigneeIDs) {
		t.Errorf("assigneeIds = %v, want %v", got.AssigneeIDs, want.AssigneeIDs)
	}
	var gotEstimate, wantEstimate time.Duration
	if got.Estimate != nil {
		gotEstimate = got.Estimate.Duration
	}
	if want.Estimate != nil {
		wantEstimate = want.Estimate.Duration
	}
	if gotEstimate != wantEstimate {
		t.Errorf("estimate = %v, want %v", gotEstimate, wantEstimate)
	}
}

func createTag(t *testing.T, env *apitest.Env, name string) dto.Tag {
	t.Helper()
	raw := env.MustDo(t, http.MethodPost, "/v1/workspaces/{ws}/tags", "", map[string]any{"name": name}, http.StatusCreated)
	data, err := json.Marshal(raw)
	if err != nil {
		t.Fatalf("encoding tag %q: %v", name, err)
	}
	var tag dto.Tag
	if err := json.Unmarshal(data, &tag); err != nil {
		t.Fatalf("decoding tag %q: %v", name, err)
	}
	return tag
}

func mustCreateEntry(t *testing.T, c cli.Client, p cli.CreateTimeEntryParam) dto.TimeEntryImpl {
	t.Helper()
	e, err := c.CreateTimeEntry(p)
	if err != nil {
		t.Fatalf("CreateTimeEntry %q at %s: %v", p.Description, p.Start, err)
	}
	return e
}

func mustGetEntry(t *testing.T, c cli.Client, ws, id string) dto.TimeEntryImpl {
	t.Helper()
	e, err := c.GetTimeEntry(cli.GetTimeEntryParam{Workspace: ws, TimeEntryID: id})
	if err != nil {
		t.Fatalf("GetTimeEntry %s: %v", id, err)
	}
	if e == nil {
		t.Fatalf("GetTimeEntry %s returned no entry", id)
	}
	return *e
}

// entryFixture is the workspace data that time entries refer to.
type entryFixture struct {
	ws             string
	project, other dto.Project
	task           dto.Task // in project
	red, blue      dto.Tag
}

// createDay creates four finished entries around 5 March 2024 UTC, oldest
// first:
//
//	0: 4 March 23:00-23:30, "late day", project, no tags
//	1: 5 March 09:00-10:00, "morning", project and task, red and blue, billable
//	2: 5 March 15:00-17:45, "afternoon day", project, blue
//	3: 6 March 01:00-01:20, "night", the other project, red
func (fx entryFixture) createDay(t *testing.T, c cli.Client) []dto.TimeEntryImpl {
	t.Helper()
	at := func(day, hour, minute int) time.Time { return time.Date(2024, 3, day, hour, minute, 0, 0, time.UTC) }
	params := []cli.CreateTimeEntryParam{
		{Start: at(4, 23, 0), End: ptr(at(4, 23, 30)), Description: "late day", ProjectID: fx.project.ID},
		{Start: at(5, 9, 0), End: ptr(at(5, 10, 0)), Description: "morning", ProjectID: fx.project.ID,
			TaskID: fx.task.ID, TagIDs: []string{fx.red.ID, fx.blue.ID}, Billable: ptr(true)},
		{Start: at(5, 15, 0), End: ptr(at(5, 17, 45)), Description: "afternoon day", ProjectID: fx.project.ID,
			TagIDs: []string{fx.blue.ID}},
		{Start: at(6, 1, 0), End: ptr(at(6, 1, 20)), Description: "night", ProjectID: fx.other.ID,
			TagIDs: []string{fx.red.ID}},
	}
	out := make([]dto.TimeEntryImpl, len(params))
	for i, p := range params {
		p.Workspace = fx.ws
		out[i] = mustCreateEntry(t, c, p)
	}
	return out
}

// hydrated returns what the hydrated form of e must carry.
func (fx entryFixture) hydrated(e dto.TimeEntryImpl) hydratedWant {
	w := hydratedWant{
		ID: e.ID, Description: e.Description, WorkspaceID: e.WorkspaceID, Billable: e.Billable,
		Start: e.TimeInterval.Start, End: e.TimeInterval.End,
	}
	for _, p := range []dto.Project{fx.project, fx.other} {
		if p.ID == e.ProjectID {
			w.Project = &p
		}
	}
	if e.TaskID == fx.task.ID {
		w.Task = &fx.task
	}
	for _, tag := range []dto.Tag{fx.red, fx.blue} {
		if slices.Contains(e.TagIDs, tag.ID) {
			w.Tags = append(w.Tags, tag)
		}
	}
	return w
}

// checkEntry compares a non-hydrated entry with the one expected.
func checkEntry(t *testing.T, got, want dto.TimeEntryImpl) {
	t.Helper()
	if got.ID != want.ID || got.UserID != want.UserID || got.WorkspaceID != want.WorkspaceID {
		t.Errorf("entry = %s of %s in %s, want %s of %s in %s", got.ID, got.UserID, got.WorkspaceID, want.ID, want.UserID, want.WorkspaceID)
	}
	if got.Description != want.Description || got.Billable != want.Billable {
		t.Errorf("entry %s description, billable = %q %v; want %q %v", want.ID, got.Description, got.Billable, want.Description, want.Billable)
	}
	if got.ProjectID != want.ProjectID || got.TaskID != want.TaskID {
		t.Errorf("entry %s project, task = %q %q; want %q %q", want.ID, got.ProjectID, got.TaskID, want.ProjectID, want.TaskID)
	}
	if !sameSet(got.TagIDs, want.TagIDs) {
		t.Errorf("entry %s tagIds = %v, want %v", want.ID, got.TagIDs, want.TagIDs)
	}
	checkInterval(t, want.ID, got.TimeInterval, want.TimeInterval.Start, want.TimeInterval.End)
}

// checkInterval compares start and end and checks that the duration string
// is end minus start, or null for a running entry.
func checkInterval(t *testing.T, id string, got dto.TimeInterval, start time.Time, end *time.Time) {
	t.Helper()
	if !got.Start.Equal(start) {
		t.Errorf("entry %s start = %s, want %s", id, got.Start, start)
	}
	if end == nil {
		if got.End != nil {
			t.Errorf("entry %s end = %s, want null (running)", id, got.End)
		}
		if got.Duration != "" {
			t.Errorf("entry %s duration = %q, want null (running)", id, got.Duration)
		}
		return
	}
	if got.End == nil || !got.End.Equal(*end) {
		t.Errorf("entry %s end = %v, want %s", id, got.End, end)
	}
	d, err := iso8601.ParseDuration(got.Duration)
	if err != nil {
		t.Errorf("entry %s duration %q: %v", id, got.Duration, err)
	} else if d != end.Sub(start) {
		t.Errorf("entry %s duration = %q (%v), want %v", id, got.Duration, d, end.Sub(start))
	}
	var parsed dto.Duration
	if err := json.Unmarshal([]byte(`"`+got.Duration+`"`), &parsed); err != nil || parsed.Duration != end.Sub(start) {
		t.Errorf("entry %s duration %q reads in clockify-cli as %v (%v), want %v", id, got.Duration, parsed.Duration, err, end.Sub(start))
	}
}

func sameSet(got, want []string) bool {
	a, b := slices.Clone(got), slices.Clone(want)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// hydratedWant is what a hydrated entry must carry; nil Project or Task
// means none.
type hydratedWant struct {
	ID, Description, WorkspaceID string
	Billable                     bool
	Project                      *dto.Project
	Task                         *dto.Task
	Tags                         []dto.Tag
	Start                        time.Time
	End                          *time.Time
}

func checkHydrated(t *testing.T, got dto.TimeEntry, want hydratedWant) {
	t.Helper()
	if got.ID != want.ID || got.WorkspaceID != want.WorkspaceID {
		t.Errorf("entry = %s in %s, want %s in %s", got.ID, got.WorkspaceID, want.ID, want.WorkspaceID)
	}
	if got.Description != want.Description || got.Billable != want.Billable {
		t.Errorf("entry %s description, billable = %q %v; want %q %v", want.ID, got.Description, got.Billable, want.Description, want.Billable)
	}
	switch {
	case want.Project == nil && got.Project != nil:
		t.Errorf("entry %s project = %s, want none", want.ID, got.Project.ID)
	case want.Project != nil && got.Project == nil:
		t.Errorf("entry %s project = null, want %s", want.ID, want.Project.ID)
	case want.Project != nil:
		if got.Project.ID != want.Project.ID || got.Project.Name != want.Project.Name || got.ProjectID != want.Project.ID {
			t.Errorf("entry %s project = %s %q (projectId %q), want %s %q", want.ID, got.Project.ID, got.Project.Name, got.ProjectID, want.Project.ID, want.Project.Name)
		}
	}
	switch {
	case want.Task == nil && got.Task != nil:
		t.Errorf("entry %s task = %s, want none", want.ID, got.Task.ID)
	case want.Task != nil && got.Task == nil:
		t.Errorf("entry %s task = null, want %s", want.ID, want.Task.ID)
	case want.Task != nil:
		if got.Task.ID != want.Task.ID || got.Task.Name != want.Task.Name {
			t.Errorf("entry %s task = %s %q, want %s %q", want.ID, got.Task.ID, got.Task.Name, want.Task.ID, want.Task.Name)
		}
	}
	gotTags := make([]string, len(got.Tags))
	for i, tag := range got.Tags {
		gotTags[i] = tag.ID + " " + tag.Name
	}
	wantTags := make([]string, len(want.Tags))
	for i, tag := range want.Tags {
		wantTags[i] = tag.ID + " " + tag.Name
	}
	if !sameSet(gotTags, wantTags) {
		t.Errorf("entry %s tags = %v, want %v", want.ID, gotTags, wantTags)
	}
	checkInterval(t, want.ID, got.TimeInterval, want.Start, want.End)
}

func implIDs(es []dto.TimeEntryImpl) []string {
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.ID
	}
	return ids
}

func hydratedIDs(es []dto.TimeEntry) []string {
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.ID
	}
	return ids
}

// checkEntryIDs compares the listed ids with the expected ones, in any order.
func checkEntryIDs(t *testing.T, query string, got []string, want ...string) {
	t.Helper()
	if !sameSet(got, want) {
		t.Errorf("%s returned entries %v, want %v", query, got, want)
	}
}

// checkInvoiced reads the invoiced flag from the store, because no response
// shape the client decodes carries it.
func checkInvoiced(t *testing.T, env *apitest.Env, ids []string, want []bool) {
	t.Helper()
	err := env.Store.View(context.Background(), func(tx domain.Tx) error {
		for i, id := range ids {
			e, err := tx.TimeEntry(context.Background(), env.Owner.WorkspaceID, id)
			if err != nil {
				return fmt.Errorf("reading entry %s: %w", id, err)
			}
			if e.Invoiced != want[i] {
				t.Errorf("entry %s invoiced = %v, want %v", id, e.Invoiced, want[i])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("reading the store: %v", err)
	}
}
