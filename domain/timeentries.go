package domain

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/punchclock/punchclock/iso8601"
)

// TimeEntryInput is the body of a time entry create, replace (PUT) or
// bulk-edit item. Instants are real UTC instants, unlike the wall-clock
// times of TimeEntryQuery.
type TimeEntryInput struct {
	Start       *time.Time // required, except in bulk edits where nil keeps the stored start
	End         *time.Time // nil starts a timer, or keeps or makes the entry running
	Billable    *bool      // nil: the project's billable flag on create, false on replace
	Description string
	ProjectID   string
	TaskID      string
	TagIDs      []string
	Type        string // REGULAR or BREAK; "" means REGULAR
}

// TimeEntryEdit is one item of a bulk edit: the entry's id and its new
// state, which replaces the stored one as a PUT does.
type TimeEntryEdit struct {
	ID string
	TimeEntryInput
}

// TimeEntryQuery selects a user's entries. From, To and WeekBefore are
// wall-clock times in the user's time zone: their UTC date and time of day
// are read in that zone, as Clockify reads the start and end parameters.
type TimeEntryQuery struct {
	Description     string
	From            *time.Time // entries starting at or after
	To              *time.Time // entries starting before
	ProjectID       string
	TaskID          string
	TagIDs          []string
	ProjectRequired bool
	TaskRequired    bool
	// InProgress true returns the running entry (or none) and ignores every
	// other filter; false returns finished entries only.
	InProgress *bool
	// WeekBefore selects the 7 days before it, keeping only entries with a
	// project or a task; it replaces From and To.
	WeekBefore *time.Time
	Page       Page
}

// TimeEntryView is an entry with what responses show next to it: the
// referenced project, task, tags and user, the rates that apply and the lock.
type TimeEntryView struct {
	TimeEntry
	Locked     bool     // the entry starts before the workspace lock date
	Project    *Project // nil without a project or when it was deleted
	Task       *Task
	Tags       []Tag // in the entry's tag order; deleted tags are left out
	User       User
	HourlyRate *Rate
	CostRate   *Rate
}

// TotalBillable is the amount the entry earns in minor units, rounded to the
// nearest unit: the hourly rate times the duration, or 0 when the entry is
// not billable or still running.
func (v TimeEntryView) TotalBillable() int64 {
	if !v.Billable || v.HourlyRate == nil {
		return 0
	}
	seconds := int64(v.Duration() / time.Second)
	return (v.HourlyRate.Amount*seconds + 1800) / 3600
}

// maxDescription is Clockify's limit on a time entry description.
const maxDescription = 3000

// Messages Clockify sends when a workspace setting requires a field that a
// completed entry lacks.
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

