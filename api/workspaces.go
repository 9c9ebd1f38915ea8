package api

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/jsonbody"
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

// automaticLockDTO is Clockify's schedule for locking old entries, null
// when the workspace has a manual lock date or none.
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
	// WeekStart is a Punchclock addition: the first day of the week in
	// reports, which Clockify keeps per user only.
	WeekStart string `json:"weekStart"`
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
	HourlyRate              *rateDTO             `json:"hourlyRate"`
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

// whoCanCreateTasks renders onlyAdminsCreateTask as an entity-creation
// permission. Project managers keep adding tasks to their own projects.
func whoCanCreateTasks(onlyAdmins bool) string {
	if onlyAdmins {
		return "ADMINS_AND_PROJECT_MANAGERS"
	}
	return "EVERYONE"
}

func toWorkspace(v domain.WorkspaceView) workspaceDTO {
	w, st := v.Workspace, v.Workspace.Settings
	d := workspaceDTO{
		ID: w.ID, Name: w.Name, ImageURL: w.ImageURL,
		HourlyRate:  &rateDTO{Amount: w.HourlyRate.Amount, Currency: w.Currency},
		CostRate:    toRate(w.CostRate),
		Memberships: make([]membershipDTO, len(v.Members)),
		WorkspaceSettings: workspaceSettingsDTO{
			TimeRoundingInReports:              st.TimeRoundingInReports,
			OnlyAdminsSeeBillableRates:         st.OnlyAdminsSeeBillableRates,
			OnlyAdminsCreateProject:            st.OnlyAdminsCreateProject,
			DefaultBillableProjects:            st.DefaultBillableProjects,
			LockTimeEntries:                    instant(st.LockTimeEntries),
			Round:                              roundDTO{Round: st.Round.Mode, Minutes: strconv.Itoa(st.Round.Minutes)},
			CanSeeTimeSheet:                    true,
			CanSeeTracker:                      true,
			ForceProjects:                      st.ForceProjects,
			ForceTasks:                         st.ForceTasks,
			ForceTags:                          st.ForceTags,
			ForceDescription:                   st.ForceDescription,
			OnlyAdminsSeeAllTimeEntries:        st.OnlyAdminsSeeAllTimeEntries,
			OnlyAdminsSeePublicProjectsEntries: st.OnlyAdminsSeePublicProjectsEntries,
			TrackTimeDownToSecond:              true,
			ProjectGroupingLabel:               "client",
			AdminOnlyPages:                     []string{},
			OnlyAdminsCreateTag:                st.OnlyAdminsCreateTag,
			OnlyAdminsCreateTask:               st.OnlyAdminsCreateTask,
			TimeTrackingMode:                   st.TimeTrackingMode,
			IsProjectPublicByDefault:           st.IsProjectPublicByDefault,
			NumberFormat:                       "COMMA_PERIOD",
			CurrencyFormat:                     "CURRENCY_SPACE_VALUE",
			DurationFormat:                     st.DurationFormat,
			WorkingDays:                        st.WorkingDays,
			OnlyAdminsCanChangeBillableStatus:  st.OnlyAdminsCanChangeBillable,
			EntityCreationPermissions: entityPermissionsDTO{
				WhoCanCreateProjectsAndClients: whoCanCreate(st.OnlyAdminsCreateProject),
				WhoCanCreateTags:               whoCanCreate(st.OnlyAdminsCreateTag),
				WhoCanCreateTasks:              whoCanCreateTasks(st.OnlyAdminsCreateTask),
			},
			// NOTE: the label defaults are a guess by analogy with
			// projectGroupingLabel. Punchclock has no setting to rename them.
			ProjectLabel: "project",
			TaskLabel:    "task",
			WeekStart:    st.WeekStart,
		},
		Features:                []string{},
		FeatureSubscriptionType: "SELF_HOSTED",
		Currencies:              []currencyDTO{{ID: w.ID, Code: w.Currency, IsDefault: true}},
	}
	if v.RatesHidden {
		d.HourlyRate = nil
	}
	if st.LockTimeZone != "" {
		d.WorkspaceSettings.LockTimeZone = &st.LockTimeZone
	}
	if l := st.AutomaticLock; l != nil {
		d.WorkspaceSettings.AutomaticLock = &automaticLockDTO{ChangeDay: l.ChangeDay, DayOfMonth: l.DayOfMonth, FirstDay: l.FirstDay,
			OlderThanPeriod: l.OlderThanPeriod, OlderThanValue: l.OlderThanValue, Type: l.Type}
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

// settingsRequest is the body of PATCH /v1/workspaces/{workspaceId}/settings,
// a Punchclock extension: the settings to change, named as in
// workspaceSettings. lockTimeEntries null removes the lock date, and
// automaticLock null removes the automatic lock.
type settingsRequest struct {
	ForceProjects                      *bool           `json:"forceProjects"`
	ForceTasks                         *bool           `json:"forceTasks"`
	ForceTags                          *bool           `json:"forceTags"`
	ForceDescription                   *bool           `json:"forceDescription"`
	LockTimeEntries                    json.RawMessage `json:"lockTimeEntries"`
	LockTimeZone                       *string         `json:"lockTimeZone"`
	AutomaticLock                      json.RawMessage `json:"automaticLock"`
	OnlyAdminsCreateProject            *bool           `json:"onlyAdminsCreateProject"`
	OnlyAdminsCreateTag                *bool           `json:"onlyAdminsCreateTag"`
	OnlyAdminsCreateTask               *bool           `json:"onlyAdminsCreateTask"`
	OnlyAdminsSeeAllTimeEntries        *bool           `json:"onlyAdminsSeeAllTimeEntries"`
	OnlyAdminsSeeBillableRates         *bool           `json:"onlyAdminsSeeBillableRates"`
	OnlyAdminsSeePublicProjectsEntries *bool           `json:"onlyAdminsSeePublicProjectsEntries"`
	OnlyAdminsCanChangeBillableStatus  *bool           `json:"onlyAdminsCanChangeBillableStatus"`
	DefaultBillableProjects            *bool           `json:"defaultBillableProjects"`
	IsProjectPublicByDefault           *bool           `json:"isProjectPublicByDefault"`
	TimeRoundingInReports              *bool           `json:"timeRoundingInReports"`
	Round                              *struct {
		Round   string          `json:"round"`
		Minutes json.RawMessage `json:"minutes"`
	} `json:"round"`
	DurationFormat   *string `json:"durationFormat"`
	WeekStart        *string `json:"weekStart"`
	TimeTrackingMode *string `json:"timeTrackingMode"`
}

// settingsFields are the JSON names settingsRequest accepts. Any other name
// is rejected, so that a misspelt setting does not pass unnoticed.
var settingsFields = func() map[string]bool {
	out := map[string]bool{}
	t := reflect.TypeFor[settingsRequest]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		out[name] = true
	}
	return out
}()

// change turns the request into a domain change.
func (b settingsRequest) change() (domain.SettingsChange, error) {
	c := domain.SettingsChange{
		ForceProjects: b.ForceProjects, ForceTasks: b.ForceTasks, ForceTags: b.ForceTags,
		ForceDescription: b.ForceDescription, LockTimeZone: b.LockTimeZone,
		OnlyAdminsCreateProject: b.OnlyAdminsCreateProject, OnlyAdminsCreateTag: b.OnlyAdminsCreateTag,
		OnlyAdminsCreateTask: b.OnlyAdminsCreateTask, OnlyAdminsSeeAllTimeEntries: b.OnlyAdminsSeeAllTimeEntries,
		OnlyAdminsSeeBillableRates:         b.OnlyAdminsSeeBillableRates,
		OnlyAdminsSeePublicProjectsEntries: b.OnlyAdminsSeePublicProjectsEntries,
		OnlyAdminsCanChangeBillableStatus:  b.OnlyAdminsCanChangeBillableStatus,
		DefaultBillableProjects:            b.DefaultBillableProjects, IsProjectPublicByDefault: b.IsProjectPublicByDefault,
		TimeRoundingInReports: b.TimeRoundingInReports, DurationFormat: b.DurationFormat,
		WeekStart: b.WeekStart, TimeTrackingMode: b.TimeTrackingMode,
	}
	switch lock := strings.TrimSpace(string(b.LockTimeEntries)); {
	case lock == "":
	case lock == "null":
		c.ClearLock = true
	default:
		var text string
		if err := json.Unmarshal(b.LockTimeEntries, &text); err != nil {
			return c, badBody("JSON parse error: field 'lockTimeEntries' must be an instant such as 2026-01-01T00:00:00Z or null, not %s", lock)
		}
		at, err := bodyInstant("lockTimeEntries", &text)
		if err != nil {
			return c, err
		}
		c.LockTimeEntries = at
	}
	switch lock := strings.TrimSpace(string(b.AutomaticLock)); lock {
	case "":
	case "null":
		c.ClearAutomaticLock = true
	default:
		var l struct {
			Type            string `json:"type"`
			ChangeDay       string `json:"changeDay"`
			FirstDay        string `json:"firstDay"`
			DayOfMonth      int    `json:"dayOfMonth"`
			OlderThanPeriod string `json:"olderThanPeriod"`
			OlderThanValue  int    `json:"olderThanValue"`
		}
		if err := jsonbody.UnmarshalAt("automaticLock", b.AutomaticLock, &l); err != nil {
			return c, badBody("%s", err.Error())
		}
		c.AutomaticLock = &domain.AutomaticLock{Type: strings.ToUpper(l.Type), ChangeDay: strings.ToUpper(l.ChangeDay),
			FirstDay: strings.ToUpper(l.FirstDay), DayOfMonth: l.DayOfMonth,
			OlderThanPeriod: strings.ToUpper(l.OlderThanPeriod), OlderThanValue: l.OlderThanValue}
	}
	if b.Round != nil {
		minutes := strings.Trim(string(b.Round.Minutes), `"`)
		n, err := strconv.Atoi(minutes)
		if err != nil {
			return c, badBody("JSON parse error: field 'round.minutes' must be a whole number of minutes such as \"15\", not %s", b.Round.Minutes)
		}
		c.Round = &domain.RoundSetting{Mode: b.Round.Round, Minutes: n}
	}
	return c, nil
}

// updateSettings serves PATCH /v1/workspaces/{workspaceId}/settings.
func (s *Server) updateSettings(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var fields map[string]json.RawMessage
	if err := decodeJSON(r, &fields); err != nil {
		return err
	}
	for name := range fields {
		if !settingsFields[name] {
			return badBody("JSON parse error: %q is not a workspace setting that can be changed", name)
		}
	}
	raw, _ := json.Marshal(fields)
	var body settingsRequest
	if err := unmarshalBody(raw, &body); err != nil {
		return err
	}
	change, err := body.change()
	if err != nil {
		return err
	}

	v, err := s.svc.UpdateSettings(r.Context(), a, change)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toWorkspace(v))
	return nil
}
