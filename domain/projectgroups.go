package domain

import (
	"context"
	"slices"
)

// Values of GroupMembershipChange.Contains.
const (
	GroupsContain       = "CONTAINS"
	GroupsDoNotContain  = "DOES_NOT_CONTAIN"
	groupStatusAll      = "ALL"
	groupStatusActive   = "ACTIVE"
	groupStatusInactive = "INACTIVE"
)

// GroupMembershipChange is the userGroups object of the project membership
// routes. With Contains CONTAINS, the groups in IDs become members: added to
// the current ones by POST, replacing them by PATCH, or taken out by POST
// with remove set. With DOES_NOT_CONTAIN, the groups in IDs stop being
// members.
type GroupMembershipChange struct {
	Contains string
	IDs      []string
	// Status is checked against ALL, ACTIVE and INACTIVE.
	//
	// NOTE: Status has no effect. A group gives every one of its users the
	// access of a member, whatever their workspace status, and inactive
	// users cannot call the API anyway.
	Status string
}

// check validates the change and returns its ids without repeats.
func (c GroupMembershipChange) check() ([]string, error) {
	if c.Contains != "" {
		if err := oneOf("userGroups.contains", c.Contains, []string{GroupsContain, GroupsDoNotContain}); err != nil {
			return nil, err
		}
	}
	if c.Status != "" {
		if err := oneOf("userGroups.status", c.Status, []string{groupStatusAll, groupStatusActive, groupStatusInactive}); err != nil {
			return nil, err
		}
	}
	return checkUserGroups(c.IDs)
}

// applyGroupChange changes the user group members of p as GroupMembershipChange
// describes. replace is set for PATCH and remove for POST with remove set.
func applyGroupChange(ctx context.Context, tx Tx, workspaceID string, p *Project, c GroupMembershipChange, replace, remove bool) error {
	ids, err := c.check()
	if err != nil {
		return err
	}
	if c.Contains == GroupsDoNotContain || remove {
		p.Groups = slices.DeleteFunc(p.Groups, func(g ProjectGroup) bool { return slices.Contains(ids, g.GroupID) })
		return nil
	}
	if err := userGroupsExist(ctx, tx, workspaceID, ids); err != nil {
		return err
	}
	if replace {
		p.Groups = nil
	}
	for _, id := range ids {
		if !slices.Contains(p.GroupIDs(), id) {
			p.Groups = append(p.Groups, ProjectGroup{GroupID: id})
		}
	}
	return nil
}
