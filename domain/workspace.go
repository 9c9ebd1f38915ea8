package domain

import (
	"context"
	"time"
)

// Role is a member's workspace-wide role.
type Role string

const (
	RoleOwner Role = "OWNER"
	RoleAdmin Role = "ADMIN"
	RoleUser  Role = "USER"
)

// Membership statuses, shared by workspace, project and group memberships.
const (
	MembershipPending  = "PENDING"
	MembershipActive   = "ACTIVE"
	MembershipDeclined = "DECLINED"
	MembershipInactive = "INACTIVE"
)

// Rate is an amount of money per hour in minor units (cents) of Currency.
type Rate struct {
	Amount   int64
	Currency string
}

// Workspace is the tenant: every other entity belongs to one.
type Workspace struct {
	ID         string
	Name       string
	ImageURL   string
	Currency   string
	HourlyRate Rate
	CostRate   *Rate
	Settings   WorkspaceSettings
	CreatedAt  time.Time
}

// WorkspaceSettings are the settings that change API behaviour. Clockify
// exposes them read-only, and the store keeps them as one JSON document.
type WorkspaceSettings struct {
	ForceProjects    bool       `json:"forceProjects"`
	ForceTasks       bool       `json:"forceTasks"`
	ForceTags        bool       `json:"forceTags"`
	ForceDescription bool       `json:"forceDescription"`
	LockTimeEntries  *time.Time `json:"lockTimeEntries,omitempty"`
	// LockTimeZone is the IANA zone whose midnights an AutomaticLock locks
	// at. A manual LockTimeEntries is an instant and locks the same entries
	// in every zone, so there the zone only shows clients the calendar day
	// on which the instant was picked.
	LockTimeZone string `json:"lockTimeZone,omitempty"`
	// AutomaticLock, when set, replaces LockTimeEntries with the lock date
	// its schedule puts in force.
	AutomaticLock               *AutomaticLock `json:"automaticLock,omitempty"`
	OnlyAdminsCreateProject     bool           `json:"onlyAdminsCreateProject"`
	OnlyAdminsCreateTag         bool           `json:"onlyAdminsCreateTag"`
	OnlyAdminsCreateTask        bool           `json:"onlyAdminsCreateTask"`
	OnlyAdminsSeeAllTimeEntries bool           `json:"onlyAdminsSeeAllTimeEntries"`
	OnlyAdminsSeeBillableRates  bool           `json:"onlyAdminsSeeBillableRates"`
	// OnlyAdminsSeePublicProjectsEntries hides others' entries on public
	// projects that a regular member has not joined.
	OnlyAdminsSeePublicProjectsEntries bool     `json:"onlyAdminsSeePublicProjectsEntries"`
	DefaultBillableProjects            bool     `json:"defaultBillableProjects"`
	IsProjectPublicByDefault           bool     `json:"isProjectPublicByDefault"`
	TimeRoundingInReports              bool     `json:"timeRoundingInReports"`
	TimeTrackingMode                   string   `json:"timeTrackingMode,omitempty"`
	DurationFormat                     string   `json:"durationFormat,omitempty"`
	OnlyAdminsCanChangeBillable        bool     `json:"onlyAdminsCanChangeBillableStatus"`
	WorkingDays                        []string `json:"workingDays,omitempty"`
	// Round is the rule by which reports round each entry's duration when
	// rounding is on.
	Round RoundSetting `json:"round"`
	// WeekStart is the first day of the workspace's weeks in reports.
	WeekStart string `json:"weekStart,omitempty"`
}

// DefaultWorkspaceSettings are the settings of a new workspace, as in a new
// Clockify workspace.
func DefaultWorkspaceSettings() WorkspaceSettings {
	return WorkspaceSettings{
		DefaultBillableProjects:  true,
		IsProjectPublicByDefault: true,
		TimeTrackingMode:         "DEFAULT",
		DurationFormat:           "FULL",
		WorkingDays:              []string{"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"},
		Round:                    RoundSetting{Mode: RoundNearest, Minutes: 15},
		WeekStart:                "MONDAY",
	}
}

