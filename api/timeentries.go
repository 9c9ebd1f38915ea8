package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/iso8601"
)

// Page sizes of GET /time-entries/status/in-progress, which differ from
// every other list.
const (
	defaultRunningPageSize = 10
	maxRunningPageSize     = 1000
)

type timeIntervalDTO struct {
	Start    string  `json:"start"`
	End      *string `json:"end"`      // null while the timer runs
	Duration *string `json:"duration"` // null while the timer runs
}

// timeEntryDTO is Clockify's TimeEntryWithRatesDtoV1. Create and update
// responses use the same shape, rates included, because no client is known to
// reject them.
type timeEntryDTO struct {
	ID                string               `json:"id"`
	Description       string               `json:"description"`
	UserID            string               `json:"userId"`
	WorkspaceID       string               `json:"workspaceId"`
	ProjectID         *string              `json:"projectId"`
	TaskID            *string              `json:"taskId"`
	TagIDs            []string             `json:"tagIds"` // null when none, as Clockify sends it
	Billable          bool                 `json:"billable"`
	IsLocked          bool                 `json:"isLocked"`
	KioskID           *string              `json:"kioskId"`
	Type              string               `json:"type"`
	TimeInterval      timeIntervalDTO      `json:"timeInterval"`
	CustomFieldValues []entryFieldValueDTO `json:"customFieldValues"`
	HourlyRate        *rateDTO             `json:"hourlyRate"`
	CostRate          *rateDTO             `json:"costRate"`
}

// hydratedEntryDTO is an entry rendered with hydrated=true: the ids stay and
// the referenced objects are added, with the amount clockify-cli reads as
// totalBillable (minor units).
type hydratedEntryDTO struct {
	timeEntryDTO
	Project       *projectDTO `json:"project"`
	Task          *taskDTO    `json:"task"`
	Tags          []tagDTO    `json:"tags"`
	User          userDTO     `json:"user"`
	Kiosk         *struct{}   `json:"kiosk"` // always null, because Punchclock has no kiosks
	TotalBillable int64       `json:"totalBillable"`
}

func optionalID(id string) *string {
	if id == "" {
		return nil
	}
	return &id
}

func toTimeEntry(v domain.TimeEntryView) timeEntryDTO {
	d := timeEntryDTO{
		ID: v.ID, Description: v.Description, UserID: v.UserID, WorkspaceID: v.WorkspaceID,
		ProjectID: optionalID(v.ProjectID), TaskID: optionalID(v.TaskID), TagIDs: v.TagIDs,
		Billable: v.Billable, IsLocked: v.Locked, Type: v.Type,
		TimeInterval:      timeIntervalDTO{Start: iso8601.FormatInstant(v.Start), End: instant(v.End)},
		CustomFieldValues: toEntryFieldValues(v.ID, v.CustomFields),
		HourlyRate:        toRate(v.HourlyRate), CostRate: toRate(v.CostRate),
	}
	if !v.Running() {
		duration := iso8601.FormatDuration(v.Duration())
		d.TimeInterval.Duration = &duration
	}
	return d
}

func toHydratedEntry(v domain.TimeEntryView, ws domain.Workspace) hydratedEntryDTO {
	d := hydratedEntryDTO{timeEntryDTO: toTimeEntry(v), Tags: make([]tagDTO, len(v.Tags)),
		User: toUser(v.User), TotalBillable: v.TotalBillable()}
	if v.Project != nil {
		p := toProject(*v.Project)
		p.IsPublic, p.IsTemplate = nil, nil // read shape, as toProjectView sends
		d.Project = &p
	}
	if v.Task != nil {
		t := toTask(*v.Task)
		d.Task = &t
	}
	for i, t := range v.Tags {
		d.Tags[i] = toTag(t)
	}
	return d
}

// addTrackedTime fills in the tracked time of the projects and tasks of
// hydrated entries, which the service leaves out of entry reads.
func (s *Server) addTrackedTime(r *http.Request, a domain.Actor, hydrated bool, list []domain.TimeEntryView) error {
	if !hydrated {
		return nil
	}
	return s.svc.AddTrackedTime(r.Context(), a, list)
}

