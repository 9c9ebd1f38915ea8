package devseed_test

import (
	"context"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/devseed"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store"
)

// TestRunResolvesRates checks that every seeded entry carries the rates its
// workspace's rate history resolves it to, and that the seed's member and
// project rates make more than one rate occur.
func TestRunResolvesRates(t *testing.T) {
	dsn := apitest.NewDSN(t, apitest.SQLite)
	res := run(t, dsn, devseed.Options{Entries: 2000, Users: 6, Projects: 12, Years: 1, Seed: 3, Now: seedNow})
	db, err := store.Open(context.Background(), dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	ctx := context.Background()
	distinct := map[int64]bool{}
	err = db.View(ctx, func(tx domain.Tx) error {
		ws, err := tx.Workspace(ctx, res.WorkspaceID)
		if err != nil {
			return err
		}
		records, err := tx.RateRecords(ctx, res.WorkspaceID, domain.RateScope{All: true})
		if err != nil {
			return err
		}
		book := domain.NewRateBook(ws.Currency, records)
		for _, u := range res.UserIDs {
			list, err := tx.TimeEntries(ctx, res.WorkspaceID, u, domain.TimeEntryFilter{Page: domain.Page{Number: 1, Size: 10000}})
			if err != nil {
				return err
			}
			for _, e := range list {
				want, _ := book.EntryRates(e)
				if e.HourlyRate == nil {
					t.Fatalf("entry %s has no hourly rate", e.ID)
				}
				if e.HourlyRate.Amount != want.Amount {
					t.Errorf("entry %s: hourly rate %d, want %d", e.ID, e.HourlyRate.Amount, want.Amount)
				}
				distinct[e.HourlyRate.Amount] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(distinct) < 2 {
		t.Errorf("seeded entries have the hourly rates %v, want more than one", distinct)
	}
}
