package domain

// Permission is an action that some roles may take and others may not.
type Permission int

const (
	// ManageWorkspace covers members, rates and workspace-wide settings.
	ManageWorkspace Permission = iota + 1
	// CreateProjects covers creating projects and clients, which the
	// workspace setting onlyAdminsCreateProject can restrict to admins.
	CreateProjects
	// CreateTasks covers creating tasks, which onlyAdminsCreateTask can
	// restrict to admins.
	CreateTasks
	// CreateTags covers creating tags, which onlyAdminsCreateTag can restrict
	// to admins.
	CreateTags
	// EditProjects covers changing and deleting projects: their estimates,
	// memberships, template flag and member rates, and the rates of their
	// tasks.
	EditProjects
	// EditTasks covers changing and deleting tasks.
	EditTasks
	// EditClients covers changing and deleting clients.
	EditClients
	// EditTags covers changing and deleting tags.
	EditTags
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
// place that decides who may do what. A regular member may create projects,
// clients, tasks and tags unless a workspace setting restricts that to admins.
// Only admins change or delete them, which is Clockify's rule for members who
// manage no project.
//
// Team managers are not modelled yet, so every non-admin member is treated
// as a regular user.
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
	case CreateProjects:
		if !settings.OnlyAdminsCreateProject {
			return nil
		}
	case CreateTasks:
		if !settings.OnlyAdminsCreateTask {
			return nil
		}
	case CreateTags:
		if !settings.OnlyAdminsCreateTag {
			return nil
		}
	case EditProjects, EditTasks:
		// TODO: Clockify also lets a project's managers (its creator, and
		// members an admin names) edit that project and its tasks. That needs
		// project manager roles in the store and the project id here.
	}
	return ErrAccessDenied
}

// RequireStatusChange returns ErrAccessDenied unless the actor may give the
// member target the status. Only the owner changes the status of an admin,
// and no one may deactivate themselves, so the owner stays active.
func (a Actor) RequireStatusChange(target Member, status string) error {
	if err := a.Require(ManageWorkspace); err != nil {
		return err
	}
	if target.UserID == a.User.ID && status == MembershipInactive {
		return ErrAccessDenied
	}
	if target.Role != RoleUser && a.Member.Role != RoleOwner {
		return ErrAccessDenied
	}
	return nil
}
