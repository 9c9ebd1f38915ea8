package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store"
)

// View promises a read-only transaction, so a write inside it must fail on
// every engine and leave nothing behind.
func TestViewRejectsWrites(t *testing.T) {
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db, err := store.Open(ctx, apitest.NewDSN(t, engine), nil)
			if err != nil {
				t.Fatalf("opening store: %v", err)
			}
			t.Cleanup(func() { db.Close() })
			owner, err := domain.NewService(db).Bootstrap(ctx)
			if err != nil {
				t.Fatalf("Bootstrap: %v", err)
			}

			client := domain.Client{ID: domain.NewID(), WorkspaceID: owner.WorkspaceID, Name: "written in a view"}
			err = db.View(ctx, func(tx domain.Tx) error {
				return tx.CreateClient(ctx, client)
			})
			if err == nil {
				t.Fatal("CreateClient inside View succeeded, want an error")
			}

			err = db.View(ctx, func(tx domain.Tx) error {
				_, err := tx.Client(ctx, owner.WorkspaceID, client.ID)
				return err
			})
			if !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("reading the client after the failed write: %v, want ErrNotFound", err)
			}
		})
	}
}
