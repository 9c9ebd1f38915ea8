package sqlstore

import (
	"context"
	"fmt"

	"github.com/punchclock/punchclock/domain"
)

const roleColumns = `r.workspace_id, r.user_id, r.role, r.entity_id, r.source_type`

func scanRole(s scanner) (domain.RoleGrant, error) {
	var g domain.RoleGrant
	err := s.Scan(&g.WorkspaceID, &g.UserID, &g.Role, &g.EntityID, &g.SourceType)
	return g, err
}

// RolesOf returns the manager roles the user holds in the workspace.
func (t *Tx) RolesOf(ctx context.Context, workspaceID, userID string) ([]domain.RoleGrant, error) {
	q := `SELECT ` + roleColumns + ` FROM member_roles r WHERE r.workspace_id = ? AND r.user_id = ?
		ORDER BY r.role, r.entity_id`
	list, err := selectAll(ctx, t, scanRole, q, workspaceID, userID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: roles of user %s in workspace %s: %w", userID, workspaceID, err)
	}
	return list, nil
}

// RolesOn returns the manager roles held on any of the entities.
func (t *Tx) RolesOn(ctx context.Context, workspaceID string, entityIDs []string) ([]domain.RoleGrant, error) {
	if len(entityIDs) == 0 {
		return nil, nil
	}
	var w where
	w.add("r.workspace_id = ?", workspaceID)
	w.in("r.entity_id", entityIDs, false)
	q := `SELECT ` + roleColumns + ` FROM member_roles r` + w.sql() + ` ORDER BY r.user_id, r.role, r.entity_id`
	list, err := selectAll(ctx, t, scanRole, q, w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: roles on %d entities in workspace %s: %w", len(entityIDs), workspaceID, err)
	}
	return list, nil
}

// CreateRole stores g unless the same grant exists.
func (t *Tx) CreateRole(ctx context.Context, g domain.RoleGrant) error {
	const q = `INSERT INTO member_roles (workspace_id, user_id, role, entity_id, source_type) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (workspace_id, user_id, role, entity_id) DO NOTHING`
	if _, err := t.exec(ctx, q, g.WorkspaceID, g.UserID, g.Role, g.EntityID, g.SourceType); err != nil {
		return fmt.Errorf("sqlstore: granting %s on %s to %s: %w", g.Role, g.EntityID, g.UserID, err)
	}
	return nil
}

// DeleteRole removes g, returning domain.ErrNotFound when it did not exist.
func (t *Tx) DeleteRole(ctx context.Context, g domain.RoleGrant) error {
	const q = `DELETE FROM member_roles WHERE workspace_id = ? AND user_id = ? AND role = ? AND entity_id = ?`
	if err := t.execOne(ctx, q, g.WorkspaceID, g.UserID, g.Role, g.EntityID); err != nil {
		return fmt.Errorf("sqlstore: revoking %s on %s from %s: %w", g.Role, g.EntityID, g.UserID, err)
	}
	return nil
}

// DeleteRolesOn removes every grant on the entity.
func (t *Tx) DeleteRolesOn(ctx context.Context, workspaceID, entityID string) error {
	const q = `DELETE FROM member_roles WHERE workspace_id = ? AND entity_id = ?`
	if _, err := t.exec(ctx, q, workspaceID, entityID); err != nil {
		return fmt.Errorf("sqlstore: revoking roles on %s: %w", entityID, err)
	}
	return nil
}
