package devseed_test

import (
	"context"
	"database/sql"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the pgx driver for database/sql

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/devseed"
)

// A seed on PostgreSQL ends with VACUUM and ANALYZE, so the planner accounts
// for the new rows and index-only scans skip the table at once, instead of
// after autovacuum's next pass.
func TestRunVacuumsAndAnalyzesPostgres(t *testing.T) {
	dsn := apitest.NewDSN(t, apitest.Postgres)
	run(t, dsn, devseed.Options{Entries: 500, Users: 3, Projects: 4, Years: 1, Seed: 1})

	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatalf("opening %s: %v", dsn, err)
	}
	defer db.Close()
	var analyzed, vacuumed bool
	err = db.QueryRowContext(context.Background(),
		`SELECT last_analyze IS NOT NULL, last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'time_entries'`).Scan(&analyzed, &vacuumed)
	if err != nil {
		t.Fatalf("reading pg_stat_user_tables: %v", err)
	}
	if !analyzed {
		t.Error("time_entries has no last_analyze after seeding, want ANALYZE to have run")
	}
	if !vacuumed {
		t.Error("time_entries has no last_vacuum after seeding, want VACUUM to have run")
	}
}
