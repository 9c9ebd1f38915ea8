package sqlstore

import (
	"context"
	"fmt"
)

// ImportedEntries returns the entry ids recorded under those of keys that
// the workspace has.
func (t *Tx) ImportedEntries(ctx context.Context, workspaceID string, keys []string) (map[string]string, error) {
	out := make(map[string]string, len(keys))
	// Chunks keep each query far below the engines' bind-parameter limits.
	const chunk = 500
	for len(keys) > 0 {
		n := min(chunk, len(keys))
		var w where
		w.add("workspace_id = ?", workspaceID)
		w.in("import_key", keys[:n], false)
		keys = keys[n:]
		rows, err := t.query(ctx, `SELECT import_key, entry_id FROM import_keys`+w.sql(), w.args...)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: import keys of workspace %s: %w", workspaceID, err)
		}
		for rows.Next() {
			var key, entryID string
			if err := rows.Scan(&key, &entryID); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlstore: import keys of workspace %s: %w", workspaceID, err)
			}
			out[key] = entryID
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("sqlstore: import keys of workspace %s: %w", workspaceID, err)
		}
	}
	return out, nil
}

// CreateImportKey records the entry that an import created under key.
func (t *Tx) CreateImportKey(ctx context.Context, workspaceID, key, entryID string) error {
	const q = `INSERT INTO import_keys (workspace_id, import_key, entry_id, created_at) VALUES (?, ?, ?, ?)`
	if _, err := t.exec(ctx, q, workspaceID, key, entryID, millis(t.now)); err != nil {
		return fmt.Errorf("sqlstore: recording import key of entry %s: %w", entryID, err)
	}
	return nil
}
