package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/punchclock/punchclock/domain"
)

// Group commit, for engines whose write transactions run one at a time on
// one connection (Dialect.GroupCommit).
//
// Update calls queue for the writer connection. A caller that finds no
// leader becomes the leader and takes the queue's first request, its own.
// When no other request waits, it runs that request in a transaction of its
// own, exactly as without group commit, so a lone writer waits for nothing.
// Otherwise it opens one transaction, runs the fn of each queued request
// under its own SAVEPOINT, rolls back to that savepoint when fn fails or
// panics, and commits once. Requests that queue while the batch runs join
// it, up to maxBatchWrites requests or for maxBatchTime. Every caller returns
// only after the transaction holding its writes has committed or rolled
// back. The leader then hands leadership to the first request still queued,
// whose caller runs the next batch.
const (
	maxBatchWrites = 64
	maxBatchTime   = 5 * time.Millisecond
)

// savepoint names the savepoint of each request in a shared transaction.
// Each one is released before the next begins, so one name serves all.
const savepoint = "sqlstore_write"

// committer is the queue of a DB's write requests and the leadership over
// its writer connection.
type committer struct {
	mu      sync.Mutex
	queue   []*writeRequest
	leading bool // a caller is running batches

	// Bounds of one batch, maxBatchWrites and maxBatchTime outside tests.
	maxWrites int
	maxTime   time.Duration

	commits uint64 // write transactions committed
	writes  uint64 // requests whose writes those commits held
}

// writeRequest is one attempt of one Update call.
type writeRequest struct {
	ctx  context.Context
	fn   func(domain.Tx) error
	wake chan struct{} // receives once: the result is set, or lead is

	lead bool // handed leadership; set under committer.mu

	// The result, final before wake receives.
	err      error
	panicked bool
	panicVal any

	wrote   bool // fn returned nil inside a shared transaction
	settled bool // err, or the panic, is final
}

// result returns the request's error, or raises again in the caller's
// goroutine the panic that its fn raised on the leader's.
//
// NOTE: the panic raised again carries the stack of this call, not that
// of the leader's goroutine where fn panicked.
func (r *writeRequest) result() error {
	if r.panicked {
		panic(r.panicVal)
	}
	return r.err
}

// WriteStats counts what group commit did since the store opened. All
// counts are zero on engines without group commit.
type WriteStats struct {
	// Commits is the number of write transactions committed.
	Commits uint64
	// Writes is the number of Update runs whose writes those commits held,
	// so Writes / Commits is the mean number of requests per commit.
	Writes uint64
	// Waiting is the number of Update calls queued for the writer now.
	Waiting int
}

// WriteStats returns the counts of group commit.
func (db *DB) WriteStats() WriteStats {
	g := &db.group
	g.mu.Lock()
	defer g.mu.Unlock()
	return WriteStats{Commits: g.commits, Writes: g.writes, Waiting: len(g.queue)}
}

// groupWrite runs fn once as one request of a group commit. It returns
// ctx's error without running fn when ctx ends while the request waits in
// the queue.
func (db *DB) groupWrite(ctx context.Context, fn func(domain.Tx) error) error {
	r := &writeRequest{ctx: ctx, fn: fn, wake: make(chan struct{}, 1)}
	g := &db.group
	g.mu.Lock()
	g.queue = append(g.queue, r)
	leader := !g.leading
	g.leading = true
	g.mu.Unlock()

	if !leader && !g.await(r) {
		return ctx.Err()
	}
	if leader || r.lead {
		db.lead(r)
	}
	return r.result()
}

// await waits until r has its result or leadership. It returns false when
// r's context ended while r was still queued: r then left the queue and its
// fn never ran.
func (g *committer) await(r *writeRequest) bool {
	select {
	case <-r.wake:
		return true
	case <-r.ctx.Done():
	}
	g.mu.Lock()
	if i := slices.Index(g.queue, r); i >= 0 && !r.lead {
		g.queue = slices.Delete(g.queue, i, i+1)
		g.mu.Unlock()
		return false
	}
	g.mu.Unlock()
	// A batch took r, or r leads: the wake is sent or on its way.
	<-r.wake
	return true
}

