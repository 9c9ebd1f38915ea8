package domain

import (
	"context"
	"slices"
)

// This file is the authorization layer: every service method decides who
// may do what through the Actor methods below, from the actor's workspace
// role, the manager roles it holds, the workspace settings and the entity at
// hand. Admins and the owner may do everything in their workspace; a member
// holding both the admin role and a manager role acts as an admin.

// Permission is a workspace-wide action that some roles may take and others
// may not. Actions on one entity (a project, a time entry) have their own
// methods, which look at the entity.
type Permission int

const (
	// ManageWorkspace covers members, their roles and rates, user groups,
	// workspace rates and workspace settings.
	ManageWorkspace Permission = iota + 1
	// CreateProjects covers creating projects and clients, which the
	// workspace setting onlyAdminsCreateProject can restrict to admins.
	CreateProjects
	// CreateTags covers creating tags, which onlyAdminsCreateTag can restrict
	// to admins.
	CreateTags
	// EditClients covers changing and deleting clients.
	EditClients
	// EditTags covers changing and deleting tags.
	EditTags
	// DeleteProjects covers deleting archived projects. Project managers
	// archive their projects but only admins delete them.
	DeleteProjects
	// SeeMembers covers listing the workspace's members and user groups.
	SeeMembers
)

// management is the set of users and projects a member manages through
// manager roles, loaded when the member enters the workspace. It stays empty
// for admins, who manage everything anyway.
type management struct {
	users    map[string]bool // team manager: of these users, directly or through groups
	projects map[string]bool // project manager: of these projects
}

// loadManagement reads the manager roles of a non-admin actor.
func loadManagement(ctx context.Context, tx Tx, a *Actor) error {
	grants, err := tx.RolesOf(ctx, a.Workspace.ID, a.User.ID)
	if err != nil || len(grants) == 0 {
		return err
	}
	a.manages = management{users: map[string]bool{}, projects: map[string]bool{}}
	var groups []string
	for _, g := range grants {
		switch {
		case g.Role == RoleProjectManager:
			a.manages.projects[g.EntityID] = true
		case g.Role == RoleTeamManager && g.SourceType == SourceUserGroup:
			groups = append(groups, g.EntityID)
		case g.Role == RoleTeamManager:
			a.manages.users[g.EntityID] = true
		}
	}
	if len(groups) == 0 {
		return nil
	}
	list, err := tx.UserGroupsByID(ctx, a.Workspace.ID, groups)
	for _, group := range list {
		for _, id := range group.UserIDs {
			a.manages.users[id] = true
		}
	}
	return err
}

// IsAdmin reports whether the actor is the owner or an admin of the workspace.
func (a Actor) IsAdmin() bool {
	return a.Member.Role == RoleOwner || a.Member.Role == RoleAdmin
}

// IsOwner reports whether the actor owns the workspace.
func (a Actor) IsOwner() bool { return a.Member.Role == RoleOwner }

// ManagesUser reports whether the actor is a team manager of userID, or an
// admin. No one manages themselves through a team.
func (a Actor) ManagesUser(userID string) bool {
	return a.IsAdmin() || (userID != a.User.ID && a.manages.users[userID])
}

// ManagesProject reports whether the actor is a manager of the project, or
// an admin.
func (a Actor) ManagesProject(projectID string) bool {
	return a.IsAdmin() || a.manages.projects[projectID]
}

// ManagedUserIDs returns the sorted ids of the users the actor manages as a
// team manager. It is empty for admins, who manage every member.
func (a Actor) ManagedUserIDs() []string { return keys(a.manages.users) }

// ManagedProjectIDs returns the sorted ids of the projects the actor
// manages. It is empty for admins, who manage every project.
func (a Actor) ManagedProjectIDs() []string { return keys(a.manages.projects) }

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Require returns ErrAccessDenied unless the actor holds the workspace-wide
// permission p.
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
	case CreateTags:
		if !settings.OnlyAdminsCreateTag {
			return nil
		}
	}
	return ErrAccessDenied
}

