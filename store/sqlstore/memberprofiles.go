package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/punchclock/punchclock/domain"
)

// MemberProfiles returns the stored profiles of the given members of the
// workspace. Members without a stored profile are left out.
func (t *Tx) MemberProfiles(ctx context.Context, workspaceID string, userIDs []string) ([]domain.MemberProfile, error) {
	if len(userIDs) == 0 {
		return nil, nil
	}
	var w where
	w.add("workspace_id = ?", workspaceID)
	w.in("user_id", userIDs, false)
	q := `SELECT workspace_id, user_id, work_capacity, working_days FROM member_profiles` + w.sql() + ` ORDER BY user_id`
	list, err := selectAll(ctx, t, scanProfile, q, w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: member profiles of workspace %s: %w", workspaceID, err)
	}
	return list, nil
}

// Work capacities are stored in whole seconds.
func scanProfile(s scanner) (domain.MemberProfile, error) {
	var p domain.MemberProfile
	var capacity sql.NullInt64
	var days sql.NullString
	if err := s.Scan(&p.WorkspaceID, &p.UserID, &capacity, &days); err != nil {
		return p, err
	}
	if capacity.Valid {
		c := seconds(capacity.Int64)
		p.WorkCapacity = &c
	}
	if days.Valid {
		p.WorkingDays = []string{}
		if err := fromJSONText(days.String, &p.WorkingDays); err != nil {
			return p, err
		}
	}
	return p, nil
}

// SaveMemberProfile inserts or replaces a member's profile.
func (t *Tx) SaveMemberProfile(ctx context.Context, p domain.MemberProfile) error {
	var capacity sql.NullInt64
	if p.WorkCapacity != nil {
		capacity = sql.NullInt64{Int64: int64(*p.WorkCapacity / time.Second), Valid: true}
	}
	var days sql.NullString
	var err error
	if p.WorkingDays != nil {
		days.String, err = jsonText(p.WorkingDays)
		days.Valid = true
	}
	if err == nil {
		const q = `INSERT INTO member_profiles (workspace_id, user_id, work_capacity, working_days) VALUES (?, ?, ?, ?)
			ON CONFLICT (workspace_id, user_id) DO UPDATE SET work_capacity = excluded.work_capacity,
			working_days = excluded.working_days`
		_, err = t.exec(ctx, q, p.WorkspaceID, p.UserID, capacity, days)
	}
	if err != nil {
		return fmt.Errorf("sqlstore: saving member profile of %s in workspace %s: %w", p.UserID, p.WorkspaceID, err)
	}
	return nil
}
