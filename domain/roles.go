package domain

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Role names of the roles routes and of the roles filter of GET /workspaces.
const (
	RoleNameOwner          = "OWNER"
	RoleNameAdmin          = "WORKSPACE_ADMIN"
	RoleNameTeamManager    = string(RoleTeamManager)
	RoleNameProjectManager = string(RoleProjectManager)
)

// RoleChange is the body of POST and DELETE /users/{userId}/roles.
type RoleChange struct {
	Role       string // WORKSPACE_ADMIN, TEAM_MANAGER or PROJECT_MANAGER
	EntityID   string // the workspace, a user or user group, or a project
	SourceType string // USER_GROUP when EntityID names a user group, or ""
}

// RoleDetail is one role of a member, as the roles routes and the
// include-roles member lists show it.
type RoleDetail struct {
	UserID      string
	WorkspaceID string
	Role        string // OWNER, WORKSPACE_ADMIN, TEAM_MANAGER or PROJECT_MANAGER
	EntityID    string
	EntityName  string
	SourceType  string
}

// clockifyRole names a workspace-wide role as the roles routes do.
func clockifyRole(r Role) string {
	if r == RoleAdmin {
		return RoleNameAdmin
	}
	return string(r)
}

// memberRoles returns every role of the member m: the workspace-wide one
// unless it is USER, then the manager roles, each with its entity's name.
func memberRoles(ctx context.Context, tx Tx, ws Workspace, m Member) ([]RoleDetail, error) {
	out := []RoleDetail{}
	if m.Role == RoleOwner || m.Role == RoleAdmin {
		out = append(out, RoleDetail{UserID: m.UserID, WorkspaceID: ws.ID, Role: clockifyRole(m.Role),
			EntityID: ws.ID, EntityName: ws.Name})
	}
	grants, err := tx.RolesOf(ctx, ws.ID, m.UserID)
	if err != nil {
		return nil, err
	}
	for _, g := range grants {
		d := RoleDetail{UserID: m.UserID, WorkspaceID: ws.ID, Role: string(g.Role), EntityID: g.EntityID, SourceType: g.SourceType}
		if d.EntityName, err = entityName(ctx, tx, ws.ID, g); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// entityName returns the name of a grant's entity, or "" when it is gone.
func entityName(ctx context.Context, tx Tx, workspaceID string, g RoleGrant) (string, error) {
	var name string
	var err error
	switch {
	case g.Role == RoleProjectManager:
		var p Project
		p, err = tx.Project(ctx, workspaceID, g.EntityID)
		name = p.Name
	case g.SourceType == SourceUserGroup:
		var ug UserGroup
		ug, err = tx.UserGroup(ctx, workspaceID, g.EntityID)
		name = ug.Name
	default:
		var m Member
		m, err = tx.Member(ctx, workspaceID, g.EntityID)
		name = m.User.Name
	}
	if errors.Is(err, ErrNotFound) {
		return "", nil
	}
	return name, err
}

// MemberRoles returns the roles of a workspace member.
func (s *Service) MemberRoles(ctx context.Context, a Actor, userID string) ([]RoleDetail, error) {
	if err := a.Require(SeeMembers); err != nil {
		return nil, err
	}
	var out []RoleDetail
	err := s.store.View(ctx, func(tx Tx) error {
		m, err := workspaceMember(ctx, tx, a.Workspace.ID, userID)
		if err != nil {
			return err
		}
		out, err = memberRoles(ctx, tx, a.Workspace, m)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("roles of user %s: %w", userID, err)
	}
	return out, nil
}

// grantFor checks a role change against the workspace and the actor's
// rights, and returns the manager grant it describes. For WORKSPACE_ADMIN
// it returns a grant with Role RoleAdmin, which lives in the membership.
func grantFor(ctx context.Context, tx Tx, a Actor, target Member, c RoleChange) (RoleGrant, error) {
	g := RoleGrant{WorkspaceID: a.Workspace.ID, UserID: target.UserID, EntityID: strings.TrimSpace(c.EntityID)}
	if g.EntityID == "" {
		return g, Invalidf("entityId must not be blank")
	}
	if c.SourceType != "" && c.SourceType != SourceUserGroup {
		return g, Invalidf("sourceType %q is not valid: use USER_GROUP or leave it out", c.SourceType)
	}
	switch c.Role {
	case RoleNameAdmin:
		if err := a.Require(ManageWorkspace); err != nil {
			return g, err
		}
		if g.EntityID != a.Workspace.ID {
			return g, notBelong("Entity")
		}
		g.Role = RoleAdmin
	case RoleNameTeamManager:
		if err := a.Require(ManageWorkspace); err != nil {
			return g, err
		}
		g.Role = RoleTeamManager
		if c.SourceType == SourceUserGroup {
			if _, err := getUserGroup(ctx, tx, a.Workspace.ID, g.EntityID); err != nil {
				return g, err
			}
			g.SourceType = SourceUserGroup
			break
		}
		_, err := workspaceMember(ctx, tx, a.Workspace.ID, g.EntityID)
		if err != nil {
			// An id that names no member may name a group.
			if _, gerr := getUserGroup(ctx, tx, a.Workspace.ID, g.EntityID); gerr != nil {
				return g, err
			}
			g.SourceType = SourceUserGroup
			break
		}
		if g.EntityID == target.UserID {
			return g, Invalidf("A user cannot be their own team manager")
		}
	case RoleNameProjectManager:
		p, err := getProject(ctx, tx, a.Workspace.ID, g.EntityID)
		if err != nil {
			return g, err
		}
		// Admins and the project's managers name its managers.
		if err := a.RequireProjectEdit(p); err != nil {
			return g, err
		}
		g.Role = RoleProjectManager
	default:
		return g, Invalidf("role %q is not valid: use WORKSPACE_ADMIN, TEAM_MANAGER or PROJECT_MANAGER", c.Role)
	}
	return g, nil
}

// AddRole gives a member a role and returns the member's roles.
func (s *Service) AddRole(ctx context.Context, a Actor, userID string, c RoleChange) ([]RoleDetail, error) {
	return s.changeRole(ctx, a, userID, c, true)
}

// RemoveRole takes a role from a member. Only the owner takes the admin
// role, and the owner's own role cannot change.
func (s *Service) RemoveRole(ctx context.Context, a Actor, userID string, c RoleChange) error {
	_, err := s.changeRole(ctx, a, userID, c, false)
	return err
}

func (s *Service) changeRole(ctx context.Context, a Actor, userID string, c RoleChange, add bool) ([]RoleDetail, error) {
	if a.Require(ManageWorkspace) != nil && c.Role != RoleNameProjectManager {
		return nil, ErrAccessDenied
	}
	var out []RoleDetail
	err := s.store.Update(ctx, func(tx Tx) error {
		m, err := workspaceMember(ctx, tx, a.Workspace.ID, userID)
		if err != nil {
			return err
		}
		g, err := grantFor(ctx, tx, a, m, c)
		if err != nil {
			return err
		}
		if g.Role == RoleAdmin {
			if err := changeAdmin(ctx, tx, a, m, add); err != nil {
				return err
			}
		} else if add {
			if err := tx.CreateRole(ctx, g); err != nil {
				return err
			}
		} else if err := tx.DeleteRole(ctx, g); errors.Is(err, ErrNotFound) {
			return Invalidf("User %s does not have role %s on %s", userID, c.Role, g.EntityID)
		} else if err != nil {
			return err
		}
		if !add {
			return nil
		}
		if m, err = tx.Member(ctx, a.Workspace.ID, userID); err != nil {
			return err
		}
		out, err = memberRoles(ctx, tx, a.Workspace, m)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("change roles of user %s: %w", userID, err)
	}
	return out, nil
}

// changeAdmin makes the member an admin or a regular member again. The
// owner's role never changes, and only the owner removes an admin.
func changeAdmin(ctx context.Context, tx Tx, a Actor, m Member, add bool) error {
	if m.Role == RoleOwner {
		return Invalidf("The workspace owner's role cannot change")
	}
	switch {
	case add && m.Role == RoleAdmin:
		return nil
	case !add && !a.IsOwner():
		return ErrAccessDenied
	case !add && m.Role == RoleUser:
		return Invalidf("User %s does not have role %s on %s", m.UserID, RoleNameAdmin, a.Workspace.ID)
	}
	m.Role = RoleUser
	if add {
		m.Role = RoleAdmin
	}
	return tx.UpdateMember(ctx, m)
}

// TeamManagers returns one page of the team managers of userID: members
// holding the role on the user or on a group the user belongs to, and
// whether it is the last page.
func (s *Service) TeamManagers(ctx context.Context, a Actor, userID string, f MemberFilter) ([]Member, bool, error) {
	if err := a.Require(SeeMembers); err != nil {
		return nil, false, err
	}
	var list []Member
	err := s.store.View(ctx, func(tx Tx) error {
		if _, err := workspaceMember(ctx, tx, a.Workspace.ID, userID); err != nil {
			return err
		}
		groups, err := tx.GroupsOfUser(ctx, a.Workspace.ID, userID)
		if err != nil {
			return err
		}
		grants, err := tx.RolesOn(ctx, a.Workspace.ID, append(groups, userID))
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, g := range grants {
			if g.Role != RoleTeamManager || seen[g.UserID] {
				continue
			}
			seen[g.UserID] = true
			m, err := tx.Member(ctx, a.Workspace.ID, g.UserID)
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			list = append(list, m)
		}
		return nil
	})
	if err != nil {
		return nil, false, fmt.Errorf("team managers of user %s: %w", userID, err)
	}
	sortMembers(list, f.SortColumn, f.SortOrder)
	start := min(f.Page.Offset(), len(list))
	end := min(start+f.Page.Size, len(list))
	return list[start:end], end == len(list), nil
}

// sortMembers sorts a short member list in Go as the store sorts member
// pages, breaking ties by user id.
func sortMembers(list []Member, column string, order SortOrder) {
	key := func(m Member) string {
		switch column {
		case "ID":
			return m.UserID
		case "NAME":
			return m.User.Name
		case "NAME_LOWERCASE":
			return strings.ToLower(m.User.Name)
		case "ACCESS":
			return string(m.Role)
		}
		return strings.ToLower(m.User.Email)
	}
	slices.SortStableFunc(list, func(x, y Member) int {
		c := cmp.Compare(key(x), key(y))
		if c == 0 {
			c = cmp.Compare(x.UserID, y.UserID)
		}
		if order == Descending {
			c = -c
		}
		return c
	})
}
