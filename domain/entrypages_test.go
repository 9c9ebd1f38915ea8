package domain

import (
	"slices"
	"testing"
	"time"
)

// ownPageActor returns an actor with a cached catalog and a read entry
// version, listing their own entries in workspace "ws".
func ownPageActor(role Role) Actor {
	return Actor{
		User:         User{ID: "u1"},
		Workspace:    Workspace{ID: "ws"},
		Member:       Member{Role: role},
		catalog:      &catalog{workspaceID: "ws", version: 7},
		entryVersion: 3, entryVersionRead: true,
	}
}

func TestOwnPageKeyOnlyForPlainOwnPages(t *testing.T) {
	plain := TimeEntryQuery{Page: Page{Number: 2, Size: 50}}
	a := ownPageActor(RoleUser)
	key, ok := ownPageKey(a, "u1", plain)
	want := pageKey{workspaceID: "ws", workspaceVersion: 7, userID: "u1", page: plain.Page}
	if !ok || key != want {
		t.Fatalf("ownPageKey of a plain own page = %+v, %v; want %+v, true", key, ok, want)
	}

	unread := a
	unread.entryVersionRead = false
	other := a
	other.catalog = &catalog{workspaceID: "other", version: 7}
	uncached := a
	uncached.catalog = nil
	for _, c := range []struct {
		name   string
		a      Actor
		userID string
		q      TimeEntryQuery
	}{
		{"another user", a, "u2", plain},
		{"hydrated", a, "u1", TimeEntryQuery{Page: plain.Page, Hydrated: true}},
		{"description filter", a, "u1", TimeEntryQuery{Page: plain.Page, Description: "x"}},
		{"tag filter", a, "u1", TimeEntryQuery{Page: plain.Page, TagIDs: []string{}}},
		{"large page", a, "u1", TimeEntryQuery{Page: Page{Number: 1, Size: maxCachedPageSize + 1}}},
		{"entry version not read", unread, "u1", plain},
		{"catalog of another workspace", other, "u1", plain},
		{"no catalog", uncached, "u1", plain},
	} {
		if _, ok := ownPageKey(c.a, c.userID, c.q); ok {
			t.Errorf("%s: ownPageKey returned a key, want none", c.name)
		}
	}
}

// A cached page is shared when it needs no change for the actor, and
// copied when the lock or the redaction of rates changes it. The
// revisions of the two differ, and the cached views never change.
func TestFinishOwnPage(t *testing.T) {
	day := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	rate := &Rate{Amount: 5000, Currency: "USD"}
	cached := ownPage{last: true, views: []TimeEntryView{
		{TimeEntry: TimeEntry{ID: "new", Start: day.Add(48 * time.Hour), HourlyRate: rate}},
		{TimeEntry: TimeEntry{ID: "old", Start: day.Add(-48 * time.Hour), HourlyRate: rate}},
	}}
	key := pageKey{workspaceID: "ws", workspaceVersion: 7, userID: "u1", page: Page{Number: 1, Size: 50}}

	admin := ownPageActor(RoleAdmin)
	shared := admin.finishOwnPage(key, 3, cached)
	if &shared.Views[0] != &cached.views[0] || !shared.Last {
		t.Errorf("an unlocked page for an admin was copied or lost Last; want the cached views")
	}

	locked := ownPageActor(RoleAdmin)
	locked.Workspace.Settings.LockTimeEntries = &day
	lockedPage := locked.finishOwnPage(key, 3, cached)
	if lockedPage.Views[0].Locked || !lockedPage.Views[1].Locked {
		t.Errorf("Locked = %v, %v; want false for the entry after the lock date and true before it",
			lockedPage.Views[0].Locked, lockedPage.Views[1].Locked)
	}
	if lockedPage.Revision == shared.Revision {
		t.Errorf("pages under different locks have the same revision %+v", shared.Revision)
	}

	hidden := ownPageActor(RoleUser)
	hidden.Workspace.Settings.OnlyAdminsSeeBillableRates = true
	redacted := hidden.finishOwnPage(key, 3, cached)
	if redacted.Views[0].HourlyRate != nil || redacted.Views[1].HourlyRate != nil {
		t.Errorf("a member who may not see rates got rates %v, %v", redacted.Views[0].HourlyRate, redacted.Views[1].HourlyRate)
	}
	if redacted.Revision == shared.Revision || !redacted.Revision.Known() {
		t.Errorf("a redacted page has revision %+v, the same as the unredacted one or unknown", redacted.Revision)
	}

	if cached.views[0].HourlyRate != rate || cached.views[1].Locked {
		t.Errorf("finishing pages changed the cached views: %+v", cached.views)
	}
	if next := admin.finishOwnPage(key, 4, cached); next.Revision == shared.Revision {
		t.Errorf("pages of different entry versions have the same revision")
	}
	if (PageRevision{}).Known() {
		t.Errorf("the zero revision is known")
	}
}

