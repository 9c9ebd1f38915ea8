package domain

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
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
	// CustomFields set or clear custom field values. Fields it does not
	// name keep their stored values, even on replace.
	CustomFields []FieldInput
}

// TimeEntryEdit is one item of a bulk edit: the entry's id and its new
// state, which replaces the stored one as a PUT does, except that an omitted
// start or end keeps the stored one. Clockify requires only the id in a bulk
// edit item, so an item that only renames must not restart the timer.
type TimeEntryEdit struct {
	ID string
	TimeEntryInput
	KeepEnd bool // end was omitted: keep the stored end
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
	// other filter. False returns finished entries only.
	InProgress *bool
	// WeekBefore selects the 7 days before it, keeping only entries with a
	// project or a task. It replaces From and To.
	WeekBefore *time.Time
	Page       Page
	// Hydrated fills each view's project, task, tags and user. Without
	// it the views carry the entry, its lock and its custom fields only.
	Hydrated bool
}

// TimeEntryView is an entry with what responses show next to it: the
// referenced project, task, tags and user and the lock.
type TimeEntryView struct {
	TimeEntry
	Locked  bool     // the entry starts before the workspace lock date
	Project *Project // nil without a project or when it was deleted
	Task    *Task
	Tags    []Tag // in the entry's tag order; deleted tags are left out
	User    User
	// CustomFields are the custom field values the entry shows, its own and
	// those it inherits from defaults.
	CustomFields []EntryFieldValue
}

// TotalBillable is the amount the entry earns in minor units, as
// EntryAmounts computes it: 0 when the entry is not billable or still
// running.
func (v TimeEntryView) TotalBillable() int64 {
	billable, _ := EntryAmounts(v.TimeEntry, v.Duration())
	return billable
}

