package domain

import (
	"context"
	"time"
)

// Task statuses.
const (
	TaskActive = "ACTIVE"
	TaskDone   = "DONE"
)

// Task is a piece of work inside a project.
type Task struct {
	ID             string
	WorkspaceID    string
	ProjectID      string
	Name           string
	AssigneeIDs    []string
	UserGroupIDs   []string
	Estimate       *time.Duration
	Status         string
	Billable       bool
	BudgetEstimate *int64
	HourlyRate     *Rate
	CostRate       *Rate
	Tracked        time.Duration // sum of its finished entries, filled on reads
}

// TaskFilter selects a project's tasks. Zero fields do not filter.
type TaskFilter struct {
	Name       string
	StrictName bool
	Active     *bool  // true: ACTIVE only, false: DONE only
	SortColumn string // ID, NAME
	SortOrder  SortOrder
	Page       Page
}

// TaskStore persists tasks.
type TaskStore interface {
	Task(ctx context.Context, workspaceID, projectID, id string) (Task, error)
	Tasks(ctx context.Context, workspaceID, projectID string, f TaskFilter) ([]Task, error)
	// TasksByID returns the tasks with the given ids in any project of the
	// workspace; missing ids are left out.
	TasksByID(ctx context.Context, workspaceID string, ids []string) ([]Task, error)
	// TasksOfProjects returns all tasks of the given projects, keyed by
	// project id, each project's sorted by name.
	TasksOfProjects(ctx context.Context, workspaceID string, projectIDs []string) (map[string][]Task, error)
	CreateTask(ctx context.Context, t Task) error
	UpdateTask(ctx context.Context, t Task) error
	DeleteTask(ctx context.Context, workspaceID, projectID, id string) error
}
