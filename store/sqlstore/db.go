// Package sqlstore implements domain.Store on database/sql. The SQL is written
// once, in a form that both SQLite and PostgreSQL accept. The packages
// store/sqlite and store/postgres supply the connections and a Dialect for
// the few places where the engines differ.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/punchclock/punchclock/domain"
)

// Dialect describes the differences between the engines.
type Dialect struct {
	// Numbered is true when placeholders are $1, $2, ... rather than ?.
	Numbered bool
	// RowLocks is true when SELECT ... FOR UPDATE locks rows. SQLite has one
	// writer connection, so its write transactions are serial already.
	RowLocks bool
	// ReadOnlyTx is true when the driver accepts read-only transactions.
	ReadOnlyTx bool
	// IsUniqueViolation reports whether err is a unique constraint failure.
	IsUniqueViolation func(error) bool
	// IsForeignKeyViolation reports whether err is a foreign key failure.
	IsForeignKeyViolation func(error) bool
	// CacheStatements is true when the driver parses every query anew
	// unless it is prepared, so that the store should keep prepared
	// statements. pgx caches them itself.
	CacheStatements bool
	// BulkSetup, when set, runs on the writer connection before a bulk
	// insert, and BulkTeardown after it, to resize caches and the like.
	BulkSetup, BulkTeardown string
	// StringAgg is the aggregate function that joins strings with a
	// separator and accepts an ORDER BY among its arguments: group_concat
	// in SQLite (3.44 and later), string_agg in PostgreSQL.
	StringAgg string
	// IsRetryable reports whether a transaction that failed with err may
	// succeed when run again (serialization failures, deadlocks, busy locks).
	IsRetryable func(error) bool
	// GroupCommit is true when write transactions run one at a time on one
	// connection anyway, so that concurrent Update calls may share one
	// transaction and one COMMIT (see groupcommit.go).
	GroupCommit bool
}

// DB is a domain.Store over a reader pool and a writer pool, which may be the
// same *sql.DB.
type DB struct {
	read    *sql.DB
	write   *sql.DB
	dialect Dialect
	now     func() time.Time

	rebound sync.Map // query with ? placeholders -> query in the dialect
	stmts   stmtCache
	group   committer // write requests, with Dialect.GroupCommit
}

var _ domain.Store = (*DB)(nil)

// New returns a DB. now is the clock, and nil means time.Now.
func New(read, write *sql.DB, d Dialect, now func() time.Time) *DB {
	if now == nil {
		now = time.Now
	}
	return &DB{read: read, write: write, dialect: d, now: now,
		group: committer{maxWrites: maxBatchWrites, maxTime: maxBatchTime}}
}

// Close closes both pools.
func (db *DB) Close() error {
	db.stmts.close()
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// Ping makes one round trip to the database through the reader pool, which on
// PostgreSQL is also the writer pool. SQLite's single writer connection is
// left alone, so that a long write does not fail a readiness check.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.read.PingContext(ctx); err != nil {
		return fmt.Errorf("sqlstore: ping: %w", err)
	}
	return nil
}

// View runs fn in a read-only transaction on the reader pool.
func (db *DB) View(ctx context.Context, fn func(domain.Tx) error) error {
	opts := &sql.TxOptions{ReadOnly: db.dialect.ReadOnlyTx}
	return db.run(ctx, db.read, opts, false, fn)
}

// Update runs fn in a read-write transaction on the writer pool, and runs it
// again, up to maxAttempts in all, when the engine reports a conflict that
// a retry can resolve.
//
// A unique or foreign key violation that fn lets through also earns one more
// run: it means a concurrent transaction inserted the same key, or deleted a
// referenced row, after fn looked. On the next run fn finds that change and
// takes its "already exists" or "doesn't belong" path.
//
// With Dialect.GroupCommit, fn may share its transaction and its COMMIT with
// the fns of concurrent Update calls, each under its own savepoint, so that
// an error in fn discards the writes of fn alone. Update returns only after
// the COMMIT holding fn's writes has returned. In a shared transaction,
// fn's statements run to their end even if ctx is cancelled meanwhile, and
// Update reports whether they committed.
func (db *DB) Update(ctx context.Context, fn func(domain.Tx) error) error {
	const maxAttempts = 12
	var err error
	retriedConflict := false
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		err = db.writeOnce(ctx, fn)
		if err != nil && !retriedConflict && (errors.Is(err, domain.ErrConflict) || errors.Is(err, domain.ErrMissingReference)) {
			retriedConflict = true
			continue
		}
		if err == nil || !db.retryable(err) {
			return err
		}
		// Back off with jitter so that colliding transactions spread out.
		pause := time.Duration(attempt*attempt) * time.Millisecond
		pause += time.Duration(rand.Int64N(int64(5 * time.Millisecond)))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
	}
	return fmt.Errorf("sqlstore: giving up after %d attempts: %w", maxAttempts, err)
}

