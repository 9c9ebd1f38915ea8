package domain

import (
	"context"
	"reflect"
	"slices"
	"sync"
)

// maxCachedPages bounds the pages of entries kept in memory, about 20 KB
// each for pages of 50.
const maxCachedPages = 256

// pageCache keeps recent unfiltered pages of users' entries. A page is
// used only by a read transaction that finds the same workspace version
// (the catalog it was read with) and the same entry version of its user
// (Tx.EntryVersion), so it always equals what the database would return.
type pageCache struct {
	mu       sync.Mutex
	pages    map[pageKey]cachedPage
	disabled bool
}

// SetEntryPageCache turns the cache of entry pages on or off; it starts
// on. Benchmarks turn it off to measure the database path that a page
// takes after its user's entries change.
func (s *Service) SetEntryPageCache(on bool) {
	s.pages.mu.Lock()
	defer s.pages.mu.Unlock()
	s.pages.disabled = !on
	s.pages.pages = nil
}

// pageKey names one page of a user's entries read with one catalog
// version of the workspace.
type pageKey struct {
	workspaceID      string
	workspaceVersion int64
	userID           string
	page             Page
}

type cachedPage struct {
	entryVersion int64
	entries      []TimeEntry
}

func (c *pageCache) get(key pageKey, entryVersion int64) ([]TimeEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.disabled {
		return nil, false
	}
	p, ok := c.pages[key]
	if !ok || p.entryVersion != entryVersion {
		return nil, false
	}
	// The one caller, UserTimeEntries, copies each entry into its view and
	// changes none, so the cached slice is shared rather than copied. Its
	// capacity is clipped so that an append cannot write into it.
	return slices.Clip(p.entries), true
}

func (c *pageCache) put(key pageKey, entryVersion int64, entries []TimeEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.disabled {
		return
	}
	if c.pages == nil {
		c.pages = map[pageKey]cachedPage{}
	}
	if _, ok := c.pages[key]; !ok && len(c.pages) >= maxCachedPages {
		for k := range c.pages {
			delete(c.pages, k)
			break
		}
	}
	c.pages[key] = cachedPage{entryVersion: entryVersion, entries: slices.Clone(entries)}
}

// cacheablePage reports whether f requests a plain page of a user's
// entries, with no filter and no visibility scope. Any field added to
// TimeEntryFilter later makes a filter uncacheable until it is known here.
func cacheablePage(f TimeEntryFilter) bool {
	f.Page = Page{}
	return reflect.ValueOf(f).IsZero()
}

// TimeEntries returns plain pages of entries from the page cache when the
// user's entries are unchanged since the page was read. Callers must not
// change the entries of the returned slice, which the cache may share. Write transactions
// always read the database, because their own changes raise the entry
// version before they commit or roll back.
func (t cachedTx) TimeEntries(ctx context.Context, workspaceID, userID string, f TimeEntryFilter) ([]TimeEntry, error) {
	if workspaceID != t.cat.workspaceID || t.pages == nil || t.WritesSerialized() || !cacheablePage(f) {
		return t.Tx.TimeEntries(ctx, workspaceID, userID, f)
	}
	version, err := t.EntryVersion(ctx, workspaceID, userID)
	if err != nil {
		return nil, err
	}
	key := pageKey{workspaceID: workspaceID, workspaceVersion: t.cat.version, userID: userID, page: f.Page}
	if list, ok := t.pages.get(key, version); ok {
		return list, nil
	}
	list, err := t.Tx.TimeEntries(ctx, workspaceID, userID, f)
	if err != nil {
		return nil, err
	}
	t.pages.put(key, version, list)
	return list, nil
}
