package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/punchclock/punchclock/domain"
)

const memberColumns = `m.workspace_id, m.user_id, m.role, m.status, m.hourly_rate, m.cost_rate, m.created_at, w.currency, ` + userColumns

const memberFrom = ` FROM members m JOIN users u ON u.id = m.user_id JOIN workspaces w ON w.id = m.workspace_id`

func scanMember(s scanner) (domain.Member, error) {
	var m domain.Member
	var hourly, cost sql.NullInt64
	var created, userCreated int64
	var currency string
	u := &m.User
	err := s.Scan(&m.WorkspaceID, &m.UserID, &m.Role, &m.Status, &hourly, &cost, &created, &currency,
		&u.ID, &u.Email, &u.Name, &u.ProfilePicture, &u.Status, &u.TimeZone, &u.WeekStart,
		&u.DefaultWorkspace, &u.ActiveWorkspace, &userCreated)
	m.HourlyRate = fromNullRate(hourly, currency)
	m.CostRate = fromNullRate(cost, currency)
	m.CreatedAt = fromMillis(created)
	u.CreatedAt = fromMillis(userCreated)
	return m, err
}

// Member returns the user's membership of the workspace.
func (t *Tx) Member(ctx context.Context, workspaceID, userID string) (domain.Member, error) {
	q := `SELECT ` + memberColumns + memberFrom + ` WHERE m.workspace_id = ? AND m.user_id = ?` + t.forUpdate("m")
	m, err := scanMember(t.queryRow(ctx, q, workspaceID, userID))
	if err != nil {
		return m, fmt.Errorf("sqlstore: member %s of workspace %s: %w", userID, workspaceID, notFound(err))
	}
	return m, nil
}

// CreateMember inserts m.
func (t *Tx) CreateMember(ctx context.Context, m domain.Member) error {
	const q = `INSERT INTO members (workspace_id, user_id, role, status, hourly_rate, cost_rate, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`
	_, err := t.exec(ctx, q, m.WorkspaceID, m.UserID, m.Role, m.Status, nullRate(m.HourlyRate), nullRate(m.CostRate), millis(m.CreatedAt))
	if err != nil {
		return fmt.Errorf("sqlstore: creating member %s of workspace %s: %w", m.UserID, m.WorkspaceID, err)
	}
	return nil
}

// UpdateMember writes the role, status and rates of m.
func (t *Tx) UpdateMember(ctx context.Context, m domain.Member) error {
	const q = `UPDATE members SET role = ?, status = ?, hourly_rate = ?, cost_rate = ? WHERE workspace_id = ? AND user_id = ?`
	if err := t.execOne(ctx, q, m.Role, m.Status, nullRate(m.HourlyRate), nullRate(m.CostRate), m.WorkspaceID, m.UserID); err != nil {
		return fmt.Errorf("sqlstore: updating member %s of workspace %s: %w", m.UserID, m.WorkspaceID, err)
	}
	return nil
}

// roleCondition returns the condition that matches members whose workspace role is one of roles or
// who hold one of the manager roles on any entity.
func roleCondition(workspaceID string, roles, managerRoles []domain.Role) (string, []any) {
	var parts []string
	var args []any
	if len(roles) > 0 {
		var w where
		w.in("m.role", roleNames(roles), false)
		parts, args = append(parts, w.conds[0]), append(args, w.args...)
	}
	if len(managerRoles) > 0 {
		var w where
		w.add("r.workspace_id = ?", workspaceID)
		w.in("r.role", roleNames(managerRoles), false)
		parts = append(parts, "m.user_id IN (SELECT r.user_id FROM member_roles r"+w.sql()+")")
		args = append(args, w.args...)
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

func roleNames(roles []domain.Role) []string {
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = string(r)
	}
	return out
}

// memberSort maps the API's sort columns to SQL. Ties break by user id so
// that pages never overlap.
var memberSort = map[string]string{
	"ID":             "u.id",
	"EMAIL":          "lower(u.email)",
	"NAME":           "u.name",
	"NAME_LOWERCASE": "lower(u.name)",
	"ACCESS":         "m.role",
	"HOURLYRATE":     "COALESCE(m.hourly_rate, w.hourly_rate)",
	"COSTRATE":       "COALESCE(m.cost_rate, w.cost_rate, 0)",
}

// Members returns one page of the workspace's members matching f.
func (t *Tx) Members(ctx context.Context, workspaceID string, f domain.MemberFilter) ([]domain.Member, error) {
	var w where
	w.add("m.workspace_id = ?", workspaceID)
	if f.Email != "" {
		w.add(`lower(u.email) LIKE ? ESCAPE '\'`, likePattern(f.Email))
	}
	if f.Name != "" {
		w.add(`lower(u.name) LIKE ? ESCAPE '\'`, likePattern(f.Name))
	}
	if f.ProjectID != "" {
		// Users of a member group have access as direct members do.
		w.add(`m.user_id IN (SELECT pm.user_id FROM project_members pm WHERE pm.project_id = ?
			UNION SELECT gm.user_id FROM project_groups pg JOIN user_group_members gm ON gm.group_id = pg.group_id
			WHERE pg.project_id = ?)`, f.ProjectID, f.ProjectID)
	}
	if len(f.Statuses) > 0 {
		w.in("m.status", f.Statuses, false)
	}
	if len(f.Accounts) > 0 {
		w.in("u.status", f.Accounts, false)
	}
	if len(f.Roles) > 0 || len(f.ManagerRoles) > 0 {
		cond, args := roleCondition(workspaceID, f.Roles, f.ManagerRoles)
		w.add(cond, args...)
	}
	switch {
	case f.GroupIDs == nil:
	case len(f.GroupIDs) == 0:
		w.add("1 = 0")
	default:
		var groups where
		groups.in("gm.group_id", f.GroupIDs, false)
		w.add(`m.user_id IN (SELECT gm.user_id FROM user_group_members gm`+groups.sql()+`)`, groups.args...)
	}
	order, ok := memberSort[f.SortColumn]
	if !ok {
		order = memberSort["EMAIL"]
	}
	dir := sortDir(f.SortOrder)
	q := `SELECT ` + memberColumns + memberFrom + w.sql() +
		` ORDER BY ` + order + ` ` + dir + `, u.id ` + dir + ` LIMIT ? OFFSET ?`
	list, err := selectAll(ctx, t, scanMember, q, append(w.args, f.Page.Limit(), f.Page.Offset())...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: members of workspace %s: %w", workspaceID, err)
	}
	return list, nil
}

// MembersOfUser returns the user's memberships of all workspaces, oldest first.
func (t *Tx) MembersOfUser(ctx context.Context, userID string) ([]domain.Member, error) {
	q := `SELECT ` + memberColumns + memberFrom + ` WHERE m.user_id = ? ORDER BY m.created_at, m.workspace_id`
	list, err := selectAll(ctx, t, scanMember, q, userID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: memberships of user %s: %w", userID, err)
	}
	return list, nil
}