// CanSeeProject reports whether the actor may see the project and track
// time on it: admins see every project, others the public ones, those they
// are members of, directly or through a user group, and those they manage.
func (a Actor) CanSeeProject(p Project) bool {
	if a.IsAdmin() || p.Public || a.manages.projects[p.ID] {
		return true
	}
	return p.HasMember(a.User.ID)
}

// CanTrackOn reports whether the actor may put an entry of userID on p:
// admins and p's managers always, others when p is public or userID is a
// member of it, directly or through a user group. A team manager editing a
// member's entry is bound by the member's projects, not the manager's own.
func (a Actor) CanTrackOn(p Project, userID string) bool {
	if a.ManagesProject(p.ID) || p.Public {
		return true
	}
	return p.HasMember(userID)
}

// RequireProjectRead returns ErrAccessDenied unless the actor may see p.
func (a Actor) RequireProjectRead(p Project) error {
	if a.CanSeeProject(p) {
		return nil
	}
	return ErrAccessDenied
}

// RequireProjectEdit returns ErrAccessDenied unless the actor may change p,
// its memberships, estimates and rates, and its tasks: admins and the
// project's managers.
func (a Actor) RequireProjectEdit(p Project) error {
	if a.ManagesProject(p.ID) {
		return nil
	}
	return ErrAccessDenied
}

// RequireTaskCreate returns ErrAccessDenied unless the actor may add a task
// to p: its managers always, other members who see it unless
// onlyAdminsCreateTask is set.
func (a Actor) RequireTaskCreate(p Project) error {
	if a.ManagesProject(p.ID) {
		return nil
	}
	if a.CanSeeProject(p) && !a.Workspace.Settings.OnlyAdminsCreateTask {
		return nil
	}
	return ErrAccessDenied
}

// ProjectScope returns the restriction a project list needs for the actor,
// or nil when the actor may see every project.
func (a Actor) ProjectScope() *ProjectScope {
	if a.IsAdmin() {
		return nil
	}
	return &ProjectScope{UserID: a.User.ID, ProjectIDs: a.ManagedProjectIDs()}
}

// ProjectScope limits a project list to public projects, those UserID is
// a member of, directly or through a user group, and those in ProjectIDs.
type ProjectScope struct {
	UserID     string
	ProjectIDs []string
}

// CanSeeRates reports whether the actor may see billable and cost rates and the
// amounts computed from them. onlyAdminsSeeBillableRates hides them from
// everyone but admins.
func (a Actor) CanSeeRates() bool {
	return a.IsAdmin() || !a.Workspace.Settings.OnlyAdminsSeeBillableRates
}

// CanChangeBillable reports whether the actor chooses the billable flag of
// the entries it writes. With onlyAdminsCanChangeBillableStatus set, other
// members' new entries take their project's flag and edits keep the stored
// one.
func (a Actor) CanChangeBillable() bool {
	return a.IsAdmin() || !a.Workspace.Settings.OnlyAdminsCanChangeBillable
}

// RequireManualTime returns an error unless the actor may enter times by
// hand: add a finished entry, duplicate one or change an entry's start or
// end. With timeTrackingMode STOPWATCH_ONLY only admins may, and other
// members track time with the timer, which stopping still ends.
func (a Actor) RequireManualTime() error {
	if a.IsAdmin() || a.Workspace.Settings.TimeTrackingMode != "STOPWATCH_ONLY" {
		return nil
	}
	return Invalidf("Time entry couldn't be saved. The workspace allows only the timer: start and stop a timer instead of entering times")
}

// RequireEntriesOf returns ErrAccessDenied unless the actor may create,
// change and delete userID's time entries: the user, admins and the user's
// team managers. The lock date binds everyone but admins on top of this.
func (a Actor) RequireEntriesOf(userID string) error {
	if userID == a.User.ID || a.ManagesUser(userID) {
		return nil
	}
	return ErrAccessDenied
}

