package sqlstore

// TEMPORARY: stubs that the resource file replaces; delete this file when it lands.

import (
	"context"

	"github.com/punchclock/punchclock/domain"
)

func (t *Tx) Project(ctx context.Context, workspaceID, id string) (domain.Project, error) {
	return domain.Project{}, errPending
}

func (t *Tx) Projects(ctx context.Context, workspaceID string, f domain.ProjectFilter) ([]domain.Project, error) {
	return nil, errPending
}

func (t *Tx) CreateProject(ctx context.Context, p domain.Project) error { return errPending }

func (t *Tx) UpdateProject(ctx context.Context, p domain.Project) error { return errPending }

func (t *Tx) DeleteProject(ctx context.Context, workspaceID, id string) error {
	return errPending
}
