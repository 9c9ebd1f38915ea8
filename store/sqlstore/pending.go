package sqlstore

// TEMPORARY: placeholders replaced by projects.go, tasks.go, tags.go and
// timeentries.go as they land.

import (
	"context"
	"errors"

	"github.com/punchclock/punchclock/domain"
)

var errPending = errors.New("sqlstore: not implemented yet")

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
