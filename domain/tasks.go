package domain

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// NewTask is the body of a task create.
type NewTask struct {
	Name           string
	AssigneeIDs    []string
	AssigneeID     string // deprecated single assignee, added to AssigneeIDs
	NoAssignees    bool   // contains-assignee=false: the task gets no assignees
	UserGroupIDs   []string
	Estimate       *time.Duration
	Status         string // ACTIVE or DONE; "" means ACTIVE
	Billable       *bool  // nil means the project's billable flag
	BudgetEstimate *int64
	// HourlyRate and CostRate are read only from the tasks of a project
	// create, because Clockify's task create body has no rates.
	HourlyRate *RateChange
	CostRate   *RateChange
}

// TaskUpdate is the body of a task PUT. Name is required. Clockify documents
// the PUT as a replace, but clockify-cli's UpdateTask sends the name always
// and every other field only when the user changes it. So a nil field keeps
// the stored value, because resetting it would, for example, reopen a DONE
// task whenever clockify-cli renames it.
type TaskUpdate struct {
	Name           *string
	AssigneeIDs    *[]string
	AssigneeID     *string // deprecated; with AssigneeIDs it forms the new list
	NoAssignees    bool    // contains-assignee=false: remove every assignee
	UserGroupIDs   *[]string
	Estimate       *time.Duration
	Status         *string
	Billable       *bool
	BudgetEstimate *int64
}

// maxTaskName is the length limit of Clockify's TaskRequestV1 name.
const maxTaskName = 1000

func taskName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", Invalidf("Task name must not be blank")
	}
	if len([]rune(name)) > maxTaskName {
		return "", Invalidf("Task name %s is longer than %d characters", clip(name), maxTaskName)
	}
	return name, nil
}

// taskStatus accepts ACTIVE and DONE in any letter case. Like Clockify's
// rejection of an unknown enum constant, anything else is a malformed body.
func taskStatus(status string) (string, error) {
	up := strings.ToUpper(strings.TrimSpace(status))
	if up != TaskActive && up != TaskDone {
		return "", Errorf(KindInvalid, CodeMalformedBody, "Task status '%s' is invalid: use ACTIVE or DONE", status)
	}
	return up, nil
}

func checkBudget(budget *int64) error {
	if budget != nil && (*budget < 0 || *budget > maxBudget) {
		return Invalidf("budgetEstimate must be from 0 to %d, got %d", int64(maxBudget), *budget)
	}
	return nil
}

func checkEstimate(estimate *time.Duration) error {
	if estimate != nil && *estimate < 0 {
		return Invalidf("estimate must not be negative, got %s", *estimate)
	}
	return nil
}

func taskConflict(err error, name string) error {
	if errors.Is(err, ErrConflict) {
		return Invalidf("Task with name '%s' already exists", name)
	}
	return err
}

