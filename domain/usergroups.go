package domain

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// maxGroupName is Clockify's limit on a user group name.
const maxGroupName = 100

// UserGroupView is a group with, when asked for, the team managers who
// manage its members through it.
type UserGroupView struct {
	Group        UserGroup
	TeamManagers []User // nil unless requested
}

func groupName(name string) (string, error) {
	trimmed := strings.TrimSpace(name)
	if trimmed == "" || utf8.RuneCountInString(trimmed) > maxGroupName {
		return "", Invalidf("User group name %s must be between 1 and %d characters long, not counting spaces at either end", clip(name), maxGroupName)
	}
	return trimmed, nil
}

func groupConflict(err error, name string) error {
	if errors.Is(err, ErrConflict) {
		return Invalidf("User group with name '%s' already exists", name)
	}
	return err
}

func getUserGroup(ctx context.Context, tx Tx, workspaceID, id string) (UserGroup, error) {
	if !ValidID(id) {
		return UserGroup{}, notBelong("User group")
	}
	g, err := tx.UserGroup(ctx, workspaceID, id)
	if errors.Is(err, ErrNotFound) {
		return UserGroup{}, notBelong("User group")
	}
	return g, err
}

// UserGroups returns one page of the workspace's user groups and whether it
// is the last page. With withManagers, each group lists its team managers.
func (s *Service) UserGroups(ctx context.Context, a Actor, f UserGroupFilter, withManagers bool) ([]UserGroupView, bool, error) {
	if err := a.Require(SeeMembers); err != nil {
		return nil, false, err
	}
	if f.ProjectID != "" && !ValidID(f.ProjectID) {
		return nil, false, notBelong("Project")
	}
	var out []UserGroupView
	last := true
	err := s.store.View(ctx, func(tx Tx) error {
		list, err := tx.UserGroups(ctx, a.Workspace.ID, f)
		if err != nil {
			return err
		}
		list, last = Cut(list, f.Page)
		out, err = groupViews(ctx, tx, a.Workspace.ID, list, withManagers)
		return err
	})
	if err != nil {
		return nil, false, fmt.Errorf("list user groups: %w", err)
	}
	return out, last, nil
}

// groupViews wraps groups in views, reading their team managers with one
// query when withManagers is set.
func groupViews(ctx context.Context, tx Tx, workspaceID string, list []UserGroup, withManagers bool) ([]UserGroupView, error) {
	out := make([]UserGroupView, len(list))
	for i, g := range list {
		out[i] = UserGroupView{Group: g}
	}
	if !withManagers || len(list) == 0 {
		return out, nil
	}
	ids := make([]string, len(list))
	for i, g := range list {
		ids[i] = g.ID
	}
	grants, err := tx.RolesOn(ctx, workspaceID, ids)
	if err != nil {
		return nil, err
	}
	users := map[string]User{}
	for i := range out {
		out[i].TeamManagers = []User{}
		for _, g := range grants {
			if g.EntityID != out[i].Group.ID || g.Role != RoleTeamManager {
				continue
			}
			u, ok := users[g.UserID]
			if !ok {
				if u, err = tx.User(ctx, g.UserID); err != nil {
					return nil, err
				}
				users[g.UserID] = u
			}
			out[i].TeamManagers = append(out[i].TeamManagers, u)
		}
	}
	return out, nil
}

// CreateUserGroup creates an empty user group.
func (s *Service) CreateUserGroup(ctx context.Context, a Actor, name string) (UserGroup, error) {
	if err := a.Require(ManageWorkspace); err != nil {
		return UserGroup{}, err
	}
	name, err := groupName(name)
	if err != nil {
		return UserGroup{}, err
	}
	var g UserGroup
	err = s.store.Update(ctx, func(tx Tx) error {
		g = UserGroup{ID: NewID(), WorkspaceID: a.Workspace.ID, Name: name, UserIDs: []string{}, CreatedAt: tx.Now()}
		return groupConflict(tx.CreateUserGroup(ctx, g), name)
	})
	if err != nil {
		return UserGroup{}, fmt.Errorf("create user group: %w", err)
	}
	return g, nil
}

