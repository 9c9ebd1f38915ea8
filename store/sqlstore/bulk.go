package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/punchclock/punchclock/domain"
)

// Rows per multi-row INSERT statement of the bulk path. 256 entries of 14
// columns bind 3,584 parameters and 1,024 tag rows of 3 columns bind 3,072,
// far below SQLite's limit of 32,766 and PostgreSQL's of 65,535.
const (
	bulkEntryRows = 256
	bulkTagRows   = 1024
)

const (
	bulkEntryInsert = `INSERT INTO time_entries (id, workspace_id, user_id, description, project_id, task_id, billable,
		start_at, end_at, type, invoiced, created_at, hourly_rate, cost_rate) VALUES `
	bulkEntryValues = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	bulkTagInsert   = `INSERT INTO time_entry_tags (entry_id, tag_id, position) VALUES `
	bulkTagValues   = `(?, ?, ?)`
)

// InsertTimeEntries inserts entries and their tags in one transaction with
// prepared multi-row INSERT statements, the bulk path for seeding large data
// sets. It runs none of the domain's checks: the caller passes entries that
// are valid already (24-hex ids, existing projects, tasks and tags, at most
// one running entry per user, rates resolved by domain.RateBook). The
// database still enforces its constraints, so a duplicate id or a second
// running timer fails the whole call.
func (db *DB) InsertTimeEntries(ctx context.Context, entries []domain.TimeEntry) error {
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sqlstore: bulk insert: connecting: %w", err)
	}
	defer conn.Close()
	if db.dialect.BulkSetup != "" {
		if _, err := conn.ExecContext(ctx, db.dialect.BulkSetup); err != nil {
			return fmt.Errorf("sqlstore: bulk insert: setup: %w", err)
		}
		// The setup applies to the connection, which the store uses again.
		defer conn.ExecContext(context.WithoutCancel(ctx), db.dialect.BulkTeardown) //nolint:errcheck // best effort
	}

	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlstore: bulk insert: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	// On PostgreSQL, the engine with numbered placeholders, the triggers
	// would leave a dead version of a project_tracked, task_tracked or
	// entry_versions row per entry. Under this setting they skip the
	// inserts of this transaction, and addTracked and raiseEntryVersions
	// do their work once per project, task and user. SQLite updates rows in
	// place, and its triggers handle every entry.
	deferTracked := db.dialect.Numbered
	if deferTracked {
		if _, err := tx.ExecContext(ctx, `SET LOCAL punchclock.defer_tracked = 'on'`); err != nil {
			return fmt.Errorf("sqlstore: bulk insert: deferring tracked time and entry versions: %w", err)
		}
	}

	entryRows := newBulkInsert(db, bulkEntryInsert, bulkEntryValues, 14, bulkEntryRows)
	tagRows := newBulkInsert(db, bulkTagInsert, bulkTagValues, 3, bulkTagRows)
	defer entryRows.close()
	defer tagRows.close()

	for _, e := range entries {
		err := entryRows.add(ctx, tx, e.ID, e.WorkspaceID, e.UserID, e.Description, e.ProjectID, e.TaskID, e.Billable,
			millis(e.Start), nullMillis(e.End), e.Type, e.Invoiced, millis(e.CreatedAt), nullRate(e.HourlyRate), nullRate(e.CostRate))
		if err != nil {
			return fmt.Errorf("sqlstore: bulk insert of time entries: %w", err)
		}
	}
	// Tags go in after every entry of the call, because each tag row
	// references its entry.
	if err := entryRows.flush(ctx, tx); err != nil {
		return fmt.Errorf("sqlstore: bulk insert of time entries: %w", err)
	}
	for _, e := range entries {
		for i, tagID := range e.TagIDs {
			if err := tagRows.add(ctx, tx, e.ID, tagID, i); err != nil {
				return fmt.Errorf("sqlstore: bulk insert of time entry tags: %w", err)
			}
		}
	}
	if err := tagRows.flush(ctx, tx); err != nil {
		return fmt.Errorf("sqlstore: bulk insert of time entry tags: %w", err)
	}
	if deferTracked {
		if err := addTracked(ctx, db, tx, entries); err != nil {
			return fmt.Errorf("sqlstore: bulk insert of tracked time: %w", err)
		}
		// PostgreSQL fires a table's triggers in the order of their names,
		// time_entries_tracked before time_entries_version, so raising the
		// versions last locks rows in the order a single insert does.
		if err := raiseEntryVersions(ctx, db, tx, entries); err != nil {
			return fmt.Errorf("sqlstore: bulk insert: raising entry versions: %w", err)
		}
	}

	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlstore: bulk insert: commit: %w", err)
	}
	return nil
}

