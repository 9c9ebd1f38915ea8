package domain

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// NewProject is the body of a project create. Nil Billable and Public take
// the workspace defaults.
type NewProject struct {
	Name       string
	ClientID   string
	Color      string
	Note       string
	Billable   *bool
	Public     *bool
	HourlyRate *RateChange
	CostRate   *RateChange
	// Estimate is the legacy {estimate, type} object, which sets the time
	// estimate.
	Estimate *TimeEstimateChange
	Members  []ProjectMemberChange
	// GroupIDs are user groups to make members of the project.
	GroupIDs []string
	Tasks    []NewTask
}

// ProjectMemberChange names a user to make a project member, with optional
// per-project rates.
type ProjectMemberChange struct {
	UserID     string
	HourlyRate *RateChange
	CostRate   *RateChange
}

// ProjectFromTemplate is the body of a create from a template project. Nil
// fields are copied from the template.
type ProjectFromTemplate struct {
	Name       string
	TemplateID string
	ClientID   *string
	Color      *string
	Public     *bool
}

// ProjectUpdate is the body of a project PUT, which is a partial update: a
// nil field keeps its value. A ClientID of "" removes the client. Rates
// cannot be cleared, as in Clockify.
type ProjectUpdate struct {
	Name       *string
	ClientID   *string
	Color      *string
	Note       *string
	Billable   *bool
	Public     *bool
	Archived   *bool
	HourlyRate *RateChange
	CostRate   *RateChange
}

// TimeEstimateChange changes a project's time estimate. Nil fields keep
// their value, and a ResetOption of "" removes the reset.
type TimeEstimateChange struct {
	Estimate           *time.Duration
	Type               *string
	ResetOption        *string
	Active             *bool
	IncludeNonBillable *bool
}

// BudgetEstimateChange changes a project's budget estimate like
// TimeEstimateChange does for time.
type BudgetEstimateChange struct {
	Estimate        *int64
	Type            *string
	ResetOption     *string
	Active          *bool
	IncludeExpenses *bool
}

// EstimateUpdate is the body of PATCH .../estimate. Nil parts are kept, and
// a non-nil Reset replaces the stored reset schedule.
type EstimateUpdate struct {
	Time   *TimeEstimateChange
	Budget *BudgetEstimateChange
	Reset  *EstimateReset
}

// ProjectView is a project with its tasks. Reads fill Tasks only for
// requests with hydrated=true.
type ProjectView struct {
	Project Project
	Tasks   []Task
}

var colorPattern = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// defaultProjectColor is the color of projects created without one.
const defaultProjectColor = "#03A9F4"

// Limits on project fields, as in Clockify's ProjectRequest.
const (
	minProjectName = 2
	maxProjectName = 250
	maxProjectNote = 16384
)

var (
	estimateTypes = []string{EstimateAuto, EstimateManual}
	resetOptions  = []string{"WEEKLY", "MONTHLY", "YEARLY"}
	weekDays      = []string{"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"}
	months        = []string{"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST",
		"SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"}
)

func projectName(name string) (string, error) {
	trimmed := strings.TrimSpace(name)
	if n := utf8.RuneCountInString(trimmed); n < minProjectName || n > maxProjectName {
		return "", Invalidf("Project name %s must be between %d and %d characters long, not counting spaces at either end", clip(name), minProjectName, maxProjectName)
	}
	return trimmed, nil
}

func projectColor(color string) (string, error) {
	if !colorPattern.MatchString(color) {
		return "", Invalidf("Project color %q is not valid: use # followed by six hex digits, such as #03A9F4", color)
	}
	return color, nil
}

func projectNote(note string) (string, error) {
	if utf8.RuneCountInString(note) > maxProjectNote {
		return "", Invalidf("Project note must be at most %d characters long", maxProjectNote)
	}
	return note, nil
}

func projectConflict(err error, name string) error {
	if errors.Is(err, ErrConflict) {
		return Invalidf("Project with name '%s' already exists", name)
	}
	return err
}

func oneOf(field, value string, allowed []string) error {
	if !slices.Contains(allowed, value) {
		return Invalidf("%s %q is not valid: use one of %s", field, value, strings.Join(allowed, ", "))
	}
	return nil
}

