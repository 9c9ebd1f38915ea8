package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/punchclock/punchclock/domain"
)

// These tests run group commit on a real SQLite file with a schema of their
// own, because store/sqlite, which holds the store's schema, imports this
// package. Each builds a batch by holding the writer connection with one
// Update until the others are queued behind it.

// groupSchema has items, links whose foreign key SQLite checks only at
// COMMIT, doomed, whose trigger makes SQLite roll back the whole
// transaction of any insert, and the store's catalog versions.
const groupSchema = `
CREATE TABLE items (id TEXT PRIMARY KEY);
CREATE TABLE links (id TEXT PRIMARY KEY, item_id TEXT NOT NULL REFERENCES items (id) DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE doomed (id TEXT PRIMARY KEY);
CREATE TRIGGER doomed_insert BEFORE INSERT ON doomed BEGIN
	SELECT RAISE(ROLLBACK, 'an insert into doomed rolls back its transaction');
END;
CREATE TABLE workspace_versions (workspace_id TEXT PRIMARY KEY, version INTEGER NOT NULL);
INSERT INTO workspace_versions VALUES ('changed', 1), ('unchanged', 7);
`

// openGroupDB opens a store on a new SQLite file with the writer and reader
// pools of store/sqlite, and groupSchema. A batch collects every request
// queued behind it, however long it runs.
func openGroupDB(t testing.TB) *DB {
	t.Helper()
	params := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(ON)"} {
		params.Add("_pragma", p)
	}
	dsn := "file:" + filepath.Join(t.TempDir(), "group.db") + "?" + params.Encode()

	write, err := sql.Open("sqlite", dsn+"&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	write.SetMaxOpenConns(1)
	read, err := sql.Open("sqlite", dsn+"&_pragma=query_only(ON)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := write.Exec(groupSchema); err != nil {
		t.Fatalf("creating the schema: %v", err)
	}
	d := Dialect{
		IsUniqueViolation: func(err error) bool { return sqliteCode(err) == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY },
		IsForeignKeyViolation: func(err error) bool {
			return sqliteCode(err) == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
		},
		IsRetryable:     func(err error) bool { return sqliteCode(err)&0xff == sqlite3.SQLITE_BUSY },
		CacheStatements: true,
		GroupCommit:     true,
	}
	db := New(read, write, d, nil)
	db.group.maxTime = time.Hour
	t.Cleanup(func() { db.Close() })
	return db
}

// sqliteCode returns the extended result code of the SQLite error in err's
// chain, or 0.
func sqliteCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code()
	}
	return 0
}

// insertInto returns an fn that inserts id into table, counting its runs.
func insertInto(table, id string, runs *atomic.Int32) func(domain.Tx) error {
	return func(tx domain.Tx) error {
		runs.Add(1)
		_, err := tx.(*Tx).exec(context.Background(), "INSERT INTO "+table+" (id) VALUES (?)", id)
		return err
	}
}

// itemCalls returns n calls, each inserting item-i into items, and their
// run counts.
func itemCalls(n int) ([]batchCall, []atomic.Int32) {
	runs := make([]atomic.Int32, n)
	calls := make([]batchCall, n)
	for i := range calls {
		calls[i].fn = insertInto("items", fmt.Sprint("item-", i), &runs[i])
	}
	return calls, runs
}

// stored reports whether table contains id, read through the reader pool,
// which reads committed rows only.
func stored(t *testing.T, db *DB, table, id string) bool {
	t.Helper()
	var n int
	if err := db.read.QueryRow("SELECT COUNT(*) FROM "+table+" WHERE id = ?", id).Scan(&n); err != nil {
		t.Fatalf("reading %s %s: %v", table, id, err)
	}
	return n == 1
}

// outcome is what one Update call returned or raised.
type outcome struct {
	err      error
	panicVal any
}

// updateCatching runs Update and recovers a panic that it raises again.
func updateCatching(ctx context.Context, db *DB, fn func(domain.Tx) error) (out outcome) {
	defer func() { out.panicVal = recover() }()
	return outcome{err: db.Update(ctx, fn)}
}

// batchCall is one Update of a batch.
type batchCall struct {
	ctx context.Context // nil means context.Background()
	fn  func(domain.Tx) error
}