// writeEntry sends one entry, hydrated or not.
func writeEntry(w http.ResponseWriter, status int, v domain.TimeEntryView, hydrated bool, ws domain.Workspace) {
	if hydrated {
		d := toHydratedEntry(v, ws)
		writeJSON(w, status, &d)
		return
	}
	d := toTimeEntry(v)
	writeJSON(w, status, &d)
}

// entryList renders a list of entries, hydrated or not, as a JSON array
// that is never null.
func entryList(list []domain.TimeEntryView, hydrated bool, ws domain.Workspace) any {
	if hydrated {
		rows := make([]hydratedEntryDTO, len(list))
		for i, v := range list {
			rows[i] = toHydratedEntry(v, ws)
		}
		return listBody(rows)
	}
	rows := make([]timeEntryDTO, len(list))
	for i, v := range list {
		rows[i] = toTimeEntry(v)
	}
	return listBody(rows)
}

// writeEntryPage sends one page of entries with the Last-Page header.
func writeEntryPage(w http.ResponseWriter, list []domain.TimeEntryView, hydrated bool, ws domain.Workspace, last bool) {
	w.Header().Set("Last-Page", strconv.FormatBool(last))
	writeJSON(w, http.StatusOK, entryList(list, hydrated, ws))
}

// bodyInstant parses the ISO-8601 instant in a field of a request body, or
// returns nil when value is nil.
func bodyInstant(field string, value *string) (*time.Time, error) {
	if value == nil {
		return nil, nil
	}
	t, err := iso8601.ParseInstant(*value)
	if err != nil {
		return nil, badBody("JSON parse error: field '%s': %v", field, err)
	}
	return &t, nil
}

// entryBody is the body of a time entry create or PUT and one item of a bulk
// edit. A projectId, taskId or description sent as null or "" means none,
// the same as leaving the key out.
type entryBody struct {
	ID          string   `json:"id"` // bulk edit only
	Start       *string  `json:"start"`
	End         *string  `json:"end"`
	Billable    *bool    `json:"billable"`
	Description string   `json:"description"`
	ProjectID   string   `json:"projectId"`
	TaskID      string   `json:"taskId"`
	TagIDs      []string `json:"tagIds"`
	Type        string   `json:"type"`
	// CustomFields is nil when the key is absent, which keeps the stored values.
	CustomFields []entryFieldBody `json:"customFields"`
}

func (b entryBody) input() (domain.TimeEntryInput, error) {
	in := domain.TimeEntryInput{Billable: b.Billable, Description: b.Description, ProjectID: b.ProjectID,
		TaskID: b.TaskID, TagIDs: b.TagIDs, Type: b.Type}
	var err error
	if in.CustomFields, err = fieldInputs(b.CustomFields); err != nil {
		return in, err
	}
	if in.Start, err = bodyInstant("start", b.Start); err != nil {
		return in, err
	}
	if in.End, err = bodyInstant("end", b.End); err != nil {
		return in, err
	}
	return in, nil
}

// readEntryFlags reads hydrated and consider-duration-format.
//
// NOTE: consider-duration-format is checked and then ignored, so durations
// always render as PT#H#M#S. Clockify does not document what the flag
// changes; applying the workspace's durationFormat is a guess not made here.
func readEntryFlags(q query) (hydrated bool, err error) {
	if hydrated, err = q.boolOr("hydrated", false); err != nil {
		return false, err
	}
	_, err = q.optBool("consider-duration-format")
	return hydrated, err
}

// createTimeEntry serves POST /v1/workspaces/{workspaceId}/time-entries.
func (s *Server) createTimeEntry(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return s.createEntry(w, r, a, a.User.ID, "")
}

// createEntryForUser serves POST /v1/workspaces/{workspaceId}/user/{userId}/time-entries.
func (s *Server) createEntryForUser(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return s.createEntry(w, r, a, r.PathValue("userId"), readQuery(r).str("from-entry"))
}

