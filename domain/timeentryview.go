package domain

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// entryView is entryViews for one entry.
func entryView(ctx context.Context, tx Tx, ws Workspace, e TimeEntry) (TimeEntryView, error) {
	views, err := entryViews(ctx, tx, ws, []TimeEntry{e})
	if err != nil {
		return TimeEntryView{}, err
	}
	return views[0], nil
}

// entryViews reads what responses show next to each entry: its project,
// task, tags and user. The rates come with the entry from the store. Each project, task and member
// is read once, and the tags of all entries with one query.
func entryViews(ctx context.Context, tx Tx, ws Workspace, list []TimeEntry) ([]TimeEntryView, error) {
	r := viewReader{ctx: ctx, tx: tx, ws: ws, projects: map[string]*Project{}, tasks: map[string]*Task{},
		members: map[string]*Member{}, tags: map[string]Tag{}}
	if err := r.readTags(list); err != nil {
		return nil, err
	}
	if err := r.readProjectsAndTasks(list); err != nil {
		return nil, err
	}
	fieldValues, err := entryFieldViews(ctx, tx, ws.ID, list)
	if err != nil {
		return nil, err
	}
	views := make([]TimeEntryView, len(list))
	for i, e := range list {
		v := TimeEntryView{TimeEntry: e, Locked: lockedBefore(ws, e.Start)}
		var err error
		if v.Project, err = r.project(e.ProjectID); err != nil {
			return nil, err
		}
		if v.Project != nil {
			if v.Task, err = r.task(e.ProjectID, e.TaskID); err != nil {
				return nil, err
			}
		}
		for _, id := range e.TagIDs {
			if t, ok := r.tags[id]; ok {
				v.Tags = append(v.Tags, t)
			}
		}
		m, err := r.member(e.UserID)
		if err != nil {
			return nil, err
		}
		v.User = User{ID: e.UserID}
		if m != nil {
			v.User = m.User
		}
		v.CustomFields = fieldValues[e.ID]
		views[i] = v
	}
	return views, nil
}

// plainEntryViews is entryViews without the project, task, tags and user,
// for responses that show ids only.
func plainEntryViews(ctx context.Context, tx Tx, ws Workspace, list []TimeEntry) ([]TimeEntryView, error) {
	fieldValues, err := entryFieldViews(ctx, tx, ws.ID, list)
	if err != nil {
		return nil, err
	}
	views := make([]TimeEntryView, len(list))
	for i, e := range list {
		views[i] = TimeEntryView{TimeEntry: e, Locked: lockedBefore(ws, e.Start), User: User{ID: e.UserID},
			CustomFields: fieldValues[e.ID]}
	}
	return views, nil
}

// viewReader caches the reads of one entryViews call. A project, task or
// member that no longer exists is cached as nil.
type viewReader struct {
	ctx      context.Context
	tx       Tx
	ws       Workspace
	projects map[string]*Project
	tasks    map[string]*Task
	members  map[string]*Member
	tags     map[string]Tag
}

func (r *viewReader) readTags(list []TimeEntry) error {
	var ids []string
	for _, e := range list {
		ids = append(ids, e.TagIDs...)
	}
	ids = dedupe(ids)
	if len(ids) == 0 {
		return nil
	}
	tags, err := r.tx.TagsByID(r.ctx, r.ws.ID, ids)
	if err != nil {
		return err
	}
	for _, t := range tags {
		r.tags[t.ID] = t
	}
	return nil
}

// readProjectsAndTasks reads every project and task the entries name with
// one query per kind, so that a page of entries costs two queries rather
// than one per distinct project and task. Ids it does not find are cached
// as nil.
func (r *viewReader) readProjectsAndTasks(list []TimeEntry) error {
	var projectIDs, taskIDs []string
	for _, e := range list {
		if e.ProjectID != "" {
			projectIDs = append(projectIDs, e.ProjectID)
		}
		if e.TaskID != "" {
			taskIDs = append(taskIDs, e.TaskID)
		}
	}
	projectIDs, taskIDs = dedupe(projectIDs), dedupe(taskIDs)

	projects, err := r.tx.ProjectsByID(r.ctx, r.ws.ID, projectIDs)
	if err != nil {
		return err
	}
	for _, id := range projectIDs {
		r.projects[id] = nil
	}
	for i := range projects {
		r.projects[projects[i].ID] = &projects[i]
	}

	tasks, err := r.tx.TasksByID(r.ctx, r.ws.ID, taskIDs)
	if err != nil {
		return err
	}
	for _, id := range taskIDs {
		r.tasks[id] = nil
	}
	for i := range tasks {
		r.tasks[tasks[i].ID] = &tasks[i]
	}
	return nil
}

func (r *viewReader) project(id string) (*Project, error) {
	if id == "" {
		return nil, nil
	}
	if p, ok := r.projects[id]; ok {
		return p, nil
	}
	p, err := r.tx.Project(r.ctx, r.ws.ID, id)
	if errors.Is(err, ErrNotFound) {
		r.projects[id] = nil
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	r.projects[id] = &p
	return &p, nil
}

func (r *viewReader) task(projectID, id string) (*Task, error) {
	if id == "" {
		return nil, nil
	}
	if t, ok := r.tasks[id]; ok {
		if t != nil && t.ProjectID != projectID {
			// The entry names a task of another project.
			return nil, nil
		}
		return t, nil
	}
	t, err := r.tx.Task(r.ctx, r.ws.ID, projectID, id)
	if errors.Is(err, ErrNotFound) {
		r.tasks[id] = nil
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	r.tasks[id] = &t
	return &t, nil
}

func (r *viewReader) member(userID string) (*Member, error) {
	if m, ok := r.members[userID]; ok {
		return m, nil
	}
	m, err := r.tx.Member(r.ctx, r.ws.ID, userID)
	if errors.Is(err, ErrNotFound) {
		r.members[userID] = nil
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	r.members[userID] = &m
	return &m, nil
}

// AddTrackedTime sets the tracked time of the projects and tasks that views
// show. Entry reads take projects and tasks from the catalog cache, which
// leaves tracked time out because every entry write changes it, so only
// responses that show it pay for reading it.
func (s *Service) AddTrackedTime(ctx context.Context, a Actor, views []TimeEntryView) error {
	var projectIDs, taskIDs []string
	for _, v := range views {
		if v.Project != nil {
			projectIDs = append(projectIDs, v.Project.ID)
		}
		if v.Task != nil {
			taskIDs = append(taskIDs, v.Task.ID)
		}
	}
	projectIDs, taskIDs = dedupe(projectIDs), dedupe(taskIDs)
	if len(projectIDs) == 0 {
		return nil
	}

	tracked := map[string]time.Duration{}
	err := s.store.View(ctx, func(tx Tx) error {
		projects, err := tx.ProjectsByID(ctx, a.Workspace.ID, projectIDs)
		if err != nil {
			return err
		}
		for _, p := range projects {
			tracked[p.ID] = p.Tracked
		}
		tasks, err := tx.TasksByID(ctx, a.Workspace.ID, taskIDs)
		for _, t := range tasks {
			tracked[t.ID] = t.Tracked
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("read tracked time of projects and tasks: %w", err)
	}

	for _, v := range views {
		if v.Project != nil {
			v.Project.Tracked = tracked[v.Project.ID]
		}
		if v.Task != nil {
			v.Task.Tracked = tracked[v.Task.ID]
		}
	}
	return nil
}