// changeUserGroup runs change on the locked group and stores the result.
func (s *Service) changeUserGroup(ctx context.Context, a Actor, id string, change func(Tx, *UserGroup) error) (UserGroup, error) {
	if err := a.Require(ManageWorkspace); err != nil {
		return UserGroup{}, err
	}
	var g UserGroup
	err := s.store.Update(ctx, func(tx Tx) error {
		var err error
		if g, err = getUserGroup(ctx, tx, a.Workspace.ID, id); err != nil {
			return err
		}
		if err := change(tx, &g); err != nil {
			return err
		}
		return groupConflict(tx.UpdateUserGroup(ctx, g), g.Name)
	})
	if err != nil {
		return UserGroup{}, fmt.Errorf("update user group %s: %w", id, err)
	}
	return g, nil
}

// RenameUserGroup changes a group's name.
func (s *Service) RenameUserGroup(ctx context.Context, a Actor, id, name string) (UserGroup, error) {
	name, err := groupName(name)
	if err != nil {
		return UserGroup{}, err
	}
	return s.changeUserGroup(ctx, a, id, func(_ Tx, g *UserGroup) error {
		g.Name = name
		return nil
	})
}

// AddUserToGroup adds a workspace member to a group. Adding a member twice
// changes nothing, as in Clockify.
func (s *Service) AddUserToGroup(ctx context.Context, a Actor, id, userID string) (UserGroup, error) {
	return s.changeUserGroup(ctx, a, id, func(tx Tx, g *UserGroup) error {
		if _, err := workspaceMember(ctx, tx, a.Workspace.ID, userID); err != nil {
			return err
		}
		if !slices.Contains(g.UserIDs, userID) {
			g.UserIDs = append(g.UserIDs, userID)
		}
		return nil
	})
}

// RemoveUserFromGroup takes a member out of a group.
func (s *Service) RemoveUserFromGroup(ctx context.Context, a Actor, id, userID string) (UserGroup, error) {
	return s.changeUserGroup(ctx, a, id, func(tx Tx, g *UserGroup) error {
		if _, err := workspaceMember(ctx, tx, a.Workspace.ID, userID); err != nil {
			return err
		}
		i := slices.Index(g.UserIDs, userID)
		if i < 0 {
			return Invalidf("User %s is not a member of user group %s", userID, g.ID)
		}
		g.UserIDs = slices.Delete(g.UserIDs, i, i+1)
		return nil
	})
}

// DeleteUserGroup deletes a group and the team manager roles held on it,
// and returns it.
func (s *Service) DeleteUserGroup(ctx context.Context, a Actor, id string) (UserGroup, error) {
	if err := a.Require(ManageWorkspace); err != nil {
		return UserGroup{}, err
	}
	var g UserGroup
	err := s.store.Update(ctx, func(tx Tx) error {
		var err error
		if g, err = getUserGroup(ctx, tx, a.Workspace.ID, id); err != nil {
			return err
		}
		if err := tx.DeleteRolesOn(ctx, a.Workspace.ID, id); err != nil {
			return err
		}
		return tx.DeleteUserGroup(ctx, a.Workspace.ID, id)
	})
	if err != nil {
		return UserGroup{}, fmt.Errorf("delete user group %s: %w", id, err)
	}
	return g, nil
}

// workspaceMember returns the membership of userID, or Clockify's error for
// a user outside the workspace.
func workspaceMember(ctx context.Context, tx Tx, workspaceID, userID string) (Member, error) {
	if !ValidID(userID) {
		return Member{}, notBelong("User")
	}
	m, err := tx.Member(ctx, workspaceID, userID)
	if errors.Is(err, ErrNotFound) {
		return Member{}, notBelong("User")
	}
	return m, err
}
