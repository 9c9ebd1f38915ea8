package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/punchclock/punchclock/domain"
)

// entrySelect returns the start of a query that reads entries as scanEntry
// scans them: each entry with its resolved rates, the workspace currency
// they are in, and its tag ids in order. Its one placeholder is the
// workspace id, which makes the currency a subquery that runs once per
// query rather than once per row.
func (t *Tx) entrySelect() string {
	return `SELECT e.id, e.workspace_id, e.user_id, e.description, e.project_id, e.task_id, e.billable,
	e.start_at, e.end_at, e.type, e.invoiced, e.created_at, e.hourly_rate, e.cost_rate,
	(SELECT w.currency FROM workspaces w WHERE w.id = ?),
	(SELECT ` + t.db.dialect.StringAgg + `(g.tag_id, ',' ORDER BY g.position) FROM time_entry_tags g WHERE g.entry_id = e.id)
	FROM time_entries e`
}

func scanEntry(s scanner) (domain.TimeEntry, error) {
	var e domain.TimeEntry
	var start, created int64
	var end, hourly, cost sql.NullInt64
	var currency string
	var tags sql.NullString
	err := s.Scan(&e.ID, &e.WorkspaceID, &e.UserID, &e.Description, &e.ProjectID, &e.TaskID, &e.Billable,
		&start, &end, &e.Type, &e.Invoiced, &created, &hourly, &cost, &currency, &tags)
	e.Start = fromMillis(start)
	e.End = fromNullMillis(end)
	e.CreatedAt = fromMillis(created)
	e.HourlyRate = fromNullRate(hourly, currency)
	e.CostRate = fromNullRate(cost, currency)
	if tags.String != "" {
		// Tag ids are hexadecimal, so a comma never occurs inside one.
		e.TagIDs = strings.Split(tags.String, ",")
	}
	return e, err
}

// selectEntries runs a query that starts with entrySelect, with the
// workspace id as the first argument.
func (t *Tx) selectEntries(ctx context.Context, query string, args ...any) ([]domain.TimeEntry, error) {
	return selectAll(ctx, t, scanEntry, query, args...)
}

// selectEntry is selectEntries for a query that matches at most one row.
func (t *Tx) selectEntry(ctx context.Context, query string, args ...any) (domain.TimeEntry, error) {
	list, err := t.selectEntries(ctx, query, args...)
	if err != nil {
		return domain.TimeEntry{}, err
	}
	if len(list) == 0 {
		return domain.TimeEntry{}, domain.ErrNotFound
	}
	return list[0], nil
}

// TimeEntry returns the entry with the given id in the workspace.
func (t *Tx) TimeEntry(ctx context.Context, workspaceID, id string) (domain.TimeEntry, error) {
	q := t.entrySelect() + ` WHERE e.workspace_id = ? AND e.id = ?` + t.forUpdate("e")
	e, err := t.selectEntry(ctx, q, workspaceID, workspaceID, id)
	if err != nil {
		return e, fmt.Errorf("sqlstore: time entry %s: %w", id, err)
	}
	return e, nil
}

// TimeEntriesByID returns the workspace's entries with the given ids, newest
// start first, with ties ordered as in TimeEntries. Ids that match nothing
// are left out.
func (t *Tx) TimeEntriesByID(ctx context.Context, workspaceID string, ids []string) ([]domain.TimeEntry, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var w where
	w.add("e.workspace_id = ?", workspaceID)
	w.in("e.id", ids, false)
	q := t.entrySelect() + w.sql() + ` ORDER BY e.start_at DESC, e.created_at DESC, e.id DESC` + t.forUpdate("e")
	list, err := t.selectEntries(ctx, q, append([]any{workspaceID}, w.args...)...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: time entries by id in workspace %s: %w", workspaceID, err)
	}
	return list, nil
}

