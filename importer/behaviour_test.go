package importer_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/importer"
)

func TestReimportChangesNothing(t *testing.T) { apitest.ForEachEngine(t, testReimportChangesNothing) }

func testReimportChangesNothing(t *testing.T, env *apitest.Env) {
	// Two equal rows are two entries, both imported once.
	twice := clockifyFull + `"Website","Acme, Inc.","Twice","","Ada Lovelace","","ada@example.com","","Regular","Yes","No","","03/20/2024","09:00:00 AM","03/20/2024","10:00:00 AM","01:00:00","1.00","50.00","50.00","03/20/2024"` + "\n" +
		`"Website","Acme, Inc.","Twice","","Ada Lovelace","","ada@example.com","","Regular","Yes","No","","03/20/2024","09:00:00 AM","03/20/2024","10:00:00 AM","01:00:00","1.00","50.00","50.00","03/20/2024"` + "\n"
	first := mustImport(t, env, importer.ClockifyEntries, twice, importer.Options{})
	if first.Created.Entries != 6 {
		t.Fatalf("first import created %d entries, want 6", first.Created.Entries)
	}
	before := storedEntries(t, env)

	again := mustImport(t, env, importer.ClockifyEntries, twice, importer.Options{BatchSize: 4})
	if again.Created != (importer.Counts{}) || again.Skipped != 6 {
		t.Errorf("second import created %+v and skipped %d, want nothing and 6", again.Created, again.Skipped)
	}
	after := storedEntries(t, env)
	if len(after) != len(before) {
		t.Fatalf("%d entries after the second import, %d before", len(after), len(before))
	}
	for i := range after {
		if after[i].ID != before[i].ID {
			t.Errorf("entry %d changed from %s to %s", i, before[i].ID, after[i].ID)
		}
	}

	// A later export that overlaps the first adds only its new entry.
	overlap := clockifyFull + `"Website","Acme, Inc.","New one","","Ada Lovelace","","ada@example.com","","Regular","Yes","No","","03/21/2024","09:00:00 AM","03/21/2024","09:30:00 AM","00:30:00","0.50","50.00","25.00","03/21/2024"` + "\n"
	third := mustImport(t, env, importer.ClockifyEntries, overlap, importer.Options{})
	if third.Created.Entries != 1 || third.Skipped != 4 || third.Created.Time != 30*time.Minute {
		t.Errorf("overlapping export created %d entries (%s) and skipped %d, want 1 (30m) and 4",
			third.Created.Entries, third.Created.Time, third.Skipped)
	}
}

func TestDryRunWritesNothing(t *testing.T) { apitest.ForEachEngine(t, testDryRunWritesNothing) }

func testDryRunWritesNothing(t *testing.T, env *apitest.Env) {
	dry := mustImport(t, env, importer.ClockifyEntries, clockifyFull, importer.Options{DryRun: true})
	if !dry.DryRun {
		t.Error("summary of a dry run is not marked as one")
	}
	if n := len(storedEntries(t, env)); n != 0 {
		t.Fatalf("dry run stored %d entries", n)
	}
	mustView(t, env, func(tx domain.Tx) error {
		_, err := tx.UserByEmail(t.Context(), "ada@example.com")
		if !errors.Is(err, domain.ErrNotFound) {
			t.Errorf("dry run created user ada@example.com (lookup error %v)", err)
		}
		projects, err := tx.Projects(t.Context(), env.Owner.WorkspaceID, domain.ProjectFilter{Page: allRows})
		if len(projects) != 0 {
			t.Errorf("dry run created %d projects", len(projects))
		}
		return err
	})

	real := mustImport(t, env, importer.ClockifyEntries, clockifyFull, importer.Options{})
	if dry.Created != real.Created {
		t.Errorf("dry run counted %+v, the import created %+v", dry.Created, real.Created)
	}
	again := mustImport(t, env, importer.ClockifyEntries, clockifyFull, importer.Options{DryRun: true})
	if again.Created != (importer.Counts{}) || again.Skipped != 4 {
		t.Errorf("dry run after the import counted %+v and %d skipped, want nothing and 4", again.Created, again.Skipped)
	}
}

