package sqlstore

import (
	"context"
	"fmt"
)

// WorkspaceVersion returns the workspace's catalog version, kept by the
// triggers of migration 0009.
func (t *Tx) WorkspaceVersion(ctx context.Context, workspaceID string) (int64, error) {
	var version int64
	err := t.queryRow(ctx, `SELECT version FROM workspace_versions WHERE workspace_id = ?`, workspaceID).Scan(&version)
	if err != nil {
		return 0, fmt.Errorf("sqlstore: version of workspace %s: %w", workspaceID, notFound(err))
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
