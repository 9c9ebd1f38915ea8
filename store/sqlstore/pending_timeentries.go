package sqlstore

// TEMPORARY: stubs that the resource file replaces; delete this file when it lands.

import (
	"context"

	"github.com/punchclock/punchclock/domain"
)

func (t *Tx) TimeEntry(ctx context.Context, workspaceID, id string) (domain.TimeEntry, error) {
	return domain.TimeEntry{}, errPending
}

func (t *Tx) TimeEntriesByID(ctx context.Context, workspaceID string, ids []string) ([]domain.TimeEntry, error) {
	return nil, errPending
}

func (t *Tx) TimeEntries(ctx context.Context, workspaceID, userID string, f domain.TimeEntryFilter) ([]domain.TimeEntry, error) {
	return nil, errPending
}

func (t *Tx) RunningEntry(ctx context.Context, workspaceID, userID string) (domain.TimeEntry, error) {
	return domain.TimeEntry{}, errPending
}

func (t *Tx) RunningEntries(ctx context.Context, workspaceID string, p domain.Page) ([]domain.TimeEntry, error) {
	return nil, errPending
}

func (t *Tx) CreateTimeEntry(ctx context.Context, e domain.TimeEntry) error { return errPending }

func (t *Tx) UpdateTimeEntry(ctx context.Context, e domain.TimeEntry) error { return errPending }

func (t *Tx) DeleteTimeEntry(ctx context.Context, workspaceID, id string) error {
	return errPending
}

func (t *Tx) LockTimer(ctx context.Context, workspaceID, userID string) error { return errPending }
