package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/iso8601"
)

// projectDTO is Clockify's ProjectDtoImplV1 with the favorite flag that
// clockify-cli reads. Tasks and customFields are sent only for hydrated reads.
// IsPublic and IsTemplate repeat Public and Template because ProjectDtoImplV1,
// which the write routes return, has both spellings. The reads return
// ProjectDtoV1, which has only public and template, so they leave them nil.
type projectDTO struct {
	ID             string             `json:"id"`
	Name           string             `json:"name"`
	WorkspaceID    string             `json:"workspaceId"`
	ClientID       string             `json:"clientId"`
	ClientName     string             `json:"clientName"`
	Color          string             `json:"color"`
	Note           string             `json:"note"`
	Billable       bool               `json:"billable"`
	Public         bool               `json:"public"`
	Template       bool               `json:"template"`
	IsPublic       *bool              `json:"isPublic,omitempty"`
	IsTemplate     *bool              `json:"isTemplate,omitempty"`
	Archived       bool               `json:"archived"`
	Favorite       bool               `json:"favorite"`
	Duration       string             `json:"duration"`
	HourlyRate     *rateDTO           `json:"hourlyRate"`
	CostRate       *rateDTO           `json:"costRate"`
	Memberships    []membershipDTO    `json:"memberships"`
	Estimate       legacyEstimateDTO  `json:"estimate"`
	TimeEstimate   timeEstimateDTO    `json:"timeEstimate"`
	BudgetEstimate *budgetEstimateDTO `json:"budgetEstimate"`
	EstimateReset  *estimateResetDTO  `json:"estimateReset"`
	Tasks          *[]taskDTO         `json:"tasks,omitempty"`
	CustomFields   *[]any             `json:"customFields,omitempty"`
}

// legacyEstimateDTO is the older {estimate, type} form of the time estimate.
type legacyEstimateDTO struct {
	Estimate string `json:"estimate"`
	Type     string `json:"type"`
}

// timeEstimateDTO is the time estimate of a project. It sends the reset option
// under two keys: resetOption, Clockify's name, and resetOptions, the key that
// clockify-cli v0.50.0 decodes. budgetEstimateDTO does the same.
type timeEstimateDTO struct {
	Estimate           string  `json:"estimate"`
	Type               string  `json:"type"`
	ResetOption        *string `json:"resetOption"`
	ResetOptions       *string `json:"resetOptions"`
	Active             bool    `json:"active"`
	IncludeNonBillable bool    `json:"includeNonBillable"`
}

type budgetEstimateDTO struct {
	Estimate        int64   `json:"estimate"`
	Type            string  `json:"type"`
	ResetOption     *string `json:"resetOption"`
	ResetOptions    *string `json:"resetOptions"`
	Active          bool    `json:"active"`
	IncludeExpenses bool    `json:"includeExpenses"`
}

type estimateResetDTO struct {
	Interval   *string `json:"interval"`
	DayOfMonth *int    `json:"dayOfMonth"`
	DayOfWeek  *string `json:"dayOfWeek"`
	Month      *string `json:"month"`
	Hour       *int    `json:"hour"`
	Active     bool    `json:"active"`
}