// mergeAssignees returns ids with single appended, without repeats and
// without empty ids, never nil.
func mergeAssignees(ids []string, single string) []string {
	out := []string{}
	for _, id := range append(slices.Clone(ids), single) {
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// checkAssignees rejects ids that name no member of the workspace.
func checkAssignees(ctx context.Context, tx Tx, workspaceID string, ids []string) error {
	for _, id := range ids {
		if !ValidID(id) {
			return Invalidf("Assignee '%s' doesn't belong to Workspace", id)
		}
		_, err := tx.Member(ctx, workspaceID, id)
		if errors.Is(err, ErrNotFound) {
			return Invalidf("Assignee '%s' doesn't belong to Workspace", id)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// checkUserGroups checks the shape of user group ids and drops repeats.
// userGroupsExist checks, inside the transaction, that the groups exist.
func checkUserGroups(ids []string) ([]string, error) {
	out := []string{}
	for _, id := range ids {
		if !ValidID(id) {
			return nil, Invalidf("User group '%s' doesn't belong to Workspace", id)
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out, nil
}

// userGroupsExist returns Clockify's error for the first id that names no
// user group of the workspace.
func userGroupsExist(ctx context.Context, tx Tx, workspaceID string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	found, err := tx.UserGroupsByID(ctx, workspaceID, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if !slices.ContainsFunc(found, func(g UserGroup) bool { return g.ID == id }) {
			return Invalidf("User group '%s' doesn't belong to Workspace", id)
		}
	}
	return nil
}

// getTaskProject returns the project that tasks are read or written under.
func getTaskProject(ctx context.Context, tx Tx, workspaceID, projectID string) (Project, error) {
	if !ValidID(projectID) {
		return Project{}, notBelong("Project")
	}
	p, err := tx.Project(ctx, workspaceID, projectID)
	if errors.Is(err, ErrNotFound) {
		return Project{}, notBelong("Project")
	}
	return p, err
}

// getTask returns a task of an existing project of the workspace, after
// allow accepts the project.
func getTask(ctx context.Context, tx Tx, workspaceID, projectID, id string, allow func(Project) error) (Task, error) {
	p, err := getTaskProject(ctx, tx, workspaceID, projectID)
	if err != nil {
		return Task{}, err
	}
	if err := allow(p); err != nil {
		return Task{}, err
	}
	if !ValidID(id) {
		return Task{}, Invalidf("Task doesn't belong to Project")
	}
	t, err := tx.Task(ctx, workspaceID, projectID, id)
	if errors.Is(err, ErrNotFound) {
		return Task{}, Invalidf("Task doesn't belong to Project")
	}
	return t, err
}

// CreateTask creates a task in a project of the actor's workspace.
func (s *Service) CreateTask(ctx context.Context, a Actor, projectID string, in NewTask) (Task, error) {
	name, err := taskName(in.Name)
	if err != nil {
		return Task{}, err
	}
	status := TaskActive
	if in.Status != "" {
		if status, err = taskStatus(in.Status); err != nil {
			return Task{}, err
		}
	}
	if err := checkEstimate(in.Estimate); err != nil {
		return Task{}, err
	}
	if err := checkBudget(in.BudgetEstimate); err != nil {
		return Task{}, err
	}
	groups, err := checkUserGroups(in.UserGroupIDs)
	if err != nil {
		return Task{}, err
	}
	assignees := mergeAssignees(in.AssigneeIDs, in.AssigneeID)
	if in.NoAssignees {
		assignees = []string{}
	}

	t := Task{ID: NewID(), WorkspaceID: a.Workspace.ID, ProjectID: projectID, Name: name,
		AssigneeIDs: assignees, UserGroupIDs: groups, Estimate: in.Estimate, Status: status,
		BudgetEstimate: in.BudgetEstimate}
	err = s.store.Update(ctx, func(tx Tx) error {
		p, err := getTaskProject(ctx, tx, a.Workspace.ID, projectID)
		if err != nil {
			return err
		}
		if err := a.RequireTaskCreate(p); err != nil {
			return err
		}
		if err := checkAssignees(ctx, tx, a.Workspace.ID, assignees); err != nil {
			return err
		}
		if err := userGroupsExist(ctx, tx, a.Workspace.ID, groups); err != nil {
			return err
		}
		t.Billable = p.Billable
		if in.Billable != nil {
			t.Billable = *in.Billable
		}
		return taskConflict(tx.CreateTask(ctx, t), name)
	})
	if err != nil {
		return Task{}, fmt.Errorf("create task in project %s: %w", projectID, err)
	}
	a.redactTask(&t)
	return t, nil
}

// Tasks returns one page of a project's tasks and whether it is the last.
func (s *Service) Tasks(ctx context.Context, a Actor, projectID string, f TaskFilter) ([]Task, bool, error) {
	var list []Task
	err := s.store.View(ctx, func(tx Tx) error {
		p, err := getTaskProject(ctx, tx, a.Workspace.ID, projectID)
		if err != nil {
			return err
		}
		if err := a.RequireProjectRead(p); err != nil {
			return err
		}
		list, err = tx.Tasks(ctx, a.Workspace.ID, projectID, f)
		return err
	})
	if err != nil {
		return nil, false, fmt.Errorf("list tasks of project %s: %w", projectID, err)
	}
	a.redactTasks(list)
	page, last := Cut(list, f.Page)
	return page, last, nil
}

// Task returns one task of a project.
func (s *Service) Task(ctx context.Context, a Actor, projectID, id string) (Task, error) {
	var t Task
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		t, err = getTask(ctx, tx, a.Workspace.ID, projectID, id, a.RequireProjectRead)
		return err
	})
	if err != nil {
		return Task{}, fmt.Errorf("get task %s: %w", id, err)
	}
	a.redactTask(&t)
	return t, nil
}

// UpdateTask changes a task as described on TaskUpdate.
func (s *Service) UpdateTask(ctx context.Context, a Actor, projectID, id string, in TaskUpdate) (Task, error) {
	if in.Name == nil {
		return Task{}, Invalidf("Task name must not be null")
	}
	name, err := taskName(*in.Name)
	if err != nil {
		return Task{}, err
	}
	var status string
	if in.Status != nil {
		if status, err = taskStatus(*in.Status); err != nil {
			return Task{}, err
		}
	}
	if err := checkEstimate(in.Estimate); err != nil {
		return Task{}, err
	}
	if err := checkBudget(in.BudgetEstimate); err != nil {
		return Task{}, err
	}
	var groups []string
	if in.UserGroupIDs != nil {
		if groups, err = checkUserGroups(*in.UserGroupIDs); err != nil {
			return Task{}, err
		}
	}

	var t Task
	err = s.store.Update(ctx, func(tx Tx) error {
		var err error
		t, err = getTask(ctx, tx, a.Workspace.ID, projectID, id, a.RequireProjectEdit)
		if err != nil {
			return err
		}
		t.Name = name
		switch {
		case in.NoAssignees:
			t.AssigneeIDs = []string{}
		case in.AssigneeIDs != nil || in.AssigneeID != nil:
			var list []string
			var single string
			if in.AssigneeIDs != nil {
				list = *in.AssigneeIDs
			}
			if in.AssigneeID != nil {
				single = *in.AssigneeID
			}
			t.AssigneeIDs = mergeAssignees(list, single)
			if err := checkAssignees(ctx, tx, a.Workspace.ID, t.AssigneeIDs); err != nil {
				return err
			}
		}
		if in.UserGroupIDs != nil {
			if err := userGroupsExist(ctx, tx, a.Workspace.ID, groups); err != nil {
				return err
			}
			t.UserGroupIDs = groups
		}
		if in.Estimate != nil {
			t.Estimate = in.Estimate
		}
		if in.Status != nil {
			t.Status = status
		}
		if in.Billable != nil {
			t.Billable = *in.Billable
		}
		if in.BudgetEstimate != nil {
			t.BudgetEstimate = in.BudgetEstimate
		}
		return taskConflict(tx.UpdateTask(ctx, t), name)
	})
	if err != nil {
		return Task{}, fmt.Errorf("update task %s: %w", id, err)
	}
	a.redactTask(&t)
	return t, nil
}

// SetTaskRate sets a task's billable or cost rate in the workspace currency.
func (s *Service) SetTaskRate(ctx context.Context, a Actor, projectID, id string, kind RateKind, c RateChange) (Task, error) {
	if err := c.check(); err != nil {
		return Task{}, err
	}
	var t Task
	err := s.store.Update(ctx, func(tx Tx) error {
		var err error
		t, err = getTask(ctx, tx, a.Workspace.ID, projectID, id, a.RequireProjectEdit)
		if err != nil {
			return err
		}
		r := &Rate{Amount: c.Amount, Currency: a.Workspace.Currency}
		if kind == HourlyRate {
			t.HourlyRate = r
		} else {
			t.CostRate = r
		}
		if err := tx.UpdateTask(ctx, t); err != nil {
			return err
		}
		rate := RateRecord{Kind: kind, Level: LevelTask, ProjectID: t.ProjectID, TaskID: t.ID}
		return recordChange(ctx, tx, a.Workspace, rate, &c, tx.Now())
	})
	if err != nil {
		return Task{}, fmt.Errorf("set rate of task %s: %w", id, err)
	}
	a.redactTask(&t)
	return t, nil
}

// DeleteTask deletes a DONE task and returns it. Time entries of the task
// keep its id.
func (s *Service) DeleteTask(ctx context.Context, a Actor, projectID, id string) (Task, error) {
	var t Task
	err := s.store.Update(ctx, func(tx Tx) error {
		var err error
		t, err = getTask(ctx, tx, a.Workspace.ID, projectID, id, a.RequireProjectEdit)
		if err != nil {
			return err
		}
		if t.Status != TaskDone {
			return Invalidf("Cannot delete an active task")
		}
		return tx.DeleteTask(ctx, a.Workspace.ID, projectID, id)
	})
	if err != nil {
		return Task{}, fmt.Errorf("delete task %s: %w", id, err)
	}
	a.redactTask(&t)
	return t, nil
}
