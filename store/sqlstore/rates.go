package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/punchclock/punchclock/domain"
)

// Rate kinds as the rate_changes table names them.
const (
	kindHourly = "HOURLY"
	kindCost   = "COST"
)

func kindText(k domain.RateKind) string {
	if k == domain.CostRate {
		return kindCost
	}
	return kindHourly
}

func fromKindText(s string) domain.RateKind {
	if s == kindCost {
		return domain.CostRate
	}
	return domain.HourlyRate
}

func scanRateRecord(s scanner) (domain.RateRecord, error) {
	var r domain.RateRecord
	var kind, level string
	var since int64
	var amount sql.NullInt64
	err := s.Scan(&r.WorkspaceID, &kind, &level, &r.UserID, &r.ProjectID, &r.TaskID, &since, &amount)
	r.Kind, r.Level, r.Since = fromKindText(kind), domain.RateLevel(level), fromMillis(since)
	if amount.Valid {
		r.Amount = &amount.Int64
	}
	return r, err
}

// RateRecords returns the workspace's rate records that s selects.
func (t *Tx) RateRecords(ctx context.Context, workspaceID string, s domain.RateScope) ([]domain.RateRecord, error) {
	var w where
	w.add("workspace_id = ?", workspaceID)
	if !s.All {
		conds := "level = ?"
		args := []any{string(domain.LevelWorkspace)}
		if len(s.UserIDs) > 0 {
			var users where
			users.in("user_id", s.UserIDs, false)
			conds += " OR (level = ? AND " + users.conds[0] + ")"
			args = append(append(args, string(domain.LevelMember)), users.args...)
		}
		if len(s.ProjectIDs) > 0 {
			var projects where
			projects.in("project_id", s.ProjectIDs, false)
			conds += " OR (level <> ? AND " + projects.conds[0] + ")"
			args = append(append(args, string(domain.LevelMember)), projects.args...)
		}
		w.add("("+conds+")", args...)
	}
	q := `SELECT workspace_id, kind, level, user_id, project_id, task_id, since_at, amount FROM rate_changes` + w.sql()
	list, err := selectAll(ctx, t, scanRateRecord, q, w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: rate history of workspace %s: %w", workspaceID, err)
	}
	return list, nil
}

// PutRateRecord stores r, replacing the record of the same rate and Since.
func (t *Tx) PutRateRecord(ctx context.Context, r domain.RateRecord) error {
	const q = `INSERT INTO rate_changes (workspace_id, kind, level, user_id, project_id, task_id, since_at, amount)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (workspace_id, level, user_id, project_id, task_id, kind, since_at)
		DO UPDATE SET amount = excluded.amount`
	var amount sql.NullInt64
	if r.Amount != nil {
		amount = sql.NullInt64{Int64: *r.Amount, Valid: true}
	}
	_, err := t.exec(ctx, q, r.WorkspaceID, kindText(r.Kind), string(r.Level), r.UserID, r.ProjectID, r.TaskID,
		millis(r.Since), amount)
	if err != nil {
		return fmt.Errorf("sqlstore: recording %s rate of %s: %w", kindText(r.Kind), r.Level, err)
	}
	return nil
}

// ScanEntriesForRates streams the entries f selects to fn, with the fields
// that rate resolution reads. fn must not use the transaction, because a
// PostgreSQL connection runs one statement at a time.
func (t *Tx) ScanEntriesForRates(ctx context.Context, workspaceID string, f domain.EntryRateFilter, fn func(domain.TimeEntry) error) error {
	var w where
	w.add("e.workspace_id = ?", workspaceID)
	w.add("e.start_at >= ?", millis(f.From))
	if f.Before != nil {
		w.add("e.start_at < ?", millis(*f.Before))
	}
	if f.UserID != "" {
		w.add("e.user_id = ?", f.UserID)
	}
	if f.ProjectID != "" {
		w.add("e.project_id = ?", f.ProjectID)
		w.add("e.project_id <> ''") // selects the partial project index
	}
	if f.TaskID != "" {
		w.add("e.task_id = ?", f.TaskID)
	}

	q := `SELECT e.id, e.user_id, e.project_id, e.task_id, e.start_at, e.hourly_rate, e.cost_rate
		FROM time_entries e` + w.sql()
	rows, err := t.query(ctx, q, w.args...)
	if err != nil {
		return fmt.Errorf("sqlstore: entries for rates in workspace %s: %w", workspaceID, err)
	}
	defer rows.Close()
	for rows.Next() {
		e := domain.TimeEntry{WorkspaceID: workspaceID}
		var start int64
		var hourly, cost sql.NullInt64
		if err := rows.Scan(&e.ID, &e.UserID, &e.ProjectID, &e.TaskID, &start, &hourly, &cost); err != nil {
			return fmt.Errorf("sqlstore: entries for rates in workspace %s: %w", workspaceID, err)
		}
		e.Start = fromMillis(start)
		e.HourlyRate, e.CostRate = fromNullRate(hourly, ""), fromNullRate(cost, "")
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlstore: entries for rates in workspace %s: %w", workspaceID, err)
	}
	return nil
}

// SetEntryRates writes the resolved rates of the entries with the given ids.
// The statement selects rows by id alone: with a workspace condition beside
// it, SQLite, which keeps no table statistics, would scan the workspace's
// entries through the (workspace_id, user_id, start_at) index for every
// batch. The ids come from ScanEntriesForRates on the same workspace.
func (t *Tx) SetEntryRates(ctx context.Context, workspaceID string, ids []string, hourly, cost *int64) error {
	if len(ids) == 0 {
		return nil
	}
	var w where
	w.in("id", ids, false)
	q := `UPDATE time_entries SET hourly_rate = ?, cost_rate = ?` + w.sql()
	args := append([]any{nullAmount(hourly), nullAmount(cost)}, w.args...)
	if _, err := t.exec(ctx, q, args...); err != nil {
		return fmt.Errorf("sqlstore: writing rates of %d entries in workspace %s: %w", len(ids), workspaceID, err)
	}
	return nil
}

func nullAmount(a *int64) sql.NullInt64 {
	if a == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: *a, Valid: true}
}

// LockRates locks the workspace row, FOR UPDATE when exclusive and FOR
// SHARE otherwise, so that rate changes run one at a time and wait for the
// entry writes under way, which wait for them in turn. SQLite needs no lock:
// its single writer connection runs write transactions one at a time.
func (t *Tx) LockRates(ctx context.Context, workspaceID string, exclusive bool) error {
	if !t.write || !t.db.dialect.RowLocks {
		return nil
	}
	q := `SELECT 1 FROM workspaces WHERE id = ? FOR SHARE`
	if exclusive {
		q = `SELECT 1 FROM workspaces WHERE id = ? FOR UPDATE`
	}
	rows, err := t.query(ctx, q, workspaceID)
	if err != nil {
		return fmt.Errorf("sqlstore: locking the rates of workspace %s: %w", workspaceID, err)
	}
	return rows.Close()
}
