package domain

import (
	"context"
	"time"
)

// Manager roles. Unlike the workspace-wide roles of Member.Role, a member
// holds each of them on one entity: a team manager on a user or a user
// group, a project manager on a project.
const (
	RoleTeamManager    Role = "TEAM_MANAGER"
	RoleProjectManager Role = "PROJECT_MANAGER"
)

// SourceUserGroup marks a team manager grant whose entity is a user group:
// its holder manages every member of the group.
const SourceUserGroup = "USER_GROUP"

// RoleGrant is a manager role that a member holds on one entity.
type RoleGrant struct {
	WorkspaceID string
	UserID      string
	Role        Role
	EntityID    string
	SourceType  string // SourceUserGroup when EntityID is a user group, else ""
}

// RoleStore persists manager role grants.
type RoleStore interface {
	// RolesOf returns the grants the user holds in the workspace.
	RolesOf(ctx context.Context, workspaceID, userID string) ([]RoleGrant, error)
	// RolesOn returns the grants on any of the entities, of every holder.
	RolesOn(ctx context.Context, workspaceID string, entityIDs []string) ([]RoleGrant, error)
	// CreateRole stores g; a grant that exists already is left as it is.
	CreateRole(ctx context.Context, g RoleGrant) error
	// DeleteRole removes g and returns ErrNotFound when it did not exist.
	DeleteRole(ctx context.Context, g RoleGrant) error
	// DeleteRolesOn removes every grant on the entity, of every holder.
	DeleteRolesOn(ctx context.Context, workspaceID, entityID string) error
}

// UserGroup is a named set of workspace members. Team managers of a group
// manage its members.
type UserGroup struct {
	ID          string
	WorkspaceID string
	Name        string
	UserIDs     []string // members, in the order they were added
	CreatedAt   time.Time
}

// UserGroupFilter selects user groups. Zero fields do not filter.
type UserGroupFilter struct {
	Name       string // substring, case-insensitive
	ProjectID  string // groups that are members of this project
	SortColumn string // ID or NAME
	SortOrder  SortOrder
	Page       Page
}

// UserGroupStore persists user groups and their members.
type UserGroupStore interface {
	UserGroup(ctx context.Context, workspaceID, id string) (UserGroup, error)
	// UserGroups returns one page of groups matching f, fetched with f.Page.Limit.
	UserGroups(ctx context.Context, workspaceID string, f UserGroupFilter) ([]UserGroup, error)
	// UserGroupsByID returns the groups with the given ids; missing ids are left out.
	UserGroupsByID(ctx context.Context, workspaceID string, ids []string) ([]UserGroup, error)
	// GroupsOfUser returns the ids of the groups the user belongs to.
	GroupsOfUser(ctx context.Context, workspaceID, userID string) ([]string, error)
	CreateUserGroup(ctx context.Context, g UserGroup) error
	// UpdateUserGroup writes the name and the member list of g.
	UpdateUserGroup(ctx context.Context, g UserGroup) error
	DeleteUserGroup(ctx context.Context, workspaceID, id string) error
}
