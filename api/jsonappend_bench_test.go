package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/punchclock/punchclock/domain"
)

// benchEntryPage returns a page of 50 finished entries, each with a project
// of three members, a task, two tags, an hourly rate and one custom field
// value.
func benchEntryPage() []domain.TimeEntryView {
	rate := &domain.Rate{Amount: 5000, Currency: "USD"}
	project := &domain.Project{ID: "6756b2c1f0a4e1a2b3c4d5e6", WorkspaceID: "6756b2c1f0a4e1a2b3c4d500",
		Name: "Website relaunch", ClientID: "6756b2c1f0a4e1a2b3c4d5aa", ClientName: "Acme Corp.", Color: "#03A9F4",
		Billable: true, Public: true, HourlyRate: rate, Tracked: 1234 * time.Hour,
		Members: []domain.ProjectMember{{UserID: "u1", Status: "ACTIVE"}, {UserID: "u2", Status: "ACTIVE", HourlyRate: rate}, {UserID: "u3", Status: "ACTIVE"}}}
	task := &domain.Task{ID: "6756b2c1f0a4e1a2b3c4d5f1", ProjectID: project.ID, Name: "Design review",
		Status: "ACTIVE", Billable: true, Tracked: 40 * time.Hour}
	tags := []domain.Tag{{ID: "6756b2c1f0a4e1a2b3c4d601", WorkspaceID: project.WorkspaceID, Name: "meeting"},
		{ID: "6756b2c1f0a4e1a2b3c4d602", WorkspaceID: project.WorkspaceID, Name: "remote"}}
	user := domain.User{ID: "6756b2c1f0a4e1a2b3c4d700", Email: "ada@example.com", Name: "Ada Lovelace",
		Status: "ACTIVE", TimeZone: "Europe/Berlin", WeekStart: "MONDAY"}

	start := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	page := make([]domain.TimeEntryView, 50)
	for i := range page {
		end := start.Add(95 * time.Minute)
		page[i] = domain.TimeEntryView{
			TimeEntry: domain.TimeEntry{ID: fmt.Sprintf("6756b2c1f0a4e1a2b3c4%04x", i), WorkspaceID: project.WorkspaceID,
				UserID: user.ID, Description: "Reviewed the landing page drafts with the team", ProjectID: project.ID,
				TaskID: task.ID, TagIDs: []string{tags[0].ID, tags[1].ID}, Billable: true, Start: start, End: &end,
				Type: "REGULAR", HourlyRate: rate},
			Project: project, Task: task, Tags: tags, User: user,
			CustomFields: []domain.EntryFieldValue{{FieldID: "6756b2c1f0a4e1a2b3c4d800", Name: "Ticket", Source: "TIMEENTRY", Value: "WEB-1234"}},
		}
		start = start.Add(-3 * time.Hour)
	}
	return page
}

// BenchmarkEncodeEntryPage encodes a page of 50 entries, plain and
// hydrated, into a reused buffer: with encoding/json, as writeJSON encodes
// values without an appender, and with the appenders.
func BenchmarkEncodeEntryPage(b *testing.B) {
	page := benchEntryPage()
	for _, hydrated := range []bool{false, true} {
		name := "plain"
		if hydrated {
			name = "hydrated"
		}
		body := entryList(page, hydrated, domain.Workspace{})

		b.Run(name+"/encoding-json", func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				enc := json.NewEncoder(&buf)
				enc.SetEscapeHTML(false)
				if err := enc.Encode(body); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(buf.Len()))
		})
		b.Run(name+"/appender", func(b *testing.B) {
			var out []byte
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if out, err = body.(jsonAppender).appendJSON(out[:0]); err != nil {
					b.Fatal(err)
				}
				out = append(out, '\n')
			}
			b.SetBytes(int64(len(out)))
		})
	}
}