func TestBatchesAndProgress(t *testing.T) { apitest.ForEachEngine(t, testBatchesAndProgress) }

func testBatchesAndProgress(t *testing.T, env *apitest.Env) {
	var b strings.Builder
	b.WriteString("Project,Description,User,Email,Start Date,Start Time,End Date,End Time\n")
	for day := 1; day <= 7; day++ {
		fmt.Fprintf(&b, "Batch,Day %d,Ada,ada@example.com,2024-07-%02d,09:00:00,2024-07-%02d,10:00:%02d\n", day, day, day, day)
	}
	var seen []importer.Progress
	opts := importer.Options{BatchSize: 3, Progress: func(p importer.Progress) { seen = append(seen, p) }}
	sum := mustImport(t, env, importer.ClockifyEntries, b.String(), opts)
	if sum.Created.Entries != 7 || sum.Created.Users != 1 || sum.Created.Projects != 1 {
		t.Errorf("created %+v, want 7 entries, 1 user and 1 project over three batches", sum.Created)
	}
	const total = 7*time.Hour + 28*time.Second // 1 + 2 + ... + 7 seconds over the hours
	if sum.Created.Time != total || reportTotal(t, env) != total {
		t.Errorf("imported %s, summary report %s, want %s", sum.Created.Time, reportTotal(t, env), total)
	}
	var done []int
	for _, p := range seen {
		done = append(done, p.Done)
		if p.Total != 7 {
			t.Errorf("progress total %d, want 7", p.Total)
		}
	}
	if !slices.Equal(done, []int{3, 6, 7}) {
		t.Errorf("progress after %v rows, want after 3, 6 and 7", done)
	}
}

func TestExistingNamesReused(t *testing.T) { apitest.ForEachEngine(t, testExistingNamesReused) }

// Names match in any letter case, as the API's uniqueness checks do.
func testExistingNamesReused(t *testing.T, env *apitest.Env) {
	ctx := context.Background()
	a := owner(t, env)
	client, err := env.Svc.CreateClient(ctx, a, domain.NewClient{Name: "ACME, INC."})
	if err != nil {
		t.Fatal(err)
	}
	project, err := env.Svc.CreateProject(ctx, a, domain.NewProject{Name: "website", ClientID: client.ID})
	if err != nil {
		t.Fatal(err)
	}
	tag, err := env.Svc.CreateTag(ctx, a, "DEVELOPMENT")
	if err != nil {
		t.Fatal(err)
	}
	sum := mustImport(t, env, importer.ClockifyEntries, clockifyFull, importer.Options{})
	if sum.Created.Clients != 0 || sum.Created.Projects != 1 || sum.Created.Tags != 2 {
		t.Errorf("created %d clients, %d projects, %d tags; want 0, 1 (Café Ü), 2", sum.Created.Clients, sum.Created.Projects, sum.Created.Tags)
	}
	first := storedEntries(t, env)[0]
	if first.ProjectID != project.ID || first.TagIDs[0] != tag.ID {
		t.Errorf("first entry has project %s and tags %v, want the existing %s and %s first", first.ProjectID, first.TagIDs, project.ID, tag.ID)
	}
}