// runBatch holds the writer connection with an Update until every call is
// queued behind it, in order, then lets them run and returns their
// outcomes. Queued together, they share one transaction. whileQueued, when
// set, runs once all are queued, before the writer is let go.
func runBatch(t *testing.T, db *DB, calls []batchCall, whileQueued func()) []outcome {
	t.Helper()
	holding, release := make(chan struct{}), make(chan struct{})
	holderDone := make(chan error, 1)
	go func() {
		holderDone <- db.Update(context.Background(), func(domain.Tx) error {
			close(holding)
			<-release
			return nil
		})
	}()
	<-holding

	outcomes := make([]outcome, len(calls))
	var wg sync.WaitGroup
	for i, c := range calls {
		ctx := c.ctx
		if ctx == nil {
			ctx = context.Background()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			outcomes[i] = updateCatching(ctx, db, c.fn)
		}()
		waitForQueue(t, db, i+1)
	}
	if whileQueued != nil {
		whileQueued()
	}
	close(release)
	wg.Wait()
	if err := <-holderDone; err != nil {
		t.Fatalf("the Update holding the writer: %v", err)
	}
	return outcomes
}

// waitForQueue waits until n Update calls are queued for the writer.
func waitForQueue(t *testing.T, db *DB, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for db.WriteStats().Waiting != n {
		if time.Now().After(deadline) {
			t.Fatalf("%d Update calls queued after 10 s, want %d", db.WriteStats().Waiting, n)
		}
		time.Sleep(100 * time.Microsecond)
	}
}

func TestGroupCommitSharesOneCommit(t *testing.T) {
	db := openGroupDB(t)
	const n = 20
	calls, runs := itemCalls(n)
	before := db.WriteStats()

	outcomes := runBatch(t, db, calls, nil)

	for i, o := range outcomes {
		if o.err != nil || o.panicVal != nil {
			t.Errorf("call %d: error %v, panic %v", i, o.err, o.panicVal)
		}
		if !stored(t, db, "items", fmt.Sprint("item-", i)) {
			t.Errorf("item-%d is missing after its Update returned", i)
		}
		if got := runs[i].Load(); got != 1 {
			t.Errorf("call %d ran %d times, want 1", i, got)
		}
	}
	after := db.WriteStats()
	if got := after.Commits - before.Commits; got != 2 {
		t.Errorf("%d commits, want 2: the holder's and the batch's", got)
	}
	if got := after.Writes - before.Writes; got != n+1 {
		t.Errorf("%d writes committed, want %d", got, n+1)
	}
}

// Each Update of a batch gets its own Tx, with its own clock reading.
func TestGroupCommitTxPerCall(t *testing.T) {
	db := openGroupDB(t)
	var mu sync.Mutex
	seen := map[*Tx]bool{}
	calls := make([]batchCall, 5)
	for i := range calls {
		calls[i].fn = func(tx domain.Tx) error {
			mu.Lock()
			defer mu.Unlock()
			seen[tx.(*Tx)] = true
			if tx.Now().IsZero() {
				return errors.New("Now is zero")
			}
			return nil
		}
	}

	for i, o := range runBatch(t, db, calls, nil) {
		if o.err != nil {
			t.Errorf("call %d: %v", i, o.err)
		}
	}
	if len(seen) != len(calls) {
		t.Errorf("%d distinct Tx values for %d calls", len(seen), len(calls))
	}
}

// A call that reads the catalog version of a workspace whose catalog an
// earlier call of its shared transaction changed runs again once that
// change has committed. A version of another workspace reads at once.
func TestGroupCommitUncommittedCatalog(t *testing.T) {
	db := openGroupDB(t)
	var changeRuns, sameRuns, otherRuns atomic.Int32
	var sameVersions []int64
	var otherVersion int64
	calls := []batchCall{
		{fn: func(tx domain.Tx) error {
			changeRuns.Add(1)
			_, err := tx.(*Tx).exec(context.Background(), "UPDATE workspace_versions SET version = version + 1 WHERE workspace_id = 'changed'")
			return err
		}},
		{fn: func(tx domain.Tx) error {
			sameRuns.Add(1)
			v, err := tx.WorkspaceVersion(context.Background(), "changed")
			if err != nil {
				return err
			}
			sameVersions = append(sameVersions, v)
			return nil
		}},
		{fn: func(tx domain.Tx) error {
			otherRuns.Add(1)
			v, err := tx.WorkspaceVersion(context.Background(), "unchanged")
			otherVersion = v
			return err
		}},
	}

	outcomes := runBatch(t, db, calls, nil)

	for i, o := range outcomes {
		if o.err != nil {
			t.Errorf("call %d: %v", i, o.err)
		}
	}
	if got := sameRuns.Load(); got != 2 {
		t.Errorf("the call reading the changed workspace ran %d times, want 2", got)
	}
	if !slices.Equal(sameVersions, []int64{2}) {
		t.Errorf("versions of the changed workspace read = %v, want only the committed 2", sameVersions)
	}
	if got := otherRuns.Load(); got != 1 {
		t.Errorf("the call reading the unchanged workspace ran %d times, want 1", got)
	}
	if otherVersion != 7 {
		t.Errorf("version of the unchanged workspace = %d, want 7", otherVersion)
	}
	if got := changeRuns.Load(); got != 1 {
		t.Errorf("the changing call ran %d times, want 1", got)
	}
}

