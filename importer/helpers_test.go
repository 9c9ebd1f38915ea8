package importer_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/importer"
)

func TestMain(m *testing.M) { apitest.Main(m) }

var allRows = domain.Page{Number: 1, Size: 1 << 30}

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// importText imports text into the owner's workspace, with wall times in
// Europe/Berlin unless opts names a zone.
func importText(t *testing.T, env *apitest.Env, kind importer.Kind, text string, opts importer.Options) (importer.Summary, error) {
	t.Helper()
	if opts.WorkspaceID == "" {
		opts.WorkspaceID = env.Owner.WorkspaceID
	}
	if opts.Location == nil {
		opts.Location = zone(t, "Europe/Berlin")
	}
	return importer.Import(context.Background(), env.Store, kind, "export.csv", strings.NewReader(text), opts)
}

func mustImport(t *testing.T, env *apitest.Env, kind importer.Kind, text string, opts importer.Options) importer.Summary {
	t.Helper()
	sum, err := importText(t, env, kind, text, opts)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return sum
}

// stored is a time entry read back from the store with the names it refers to.
type stored struct {
	domain.TimeEntry
	Email, Project, Client, Task string
	Tags                         []string
}

// storedEntries reads every time entry of the owner's workspace, oldest
// start first.
func storedEntries(t *testing.T, env *apitest.Env) []stored {
	t.Helper()
	ctx := context.Background()
	ws := env.Owner.WorkspaceID
	var out []stored
	err := env.Store.View(ctx, func(tx domain.Tx) error {
		out = nil
		members, err := tx.Members(ctx, ws, domain.MemberFilter{SortColumn: "ID", Page: allRows})
		if err != nil {
			return err
		}
		for _, m := range members {
			list, err := tx.TimeEntries(ctx, ws, m.UserID, domain.TimeEntryFilter{Page: allRows})
			if err != nil {
				return err
			}
			for _, e := range list {
				s := stored{TimeEntry: e, Email: m.User.Email}
				if e.ProjectID != "" {
					p, err := tx.Project(ctx, ws, e.ProjectID)
					if err != nil {
						return err
					}
					s.Project, s.Client = p.Name, p.ClientName
				}
				if e.TaskID != "" {
					task, err := tx.Task(ctx, ws, e.ProjectID, e.TaskID)
					if err != nil {
						return err
					}
					s.Task = task.Name
				}
				tags, err := tx.TagsByID(ctx, ws, e.TagIDs)
				if err != nil {
					return err
				}
				for _, id := range e.TagIDs {
					for _, tag := range tags {
						if tag.ID == id {
							s.Tags = append(s.Tags, tag.Name)
						}
					}
				}
				out = append(out, s)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("reading entries: %v", err)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Start.Before(out[j-1].Start); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// reportTotal returns the total time of the workspace's summary report
// over every date the fixtures use, as the owner requests it, and checks
// that it equals the summed durations of the stored entries.
func reportTotal(t *testing.T, env *apitest.Env) time.Duration {
	t.Helper()
	body := map[string]any{
		"dateRangeStart": "2000-01-01T00:00:00.000Z",
		"dateRangeEnd":   "2035-12-31T23:59:59.999Z",
		"summaryFilter":  map[string]any{"groups": []string{"USER"}},
	}
	r := env.Do(t, http.MethodPost, "/report/v1/workspaces/{ws}/reports/summary", "", body, nil)
	if r.Status != http.StatusOK {
		t.Fatalf("summary report: status %d: %s", r.Status, r.Body)
	}
	var report struct {
		Totals []struct {
			TotalTime    int64 `json:"totalTime"`
			EntriesCount int64 `json:"entriesCount"`
		} `json:"totals"`
	}
	if err := json.Unmarshal(r.Body, &report); err != nil {
		t.Fatalf("summary report: %v: %s", err, r.Body)
	}
	var total time.Duration
	var count int64
	for _, tot := range report.Totals {
		total += time.Duration(tot.TotalTime) * time.Second
		count += tot.EntriesCount
	}

	var stored time.Duration
	entries := storedEntries(t, env)
	for _, e := range entries {
		stored += e.Duration()
	}
	if total != stored || count != int64(len(entries)) {
		t.Errorf("summary report totals %s over %d entries, the stored entries %s over %d", total, count, stored, len(entries))
	}
	return total
}

// fileTotal computes the summed duration of an export from its start and
// end columns, read with time.ParseInLocation and the given Go layouts, as
// a check that does not share the importer's parser.
func fileTotal(t *testing.T, text string, cols [4]string, dateLayout, timeLayout string, loc *time.Location) time.Duration {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix([]byte(text), []byte("\ufeff"))))
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	pos := map[string]int{}
	for i, h := range records[0] {
		pos[h] = i
	}
	var total time.Duration
	for _, rec := range records[1:] {
		start, err := time.ParseInLocation(dateLayout+" "+timeLayout, rec[pos[cols[0]]]+" "+rec[pos[cols[1]]], loc)
		if err != nil {
			t.Fatalf("fixture start: %v", err)
		}
		end, err := time.ParseInLocation(dateLayout+" "+timeLayout, rec[pos[cols[2]]]+" "+rec[pos[cols[3]]], loc)
		if err != nil {
			t.Fatalf("fixture end: %v", err)
		}
		total += end.Sub(start)
	}
	return total
}

var (
	clockifyTimeColumns = [4]string{"Start Date", "Start Time", "End Date", "End Time"}
	togglTimeColumns    = [4]string{"Start date", "Start time", "End date", "End time"}
)

// asImportError returns err as an *importer.Error or fails the test.
func asImportError(t *testing.T, err error) *importer.Error {
	t.Helper()
	var ie *importer.Error
	if !errors.As(err, &ie) {
		t.Fatalf("error %v (%T) is not an *importer.Error", err, err)
	}
	return ie
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}
