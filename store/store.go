// Package store opens the store an address names: a postgres:// or
// postgresql:// URL selects PostgreSQL, anything else is a SQLite file path.
package store

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"time"

	"github.com/punchclock/punchclock/store/postgres"
	"github.com/punchclock/punchclock/store/sqlite"
	"github.com/punchclock/punchclock/store/sqlstore"
)

// Open opens the store at dsn and migrates it. now is the clock, and nil
// means time.Now.
func Open(ctx context.Context, dsn string, now func() time.Time) (*sqlstore.DB, error) {
	if keyValue.MatchString(dsn) {
		// The address is not echoed because it may hold a password.
		return nil, errors.New("store: the database address looks like a PostgreSQL key/value connection string; give a postgres:// URL or a SQLite file path")
	}
	if IsPostgres(dsn) {
		return postgres.Open(ctx, dsn, now)
	}
	return sqlite.Open(ctx, dsn, now)
}

// keyValue matches the start of a libpq key/value connection string such as
// "host=db dbname=punchclock", which would otherwise name a SQLite file.
var keyValue = regexp.MustCompile(`^\s*(host|hostaddr|port|dbname|user|password|sslmode|application_name)\s*=`)

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}