// optString returns nil for "", so that an unset value renders as null.
func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// optInt returns nil for 0, so that an unset value renders as null.
func optInt(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

// toProject renders p as ProjectDtoImplV1, the shape of the write routes. The
// time estimate is never null and its estimate is PT0S when unset, because
// clockify-cli cannot decode a null there. The budget estimate and the reset
// schedule are null until they are set. An AUTO estimate shows the sum of the
// tasks' estimates.
func toProject(p domain.Project) projectDTO {
	d := projectDTO{ID: p.ID, Name: p.Name, WorkspaceID: p.WorkspaceID, ClientID: p.ClientID,
		ClientName: p.ClientName, Color: p.Color, Note: p.Note, Billable: p.Billable, Public: p.Public,
		Template: p.Template, Archived: p.Archived, Duration: iso8601.FormatDuration(p.Tracked),
		HourlyRate: toRate(p.HourlyRate), CostRate: toRate(p.CostRate),
		Memberships: make([]membershipDTO, len(p.Members), len(p.Members)+len(p.Groups)),
		IsPublic:    &p.Public, IsTemplate: &p.Template}
	for i, m := range p.Members {
		d.Memberships[i] = membershipDTO{UserID: m.UserID, TargetID: p.ID, MembershipType: "PROJECT",
			MembershipStatus: m.Status, HourlyRate: toRate(m.HourlyRate), CostRate: toRate(m.CostRate)}
	}
	// Clockify puts a member group's id in userId.
	for _, g := range p.Groups {
		d.Memberships = append(d.Memberships, membershipDTO{UserID: g.GroupID, TargetID: p.ID,
			MembershipType: "USERGROUP", MembershipStatus: domain.MembershipActive})
	}

	te := p.TimeEstimate
	estimateType := te.Type
	if estimateType == "" {
		estimateType = domain.EstimateAuto
	}
	d.Estimate = legacyEstimateDTO{Estimate: iso8601.FormatDuration(p.EstimatedTime()), Type: estimateType}
	d.TimeEstimate = timeEstimateDTO{Estimate: d.Estimate.Estimate, Type: estimateType,
		ResetOption: optString(te.ResetOption), ResetOptions: optString(te.ResetOption),
		Active: te.Active, IncludeNonBillable: te.IncludeNonBillable}
	if be := p.BudgetEstimate; be.Type != "" {
		d.BudgetEstimate = &budgetEstimateDTO{Estimate: p.EstimatedBudget(), Type: be.Type,
			ResetOption: optString(be.ResetOption), ResetOptions: optString(be.ResetOption),
			Active: be.Active, IncludeExpenses: be.IncludeExpenses}
	}
	if r := p.EstimateReset; r != nil {
		d.EstimateReset = &estimateResetDTO{Interval: optString(r.Interval), DayOfMonth: optInt(r.DayOfMonth),
			DayOfWeek: optString(r.DayOfWeek), Month: optString(r.Month), Hour: &r.Hour, Active: r.Active}
	}
	return d
}

// toProjectView renders a project read as ProjectDtoV1, with its tasks and
// an empty customFields list when hydrated.
func toProjectView(v domain.ProjectView, hydrated bool) projectDTO {
	d := toProject(v.Project)
	d.IsPublic, d.IsTemplate = nil, nil
	if hydrated {
		tasks := make([]taskDTO, len(v.Tasks))
		for i, t := range v.Tasks {
			tasks[i] = toTask(t)
		}
		fields := []any{}
		d.Tasks, d.CustomFields = &tasks, &fields
	}
	return d
}

// optRate converts an optional rate body.
func optRate(r *rateRequest) (*domain.RateChange, error) {
	if r == nil {
		return nil, nil
	}
	c, err := r.change()
	return &c, err
}

// upperPtr upper-cases an optional enum value.
func upperPtr(s *string) *string {
	if s == nil {
		return nil
	}
	up := strings.ToUpper(*s)
	return &up
}

var projectSortColumns = []string{"ID", "NAME", "CLIENT_NAME", "DURATION", "BUDGET", "PROGRESS"}

// listProjects serves GET /v1/workspaces/{workspaceId}/projects.
func (s *Server) listProjects(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	f, hydrated, err := projectFilter(readQuery(r))
	if err != nil {
		return err
	}

	list, last, err := s.svc.Projects(r.Context(), a, f, hydrated)
	if err != nil {
		return err
	}

	out := make([]projectDTO, len(list))
	for i, v := range list {
		out[i] = toProjectView(v, hydrated)
	}
	writeList(w, out, last)
	return nil
}

// projectFilter reads the query of the project list. An absent archived
// selects archived and active projects alike.
func projectFilter(q query) (domain.ProjectFilter, bool, error) {
	f := domain.ProjectFilter{Name: q.str("name"), ClientIDs: q.list("clients"), UserIDs: q.list("users"),
		UserGroupIDs: q.list("userGroups")}
	var err error
	if f.ContainsGroup, err = q.boolOr("contains-group", true); err != nil {
		return f, false, err
	}
	if err := checkExpenseParams(q); err != nil {
		return f, false, err
	}
	if f.StrictName, err = q.boolOr("strict-name-search", false); err != nil {
		return f, false, err
	}
	if f.Archived, err = q.optBool("archived"); err != nil {
		return f, false, err
	}
	if f.Billable, err = q.optBool("billable"); err != nil {
		return f, false, err
	}
	if f.Template, err = q.optBool("is-template"); err != nil {
		return f, false, err
	}

	if f.ContainsClient, err = q.boolOr("contains-client", true); err != nil {
		return f, false, err
	}
	if f.ClientStatus, err = q.enum("client-status", "", "ACTIVE", "ARCHIVED", "ALL"); err != nil {
		return f, false, err
	}
	if f.ContainsUser, err = q.boolOr("contains-user", true); err != nil {
		return f, false, err
	}
	statuses := []string{domain.MembershipPending, domain.MembershipActive, domain.MembershipDeclined, domain.MembershipInactive, "ALL"}
	if f.UserStatus, err = q.enum("user-status", "", statuses...); err != nil {
		return f, false, err
	}

	access, err := q.enum("access", "", "PUBLIC", "PRIVATE")
	if err != nil {
		return f, false, err
	}
	if access != "" {
		f.Public = new(access == "PUBLIC")
	}

	if f.SortColumn, err = q.enum("sort-column", "NAME", projectSortColumns...); err != nil {
		return f, false, err
	}
	if f.SortOrder, err = q.sortOrder(); err != nil {
		return f, false, err
	}
	if f.Page, err = q.page(defaultPageSize, maxPageSize); err != nil {
		return f, false, err
	}

	hydrated, err := q.boolOr("hydrated", false)
	return f, hydrated, err
}

// checkExpenseParams checks expense-limit (a whole number) and expense-date
// (yyyy-MM-dd) of the project reads. Both select the expenses of a hydrated
// project, which Punchclock does not track, so they have no effect.
func checkExpenseParams(q query) error {
	if v := q.str("expense-limit"); v != "" {
		if n, err := strconv.ParseInt(v, 10, 32); err != nil || n < 0 {
			return badParam("Method parameter 'expense-limit': invalid value '%s'; use a whole number of at least 0", v)
		}
	}
	if v := q.str("expense-date"); v != "" {
		if _, err := time.Parse(time.DateOnly, v); err != nil {
			return badParam("Method parameter 'expense-date': invalid date '%s'; use yyyy-MM-dd such as 2024-12-31", v)
		}
	}
	return nil
}

// projectTaskRequest is a task inside a project create body.
type projectTaskRequest struct {
	Name           string       `json:"name"`
	AssigneeIDs    []string     `json:"assigneeIds"`
	AssigneeID     string       `json:"assigneeId"`
	UserGroupIDs   []string     `json:"userGroupIds"`
	Estimate       *string      `json:"estimate"`
	Status         string       `json:"status"`
	Billable       *bool        `json:"billable"`
	BudgetEstimate *int64       `json:"budgetEstimate"`
	HourlyRate     *rateRequest `json:"hourlyRate"`
	CostRate       *rateRequest `json:"costRate"`
}

// createProject serves POST /v1/workspaces/{workspaceId}/projects.
func (s *Server) createProject(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body struct {
		Name       string       `json:"name"`
		ClientID   string       `json:"clientId"`
		Color      string       `json:"color"`
		Note       string       `json:"note"`
		Billable   *bool        `json:"billable"`
		IsPublic   *bool        `json:"isPublic"`
		Public     *bool        `json:"public"`
		HourlyRate *rateRequest `json:"hourlyRate"`
		CostRate   *rateRequest `json:"costRate"`
		Estimate   *struct {
			Estimate *string `json:"estimate"`
			Type     *string `json:"type"`
		} `json:"estimate"`
		Memberships []struct {
			UserID         string       `json:"userId"`
			HourlyRate     *rateRequest `json:"hourlyRate"`
			MembershipType string       `json:"membershipType"`
		} `json:"memberships"`
		Tasks []projectTaskRequest `json:"tasks"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}

	in := domain.NewProject{Name: body.Name, ClientID: body.ClientID, Color: body.Color, Note: body.Note,
		Billable: body.Billable, Public: firstNonNil(body.IsPublic, body.Public)}
	var err error
	if in.HourlyRate, err = optRate(body.HourlyRate); err != nil {
		return err
	}
	if in.CostRate, err = optRate(body.CostRate); err != nil {
		return err
	}
	if e := body.Estimate; e != nil {
		in.Estimate = &domain.TimeEstimateChange{Type: upperPtr(e.Type)}
		if in.Estimate.Estimate, err = bodyDuration("estimate.estimate", e.Estimate); err != nil {
			return err
		}
	}

	for _, m := range body.Memberships {
		if strings.EqualFold(m.MembershipType, "USERGROUP") {
			in.GroupIDs = append(in.GroupIDs, m.UserID) // a group's id comes in userId
			continue
		}
		change := domain.ProjectMemberChange{UserID: m.UserID}
		if change.HourlyRate, err = optRate(m.HourlyRate); err != nil {
			return err
		}
		in.Members = append(in.Members, change)
	}

	for _, t := range body.Tasks {
		nt := domain.NewTask{Name: t.Name, AssigneeIDs: t.AssigneeIDs, AssigneeID: t.AssigneeID,
			UserGroupIDs: t.UserGroupIDs, Status: t.Status, Billable: t.Billable, BudgetEstimate: t.BudgetEstimate}
		if nt.Estimate, err = bodyDuration("tasks.estimate", t.Estimate); err != nil {
			return err
		}
		if nt.HourlyRate, err = optRate(t.HourlyRate); err != nil {
			return err
		}
		if nt.CostRate, err = optRate(t.CostRate); err != nil {
			return err
		}
		in.Tasks = append(in.Tasks, nt)
	}

	p, err := s.svc.CreateProject(r.Context(), a, in)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusCreated, toProject(p))
	return nil
}

// firstNonNil returns the first value that is not nil, for fields that
// clients send under more than one key. Clockify names the project's public
// flag isPublic in requests, for example, and clockify-cli also sends it as
// public.
func firstNonNil[T any](values ...*T) *T {
	for _, v := range values {
		if v != nil {
			return v
		}
	}
	return nil
}

// createProjectFromTemplate serves POST
// /v1/workspaces/{workspaceId}/projects/from-template. It returns 200, not
// 201, as Clockify does.
func (s *Server) createProjectFromTemplate(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body struct {
		Name              string  `json:"name"`
		TemplateProjectID string  `json:"templateProjectId"`
		ClientID          *string `json:"clientId"`
		Color             *string `json:"color"`
		IsPublic          *bool   `json:"isPublic"`
		Public            *bool   `json:"public"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}

	p, err := s.svc.CreateProjectFromTemplate(r.Context(), a, domain.ProjectFromTemplate{Name: body.Name,
		TemplateID: body.TemplateProjectID, ClientID: body.ClientID, Color: body.Color,
		Public: firstNonNil(body.IsPublic, body.Public)})
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toProject(p))
	return nil
}

