package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store"
)

// Concurrent Update calls all commit, and each caller finds its write from
// another connection as soon as Update returns, so that no caller hears of
// a write before the COMMIT holding it has returned. On SQLite the calls
// share commits. Each fn sleeps after its write, so that a caller woken
// before its batch's COMMIT would read before it.
func TestConcurrentUpdatesCommitBeforeReturning(t *testing.T) {
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			dsn := apitest.NewDSN(t, engine)
			db, err := store.Open(ctx, dsn, nil)
			if err != nil {
				t.Fatalf("opening store: %v", err)
			}
			t.Cleanup(func() { db.Close() })
			owner, err := domain.NewService(db).Bootstrap(ctx)
			if err != nil {
				t.Fatalf("Bootstrap: %v", err)
			}
			raw := inspect(t, engine, dsn)
			countTag := `SELECT COUNT(*) FROM tags WHERE id = ?`
			if engine == apitest.Postgres {
				countTag = `SELECT COUNT(*) FROM tags WHERE id = $1`
			}
			before := db.WriteStats()

			const callers, perCaller = 8, 25
			var wg sync.WaitGroup
			for c := range callers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range perCaller {
						tag := domain.Tag{ID: domain.NewID(), WorkspaceID: owner.WorkspaceID, Name: fmt.Sprintf("tag %d-%d", c, i)}
						err := db.Update(ctx, func(tx domain.Tx) error {
							if err := tx.CreateTag(ctx, tag); err != nil {
								return err
							}
							time.Sleep(time.Millisecond)
							return nil
						})
						if err != nil {
							t.Errorf("creating %s: %v", tag.Name, err)
							return
						}
						var n int
						if err := raw.QueryRow(countTag, tag.ID).Scan(&n); err != nil {
							t.Errorf("reading %s back: %v", tag.Name, err)
							return
						}
						if n != 1 {
							t.Errorf("%s is not visible to another connection after Update returned", tag.Name)
						}
					}
				}()
			}
			wg.Wait()

			var total int
			if err := raw.QueryRow(`SELECT COUNT(*) FROM tags`).Scan(&total); err != nil {
				t.Fatalf("counting tags: %v", err)
			}
			if total != callers*perCaller {
				t.Errorf("%d tags stored, want %d", total, callers*perCaller)
			}

			after := db.WriteStats()
			commits, writes := after.Commits-before.Commits, after.Writes-before.Writes
			t.Logf("%d writes in %d commits", writes, commits)
			if engine == apitest.SQLite && writes <= commits {
				t.Errorf("%d writes in %d commits: no commit held more than one write", writes, commits)
			}
		})
	}
}
