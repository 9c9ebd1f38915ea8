package api

import (
	"net/http"

	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/iso8601"
)

// taskDTO is Clockify's TaskDtoV1 with the favorite flag clockify-cli reads.
type taskDTO struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	ProjectID      string   `json:"projectId"`
	AssigneeIDs    []string `json:"assigneeIds"`
	AssigneeID     *string  `json:"assigneeId"` // deprecated by Clockify, always null
	UserGroupIDs   []string `json:"userGroupIds"`
	Estimate       string   `json:"estimate"`
	Duration       string   `json:"duration"`
	Status         string   `json:"status"`
	Billable       bool     `json:"billable"`
	BudgetEstimate int64    `json:"budgetEstimate"`
	HourlyRate     *rateDTO `json:"hourlyRate"`
	CostRate       *rateDTO `json:"costRate"`
	Favorite       bool     `json:"favorite"`
}

// toTask renders t. A task without an estimate shows PT0S, which every
// client decodes, and an unset budget shows 0.
func toTask(t domain.Task) taskDTO {
	d := taskDTO{ID: t.ID, Name: t.Name, ProjectID: t.ProjectID, AssigneeIDs: t.AssigneeIDs,
		UserGroupIDs: t.UserGroupIDs, Estimate: "PT0S", Duration: iso8601.FormatDuration(t.Tracked),
		Status: t.Status, Billable: t.Billable, HourlyRate: toRate(t.HourlyRate), CostRate: toRate(t.CostRate)}
	if d.AssigneeIDs == nil {
		d.AssigneeIDs = []string{}
	}
	if d.UserGroupIDs == nil {
		d.UserGroupIDs = []string{}
	}
	if t.Estimate != nil {
		d.Estimate = iso8601.FormatDuration(*t.Estimate)
	}
	if t.BudgetEstimate != nil {
		d.BudgetEstimate = *t.BudgetEstimate
	}
	return d
}

var taskSortColumns = []string{"ID", "NAME"}

// listTasks serves GET /v1/workspaces/{workspaceId}/projects/{projectId}/tasks.
// An absent is-active lists active and done tasks alike, although Clockify's
// spec gives it the default false.
func (s *Server) listTasks(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	q := readQuery(r)
	f := domain.TaskFilter{Name: q.str("name")}
	var err error
	if f.StrictName, err = q.boolOr("strict-name-search", false); err != nil {
		return err
	}
	if f.Active, err = q.optBool("is-active"); err != nil {
		return err
	}
	if f.SortColumn, err = q.enum("sort-column", "NAME", taskSortColumns...); err != nil {
		return err
	}
	if f.SortOrder, err = q.sortOrder(); err != nil {
		return err
	}
	if f.Page, err = q.page(defaultPageSize, maxPageSize); err != nil {
		return err
	}

	list, last, err := s.svc.Tasks(r.Context(), a, r.PathValue("projectId"), f)
	if err != nil {
		return err
	}

	out := make([]taskDTO, len(list))
	for i, t := range list {
		out[i] = toTask(t)
	}
	writeList(w, out, last)
	return nil
}

// createTask serves POST /v1/workspaces/{workspaceId}/projects/{projectId}/tasks.
func (s *Server) createTask(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	containsAssignee, err := readQuery(r).boolOr("contains-assignee", true)
	if err != nil {
		return err
	}
	var body struct {
		Name           string   `json:"name"`
		AssigneeIDs    []string `json:"assigneeIds"`
		AssigneeID     string   `json:"assigneeId"`
		UserGroupIDs   []string `json:"userGroupIds"`
		Estimate       *string  `json:"estimate"`
		Status         string   `json:"status"`
		Billable       *bool    `json:"billable"`
		BudgetEstimate *int64   `json:"budgetEstimate"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	estimate, err := bodyDuration("estimate", body.Estimate)
	if err != nil {
		return err
	}

	t, err := s.svc.CreateTask(r.Context(), a, r.PathValue("projectId"), domain.NewTask{
		Name: body.Name, AssigneeIDs: body.AssigneeIDs, AssigneeID: body.AssigneeID, NoAssignees: !containsAssignee,
		UserGroupIDs: body.UserGroupIDs, Estimate: estimate, Status: body.Status, Billable: body.Billable,
		BudgetEstimate: body.BudgetEstimate,
	})
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusCreated, toTask(t))
	return nil
}

// getTask serves GET /v1/workspaces/{workspaceId}/projects/{projectId}/tasks/{taskId}.
func (s *Server) getTask(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	t, err := s.svc.Task(r.Context(), a, r.PathValue("projectId"), r.PathValue("taskId"))
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toTask(t))
	return nil
}

// updateTask serves PUT /v1/workspaces/{workspaceId}/projects/{projectId}/tasks/{taskId}.
// Omitted fields keep their values, as domain.TaskUpdate explains.
func (s *Server) updateTask(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	q := readQuery(r)
	containsAssignee, err := q.boolOr("contains-assignee", true)
	if err != nil {
		return err
	}
	// membership-status is checked but has no effect, because the assignee
	// list is stored as given.
	if _, err := q.enum("membership-status", "", "PENDING", "ACTIVE", "DECLINED", "INACTIVE", "ALL"); err != nil {
		return err
	}
	var body struct {
		Name           *string   `json:"name"`
		AssigneeIDs    *[]string `json:"assigneeIds"`
		AssigneeID     *string   `json:"assigneeId"`
		UserGroupIDs   *[]string `json:"userGroupIds"`
		Estimate       *string   `json:"estimate"`
		Status         *string   `json:"status"`
		Billable       *bool     `json:"billable"`
		BudgetEstimate *int64    `json:"budgetEstimate"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	estimate, err := bodyDuration("estimate", body.Estimate)
	if err != nil {
		return err
	}

	t, err := s.svc.UpdateTask(r.Context(), a, r.PathValue("projectId"), r.PathValue("taskId"), domain.TaskUpdate{
		Name: body.Name, AssigneeIDs: body.AssigneeIDs, AssigneeID: body.AssigneeID, NoAssignees: !containsAssignee,
		UserGroupIDs: body.UserGroupIDs, Estimate: estimate, Status: body.Status, Billable: body.Billable,
		BudgetEstimate: body.BudgetEstimate,
	})
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toTask(t))
	return nil
}

// deleteTask serves DELETE /v1/workspaces/{workspaceId}/projects/{projectId}/tasks/{taskId}.
func (s *Server) deleteTask(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	t, err := s.svc.DeleteTask(r.Context(), a, r.PathValue("projectId"), r.PathValue("taskId"))
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toTask(t))
	return nil
}

// setTaskHourlyRate serves PUT .../projects/{projectId}/tasks/{taskId}/hourly-rate.
func (s *Server) setTaskHourlyRate(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return s.setTaskRate(w, r, a, domain.HourlyRate)
}

// setTaskCostRate serves PUT .../projects/{projectId}/tasks/{taskId}/cost-rate.
func (s *Server) setTaskCostRate(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return s.setTaskRate(w, r, a, domain.CostRate)
}

func (s *Server) setTaskRate(w http.ResponseWriter, r *http.Request, a domain.Actor, kind domain.RateKind) error {
	change, err := decodeRate(r)
	if err != nil {
		return err
	}

	t, err := s.svc.SetTaskRate(r.Context(), a, r.PathValue("projectId"), r.PathValue("taskId"), kind, change)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toTask(t))
	return nil
}
