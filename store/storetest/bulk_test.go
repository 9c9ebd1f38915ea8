package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/devseed"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store"
)

// InsertTimeEntries writes entries with their tags in order, and a batch
// that breaks a constraint fails whole, with the error the domain expects.
func TestInsertTimeEntriesBulk(t *testing.T) {
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			dsn := apitest.NewDSN(t, engine)
			res, err := devseed.Run(ctx, dsn, devseed.Options{Entries: 0, Users: 2, Projects: 1, Years: 1, Seed: 8})
			if err != nil {
				t.Fatalf("seeding: %v", err)
			}
			db, err := store.Open(ctx, dsn, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()

			// 600 entries span more than two full multi-row statements and
			// a shorter last one.
			start := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
			var batch []domain.TimeEntry
			for i := range 600 {
				s := start.Add(time.Duration(i) * time.Hour)
				end := s.Add(30 * time.Minute)
				batch = append(batch, domain.TimeEntry{ID: domain.NewID(), WorkspaceID: res.WorkspaceID, UserID: res.AdminUserID,
					Description: "bulk", ProjectID: res.ProjectIDs[0], Start: s, End: &end, Type: domain.EntryRegular, CreatedAt: end,
					TagIDs: []string{res.TagIDs[i%5], res.TagIDs[5+i%7]}})
			}
			if err := db.InsertTimeEntries(ctx, batch); err != nil {
				t.Fatalf("inserting %d entries: %v", len(batch), err)
			}

			stored := adminEntries(t, db, res)
			if len(stored) != len(batch) {
				t.Fatalf("read %d entries, want %d", len(stored), len(batch))
			}
			byID := map[string]domain.TimeEntry{}
			for _, e := range stored {
				byID[e.ID] = e
			}
			for _, want := range batch[:50] {
				got := byID[want.ID]
				if !slices.Equal(got.TagIDs, want.TagIDs) || !got.Start.Equal(want.Start) || got.End == nil || !got.End.Equal(*want.End) {
					t.Errorf("entry %s reads back as %+v, want %+v", want.ID, got, want)
				}
			}

			end := start.Add(time.Hour)
			fresh := func() domain.TimeEntry {
				return domain.TimeEntry{ID: domain.NewID(), WorkspaceID: res.WorkspaceID, UserID: res.AdminUserID,
					Start: start, End: &end, Type: domain.EntryRegular, CreatedAt: start}
			}
			duplicate := fresh()
			duplicate.ID = batch[0].ID
			badTag := fresh()
			badTag.TagIDs = []string{domain.NewID()}
			running1, running2 := fresh(), fresh()
			running1.End, running2.End = nil, nil
			cases := []struct {
				name    string
				entries []domain.TimeEntry
				want    error
			}{
				{"duplicate id", []domain.TimeEntry{fresh(), duplicate}, domain.ErrConflict},
				{"unknown tag", []domain.TimeEntry{fresh(), badTag}, domain.ErrMissingReference},
				{"second running timer", []domain.TimeEntry{running1, running2}, domain.ErrConflict},
			}
			for _, tc := range cases {
				err := db.InsertTimeEntries(ctx, tc.entries)
				if !errors.Is(err, tc.want) {
					t.Errorf("%s: error = %v, want %v", tc.name, err, tc.want)
				}
			}
			if n := len(adminEntries(t, db, res)); n != len(batch) {
				t.Errorf("after the failed batches the user has %d entries, want %d: a failed batch must write nothing", n, len(batch))
			}
		})
	}
}

func adminEntries(t *testing.T, db domain.Store, res devseed.Result) []domain.TimeEntry {
	t.Helper()
	var list []domain.TimeEntry
	err := db.View(context.Background(), func(tx domain.Tx) error {
		var err error
		list, err = tx.TimeEntries(context.Background(), res.WorkspaceID, res.AdminUserID,
			domain.TimeEntryFilter{Page: domain.Page{Number: 1, Size: 10_000}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return list
}
