package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/punchclock/punchclock/domain"
)

// Task estimates are stored in whole seconds. A task's tracked time is the
// sum of its finished entries, each cut to whole seconds at both ends as
// domain.TimeEntry.Duration does. Triggers on time_entries keep that sum in
// task_tracked.
const taskColumns = `t.id, t.workspace_id, t.project_id, t.name, t.assignee_ids, t.user_group_ids, t.estimate,
	t.status, t.billable, t.budget_estimate, t.hourly_rate, t.cost_rate, w.currency,
	COALESCE((SELECT k.seconds FROM task_tracked k WHERE k.workspace_id = t.workspace_id AND k.task_id = t.id), 0)`

const taskFrom = ` FROM tasks t JOIN workspaces w ON w.id = t.workspace_id`

func scanTask(s scanner) (domain.Task, error) {
	var t domain.Task
	var assignees, groups, currency string
	var estimate, budget, hourly, cost sql.NullInt64
	var trackedSeconds int64
	err := s.Scan(&t.ID, &t.WorkspaceID, &t.ProjectID, &t.Name, &assignees, &groups, &estimate,
		&t.Status, &t.Billable, &budget, &hourly, &cost, &currency, &trackedSeconds)
	if err != nil {
		return t, err
	}
	t.AssigneeIDs, t.UserGroupIDs = []string{}, []string{}
	if err := fromJSONText(assignees, &t.AssigneeIDs); err != nil {
		return t, err
	}
	if err := fromJSONText(groups, &t.UserGroupIDs); err != nil {
		return t, err
	}
	if estimate.Valid {
		d := time.Duration(estimate.Int64) * time.Second
		t.Estimate = &d
	}
	if budget.Valid {
		t.BudgetEstimate = &budget.Int64
	}
	t.HourlyRate = fromNullRate(hourly, currency)
	t.CostRate = fromNullRate(cost, currency)
	t.Tracked = seconds(trackedSeconds)
	return t, nil
}

// taskValues returns the stored forms of the JSON lists and the estimate of t.
func taskValues(t domain.Task) (assignees, groups string, estimate sql.NullInt64, err error) {
	if assignees, err = jsonIDList(t.AssigneeIDs); err != nil {
		return "", "", estimate, err
	}
	if groups, err = jsonIDList(t.UserGroupIDs); err != nil {
		return "", "", estimate, err
	}
	if t.Estimate != nil {
		estimate = sql.NullInt64{Int64: int64(*t.Estimate / time.Second), Valid: true}
	}
	return assignees, groups, estimate, nil
}

// jsonIDList encodes ids for a NOT NULL column that contains a JSON array, so nil
// becomes [] rather than null.
func jsonIDList(ids []string) (string, error) {
	if ids == nil {
		ids = []string{}
	}
	return jsonText(ids)
}

func nullBudget(n *int64) sql.NullInt64 {
	if n == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: *n, Valid: true}
}

// Task returns the task with the given id in the project.
func (t *Tx) Task(ctx context.Context, workspaceID, projectID, id string) (domain.Task, error) {
	q := `SELECT ` + taskColumns + taskFrom + ` WHERE t.workspace_id = ? AND t.project_id = ? AND t.id = ?` + t.forUpdate("t")
	task, err := scanTask(t.queryRow(ctx, q, workspaceID, projectID, id))
	if err != nil {
		return task, fmt.Errorf("sqlstore: task %s of project %s: %w", id, projectID, notFound(err))
	}
	return task, nil
}

var taskSort = map[string]string{
	"NAME": "lower(t.name)",
	"ID":   "t.id",
}

// Tasks returns one page of the project's tasks matching f.
func (t *Tx) Tasks(ctx context.Context, workspaceID, projectID string, f domain.TaskFilter) ([]domain.Task, error) {
	var w where
	w.add("t.workspace_id = ?", workspaceID)
	w.add("t.project_id = ?", projectID)
	switch {
	case f.Name != "" && f.StrictName:
		w.add("lower(t.name) = lower(?)", f.Name)
	case f.Name != "":
		w.add(`lower(t.name) LIKE ? ESCAPE '\'`, likePattern(f.Name))
	}
	if f.Active != nil {
		status := domain.TaskDone
		if *f.Active {
			status = domain.TaskActive
		}
		w.add("t.status = ?", status)
	}
	order, ok := taskSort[f.SortColumn]
	if !ok {
		order = taskSort["NAME"]
	}
	dir := sortDir(f.SortOrder)
	q := `SELECT ` + taskColumns + taskFrom + w.sql() +
		` ORDER BY ` + order + ` ` + dir + `, t.id ` + dir + ` LIMIT ? OFFSET ?`
	list, err := selectAll(ctx, t, scanTask, q, append(w.args, f.Page.Limit(), f.Page.Offset())...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: tasks of project %s: %w", projectID, err)
	}
	return list, nil
}

