package importer_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/importer"
)

// clockifyFull has the full column set of Clockify's detailed report, with
// MM/DD/YYYY dates and 12-hour times with seconds. It crosses midnight
// twice, quotes commas and quotes, keeps a backslash literal, and has
// non-ASCII names and descriptions. The email of line 4 differs from line 2
// only in letter case.
const clockifyFull = `"Project","Client","Description","Task","User","Group","Email","Tags","Type","Billable","Invoiced","Invoice ID","Start Date","Start Time","End Date","End Time","Duration (h)","Duration (decimal)","Billable Rate (USD)","Billable Amount (USD)","Date of creation"
"Website","Acme, Inc.","Fix ""header"", then footer","Design","Ada Lovelace","Team A, Team B","ada@example.com","Development, Backend","Regular","Yes","No","","03/04/2024","10:23:52 PM","03/05/2024","01:00:07 AM","02:36:15","2.60","50.00","130.21","03/04/2024"
"Website","Acme, Inc.","Überprüfung der Übersetzung – 日本語","","Zoë Ørsted","","zoe@example.com","Review","Regular","No","Yes","INV-7","03/13/2024","09:00:00 AM","03/13/2024","10:30:30 AM","01:30:30","1.51","50.00","0.00","03/13/2024"
"","","Reading mail \ backslash","","Ada Lovelace","","ADA@example.com","","Break","No","No","","03/14/2024","12:00:00 PM","03/14/2024","12:45:00 PM","00:45:00","0.75","0.00","0.00","03/14/2024"
"Café Ü","","Naïve façade","Résumé","Zoë Ørsted","","zoe@example.com","Development","Regular","Yes","No","","03/15/2024","11:59:59 PM","03/16/2024","12:00:01 AM","00:00:02","0.00","50.00","0.03","03/15/2024"
`

func TestClockifyFullExport(t *testing.T) { apitest.ForEachEngine(t, testClockifyFullExport) }

func testClockifyFullExport(t *testing.T, env *apitest.Env) {
	sum := mustImport(t, env, importer.ClockifyEntries, clockifyFull, importer.Options{})

	want := importer.Counts{Entries: 4, Users: 2, Members: 2, Clients: 1, Projects: 2, Tasks: 2, Tags: 3,
		Time: 2*time.Hour + 36*time.Minute + 15*time.Second + 90*time.Minute + 30*time.Second + 45*time.Minute + 2*time.Second}
	if sum.Created != want {
		t.Errorf("created %+v, want %+v", sum.Created, want)
	}
	if sum.Rows != 4 || sum.Skipped != 0 {
		t.Errorf("rows %d, skipped %d; want 4 and 0", sum.Rows, sum.Skipped)
	}
	berlin := zone(t, "Europe/Berlin")
	if got, fromFile := reportTotal(t, env), fileTotal(t, clockifyFull, clockifyTimeColumns, "01/02/2006", "3:04:05 PM", berlin); got != fromFile {
		t.Errorf("summary report total %s, total of the file's start and end columns %s", got, fromFile)
	}
	if sum.FileTime != want.Time {
		t.Errorf("time in file %s, want %s", sum.FileTime, want.Time)
	}

	entries := storedEntries(t, env)
	if len(entries) != 4 {
		t.Fatalf("%d entries stored, want 4", len(entries))
	}
	first := entries[0]
	if !first.Start.Equal(utc("2024-03-04T21:23:52Z")) || !first.End.Equal(utc("2024-03-05T00:00:07Z")) {
		t.Errorf("first entry runs %s to %s, want 21:23:52Z to 00:00:07Z the next day", first.Start, first.End)
	}
	if first.Description != `Fix "header", then footer` {
		t.Errorf("description %q", first.Description)
	}
	if first.Project != "Website" || first.Client != "Acme, Inc." || first.Task != "Design" {
		t.Errorf("first entry in %q / %q / %q, want Website / Acme, Inc. / Design", first.Project, first.Client, first.Task)
	}
	if !slices.Equal(first.Tags, []string{"Development", "Backend"}) {
		t.Errorf("tags %q, want Development, Backend", first.Tags)
	}
	if !first.Billable || first.Invoiced || first.Type != domain.EntryRegular {
		t.Errorf("first entry billable %t, invoiced %t, type %s", first.Billable, first.Invoiced, first.Type)
	}
	if entries[1].Description != "Überprüfung der Übersetzung – 日本語" || entries[1].Email != "zoe@example.com" {
		t.Errorf("second entry %q by %s", entries[1].Description, entries[1].Email)
	}
	if !entries[1].Invoiced || entries[1].Billable {
		t.Errorf("second entry invoiced %t, billable %t; want true and false", entries[1].Invoiced, entries[1].Billable)
	}
	if entries[2].Description != `Reading mail \ backslash` || entries[2].Type != domain.EntryBreak || entries[2].ProjectID != "" {
		t.Errorf("third entry %q, type %s, project %q", entries[2].Description, entries[2].Type, entries[2].ProjectID)
	}
	if entries[2].UserID != first.UserID {
		t.Error("ADA@example.com and ada@example.com became two users")
	}
	last := entries[3]
	if last.Project != "Café Ü" || last.Client != "" || last.Task != "Résumé" || last.Description != "Naïve façade" {
		t.Errorf("last entry %q in %q (client %q), task %q", last.Description, last.Project, last.Client, last.Task)
	}
	if last.Duration() != 2*time.Second {
		t.Errorf("midnight crossing lasts %s, want 2s", last.Duration())
	}
}

