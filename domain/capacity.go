package domain

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// CapacityFilter selects the members whose capacity the scheduling totals
// list. Zero fields do not filter.
type CapacityFilter struct {
	Search string // substring of the name or email, case-insensitive
	// UserIDs with UserMatch CONTAINS or CONTAINS_ONLY keep only these
	// members, and with DOES_NOT_CONTAIN leave them out.
	UserIDs   []string
	UserMatch string
	// GroupIDs do the same by user group membership, with GroupMatch.
	GroupIDs   []string
	GroupMatch string
	Statuses   []string // membership statuses; empty means ACTIVE
	Page       Page
}

// MemberCapacity is one member's daily capacity as the scheduling totals
// show it.
type MemberCapacity struct {
	Member      Member
	PerDay      time.Duration
	WorkingDays []string
}

// CapacityTotals returns one page of the members f selects, sorted by name,
// with their daily capacity, and whether it is the last page. Admins see
// every member, and other members themselves and the members they manage
// as team managers.
func (s *Service) CapacityTotals(ctx context.Context, a Actor, f CapacityFilter) ([]MemberCapacity, bool, error) {
	var out []MemberCapacity
	last := true
	err := s.store.View(ctx, func(tx Tx) error {
		statuses := f.Statuses
		if len(statuses) == 0 {
			statuses = []string{MembershipActive}
		}
		members, err := tx.Members(ctx, a.Workspace.ID, MemberFilter{Statuses: statuses,
			SortColumn: "NAME_LOWERCASE", SortOrder: Ascending, Page: allRows})
		if err != nil {
			return err
		}
		groups, err := groupsByUser(ctx, tx, a.Workspace.ID, f.GroupIDs)
		if err != nil {
			return err
		}
		members = slices.DeleteFunc(members, func(m Member) bool {
			return !a.seesCapacityOf(m.UserID) || !f.match(m, groups[m.UserID])
		})
		page, isLast := Cut(members[min(f.Page.Offset(), len(members)):], f.Page)
		last = isLast

		ids := make([]string, len(page))
		for i, m := range page {
			ids[i] = m.UserID
		}
		profiles, err := tx.MemberProfiles(ctx, a.Workspace.ID, ids)
		if err != nil {
			return err
		}
		for _, m := range page {
			p := MemberProfile{UserID: m.UserID}
			if i := slices.IndexFunc(profiles, func(p MemberProfile) bool { return p.UserID == m.UserID }); i >= 0 {
				p = profiles[i]
			}
			out = append(out, MemberCapacity{Member: m, PerDay: capacityOf(a.Workspace, p).PerDay,
				WorkingDays: workingDaysOf(a.Workspace, p)})
		}
		return nil
	})
	if err != nil {
		return nil, false, fmt.Errorf("list capacity totals of %s: %w", a.Workspace.ID, err)
	}
	return out, last, nil
}

// UserCapacity returns one member's daily capacity, for the scheduling
// totals of a single user.
func (s *Service) UserCapacity(ctx context.Context, a Actor, userID string) (MemberCapacity, error) {
	if !a.seesCapacityOf(userID) {
		return MemberCapacity{}, ErrAccessDenied
	}
	var out MemberCapacity
	err := s.store.View(ctx, func(tx Tx) error {
		m, err := workspaceMember(ctx, tx, a.Workspace.ID, userID)
		if err != nil {
			return err
		}
		p, err := storedProfile(ctx, tx, a.Workspace.ID, userID)
		out = MemberCapacity{Member: m, PerDay: capacityOf(a.Workspace, p).PerDay, WorkingDays: workingDaysOf(a.Workspace, p)}
		return err
	})
	if err != nil {
		return MemberCapacity{}, fmt.Errorf("get capacity of user %s: %w", userID, err)
	}
	return out, nil
}

// seesCapacityOf reports whether the actor may see userID's capacity: their
// own, that of members they manage, and for admins anyone's.
func (a Actor) seesCapacityOf(userID string) bool {
	return userID == a.User.ID || a.ManagesUser(userID)
}

// groupsByUser returns, by user id, which of the given groups each user
// belongs to. It reads nothing when groupIDs is empty.
func groupsByUser(ctx context.Context, tx Tx, workspaceID string, groupIDs []string) (map[string][]string, error) {
	if len(groupIDs) == 0 {
		return nil, nil
	}
	groups, err := tx.UserGroupsByID(ctx, workspaceID, groupIDs)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, g := range groups {
		for _, userID := range g.UserIDs {
			out[userID] = append(out[userID], g.ID)
		}
	}
	return out, nil
}

func (f CapacityFilter) match(m Member, groups []string) bool {
	if f.Search != "" {
		search := strings.ToLower(f.Search)
		if !strings.Contains(strings.ToLower(m.User.Name), search) && !strings.Contains(strings.ToLower(m.User.Email), search) {
			return false
		}
	}
	if len(f.UserIDs) > 0 && slices.Contains(f.UserIDs, m.UserID) == (f.UserMatch == "DOES_NOT_CONTAIN") {
		return false
	}
	if len(f.GroupIDs) > 0 && (len(groups) > 0) == (f.GroupMatch == "DOES_NOT_CONTAIN") {
		return false
	}
	return true
}