// handOff makes the first queued request the leader, or ends the
// leadership when the queue is empty.
func (g *committer) handOff() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.queue) == 0 {
		g.leading = false
		return
	}
	next := g.queue[0]
	next.lead = true
	next.wake <- struct{}{}
}

// pop removes and returns the first queued request, or nil.
func (g *committer) pop() *writeRequest {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.queue) == 0 {
		return nil
	}
	r := g.queue[0]
	g.queue = slices.Delete(g.queue, 0, 1)
	return r
}

// count records one committed transaction holding writes requests.
func (g *committer) count(writes int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.commits++
	g.writes += uint64(writes)
}

// lead runs one batch that starts with r, which must be the first queued
// request, and then hands leadership on.
func (db *DB) lead(r *writeRequest) {
	g := &db.group
	g.mu.Lock()
	g.queue = slices.Delete(g.queue, 0, 1)
	alone := len(g.queue) == 0
	g.mu.Unlock()

	if alone {
		// Deferred, so that a panic in fn, raised here on its own caller's
		// goroutine with its stack, still hands leadership on.
		defer g.handOff()
		r.err = db.run(r.ctx, db.write, nil, true, r.fn)
		if r.err == nil {
			g.count(1)
		}
		return
	}

	b := &batch{db: db, members: []*writeRequest{r}, versions: map[string]int64{}}
	defer b.finish()
	b.run()
}

// batch is one shared write transaction and the requests it ran.
type batch struct {
	db      *DB
	tx      *sql.Tx
	control *Tx // runs the savepoint statements
	members []*writeRequest
	writes  int // members whose writes the transaction holds
	started time.Time
	queued  []string // queries to prepare after the transaction
	done    bool     // every member's result is final

	versions map[string]int64 // committed catalog versions by workspace id
}

// errFnExited is the result of a request whose fn ended the leader's
// goroutine with runtime.Goexit, as testing.T.FailNow does.
var errFnExited = errors.New("sqlstore: the write function exited its goroutine (runtime.Goexit) before it returned")

// lostWriteError is the result of a request whose fn succeeded, or never
// ran, in a shared transaction that then rolled back before its COMMIT
// because of another request. Update runs such a request again.
type lostWriteError struct {
	cause error
}

func (e *lostWriteError) Error() string {
	return "sqlstore: the shared write transaction rolled back before its commit: " + e.cause.Error()
}

func (e *lostWriteError) Unwrap() error { return e.cause }

// errUncommittedCatalog is the error of Tx.WorkspaceVersion for a catalog
// that another Update call changed earlier in a shared transaction. Update
// runs such a call again.
var errUncommittedCatalog = errors.New("the catalog changed earlier in the shared transaction and is not committed yet")

// retryable reports whether Update should run fn again after err: the
// dialect's retryable errors, and the errors by which group commit defers a
// call to a later transaction.
func (db *DB) retryable(err error) bool {
	var lost *lostWriteError
	return db.dialect.IsRetryable(err) || errors.As(err, &lost) || errors.Is(err, errUncommittedCatalog)
}

// run begins the shared transaction, runs the first member and every
// request that joins, and commits.
func (b *batch) run() {
	db := b.db
	first := b.members[0]
	// The transaction belongs to no single caller, so no caller's context
	// may roll it back.
	tx, err := db.write.BeginTx(context.Background(), nil)
	if err != nil {
		first.err = fmt.Errorf("sqlstore: begin: %w", err)
		first.settled = true
		b.done = true
		return
	}
	b.tx = tx
	b.control = &Tx{db: db, tx: tx, pool: db.write, write: true, detached: true}
	b.started = time.Now()

	for m := first; m != nil; m = b.join() {
		if err := m.ctx.Err(); err != nil {
			m.err = err
			m.settled = true
			continue
		}
		if err := b.runMember(m); err != nil {
			b.rollBack(&lostWriteError{cause: err})
			return
		}
	}
	b.commit()
}

// join adds the next queued request to the batch and returns it, or nil
// when the batch is full, has run for its time bound or no request waits.
func (b *batch) join() *writeRequest {
	g := &b.db.group
	if len(b.members) >= g.maxWrites || time.Since(b.started) >= g.maxTime {
		return nil
	}
	m := g.pop()
	if m != nil {
		b.members = append(b.members, m)
	}
	return m
}

