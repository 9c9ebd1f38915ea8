package storetest

import (
	"cmp"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/devseed"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store"
	"github.com/punchclock/punchclock/store/sqlstore"
)

// Pages of a user's entries, first or later, with or without filters, follow
// one order: newest start first, then newest creation, then the greater id.
// Read one after another, they list every matching entry once.
func TestUserEntryPagesKeepOneOrder(t *testing.T) {
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			res, db, _ := openSeeded(t, engine, devseed.Options{Entries: 0, Users: 2, Projects: 2, Years: 1, Seed: 9})

			// Ten distinct starts and three creation times make many ties,
			// which only the later sort columns break.
			base := time.Date(2026, 2, 2, 9, 0, 0, 0, time.UTC)
			var entries []domain.TimeEntry
			for i := range 120 {
				start := base.Add(time.Duration(i%10) * time.Hour)
				end := start.Add(30 * time.Minute)
				entries = append(entries, domain.TimeEntry{ID: domain.NewID(), WorkspaceID: res.WorkspaceID,
					UserID: res.AdminUserID, ProjectID: res.ProjectIDs[i%2], Start: start, End: &end,
					Type: domain.EntryRegular, CreatedAt: base.Add(time.Duration(i%3) * time.Second)})
			}
			if err := db.InsertTimeEntries(ctx, entries); err != nil {
				t.Fatalf("inserting entries: %v", err)
			}
			slices.SortFunc(entries, func(a, b domain.TimeEntry) int {
				return cmp.Or(b.Start.Compare(a.Start), b.CreatedAt.Compare(a.CreatedAt), cmp.Compare(b.ID, a.ID))
			})

			from := base.Add(4 * time.Hour)
			filters := []struct {
				name   string
				filter domain.TimeEntryFilter
				keep   func(domain.TimeEntry) bool
			}{
				{"all", domain.TimeEntryFilter{}, func(domain.TimeEntry) bool { return true }},
				{"project", domain.TimeEntryFilter{ProjectID: res.ProjectIDs[1]},
					func(e domain.TimeEntry) bool { return e.ProjectID == res.ProjectIDs[1] }},
				{"start from", domain.TimeEntryFilter{StartFrom: &from},
					func(e domain.TimeEntry) bool { return !e.Start.Before(from) }},
			}
			for _, c := range filters {
				var want []string
				for _, e := range entries {
					if c.keep(e) {
						want = append(want, e.ID)
					}
				}
				var got []string
				err := db.View(ctx, func(tx domain.Tx) error {
					for number := 1; ; number++ {
						f := c.filter
						f.Page = domain.Page{Number: number, Size: 7}
						list, err := tx.TimeEntries(ctx, res.WorkspaceID, res.AdminUserID, f)
						if err != nil {
							return err
						}
						list, last := domain.Cut(list, f.Page)
						for _, e := range list {
							got = append(got, e.ID)
						}
						if last {
							return nil
						}
					}
				})
				if err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s: pages of 7 list\n%v\nwant\n%v", c.name, got, want)
				}
			}
		})
	}
}

// openSeeded seeds a new database of the engine and opens its store, which
// closes when the test ends. It also returns the database's DSN.
func openSeeded(t *testing.T, engine string, opts devseed.Options) (devseed.Result, *sqlstore.DB, string) {
	t.Helper()
	ctx := context.Background()
	dsn := apitest.NewDSN(t, engine)
	res, err := devseed.Run(ctx, dsn, opts)
	if err != nil {
		t.Fatalf("seeding: %v", err)
	}
	db, err := store.Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return res, db, dsn
}