// CreateTimeEntry creates an entry for userID, who is the actor or, for
// those allowed to manage others' time, another member. An entry without
// an end starts a timer and stops the user's running entry at its start.
// With fromEntryID, the fields the input leaves empty are copied from that
// entry.
func (s *Service) CreateTimeEntry(ctx context.Context, a Actor, userID string, in TimeEntryInput, fromEntryID string) (TimeEntryView, error) {
	if err := a.RequireEntriesOf(userID); err != nil {
		return TimeEntryView{}, err
	}
	var view TimeEntryView
	var own *ownWrite
	err := s.updateCached(ctx, a.Workspace.ID, func(tx Tx) error {
		own = nil
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
		if !a.CanChangeBillable() {
			in.Billable = nil // the project's flag applies
		}
		if err := applyInput(&e, in, false); err != nil {
			return err
		}
		if !e.Running() {
			if err := a.RequireManualTime(); err != nil {
				return err
			}
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
		if err := resolveEntry(ctx, tx, a.Workspace, &e); err != nil {
			return err
		}
		if own, err = s.beginOwnWrite(ctx, tx, a.Workspace.ID, userID); err != nil {
			return err
		}
		if err := runningConflict(tx.CreateTimeEntry(ctx, e), userID); err != nil {
			return err
		}
		if err := saveEntryFields(ctx, tx, a, e, in.CustomFields, fromEntryID); err != nil {
			return err
		}
		if own != nil {
			if err := own.finish(ctx, tx, a.Workspace, e.ID); err != nil {
				return err
			}
		}
		view, err = entryView(ctx, tx, a.Workspace, e)
		return err
	})
	if err != nil {
		return TimeEntryView{}, fmt.Errorf("create time entry for user %s: %w", userID, err)
	}
	s.applyOwnWrite(own)
	a.redactEntry(&view)
	return view, nil
}

// copyFromEntry fills the fields that in leaves empty from the entry
// fromEntryID. An unknown entry is a 404, as in Clockify, although Clockify
// sends it with an empty body.
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
	err := s.viewCached(ctx, a, func(tx Tx) error {
		e, err := findEntry(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if view, err = entryView(ctx, tx, a.Workspace, e); err != nil {
			return err
		}
		if !a.CanSeeEntry(view.TimeEntry, view.Project) {
			return ErrAccessDenied
		}
		return nil
	})
	if err != nil {
		return TimeEntryView{}, fmt.Errorf("get time entry %s: %w", id, err)
	}
	a.redactEntry(&view)
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
	err = s.updateCached(ctx, a.Workspace.ID, func(tx Tx) error {
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
	a.redactEntry(&view)
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
	storedStart, storedEnd := e.Start, e.End
	if !a.CanChangeBillable() {
		edit.Billable = &e.Billable
	}
	if err := applyInput(&e, edit.TimeEntryInput, true); err != nil {
		return e, err
	}
	if edit.KeepEnd {
		e.End = storedEnd
		if e.End != nil && e.Start.After(*e.End) {
			return e, startAfterEnd(e.Start, *e.End)
		}
	}
	if !e.Start.Equal(storedStart) || !sameInstant(e.End, storedEnd) {
		if err := a.RequireManualTime(); err != nil {
			return e, err
		}
	}
	if _, err := checkEntry(ctx, tx, a, e); err != nil {
		return e, err
	}
	if e.Running() {
		if err := stopOtherTimer(ctx, tx, a, userID, e.Start, e.ID); err != nil {
			return e, err
		}
	}
	if err := resolveEntry(ctx, tx, a.Workspace, &e); err != nil {
		return e, err
	}
	if err := runningConflict(tx.UpdateTimeEntry(ctx, e), userID); err != nil {
		return e, err
	}
	return e, saveEntryFields(ctx, tx, a, e, edit.CustomFields, e.ID)
}

// DeleteTimeEntry deletes one entry.
func (s *Service) DeleteTimeEntry(ctx context.Context, a Actor, id string) error {
	err := s.updateCached(ctx, a.Workspace.ID, func(tx Tx) error {
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

// wallClock reads t's UTC date and time of day as a wall-clock time in loc,
// resolving daylight-saving changes as java.time (which Clockify runs on)
// does: a time skipped by a gap moves forward by the gap's length, so 02:30
// on the spring-forward night in Chicago reads as 03:30 CDT, and a time that
// an overlap repeats takes the earlier offset. time.Date leaves both cases
// unspecified.
func wallClock(t time.Time, loc *time.Location) time.Time {
	t = t.UTC()
	// Offset changes are rare, so the offsets in force a day and a half
	// before and after cover the only change that can matter.
	_, before := t.Add(-36 * time.Hour).In(loc).Zone()
	_, after := t.Add(36 * time.Hour).In(loc).Zone()
	var fits []time.Time
	for _, offset := range []int{before, after} {
		candidate := t.Add(-time.Duration(offset) * time.Second).In(loc)
		if candidate.Day() == t.Day() && candidate.Hour() == t.Hour() && candidate.Minute() == t.Minute() {
			fits = append(fits, candidate)
		}
	}
	switch {
	case len(fits) == 0:
		// A gap: the offset before it carries the time forward past it.
		return t.Add(-time.Duration(before) * time.Second).In(loc)
	case len(fits) == 2 && fits[1].Before(fits[0]):
		return fits[1]
	}
	return fits[0]
}

// EntryPage is one page of entries as UserTimeEntries returns it.
type EntryPage struct {
	Views []TimeEntryView
	Last  bool
	// Revision names the content of a plain page of the actor's own
	// entries, and is zero for other pages. Pages with equal nonzero
	// revisions hold equal views, so a caller may keep what it renders from
	// one and send it for the others.
	Revision PageRevision
}

// UserTimeEntries returns one page of a user's entries, newest start first.
// The views may be shared with a cache, so callers must not change them.
func (s *Service) UserTimeEntries(ctx context.Context, a Actor, userID string, q TimeEntryQuery) (EntryPage, error) {
	// A page that is not cached gets no revision either, so that turning
	// the cache off also stops callers from reusing what they rendered.
	key, own := ownPageKey(a, userID, q)
	own = own && s.ownPages.on()
	if own {
		if p, ok := s.ownPages.get(key, a.entryVersion); ok {
			return a.finishOwnPage(key, a.entryVersion, p), nil
		}
	}

	var views []TimeEntryView
	var entryVersion int64
	last := true
	err := s.viewCached(ctx, a, func(tx Tx) error {
		m, err := entryMember(ctx, tx, a, userID)
		if err != nil {
			return err
		}
		f := entryFilter(q, m.User.Location())
		if f.Scope, err = a.EntryScopeFor(userID); err != nil {
			return err
		}
		var list []TimeEntry
		if own {
			if entryVersion, err = tx.EntryVersion(ctx, a.Workspace.ID, userID); err != nil {
				return err
			}
			list, err = entriesAt(ctx, tx, a.Workspace.ID, userID, f, entryVersion)
		} else {
			list, err = tx.TimeEntries(ctx, a.Workspace.ID, userID, f)
		}
		if err != nil {
			return err
		}
		list, last = Cut(list, f.Page)
		if q.Hydrated {
			views, err = entryViews(ctx, tx, a.Workspace, list)
		} else {
			views, err = plainEntryViews(ctx, tx, a.Workspace, list)
		}
		return err
	})
	if err != nil {
		return EntryPage{}, fmt.Errorf("list time entries of user %s: %w", userID, err)
	}
	if own {
		p := ownPage{views: views, last: last}
		s.ownPages.put(key, entryVersion, p)
		return a.finishOwnPage(key, entryVersion, p), nil
	}
	a.redactEntries(views)
	return EntryPage{Views: views, Last: last}, nil
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
// that the actor may see, and whether it is the last page.
func (s *Service) RunningTimeEntries(ctx context.Context, a Actor, p Page) ([]TimeEntryView, bool, error) {
	var views []TimeEntryView
	last := true
	err := s.viewCached(ctx, a, func(tx Tx) error {
		if a.IsAdmin() {
			list, err := tx.RunningEntries(ctx, a.Workspace.ID, p)
			if err != nil {
				return err
			}
			list, last = Cut(list, p)
			views, err = entryViews(ctx, tx, a.Workspace, list)
			return err
		}
		// Each member runs at most one timer, so the whole list is short
		// enough to filter here before cutting the page.
		list, err := tx.RunningEntries(ctx, a.Workspace.ID, allRows)
		if err != nil {
			return err
		}
		all, err := entryViews(ctx, tx, a.Workspace, list)
		if err != nil {
			return err
		}
		all = slices.DeleteFunc(all, func(v TimeEntryView) bool { return !a.CanSeeEntry(v.TimeEntry, v.Project) })
		start := min(p.Offset(), len(all))
		end := min(start+p.Size, len(all))
		views, last = all[start:end], end == len(all)
		return nil
	})
	if err != nil {
		return nil, false, fmt.Errorf("list running time entries: %w", err)
	}
	a.redactEntries(views)
	return views, last, nil
}

// TimeEntriesByID returns the entries with the given ids that the actor may
// see, newest start first. Other ids are left out.
func (s *Service) TimeEntriesByID(ctx context.Context, a Actor, ids []string) ([]TimeEntryView, error) {
	ids = dedupe(ids)
	if len(ids) == 0 {
		return nil, Invalidf("timeEntryIds must not be empty")
	}
	if err := checkIDCount("timeEntryIds", len(ids)); err != nil {
		return nil, err
	}
	var views []TimeEntryView
	err := s.viewCached(ctx, a, func(tx Tx) error {
		list, err := tx.TimeEntriesByID(ctx, a.Workspace.ID, ids)
		if err != nil {
			return err
		}
		if views, err = entryViews(ctx, tx, a.Workspace, list); err != nil {
			return err
		}
		views = slices.DeleteFunc(views, func(v TimeEntryView) bool { return !a.CanSeeEntry(v.TimeEntry, v.Project) })
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("get time entries by id: %w", err)
	}
	a.redactEntries(views)
	return views, nil
}

// StopTimer ends the user's running entry at end. With nothing running it
// returns a KindNotFound error with code 404, which clockify-cli reads as
// "nothing to stop". A refused stop leaves the entry running.
func (s *Service) StopTimer(ctx context.Context, a Actor, userID string, end time.Time) (TimeEntryView, error) {
	if err := a.RequireEntriesOf(userID); err != nil {
		return TimeEntryView{}, err
	}
	var view TimeEntryView
	var own *ownWrite
	err := s.updateCached(ctx, a.Workspace.ID, func(tx Tx) error {
		own = nil
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
		if own, err = s.beginOwnWrite(ctx, tx, a.Workspace.ID, userID); err != nil {
			return err
		}
		if r, err = stopEntry(ctx, tx, a, r, end); err != nil {
			return err
		}
		if own != nil {
			own.replace = true
			if err := own.finish(ctx, tx, a.Workspace, r.ID); err != nil {
				return err
			}
		}
		view, err = entryView(ctx, tx, a.Workspace, r)
		return err
	})
	if err != nil {
		return TimeEntryView{}, fmt.Errorf("stop timer of user %s: %w", userID, err)
	}
	s.applyOwnWrite(own)
	a.redactEntry(&view)
	return view, nil
}

// BulkEditTimeEntries replaces several entries of one user in one
// transaction: when one item fails, nothing changes.
func (s *Service) BulkEditTimeEntries(ctx context.Context, a Actor, userID string, edits []TimeEntryEdit) ([]TimeEntryView, error) {
	if err := a.RequireEntriesOf(userID); err != nil {
		return nil, err
	}
	if err := checkIDCount("bulk edit items", len(edits)); err != nil {
		return nil, err
	}
	var views []TimeEntryView
	err := s.updateCached(ctx, a.Workspace.ID, func(tx Tx) error {
		if err := tx.LockTimer(ctx, a.Workspace.ID, userID); err != nil {
			return err
		}
		if _, err := entryMember(ctx, tx, a, userID); err != nil {
			return err
		}
		ids := make([]string, 0, len(edits))
		for _, edit := range edits {
			if edit.ID == "" {
				return Invalidf("id must not be null in every bulk edit item")
			}
			if _, err := replaceEntry(ctx, tx, a, edit, userID); err != nil {
				return err
			}
			ids = append(ids, edit.ID)
		}
		// Read the entries back: a later item that starts a timer may have
		// stopped an entry an earlier item left running.
		list, err := tx.TimeEntriesByID(ctx, a.Workspace.ID, dedupe(ids))
		if err != nil {
			return err
		}
		views, err = entryViews(ctx, tx, a.Workspace, inIDOrder(list, dedupe(ids)))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("bulk edit time entries of user %s: %w", userID, err)
	}
	a.redactEntries(views)
	return views, nil
}

// inIDOrder returns list ordered as ids; ids it lacks are left out.
func inIDOrder(list []TimeEntry, ids []string) []TimeEntry {
	byID := make(map[string]TimeEntry, len(list))
	for _, e := range list {
		byID[e.ID] = e
	}
	out := make([]TimeEntry, 0, len(ids))
	for _, id := range ids {
		if e, ok := byID[id]; ok {
			out = append(out, e)
		}
	}
	return out
}

// BulkDeleteTimeEntries deletes several entries of one user and returns
// them. When one id is unknown or locked, nothing is deleted.
func (s *Service) BulkDeleteTimeEntries(ctx context.Context, a Actor, userID string, ids []string) ([]TimeEntryView, error) {
	if err := a.RequireEntriesOf(userID); err != nil {
		return nil, err
	}
	ids = dedupe(ids)
	if err := checkIDCount("time-entry-ids", len(ids)); err != nil {
		return nil, err
	}
	var views []TimeEntryView
	err := s.updateCached(ctx, a.Workspace.ID, func(tx Tx) error {
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
	a.redactEntries(views)
	return views, nil
}

// DuplicateTimeEntry copies a finished entry of userID under a new id, with
// the invoiced flag cleared. The copy passes the same checks as a create.
func (s *Service) DuplicateTimeEntry(ctx context.Context, a Actor, userID, id string) (TimeEntryView, error) {
	if err := a.RequireEntriesOf(userID); err != nil {
		return TimeEntryView{}, err
	}
	var view TimeEntryView
	err := s.updateCached(ctx, a.Workspace.ID, func(tx Tx) error {
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
		sourceID := e.ID
		e.ID, e.CreatedAt, e.Invoiced = NewID(), tx.Now(), false
		if err := a.RequireManualTime(); err != nil {
			return err
		}
		if _, err := checkEntry(ctx, tx, a, e); err != nil {
			return err
		}
		if err := resolveEntry(ctx, tx, a.Workspace, &e); err != nil {
			return err
		}
		if err := tx.CreateTimeEntry(ctx, e); err != nil {
			return err
		}
		if err := saveEntryFields(ctx, tx, a, e, nil, sourceID); err != nil {
			return err
		}
		view, err = entryView(ctx, tx, a.Workspace, e)
		return err
	})
	if err != nil {
		return TimeEntryView{}, fmt.Errorf("duplicate time entry %s: %w", id, err)
	}
	a.redactEntry(&view)
	return view, nil
}

// SetInvoiced marks entries as invoiced or not. When one id is unknown, not
// the actor's to change or locked to the actor, nothing changes.
func (s *Service) SetInvoiced(ctx context.Context, a Actor, ids []string, invoiced bool) error {
	ids = dedupe(ids)
	if len(ids) == 0 {
		return Invalidf("timeEntryIds must not be empty")
	}
	if err := checkIDCount("timeEntryIds", len(ids)); err != nil {
		return err
	}
	err := s.updateCached(ctx, a.Workspace.ID, func(tx Tx) error {
		for _, id := range ids {
			e, err := getEntry(ctx, tx, a, id)
			if err != nil {
				return err
			}
			if err := checkLock(a, e.Start); err != nil {
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

// sameInstant reports whether two optional instants are both nil or equal.
func sameInstant(x, y *time.Time) bool {
	if x == nil || y == nil {
		return x == y
	}
	return x.Equal(*y)
}