// A page takes a new entry in the store's order: start, creation and id,
// each descending. It keeps its size, and an entry past the end of a page
// with more after it belongs to a later page.
func TestOwnPageWithEntry(t *testing.T) {
	at := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	view := func(id string, start, created int) TimeEntryView {
		return TimeEntryView{TimeEntry: TimeEntry{ID: id, Start: at.Add(time.Duration(start) * time.Hour),
			CreatedAt: at.Add(time.Duration(created) * time.Millisecond)}}
	}
	ids := func(p ownPage) []string {
		var out []string
		for _, v := range p.views {
			out = append(out, v.ID)
		}
		return out
	}
	page := ownPage{views: []TimeEntryView{view("c", 3, 0), view("b", 2, 5), view("a", 2, 1)}, last: true}

	for _, c := range []struct {
		name string
		page ownPage
		size int
		add  TimeEntryView
		want []string
		last bool
	}{
		{"newest start", page, 4, view("d", 4, 0), []string{"d", "c", "b", "a"}, true},
		{"same start, newer creation", page, 4, view("d", 2, 9), []string{"c", "d", "b", "a"}, true},
		{"same start and creation, greater id", page, 4, view("az", 2, 1), []string{"c", "b", "az", "a"}, true},
		{"same start and creation, smaller id", page, 4, view("0", 2, 1), []string{"c", "b", "a", "0"}, true},
		{"full page pushes out its oldest", page, 3, view("d", 4, 0), []string{"d", "c", "b"}, false},
		{"oldest entry of the only page", page, 3, view("z", 1, 0), []string{"c", "b", "a"}, false},
		{"oldest entry of a longer list", ownPage{views: page.views, last: false}, 3, view("z", 1, 0), []string{"c", "b", "a"}, false},
		{"oldest entry with room left", page, 5, view("z", 1, 0), []string{"c", "b", "a", "z"}, true},
	} {
		got := c.page.with(c.add, c.size)
		if !slices.Equal(ids(got), c.want) || got.last != c.last {
			t.Errorf("%s: page %v, last %v; want %v, last %v", c.name, ids(got), got.last, c.want, c.last)
		}
	}
	if !slices.Equal(ids(page), []string{"c", "b", "a"}) {
		t.Errorf("with changed the page it was called on: %v", ids(page))
	}
}

// A stopped entry replaces its cached view in place. A page without it
// stays as it is, and a view whose start changed drops the page.
func TestOwnPageReplacing(t *testing.T) {
	at := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	end := at.Add(time.Hour)
	page := ownPage{views: []TimeEntryView{
		{TimeEntry: TimeEntry{ID: "b", Start: at.Add(time.Hour)}},
		{TimeEntry: TimeEntry{ID: "a", Start: at}},
	}}

	stopped := TimeEntryView{TimeEntry: TimeEntry{ID: "a", Start: at, End: &end}}
	got, ok := page.replacing(stopped)
	if !ok || got.views[1].End != &end || got.views[0].ID != "b" {
		t.Errorf("replacing a: ok %v, views %+v; want a stopped in place", ok, got.views)
	}
	if page.views[1].End != nil {
		t.Errorf("replacing changed the cached view of a")
	}

	if got, ok := page.replacing(TimeEntryView{TimeEntry: TimeEntry{ID: "z", Start: at}}); !ok || len(got.views) != 2 {
		t.Errorf("replacing an entry of a later page: ok %v, %d views; want the page unchanged", ok, len(got.views))
	}
	if _, ok := page.replacing(TimeEntryView{TimeEntry: TimeEntry{ID: "a", Start: at.Add(time.Minute)}}); ok {
		t.Errorf("replacing an entry whose start moved kept the page")
	}
}
