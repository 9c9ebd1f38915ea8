package sqlstore

// TEMPORARY: stubs that the resource file replaces; delete this file when it lands.

import (
	"context"

	"github.com/punchclock/punchclock/domain"
)

func (t *Tx) Tag(ctx context.Context, workspaceID, id string) (domain.Tag, error) {
	return domain.Tag{}, errPending
}

func (t *Tx) Tags(ctx context.Context, workspaceID string, f domain.TagFilter) ([]domain.Tag, error) {
	return nil, errPending
}

func (t *Tx) TagsByID(ctx context.Context, workspaceID string, ids []string) ([]domain.Tag, error) {
	return nil, errPending
}

func (t *Tx) CreateTag(ctx context.Context, tag domain.Tag) error { return errPending }

func (t *Tx) UpdateTag(ctx context.Context, tag domain.Tag) error { return errPending }

func (t *Tx) DeleteTag(ctx context.Context, workspaceID, id string) error {
	return errPending
}
