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

// SetEntryPageCache turns the caches of entry pages on or off. They start
// on, and benchmarks turn them off to measure the database path that a page
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
// UserTimeEntries reads them, before redaction. Locked is set from the
// workspace lock of the request that read or wrote each view.
type ownPage struct {
	views []TimeEntryView
	last  bool
}

// ownPageKey returns the key under which the actor's own page q is cached.
// It returns false when q lists another user's entries, filters them,
// hydrates them or requests a page larger than maxCachedPageSize, and when
// authentication did not read the actor's entry version.
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
// actor's workspace lock gives every entry the Locked flag it has in p and
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

// ownWrite carries what a create or a timer stop needs to bring the cached
// newest pages of the entry's user up to date once it commits, instead of
// leaving the next read of each page to the database.
//
// It applies only where write transactions run one at a time (SQLite), so
// that between the two version reads of the transaction nothing changes the
// user's entries but the write itself. A page is carried over only from
// the version read before the write, and only a committed version can have
// a page. When an earlier write of the same shared transaction changed the
// user's entries, that version is not committed yet and no page matches.
type ownWrite struct {
	key           pageKey // workspace, catalog version and user, without a page
	before, after int64   // the user's entry versions around the write
	view          TimeEntryView
	// replace is true for a write that changed view's entry in place, with
	// its start and creation time unchanged, and false for a create.
	replace bool
}

// beginOwnWrite reads the entry version of userID before a create or stop
// writes its entry, when tx runs alone and a newest page of the user is
// cached. It returns nil otherwise.
func (s *Service) beginOwnWrite(ctx context.Context, tx Tx, workspaceID, userID string) (*ownWrite, error) {
	t, ok := tx.(cachedTx)
	if !ok || !t.WritesSerialized() || t.cat.workspaceID != workspaceID {
		return nil, nil
	}
	key := pageKey{workspaceID: workspaceID, workspaceVersion: t.cat.version, userID: userID}
	if !s.ownPages.any(func(k pageKey) bool { return newestPageOf(k, key) }) {
		return nil, nil
	}
	before, err := tx.EntryVersion(ctx, workspaceID, userID)
	if err != nil {
		return nil, err
	}
	return &ownWrite{key: key, before: before}, nil
}

// finish reads the entry version after the write and the entry's plain
// view as a later read of the page would build it.
func (w *ownWrite) finish(ctx context.Context, tx Tx, ws Workspace, entryID string) error {
	after, err := tx.EntryVersion(ctx, ws.ID, w.key.userID)
	if err != nil {
		return err
	}
	e, err := tx.TimeEntry(ctx, ws.ID, entryID)
	if err != nil {
		return err
	}
	views, err := plainEntryViews(ctx, tx, ws, []TimeEntry{e})
	if err != nil {
		return err
	}
	w.after, w.view = after, views[0]
	return nil
}

// applyOwnWrite carries the user's cached newest pages at w.before over to
// w.after with the entry in its place. Call it after the write has
// committed.
func (s *Service) applyOwnWrite(w *ownWrite) {
	if w == nil || w.after == w.before {
		return
	}
	s.ownPages.carry(func(k pageKey) bool { return newestPageOf(k, w.key) }, w.before, w.after,
		func(k pageKey, p ownPage) (ownPage, bool) {
			if w.replace {
				return p.replacing(w.view)
			}
			return p.with(w.view, k.page.Size), true
		})
}

// newestPageOf reports whether k names the first page of the user and
// catalog version of owner, whose page is unset.
func newestPageOf(k, owner pageKey) bool {
	if k.page.Number != 1 {
		return false
	}
	k.page, owner.page = Page{}, Page{}
	return k == owner
}

// with returns the page with v added in the entry order, newest start
// first, then newest creation, then the greatest id. An entry that sorts
// after the whole page of a longer list belongs to a later page and leaves
// this one as it is.
func (p ownPage) with(v TimeEntryView, size int) ownPage {
	i := 0
	for i < len(p.views) && !sortsBefore(v.TimeEntry, p.views[i].TimeEntry) {
		i++
	}
	if i == len(p.views) && !p.last {
		return p
	}
	views := make([]TimeEntryView, 0, len(p.views)+1)
	views = append(append(append(views, p.views[:i]...), v), p.views[i:]...)
	last := p.last
	if len(views) > size {
		views, last = views[:size], false
	}
	return ownPage{views: views, last: last}
}

// replacing returns the page with v in place of the view of the same entry.
// The entry keeps its place in the order, so a page without it is
// unchanged. It returns false when the entry's start or creation time
// differs from the cached view's, which would move it.
func (p ownPage) replacing(v TimeEntryView) (ownPage, bool) {
	for i := range p.views {
		if p.views[i].ID != v.ID {
			continue
		}
		if !p.views[i].Start.Equal(v.Start) || !p.views[i].CreatedAt.Equal(v.CreatedAt) {
			return ownPage{}, false
		}
		views := slices.Clone(p.views)
		views[i] = v
		return ownPage{views: views, last: p.last}, true
	}
	return p, true
}

// sortsBefore reports whether entry a comes before b in the order of the
// store's entry lists: start, creation and id, each descending.
func sortsBefore(a, b TimeEntry) bool {
	if !a.Start.Equal(b.Start) {
		return a.Start.After(b.Start)
	}
	if !a.CreatedAt.Equal(b.CreatedAt) {
		return a.CreatedAt.After(b.CreatedAt)
	}
	return a.ID > b.ID
}

// any reports whether a page under a key that match accepts is cached.
func (c *pageCache[V]) any(match func(pageKey) bool) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.pages {
		if match(k) {
			return true
		}
	}
	return false
}

// carry replaces each page under a key that match accepts, read at entry
// version from, with change's result for entry version to, or drops it
// when change returns false.
func (c *pageCache[V]) carry(match func(pageKey) bool, from, to int64, change func(pageKey, V) (V, bool)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.disabled {
		return
	}
	for k, p := range c.pages {
		if !match(k) || p.entryVersion != from {
			continue
		}
		if v, ok := change(k, p.value); ok {
			c.pages[k] = cachedPage[V]{entryVersion: to, value: v}
		} else {
			delete(c.pages, k)
		}
	}
}
