package domain

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/punchclock/punchclock/iso8601"
)

// maxDescription is Clockify's limit on a time entry description.
const maxDescription = 3000

// Messages for a completed entry that lacks a field the workspace settings
// require.
//
// NOTE: only the project message is quoted from Clockify's responses. The
// task, tag and description ones follow its pattern and are unverified.
const (
	msgProjectRequired     = "Time entry couldn't be created. Project is either required field or given project is archived. Please change your input or update your workspace settings."
	msgTaskRequired        = "Time entry couldn't be created. Task is required field. Please change your input or update your workspace settings."
	msgTagRequired         = "Time entry couldn't be created. Tag is required field. Please change your input or update your workspace settings."
	msgDescriptionRequired = "Time entry couldn't be created. Description is required field. Please change your input or update your workspace settings."
)

func startAfterEnd(start, end time.Time) error {
	return Invalidf("Start datetime %s is greater than end datetime %s.", iso8601.FormatInstant(start), iso8601.FormatInstant(end))
}

func entryNotFound(workspaceID, id string) error {
	return Invalidf("TIMEENTRY with id %s doesn't belong to WORKSPACE with id %s", id, workspaceID)
}

// lockedBefore reports whether an entry starting at start lies before the
// workspace lock date.
func lockedBefore(ws Workspace, start time.Time) bool {
	lock := ws.Settings.LockTimeEntries
	return lock != nil && start.Before(*lock)
}

// checkLock rejects a change by a non-admin to an entry that starts before
// the workspace lock date. Admins and the owner may change locked entries.
func checkLock(a Actor, start time.Time) error {
	if a.IsAdmin() || !lockedBefore(a.Workspace, start) {
		return nil
	}
	return Invalidf("Time entry starting at %s is locked: entries before %s can be changed only by workspace admins",
		iso8601.FormatInstant(start), iso8601.FormatInstant(*a.Workspace.Settings.LockTimeEntries))
}

// entryMember returns the membership of the user whose entries a request
// addresses. The caller has checked the actor's rights on them.
func entryMember(ctx context.Context, tx Tx, a Actor, userID string) (Member, error) {
	if !ValidID(userID) {
		return Member{}, Invalidf("USER with id %s doesn't belong to WORKSPACE with id %s", userID, a.Workspace.ID)
	}
	m, err := tx.Member(ctx, a.Workspace.ID, userID)
	if errors.Is(err, ErrNotFound) {
		return Member{}, Invalidf("USER with id %s doesn't belong to WORKSPACE with id %s", userID, a.Workspace.ID)
	}
	return m, err
}

// getEntry returns an entry of the workspace that the actor may change.
func getEntry(ctx context.Context, tx Tx, a Actor, id string) (TimeEntry, error) {
	e, err := findEntry(ctx, tx, a, id)
	if err != nil {
		return e, err
	}
	return e, a.RequireEntriesOf(e.UserID)
}

// findEntry returns an entry of the workspace without checking rights.
func findEntry(ctx context.Context, tx Tx, a Actor, id string) (TimeEntry, error) {
	if !ValidID(id) {
		return TimeEntry{}, entryNotFound(a.Workspace.ID, id)
	}
	e, err := tx.TimeEntry(ctx, a.Workspace.ID, id)
	if errors.Is(err, ErrNotFound) {
		return TimeEntry{}, entryNotFound(a.Workspace.ID, id)
	}
	return e, err
}

// entryOwner returns the id of the user an entry belongs to, read before the
// write transaction so that it can take the timer lock first. An entry's
// owner never changes.
func (s *Service) entryOwner(ctx context.Context, a Actor, id string) (string, error) {
	var userID string
	err := s.viewCached(ctx, a, func(tx Tx) error {
		e, err := getEntry(ctx, tx, a, id)
		userID = e.UserID
		return err
	})
	return userID, err
}