func TestClockifyUsers(t *testing.T) { apitest.ForEachEngine(t, testClockifyUsers) }

// Imported users are matched by email; new ones join the workspace as
// unregistered users in the import's zone, and existing ones keep their role.
func testClockifyUsers(t *testing.T, env *apitest.Env) {
	admin := env.NewUser(t, "admin", domain.RoleAdmin, "America/New_York")
	var adminEmail string
	ctx := t.Context()
	mustView(t, env, func(tx domain.Tx) error {
		u, err := tx.User(ctx, admin.UserID)
		adminEmail = u.Email
		return err
	})
	text := "Project,Description,User,Email,Start Date,Start Time,End Date,End Time\n" +
		"Ops,Deploy,Admin," + strings.ToUpper(adminEmail) + ",13/05/2024,08:00,13/05/2024,09:00\n" +
		"Ops,Deploy,Neu Mitglied,neu@example.com,13/05/2024,08:00,13/05/2024,09:00\n"
	sum := mustImport(t, env, importer.ClockifyEntries, text, importer.Options{})
	if sum.Created.Users != 1 || sum.Created.Members != 1 {
		t.Errorf("created %d users and %d members, want 1 and 1", sum.Created.Users, sum.Created.Members)
	}
	mustView(t, env, func(tx domain.Tx) error {
		m, err := tx.Member(ctx, env.Owner.WorkspaceID, admin.UserID)
		if err != nil {
			return err
		}
		if m.Role != domain.RoleAdmin {
			t.Errorf("existing member's role became %s", m.Role)
		}
		u, err := tx.UserByEmail(ctx, "neu@example.com")
		if err != nil {
			return err
		}
		if u.Name != "Neu Mitglied" || u.Status != domain.UserNotRegistered || u.TimeZone != "Europe/Berlin" {
			t.Errorf("new user %+v", u)
		}
		nm, err := tx.Member(ctx, env.Owner.WorkspaceID, u.ID)
		if err != nil {
			return err
		}
		if nm.Role != domain.RoleUser || nm.Status != domain.MembershipActive {
			t.Errorf("new member has role %s and status %s, want USER and ACTIVE", nm.Role, nm.Status)
		}
		return nil
	})
}

func mustView(t *testing.T, env *apitest.Env, fn func(tx domain.Tx) error) {
	t.Helper()
	if err := env.Store.View(t.Context(), fn); err != nil {
		t.Fatal(err)
	}
}

func TestClockifyVariants(t *testing.T) { apitest.ForEachEngine(t, testClockifyVariants) }