// runMember runs m's fn under a savepoint and keeps its writes only when fn
// returns nil. It returns an error when the savepoint could not be set,
// released or rolled back to. The transaction may then have lost what the
// earlier members wrote, because SQLite rolls back a whole transaction by
// itself, savepoints included, after some statement failures. The
// sqlite3_get_autocommit documentation names SQLITE_FULL, SQLITE_IOERR,
// SQLITE_NOMEM, SQLITE_BUSY and SQLITE_INTERRUPT, and a trigger's
// RAISE(ROLLBACK) or an ON CONFLICT ROLLBACK clause does the same.
func (b *batch) runMember(m *writeRequest) error {
	ctx := context.Background()
	if _, err := b.control.exec(ctx, "SAVEPOINT "+savepoint); err != nil {
		return fmt.Errorf("setting a savepoint: %w", err)
	}
	t := &Tx{db: b.db, tx: b.tx, pool: b.db.write, now: b.db.now().UTC(), write: true, detached: true,
		shared: b, othersWrote: b.writes > 0}
	m.err, m.panicked, m.panicVal = callFn(m.fn, t)
	m.settled = true
	b.queued = append(b.queued, t.queued...)

	if m.err == nil && !m.panicked {
		if _, err := b.control.exec(ctx, "RELEASE "+savepoint); err != nil {
			m.settled = false
			return fmt.Errorf("releasing the savepoint: %w", err)
		}
		m.wrote = true
		b.writes++
		return nil
	}
	if _, err := b.control.exec(ctx, "ROLLBACK TO "+savepoint); err != nil {
		return fmt.Errorf("rolling back to the savepoint after a failed write: %w", err)
	}
	if _, err := b.control.exec(ctx, "RELEASE "+savepoint); err != nil {
		return fmt.Errorf("releasing the savepoint after a failed write: %w", err)
	}
	return nil
}

// callFn runs fn on t and recovers a panic, which belongs to fn's caller
// rather than to the leader running it.
func callFn(fn func(domain.Tx) error, t *Tx) (err error, panicked bool, panicVal any) {
	returned := false
	defer func() {
		if !returned {
			// recover returns nil during runtime.Goexit, which
			// batch.finish handles.
			panicVal = recover()
			panicked = panicVal != nil
		}
	}()
	err = fn(t)
	returned = true
	return err, false, nil
}

// commit commits the writes of the members whose fn succeeded. When it
// fails, each of them gets the error.
func (b *batch) commit() {
	if b.writes == 0 {
		b.tx.Rollback() //nolint:errcheck // nothing to keep
		b.done = true
		return
	}
	err := b.tx.Commit()
	if err == nil {
		b.db.group.count(b.writes)
	}
	for _, m := range b.members {
		if m.wrote && err != nil {
			m.err = fmt.Errorf("sqlstore: commit: %w", err)
		}
		m.settled = true
	}
	b.done = true
}

// rollBack ends the transaction without committing, and gives err to every
// member that wrote, or whose result is not final.
func (b *batch) rollBack(err error) {
	b.tx.Rollback() //nolint:errcheck // SQLite may have rolled it back already
	for _, m := range b.members {
		if m.wrote || !m.settled {
			m.err = err
			m.panicked = false
			m.settled = true
		}
	}
	b.done = true
}

// finish ends the batch, on a normal return or when an fn called
// runtime.Goexit on the leader's goroutine, hands leadership on and wakes
// every member but the leader.
func (b *batch) finish() {
	if !b.done {
		for _, m := range b.members {
			if !m.settled {
				m.err = errFnExited
				m.settled = true
			}
		}
		b.rollBack(&lostWriteError{cause: errFnExited})
	}
	if b.control != nil {
		b.queued = append(b.queued, b.control.queued...)
	}
	if len(b.queued) > 0 {
		go b.db.stmts.prepare(b.db.write, b.queued)
	}
	b.db.group.handOff()
	for _, m := range b.members[1:] {
		m.wake <- struct{}{}
	}
}