// writeOnce runs fn once in a read-write transaction on the writer pool.
func (db *DB) writeOnce(ctx context.Context, fn func(domain.Tx) error) error {
	if db.dialect.GroupCommit {
		return db.groupWrite(ctx, fn)
	}
	return db.run(ctx, db.write, nil, true, fn)
}

func (db *DB) run(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, write bool, fn func(domain.Tx) error) error {
	sqlTx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("sqlstore: begin: %w", err)
	}
	t := &Tx{db: db, tx: sqlTx, pool: pool, now: db.now().UTC(), write: write}
	defer func() {
		sqlTx.Rollback() //nolint:errcheck // a no-op after Commit
		// The transaction has released its connection, and the queries are
		// prepared in the background, so that no request waits for them.
		if len(t.queued) > 0 {
			go db.stmts.prepare(pool, t.queued)
		}
	}()

	if err := fn(t); err != nil {
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("sqlstore: commit: %w", err)
	}
	return nil
}

// bind rewrites ? placeholders into the dialect's form. Queries are
// constants, so the result is cached per query text.
func (db *DB) bind(query string) string {
	if !db.dialect.Numbered {
		return query
	}
	if q, ok := db.rebound.Load(query); ok {
		return q.(string)
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	q := b.String()
	db.rebound.Store(query, q)
	return q
}

// Tx is one transaction. It implements domain.Tx.
type Tx struct {
	db     *DB
	tx     *sql.Tx
	pool   *sql.DB // the pool the transaction runs on
	now    time.Time
	write  bool
	queued []string // queries to prepare after the transaction

	// detached is true in a transaction that group commit shares. Its
	// statements then ignore the cancellation of their caller's context:
	// modernc.org/sqlite interrupts a statement whose context ends, and
	// SQLite rolls back the whole transaction of an interrupted write,
	// which would discard the writes of every other request in it.
	detached bool
	// shared is the batch of a transaction that group commit shares, and
	// othersWrote is true when the fn of another Update call succeeded
	// earlier in it, so that t reads writes that are not committed yet.
	shared      *batch
	othersWrote bool
}

var _ domain.Tx = (*Tx)(nil)

// Now returns the time at which the transaction began.
func (t *Tx) Now() time.Time { return t.now }

// forUpdate returns the clause that locks the rows of table alias a query
// reads, when the transaction writes and the engine has row locks.
func (t *Tx) forUpdate(alias string) string {
	if !t.write || !t.db.dialect.RowLocks {
		return ""
	}
	return " FOR UPDATE OF " + alias
}

// stmtContext returns the context for a statement of the transaction.
func (t *Tx) stmtContext(ctx context.Context) context.Context {
	if t.detached {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

func (t *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	var res sql.Result
	var err error
	ctx = t.stmtContext(ctx)
	query = t.db.bind(query)
	if s := t.prepared(ctx, query); s != nil {
		res, err = s.ExecContext(ctx, args...)
	} else {
		res, err = t.tx.ExecContext(ctx, query, args...)
	}
	if err != nil && t.db.dialect.IsUniqueViolation(err) {
		return nil, fmt.Errorf("%w: %w", domain.ErrConflict, err)
	}
	if err != nil && t.db.dialect.IsForeignKeyViolation(err) {
		return nil, fmt.Errorf("%w: %w", domain.ErrMissingReference, err)
	}
	return res, err
}

func (t *Tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	ctx = t.stmtContext(ctx)
	query = t.db.bind(query)
	if s := t.prepared(ctx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return t.tx.QueryContext(ctx, query, args...)
}

func (t *Tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	ctx = t.stmtContext(ctx)
	query = t.db.bind(query)
	if s := t.prepared(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, query, args...)
}

// execOne runs a statement that must change exactly one row, and returns
// domain.ErrNotFound when it changed none.
func (t *Tx) execOne(ctx context.Context, query string, args ...any) error {
	res, err := t.exec(ctx, query, args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return domain.ErrNotFound
	}
	return nil
}

// scanner is the Scan method that *sql.Row and *sql.Rows share.
type scanner interface {
	Scan(dest ...any) error
}

// notFound turns sql.ErrNoRows into domain.ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return domain.ErrNotFound
	}
	return err
}

// selectAll runs a query and scans every row it returns with scan.
func selectAll[T any](ctx context.Context, t *Tx, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
