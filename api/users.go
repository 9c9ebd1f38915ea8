package api

import (
	"cmp"
	"net/http"
	"slices"
	"strings"

	"github.com/punchclock/punchclock/domain"
)

type userSettingsDTO struct {
	WeekStart                   string         `json:"weekStart"`
	TimeZone                    string         `json:"timeZone"`
	TimeFormat                  string         `json:"timeFormat"`
	DateFormat                  string         `json:"dateFormat"`
	Lang                        string         `json:"lang"`
	Theme                       string         `json:"theme"`
	MyStartOfDay                string         `json:"myStartOfDay"`
	SendNewsletter              bool           `json:"sendNewsletter"`
	WeeklyUpdates               bool           `json:"weeklyUpdates"`
	LongRunning                 bool           `json:"longRunning"`
	ScheduledReports            bool           `json:"scheduledReports"`
	Approval                    bool           `json:"approval"`
	Pto                         bool           `json:"pto"`
	Alerts                      bool           `json:"alerts"`
	Reminders                   bool           `json:"reminders"`
	TimeTrackingManual          bool           `json:"timeTrackingManual"`
	IsCompactViewOn             bool           `json:"isCompactViewOn"`
	DashboardSelection          string         `json:"dashboardSelection"`
	DashboardViewType           string         `json:"dashboardViewType"`
	DashboardPinToTop           bool           `json:"dashboardPinToTop"`
	ProjectListCollapse         int            `json:"projectListCollapse"`
	CollapseAllProjectLists     bool           `json:"collapseAllProjectLists"`
	GroupSimilarEntriesDisabled bool           `json:"groupSimilarEntriesDisabled"`
	InvoiceReminders            bool           `json:"invoiceReminders"`
	MultiFactorEnabled          bool           `json:"multiFactorEnabled"`
	Onboarding                  bool           `json:"onboarding"`
	ProjectPickerTaskFilter     bool           `json:"projectPickerTaskFilter"`
	Scheduling                  bool           `json:"scheduling"`
	ShowOnlyWorkingDays         bool           `json:"showOnlyWorkingDays"`
	SummaryReportSettings       map[string]any `json:"summaryReportSettings"`
}

type roleEntityDTO struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type roleDTO struct {
	Role     string          `json:"role"`
	Entities []roleEntityDTO `json:"entities"`
}

type userDTO struct {
	ID               string              `json:"id"`
	Email            string              `json:"email"`
	Name             *string             `json:"name"`
	ProfilePicture   string              `json:"profilePicture"`
	ActiveWorkspace  string              `json:"activeWorkspace"`
	DefaultWorkspace string              `json:"defaultWorkspace"`
	Status           string              `json:"status"`
	Settings         userSettingsDTO     `json:"settings"`
	Memberships      []membershipDTO     `json:"memberships"`
	CustomFields     []userFieldValueDTO `json:"customFields"`
	Roles            *[]roleDTO          `json:"roles,omitempty"` // present only with include-roles
}

func toUser(u domain.User) userDTO {
	var name *string
	if u.Name != "" {
		name = &u.Name
	}
	return userDTO{
		ID: u.ID, Email: u.Email, Name: name, ProfilePicture: u.ProfilePicture,
		ActiveWorkspace: u.ActiveWorkspace, DefaultWorkspace: u.DefaultWorkspace, Status: u.Status,
		Settings: userSettingsDTO{
			WeekStart: u.WeekStart, TimeZone: u.TimeZone, TimeFormat: "HOUR24", DateFormat: "YYYY-MM-DD",
			Lang: "EN", Theme: "DEFAULT", MyStartOfDay: "09:00", DashboardSelection: "ME",
			DashboardViewType: "PROJECT", ProjectListCollapse: 50,
			SummaryReportSettings: map[string]any{"group": "PROJECT", "subgroup": "CLIENT"},
		},
		Memberships: []membershipDTO{},
		// NOTE: GET /user shows no custom field values, because which
		// workspace's values Clockify shows there is not documented. The
		// member lists show them.
		CustomFields: []userFieldValueDTO{},
	}
}

