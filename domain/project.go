package domain

import (
	"context"
	"slices"
	"time"
)

// Estimate types.
const (
	EstimateAuto   = "AUTO"
	EstimateManual = "MANUAL"
)

// TimeEstimate is a project's time budget.
type TimeEstimate struct {
	Estimate           time.Duration
	Type               string // AUTO or MANUAL
	ResetOption        string // WEEKLY, MONTHLY, YEARLY or ""
	Active             bool
	IncludeNonBillable bool
}

// BudgetEstimate is a project's money budget in minor units.
type BudgetEstimate struct {
	Estimate        int64
	Type            string
	ResetOption     string
	Active          bool
	IncludeExpenses bool
}

// EstimateReset is the schedule on which a recurring estimate starts over.
type EstimateReset struct {
	Interval   string
	DayOfMonth int
	DayOfWeek  string
	Month      string
	Hour       int
	Active     bool
}

// ProjectMember is a user's membership of a project, with optional
// per-project rates that override the workspace member's rates.
type ProjectMember struct {
	UserID     string
	Status     string
	HourlyRate *Rate
	CostRate   *Rate
}

// ProjectGroup is a user group's membership of a project. Every user of the
// group has the access of a direct member without per-project rates.
type ProjectGroup struct {
	GroupID string
	UserIDs []string // the group's users, filled on reads
}

// UserProjectMembership is one project membership of a user, as listed
// with the user.
type UserProjectMembership struct {
	ProjectID string
	ProjectMember
}

// HasMember reports whether userID is a member of p, directly or through
// a user group.
func (p Project) HasMember(userID string) bool {
	if slices.ContainsFunc(p.Members, func(m ProjectMember) bool { return m.UserID == userID }) {
		return true
	}
	return slices.ContainsFunc(p.Groups, func(g ProjectGroup) bool { return slices.Contains(g.UserIDs, userID) })
}

// GroupIDs returns the ids of the user groups that are members of p.
func (p Project) GroupIDs() []string {
	out := make([]string, len(p.Groups))
	for i, g := range p.Groups {
		out[i] = g.GroupID
	}
	return out
}

// Project groups time entries and tasks, optionally for a client.
type Project struct {
	ID             string
	WorkspaceID    string
	Name           string
	ClientID       string
	ClientName     string // filled by the store on reads
	Color          string
	Note           string
	Billable       bool
	Public         bool
	Template       bool
	Archived       bool
	HourlyRate     *Rate
	CostRate       *Rate
	TimeEstimate   TimeEstimate
	BudgetEstimate BudgetEstimate
	EstimateReset  *EstimateReset
	Members        []ProjectMember
	Groups         []ProjectGroup
	Tracked        time.Duration // sum of its finished entries, filled on reads
	TaskEstimates  time.Duration // sum of its tasks' time estimates, filled on reads
	TaskBudgets    int64         // sum of its tasks' budget estimates, filled on reads
	CreatedAt      time.Time
}

// ProjectFilter selects projects. Zero fields do not filter.
type ProjectFilter struct {
	Name           string
	StrictName     bool
	Archived       *bool
	Billable       *bool
	ClientIDs      []string
	ContainsClient bool   // with ClientIDs: true keeps, false drops those clients
	ClientStatus   string // ACTIVE, ARCHIVED or ALL
	UserIDs        []string
	ContainsUser   bool
	UserStatus     string
	// UserGroupIDs with ContainsGroup keeps projects that have one of those
	// user groups as members, and without it drops them.
	UserGroupIDs  []string
	ContainsGroup bool
	Template      *bool
	Public        *bool
	SortColumn    string // ID, NAME, CLIENT_NAME, DURATION, BUDGET, PROGRESS
	SortOrder     SortOrder
	Page          Page
	// Scope, when set, keeps only the projects a non-admin may see.
	Scope *ProjectScope
}

// ProjectStore persists projects and their memberships.
type ProjectStore interface {
	Project(ctx context.Context, workspaceID, id string) (Project, error)
	Projects(ctx context.Context, workspaceID string, f ProjectFilter) ([]Project, error)
	// ProjectsByID returns the projects with the given ids, with their
	// members; missing ids are left out.
	ProjectsByID(ctx context.Context, workspaceID string, ids []string) ([]Project, error)
	CreateProject(ctx context.Context, p Project) error
	// UpdateProject writes every field of p, memberships included.
	UpdateProject(ctx context.Context, p Project) error
	// ProjectMembershipsOf returns the project memberships of each of the
	// users in the workspace, keyed by user id.
	ProjectMembershipsOf(ctx context.Context, workspaceID string, userIDs []string) (map[string][]UserProjectMembership, error)
	// ProjectProgress returns the progress of each project in periods,
	// keyed by project id, counting finished entries only.
	ProjectProgress(ctx context.Context, workspaceID string, periods []ProgressPeriod) (map[string]ProjectProgress, error)
	// DeleteProject deletes the project with its tasks and memberships.
	DeleteProject(ctx context.Context, workspaceID, id string) error
}
