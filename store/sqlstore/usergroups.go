package sqlstore

import (
	"context"
	"fmt"

	"github.com/punchclock/punchclock/domain"
)

const userGroupColumns = `ug.id, ug.workspace_id, ug.name, ug.created_at`

func scanUserGroup(s scanner) (domain.UserGroup, error) {
	var g domain.UserGroup
	var created int64
	err := s.Scan(&g.ID, &g.WorkspaceID, &g.Name, &created)
	g.CreatedAt = fromMillis(created)
	g.UserIDs = []string{}
	return g, err
}

// UserGroup returns the group with the given id in the workspace, with its members.
func (t *Tx) UserGroup(ctx context.Context, workspaceID, id string) (domain.UserGroup, error) {
	q := `SELECT ` + userGroupColumns + ` FROM user_groups ug WHERE ug.workspace_id = ? AND ug.id = ?` + t.forUpdate("ug")
	g, err := scanUserGroup(t.queryRow(ctx, q, workspaceID, id))
	if err != nil {
		return g, fmt.Errorf("sqlstore: user group %s: %w", id, notFound(err))
	}
	list := []domain.UserGroup{g}
	if err := t.loadGroupMembers(ctx, list); err != nil {
		return g, err
	}
	return list[0], nil
}

var userGroupSort = map[string]string{
	"ID":   "ug.id",
	"NAME": "lower(ug.name)",
}

// UserGroups returns one page of the workspace's groups matching f.
func (t *Tx) UserGroups(ctx context.Context, workspaceID string, f domain.UserGroupFilter) ([]domain.UserGroup, error) {
	var w where
	w.add("ug.workspace_id = ?", workspaceID)
	if f.Name != "" {
		w.add(`lower(ug.name) LIKE ? ESCAPE '\'`, likePattern(f.Name))
	}
	if f.ProjectID != "" {
		w.add("ug.id IN (SELECT pg.group_id FROM project_groups pg WHERE pg.project_id = ?)", f.ProjectID)
	}
	order, ok := userGroupSort[f.SortColumn]
	if !ok {
		order = userGroupSort["NAME"]
	}
	dir := sortDir(f.SortOrder)
	q := `SELECT ` + userGroupColumns + ` FROM user_groups ug` + w.sql() +
		` ORDER BY ` + order + ` ` + dir + `, ug.id ` + dir + ` LIMIT ? OFFSET ?`
	list, err := selectAll(ctx, t, scanUserGroup, q, append(w.args, f.Page.Limit(), f.Page.Offset())...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: user groups of workspace %s: %w", workspaceID, err)
	}
	if err := t.loadGroupMembers(ctx, list); err != nil {
		return nil, err
	}
	return list, nil
}

// UserGroupsByID returns the groups with the given ids, with their members.
func (t *Tx) UserGroupsByID(ctx context.Context, workspaceID string, ids []string) ([]domain.UserGroup, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var w where
	w.add("ug.workspace_id = ?", workspaceID)
	w.in("ug.id", ids, false)
	list, err := selectAll(ctx, t, scanUserGroup, `SELECT `+userGroupColumns+` FROM user_groups ug`+w.sql()+` ORDER BY ug.id`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: %d user groups by id: %w", len(ids), err)
	}
	if err := t.loadGroupMembers(ctx, list); err != nil {
		return nil, err
	}
	return list, nil
}

// GroupsOfUser returns the ids of the workspace's groups the user belongs to.
func (t *Tx) GroupsOfUser(ctx context.Context, workspaceID, userID string) ([]string, error) {
	const q = `SELECT ug.id FROM user_groups ug JOIN user_group_members gm ON gm.group_id = ug.id
		WHERE ug.workspace_id = ? AND gm.user_id = ? ORDER BY ug.id`
	ids, err := selectAll(ctx, t, scanString, q, workspaceID, userID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: groups of user %s: %w", userID, err)
	}
	return ids, nil
}

func scanString(s scanner) (string, error) {
	var v string
	err := s.Scan(&v)
	return v, err
}

// loadGroupMembers fills the UserIDs of the groups with one query.
func (t *Tx) loadGroupMembers(ctx context.Context, groups []domain.UserGroup) error {
	if len(groups) == 0 {
		return nil
	}
	ids := make([]string, len(groups))
	index := make(map[string]int, len(groups))
	for i, g := range groups {
		ids[i] = g.ID
		index[g.ID] = i
	}
	var w where
	w.in("gm.group_id", ids, false)
	rows, err := t.query(ctx, `SELECT gm.group_id, gm.user_id FROM user_group_members gm`+w.sql()+
		` ORDER BY gm.group_id, gm.position, gm.user_id`, w.args...)
	if err != nil {
		return fmt.Errorf("sqlstore: members of %d user groups: %w", len(ids), err)
	}
	defer rows.Close()
	for rows.Next() {
		var groupID, userID string
		if err := rows.Scan(&groupID, &userID); err != nil {
			return err
		}
		i := index[groupID]
		groups[i].UserIDs = append(groups[i].UserIDs, userID)
	}
	return rows.Err()
}

// CreateUserGroup inserts g with its members.
func (t *Tx) CreateUserGroup(ctx context.Context, g domain.UserGroup) error {
	const q = `INSERT INTO user_groups (id, workspace_id, name, created_at) VALUES (?, ?, ?, ?)`
	if _, err := t.exec(ctx, q, g.ID, g.WorkspaceID, g.Name, millis(g.CreatedAt)); err != nil {
		return fmt.Errorf("sqlstore: creating user group %s: %w", g.ID, err)
	}
	return t.writeGroupMembers(ctx, g)
}

// UpdateUserGroup writes the name and members of g.
func (t *Tx) UpdateUserGroup(ctx context.Context, g domain.UserGroup) error {
	const q = `UPDATE user_groups SET name = ? WHERE workspace_id = ? AND id = ?`
	if err := t.execOne(ctx, q, g.Name, g.WorkspaceID, g.ID); err != nil {
		return fmt.Errorf("sqlstore: updating user group %s: %w", g.ID, err)
	}
	if _, err := t.exec(ctx, `DELETE FROM user_group_members WHERE group_id = ?`, g.ID); err != nil {
		return fmt.Errorf("sqlstore: clearing members of user group %s: %w", g.ID, err)
	}
	return t.writeGroupMembers(ctx, g)
}

func (t *Tx) writeGroupMembers(ctx context.Context, g domain.UserGroup) error {
	for i, userID := range g.UserIDs {
		const q = `INSERT INTO user_group_members (group_id, user_id, position) VALUES (?, ?, ?)`
		if _, err := t.exec(ctx, q, g.ID, userID, i); err != nil {
			return fmt.Errorf("sqlstore: adding user %s to group %s: %w", userID, g.ID, err)
		}
	}
	return nil
}

// DeleteUserGroup deletes the group and its member list.
func (t *Tx) DeleteUserGroup(ctx context.Context, workspaceID, id string) error {
	if err := t.execOne(ctx, `DELETE FROM user_groups WHERE workspace_id = ? AND id = ?`, workspaceID, id); err != nil {
		return fmt.Errorf("sqlstore: deleting user group %s: %w", id, err)
	}
	return nil
}