// applyInput writes in onto e. With replace, an omitted billable means
// false. Without it, an omitted billable keeps e's value.
func applyInput(e *TimeEntry, in TimeEntryInput, replace bool) error {
	if in.Start != nil {
		e.Start = in.Start.UTC().Truncate(time.Second)
	} else if e.Start.IsZero() {
		return Invalidf("start must not be null")
	}
	e.End = nil
	if in.End != nil {
		end := in.End.UTC().Truncate(time.Second)
		e.End = &end
	}
	if in.Billable != nil {
		e.Billable = *in.Billable
	} else if replace {
		e.Billable = false
	}
	e.Description = in.Description
	e.ProjectID = strings.TrimSpace(in.ProjectID)
	e.TaskID = strings.TrimSpace(in.TaskID)
	e.TagIDs = dedupe(in.TagIDs)
	if err := checkIDCount("tagIds", len(e.TagIDs)); err != nil {
		return err
	}
	switch strings.ToUpper(in.Type) {
	case "", EntryRegular:
		e.Type = EntryRegular
	case EntryBreak:
		e.Type = EntryBreak
	default:
		return Invalidf("type %q is not valid: use REGULAR or BREAK", in.Type)
	}
	return nil
}

// maxIDs bounds the ids one request may name, far below the bind-parameter
// limits of SQLite (32,766) and PostgreSQL (65,535) that one query over
// them would otherwise hit.
const maxIDs = 5000

// checkIDCount rejects a list of more than maxIDs ids.
func checkIDCount(field string, n int) error {
	if n > maxIDs {
		return Invalidf("%s may name at most %d ids, got %d", field, maxIDs, n)
	}
	return nil
}

// dedupe returns ids without blanks and repeats, in their first order.
func dedupe(ids []string) []string {
	var out []string
	var seen map[string]bool // for long lists, where a scan of out costs more
	if len(ids) > 16 {
		seen = make(map[string]bool, len(ids))
	}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		switch {
		case id == "":
		case seen != nil && !seen[id]:
			seen[id] = true
			out = append(out, id)
		case seen == nil && !slices.Contains(out, id):
			out = append(out, id)
		}
	}
	return out
}

// checkEntry validates an entry about to be written: its interval, its
// description, the lock date, and that its project, task and tags exist.
// A completed entry must also carry every field the workspace requires.
// It returns the entry's project, or nil.
func checkEntry(ctx context.Context, tx Tx, a Actor, e TimeEntry) (*Project, error) {
	if e.End != nil && e.End.Before(e.Start) {
		return nil, startAfterEnd(e.Start, *e.End)
	}
	if n := len([]rune(e.Description)); n > maxDescription {
		return nil, Invalidf("description is %d characters long; the maximum is %d", n, maxDescription)
	}
	if err := checkLock(a, e.Start); err != nil {
		return nil, err
	}
	p, err := checkReferences(ctx, tx, e)
	if err != nil {
		return nil, err
	}
	if p != nil && !a.CanTrackOn(*p, e.UserID) {
		return nil, ErrAccessDenied
	}
	if !e.Running() {
		return p, checkRequired(a.Workspace.Settings, e)
	}
	return p, nil
}

