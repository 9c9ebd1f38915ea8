package sqlstore

import (
	"context"
	"fmt"

	"github.com/punchclock/punchclock/domain"
)

const tagColumns = `g.id, g.workspace_id, g.name, g.archived`

func scanTag(s scanner) (domain.Tag, error) {
	var g domain.Tag
	err := s.Scan(&g.ID, &g.WorkspaceID, &g.Name, &g.Archived)
	return g, err
}

// Tag returns the tag with the given id in the workspace.
func (t *Tx) Tag(ctx context.Context, workspaceID, id string) (domain.Tag, error) {
	q := `SELECT ` + tagColumns + ` FROM tags g WHERE g.workspace_id = ? AND g.id = ?` + t.forUpdate("g")
	g, err := scanTag(t.queryRow(ctx, q, workspaceID, id))
	if err != nil {
		return g, fmt.Errorf("sqlstore: tag %s: %w", id, notFound(err))
	}
	return g, nil
}

var tagSort = map[string]string{
	"NAME": "lower(g.name)",
	"ID":   "g.id",
}

// Tags returns one page of the workspace's tags matching f.
func (t *Tx) Tags(ctx context.Context, workspaceID string, f domain.TagFilter) ([]domain.Tag, error) {
	var w where
	w.add("g.workspace_id = ?", workspaceID)
	switch {
	case f.Name != "" && f.StrictName:
		w.add("lower(g.name) = lower(?)", f.Name)
	case f.Name != "":
		w.add(`lower(g.name) LIKE ? ESCAPE '\'`, likePattern(f.Name))
	}
	if len(f.ExcludedIDs) > 0 {
		w.in("g.id", f.ExcludedIDs, true)
	}
	if f.Archived != nil {
		w.add("g.archived = ?", *f.Archived)
	}
	order, ok := tagSort[f.SortColumn]
	if !ok {
		order = tagSort["NAME"]
	}
	dir := sortDir(f.SortOrder)
	q := `SELECT ` + tagColumns + ` FROM tags g` + w.sql() +
		` ORDER BY ` + order + ` ` + dir + `, g.id ` + dir + ` LIMIT ? OFFSET ?`
	list, err := selectAll(ctx, t, scanTag, q, append(w.args, f.Page.Limit(), f.Page.Offset())...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: tags of workspace %s: %w", workspaceID, err)
	}
	return list, nil
}

// TagsByID returns the workspace's tags with the given ids, in the order of
// ids. Ids that name no tag of the workspace are left out, and a repeated id
// yields its tag once.
func (t *Tx) TagsByID(ctx context.Context, workspaceID string, ids []string) ([]domain.Tag, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var w where
	w.add("g.workspace_id = ?", workspaceID)
	w.in("g.id", ids, false)
	found, err := selectAll(ctx, t, scanTag, `SELECT `+tagColumns+` FROM tags g`+w.sql(), w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: tags %v of workspace %s: %w", ids, workspaceID, err)
	}
	byID := make(map[string]domain.Tag, len(found))
	for _, g := range found {
		byID[g.ID] = g
	}
	out := make([]domain.Tag, 0, len(found))
	for _, id := range ids {
		if g, ok := byID[id]; ok {
			out = append(out, g)
			delete(byID, id)
		}
	}
	return out, nil
}

// CreateTag inserts g.
func (t *Tx) CreateTag(ctx context.Context, g domain.Tag) error {
	const q = `INSERT INTO tags (id, workspace_id, name, archived, created_at) VALUES (?, ?, ?, ?, ?)`
	if _, err := t.exec(ctx, q, g.ID, g.WorkspaceID, g.Name, g.Archived, millis(t.now)); err != nil {
		return fmt.Errorf("sqlstore: creating tag %q: %w", g.Name, err)
	}
	return nil
}

// UpdateTag writes the name and archived flag of g.
func (t *Tx) UpdateTag(ctx context.Context, g domain.Tag) error {
	const q = `UPDATE tags SET name = ?, archived = ? WHERE workspace_id = ? AND id = ?`
	if err := t.execOne(ctx, q, g.Name, g.Archived, g.WorkspaceID, g.ID); err != nil {
		return fmt.Errorf("sqlstore: updating tag %s: %w", g.ID, err)
	}
	return nil
}

// DeleteTag deletes the tag and its links to the workspace's time entries.
func (t *Tx) DeleteTag(ctx context.Context, workspaceID, id string) error {
	const unlink = `DELETE FROM time_entry_tags WHERE tag_id = ?
		AND entry_id IN (SELECT e.id FROM time_entries e WHERE e.workspace_id = ?)`
	if _, err := t.exec(ctx, unlink, id, workspaceID); err != nil {
		return fmt.Errorf("sqlstore: taking tag %s off time entries: %w", id, err)
	}
	if err := t.execOne(ctx, `DELETE FROM tags WHERE workspace_id = ? AND id = ?`, workspaceID, id); err != nil {
		return fmt.Errorf("sqlstore: deleting tag %s: %w", id, err)
	}
	return nil
}
