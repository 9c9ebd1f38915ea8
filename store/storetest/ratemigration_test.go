package storetest

import (
	"context"
	"os"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store"
	"github.com/punchclock/punchclock/store/sqlstore"
)

// TestRateHistoryMigration fills a database at schema version 1 with rates
// at every level and with entries, then migrates it. Each entry must carry
// the rates it resolved to before rates had a history, and the old rates
// must become history that applies from the beginning.
func TestRateHistoryMigration(t *testing.T) {
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			dsn := apitest.NewDSN(t, engine)
			raw := inspect(t, engine, dsn)
			migrations, err := sqlstore.LoadMigrations(os.DirFS(".."), engine+"/migrations")
			if err != nil {
				t.Fatal(err)
			}
			conn, err := raw.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := sqlstore.Migrate(ctx, conn, migrations[:1], engine == apitest.Postgres); err != nil {
				t.Fatalf("migrating to version 1: %v", err)
			}
			conn.Close()

			const (
				ws   = "aaaaaaaaaaaaaaaaaaaaaaaa"
				u1   = "bbbbbbbbbbbbbbbbbbbbbbb1"
				u2   = "bbbbbbbbbbbbbbbbbbbbbbb2"
				proj = "cccccccccccccccccccccccc"
				task = "dddddddddddddddddddddddd"
			)
			seed := []string{
				`INSERT INTO workspaces (id, name, currency, hourly_rate, created_at) VALUES ('` + ws + `', 'W', 'EUR', 1000, 0)`,
				`INSERT INTO users (id, email, status, created_at) VALUES ('` + u1 + `', 'a@example.com', 'ACTIVE', 0)`,
				`INSERT INTO users (id, email, status, created_at) VALUES ('` + u2 + `', 'b@example.com', 'ACTIVE', 0)`,
				`INSERT INTO members (workspace_id, user_id, role, status, hourly_rate, created_at) VALUES ('` + ws + `', '` + u1 + `', 'OWNER', 'ACTIVE', 2000, 0)`,
				`INSERT INTO members (workspace_id, user_id, role, status, cost_rate, created_at) VALUES ('` + ws + `', '` + u2 + `', 'USER', 'ACTIVE', 250, 0)`,
				`INSERT INTO projects (id, workspace_id, name, hourly_rate, cost_rate, created_at) VALUES ('` + proj + `', '` + ws + `', 'P', 3000, 300, 0)`,
				`INSERT INTO project_members (project_id, user_id, status, hourly_rate) VALUES ('` + proj + `', '` + u2 + `', 'ACTIVE', 5000)`,
				`INSERT INTO tasks (id, workspace_id, project_id, name, status, hourly_rate, created_at) VALUES ('` + task + `', '` + ws + `', '` + proj + `', 'T', 'ACTIVE', 4000, 0)`,
				`INSERT INTO time_entries (id, workspace_id, user_id, start_at, end_at, created_at) VALUES ('eeeeeeeeeeeeeeeeeeeeeee1', '` + ws + `', '` + u1 + `', 0, 3600000, 0)`,
				`INSERT INTO time_entries (id, workspace_id, user_id, project_id, start_at, end_at, created_at) VALUES ('eeeeeeeeeeeeeeeeeeeeeee2', '` + ws + `', '` + u1 + `', '` + proj + `', 0, 3600000, 0)`,
				`INSERT INTO time_entries (id, workspace_id, user_id, project_id, task_id, start_at, end_at, created_at) VALUES ('eeeeeeeeeeeeeeeeeeeeeee3', '` + ws + `', '` + u1 + `', '` + proj + `', '` + task + `', 0, 3600000, 0)`,
				`INSERT INTO time_entries (id, workspace_id, user_id, project_id, task_id, start_at, end_at, created_at) VALUES ('eeeeeeeeeeeeeeeeeeeeeee4', '` + ws + `', '` + u2 + `', '` + proj + `', '` + task + `', 0, 3600000, 0)`,
				`INSERT INTO time_entries (id, workspace_id, user_id, start_at, end_at, created_at) VALUES ('eeeeeeeeeeeeeeeeeeeeeee5', '` + ws + `', '` + u2 + `', 0, 3600000, 0)`,
			}
			for _, q := range seed {
				if _, err := raw.ExecContext(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}

			db, err := store.Open(ctx, dsn, nil)
			if err != nil {
				t.Fatalf("opening and migrating: %v", err)
			}
			defer db.Close()

			want := map[string][2]*int64{ // entry: hourly, cost
				"eeeeeeeeeeeeeeeeeeeeeee1": {amount(2000), nil},
				"eeeeeeeeeeeeeeeeeeeeeee2": {amount(3000), amount(300)},
				"eeeeeeeeeeeeeeeeeeeeeee3": {amount(4000), amount(300)},
				"eeeeeeeeeeeeeeeeeeeeeee4": {amount(5000), amount(300)},
				"eeeeeeeeeeeeeeeeeeeeeee5": {amount(1000), amount(250)},
			}
			err = db.View(ctx, func(tx domain.Tx) error {
				for id, rates := range want {
					e, err := tx.TimeEntry(ctx, ws, id)
					if err != nil {
						return err
					}
					checkRate(t, id+" hourly", e.HourlyRate, rates[0])
					checkRate(t, id+" cost", e.CostRate, rates[1])
					if e.HourlyRate != nil && e.HourlyRate.Currency != "EUR" {
						t.Errorf("%s: currency %q, want EUR", id, e.HourlyRate.Currency)
					}
				}
				records, err := tx.RateRecords(ctx, ws, domain.RateScope{All: true})
				if err != nil {
					return err
				}
				// Workspace hourly, two member rates, project hourly and cost,
				// task hourly and project member hourly.
				if len(records) != 7 {
					t.Errorf("got %d rate records, want 7: %+v", len(records), records)
				}
				for _, r := range records {
					if !r.Since.Equal(domain.RatesBeginning) {
						t.Errorf("%s %s record since %s, want %s", r.Level, kindName(r.Kind), r.Since, domain.RatesBeginning)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

func amount(n int64) *int64 { return &n }

func kindName(k domain.RateKind) string {
	if k == domain.CostRate {
		return "cost"
	}
	return "hourly"
}

func checkRate(t *testing.T, what string, got *domain.Rate, want *int64) {
	t.Helper()
	switch {
	case got == nil && want == nil:
	case got == nil || want == nil:
		t.Errorf("%s: rate %+v, want %v", what, got, want)
	case got.Amount != *want:
		t.Errorf("%s: rate %d, want %d", what, got.Amount, *want)
	}
}