// getProject serves GET /v1/workspaces/{workspaceId}/projects/{projectId}.
// custom-field-entity-type is read but has no effect, because a hydrated
// project's customFields list is always empty.
func (s *Server) getProject(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	q := readQuery(r)
	hydrated, err := q.boolOr("hydrated", false)
	if err != nil {
		return err
	}
	if err := checkExpenseParams(q); err != nil {
		return err
	}

	v, err := s.svc.Project(r.Context(), a, r.PathValue("projectId"), hydrated)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toProjectView(v, hydrated))
	return nil
}

// updateProject serves PUT /v1/workspaces/{workspaceId}/projects/{projectId}
// as a partial update: clockify-cli sends only the fields it changes.
func (s *Server) updateProject(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body struct {
		Name       *string      `json:"name"`
		ClientID   *string      `json:"clientId"`
		Color      *string      `json:"color"`
		Note       *string      `json:"note"`
		Billable   *bool        `json:"billable"`
		IsPublic   *bool        `json:"isPublic"`
		Public     *bool        `json:"public"`
		Archived   *bool        `json:"archived"`
		HourlyRate *rateRequest `json:"hourlyRate"`
		CostRate   *rateRequest `json:"costRate"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}

	in := domain.ProjectUpdate{Name: body.Name, ClientID: body.ClientID, Color: body.Color, Note: body.Note,
		Billable: body.Billable, Public: firstNonNil(body.IsPublic, body.Public), Archived: body.Archived}
	var err error
	if in.HourlyRate, err = optRate(body.HourlyRate); err != nil {
		return err
	}
	if in.CostRate, err = optRate(body.CostRate); err != nil {
		return err
	}

	p, err := s.svc.UpdateProject(r.Context(), a, r.PathValue("projectId"), in)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toProject(p))
	return nil
}

// deleteProject serves DELETE /v1/workspaces/{workspaceId}/projects/{projectId}.
func (s *Server) deleteProject(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	p, err := s.svc.DeleteProject(r.Context(), a, r.PathValue("projectId"))
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toProject(p))
	return nil
}

// updateProjectEstimate serves PATCH
// /v1/workspaces/{workspaceId}/projects/{projectId}/estimate. Fields left
// out keep their value. The reset option is read from resetOption, or from
// resetOptions as clockify-cli names it in responses.
func (s *Server) updateProjectEstimate(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body struct {
		TimeEstimate *struct {
			Estimate           *string `json:"estimate"`
			Type               *string `json:"type"`
			ResetOption        *string `json:"resetOption"`
			ResetOptions       *string `json:"resetOptions"`
			Active             *bool   `json:"active"`
			IncludeNonBillable *bool   `json:"includeNonBillable"`
		} `json:"timeEstimate"`
		BudgetEstimate *struct {
			Estimate        *int64  `json:"estimate"`
			Type            *string `json:"type"`
			ResetOption     *string `json:"resetOption"`
			ResetOptions    *string `json:"resetOptions"`
			Active          *bool   `json:"active"`
			IncludeExpenses *bool   `json:"includeExpenses"`
		} `json:"budgetEstimate"`
		EstimateReset *struct {
			Interval   string `json:"interval"`
			DayOfMonth int    `json:"dayOfMonth"`
			DayOfWeek  string `json:"dayOfWeek"`
			Month      string `json:"month"`
			Hour       int    `json:"hour"`
			Active     *bool  `json:"active"`
			IsActive   *bool  `json:"isActive"`
		} `json:"estimateReset"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}

	var in domain.EstimateUpdate
	if t := body.TimeEstimate; t != nil {
		in.Time = &domain.TimeEstimateChange{Type: upperPtr(t.Type),
			ResetOption: upperPtr(firstNonNil(t.ResetOption, t.ResetOptions)),
			Active:      t.Active, IncludeNonBillable: t.IncludeNonBillable}
		var err error
		if in.Time.Estimate, err = bodyDuration("timeEstimate.estimate", t.Estimate); err != nil {
			return err
		}
	}
	if b := body.BudgetEstimate; b != nil {
		in.Budget = &domain.BudgetEstimateChange{Estimate: b.Estimate, Type: upperPtr(b.Type),
			ResetOption: upperPtr(firstNonNil(b.ResetOption, b.ResetOptions)),
			Active:      b.Active, IncludeExpenses: b.IncludeExpenses}
	}
	if e := body.EstimateReset; e != nil {
		active := firstNonNil(e.Active, e.IsActive)
		in.Reset = &domain.EstimateReset{Interval: strings.ToUpper(e.Interval), DayOfMonth: e.DayOfMonth,
			DayOfWeek: strings.ToUpper(e.DayOfWeek), Month: strings.ToUpper(e.Month), Hour: e.Hour,
			Active: active == nil || *active}
	}

	p, err := s.svc.UpdateProjectEstimate(r.Context(), a, r.PathValue("projectId"), in)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toProject(p))
	return nil
}