// TasksByID returns the workspace's tasks with the given ids, in no
// particular order.
func (t *Tx) TasksByID(ctx context.Context, workspaceID string, ids []string) ([]domain.Task, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var w where
	w.add("t.workspace_id = ?", workspaceID)
	w.in("t.id", ids, false)
	list, err := selectAll(ctx, t, scanTask, `SELECT `+taskColumns+taskFrom+w.sql(), w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: %d tasks by id: %w", len(ids), err)
	}
	return list, nil
}

// TasksOfProjects returns all tasks of the projects, keyed by project id,
// each project's sorted by name and then id, as Tasks sorts by NAME.
func (t *Tx) TasksOfProjects(ctx context.Context, workspaceID string, projectIDs []string) (map[string][]domain.Task, error) {
	out := map[string][]domain.Task{}
	if len(projectIDs) == 0 {
		return out, nil
	}
	var w where
	w.add("t.workspace_id = ?", workspaceID)
	w.in("t.project_id", projectIDs, false)
	q := `SELECT ` + taskColumns + taskFrom + w.sql() + ` ORDER BY t.project_id, ` + taskSort["NAME"] + `, t.id`
	list, err := selectAll(ctx, t, scanTask, q, w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: tasks of %d projects: %w", len(projectIDs), err)
	}
	for _, task := range list {
		out[task.ProjectID] = append(out[task.ProjectID], task)
	}
	return out, nil
}

// CreateTask inserts task. Its tracked time is not stored.
func (t *Tx) CreateTask(ctx context.Context, task domain.Task) error {
	assignees, groups, estimate, err := taskValues(task)
	if err != nil {
		return err
	}
	const q = `INSERT INTO tasks (id, workspace_id, project_id, name, assignee_ids, user_group_ids, estimate,
		status, billable, budget_estimate, hourly_rate, cost_rate, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	_, err = t.exec(ctx, q, task.ID, task.WorkspaceID, task.ProjectID, task.Name, assignees, groups, estimate,
		task.Status, task.Billable, nullBudget(task.BudgetEstimate), nullRate(task.HourlyRate), nullRate(task.CostRate), millis(t.now))
	if err != nil {
		return fmt.Errorf("sqlstore: creating task %q in project %s: %w", task.Name, task.ProjectID, err)
	}
	return nil
}

// UpdateTask writes every stored field of task.
func (t *Tx) UpdateTask(ctx context.Context, task domain.Task) error {
	assignees, groups, estimate, err := taskValues(task)
	if err != nil {
		return err
	}
	const q = `UPDATE tasks SET name = ?, assignee_ids = ?, user_group_ids = ?, estimate = ?, status = ?,
		billable = ?, budget_estimate = ?, hourly_rate = ?, cost_rate = ?
		WHERE workspace_id = ? AND project_id = ? AND id = ?`
	err = t.execOne(ctx, q, task.Name, assignees, groups, estimate, task.Status, task.Billable,
		nullBudget(task.BudgetEstimate), nullRate(task.HourlyRate), nullRate(task.CostRate),
		task.WorkspaceID, task.ProjectID, task.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: updating task %s: %w", task.ID, err)
	}
	return nil
}

// DeleteTask deletes the task. Time entries keep its id.
func (t *Tx) DeleteTask(ctx context.Context, workspaceID, projectID, id string) error {
	const q = `DELETE FROM tasks WHERE workspace_id = ? AND project_id = ? AND id = ?`
	if err := t.execOne(ctx, q, workspaceID, projectID, id); err != nil {
		return fmt.Errorf("sqlstore: deleting task %s: %w", id, err)
	}
	return nil
}