// TimeEntries returns one page of the user's entries matching f, newest
// start first, fetched with f.Page.Limit. Among equal starts the entry
// created last comes first, because ids sort only by their second and then
// by random bytes. clockify-cli's "last" (the list's first row) must be the
// entry it started last, even when two starts fall in one second.
func (t *Tx) TimeEntries(ctx context.Context, workspaceID, userID string, f domain.TimeEntryFilter) ([]domain.TimeEntry, error) {
	var w where
	w.add("e.workspace_id = ?", workspaceID)
	w.add("e.user_id = ?", userID)

	if f.Description != "" {
		w.add(`lower(e.description) LIKE ? ESCAPE '\'`, likePattern(f.Description))
	}
	if f.StartFrom != nil {
		w.add("e.start_at >= ?", millis(*f.StartFrom))
	}
	if f.StartBefore != nil {
		w.add("e.start_at < ?", millis(*f.StartBefore))
	}
	if f.ProjectID != "" {
		w.add("e.project_id = ?", f.ProjectID)
	}
	if f.TaskID != "" {
		w.add("e.task_id = ?", f.TaskID)
	}
	if len(f.TagIDs) > 0 {
		marks := strings.TrimSuffix(strings.Repeat("?,", len(f.TagIDs)), ",")
		args := make([]any, len(f.TagIDs))
		for i, id := range f.TagIDs {
			args[i] = id
		}
		w.add(`EXISTS (SELECT 1 FROM time_entry_tags g WHERE g.entry_id = e.id AND g.tag_id IN (`+marks+`))`, args...)
	}

	if f.ProjectRequired {
		w.add("e.project_id <> ''")
	}
	if f.TaskRequired {
		w.add("e.task_id <> ''")
	}
	if f.ProjectOrTask {
		w.add("(e.project_id <> '' OR e.task_id <> '')")
	}
	if f.Scope != nil {
		cond, args := entryScopeSQL(workspaceID, f.Scope)
		w.add(cond, args...)
	}
	if f.InProgress != nil {
		if *f.InProgress {
			w.add("e.end_at IS NULL")
		} else {
			w.add("e.end_at IS NOT NULL")
		}
	}

	const order = ` ORDER BY e.start_at DESC, e.created_at DESC, e.id DESC`
	q := t.entrySelect() + w.sql() + order + ` LIMIT ? OFFSET ?`
	if f.Page.Offset() > 0 {
		// Past the first page, the subquery finds the page's ids in
		// time_entries_user_start, which contains every sort column and the
		// id. PostgreSQL then skips the earlier rows with an index-only scan
		// instead of reading each one, and its tags, from the table (4,950
		// for page 100).
		q = t.entrySelect() + ` WHERE e.id IN (SELECT e.id FROM time_entries e` + w.sql() + order + ` LIMIT ? OFFSET ?)` + order
	}
	args := append([]any{workspaceID}, w.args...)
	list, err := t.selectEntries(ctx, q, append(args, f.Page.Limit(), f.Page.Offset())...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: time entries of user %s in workspace %s: %w", userID, workspaceID, err)
	}
	return list, nil
}

// RunningEntry returns the user's running entry in the workspace.
func (t *Tx) RunningEntry(ctx context.Context, workspaceID, userID string) (domain.TimeEntry, error) {
	q := t.entrySelect() + ` WHERE e.workspace_id = ? AND e.user_id = ? AND e.end_at IS NULL` + t.forUpdate("e")
	e, err := t.selectEntry(ctx, q, workspaceID, workspaceID, userID)
	if err != nil {
		return e, fmt.Errorf("sqlstore: running entry of user %s in workspace %s: %w", userID, workspaceID, err)
	}
	return e, nil
}

// RunningEntries returns one page of the workspace's running entries, newest
// start first, fetched with p.Limit.
func (t *Tx) RunningEntries(ctx context.Context, workspaceID string, p domain.Page) ([]domain.TimeEntry, error) {
	q := t.entrySelect() + ` WHERE e.workspace_id = ? AND e.end_at IS NULL
		ORDER BY e.start_at DESC, e.created_at DESC, e.id DESC LIMIT ? OFFSET ?`
	list, err := t.selectEntries(ctx, q, workspaceID, workspaceID, p.Limit(), p.Offset())
	if err != nil {
		return nil, fmt.Errorf("sqlstore: running entries of workspace %s: %w", workspaceID, err)
	}
	return list, nil
}

