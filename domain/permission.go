package domain

// Permission is an action that some roles may take and others may not.
type Permission int

const (
	// ManageWorkspace covers members, rates and workspace-wide settings.
	ManageWorkspace Permission = iota + 1
	// ManageProjects covers creating and changing clients and projects, and
	// setting task rates.
	ManageProjects
	// ManageTasks covers creating, changing and deleting tasks.
	ManageTasks
	// ManageTags covers creating and changing tags.
	ManageTags
	// ManageOthersTime covers reading and changing other members' time entries.
	ManageOthersTime
	// SeeMembers covers listing the workspace's members.
	SeeMembers
)

// IsAdmin reports whether the actor is the owner or an admin of the workspace.
func (a Actor) IsAdmin() bool {
	return a.Member.Role == RoleOwner || a.Member.Role == RoleAdmin
}

// Require returns ErrAccessDenied unless the actor holds p. It is the one
// place that decides who may do what.
//
// TODO: team managers and project managers are not modelled yet; every
// non-admin member is treated as a regular user.
func (a Actor) Require(p Permission) error {
	if a.IsAdmin() {
		return nil
	}
	settings := a.Workspace.Settings
	switch p {
	case SeeMembers:
		// Regular members may list users so that clients such as clockify-cli
		// can attach user objects to their own reports.
		return nil
	case ManageProjects:
		if !settings.OnlyAdminsCreateProject {
			return nil
		}
	case ManageTasks:
		if !settings.OnlyAdminsCreateTask {
			return nil
		}
	case ManageTags:
		if !settings.OnlyAdminsCreateTag {
			return nil
		}
	}
	return ErrAccessDenied
}