func (s *Server) createEntry(w http.ResponseWriter, r *http.Request, a domain.Actor, userID, fromEntryID string) error {
	var body entryBody
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	in, err := body.input()
	if err != nil {
		return err
	}

	v, err := s.svc.CreateTimeEntry(r.Context(), a, userID, in, fromEntryID)
	if err != nil {
		return err
	}

	writeEntry(w, http.StatusCreated, v, false, a.Workspace)
	return nil
}

// getTimeEntry serves GET /v1/workspaces/{workspaceId}/time-entries/{entryId}.
func (s *Server) getTimeEntry(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	hydrated, err := readEntryFlags(readQuery(r))
	if err != nil {
		return err
	}

	v, err := s.svc.TimeEntry(r.Context(), a, r.PathValue("entryId"))
	if err != nil {
		return err
	}
	if err := s.addTrackedTime(r, a, hydrated, []domain.TimeEntryView{v}); err != nil {
		return err
	}

	writeEntry(w, http.StatusOK, v, hydrated, a.Workspace)
	return nil
}

// updateTimeEntry serves PUT /v1/workspaces/{workspaceId}/time-entries/{entryId},
// which replaces the entry (see domain.Service.UpdateTimeEntry).
func (s *Server) updateTimeEntry(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body entryBody
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	in, err := body.input()
	if err != nil {
		return err
	}

	v, err := s.svc.UpdateTimeEntry(r.Context(), a, r.PathValue("entryId"), in)
	if err != nil {
		return err
	}

	writeEntry(w, http.StatusOK, v, false, a.Workspace)
	return nil
}

// deleteTimeEntry serves DELETE /v1/workspaces/{workspaceId}/time-entries/{entryId}
// with 204 and no body.
func (s *Server) deleteTimeEntry(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	if err := s.svc.DeleteTimeEntry(r.Context(), a, r.PathValue("entryId")); err != nil {
		return err
	}

	w.WriteHeader(http.StatusNoContent)
	return nil
}

// listUserEntries serves GET /v1/workspaces/{workspaceId}/user/{userId}/time-entries.
// Its start, end and get-week-before are wall-clock times in the user's
// time zone (see domain.TimeEntryQuery).
func (s *Server) listUserEntries(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	q := readQuery(r)
	hydrated, err := readEntryFlags(q)
	if err != nil {
		return err
	}
	eq := domain.TimeEntryQuery{Description: q.str("description"), ProjectID: q.str("project"),
		TaskID: q.str("task"), TagIDs: q.list("tags"), Hydrated: hydrated}
	if eq.From, err = q.instant("start"); err != nil {
		return err
	}
	if eq.To, err = q.instant("end"); err != nil {
		return err
	}
	if eq.WeekBefore, err = q.instant("get-week-before"); err != nil {
		return err
	}
	if eq.ProjectRequired, err = q.boolOr("project-required", false); err != nil {
		return err
	}
	if eq.TaskRequired, err = q.boolOr("task-required", false); err != nil {
		return err
	}
	if eq.InProgress, err = q.optBool("in-progress"); err != nil {
		return err
	}
	if eq.Page, err = q.page(defaultPageSize, maxPageSize); err != nil {
		return err
	}

	page, err := s.svc.UserTimeEntries(r.Context(), a, r.PathValue("userId"), eq)
	if err != nil {
		return err
	}
	if page.Revision.Known() {
		s.writeEntryPageOnce(w, page, a.Workspace)
		return nil
	}
	if err := s.addTrackedTime(r, a, hydrated, page.Views); err != nil {
		return err
	}

	writeEntryPage(w, page.Views, hydrated, a.Workspace, page.Last)
	return nil
}

// listRunningEntries serves GET /v1/workspaces/{workspaceId}/time-entries/status/in-progress.
func (s *Server) listRunningEntries(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	p, err := readQuery(r).page(defaultRunningPageSize, maxRunningPageSize)
	if err != nil {
		return err
	}

	list, last, err := s.svc.RunningTimeEntries(r.Context(), a, p)
	if err != nil {
		return err
	}

	writeEntryPage(w, list, false, a.Workspace, last)
	return nil
}