// CreateTimeEntry inserts e with its tags.
func (t *Tx) CreateTimeEntry(ctx context.Context, e domain.TimeEntry) error {
	const q = `INSERT INTO time_entries (id, workspace_id, user_id, description, project_id, task_id, billable,
		start_at, end_at, type, invoiced, created_at, hourly_rate, cost_rate)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	_, err := t.exec(ctx, q, e.ID, e.WorkspaceID, e.UserID, e.Description, e.ProjectID, e.TaskID, e.Billable,
		millis(e.Start), nullMillis(e.End), e.Type, e.Invoiced, millis(e.CreatedAt), nullRate(e.HourlyRate), nullRate(e.CostRate))
	if err == nil {
		err = t.insertEntryTags(ctx, e)
	}
	if err != nil {
		return fmt.Errorf("sqlstore: creating time entry %s: %w", e.ID, err)
	}
	return nil
}

// UpdateTimeEntry writes every field of e and replaces its tags.
func (t *Tx) UpdateTimeEntry(ctx context.Context, e domain.TimeEntry) error {
	const q = `UPDATE time_entries SET description = ?, project_id = ?, task_id = ?, billable = ?, start_at = ?,
		end_at = ?, type = ?, invoiced = ?, hourly_rate = ?, cost_rate = ? WHERE workspace_id = ? AND id = ?`
	err := t.execOne(ctx, q, e.Description, e.ProjectID, e.TaskID, e.Billable, millis(e.Start), nullMillis(e.End),
		e.Type, e.Invoiced, nullRate(e.HourlyRate), nullRate(e.CostRate), e.WorkspaceID, e.ID)
	if err == nil {
		_, err = t.exec(ctx, `DELETE FROM time_entry_tags WHERE entry_id = ?`, e.ID)
	}
	if err == nil {
		err = t.insertEntryTags(ctx, e)
	}
	if err != nil {
		return fmt.Errorf("sqlstore: updating time entry %s: %w", e.ID, err)
	}
	return nil
}

func (t *Tx) insertEntryTags(ctx context.Context, e domain.TimeEntry) error {
	for i, tagID := range e.TagIDs {
		_, err := t.exec(ctx, `INSERT INTO time_entry_tags (entry_id, tag_id, position) VALUES (?, ?, ?)`, e.ID, tagID, i)
		if err != nil {
			return err
		}
	}
	return nil
}

// DeleteTimeEntry deletes the entry. Its tag rows go with it by cascade.
func (t *Tx) DeleteTimeEntry(ctx context.Context, workspaceID, id string) error {
	if err := t.execOne(ctx, `DELETE FROM time_entries WHERE workspace_id = ? AND id = ?`, workspaceID, id); err != nil {
		return fmt.Errorf("sqlstore: deleting time entry %s: %w", id, err)
	}
	return nil
}

// LockTimer locks the user's membership row until the transaction ends, so
// that concurrent timer starts of one user run one after another. SQLite
// needs no lock: its single writer connection runs write transactions one at
// a time.
func (t *Tx) LockTimer(ctx context.Context, workspaceID, userID string) error {
	if !t.write || !t.db.dialect.RowLocks {
		return nil
	}
	const q = `SELECT 1 FROM members WHERE workspace_id = ? AND user_id = ? FOR UPDATE`
	rows, err := t.query(ctx, q, workspaceID, userID)
	if err != nil {
		return fmt.Errorf("sqlstore: locking the timer of user %s in workspace %s: %w", userID, workspaceID, err)
	}
	return rows.Close()
}

// entryScopeSQL is the condition that keeps the entries a scope makes
// visible: those on its projects and, with a viewer, those without a
// project, on the viewer's projects and, with Public, on public projects.
func entryScopeSQL(workspaceID string, s *domain.EntryScope) (string, []any) {
	var parts []string
	var args []any
	if len(s.ProjectIDs) > 0 {
		parts = append(parts, "e.project_id IN ("+strings.TrimSuffix(strings.Repeat("?,", len(s.ProjectIDs)), ",")+")")
		for _, id := range s.ProjectIDs {
			args = append(args, id)
		}
	}
	if s.ViewerID != "" {
		parts = append(parts, "e.project_id = ''", "e.project_id IN ("+memberProjectsSQL+")")
		args = append(args, s.ViewerID, s.ViewerID)
		if s.Public {
			parts = append(parts, "e.project_id IN (SELECT p.id FROM projects p WHERE p.workspace_id = ? AND p.public = ?)")
			args = append(args, workspaceID, true)
		}
	}
	if len(parts) == 0 {
		return "1 = 0", nil
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}