// checkReferences checks that the entry's project exists in its workspace
// and is not archived, that its task belongs to that project and that its
// tags exist.
func checkReferences(ctx context.Context, tx Tx, e TimeEntry) (*Project, error) {
	var project *Project
	if e.ProjectID != "" {
		p, err := entryProject(ctx, tx, e.WorkspaceID, e.ProjectID)
		if err != nil {
			return nil, err
		}
		if p.Archived {
			return nil, Invalidf("PROJECT with id %s is archived; choose an active project or unarchive it", p.ID)
		}
		project = &p
	}
	if e.TaskID != "" {
		if e.ProjectID == "" {
			return nil, Invalidf("TASK with id %s needs a project: set projectId to the task's project", e.TaskID)
		}
		notInProject := Invalidf("TASK with id %s doesn't belong to PROJECT with id %s", e.TaskID, e.ProjectID)
		if !ValidID(e.TaskID) {
			return nil, notInProject
		}
		_, err := tx.Task(ctx, e.WorkspaceID, e.ProjectID, e.TaskID)
		if errors.Is(err, ErrNotFound) {
			return nil, notInProject
		}
		if err != nil {
			return nil, err
		}
	}
	if len(e.TagIDs) > 0 {
		tags, err := tx.TagsByID(ctx, e.WorkspaceID, e.TagIDs)
		if err != nil {
			return nil, err
		}
		for _, id := range e.TagIDs {
			if !slices.ContainsFunc(tags, func(t Tag) bool { return t.ID == id }) {
				return nil, Invalidf("TAG with id %s doesn't belong to WORKSPACE with id %s", id, e.WorkspaceID)
			}
		}
	}
	return project, nil
}

func entryProject(ctx context.Context, tx Tx, workspaceID, id string) (Project, error) {
	if !ValidID(id) {
		return Project{}, Invalidf("PROJECT with id %s doesn't belong to WORKSPACE with id %s", id, workspaceID)
	}
	p, err := tx.Project(ctx, workspaceID, id)
	if errors.Is(err, ErrNotFound) {
		return Project{}, Invalidf("PROJECT with id %s doesn't belong to WORKSPACE with id %s", id, workspaceID)
	}
	return p, err
}

// checkRequired returns Clockify's error for the first field that the
// workspace settings require and the entry lacks.
func checkRequired(s WorkspaceSettings, e TimeEntry) error {
	switch {
	case (s.ForceProjects || s.ForceTasks) && e.ProjectID == "":
		return Invalidf(msgProjectRequired)
	case s.ForceTasks && e.TaskID == "":
		return Invalidf(msgTaskRequired)
	case s.ForceTags && len(e.TagIDs) == 0:
		return Invalidf(msgTagRequired)
	case s.ForceDescription && strings.TrimSpace(e.Description) == "":
		return Invalidf(msgDescriptionRequired)
	}
	return nil
}

// stopEntry ends the running entry r at end, which must not be before its
// start, after the same lock and required-field checks as any completion.
func stopEntry(ctx context.Context, tx Tx, a Actor, r TimeEntry, end time.Time) (TimeEntry, error) {
	end = end.UTC().Truncate(time.Second)
	if end.Before(r.Start) {
		return r, startAfterEnd(r.Start, end)
	}
	if err := checkLock(a, r.Start); err != nil {
		return r, err
	}
	r.End = &end
	if err := checkRequired(a.Workspace.Settings, r); err != nil {
		return r, err
	}
	if err := checkStoredEntryFields(ctx, tx, r); err != nil {
		return r, err
	}
	return r, tx.UpdateTimeEntry(ctx, r)
}

// stopOtherTimer stops the user's running entry, unless it is exceptID, at
// the start of the entry that is about to run instead. The caller holds the
// timer lock.
func stopOtherTimer(ctx context.Context, tx Tx, a Actor, userID string, at time.Time, exceptID string) error {
	r, err := tx.RunningEntry(ctx, a.Workspace.ID, userID)
	if errors.Is(err, ErrNotFound) || (err == nil && r.ID == exceptID) {
		return nil
	}
	if err != nil {
		return err
	}
	// A new start before the running one's start fails here with Clockify's
	// start-after-end message about the running entry, which is what
	// Clockify sends when it stops that entry at the new start.
	_, err = stopEntry(ctx, tx, a, r, at)
	return err
}

// runningConflict turns the store's unique-index rejection of a second
// running entry into a message. The timer lock normally prevents a second
// running entry, and the index is the backstop.
func runningConflict(err error, userID string) error {
	if errors.Is(err, ErrConflict) {
		return Invalidf("USER with id %s already has a running time entry; stop it first", userID)
	}
	return err
}