// userGroupsRequest is the userGroups object of the project membership
// routes.
type userGroupsRequest struct {
	Contains string   `json:"contains"`
	IDs      []string `json:"ids"`
	Status   string   `json:"status"`
}

// change returns the domain form of b, or nil when b is absent.
func (b *userGroupsRequest) change() *domain.GroupMembershipChange {
	if b == nil {
		return nil
	}
	return &domain.GroupMembershipChange{Contains: strings.ToUpper(b.Contains), IDs: b.IDs, Status: strings.ToUpper(b.Status)}
}

// replaceProjectMemberships serves PATCH
// /v1/workspaces/{workspaceId}/projects/{projectId}/memberships.
func (s *Server) replaceProjectMemberships(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body struct {
		Memberships *[]struct {
			UserID     string       `json:"userId"`
			HourlyRate *rateRequest `json:"hourlyRate"`
			CostRate   *rateRequest `json:"costRate"`
		} `json:"memberships"`
		UserGroups *userGroupsRequest `json:"userGroups"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if body.Memberships == nil {
		return domain.Invalidf("memberships must not be null")
	}

	changes := make([]domain.ProjectMemberChange, len(*body.Memberships))
	for i, m := range *body.Memberships {
		changes[i].UserID = m.UserID
		var err error
		if changes[i].HourlyRate, err = optRate(m.HourlyRate); err != nil {
			return err
		}
		if changes[i].CostRate, err = optRate(m.CostRate); err != nil {
			return err
		}
	}

	p, err := s.svc.ReplaceProjectMembers(r.Context(), a, r.PathValue("projectId"), changes, body.UserGroups.change())
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toProject(p))
	return nil
}

// addProjectMemberships serves POST
// /v1/workspaces/{workspaceId}/projects/{projectId}/memberships.
func (s *Server) addProjectMemberships(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body struct {
		UserIDs    []string           `json:"userIds"`
		UserGroups *userGroupsRequest `json:"userGroups"`
		Remove     bool               `json:"remove"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}

	p, err := s.svc.AddProjectMembers(r.Context(), a, r.PathValue("projectId"), body.UserIDs, body.UserGroups.change(), body.Remove)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toProject(p))
	return nil
}

