package api

import (
	"net/http"

	"github.com/punchclock/punchclock/domain"
)

type roundDTO struct {
	Round   string `json:"round"`
	Minutes string `json:"minutes"`
}

type entityPermissionsDTO struct {
	WhoCanCreateProjectsAndClients string `json:"whoCanCreateProjectsAndClients"`
	WhoCanCreateTags               string `json:"whoCanCreateTags"`
	WhoCanCreateTasks              string `json:"whoCanCreateTasks"`
}

// automaticLockDTO is Clockify's schedule for locking old entries. Punchclock
// locks entries only at the lockTimeEntries instant, so it is always null.
type automaticLockDTO struct {
	ChangeDay       string `json:"changeDay"`
	DayOfMonth      int    `json:"dayOfMonth"`
	FirstDay        string `json:"firstDay"`
	OlderThanPeriod string `json:"olderThanPeriod"`
	OlderThanValue  int    `json:"olderThanValue"`
	Type            string `json:"type"`
}

type workspaceSettingsDTO struct {
	TimeRoundingInReports              bool                 `json:"timeRoundingInReports"`
	OnlyAdminsSeeBillableRates         bool                 `json:"onlyAdminsSeeBillableRates"`
	OnlyAdminsCreateProject            bool                 `json:"onlyAdminsCreateProject"`
	OnlyAdminsSeeDashboard             bool                 `json:"onlyAdminsSeeDashboard"`
	DefaultBillableProjects            bool                 `json:"defaultBillableProjects"`
	LockTimeEntries                    *string              `json:"lockTimeEntries"`
	LockTimeZone                       *string              `json:"lockTimeZone"`
	Round                              roundDTO             `json:"round"`
	ProjectFavorites                   bool                 `json:"projectFavorites"`
	CanSeeTimeSheet                    bool                 `json:"canSeeTimeSheet"`
	CanSeeTracker                      bool                 `json:"canSeeTracker"`
	ProjectPickerSpecialFilter         bool                 `json:"projectPickerSpecialFilter"`
	ForceProjects                      bool                 `json:"forceProjects"`
	ForceTasks                         bool                 `json:"forceTasks"`
	ForceTags                          bool                 `json:"forceTags"`
	ForceDescription                   bool                 `json:"forceDescription"`
	OnlyAdminsSeeAllTimeEntries        bool                 `json:"onlyAdminsSeeAllTimeEntries"`
	OnlyAdminsSeePublicProjectsEntries bool                 `json:"onlyAdminsSeePublicProjectsEntries"`
	TrackTimeDownToSecond              bool                 `json:"trackTimeDownToSecond"`
	ProjectGroupingLabel               string               `json:"projectGroupingLabel"`
	AdminOnlyPages                     []string             `json:"adminOnlyPages"`
	AutomaticLock                      *automaticLockDTO    `json:"automaticLock"`
	OnlyAdminsCreateTag                bool                 `json:"onlyAdminsCreateTag"`
	OnlyAdminsCreateTask               bool                 `json:"onlyAdminsCreateTask"`
	TimeTrackingMode                   string               `json:"timeTrackingMode"`
	IsProjectPublicByDefault           bool                 `json:"isProjectPublicByDefault"`
	MultiFactorEnabled                 bool                 `json:"multiFactorEnabled"`
	NumberFormat                       string               `json:"numberFormat"`
	CurrencyFormat                     string               `json:"currencyFormat"`
	DurationFormat                     string               `json:"durationFormat"`
	WorkingDays                        []string             `json:"workingDays"`
	ActiveBillableHours                bool                 `json:"activeBillableHours"`
	OnlyAdminsCanChangeBillableStatus  bool                 `json:"onlyAdminsCanChangeBillableStatus"`
	EntityCreationPermissions          entityPermissionsDTO `json:"entityCreationPermissions"`
	ProjectLabel                       string               `json:"projectLabel"`
	TaskLabel                          string               `json:"taskLabel"`
}

type currencyDTO struct {
	ID        string `json:"id"`
	Code      string `json:"code"`
	IsDefault bool   `json:"isDefault"`
}

type subdomainDTO struct {
	Enabled bool   `json:"enabled"`
	Name    string `json:"name"`
}

type workspaceDTO struct {
	ID                      string               `json:"id"`
	Name                    string               `json:"name"`
	ImageURL                string               `json:"imageUrl"`
	HourlyRate              rateDTO              `json:"hourlyRate"`
	CostRate                *rateDTO             `json:"costRate"`
	Memberships             []membershipDTO      `json:"memberships"`
	WorkspaceSettings       workspaceSettingsDTO `json:"workspaceSettings"`
	Features                []string             `json:"features"`
	FeatureSubscriptionType string               `json:"featureSubscriptionType"`
	Currencies              []currencyDTO        `json:"currencies"`
	Subdomain               subdomainDTO         `json:"subdomain"`
	CakeOrganizationID      string               `json:"cakeOrganizationId"`
}

// whoCanCreate renders an onlyAdmins setting as an entity-creation permission.
func whoCanCreate(onlyAdmins bool) string {
	if onlyAdmins {
		return "ADMINS"
	}
	return "EVERYONE"
}

