package domain

import (
	"context"
	"time"
)

// Store is the persistence contract. Implementations live in store/sqlite and
// store/postgres and pass the same API test suite.
//
// View runs fn in a read-only transaction. Update runs fn in a read-write
// transaction that commits when fn returns nil and rolls back otherwise. It
// may run fn more than once when the engine reports a serialization failure,
// so fn must not have side effects outside the transaction.
type Store interface {
	View(ctx context.Context, fn func(Tx) error) error
	Update(ctx context.Context, fn func(Tx) error) error
	// Versions reads in one statement, outside any transaction, what a
	// request needs to tell whether its cached data is current: the
	// workspace's catalog version (Tx.WorkspaceVersion) and the user's
	// entry version (Tx.EntryVersion). It returns an error wrapping
	// ErrNotFound for an unknown workspace.
	Versions(ctx context.Context, workspaceID, userID string) (Versions, error)
	// Ping returns an error when the database does not respond before ctx ends.
	Ping(ctx context.Context) error
	Close() error
}

// Versions are the versions that Store.Versions reads.
type Versions struct {
	Workspace int64 // the workspace's catalog version
	Entries   int64 // the user's entry version, 0 before their first entry
	// Now is the store's clock when it read them, which takes the place of
	// Tx.Now for a request that needs no transaction.
	Now time.Time
}

// Tx is one transaction. Getters inside Update lock the row they return until
// the transaction ends, so a read-modify-write of one entity cannot lose a
// concurrent update. Getters return an error wrapping ErrNotFound for a
// missing row, and writes return one wrapping ErrConflict when a unique
// constraint (such as a name taken in the workspace) rejects them. After a
// write fails, fn must return an error: PostgreSQL rejects every later
// statement of the transaction, while SQLite would go on.
type Tx interface {
	// Now is the transaction's clock reading, frozen for its whole duration.
	Now() time.Time

	UserStore
	WorkspaceStore
	ClientStore
	ProjectStore
	TaskStore
	TagStore
	TimeEntryStore
	RoleStore
	UserGroupStore
	RateStore
	ImportStore
	CustomFieldStore
	MemberProfileStore
	ReportStore
}

// SortOrder is the direction of a list's sort.
type SortOrder string

const (
	Ascending  SortOrder = "ASCENDING"
	Descending SortOrder = "DESCENDING"
)

// Page selects one page of a list: Number counts from 1.
type Page struct {
	Number int
	Size   int
}

// maxOffset bounds Offset far beyond any table's size, so that a huge page
// number selects an empty page instead of overflowing into a negative or
// small offset.
const maxOffset = 1 << 53

// Offset is the number of rows before the page.
func (p Page) Offset() int {
	if p.Size > 0 && p.Number-1 > maxOffset/p.Size {
		return maxOffset
	}
	return (p.Number - 1) * p.Size
}

// Limit is the number of rows a store fetches for the page: one more than its
// size, so that the caller can tell whether a later page exists.
func (p Page) Limit() int { return p.Size + 1 }

// Cut trims rows fetched with Limit to the page and reports whether the page
// is the last one.
func Cut[T any](rows []T, p Page) ([]T, bool) {
	if len(rows) > p.Size {
		return rows[:p.Size], false
	}
	return rows, true
}
