package storetest

import (
	"context"
	"sync"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store"
)

// Nodes starting together on an empty database each run Bootstrap; exactly
// one of them may create the owner, whatever the interleaving.
func TestConcurrentBootstrapCreatesOneOwner(t *testing.T) {
	const nodes = 6
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			dsn := apitest.NewDSN(t, engine)
			openStore(t, dsn) // migrate first, so that only the bootstrap races

			services := make([]*domain.Service, nodes)
			for i := range services {
				db, err := store.Open(context.Background(), dsn, nil)
				if err != nil {
					t.Fatalf("opening store %d: %v", i, err)
				}
				t.Cleanup(func() { db.Close() })
				services[i] = domain.NewService(db)
			}

			owners := make([]domain.CreatedUser, nodes)
			errs := make([]error, nodes)
			start := make(chan struct{})
			var wg sync.WaitGroup
			for i, svc := range services {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					owners[i], errs[i] = svc.Bootstrap(context.Background())
				}()
			}
			close(start)
			wg.Wait()

			created := 0
			for i := range nodes {
				if errs[i] != nil {
					t.Errorf("node %d: Bootstrap: %v", i, errs[i])
				}
				if owners[i].APIKey != "" {
					created++
				}
			}
			if created != 1 {
				t.Errorf("%d of %d concurrent Bootstrap calls created an owner, want 1", created, nodes)
			}

			db := inspect(t, engine, dsn)
			for _, table := range []string{"users", "workspaces", "members", "api_keys"} {
				var rows int
				if err := db.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&rows); err != nil {
					t.Fatalf("counting %s: %v", table, err)
				}
				if rows != 1 {
					t.Errorf("%s has %d rows after concurrent bootstraps, want 1", table, rows)
				}
			}
		})
	}
}
