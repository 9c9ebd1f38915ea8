// Package store opens the store an address names: a postgres:// or
// postgresql:// URL selects PostgreSQL, anything else is a SQLite file path.
package store

import (
	"context"
	"strings"
	"time"

	"github.com/punchclock/punchclock/store/postgres"
	"github.com/punchclock/punchclock/store/sqlite"
	"github.com/punchclock/punchclock/store/sqlstore"
)

// Open opens the store at dsn and migrates it. now is the clock, and nil
// means time.Now.
func Open(ctx context.Context, dsn string, now func() time.Time) (*sqlstore.DB, error) {
	if IsPostgres(dsn) {
		return postgres.Open(ctx, dsn, now)
	}
	return sqlite.Open(ctx, dsn, now)
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}
