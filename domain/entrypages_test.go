package domain

import (
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