// updateProjectTemplate serves PATCH
// /v1/workspaces/{workspaceId}/projects/{projectId}/template.
func (s *Server) updateProjectTemplate(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body struct {
		IsTemplate bool `json:"isTemplate"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}

	p, err := s.svc.SetProjectTemplate(r.Context(), a, r.PathValue("projectId"), body.IsTemplate)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toProject(p))
	return nil
}

// setProjectMemberHourlyRate serves PUT
// /v1/workspaces/{workspaceId}/projects/{projectId}/users/{userId}/hourly-rate.
func (s *Server) setProjectMemberHourlyRate(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return s.setProjectMemberRate(w, r, a, domain.HourlyRate)
}

// setProjectMemberCostRate serves PUT
// /v1/workspaces/{workspaceId}/projects/{projectId}/users/{userId}/cost-rate.
func (s *Server) setProjectMemberCostRate(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return s.setProjectMemberRate(w, r, a, domain.CostRate)
}

func (s *Server) setProjectMemberRate(w http.ResponseWriter, r *http.Request, a domain.Actor, kind domain.RateKind) error {
	change, err := decodeRate(r)
	if err != nil {
		return err
	}

	p, err := s.svc.SetProjectMemberRate(r.Context(), a, r.PathValue("projectId"), r.PathValue("userId"), kind, change)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toProject(p))
	return nil
}