// toMemberUser renders a workspace member as a user, with the memberships
// (NONE, ALL, WORKSPACE or PROJECT) and roles that the query requests.
func toMemberUser(m domain.Member, memberships string, withRoles bool) userDTO {
	d := toUser(m.User)
	for _, v := range m.CustomFields {
		d.CustomFields = append(d.CustomFields, toUserFieldValue(v))
	}
	if memberships == "ALL" || memberships == "WORKSPACE" {
		d.Memberships = append(d.Memberships, toWorkspaceMembership(m))
	}
	if memberships == "ALL" || memberships == "PROJECT" {
		for _, p := range m.Projects {
			d.Memberships = append(d.Memberships, membershipDTO{UserID: p.UserID, TargetID: p.ProjectID,
				MembershipType: "PROJECT", MembershipStatus: p.Status,
				HourlyRate: toRate(p.HourlyRate), CostRate: toRate(p.CostRate)})
		}
	}
	if memberships == "ALL" || memberships == "USERGROUP" {
		for _, id := range m.GroupIDs {
			d.Memberships = append(d.Memberships, membershipDTO{UserID: m.UserID, TargetID: id,
				MembershipType: "USERGROUP", MembershipStatus: domain.MembershipActive})
		}
	}
	if !withRoles {
		return d
	}
	d.Roles = toRoleList(m.Roles)
	return d
}

// toRoleList groups a member's roles by role, in the order they come: the
// workspace role first, then the manager roles with their entities.
func toRoleList(details []domain.RoleDetail) *[]roleDTO {
	roles := []roleDTO{}
	for _, r := range details {
		i := slices.IndexFunc(roles, func(d roleDTO) bool { return d.Role == r.Role })
		if i < 0 {
			roles = append(roles, roleDTO{Role: r.Role, Entities: []roleEntityDTO{}})
			i = len(roles) - 1
		}
		roles[i].Entities = append(roles[i].Entities, roleEntityDTO{ID: r.EntityID, Name: r.EntityName})
	}
	return &roles
}

// getCurrentUser serves GET /v1/user.
func (s *Server) getCurrentUser(w http.ResponseWriter, r *http.Request, u domain.User) error {
	q := readQuery(r)
	withMemberships, err := q.boolOr("include-memberships", false)
	if err != nil {
		return err
	}

	d := toUser(u)
	if withMemberships {
		views, err := s.svc.Workspaces(r.Context(), u, nil)
		if err != nil {
			return err
		}
		for _, v := range views {
			for _, m := range v.Members {
				if m.UserID == u.ID {
					d.Memberships = append(d.Memberships, toWorkspaceMembership(m))
				}
			}
		}
	}

	writeJSON(w, http.StatusOK, d)
	return nil
}

var (
	memberStatuses    = []string{"PENDING", "ACTIVE", "DECLINED", "INACTIVE", "ALL"}
	accountStatuses   = []string{"ACTIVE", "PENDING_EMAIL_VERIFICATION", "DELETED", "NOT_REGISTERED", "LIMITED", "LIMITED_DELETED"}
	memberSortColumns = []string{"ID", "EMAIL", "NAME", "NAME_LOWERCASE", "ACCESS", "HOURLYRATE", "COSTRATE"}
	membershipsParam  = []string{"ALL", "NONE", "WORKSPACE", "PROJECT", "USERGROUP"}
)

