package domain

import (
	"context"
	"time"
)

// Time entry types. Requests may set REGULAR or BREAK, but only Clockify
// itself generates HOLIDAY and TIME_OFF entries.
const (
	EntryRegular = "REGULAR"
	EntryBreak   = "BREAK"
)

// TimeEntry is a span of tracked time. End is nil while the timer runs.
type TimeEntry struct {
	ID          string
	WorkspaceID string
	UserID      string
	Description string
	ProjectID   string
	TaskID      string
	TagIDs      []string
	Billable    bool
	Start       time.Time
	End         *time.Time
	Type        string
	Invoiced    bool
	CreatedAt   time.Time
	// HourlyRate and CostRate are the rates in effect when the entry
	// starts, as ResolveEntryRates resolves them. The store keeps them
	// with the entry and fills them on every read, in the workspace
	// currency, so that amounts need no further queries.
	HourlyRate *Rate
	CostRate   *Rate
}

// Duration is the entry's length in whole seconds, or 0 while it runs.
func (e TimeEntry) Duration() time.Duration {
	if e.End == nil {
		return 0
	}
	return e.End.Truncate(time.Second).Sub(e.Start.Truncate(time.Second))
}

// Running reports whether the entry's timer is still running.
func (e TimeEntry) Running() bool { return e.End == nil }

// TimeEntryFilter selects one user's entries. Zero fields do not filter.
type TimeEntryFilter struct {
	Description     string     // substring, case-insensitive
	StartFrom       *time.Time // entries starting at or after
	StartBefore     *time.Time // entries starting before
	ProjectID       string
	TaskID          string
	TagIDs          []string // entries carrying any of them
	ProjectRequired bool     // only entries with a project
	TaskRequired    bool     // only entries with a task
	ProjectOrTask   bool     // only entries with a project or a task
	InProgress      *bool    // true: running only, false: finished only
	Page            Page
	// Scope, when set, keeps only the entries another user may see.
	Scope *EntryScope
}

// TimeEntryStore persists time entries.
type TimeEntryStore interface {
	TimeEntry(ctx context.Context, workspaceID, id string) (TimeEntry, error)
	// TimeEntriesByID returns the entries with the given ids. Missing ids are left out.
	TimeEntriesByID(ctx context.Context, workspaceID string, ids []string) ([]TimeEntry, error)
	// TimeEntries returns one page of a user's entries, newest start first
	// and, among equal starts, the latest created first.
	TimeEntries(ctx context.Context, workspaceID, userID string, f TimeEntryFilter) ([]TimeEntry, error)
	// RunningEntry returns the user's running entry in the workspace.
	RunningEntry(ctx context.Context, workspaceID, userID string) (TimeEntry, error)
	// RunningEntries returns one page of the workspace's running entries,
	// newest start first, fetched with p.Limit.
	RunningEntries(ctx context.Context, workspaceID string, p Page) ([]TimeEntry, error)
	// CreateTimeEntry inserts e. A second running entry for the same user and
	// workspace is rejected with ErrConflict.
	CreateTimeEntry(ctx context.Context, e TimeEntry) error
	// UpdateTimeEntry writes every field of e, its tags included.
	UpdateTimeEntry(ctx context.Context, e TimeEntry) error
	DeleteTimeEntry(ctx context.Context, workspaceID, id string) error
	// LockTimer serializes timer changes of one user in one workspace until
	// the transaction ends, across processes sharing the database.
	LockTimer(ctx context.Context, workspaceID, userID string) error
}
