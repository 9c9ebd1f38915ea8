package sqlstore

// TEMPORARY: stubs that the resource file replaces; delete this file when it lands.

import (
	"context"

	"github.com/punchclock/punchclock/domain"
)

func (t *Tx) Task(ctx context.Context, workspaceID, projectID, id string) (domain.Task, error) {
	return domain.Task{}, errPending
}

func (t *Tx) Tasks(ctx context.Context, workspaceID, projectID string, f domain.TaskFilter) ([]domain.Task, error) {
	return nil, errPending
}

func (t *Tx) CreateTask(ctx context.Context, task domain.Task) error { return errPending }

func (t *Tx) UpdateTask(ctx context.Context, task domain.Task) error { return errPending }

func (t *Tx) DeleteTask(ctx context.Context, workspaceID, projectID, id string) error {
	return errPending
}