// Member is a user's membership of a workspace.
type Member struct {
	WorkspaceID string
	UserID      string
	Role        Role
	Status      string
	HourlyRate  *Rate
	CostRate    *Rate
	CreatedAt   time.Time
	User        User // filled by the store on reads
	// Projects are the member's project memberships, filled by
	// Service.Members when MemberFilter.WithProjects is set.
	Projects []UserProjectMembership
	// CustomFields are the member's user custom field values, filled by
	// Service.Members.
	CustomFields []UserFieldValue
	// GroupIDs are the user groups the member belongs to, filled by
	// Service.Members when MemberFilter.WithGroups is set.
	GroupIDs []string
	// Roles are the member's workspace and manager roles, filled by
	// Service.Members when MemberFilter.WithRoles is set.
	Roles []RoleDetail
}

// Joined reports whether the member may use the workspace: an invitation
// that is still PENDING, a DECLINED one and an INACTIVE member may not.
func (m Member) Joined() bool { return m.Status == MembershipActive }

// MemberFilter selects workspace members. Zero fields do not filter.
type MemberFilter struct {
	Email     string   // substring, case-insensitive
	Name      string   // substring, case-insensitive
	ProjectID string   // members of this project
	Statuses  []string // membership statuses; empty means all
	Accounts  []string // user account statuses; empty means all
	Roles     []Role   // workspace roles; nil means all
	// ManagerRoles widen Roles: members holding any of these manager roles
	// on any entity match too. With Roles nil, only they match.
	ManagerRoles []Role
	GroupIDs     []string // members of any of these user groups; nil means all
	SortColumn   string   // ID, EMAIL, NAME, NAME_LOWERCASE, ACCESS, HOURLYRATE, COSTRATE
	SortOrder    SortOrder
	Page         Page

	WithProjects bool // fill Member.Projects
	WithGroups   bool // fill Member.GroupIDs
	WithRoles    bool // fill Member.Roles
}

// WorkspaceStore persists workspaces and their members.
type WorkspaceStore interface {
	Workspace(ctx context.Context, id string) (Workspace, error)
	CreateWorkspace(ctx context.Context, w Workspace) error
	UpdateWorkspace(ctx context.Context, w Workspace) error
	// WorkspacesOf returns the workspaces where userID is a member, oldest first.
	WorkspacesOf(ctx context.Context, userID string) ([]Workspace, error)
	// FirstWorkspace returns the oldest workspace.
	FirstWorkspace(ctx context.Context) (Workspace, error)

	Member(ctx context.Context, workspaceID, userID string) (Member, error)
	CreateMember(ctx context.Context, m Member) error
	UpdateMember(ctx context.Context, m Member) error
	// Members returns one page of members matching f, fetched with f.Page.Limit.
	Members(ctx context.Context, workspaceID string, f MemberFilter) ([]Member, error)
	// MembersOfUser returns the user's memberships of all workspaces.
	MembersOfUser(ctx context.Context, userID string) ([]Member, error)

	// WorkspaceVersion returns the workspace's catalog version, which the
	// database raises in the same transaction as every change to the
	// workspace, its members, users, API keys, roles, user groups,
	// clients, projects, tasks, tags, rates and custom fields. It returns
	// ErrNotFound for an unknown workspace.
	WorkspaceVersion(ctx context.Context, workspaceID string) (int64, error)
	// EntryVersion returns the version of the user's time entries in the
	// workspace, which the database raises in the same transaction as
	// every insert, update and delete of one of them. It is 0 for a user
	// who never had an entry there.
	EntryVersion(ctx context.Context, workspaceID, userID string) (int64, error)
	// WritesSerialized reports whether the transaction writes and no other
	// write transaction can run until it ends, so that what it reads stays
	// current until its commit.
	WritesSerialized() bool
}
