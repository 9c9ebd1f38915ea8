// Package sqlite opens a Punchclock store on an embedded SQLite file through
// the pure-Go modernc.org/sqlite driver.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/punchclock/punchclock/store/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Open opens (creating if needed) the SQLite database at path, applies
// pending migrations and returns the store. Writes go through one connection,
// because SQLite allows one writer at a time, and reads use a pool. now is
// the clock, and nil means time.Now.
func Open(ctx context.Context, path string, now func() time.Time) (*sqlstore.DB, error) {
	dsn := DSN(path)

	write, err := sql.Open("sqlite", dsn+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("sqlite: opening %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)

	// query_only makes View's read-only promise hold: SQLite ignores the
	// ReadOnly transaction option, so without it a write in View commits.
	read, err := sql.Open("sqlite", dsn+"&_pragma=query_only(ON)")
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: opening %s: %w", path, err)
	}
	read.SetMaxOpenConns(max(4, runtime.NumCPU()))
	// Idle connections stay open, and with them the statements that the
	// store prepared on them.
	read.SetMaxIdleConns(max(4, runtime.NumCPU()))

	if err := migrate(ctx, write); err != nil {
		write.Close()
		read.Close()
		return nil, err
	}
	d := sqlstore.Dialect{
		IsUniqueViolation:     isUniqueViolation,
		StringAgg:             "group_concat",
		IsForeignKeyViolation: isForeignKeyViolation,
		IsRetryable:           isBusy,
		CacheStatements:       true,
		GroupCommit:           true,
		// A bulk insert of a hundred thousand entries touches more index
		// pages than the default cache of 2,000 KiB holds, and every page
		// the cache drops mid-transaction is written to the WAL again.
		BulkSetup:    "PRAGMA cache_size = -262144",
		BulkTeardown: "PRAGMA cache_size = -2000",
	}
	return sqlstore.New(read, write, d, now), nil
}

// DSN returns the modernc.org/sqlite data source name of the file at path
// with the pragmas that every connection of a store uses. Benchmarks open
// raw connections with it to compare at the same durability.
func DSN(path string) string {
	// busy_timeout comes first so that the other pragmas wait for locks too.
	// WAL lets readers run beside the writer. synchronous=NORMAL is safe in
	// WAL mode, because a power loss can roll back the last commits but
	// cannot corrupt the file.
	params := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(ON)"} {
		params.Add("_pragma", p)
	}
	return "file:" + path + "?" + params.Encode()
}

// migrate applies the embedded migrations that the database lacks.
func migrate(ctx context.Context, write *sql.DB) error {
	list, err := sqlstore.LoadMigrations(migrations, "migrations")
	if err != nil {
		return err
	}
	conn, err := write.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sqlite: connecting: %w", err)
	}
	defer conn.Close()

	// The writer pool has one connection, so no other migration can run in
	// this process. Another process waits on SQLite's write lock.
	return sqlstore.Migrate(ctx, conn, list, false)
}

// isUniqueViolation reports whether err is a UNIQUE or PRIMARY KEY
// constraint failure.
func isUniqueViolation(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && (e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
}

// isForeignKeyViolation reports whether err is SQLite's foreign key failure.
func isForeignKeyViolation(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
}

// isBusy reports whether err is SQLITE_BUSY or SQLITE_LOCKED, in any of
// their extended forms, so that the transaction may be retried.
func isBusy(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && (e.Code()&0xff == sqlite3.SQLITE_BUSY || e.Code()&0xff == sqlite3.SQLITE_LOCKED)
}