// A failed fn discards its own writes only. A unique violation earns its
// caller the one rerun that Update grants conflicts, and no other call
// runs again.
func TestGroupCommitFailureStaysWithItsCall(t *testing.T) {
	db := openGroupDB(t)
	if err := db.Update(context.Background(), insertInto("items", "taken", new(atomic.Int32))); err != nil {
		t.Fatal(err)
	}
	errPlain := errors.New("plain failure")
	const n, failing, conflicting = 8, 2, 5
	calls, runs := itemCalls(n)
	calls[failing].fn = func(tx domain.Tx) error {
		if err := insertInto("items", "item-failing", &runs[failing])(tx); err != nil {
			return err
		}
		return errPlain
	}
	calls[conflicting].fn = insertInto("items", "taken", &runs[conflicting])

	outcomes := runBatch(t, db, calls, nil)

	for i, o := range outcomes {
		switch i {
		case failing:
			if !errors.Is(o.err, errPlain) {
				t.Errorf("failing call returned %v, want %v", o.err, errPlain)
			}
			if stored(t, db, "items", "item-failing") {
				t.Error("the failing call's row was committed")
			}
		case conflicting:
			if !errors.Is(o.err, domain.ErrConflict) {
				t.Errorf("conflicting call returned %v, want ErrConflict", o.err)
			}
			if got := runs[i].Load(); got != 2 {
				t.Errorf("conflicting call ran %d times, want 2", got)
			}
		default:
			if o.err != nil {
				t.Errorf("call %d: %v", i, o.err)
			}
			if !stored(t, db, "items", fmt.Sprint("item-", i)) {
				t.Errorf("item-%d is missing", i)
			}
		}
		if i != conflicting && runs[i].Load() != 1 {
			t.Errorf("call %d ran %d times, want 1", i, runs[i].Load())
		}
	}
}

