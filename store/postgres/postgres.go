// Package postgres opens a Punchclock store on PostgreSQL through pgx. Any
// number of processes may share one database.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver

	"github.com/punchclock/punchclock/store/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLockID keys the advisory lock that lets one process at a time
// migrate a database. The value is arbitrary but fixed.
const migrationLockID = 7_301_955_411

// Open connects to the database at url (postgres://...), applies pending
// migrations while holding an advisory lock, and returns the store. now is
// the clock, and nil means time.Now.
func Open(ctx context.Context, url string, now func() time.Time) (*sqlstore.DB, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("postgres: opening: %w", err)
	}
	db.SetMaxOpenConns(32)
	db.SetMaxIdleConns(16)
	db.SetConnMaxIdleTime(5 * time.Minute)

	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	d := sqlstore.Dialect{
		Numbered:              true,
		RowLocks:              true,
		ReadOnlyTx:            true,
		StringAgg:             "string_agg",
		IsUniqueViolation:     func(err error) bool { return hasCode(err, "23505") },
		IsForeignKeyViolation: func(err error) bool { return hasCode(err, "23503") },
		// 40001 is a serialization failure and 40P01 a deadlock. Both leave
		// nothing behind and may succeed on a second run.
		IsRetryable: func(err error) bool { return hasCode(err, "40001") || hasCode(err, "40P01") },
	}
	return sqlstore.New(db, db, d, now), nil
}

// migrate applies the embedded migrations that the database lacks.
func migrate(ctx context.Context, db *sql.DB) error {
	list, err := sqlstore.LoadMigrations(migrations, "migrations")
	if err != nil {
		return err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("postgres: connecting: %w", err)
	}
	defer conn.Close()

	// Nodes starting together against one database queue on this lock, so
	// each migration runs once and the later nodes find nothing to apply.
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrationLockID); err != nil {
		return fmt.Errorf("postgres: taking the migration lock: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrationLockID) //nolint:errcheck // closing the session releases it too

	return sqlstore.Migrate(ctx, conn, list, true)
}

// hasCode reports whether err is or wraps a PostgreSQL error with the given
// SQLSTATE code.
func hasCode(err error, code string) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == code
}
