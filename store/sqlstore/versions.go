package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/punchclock/punchclock/domain"
)

// WorkspaceVersion returns the workspace's catalog version, kept by the
// triggers of migration 0009.
//
// In a transaction that group commit shares, it returns an error wrapping
// errUncommittedCatalog when another Update call changed the workspace's
// catalog earlier in the transaction, and Update then runs fn again after
// that change has committed. A version read there is not committed yet,
// and is lost with the transaction if its COMMIT fails. Data cached under
// it could then be taken for that of a later commit that reuses the number.
func (t *Tx) WorkspaceVersion(ctx context.Context, workspaceID string) (int64, error) {
	const q = `SELECT version FROM workspace_versions WHERE workspace_id = ?`
	var version int64
	err := t.queryRow(ctx, q, workspaceID).Scan(&version)
	if err != nil {
		return 0, fmt.Errorf("sqlstore: version of workspace %s: %w", workspaceID, notFound(err))
	}
	if t.shared == nil || !t.othersWrote {
		return version, nil
	}

	// Nothing else writes while the shared transaction runs, so the
	// committed version, read on a reader connection, is the one from
	// before the transaction began.
	committed, ok := t.shared.versions[workspaceID]
	if !ok {
		err := t.db.read.QueryRowContext(t.stmtContext(ctx), t.db.bind(q), workspaceID).Scan(&committed)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("sqlstore: committed version of workspace %s: %w", workspaceID, err)
		}
		// A workspace created in the transaction has no committed version,
		// and 0 matches none.
		t.shared.versions[workspaceID] = committed
	}
	if committed != version {
		return 0, fmt.Errorf("sqlstore: workspace %s: %w", workspaceID, errUncommittedCatalog)
	}
	return version, nil
}

// WritesSerialized reports whether t is a write transaction on an engine
// without row locks, where the single writer connection runs one write
// transaction at a time.
func (t *Tx) WritesSerialized() bool {
	return t.write && !t.db.dialect.RowLocks
}

// EntryVersion returns the version of the user's entries in the workspace,
// kept by the triggers of migration 0011, or 0 when the user has never had
// an entry there.
func (t *Tx) EntryVersion(ctx context.Context, workspaceID, userID string) (int64, error) {
	var version int64
	err := t.queryRow(ctx, `SELECT COALESCE((SELECT version FROM entry_versions WHERE workspace_id = ? AND user_id = ?), 0)`,
		workspaceID, userID).Scan(&version)
	if err != nil {
		return 0, fmt.Errorf("sqlstore: entry version of user %s in workspace %s: %w", userID, workspaceID, err)
	}
	return version, nil
}

// Versions implements domain.Store.Versions on the reader pool. One
// statement reads one snapshot on both engines, so the two versions belong
// to the same committed state.
func (db *DB) Versions(ctx context.Context, workspaceID, userID string) (domain.Versions, error) {
	query := db.bind(`SELECT w.version, COALESCE((SELECT e.version FROM entry_versions e
		WHERE e.workspace_id = w.workspace_id AND e.user_id = ?), 0)
		FROM workspace_versions w WHERE w.workspace_id = ?`)
	v := domain.Versions{Now: db.now().UTC()}
	var row *sql.Row
	if s := db.stmts.lookup(db.read, query); s != nil {
		row = s.QueryRowContext(ctx, userID, workspaceID)
	} else {
		row = db.read.QueryRowContext(ctx, query, userID, workspaceID)
		if db.dialect.CacheStatements {
			go db.stmts.prepare(db.read, []string{query})
		}
	}
	if err := row.Scan(&v.Workspace, &v.Entries); err != nil {
		return domain.Versions{}, fmt.Errorf("sqlstore: versions of workspace %s: %w", workspaceID, notFound(err))
	}
	return v, nil
}