// Each variant is a shape seen in real exports: columns removed or renamed,
// extra columns, other currencies, date formats and clocks.
func testClockifyVariants(t *testing.T, env *apitest.Env) {
	cases := []struct {
		name                   string
		text                   string
		format                 importer.DateFormat
		dateLayout, timeLayout string
		checked                string // the description of the entry that check inspects
		check                  func(t *testing.T, e stored)
	}{
		{
			name: "older slim export, DD/MM/YYYY, 24-hour without seconds",
			text: "Project,Client,Description,Task,User,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,Duration (h),Duration (decimal),Billable Rate (USD),Billable Amount (USD)\n" +
				"Slim,Slim Client,Slim work,Slim task,Sam,sam@example.com,,No,22/06/2026,09:00,22/06/2026,17:30,8:30,8.50,0.00,0.00\n" +
				"Slim,Slim Client,Slim night,,Sam,sam@example.com,,No,22/06/2026,23:15,23/06/2026,01:05,1:50,1.83,0.00,0.00\n",
			dateLayout: "02/01/2006", timeLayout: "15:04", checked: "Slim work",
			check: func(t *testing.T, e stored) {
				if e.Task != "Slim task" || e.Client != "Slim Client" || e.Billable {
					t.Errorf("entry %+v", e)
				}
			},
		},
		{
			name: "Activity for Task, DD.MM.YYYY, 24-hour with seconds, EURO rates",
			text: "Project,Client,Description,Activity,User,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,Duration (h),Duration (decimal),Billable Rate (EURO),Billable Amount (EURO)\n" +
				"Bau,Kunde,Estrich,Planung,Jörg,joerg@example.com,Baustelle,Yes,18.08.2026,04:00:00,18.08.2026,06:30:15,02:30:15,2.50,40.00,100.17\n",
			dateLayout: "02.01.2006", timeLayout: "15:04:05", checked: "Estrich",
			check: func(t *testing.T, e stored) {
				if e.Task != "Planung" || !e.Billable || !slices.Equal(e.Tags, []string{"Baustelle"}) {
					t.Errorf("entry %+v", e)
				}
			},
		},
		{
			name: "no Client and no Billable, extra columns, YYYY-MM-DD, 12-hour without seconds",
			text: "Project,Description,Task,User,Email,Tags,Approval,Approved by,Deal ID,Start Date,Start Time,End Date,End Time,Duration (h),Billable Rate (GBP)\n" +
				"Extra,\"Quote \"\"this\"\", please\",,Kim,kim@example.com,,Approved,Boss,D-17,2026-02-03,10:23 AM,2026-02-03,12:05 PM,1:42,12.00\n",
			dateLayout: "2006-01-02", timeLayout: "3:04 PM", checked: `Quote "this", please`,
			check: func(t *testing.T, e stored) {
				// Without a Billable column the entry takes the project's
				// flag, and a new project is billable by the workspace default.
				if !e.Billable || e.Client != "" || e.Description != `Quote "this", please` {
					t.Errorf("entry %+v", e)
				}
			},
		},
		{
			name: "dates that read both ways, with the format given",
			text: "Project,Description,User,Email,Start Date,Start Time,End Date,End Time\n" +
				"Given,Both ways,Lee,lee@example.com,03/04/2024,10:00,03/04/2024,11:00\n",
			format:     importer.DayMonthYear,
			dateLayout: "02/01/2006", timeLayout: "15:04", checked: "Both ways",
			check: func(t *testing.T, e stored) {
				if !e.Start.Equal(utc("2024-04-03T08:00:00Z")) {
					t.Errorf("03/04/2024 read as DD/MM/YYYY starts at %s, want 2024-04-03T08:00:00Z (CEST)", e.Start)
				}
			},
		},
	}
	berlin := zone(t, "Europe/Berlin")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := len(storedEntries(t, env))
			total := reportTotal(t, env)
			sum := mustImport(t, env, importer.ClockifyEntries, c.text, importer.Options{DateFormat: c.format})
			lines := strings.Count(c.text, "\n") - 1
			if sum.Created.Entries != lines {
				t.Errorf("created %d entries, want %d", sum.Created.Entries, lines)
			}
			entries := storedEntries(t, env)
			if len(entries) != before+lines {
				t.Fatalf("%d entries stored, want %d", len(entries), before+lines)
			}
			fromFile := fileTotal(t, c.text, clockifyTimeColumns, c.dateLayout, c.timeLayout, berlin)
			if got := reportTotal(t, env) - total; got != fromFile || sum.Created.Time != fromFile {
				t.Errorf("imported %s (summary %s), total of the file's start and end columns %s", got, sum.Created.Time, fromFile)
			}
			i := slices.IndexFunc(entries, func(e stored) bool { return e.Description == c.checked })
			if i < 0 {
				t.Fatalf("no entry with description %q", c.checked)
			}
			c.check(t, entries[i])
		})
	}
}
