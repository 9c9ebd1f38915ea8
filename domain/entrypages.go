package domain

import (
	"context"
	"reflect"
	"slices"
	"sync"
)

// maxCachedPages bounds the pages kept in memory by each page cache, and
// maxCachedPageSize the size of the pages they keep, so that each cache
// holds at most 51,200 entries. Larger pages are always read from the
// database.
const (
	maxCachedPages    = 256
	maxCachedPageSize = 200
)

// pageCache keeps recent pages of users' entries in memory, as V. A page
// is used only by a request that finds the same workspace version (the
// catalog it was read with) and the same entry version of its user
// (Tx.EntryVersion), so it always equals what the database would return.
//
// The Service keeps two: pages of TimeEntry rows, read through cachedTx,
// and pages of views of a user's own entries, which UserTimeEntries
// returns without opening a transaction when authentication has read the
// user's entry version.
type pageCache[V any] struct {
	mu       sync.Mutex
	pages    map[pageKey]cachedPage[V]
	disabled bool
}

// pageKey names one page of a user's entries read with one catalog
// version of the workspace.
type pageKey struct {
	workspaceID      string
	workspaceVersion int64
	userID           string
	page             Page
}

type cachedPage[V any] struct {
	entryVersion int64
	value        V
}

// SetEntryPageCache turns the caches of entry pages on or off; they start
// on. Benchmarks turn them off to measure the database path that a page
// takes after its user's entries change.
func (s *Service) SetEntryPageCache(on bool) {
	s.pages.setEnabled(on)
	s.ownPages.setEnabled(on)
}

func (c *pageCache[V]) setEnabled(on bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.disabled = !on
	c.pages = nil
}

// on reports whether the cache keeps pages.
func (c *pageCache[V]) on() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return !c.disabled
}

// get returns the page under key if it was read at entryVersion. Values
// are shared between callers, which must not change them.
func (c *pageCache[V]) get(key pageKey, entryVersion int64) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.pages[key]
	if c.disabled || !ok || p.entryVersion != entryVersion {
		var zero V
		return zero, false
	}
	return p.value, true
}

// put keeps v under key, read at entryVersion. The caller must not change
// v afterwards.
func (c *pageCache[V]) put(key pageKey, entryVersion int64, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.disabled {
		return
	}
	if c.pages == nil {
		c.pages = map[pageKey]cachedPage[V]{}
	}
	if _, ok := c.pages[key]; !ok && len(c.pages) >= maxCachedPages {
		for k := range c.pages {
			delete(c.pages, k)
			break
		}
	}
	c.pages[key] = cachedPage[V]{entryVersion: entryVersion, value: v}
}

// cacheablePage reports whether f requests a plain page of a user's
// entries, no larger than maxCachedPageSize, with no filter and no
// visibility scope. Any field added to TimeEntryFilter later makes a
// filter uncacheable until it is known here.
func cacheablePage(f TimeEntryFilter) bool {
	if f.Page.Size > maxCachedPageSize {
		return false
	}
	f.Page = Page{}
	return reflect.ValueOf(f).IsZero()
}

// TimeEntries returns plain pages of entries from the page cache when the
// user's entries are unchanged since the page was read. Callers must not
// change the entries of the returned slice, which the cache may share.
// Write transactions always read the database, because their own changes
// raise the entry version before they commit or roll back.
func (t cachedTx) TimeEntries(ctx context.Context, workspaceID, userID string, f TimeEntryFilter) ([]TimeEntry, error) {
	if !t.pagesCover(workspaceID, f) {
		return t.Tx.TimeEntries(ctx, workspaceID, userID, f)
	}
	version, err := t.EntryVersion(ctx, workspaceID, userID)
	if err != nil {
		return nil, err
	}
	return t.timeEntriesAt(ctx, workspaceID, userID, f, version)
}

// pagesCover reports whether t reads pages of filter f in the workspace
// through the page cache.
func (t cachedTx) pagesCover(workspaceID string, f TimeEntryFilter) bool {
	return workspaceID == t.cat.workspaceID && t.pages != nil && !t.WritesSerialized() && cacheablePage(f)
}