// mayTouchEntriesOf returns ErrAccessDenied unless the actor may read and
// change userID's time entries: everyone may touch their own.
func (a Actor) mayTouchEntriesOf(userID string) error {
	if userID == a.User.ID {
		return nil
	}
	return a.Require(ManageOthersTime)
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
// addresses, after checking that the actor may touch them.
func entryMember(ctx context.Context, tx Tx, a Actor, userID string) (Member, error) {
	if err := a.mayTouchEntriesOf(userID); err != nil {
		return Member{}, err
	}
	if !ValidID(userID) {
		return Member{}, Invalidf("USER with id %s doesn't belong to WORKSPACE with id %s", userID, a.Workspace.ID)
	}
	m, err := tx.Member(ctx, a.Workspace.ID, userID)
	if errors.Is(err, ErrNotFound) {
		return Member{}, Invalidf("USER with id %s doesn't belong to WORKSPACE with id %s", userID, a.Workspace.ID)
	}
	return m, err
}

// getEntry returns an entry of the workspace that the actor may touch.
func getEntry(ctx context.Context, tx Tx, a Actor, id string) (TimeEntry, error) {
	if !ValidID(id) {
		return TimeEntry{}, entryNotFound(a.Workspace.ID, id)
	}
	e, err := tx.TimeEntry(ctx, a.Workspace.ID, id)
	if errors.Is(err, ErrNotFound) {
		return TimeEntry{}, entryNotFound(a.Workspace.ID, id)
	}
	if err != nil {
		return TimeEntry{}, err
	}
	return e, a.mayTouchEntriesOf(e.UserID)
}

// entryOwner returns the id of the user an entry belongs to, read before the
// write transaction so that it can take the timer lock first. An entry's
// owner never changes.
func (s *Service) entryOwner(ctx context.Context, a Actor, id string) (string, error) {
	var userID string
	err := s.store.View(ctx, func(tx Tx) error {
		e, err := getEntry(ctx, tx, a, id)
		userID = e.UserID
		return err
	})
	return userID, err
}

// applyInput writes in onto e. With replace, an omitted billable means
// false; otherwise it stays as e has it.
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

// dedupe returns ids without blanks and repeats, in their first order.
func dedupe(ids []string) []string {
	var out []string
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id != "" && !slices.Contains(out, id) {
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
	_, err = stopEntry(ctx, tx, a, r, at)
	return err
}

// runningConflict turns the store's unique-index rejection of a second
// running entry into a message. The timer lock prevents it; the index is
// the backstop.
func runningConflict(err error, userID string) error {
	if errors.Is(err, ErrConflict) {
		return Invalidf("USER with id %s already has a running time entry; stop it first", userID)
	}
	return err
}

// CreateTimeEntry creates an entry for userID, who is the actor or, for
// those allowed to manage others' time, another member. An entry without
// an end starts a timer and stops the user's running entry at its start.
// With fromEntryID, the fields the input leaves empty are copied from that
// entry.
func (s *Service) CreateTimeEntry(ctx context.Context, a Actor, userID string, in TimeEntryInput, fromEntryID string) (TimeEntryView, error) {
	if err := a.mayTouchEntriesOf(userID); err != nil {
		return TimeEntryView{}, err
	}
	var view TimeEntryView
	err := s.store.Update(ctx, func(tx Tx) error {
		if err := tx.LockTimer(ctx, a.Workspace.ID, userID); err != nil {
			return err
		}
		if _, err := entryMember(ctx, tx, a, userID); err != nil {
			return err
		}
		if fromEntryID != "" {
			var err error
			if in, err = copyFromEntry(ctx, tx, a, fromEntryID, in); err != nil {
				return err
			}
		}
		e := TimeEntry{ID: NewID(), WorkspaceID: a.Workspace.ID, UserID: userID, CreatedAt: tx.Now()}
		if err := applyInput(&e, in, false); err != nil {
			return err
		}
		p, err := checkEntry(ctx, tx, a, e)
		if err != nil {
			return err
		}
		if in.Billable == nil && p != nil {
			e.Billable = p.Billable
		}
		if e.Running() {
			if err := stopOtherTimer(ctx, tx, a, userID, e.Start, ""); err != nil {
				return err
			}
		}
		if err := runningConflict(tx.CreateTimeEntry(ctx, e), userID); err != nil {
			return err
		}
		view, err = entryView(ctx, tx, a.Workspace, e)
		return err
	})
	if err != nil {
		return TimeEntryView{}, fmt.Errorf("create time entry for user %s: %w", userID, err)
	}
	return view, nil
}

// copyFromEntry fills the fields that in leaves empty from the entry
// fromEntryID. An unknown entry is a 404, as in Clockify.
func copyFromEntry(ctx context.Context, tx Tx, a Actor, fromEntryID string, in TimeEntryInput) (TimeEntryInput, error) {
	src, err := getEntry(ctx, tx, a, fromEntryID)
	if err != nil {
		if _, ok := AsError(err); ok {
			return in, Errorf(KindNotFound, CodeNotFoundRunning, "TIMEENTRY with id %s was not found in WORKSPACE with id %s", fromEntryID, a.Workspace.ID)
		}
		return in, err
	}
	if in.Description == "" {
		in.Description = src.Description
	}
	if in.ProjectID == "" {
		in.ProjectID, in.TaskID = src.ProjectID, src.TaskID
	}
	if in.TagIDs == nil {
		in.TagIDs = src.TagIDs
	}
	if in.Billable == nil {
		in.Billable = &src.Billable
	}
	if in.Type == "" {
		in.Type = src.Type
	}
	return in, nil
}

// TimeEntry returns one entry the actor may see.
func (s *Service) TimeEntry(ctx context.Context, a Actor, id string) (TimeEntryView, error) {
	var view TimeEntryView
	err := s.store.View(ctx, func(tx Tx) error {
		e, err := getEntry(ctx, tx, a, id)
		if err != nil {
			return err
		}
		view, err = entryView(ctx, tx, a.Workspace, e)
		return err
	})
	if err != nil {
		return TimeEntryView{}, fmt.Errorf("get time entry %s: %w", id, err)
	}
	return view, nil
}

// UpdateTimeEntry replaces an entry with in, as Clockify's PUT does: start
// is required, an omitted billable means false, omitted description,
// project, task and tags are cleared, and an omitted end makes the entry
// run (stopping the user's other running entry).
func (s *Service) UpdateTimeEntry(ctx context.Context, a Actor, id string, in TimeEntryInput) (TimeEntryView, error) {
	if in.Start == nil {
		return TimeEntryView{}, Invalidf("start must not be null")
	}
	userID, err := s.entryOwner(ctx, a, id)
	if err != nil {
		return TimeEntryView{}, fmt.Errorf("update time entry %s: %w", id, err)
	}
	var view TimeEntryView
	err = s.store.Update(ctx, func(tx Tx) error {
		if err := tx.LockTimer(ctx, a.Workspace.ID, userID); err != nil {
			return err
		}
		e, err := replaceEntry(ctx, tx, a, TimeEntryEdit{ID: id, TimeEntryInput: in}, userID)
		if err != nil {
			return err
		}
		view, err = entryView(ctx, tx, a.Workspace, e)
		return err
	})
	if err != nil {
		return TimeEntryView{}, fmt.Errorf("update time entry %s: %w", id, err)
	}
	return view, nil
}

// replaceEntry writes one PUT or bulk-edit item onto the stored entry of
// userID. The caller holds the user's timer lock.
func replaceEntry(ctx context.Context, tx Tx, a Actor, edit TimeEntryEdit, userID string) (TimeEntry, error) {
	e, err := getEntry(ctx, tx, a, edit.ID)
	if err != nil {
		return e, err
	}
	if e.UserID != userID {
		return e, entryNotFound(a.Workspace.ID, edit.ID)
	}
	if err := checkLock(a, e.Start); err != nil {
		return e, err
	}
	if err := applyInput(&e, edit.TimeEntryInput, true); err != nil {
		return e, err
	}
	if _, err := checkEntry(ctx, tx, a, e); err != nil {
		return e, err
	}
	if e.Running() {
		if err := stopOtherTimer(ctx, tx, a, userID, e.Start, e.ID); err != nil {
			return e, err
		}
	}
	return e, runningConflict(tx.UpdateTimeEntry(ctx, e), userID)
}

// DeleteTimeEntry deletes one entry.
func (s *Service) DeleteTimeEntry(ctx context.Context, a Actor, id string) error {
	err := s.store.Update(ctx, func(tx Tx) error {
		e, err := getEntry(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if err := checkLock(a, e.Start); err != nil {
			return err
		}
		return tx.DeleteTimeEntry(ctx, a.Workspace.ID, id)
	})
	if err != nil {
		return fmt.Errorf("delete time entry %s: %w", id, err)
	}
	return nil
}

// wallClock reads t's UTC date and time of day as a wall-clock time in loc.
func wallClock(t time.Time, loc *time.Location) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
}

// UserTimeEntries returns one page of a user's entries, newest start first,
// and whether it is the last page.
func (s *Service) UserTimeEntries(ctx context.Context, a Actor, userID string, q TimeEntryQuery) ([]TimeEntryView, bool, error) {
	var views []TimeEntryView
	last := true
	err := s.store.View(ctx, func(tx Tx) error {
		m, err := entryMember(ctx, tx, a, userID)
		if err != nil {
			return err
		}
		f := entryFilter(q, m.User.Location())
		list, err := tx.TimeEntries(ctx, a.Workspace.ID, userID, f)
		if err != nil {
			return err
		}
		list, last = Cut(list, f.Page)
		views, err = entryViews(ctx, tx, a.Workspace, list)
		return err
	})
	if err != nil {
		return nil, false, fmt.Errorf("list time entries of user %s: %w", userID, err)
	}
	return views, last, nil
}

// entryFilter turns a list query into a store filter, reading its
// wall-clock times in loc.
func entryFilter(q TimeEntryQuery, loc *time.Location) TimeEntryFilter {
	if q.InProgress != nil && *q.InProgress {
		return TimeEntryFilter{InProgress: q.InProgress, Page: q.Page}
	}
	f := TimeEntryFilter{Description: q.Description, ProjectID: q.ProjectID, TaskID: q.TaskID, TagIDs: q.TagIDs,
		ProjectRequired: q.ProjectRequired, TaskRequired: q.TaskRequired, InProgress: q.InProgress, Page: q.Page}
	if q.From != nil {
		from := wallClock(*q.From, loc)
		f.StartFrom = &from
	}
	if q.To != nil {
		to := wallClock(*q.To, loc)
		f.StartBefore = &to
	}
	if q.WeekBefore != nil {
		to := wallClock(*q.WeekBefore, loc)
		from := to.AddDate(0, 0, -7)
		f.StartFrom, f.StartBefore, f.ProjectOrTask = &from, &to, true
	}
	return f
}

// RunningTimeEntries returns one page of the workspace's running entries
// and whether it is the last page. Only those who may manage others' time
// see them.
func (s *Service) RunningTimeEntries(ctx context.Context, a Actor, p Page) ([]TimeEntryView, bool, error) {
	if err := a.Require(ManageOthersTime); err != nil {
		return nil, false, err
	}
	var views []TimeEntryView
	last := true
	err := s.store.View(ctx, func(tx Tx) error {
		list, err := tx.RunningEntries(ctx, a.Workspace.ID, p)
		if err != nil {
			return err
		}
		list, last = Cut(list, p)
		views, err = entryViews(ctx, tx, a.Workspace, list)
		return err
	})
	if err != nil {
		return nil, false, fmt.Errorf("list running time entries: %w", err)
	}
	return views, last, nil
}

// TimeEntriesByID returns the entries with the given ids that the actor may
// see, newest start first; other ids are left out.
func (s *Service) TimeEntriesByID(ctx context.Context, a Actor, ids []string) ([]TimeEntryView, error) {
	ids = dedupe(ids)
	if len(ids) == 0 {
		return nil, Invalidf("timeEntryIds must not be empty")
	}
	var views []TimeEntryView
	err := s.store.View(ctx, func(tx Tx) error {
		list, err := tx.TimeEntriesByID(ctx, a.Workspace.ID, ids)
		if err != nil {
			return err
		}
		list = slices.DeleteFunc(list, func(e TimeEntry) bool { return a.mayTouchEntriesOf(e.UserID) != nil })
		views, err = entryViews(ctx, tx, a.Workspace, list)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("get time entries by id: %w", err)
	}
	return views, nil
}

// StopTimer ends the user's running entry at end. With nothing running it
// returns a KindNotFound error with code 404, which clockify-cli reads as
// "nothing to stop". A refused stop leaves the entry running.
func (s *Service) StopTimer(ctx context.Context, a Actor, userID string, end time.Time) (TimeEntryView, error) {
	if err := a.mayTouchEntriesOf(userID); err != nil {
		return TimeEntryView{}, err
	}
	var view TimeEntryView
	err := s.store.Update(ctx, func(tx Tx) error {
		if err := tx.LockTimer(ctx, a.Workspace.ID, userID); err != nil {
			return err
		}
		if _, err := entryMember(ctx, tx, a, userID); err != nil {
			return err
		}
		r, err := tx.RunningEntry(ctx, a.Workspace.ID, userID)
		if errors.Is(err, ErrNotFound) {
			return Errorf(KindNotFound, CodeNotFoundRunning,
				"Currently running time entry doesn't exist on workspace %s for user %s.", a.Workspace.ID, userID)
		}
		if err != nil {
			return err
		}
		if r, err = stopEntry(ctx, tx, a, r, end); err != nil {
			return err
		}
		view, err = entryView(ctx, tx, a.Workspace, r)
		return err
	})
	if err != nil {
		return TimeEntryView{}, fmt.Errorf("stop timer of user %s: %w", userID, err)
	}
	return view, nil
}

// BulkEditTimeEntries replaces several entries of one user in one
// transaction: when one item fails, nothing changes.
func (s *Service) BulkEditTimeEntries(ctx context.Context, a Actor, userID string, edits []TimeEntryEdit) ([]TimeEntryView, error) {
	if err := a.mayTouchEntriesOf(userID); err != nil {
		return nil, err
	}
	var views []TimeEntryView
	err := s.store.Update(ctx, func(tx Tx) error {
		if err := tx.LockTimer(ctx, a.Workspace.ID, userID); err != nil {
			return err
		}
		if _, err := entryMember(ctx, tx, a, userID); err != nil {
			return err
		}
		list := make([]TimeEntry, 0, len(edits))
		for _, edit := range edits {
			if edit.ID == "" {
				return Invalidf("id must not be null in every bulk edit item")
			}
			e, err := replaceEntry(ctx, tx, a, edit, userID)
			if err != nil {
				return err
			}
			list = append(list, e)
		}
		var err error
		views, err = entryViews(ctx, tx, a.Workspace, list)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("bulk edit time entries of user %s: %w", userID, err)
	}
	return views, nil
}

// BulkDeleteTimeEntries deletes several entries of one user and returns
// them. When one id is unknown or locked, nothing is deleted.
func (s *Service) BulkDeleteTimeEntries(ctx context.Context, a Actor, userID string, ids []string) ([]TimeEntryView, error) {
	if err := a.mayTouchEntriesOf(userID); err != nil {
		return nil, err
	}
	ids = dedupe(ids)
	var views []TimeEntryView
	err := s.store.Update(ctx, func(tx Tx) error {
		if _, err := entryMember(ctx, tx, a, userID); err != nil {
			return err
		}
		list := make([]TimeEntry, 0, len(ids))
		for _, id := range ids {
			e, err := getEntry(ctx, tx, a, id)
			if err != nil {
				return err
			}
			if e.UserID != userID {
				return entryNotFound(a.Workspace.ID, id)
			}
			if err := checkLock(a, e.Start); err != nil {
				return err
			}
			list = append(list, e)
		}
		// The views are read before the deletes, which take the tag rows along.
		var err error
		if views, err = entryViews(ctx, tx, a.Workspace, list); err != nil {
			return err
		}
		for _, e := range list {
			if err := tx.DeleteTimeEntry(ctx, a.Workspace.ID, e.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("bulk delete time entries of user %s: %w", userID, err)
	}
	return views, nil
}

// DuplicateTimeEntry copies a finished entry of userID under a new id, with
// the invoiced flag cleared. The copy passes the same checks as a create.
func (s *Service) DuplicateTimeEntry(ctx context.Context, a Actor, userID, id string) (TimeEntryView, error) {
	if err := a.mayTouchEntriesOf(userID); err != nil {
		return TimeEntryView{}, err
	}
	var view TimeEntryView
	err := s.store.Update(ctx, func(tx Tx) error {
		if _, err := entryMember(ctx, tx, a, userID); err != nil {
			return err
		}
		e, err := getEntry(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if e.UserID != userID {
			return entryNotFound(a.Workspace.ID, id)
		}
		if e.Running() {
			return Invalidf("TIMEENTRY with id %s is running; stop it before duplicating it", id)
		}
		e.ID, e.CreatedAt, e.Invoiced = NewID(), tx.Now(), false
		if _, err := checkEntry(ctx, tx, a, e); err != nil {
			return err
		}
		if err := tx.CreateTimeEntry(ctx, e); err != nil {
			return err
		}
		view, err = entryView(ctx, tx, a.Workspace, e)
		return err
	})
	if err != nil {
		return TimeEntryView{}, fmt.Errorf("duplicate time entry %s: %w", id, err)
	}
	return view, nil
}

// SetInvoiced marks entries as invoiced or not. When one id is unknown or
// not the actor's to change, nothing changes.
func (s *Service) SetInvoiced(ctx context.Context, a Actor, ids []string, invoiced bool) error {
	ids = dedupe(ids)
	if len(ids) == 0 {
		return Invalidf("timeEntryIds must not be empty")
	}
	err := s.store.Update(ctx, func(tx Tx) error {
		for _, id := range ids {
			e, err := getEntry(ctx, tx, a, id)
			if err != nil {
				return err
			}
			e.Invoiced = invoiced
			if err := tx.UpdateTimeEntry(ctx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("mark time entries invoiced=%t: %w", invoiced, err)
	}
	return nil
}