// getTimeEntriesBatch serves POST /v1/workspaces/{workspaceId}/time-entries/batch,
// which fetches the entries named in the body.
func (s *Server) getTimeEntriesBatch(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body struct {
		TimeEntryIDs []string `json:"timeEntryIds"`
		Hydrated     bool     `json:"hydrated"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if body.TimeEntryIDs == nil {
		return domain.Invalidf("timeEntryIds must not be null")
	}

	list, err := s.svc.TimeEntriesByID(r.Context(), a, body.TimeEntryIDs)
	if err != nil {
		return err
	}
	if err := s.addTrackedTime(r, a, body.Hydrated, list); err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, entryList(list, body.Hydrated, a.Workspace))
	return nil
}

// stopTimer serves PATCH /v1/workspaces/{workspaceId}/user/{userId}/time-entries.
func (s *Server) stopTimer(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body struct {
		End *string `json:"end"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	end, err := bodyInstant("end", body.End)
	if err != nil {
		return err
	}
	if end == nil {
		return domain.Invalidf("end must not be null")
	}

	v, err := s.svc.StopTimer(r.Context(), a, r.PathValue("userId"), *end)
	if err != nil {
		return err
	}

	writeEntry(w, http.StatusOK, v, false, a.Workspace)
	return nil
}

// bulkEditEntries serves PUT /v1/workspaces/{workspaceId}/user/{userId}/time-entries.
// Each item replaces its entry as a PUT does, except that an omitted start
// keeps the stored one.
func (s *Server) bulkEditEntries(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	hydrated, err := readQuery(r).boolOr("hydrated", false)
	if err != nil {
		return err
	}
	var body []entryBody
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	edits := make([]domain.TimeEntryEdit, len(body))
	for i, item := range body {
		in, err := item.input()
		if err != nil {
			return err
		}
		edits[i] = domain.TimeEntryEdit{ID: item.ID, TimeEntryInput: in, KeepEnd: item.End == nil}
	}

	list, err := s.svc.BulkEditTimeEntries(r.Context(), a, r.PathValue("userId"), edits)
	if err != nil {
		return err
	}
	if err := s.addTrackedTime(r, a, hydrated, list); err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, entryList(list, hydrated, a.Workspace))
	return nil
}

// bulkDeleteEntries serves DELETE /v1/workspaces/{workspaceId}/user/{userId}/time-entries
// and returns the deleted entries. The ids come in time-entry-ids, as the
// OpenAPI document names it, or in time-entries.
func (s *Server) bulkDeleteEntries(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	q := readQuery(r)
	ids := q.list("time-entry-ids")
	if len(ids) == 0 {
		ids = q.list("time-entries")
	}
	if len(ids) == 0 {
		return &httpError{status: http.StatusBadRequest, code: domain.CodeMissingParam,
			message: "Required request parameter 'time-entry-ids' for method parameter type List is not present"}
	}

	list, err := s.svc.BulkDeleteTimeEntries(r.Context(), a, r.PathValue("userId"), ids)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, entryList(list, false, a.Workspace))
	return nil
}

// duplicateEntry serves POST /v1/workspaces/{workspaceId}/user/{userId}/time-entries/{entryId}/duplicate.
func (s *Server) duplicateEntry(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	v, err := s.svc.DuplicateTimeEntry(r.Context(), a, r.PathValue("userId"), r.PathValue("entryId"))
	if err != nil {
		return err
	}

	writeEntry(w, http.StatusCreated, v, false, a.Workspace)
	return nil
}

// markInvoiced serves PATCH /v1/workspaces/{workspaceId}/time-entries/invoiced
// with 200 and no body.
func (s *Server) markInvoiced(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body struct {
		TimeEntryIDs []string `json:"timeEntryIds"`
		Invoiced     *bool    `json:"invoiced"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if body.TimeEntryIDs == nil {
		return domain.Invalidf("timeEntryIds must not be null")
	}
	if body.Invoiced == nil {
		return domain.Invalidf("invoiced must not be null")
	}

	if err := s.svc.SetInvoiced(r.Context(), a, body.TimeEntryIDs, *body.Invoiced); err != nil {
		return err
	}

	w.WriteHeader(http.StatusOK)
	return nil
}