// busyError returns a real SQLITE_BUSY error, from a BEGIN IMMEDIATE on a
// separate file that another connection holds locked.
func busyError(t *testing.T) error {
	t.Helper()
	path := filepath.Join(t.TempDir(), "locked.db")
	holder, err := sql.Open("sqlite", "file:"+path+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	tx, err := holder.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	other, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx2, err := other.Begin()
	if err == nil {
		tx2.Rollback()
		t.Fatal("BEGIN IMMEDIATE on a locked file succeeded")
	}
	if sqliteCode(err)&0xff != sqlite3.SQLITE_BUSY {
		t.Fatalf("BEGIN IMMEDIATE on a locked file: %v, want SQLITE_BUSY", err)
	}
	return err
}

// An fn that fails with a retryable error is run again in a later
// transaction, and the others of its batch run once.
func TestGroupCommitRetriesOneCall(t *testing.T) {
	db := openGroupDB(t)
	busy := busyError(t)
	const n, retried = 6, 3
	calls, runs := itemCalls(n)
	insert := calls[retried].fn
	calls[retried].fn = func(tx domain.Tx) error {
		if err := insert(tx); err != nil {
			return err
		}
		if runs[retried].Load() == 1 {
			return fmt.Errorf("locking: %w", busy)
		}
		return nil
	}

	outcomes := runBatch(t, db, calls, nil)

	for i, o := range outcomes {
		if o.err != nil {
			t.Errorf("call %d: %v", i, o.err)
		}
		if !stored(t, db, "items", fmt.Sprint("item-", i)) {
			t.Errorf("item-%d is missing", i)
		}
		want := int32(1)
		if i == retried {
			want = 2
		}
		if got := runs[i].Load(); got != want {
			t.Errorf("call %d ran %d times, want %d", i, got, want)
		}
	}
}

// A call whose context ends while it is queued leaves the queue without
// running. One whose context ends while its fn runs gets the truth: its
// statements run on, commit, and Update returns nil.
func TestGroupCommitCancelledContext(t *testing.T) {
	db := openGroupDB(t)
	queuedCtx, cancelQueued := context.WithCancel(context.Background())
	runningCtx, cancelRunning := context.WithCancel(context.Background())
	defer cancelQueued()
	defer cancelRunning()
	var queuedRuns, runningRuns, otherRuns atomic.Int32
	calls := []batchCall{
		{fn: insertInto("items", "before", &otherRuns)},
		{ctx: queuedCtx, fn: insertInto("items", "queued", &queuedRuns)},
		{ctx: runningCtx, fn: func(tx domain.Tx) error {
			runningRuns.Add(1)
			t := tx.(*Tx)
			if _, err := t.exec(runningCtx, "INSERT INTO items (id) VALUES ('running-1')"); err != nil {
				return err
			}
			cancelRunning()
			_, err := t.exec(runningCtx, "INSERT INTO items (id) VALUES ('running-2')")
			return err
		}},
		{fn: insertInto("items", "after", &otherRuns)},
	}

	outcomes := runBatch(t, db, calls, func() {
		cancelQueued()
		waitForQueue(t, db, len(calls)-1)
	})

	if !errors.Is(outcomes[1].err, context.Canceled) {
		t.Errorf("call cancelled in the queue returned %v, want context.Canceled", outcomes[1].err)
	}
	if got := queuedRuns.Load(); got != 0 {
		t.Errorf("call cancelled in the queue ran %d times, want 0", got)
	}
	if outcomes[2].err != nil {
		t.Errorf("call cancelled while running returned %v, want nil: its writes committed", outcomes[2].err)
	}
	for _, id := range []string{"before", "running-1", "running-2", "after"} {
		if !stored(t, db, "items", id) {
			t.Errorf("%s is missing", id)
		}
	}
	if stored(t, db, "items", "queued") {
		t.Error("the row of the call cancelled in the queue was committed")
	}
	if o := outcomes[0]; o.err != nil {
		t.Errorf("first call: %v", o.err)
	}
	if o := outcomes[3]; o.err != nil {
		t.Errorf("last call: %v", o.err)
	}
}

// A panic in one fn rolls back that fn's writes, reaches its own caller,
// and leaves the others of its batch committed and the store usable.
func TestGroupCommitPanic(t *testing.T) {
	db := openGroupDB(t)
	var runs atomic.Int32
	calls := []batchCall{
		{fn: insertInto("items", "first", &runs)},
		{fn: func(tx domain.Tx) error {
			if err := insertInto("items", "panicking", &runs)(tx); err != nil {
				return err
			}
			panic("fn panicked")
		}},
		{fn: insertInto("items", "last", &runs)},
	}

	outcomes := runBatch(t, db, calls, nil)

	if got := outcomes[1].panicVal; got != "fn panicked" {
		t.Errorf("panicking call raised %v, want the fn's panic", got)
	}
	if stored(t, db, "items", "panicking") {
		t.Error("the panicking call's row was committed")
	}
	for i, id := range map[int]string{0: "first", 2: "last"} {
		if outcomes[i].err != nil || outcomes[i].panicVal != nil {
			t.Errorf("call %d: error %v, panic %v", i, outcomes[i].err, outcomes[i].panicVal)
		}
		if !stored(t, db, "items", id) {
			t.Errorf("%s is missing", id)
		}
	}

	// A lone Update panics on its caller's goroutine and hands the writer on.
	lone := updateCatching(context.Background(), db, func(domain.Tx) error { panic("lone panic") })
	if lone.panicVal != "lone panic" {
		t.Errorf("lone panicking Update raised %v", lone.panicVal)
	}
	if err := db.Update(context.Background(), insertInto("items", "later", &runs)); err != nil {
		t.Errorf("Update after the panics: %v", err)
	}
}

// An fn that calls runtime.Goexit, as t.FailNow does, ends the goroutine of
// the leader running it. The shared transaction still rolls back, the calls
// waiting on it get errors, and the next caller leads.
func TestGroupCommitGoexit(t *testing.T) {
	db := openGroupDB(t)
	var runs atomic.Int32
	calls := []batchCall{
		{fn: insertInto("items", "leader", &runs)},
		{fn: func(tx domain.Tx) error {
			if err := insertInto("items", "exiting", &runs)(tx); err != nil {
				return err
			}
			runtime.Goexit()
			return nil
		}},
		{fn: insertInto("items", "last", &runs)},
	}

	outcomes := runBatch(t, db, calls, nil)

	if !errors.Is(outcomes[1].err, errFnExited) {
		t.Errorf("exiting call returned %v, want errFnExited", outcomes[1].err)
	}
	if stored(t, db, "items", "leader") || stored(t, db, "items", "exiting") {
		t.Error("a write of the transaction that the exit ended was committed")
	}
	if outcomes[2].err != nil || !stored(t, db, "items", "last") {
		t.Errorf("last call: %v, want its row committed by the next leader", outcomes[2].err)
	}
	if err := db.Update(context.Background(), insertInto("items", "later", &runs)); err != nil {
		t.Errorf("Update after the exit: %v", err)
	}
}

// A COMMIT that fails fails every call of its batch, and none of their
// writes stay. Here one call leaves a dangling deferred foreign key, which
// SQLite checks at COMMIT.
func TestGroupCommitCommitFailure(t *testing.T) {
	db := openGroupDB(t)
	const n, dangling = 5, 2
	calls, runs := itemCalls(n)
	calls[dangling].fn = func(tx domain.Tx) error {
		runs[dangling].Add(1)
		_, err := tx.(*Tx).exec(context.Background(), "INSERT INTO links (id, item_id) VALUES ('link', 'no such item')")
		return err
	}

	outcomes := runBatch(t, db, calls, nil)

	for i, o := range outcomes {
		if sqliteCode(o.err) != sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY {
			t.Errorf("call %d returned %v, want the COMMIT's foreign key failure", i, o.err)
		}
		if stored(t, db, "items", fmt.Sprint("item-", i)) {
			t.Errorf("item-%d was committed", i)
		}
		if got := runs[i].Load(); got != 1 {
			t.Errorf("call %d ran %d times, want 1", i, got)
		}
	}
	if stored(t, db, "links", "link") {
		t.Error("the dangling link was committed")
	}
	if err := db.Update(context.Background(), insertInto("items", "later", new(atomic.Int32))); err != nil {
		t.Errorf("Update after the failed COMMIT: %v", err)
	}
}

// When SQLite rolls back the shared transaction by itself, the calls that
// ran before lost their writes, so they must not return success.
// They run again, the failing call gets its error, and the calls after it
// run in a later transaction.
func TestGroupCommitSQLiteRollsBack(t *testing.T) {
	db := openGroupDB(t)
	const n, doomed = 6, 3
	calls, runs := itemCalls(n)
	calls[doomed].fn = insertInto("doomed", "doomed", &runs[doomed])

	outcomes := runBatch(t, db, calls, nil)

	for i, o := range outcomes {
		if i == doomed {
			if sqliteCode(o.err) != sqlite3.SQLITE_CONSTRAINT_TRIGGER {
				t.Errorf("doomed call returned %v, want the trigger's failure", o.err)
			}
			if got := runs[i].Load(); got != 1 {
				t.Errorf("doomed call ran %d times, want 1", got)
			}
			continue
		}
		if o.err != nil {
			t.Errorf("call %d: %v", i, o.err)
		}
		if !stored(t, db, "items", fmt.Sprint("item-", i)) {
			t.Errorf("item-%d is missing after its Update returned nil", i)
		}
		want := int32(1)
		if i < doomed {
			want = 2
		}
		if got := runs[i].Load(); got != want {
			t.Errorf("call %d ran %d times, want %d", i, got, want)
		}
	}
}

// BenchmarkUpdateParallel measures Update calls from 4 goroutines per
// GOMAXPROCS, each inserting one row, with group commit and with one
// transaction per call. ns/op is wall time per call.
func BenchmarkUpdateParallel(b *testing.B) {
	for _, group := range []bool{false, true} {
		name := "tx-per-call"
		if group {
			name = "group-commit"
		}
		b.Run(name, func(b *testing.B) {
			db := openGroupDB(b)
			db.dialect.GroupCommit = group
			db.group.maxTime = maxBatchTime
			var n atomic.Int64
			b.SetParallelism(4)
			b.ReportAllocs()
			b.ResetTimer()

			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					id := fmt.Sprint("item-", n.Add(1))
					err := db.Update(context.Background(), func(tx domain.Tx) error {
						_, err := tx.(*Tx).exec(context.Background(), "INSERT INTO items (id) VALUES (?)", id)
						return err
					})
					if err != nil {
						b.Error(err)
						return
					}
				}
			})

			b.StopTimer()
			if s := db.WriteStats(); s.Commits > 0 {
				b.ReportMetric(float64(s.Writes)/float64(s.Commits), "writes/commit")
			}
		})
	}
}