// Upserts that add seconds to the tracked time of projects and tasks, with
// one row per project or task.
const (
	bulkProjectTracked = `INSERT INTO project_tracked (workspace_id, project_id, seconds) VALUES `
	bulkTaskTracked    = `INSERT INTO task_tracked (workspace_id, task_id, seconds) VALUES `
	bulkTrackedValues  = `(?, ?, ?)`
	bulkTrackedRows    = 1024

	projectTrackedConflict = ` ON CONFLICT (workspace_id, project_id) DO UPDATE SET seconds = project_tracked.seconds + EXCLUDED.seconds`
	taskTrackedConflict    = ` ON CONFLICT (workspace_id, task_id) DO UPDATE SET seconds = task_tracked.seconds + EXCLUDED.seconds`
)

// workspaceKey names a project, task or user of a workspace.
type workspaceKey struct{ workspace, id string }

// compareWorkspaceKeys orders keys by workspace, then by id.
func compareWorkspaceKeys(a, b workspaceKey) int {
	return cmp.Or(strings.Compare(a.workspace, b.workspace), strings.Compare(a.id, b.id))
}

// addTracked adds the finished entries to project_tracked and task_tracked
// with one row per project and task, where PostgreSQL's trigger, deferred
// for the bulk transaction, would have updated a row per entry. Each entry
// counts its end minus its start, both cut to whole seconds, as in the
// trigger.
func addTracked(ctx context.Context, db *DB, tx *sql.Tx, entries []domain.TimeEntry) error {
	projects := map[workspaceKey]int64{}
	tasks := map[workspaceKey]int64{}
	for _, e := range entries {
		if e.End == nil {
			continue
		}
		seconds := millis(*e.End)/1000 - millis(e.Start)/1000
		if e.ProjectID != "" {
			projects[workspaceKey{e.WorkspaceID, e.ProjectID}] += seconds
		}
		if e.TaskID != "" {
			tasks[workspaceKey{e.WorkspaceID, e.TaskID}] += seconds
		}
	}
	if err := upsertTracked(ctx, db, tx, bulkProjectTracked, projectTrackedConflict, projects); err != nil {
		return err
	}
	return upsertTracked(ctx, db, tx, bulkTaskTracked, taskTrackedConflict, tasks)
}

// upsertTracked writes sums with the upsert of head and conflict. The keys
// of one statement are distinct, as PostgreSQL requires of an upsert, and
// sorted, so that concurrent bulk inserts lock the rows in the same order.
func upsertTracked(ctx context.Context, db *DB, tx *sql.Tx, head, conflict string, sums map[workspaceKey]int64) error {
	keys := slices.SortedFunc(maps.Keys(sums), compareWorkspaceKeys)
	rows := newBulkInsert(db, head, bulkTrackedValues, 3, bulkTrackedRows)
	rows.tail = conflict
	defer rows.close()
	for _, k := range keys {
		if err := rows.add(ctx, tx, k.workspace, k.id, sums[k]); err != nil {
			return err
		}
	}
	return rows.flush(ctx, tx)
}

// Upsert that raises the entry version of users by one, or starts it at 1.
const (
	bulkEntryVersions      = `INSERT INTO entry_versions (workspace_id, user_id, version) VALUES `
	bulkEntryVersionValues = `(?, ?, 1)`
	bulkEntryVersionRows   = 1024
	entryVersionConflict   = ` ON CONFLICT (workspace_id, user_id) DO UPDATE SET version = entry_versions.version + 1`
)

