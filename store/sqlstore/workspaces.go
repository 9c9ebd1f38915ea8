package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/punchclock/punchclock/domain"
)

const workspaceColumns = `w.id, w.name, w.image_url, w.currency, w.hourly_rate, w.cost_rate, w.settings, w.created_at`

func scanWorkspace(s scanner) (domain.Workspace, error) {
	var w domain.Workspace
	var cost sql.NullInt64
	var settings string
	var created int64
	if err := s.Scan(&w.ID, &w.Name, &w.ImageURL, &w.Currency, &w.HourlyRate.Amount, &cost, &settings, &created); err != nil {
		return w, err
	}
	w.HourlyRate.Currency = w.Currency
	w.CostRate = fromNullRate(cost, w.Currency)
	w.CreatedAt = fromMillis(created)
	w.Settings = domain.DefaultWorkspaceSettings()
	return w, fromJSONText(settings, &w.Settings)
}

// Workspace returns the workspace with the given id.
func (t *Tx) Workspace(ctx context.Context, id string) (domain.Workspace, error) {
	w, err := scanWorkspace(t.queryRow(ctx, `SELECT `+workspaceColumns+` FROM workspaces w WHERE w.id = ?`+t.forUpdate("w"), id))
	if err != nil {
		return w, fmt.Errorf("sqlstore: workspace %s: %w", id, notFound(err))
	}
	return w, nil
}

// CreateWorkspace inserts w.
func (t *Tx) CreateWorkspace(ctx context.Context, w domain.Workspace) error {
	settings, err := jsonText(w.Settings)
	if err != nil {
		return err
	}
	const q = `INSERT INTO workspaces (id, name, image_url, currency, hourly_rate, cost_rate, settings, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	_, err = t.exec(ctx, q, w.ID, w.Name, w.ImageURL, w.Currency, w.HourlyRate.Amount, nullRate(w.CostRate), settings, millis(w.CreatedAt))
	if err != nil {
		return fmt.Errorf("sqlstore: creating workspace %s: %w", w.ID, err)
	}
	return nil
}

// UpdateWorkspace writes every field of w.
func (t *Tx) UpdateWorkspace(ctx context.Context, w domain.Workspace) error {
	settings, err := jsonText(w.Settings)
	if err != nil {
		return err
	}
	const q = `UPDATE workspaces SET name = ?, image_url = ?, currency = ?, hourly_rate = ?, cost_rate = ?, settings = ?
		WHERE id = ?`
	if err := t.execOne(ctx, q, w.Name, w.ImageURL, w.Currency, w.HourlyRate.Amount, nullRate(w.CostRate), settings, w.ID); err != nil {
		return fmt.Errorf("sqlstore: updating workspace %s: %w", w.ID, err)
	}
	return nil
}

// WorkspacesOf returns the workspaces where the user is a member, oldest first.
func (t *Tx) WorkspacesOf(ctx context.Context, userID string) ([]domain.Workspace, error) {
	const q = `SELECT ` + workspaceColumns + ` FROM workspaces w JOIN members m ON m.workspace_id = w.id
		WHERE m.user_id = ? ORDER BY w.created_at, w.id`
	list, err := selectAll(ctx, t, scanWorkspace, q, userID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: workspaces of user %s: %w", userID, err)
	}
	return list, nil
}

// FirstWorkspace returns the oldest workspace.
func (t *Tx) FirstWorkspace(ctx context.Context) (domain.Workspace, error) {
	w, err := scanWorkspace(t.queryRow(ctx, `SELECT `+workspaceColumns+` FROM workspaces w ORDER BY w.created_at, w.id LIMIT 1`))
	if err != nil {
		return w, fmt.Errorf("sqlstore: first workspace: %w", notFound(err))
	}
	return w, nil
}