// timeEntriesAt is TimeEntries for a caller that has read the user's entry
// version in the same transaction, for a cacheable page of a read
// transaction.
func (t cachedTx) timeEntriesAt(ctx context.Context, workspaceID, userID string, f TimeEntryFilter, version int64) ([]TimeEntry, error) {
	key := pageKey{workspaceID: workspaceID, workspaceVersion: t.cat.version, userID: userID, page: f.Page}
	if list, ok := t.pages.get(key, version); ok {
		// The capacity is clipped so that an append cannot write into the
		// cached array.
		return slices.Clip(list), nil
	}
	list, err := t.Tx.TimeEntries(ctx, workspaceID, userID, f)
	if err != nil {
		return nil, err
	}
	t.pages.put(key, version, slices.Clone(list))
	return list, nil
}

// entriesAt returns tx.TimeEntries, without reading the entry version
// again when tx reads through the caches: version must be the user's entry
// version read in tx, and f a plain page (see ownPageKey).
func entriesAt(ctx context.Context, tx Tx, workspaceID, userID string, f TimeEntryFilter, version int64) ([]TimeEntry, error) {
	if t, ok := tx.(cachedTx); ok && t.pagesCover(workspaceID, f) {
		return t.timeEntriesAt(ctx, workspaceID, userID, f, version)
	}
	return tx.TimeEntries(ctx, workspaceID, userID, f)
}

// ownPage is a plain page of views of a user's own entries as
// UserTimeEntries reads them, with Locked set from the workspace lock of
// the request that read them and before redaction.
type ownPage struct {
	views []TimeEntryView
	last  bool
}

// ownPageKey returns the key under which the actor's own page q is cached,
// and false when q lists another user's entries, filters them, hydrates
// them or requests a page larger than maxCachedPageSize, or when authentication did not read the actor's entry version.
func ownPageKey(a Actor, userID string, q TimeEntryQuery) (pageKey, bool) {
	if a.catalog == nil || !a.entryVersionRead || userID != a.User.ID || a.catalog.workspaceID != a.Workspace.ID ||
		q.Page.Size > maxCachedPageSize {
		return pageKey{}, false
	}
	page := q.Page
	q.Page = Page{}
	if !reflect.ValueOf(q).IsZero() {
		return pageKey{}, false
	}
	return pageKey{workspaceID: a.Workspace.ID, workspaceVersion: a.catalog.version, userID: userID, page: page}, true
}

// PageRevision identifies the content of a page of entries: the page, the
// catalog and entry versions it was read at, the workspace lock that set
// its Locked flags, and whether rates were redacted. It is comparable.
type PageRevision struct {
	key          pageKey
	entryVersion int64
	lock         int64 // the lock instant in Unix nanoseconds, when locked
	locked       bool
	redacted     bool
}

// Known reports whether r names a page, rather than being zero.
func (r PageRevision) Known() bool {
	return r != PageRevision{}
}

// finishOwnPage returns the cached page p for the actor: shared when the
// actor's workspace lock gives every entry the Locked flag p holds and
// the actor may see rates, and otherwise a copy with Locked set and rates
// redacted.
func (a Actor) finishOwnPage(key pageKey, entryVersion int64, p ownPage) EntryPage {
	rev := PageRevision{key: key, entryVersion: entryVersion, redacted: !a.CanSeeRates()}
	if lock := a.Workspace.Settings.LockTimeEntries; lock != nil {
		rev.lock, rev.locked = lock.UnixNano(), true
	}
	views := slices.Clip(p.views)
	same := !rev.redacted
	for i := range views {
		if views[i].Locked != lockedBefore(a.Workspace, views[i].Start) {
			same = false
			break
		}
	}
	if !same {
		views = slices.Clone(views)
		for i := range views {
			views[i].Locked = lockedBefore(a.Workspace, views[i].Start)
		}
		a.redactEntries(views)
	}
	return EntryPage{Views: views, Last: p.last, Revision: rev}
}