// raiseEntryVersions raises the entry version of each workspace and user
// pair in entries by one, where PostgreSQL's trigger, deferred for the bulk
// transaction, would have raised it once per entry. The pairs are distinct
// within a statement, as PostgreSQL requires of an upsert, and sorted, so
// that concurrent bulk inserts lock the rows in the same order.
func raiseEntryVersions(ctx context.Context, db *DB, tx *sql.Tx, entries []domain.TimeEntry) error {
	users := map[workspaceKey]struct{}{}
	for _, e := range entries {
		users[workspaceKey{e.WorkspaceID, e.UserID}] = struct{}{}
	}
	keys := slices.SortedFunc(maps.Keys(users), compareWorkspaceKeys)
	rows := newBulkInsert(db, bulkEntryVersions, bulkEntryVersionValues, 2, bulkEntryVersionRows)
	rows.tail = entryVersionConflict
	defer rows.close()
	for _, k := range keys {
		if err := rows.add(ctx, tx, k.workspace, k.id); err != nil {
			return err
		}
	}
	return rows.flush(ctx, tx)
}

// bulkInsert buffers the values of rows for one table and writes them with
// one prepared statement of rowsPerStmt rows each time the buffer fills.
// flush writes the remainder with a statement of its own length.
type bulkInsert struct {
	db          *DB
	head, row   string
	tail        string // follows the rows, such as an ON CONFLICT clause
	columns     int
	rowsPerStmt int
	args        []any
	full        *sql.Stmt
}

func newBulkInsert(db *DB, head, row string, columns, rowsPerStmt int) *bulkInsert {
	return &bulkInsert{db: db, head: head, row: row, columns: columns, rowsPerStmt: rowsPerStmt,
		args: make([]any, 0, columns*rowsPerStmt)}
}

// statement returns the INSERT of n rows in the dialect's placeholders.
func (b *bulkInsert) statement(n int) string {
	return b.db.bind(b.head + strings.TrimSuffix(strings.Repeat(b.row+",", n), ",") + b.tail)
}

func (b *bulkInsert) add(ctx context.Context, tx *sql.Tx, values ...any) error {
	if len(values) != b.columns {
		return fmt.Errorf("bulk row has %d values, want %d", len(values), b.columns)
	}
	b.args = append(b.args, values...)
	if len(b.args) < b.columns*b.rowsPerStmt {
		return nil
	}
	if b.full == nil {
		stmt, err := tx.PrepareContext(ctx, b.statement(b.rowsPerStmt))
		if err != nil {
			return fmt.Errorf("preparing a %d-row insert: %w", b.rowsPerStmt, err)
		}
		b.full = stmt
	}
	if _, err := b.full.ExecContext(ctx, b.args...); err != nil {
		return b.mapError(err)
	}
	b.args = b.args[:0]
	return nil
}

// flush writes the buffered rows.
func (b *bulkInsert) flush(ctx context.Context, tx *sql.Tx) error {
	if len(b.args) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, b.statement(len(b.args)/b.columns), b.args...); err != nil {
		return b.mapError(err)
	}
	b.args = b.args[:0]
	return nil
}

func (b *bulkInsert) close() {
	if b.full != nil {
		b.full.Close()
	}
}

// mapError wraps constraint failures as Tx.exec does.
func (b *bulkInsert) mapError(err error) error {
	switch {
	case b.db.dialect.IsUniqueViolation(err):
		return fmt.Errorf("%w: %w", domain.ErrConflict, err)
	case b.db.dialect.IsForeignKeyViolation(err):
		return fmt.Errorf("%w: %w", domain.ErrMissingReference, err)
	}
	return err
}

// RefreshStatistics vacuums and analyzes a PostgreSQL database after a bulk
// load, as autovacuum would only later, or never where it is off. ANALYZE
// gives the planner statistics that count the new rows. VACUUM marks the
// loaded pages all-visible, so that index-only scans, such as the one that
// skips the rows before a deep page of entries, need not read the table.
// SQLite keeps no statistics unless ANALYZE creates them, and the store's
// queries are written for its plans without them, so on SQLite this does
// nothing.
func (db *DB) RefreshStatistics(ctx context.Context) error {
	if !db.dialect.Numbered {
		return nil
	}
	if _, err := db.write.ExecContext(ctx, `VACUUM (ANALYZE)`); err != nil {
		return fmt.Errorf("sqlstore: vacuum and analyze: %w", err)
	}
	return nil
}