// listMembers serves GET /v1/workspaces/{workspaceId}/users.
func (s *Server) listMembers(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	q := readQuery(r)
	f := domain.MemberFilter{Email: q.str("email"), Name: q.str("name"), ProjectID: q.str("project-id")}
	if f.ProjectID == "" {
		f.ProjectID = q.str("projectId")
	}
	status, err := q.enum("status", "", memberStatuses...)
	if err != nil {
		return err
	}
	if status != "" && status != "ALL" {
		f.Statuses = []string{status}
	}
	accountsParam := "account-statuses"
	if !q.has(accountsParam) {
		accountsParam = "accountStatuses"
	}
	if f.Accounts, err = q.enumList(accountsParam, accountStatuses...); err != nil {
		return err
	}
	if len(f.Accounts) == 0 {
		f.Accounts = []string{"ACTIVE", "PENDING_EMAIL_VERIFICATION", "NOT_REGISTERED"}
	}
	if f.SortColumn, err = q.enum("sort-column", "EMAIL", memberSortColumns...); err != nil {
		return err
	}
	if f.SortOrder, err = q.sortOrder(); err != nil {
		return err
	}
	if f.Page, err = q.page(defaultPageSize, maxPageSize); err != nil {
		return err
	}
	memberships, err := q.enum("memberships", "NONE", membershipsParam...)
	if err != nil {
		return err
	}
	rolesParam := "include-roles"
	if !q.has(rolesParam) {
		rolesParam = "includeRoles"
	}
	withRoles, err := q.boolOr(rolesParam, false)
	if err != nil {
		return err
	}

	return s.writeMembers(w, r, a, f, memberships, withRoles)
}

// writeMembers lists the members f selects, with the memberships and roles
// asked for.
func (s *Server) writeMembers(w http.ResponseWriter, r *http.Request, a domain.Actor, f domain.MemberFilter, memberships string, withRoles bool) error {
	f.WithProjects = memberships == "ALL" || memberships == "PROJECT"
	f.WithGroups = memberships == "ALL" || memberships == "USERGROUP"
	f.WithRoles = withRoles

	members, last, err := s.svc.Members(r.Context(), a, f)
	if err != nil {
		return err
	}

	out := make([]userDTO, len(members))
	for i, m := range members {
		out[i] = toMemberUser(m, memberships, withRoles)
	}
	writeList(w, out, last)
	return nil
}

// memberFilterBody is the body of POST /users/info: the filters of
// GET /users as JSON fields, plus roles and userGroups.
type memberFilterBody struct {
	Email           string   `json:"email"`
	ProjectID       string   `json:"projectId"`
	Status          string   `json:"status"`
	AccountStatuses []string `json:"accountStatuses"`
	Name            string   `json:"name"`
	SortColumn      string   `json:"sortColumn"`
	SortOrder       string   `json:"sortOrder"`
	Page            *int     `json:"page"`
	PageSize        *int     `json:"pageSize"`
	Memberships     string   `json:"memberships"`
	IncludeRoles    bool     `json:"includeRoles"`
	Roles           []string `json:"roles"`
	UserGroups      []string `json:"userGroups"`
}

// bodyEnum checks that a body field holds one of allowed, or is empty.
func bodyEnum(field, value string, allowed []string) (string, error) {
	if value == "" || slices.Contains(allowed, strings.ToUpper(value)) {
		return strings.ToUpper(value), nil
	}
	return "", badBody("JSON parse error: field '%s' has invalid value %q; use one of %s", field, value, strings.Join(allowed, ", "))
}

// workspaceRoleMembers maps the roles filter to workspace roles. Owners
// count as admins, as Clockify's filter counts them.
var workspaceRoleMembers = map[string][]domain.Role{
	"WORKSPACE_ADMIN": {domain.RoleAdmin, domain.RoleOwner},
	"OWNER":           {domain.RoleOwner},
}

// managerRoleMembers maps the roles filter to manager roles, which members
// hold on a user, a user group or a project.
var managerRoleMembers = map[string]domain.Role{
	"TEAM_MANAGER":    domain.RoleTeamManager,
	"PROJECT_MANAGER": domain.RoleProjectManager,
}

var roleFilterValues = []string{"OWNER", "PROJECT_MANAGER", "TEAM_MANAGER", "WORKSPACE_ADMIN"}