func toWorkspace(v domain.WorkspaceView) workspaceDTO {
	w, st := v.Workspace, v.Workspace.Settings
	d := workspaceDTO{
		ID: w.ID, Name: w.Name, ImageURL: w.ImageURL,
		HourlyRate:  rateDTO{Amount: w.HourlyRate.Amount, Currency: w.Currency},
		CostRate:    toRate(w.CostRate),
		Memberships: make([]membershipDTO, len(v.Members)),
		WorkspaceSettings: workspaceSettingsDTO{
			TimeRoundingInReports:             st.TimeRoundingInReports,
			OnlyAdminsSeeBillableRates:        st.OnlyAdminsSeeBillableRates,
			OnlyAdminsCreateProject:           st.OnlyAdminsCreateProject,
			DefaultBillableProjects:           st.DefaultBillableProjects,
			LockTimeEntries:                   instant(st.LockTimeEntries),
			Round:                             roundDTO{Round: "Round to nearest", Minutes: "15"},
			CanSeeTimeSheet:                   true,
			CanSeeTracker:                     true,
			ForceProjects:                     st.ForceProjects,
			ForceTasks:                        st.ForceTasks,
			ForceTags:                         st.ForceTags,
			ForceDescription:                  st.ForceDescription,
			OnlyAdminsSeeAllTimeEntries:       st.OnlyAdminsSeeAllTimeEntries,
			TrackTimeDownToSecond:             true,
			ProjectGroupingLabel:              "client",
			AdminOnlyPages:                    []string{},
			OnlyAdminsCreateTag:               st.OnlyAdminsCreateTag,
			OnlyAdminsCreateTask:              st.OnlyAdminsCreateTask,
			TimeTrackingMode:                  st.TimeTrackingMode,
			IsProjectPublicByDefault:          st.IsProjectPublicByDefault,
			NumberFormat:                      "COMMA_PERIOD",
			CurrencyFormat:                    "CURRENCY_SPACE_VALUE",
			DurationFormat:                    st.DurationFormat,
			WorkingDays:                       st.WorkingDays,
			OnlyAdminsCanChangeBillableStatus: st.OnlyAdminsCanChangeBillable,
			EntityCreationPermissions: entityPermissionsDTO{
				WhoCanCreateProjectsAndClients: whoCanCreate(st.OnlyAdminsCreateProject),
				WhoCanCreateTags:               whoCanCreate(st.OnlyAdminsCreateTag),
				WhoCanCreateTasks:              whoCanCreate(st.OnlyAdminsCreateTask),
			},
			// NOTE: the label defaults are a guess by analogy with
			// projectGroupingLabel. Punchclock has no setting to rename them.
			ProjectLabel: "project",
			TaskLabel:    "task",
		},
		Features:                []string{},
		FeatureSubscriptionType: "SELF_HOSTED",
		Currencies:              []currencyDTO{{ID: w.ID, Code: w.Currency, IsDefault: true}},
	}
	if st.LockTimeZone != "" {
		d.WorkspaceSettings.LockTimeZone = &st.LockTimeZone
	}
	if d.WorkspaceSettings.WorkingDays == nil {
		d.WorkspaceSettings.WorkingDays = []string{}
	}
	for i, m := range v.Members {
		d.Memberships[i] = toWorkspaceMembership(m)
	}
	return d
}

var workspaceRoles = []string{"WORKSPACE_ADMIN", "OWNER", "TEAM_MANAGER", "PROJECT_MANAGER"}

// listWorkspaces serves GET /v1/workspaces.
func (s *Server) listWorkspaces(w http.ResponseWriter, r *http.Request, u domain.User) error {
	roles, err := readQuery(r).enumList("roles", workspaceRoles...)
	if err != nil {
		return err
	}

	views, err := s.svc.Workspaces(r.Context(), u, roles)
	if err != nil {
		return err
	}

	out := make([]workspaceDTO, len(views))
	for i, v := range views {
		out[i] = toWorkspace(v)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// createWorkspace serves POST /v1/workspaces.
func (s *Server) createWorkspace(w http.ResponseWriter, r *http.Request, u domain.User) error {
	var body struct {
		Name string `json:"name"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}

	v, err := s.svc.CreateWorkspace(r.Context(), u, body.Name)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusCreated, toWorkspace(v))
	return nil
}

// getWorkspace serves GET /v1/workspaces/{workspaceId}.
func (s *Server) getWorkspace(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	v, err := s.svc.Workspace(r.Context(), a)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toWorkspace(v))
	return nil
}

func (s *Server) setWorkspaceHourlyRate(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return s.setWorkspaceRate(w, r, a, domain.HourlyRate)
}

func (s *Server) setWorkspaceCostRate(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return s.setWorkspaceRate(w, r, a, domain.CostRate)
}

// setWorkspaceRate serves PUT /v1/workspaces/{workspaceId}/hourly-rate and /cost-rate.
func (s *Server) setWorkspaceRate(w http.ResponseWriter, r *http.Request, a domain.Actor, kind domain.RateKind) error {
	change, err := decodeRate(r)
	if err != nil {
		return err
	}
	if kind == domain.HourlyRate && change.Currency == "" {
		return domain.Invalidf("currency must not be null")
	}

	v, err := s.svc.SetWorkspaceRate(r.Context(), a, kind, change)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toWorkspace(v))
	return nil
}