// owner returns the actor of the workspace's owner.
func owner(t *testing.T, env *apitest.Env) domain.Actor {
	t.Helper()
	a, err := env.Svc.AuthenticateIn(context.Background(), env.Owner.Key, env.Owner.WorkspaceID)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestRatesAndRequiredFields(t *testing.T) { apitest.ForEachEngine(t, testRatesAndRequiredFields) }

// Imported entries take their rates from the rate hierarchy like any other
// entry, and the workspace's required fields do not reject history.
func testRatesAndRequiredFields(t *testing.T, env *apitest.Env) {
	ctx := context.Background()
	a := owner(t, env)
	_, err := env.Svc.CreateProject(ctx, a, domain.NewProject{Name: "Rated", HourlyRate: &domain.RateChange{Amount: 12000}})
	if err != nil {
		t.Fatal(err)
	}
	err = env.Store.Update(ctx, func(tx domain.Tx) error {
		ws, err := tx.Workspace(ctx, env.Owner.WorkspaceID)
		if err != nil {
			return err
		}
		ws.Settings.ForceProjects, ws.Settings.ForceTags, ws.Settings.ForceDescription = true, true, true
		return tx.UpdateWorkspace(ctx, ws)
	})
	if err != nil {
		t.Fatal(err)
	}
	var email string
	mustView(t, env, func(tx domain.Tx) error {
		u, err := tx.User(ctx, env.Owner.UserID)
		email = u.Email
		return err
	})
	text := "Project,Description,User,Email,Billable,Start Date,Start Time,End Date,End Time\n" +
		"Rated,,Owner," + email + ",Yes,2024-05-02,09:00,2024-05-02,09:30\n" +
		",No project,Owner," + email + ",No,2024-05-02,10:00,2024-05-02,10:30\n"
	mustImport(t, env, importer.ClockifyEntries, text, importer.Options{})

	a = owner(t, env)
	page, err := env.Svc.UserTimeEntries(ctx, a, env.Owner.UserID, domain.TimeEntryQuery{Page: domain.Page{Number: 1, Size: 50}})
	if err != nil {
		t.Fatal(err)
	}
	views := page.Views
	if len(views) != 2 {
		t.Fatalf("%d entries, want 2", len(views))
	}
	rated := views[1]
	if rated.HourlyRate == nil || rated.HourlyRate.Amount != 12000 || rated.TotalBillable() != 6000 {
		t.Errorf("entry on project Rated has rate %+v and amount %d, want 12000 and 6000", rated.HourlyRate, rated.TotalBillable())
	}
}

func TestProjectExport(t *testing.T) { apitest.ForEachEngine(t, testProjectExport) }

const clockifyProjects = `"Project","Client","Status","Visibility","Billability","Tasks","Tracked (h)","Estimated (h)","Remaining (h)","Overage (h)","Progress(%)","Billable (h)","Non-billable (h)","Billable Rate (EUR)","Amount (EUR)","Cost Rate (EUR)","Project members","Project manager","Note"
"Website","Acme, Inc.","Active","Public","Yes","Design, Build, Launch","10:00:00","40:00:00","30:00:00","0:00:00","25.00","10:00:00","0:00:00","95.50","955.00","60","Ada, Bob","Ada","Relaunch ""2024"""
"Archiv","","Archived","Private","No","","0:00:00","","","","","0:00:00","0:00:00","","","","","",""
"Ünïcode","Zoë's Café","Active","Public","Yes","Übersetzung","0:00:00","12.5","","","","","","1.234,50","","","","",""
`

func testProjectExport(t *testing.T, env *apitest.Env) {
	sum := mustImport(t, env, importer.ClockifyProjects, clockifyProjects, importer.Options{})
	want := importer.Counts{Clients: 2, Projects: 3, Tasks: 4}
	if sum.Created != want || sum.RateCurrency != "EUR" {
		t.Errorf("created %+v with rates in %q, want %+v in EUR", sum.Created, sum.RateCurrency, want)
	}
	byName := map[string]domain.Project{}
	mustView(t, env, func(tx domain.Tx) error {
		list, err := tx.Projects(t.Context(), env.Owner.WorkspaceID, domain.ProjectFilter{Page: allRows})
		for _, p := range list {
			byName[p.Name] = p
		}
		return err
	})
	web := byName["Website"]
	if web.ClientName != "Acme, Inc." || !web.Public || !web.Billable || web.Archived || web.Note != `Relaunch "2024"` {
		t.Errorf("Website %+v", web)
	}
	if web.HourlyRate == nil || web.HourlyRate.Amount != 9550 {
		t.Errorf("Website rate %+v, want 9550", web.HourlyRate)
	}
	if web.CostRate == nil || web.CostRate.Amount != 6000 {
		t.Errorf("Website cost rate %+v, want 6000", web.CostRate)
	}
	if web.TimeEstimate.Estimate != 40*time.Hour || !web.TimeEstimate.Active {
		t.Errorf("Website estimate %+v, want 40h active", web.TimeEstimate)
	}
	archived := byName["Archiv"]
	if !archived.Archived || archived.Public || archived.Billable || archived.ClientID != "" {
		t.Errorf("Archiv %+v", archived)
	}
	uni := byName["Ünïcode"]
	if uni.HourlyRate == nil || uni.HourlyRate.Amount != 123450 || uni.CostRate != nil || uni.TimeEstimate.Estimate != 12*time.Hour+30*time.Minute {
		t.Errorf("Ünïcode rate %+v, estimate %s", uni.HourlyRate, uni.TimeEstimate.Estimate)
	}
	mustView(t, env, func(tx domain.Tx) error {
		tasks, err := tx.Tasks(t.Context(), env.Owner.WorkspaceID, web.ID, domain.TaskFilter{Page: allRows})
		if len(tasks) != 3 {
			t.Errorf("Website has %d tasks, want 3", len(tasks))
		}
		return err
	})

	again := mustImport(t, env, importer.ClockifyProjects, clockifyProjects, importer.Options{})
	if again.Created != (importer.Counts{}) || again.Skipped != 3 {
		t.Errorf("second import created %+v, found %d existing; want nothing and 3", again.Created, again.Skipped)
	}

	// Entries on an archived project are history, and import.
	entries := "Project,Client,Description,Task,User,Email,Start Date,Start Time,End Date,End Time\n" +
		"Archiv,,Old work,,Ada,ada@example.com,2023-01-02,09:00,2023-01-02,10:00\n" +
		"Website,\"Acme, Inc.\",Build it,build,Ada,ada@example.com,2023-01-03,09:00,2023-01-03,10:00\n"
	sum = mustImport(t, env, importer.ClockifyEntries, entries, importer.Options{})
	if sum.Created.Projects != 0 || sum.Created.Tasks != 0 || sum.Created.Entries != 2 {
		t.Errorf("entries import created %+v, want 2 entries and no projects or tasks", sum.Created)
	}
	for _, e := range storedEntries(t, env) {
		if e.Project == "Website" && (e.HourlyRate == nil || e.HourlyRate.Amount != 9550 || e.CostRate == nil || e.CostRate.Amount != 6000) {
			t.Errorf("entry on Website has rates %+v and %+v, want the imported project rates 9550 and 6000", e.HourlyRate, e.CostRate)
		}
	}
}

func TestProjectWithoutClientColumn(t *testing.T) {
	apitest.ForEachEngine(t, testProjectWithoutClientColumn)
}

// Without a Client column a project name is looked up across clients, and
// a name that two clients use cannot be resolved.
func testProjectWithoutClientColumn(t *testing.T, env *apitest.Env) {
	ctx := context.Background()
	a := owner(t, env)
	for _, name := range []string{"North", "South"} {
		c, err := env.Svc.CreateClient(ctx, a, domain.NewClient{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.Svc.CreateProject(ctx, a, domain.NewProject{Name: "Shared", ClientID: c.ID}); err != nil {
			t.Fatal(err)
		}
		if name == "North" {
			if _, err := env.Svc.CreateProject(ctx, a, domain.NewProject{Name: "Only North", ClientID: c.ID}); err != nil {
				t.Fatal(err)
			}
		}
	}
	ok := "Project,Description,User,Email,Start Date,Start Time,End Date,End Time\n" +
		"only north,Found by name,Ada,ada@example.com,2024-01-02,09:00,2024-01-02,10:00\n"
	if sum := mustImport(t, env, importer.ClockifyEntries, ok, importer.Options{}); sum.Created.Projects != 0 {
		t.Errorf("created %d projects, want the one Only North to be reused", sum.Created.Projects)
	}

	bad := ok + "Shared,Which one,Ada,ada@example.com,2024-01-02,11:00,2024-01-02,12:00\n"
	_, err := importText(t, env, importer.ClockifyEntries, bad, importer.Options{})
	ie := asImportError(t, err)
	if ie.Line != 3 || ie.Column != "Project" || ie.Value != "Shared" || !strings.Contains(ie.Expected, "North") {
		t.Errorf("error %v", err)
	}
	if n := len(storedEntries(t, env)); n != 1 {
		t.Errorf("%d entries after the failed import, want the 1 from before", n)
	}
}