// filterMembers serves POST /v1/workspaces/{workspaceId}/users/info.
func (s *Server) filterMembers(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body memberFilterBody
	if err := decodeJSON(r, &body); err != nil {
		return err
	}

	f := domain.MemberFilter{Email: body.Email, Name: body.Name, ProjectID: body.ProjectID}
	status, err := bodyEnum("status", body.Status, memberStatuses)
	if err != nil {
		return err
	}
	if status != "" && status != "ALL" {
		f.Statuses = []string{status}
	}
	for _, st := range body.AccountStatuses {
		st, err := bodyEnum("accountStatuses", st, accountStatuses)
		if err != nil {
			return err
		}
		f.Accounts = append(f.Accounts, st)
	}
	if len(f.Accounts) == 0 {
		f.Accounts = []string{"ACTIVE", "PENDING_EMAIL_VERIFICATION", "NOT_REGISTERED"}
	}
	if f.SortColumn, err = bodyEnum("sortColumn", body.SortColumn, memberSortColumns); err != nil {
		return err
	}
	f.SortColumn = cmp.Or(f.SortColumn, "EMAIL")
	order, err := bodyEnum("sortOrder", body.SortOrder, []string{string(domain.Ascending), string(domain.Descending)})
	if err != nil {
		return err
	}
	f.SortOrder = domain.SortOrder(cmp.Or(order, string(domain.Ascending)))
	f.Page = domain.Page{Number: 1, Size: defaultPageSize}
	if body.Page != nil {
		if *body.Page < 1 {
			return domain.Invalidf("page must be at least 1, got %d", *body.Page)
		}
		f.Page.Number = *body.Page
	}
	if body.PageSize != nil {
		if *body.PageSize < 1 || *body.PageSize > maxPageSize {
			return domain.Invalidf("pageSize must be from 1 to %d, got %d", maxPageSize, *body.PageSize)
		}
		f.Page.Size = *body.PageSize
	}
	memberships, err := bodyEnum("memberships", body.Memberships, membershipsParam)
	if err != nil {
		return err
	}
	memberships = cmp.Or(memberships, "NONE")
	for _, role := range body.Roles {
		role, err := bodyEnum("roles", role, roleFilterValues)
		if err != nil {
			return err
		}
		f.Roles = append(f.Roles, workspaceRoleMembers[role]...)
		if manager, ok := managerRoleMembers[role]; ok {
			f.ManagerRoles = append(f.ManagerRoles, manager)
		}
	}
	if len(body.UserGroups) > 0 {
		f.GroupIDs = body.UserGroups
	}

	return s.writeMembers(w, r, a, f, memberships, body.IncludeRoles)
}

// addMember serves POST /v1/workspaces/{workspaceId}/users. Clockify's spec
// marks send-email required, but it is optional here: Punchclock sends no
// email, so the flag is checked and has no effect.
func (s *Server) addMember(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	if _, err := readQuery(r).boolOr("send-email", true); err != nil {
		return err
	}
	var body struct {
		Email string `json:"email"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}

	v, err := s.svc.AddMember(r.Context(), a, body.Email)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toWorkspace(v))
	return nil
}

// updateMemberStatus serves PUT /v1/workspaces/{workspaceId}/users/{userId}.
func (s *Server) updateMemberStatus(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body struct {
		Status string `json:"status"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if body.Status == "" {
		return domain.Invalidf("status must not be null")
	}
	status, err := bodyEnum("status", body.Status, []string{domain.MembershipActive, domain.MembershipInactive})
	if err != nil {
		return err
	}

	v, err := s.svc.SetMemberStatus(r.Context(), a, r.PathValue("userId"), status)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toWorkspace(v))
	return nil
}

func (s *Server) setMemberHourlyRate(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return s.setMemberRate(w, r, a, domain.HourlyRate)
}

func (s *Server) setMemberCostRate(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return s.setMemberRate(w, r, a, domain.CostRate)
}

// setMemberRate serves PUT .../users/{userId}/hourly-rate and .../cost-rate.
func (s *Server) setMemberRate(w http.ResponseWriter, r *http.Request, a domain.Actor, kind domain.RateKind) error {
	change, err := decodeRate(r)
	if err != nil {
		return err
	}

	v, err := s.svc.SetMemberRate(r.Context(), a, r.PathValue("userId"), kind, change)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toWorkspace(v))
	return nil
}