// projectRate turns a rate request into a rate in the workspace currency.
func projectRate(c *RateChange, ws Workspace) (*Rate, error) {
	if c == nil {
		return nil, nil
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	return &Rate{Amount: c.Amount, Currency: ws.Currency}, nil
}

// projectClient checks that clientID names a client of the workspace. An
// empty clientID means no client.
func projectClient(ctx context.Context, tx Tx, workspaceID, clientID string) error {
	if clientID == "" {
		return nil
	}
	_, err := getClient(ctx, tx, workspaceID, clientID)
	return err
}

func getProject(ctx context.Context, tx Tx, workspaceID, id string) (Project, error) {
	if !ValidID(id) {
		return Project{}, notBelong("Project")
	}
	p, err := tx.Project(ctx, workspaceID, id)
	if errors.Is(err, ErrNotFound) {
		return Project{}, notBelong("Project")
	}
	return p, err
}

// projectMembers validates membership changes against the workspace and
// returns the memberships they describe, in request order. A user named
// twice keeps the last entry.
func projectMembers(ctx context.Context, tx Tx, ws Workspace, changes []ProjectMemberChange) ([]ProjectMember, error) {
	var out []ProjectMember
	for _, c := range changes {
		m, err := newProjectMember(ctx, tx, ws.ID, c.UserID)
		if err != nil {
			return nil, err
		}
		if m.HourlyRate, err = projectRate(c.HourlyRate, ws); err != nil {
			return nil, err
		}
		if m.CostRate, err = projectRate(c.CostRate, ws); err != nil {
			return nil, err
		}
		out = slices.DeleteFunc(out, func(o ProjectMember) bool { return o.UserID == m.UserID })
		out = append(out, m)
	}
	return out, nil
}

// newProjectMember returns a membership without rates for a workspace
// member, with the status of the workspace membership.
func newProjectMember(ctx context.Context, tx Tx, workspaceID, userID string) (ProjectMember, error) {
	if !ValidID(userID) {
		return ProjectMember{}, notBelong("User")
	}
	wm, err := tx.Member(ctx, workspaceID, userID)
	if errors.Is(err, ErrNotFound) {
		return ProjectMember{}, notBelong("User")
	}
	if err != nil {
		return ProjectMember{}, err
	}
	return ProjectMember{UserID: userID, Status: wm.Status}, nil
}

// withMember returns members with userID added as an active member unless it
// is one already.
func withMember(members []ProjectMember, userID string) []ProjectMember {
	if slices.ContainsFunc(members, func(m ProjectMember) bool { return m.UserID == userID }) {
		return members
	}
	return append(members, ProjectMember{UserID: userID, Status: MembershipActive})
}

// applyTimeEstimate applies c to e after checking its values. Estimates are
// kept in whole seconds, because clients cannot read fractions back.
func applyTimeEstimate(e *TimeEstimate, c TimeEstimateChange) error {
	if c.Estimate != nil {
		if *c.Estimate < 0 {
			return Invalidf("timeEstimate.estimate must not be negative, got %s", *c.Estimate)
		}
		e.Estimate = c.Estimate.Truncate(time.Second)
		if c.Type == nil {
			// A figure given without a type is a manual estimate, not the
			// task-based default that would hide it.
			e.Type = EstimateManual
		}
	}
	if c.Type != nil {
		if err := oneOf("timeEstimate.type", *c.Type, estimateTypes); err != nil {
			return err
		}
		e.Type = *c.Type
	}
	if err := setResetOption("timeEstimate.resetOption", &e.ResetOption, c.ResetOption); err != nil {
		return err
	}
	if c.Active != nil {
		e.Active = *c.Active
	}
	if c.IncludeNonBillable != nil {
		e.IncludeNonBillable = *c.IncludeNonBillable
	}
	return nil
}

// setResetOption stores an optional reset option in dst. An empty option
// removes the reset.
func setResetOption(field string, dst, option *string) error {
	if option == nil {
		return nil
	}
	if *option != "" {
		if err := oneOf(field, *option, resetOptions); err != nil {
			return err
		}
	}
	*dst = *option
	return nil
}

// applyBudgetEstimate applies c to e after checking its values. Estimate is
// a money amount in minor units.
// maxBudget is the largest budget estimate accepted, in minor units.
const maxBudget = 1<<53 - 1

func applyBudgetEstimate(e *BudgetEstimate, c BudgetEstimateChange) error {
	if c.Estimate != nil {
		// The cap keeps the amount exact for JavaScript clients, whose
		// numbers hold integers exactly up to 2^53-1.
		if *c.Estimate < 0 || *c.Estimate > maxBudget {
			return Invalidf("budgetEstimate.estimate must be from 0 to %d, got %d", int64(maxBudget), *c.Estimate)
		}
		e.Estimate = *c.Estimate
	}
	if c.Type != nil {
		if err := oneOf("budgetEstimate.type", *c.Type, estimateTypes); err != nil {
			return err
		}
		e.Type = *c.Type
	}
	if err := setResetOption("budgetEstimate.resetOption", &e.ResetOption, c.ResetOption); err != nil {
		return err
	}
	if c.Active != nil {
		e.Active = *c.Active
	}
	if c.IncludeExpenses != nil {
		e.IncludeExpenses = *c.IncludeExpenses
	}
	if e.Type == "" {
		// A budget set without a type is a manual one.
		e.Type = EstimateManual
	}
	return nil
}

func checkEstimateReset(r EstimateReset) error {
	if r.Interval != "" {
		if err := oneOf("estimateReset.interval", r.Interval, resetOptions); err != nil {
			return err
		}
	}
	if r.DayOfWeek != "" {
		if err := oneOf("estimateReset.dayOfWeek", r.DayOfWeek, weekDays); err != nil {
			return err
		}
	}
	if r.Month != "" {
		if err := oneOf("estimateReset.month", r.Month, months); err != nil {
			return err
		}
	}
	if r.DayOfMonth < 0 || r.DayOfMonth > 31 {
		return Invalidf("estimateReset.dayOfMonth must be between 1 and 31, got %d", r.DayOfMonth)
	}
	if r.Hour < 0 || r.Hour > 23 {
		return Invalidf("estimateReset.hour must be between 0 and 23, got %d", r.Hour)
	}
	return nil
}

// createTasks checks and stores the tasks of a project create. A task's
// billable flag defaults to the project's, and its rates are in the
// workspace's currency.
func createTasks(ctx context.Context, tx Tx, ws Workspace, p Project, in []NewTask) error {
	for _, nt := range in {
		t := Task{ID: NewID(), WorkspaceID: p.WorkspaceID, ProjectID: p.ID, Status: TaskActive,
			Billable: p.Billable, Estimate: nt.Estimate, BudgetEstimate: nt.BudgetEstimate}
		var err error
		if t.Name, err = taskName(nt.Name); err != nil {
			return err
		}
		if t.HourlyRate, err = projectRate(nt.HourlyRate, ws); err != nil {
			return err
		}
		if t.CostRate, err = projectRate(nt.CostRate, ws); err != nil {
			return err
		}
		if nt.Status != "" {
			if t.Status, err = taskStatus(nt.Status); err != nil {
				return err
			}
		}
		if nt.Billable != nil {
			t.Billable = *nt.Billable
		}
		if err := checkEstimate(t.Estimate); err != nil {
			return err
		}
		if err := checkBudget(t.BudgetEstimate); err != nil {
			return err
		}
		t.AssigneeIDs = mergeAssignees(nt.AssigneeIDs, nt.AssigneeID)
		if err := checkAssignees(ctx, tx, p.WorkspaceID, t.AssigneeIDs); err != nil {
			return err
		}
		if t.UserGroupIDs, err = checkUserGroups(nt.UserGroupIDs); err != nil {
			return err
		}
		if err := userGroupsExist(ctx, tx, p.WorkspaceID, t.UserGroupIDs); err != nil {
			return err
		}
		if err := taskConflict(tx.CreateTask(ctx, t), t.Name); err != nil {
			return err
		}
		for kind, c := range byKind(nt.HourlyRate, nt.CostRate) {
			rate := RateRecord{Kind: kind, Level: LevelTask, ProjectID: p.ID, TaskID: t.ID}
			if err := recordChange(ctx, tx, ws, rate, c, RatesBeginning); err != nil {
				return err
			}
		}
	}
	return nil
}

// recordNewProjectRates records the rates of a project create: the
// project's and its members'. Without since they apply from the beginning,
// because the project has no entries yet.
func recordNewProjectRates(ctx context.Context, tx Tx, ws Workspace, projectID string, in NewProject) error {
	for kind, c := range byKind(in.HourlyRate, in.CostRate) {
		rate := RateRecord{Kind: kind, Level: LevelProject, ProjectID: projectID}
		if err := recordChange(ctx, tx, ws, rate, c, RatesBeginning); err != nil {
			return err
		}
	}
	for _, m := range in.Members {
		for kind, c := range byKind(m.HourlyRate, m.CostRate) {
			rate := RateRecord{Kind: kind, Level: LevelProjectMember, ProjectID: projectID, UserID: m.UserID}
			if err := recordChange(ctx, tx, ws, rate, c, RatesBeginning); err != nil {
				return err
			}
		}
	}
	return nil
}

// Projects returns one page of the workspace's projects that the actor may
// see, with their tasks when hydrated is set, and whether the page is the
// last.
func (s *Service) Projects(ctx context.Context, a Actor, f ProjectFilter, hydrated bool) ([]ProjectView, bool, error) {
	f.Scope = a.ProjectScope()
	var out []ProjectView
	var last bool
	err := s.store.View(ctx, func(tx Tx) error {
		list, err := tx.Projects(ctx, a.Workspace.ID, f)
		if err != nil {
			return err
		}
		list, last = Cut(list, f.Page)
		out, err = projectViews(ctx, tx, a.Workspace.ID, list, hydrated)
		return err
	})
	if err != nil {
		return nil, false, fmt.Errorf("list projects: %w", err)
	}
	a.redactProjectViews(out)
	return out, last, nil
}

// allRows is a page large enough to hold every row of a list.
var allRows = Page{Number: 1, Size: 1 << 30}

// projectViews wraps projects in views and, when hydrated is set, reads
// the tasks of all of them with one query.
func projectViews(ctx context.Context, tx Tx, workspaceID string, list []Project, hydrated bool) ([]ProjectView, error) {
	out := make([]ProjectView, len(list))
	for i, p := range list {
		out[i] = ProjectView{Project: p}
	}
	if !hydrated || len(list) == 0 {
		return out, nil
	}
	ids := make([]string, len(list))
	for i, p := range list {
		ids[i] = p.ID
	}
	tasks, err := tx.TasksOfProjects(ctx, workspaceID, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Tasks = tasks[ids[i]]
		if out[i].Tasks == nil {
			out[i].Tasks = []Task{}
		}
	}
	return out, nil
}

// Project returns one project of the workspace, with its tasks when hydrated
// is set.
func (s *Service) Project(ctx context.Context, a Actor, id string, hydrated bool) (ProjectView, error) {
	var v ProjectView
	err := s.store.View(ctx, func(tx Tx) error {
		p, err := getProject(ctx, tx, a.Workspace.ID, id)
		if err != nil {
			return err
		}
		if err := a.RequireProjectRead(p); err != nil {
			return err
		}
		views, err := projectViews(ctx, tx, a.Workspace.ID, []Project{p}, hydrated)
		if err == nil {
			v = views[0]
		}
		return err
	})
	if err != nil {
		return ProjectView{}, fmt.Errorf("get project %s: %w", id, err)
	}
	a.redactProject(&v.Project)
	a.redactTasks(v.Tasks)
	return v, nil
}

// CreateProject creates a project in the actor's workspace, with the actor
// as a member and with the given tasks.
func (s *Service) CreateProject(ctx context.Context, a Actor, in NewProject) (Project, error) {
	if err := a.Require(CreateProjects); err != nil {
		return Project{}, err
	}
	p, err := newProject(a, in)
	if err != nil {
		return Project{}, err
	}
	err = s.store.Update(ctx, func(tx Tx) error {
		if err := projectClient(ctx, tx, a.Workspace.ID, p.ClientID); err != nil {
			return err
		}
		members, err := projectMembers(ctx, tx, a.Workspace, in.Members)
		if err != nil {
			return err
		}
		p.Members = withMember(members, a.User.ID)
		if err := applyGroupChange(ctx, tx, a.Workspace.ID, &p, GroupMembershipChange{IDs: in.GroupIDs}, false, false); err != nil {
			return err
		}
		if err := projectConflict(tx.CreateProject(ctx, p), p.Name); err != nil {
			return err
		}
		if err := createTasks(ctx, tx, a.Workspace, p, in.Tasks); err != nil {
			return err
		}
		if err := grantCreator(ctx, tx, a, p.ID); err != nil {
			return err
		}
		if err := recordNewProjectRates(ctx, tx, a.Workspace, p.ID, in); err != nil {
			return err
		}
		p, err = tx.Project(ctx, a.Workspace.ID, p.ID)
		return err
	})
	if err != nil {
		return Project{}, fmt.Errorf("create project: %w", err)
	}
	a.redactProject(&p)
	return p, nil
}

// newProject checks the fields of a create that need no store and returns
// the project they describe, without members.
func newProject(a Actor, in NewProject) (Project, error) {
	settings := a.Workspace.Settings
	p := Project{ID: NewID(), WorkspaceID: a.Workspace.ID, ClientID: in.ClientID, Color: in.Color,
		Billable: settings.DefaultBillableProjects, Public: settings.IsProjectPublicByDefault,
		TimeEstimate: TimeEstimate{Type: EstimateAuto, IncludeNonBillable: true}}

	var err error
	if p.Name, err = projectName(in.Name); err != nil {
		return Project{}, err
	}
	if p.Color == "" {
		p.Color = defaultProjectColor
	}
	if p.Color, err = projectColor(p.Color); err != nil {
		return Project{}, err
	}
	if p.Note, err = projectNote(in.Note); err != nil {
		return Project{}, err
	}

	if in.Billable != nil {
		p.Billable = *in.Billable
	}
	if in.Public != nil {
		p.Public = *in.Public
	}

	if p.HourlyRate, err = projectRate(in.HourlyRate, a.Workspace); err != nil {
		return Project{}, err
	}
	if p.CostRate, err = projectRate(in.CostRate, a.Workspace); err != nil {
		return Project{}, err
	}

	if in.Estimate != nil {
		if err := applyTimeEstimate(&p.TimeEstimate, *in.Estimate); err != nil {
			return Project{}, err
		}
		p.TimeEstimate.Active = p.TimeEstimate.Estimate > 0 || p.TimeEstimate.Type == EstimateAuto
	}
	return p, nil
}

// CreateProjectFromTemplate creates a project as a copy of another project of
// the workspace: its settings (custom field settings included), rates,
// estimates, members and tasks. Any
// project can serve as the template, marked as one or not.
func (s *Service) CreateProjectFromTemplate(ctx context.Context, a Actor, in ProjectFromTemplate) (Project, error) {
	if err := a.Require(CreateProjects); err != nil {
		return Project{}, err
	}
	name, err := projectName(in.Name)
	if err != nil {
		return Project{}, err
	}
	if in.TemplateID == "" {
		return Project{}, Invalidf("templateProjectId must not be blank")
	}
	var p Project
	err = s.store.Update(ctx, func(tx Tx) error {
		tpl, err := getProject(ctx, tx, a.Workspace.ID, in.TemplateID)
		if err != nil {
			return err
		}
		if err := a.RequireProjectRead(tpl); err != nil {
			return err
		}
		p = tpl
		p.ID, p.Name, p.Template, p.Archived = NewID(), name, false, false
		if in.ClientID != nil {
			p.ClientID = *in.ClientID
		}
		if in.Color != nil {
			if p.Color, err = projectColor(*in.Color); err != nil {
				return err
			}
		}
		if in.Public != nil {
			p.Public = *in.Public
		}
		if err := projectClient(ctx, tx, a.Workspace.ID, p.ClientID); err != nil {
			return err
		}
		p.Members = withMember(slices.Clone(tpl.Members), a.User.ID)
		p.Groups = slices.Clone(tpl.Groups)
		if err := projectConflict(tx.CreateProject(ctx, p), p.Name); err != nil {
			return err
		}
		tasks, err := tx.Tasks(ctx, a.Workspace.ID, tpl.ID, TaskFilter{SortColumn: "NAME", Page: allRows})
		if err != nil {
			return err
		}
		for i := range tasks {
			tasks[i].ID, tasks[i].ProjectID = NewID(), p.ID
			if err := taskConflict(tx.CreateTask(ctx, tasks[i]), tasks[i].Name); err != nil {
				return err
			}
		}
		if err := grantCreator(ctx, tx, a, p.ID); err != nil {
			return err
		}
		if err := copyProjectFields(ctx, tx, a.Workspace.ID, tpl.ID, p.ID); err != nil {
			return err
		}
		if err := recordCopiedRates(ctx, tx, a.Workspace, p, tasks); err != nil {
			return err
		}
		p, err = tx.Project(ctx, a.Workspace.ID, p.ID)
		return err
	})
	if err != nil {
		return Project{}, fmt.Errorf("create project from template %s: %w", in.TemplateID, err)
	}
	a.redactProject(&p)
	return p, nil
}

// changeProject runs change on the locked project, stores the result and
// returns it as read back, with client name and tracked time.
func (s *Service) changeProject(ctx context.Context, a Actor, id string, change func(Tx, *Project) error) (Project, error) {
	var p Project
	err := s.store.Update(ctx, func(tx Tx) error {
		var err error
		p, err = getProject(ctx, tx, a.Workspace.ID, id)
		if err != nil {
			return err
		}
		if err := a.RequireProjectEdit(p); err != nil {
			return err
		}
		if err := change(tx, &p); err != nil {
			return err
		}
		if err := projectConflict(tx.UpdateProject(ctx, p), p.Name); err != nil {
			return err
		}
		p, err = tx.Project(ctx, a.Workspace.ID, id)
		return err
	})
	if err != nil {
		return Project{}, fmt.Errorf("update project %s: %w", id, err)
	}
	a.redactProject(&p)
	return p, nil
}

// UpdateProject changes the fields present in in, as described on
// ProjectUpdate.
func (s *Service) UpdateProject(ctx context.Context, a Actor, id string, in ProjectUpdate) (Project, error) {
	return s.changeProject(ctx, a, id, func(tx Tx, p *Project) error {
		var err error
		if in.Name != nil {
			if p.Name, err = projectName(*in.Name); err != nil {
				return err
			}
		}
		if in.ClientID != nil {
			if err := projectClient(ctx, tx, a.Workspace.ID, *in.ClientID); err != nil {
				return err
			}
			p.ClientID = *in.ClientID
		}
		if in.Color != nil {
			if p.Color, err = projectColor(*in.Color); err != nil {
				return err
			}
		}
		if in.Note != nil {
			if p.Note, err = projectNote(*in.Note); err != nil {
				return err
			}
		}
		if in.Billable != nil {
			p.Billable = *in.Billable
		}
		if in.Public != nil {
			p.Public = *in.Public
		}
		if in.Archived != nil {
			p.Archived = *in.Archived
		}
		if in.HourlyRate != nil {
			if p.HourlyRate, err = projectRate(in.HourlyRate, a.Workspace); err != nil {
				return err
			}
		}
		if in.CostRate != nil {
			if p.CostRate, err = projectRate(in.CostRate, a.Workspace); err != nil {
				return err
			}
		}
		for kind, c := range byKind(in.HourlyRate, in.CostRate) {
			rate := RateRecord{Kind: kind, Level: LevelProject, ProjectID: p.ID}
			if err := recordChange(ctx, tx, a.Workspace, rate, c, tx.Now()); err != nil {
				return err
			}
		}
		return nil
	})
}

// UpdateProjectEstimate changes the time and budget estimates and the reset
// schedule as described on EstimateUpdate. An estimate that becomes
// recurring without a schedule gets defaultReset's, and the schedule is
// dropped when neither estimate recurs and the request does not set one.
func (s *Service) UpdateProjectEstimate(ctx context.Context, a Actor, id string, in EstimateUpdate) (Project, error) {
	return s.changeProject(ctx, a, id, func(_ Tx, p *Project) error {
		if in.Time != nil {
			if err := applyTimeEstimate(&p.TimeEstimate, *in.Time); err != nil {
				return err
			}
		}
		if in.Budget != nil {
			if err := applyBudgetEstimate(&p.BudgetEstimate, *in.Budget); err != nil {
				return err
			}
		}
		if in.Reset != nil {
			if err := checkEstimateReset(*in.Reset); err != nil {
				return err
			}
			p.EstimateReset = in.Reset
		}
		recurring := p.TimeEstimate.ResetOption
		if recurring == "" {
			recurring = p.BudgetEstimate.ResetOption
		}
		switch {
		case recurring != "" && p.EstimateReset == nil:
			p.EstimateReset = defaultReset(recurring)
		case recurring == "" && in.Reset == nil:
			// Neither estimate recurs any more, so the schedule goes too.
			p.EstimateReset = nil
		}
		return nil
	})
}

// ReplaceProjectMembers makes the users in members the project's only
// user members, with the rates given for each, and applies groups, when
// set, to its user group members.
func (s *Service) ReplaceProjectMembers(ctx context.Context, a Actor, id string, members []ProjectMemberChange, groups *GroupMembershipChange) (Project, error) {
	return s.changeProject(ctx, a, id, func(tx Tx, p *Project) error {
		list, err := projectMembers(ctx, tx, a.Workspace, members)
		if err != nil {
			return err
		}
		if groups != nil {
			if err := applyGroupChange(ctx, tx, a.Workspace.ID, p, *groups, true, false); err != nil {
				return err
			}
		}
		if err := recordMemberChanges(ctx, tx, a.Workspace, p.ID, p.Members, members); err != nil {
			return err
		}
		p.Members = list
		return nil
	})
}

// AddProjectMembers adds the users to the project, keeping the rates of
// those who are members already, or removes them when remove is set. It
// applies groups, when set, to the project's user group members.
func (s *Service) AddProjectMembers(ctx context.Context, a Actor, id string, userIDs []string, groups *GroupMembershipChange, remove bool) (Project, error) {
	return s.changeProject(ctx, a, id, func(tx Tx, p *Project) error {
		if groups != nil {
			if err := applyGroupChange(ctx, tx, a.Workspace.ID, p, *groups, false, remove); err != nil {
				return err
			}
		}
		for _, uid := range userIDs {
			if remove {
				if err := unsetMemberRates(ctx, tx, a.Workspace, p, uid); err != nil {
					return err
				}
				p.Members = slices.DeleteFunc(p.Members, func(m ProjectMember) bool { return m.UserID == uid })
				continue
			}
			if slices.ContainsFunc(p.Members, func(m ProjectMember) bool { return m.UserID == uid }) {
				continue
			}
			m, err := newProjectMember(ctx, tx, a.Workspace.ID, uid)
			if err != nil {
				return err
			}
			p.Members = append(p.Members, m)
		}
		return nil
	})
}

// SetProjectTemplate marks the project as a template or unmarks it.
func (s *Service) SetProjectTemplate(ctx context.Context, a Actor, id string, template bool) (Project, error) {
	return s.changeProject(ctx, a, id, func(_ Tx, p *Project) error {
		p.Template = template
		return nil
	})
}

// SetProjectMemberRate sets a project member's billable or cost rate on the
// project. The user must be a member of the project.
func (s *Service) SetProjectMemberRate(ctx context.Context, a Actor, id, userID string, kind RateKind, c RateChange) (Project, error) {
	rate, err := projectRate(&c, a.Workspace)
	if err != nil {
		return Project{}, err
	}
	return s.changeProject(ctx, a, id, func(tx Tx, p *Project) error {
		i := slices.IndexFunc(p.Members, func(m ProjectMember) bool { return m.UserID == userID })
		if i < 0 {
			return Invalidf("User %s is not a member of project %s; add the user to the project first", userID, p.ID)
		}
		if kind == HourlyRate {
			p.Members[i].HourlyRate = rate
		} else {
			p.Members[i].CostRate = rate
		}
		record := RateRecord{Kind: kind, Level: LevelProjectMember, ProjectID: p.ID, UserID: userID}
		return recordChange(ctx, tx, a.Workspace, record, &c, tx.Now())
	})
}

// DeleteProject deletes an archived project with its tasks and memberships
// and returns it. Its time entries are kept and still name the project id.
func (s *Service) DeleteProject(ctx context.Context, a Actor, id string) (Project, error) {
	if err := a.Require(DeleteProjects); err != nil {
		return Project{}, err
	}
	var p Project
	err := s.store.Update(ctx, func(tx Tx) error {
		var err error
		p, err = getProject(ctx, tx, a.Workspace.ID, id)
		if err != nil {
			return err
		}
		if !p.Archived {
			return Invalidf("Cannot delete an active project")
		}
		if err := tx.DeleteRolesOn(ctx, a.Workspace.ID, id); err != nil {
			return err
		}
		return tx.DeleteProject(ctx, a.Workspace.ID, id)
	})
	if err != nil {
		return Project{}, fmt.Errorf("delete project %s: %w", id, err)
	}
	return p, nil
}

// grantCreator makes the creator of a project its manager, as Clockify does.
// Admins manage every project anyway, so they get no grant.
func grantCreator(ctx context.Context, tx Tx, a Actor, projectID string) error {
	if a.IsAdmin() {
		return nil
	}
	return tx.CreateRole(ctx, RoleGrant{WorkspaceID: a.Workspace.ID, UserID: a.User.ID, Role: RoleProjectManager, EntityID: projectID})
}