// CanSeeEntry reports whether the actor may read e, whose project is p (nil
// when e has none or it was deleted). Beyond their own entries and those of
// whom they manage, members see others' entries unless
// onlyAdminsSeeAllTimeEntries is set: entries without a project, on projects
// they are members of, and on public projects unless
// onlyAdminsSeePublicProjectsEntries is set. Project managers see every
// entry on their projects.
func (a Actor) CanSeeEntry(e TimeEntry, p *Project) bool {
	if e.UserID == a.User.ID || a.ManagesUser(e.UserID) || a.manages.projects[e.ProjectID] {
		return true
	}
	s := a.Workspace.Settings
	switch {
	case s.OnlyAdminsSeeAllTimeEntries:
		return false
	case e.ProjectID == "":
		return true
	case p == nil:
		return false
	case p.HasMember(a.User.ID):
		return true
	}
	return p.Public && !s.OnlyAdminsSeePublicProjectsEntries
}

// EntryScope limits a list of another user's time entries to those a viewer
// may see, as CanSeeEntry decides for one entry.
type EntryScope struct {
	// ProjectIDs are projects whose entries are all visible.
	ProjectIDs []string
	// ViewerID, when set, makes visible the entries without a project and
	// those on projects ViewerID is a member of, directly or through a user
	// group.
	ViewerID string
	// Public, with ViewerID, also makes visible entries on public projects.
	Public bool
}

// EntryScopeFor returns the restriction a list of userID's entries needs
// for the actor: nil when every entry is visible, ErrAccessDenied when none
// can be.
func (a Actor) EntryScopeFor(userID string) (*EntryScope, error) {
	if userID == a.User.ID || a.ManagesUser(userID) {
		return nil, nil
	}
	scope := &EntryScope{ProjectIDs: a.ManagedProjectIDs()}
	if s := a.Workspace.Settings; !s.OnlyAdminsSeeAllTimeEntries {
		scope.ViewerID, scope.Public = a.User.ID, !s.OnlyAdminsSeePublicProjectsEntries
	}
	if scope.ViewerID == "" && len(scope.ProjectIDs) == 0 {
		return nil, ErrAccessDenied
	}
	return scope, nil
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

// The redact methods clear the rates and amounts that CanSeeRates hides
// from the actor, in values about to be returned.

func (a Actor) redactEntry(v *TimeEntryView) {
	if a.CanSeeRates() {
		return
	}
	v.HourlyRate, v.CostRate = nil, nil
	// The project and task are read for this response only, so they are
	// cleared in place.
	if v.Project != nil {
		a.redactProject(v.Project)
	}
	if v.Task != nil {
		a.redactTask(v.Task)
	}
}

func (a Actor) redactEntries(views []TimeEntryView) {
	for i := range views {
		a.redactEntry(&views[i])
	}
}

func (a Actor) redactProject(p *Project) {
	if a.CanSeeRates() {
		return
	}
	p.HourlyRate, p.CostRate = nil, nil
	// A budget is an amount of money, which the setting hides as well.
	p.BudgetEstimate = BudgetEstimate{}
	// The members slice may be shared with the catalog cache, so it is
	// copied before its rates are cleared.
	p.Members = slices.Clone(p.Members)
	for i := range p.Members {
		p.Members[i].HourlyRate, p.Members[i].CostRate = nil, nil
	}
}

func (a Actor) redactProjectViews(views []ProjectView) {
	for i := range views {
		a.redactProject(&views[i].Project)
		a.redactTasks(views[i].Tasks)
	}
}

func (a Actor) redactTask(t *Task) {
	if !a.CanSeeRates() {
		t.HourlyRate, t.CostRate, t.BudgetEstimate = nil, nil, nil
	}
}

func (a Actor) redactTasks(list []Task) {
	for i := range list {
		a.redactTask(&list[i])
	}
}

func (a Actor) redactMembers(list []Member) {
	if a.CanSeeRates() {
		return
	}
	for i := range list {
		list[i].HourlyRate, list[i].CostRate = nil, nil
		for j := range list[i].Projects {
			list[i].Projects[j].HourlyRate, list[i].Projects[j].CostRate = nil, nil
		}
	}
}

func (a Actor) redactWorkspace(v *WorkspaceView) {
	if a.CanSeeRates() {
		return
	}
	v.RatesHidden = true
	v.Workspace.HourlyRate.Amount, v.Workspace.CostRate = 0, nil
	a.redactMembers(v.Members)
}
