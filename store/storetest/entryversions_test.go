package storetest

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/devseed"
	"github.com/punchclock/punchclock/domain"
)

// A bulk insert raises the entry version of every workspace and user it
// inserts entries for, and leaves other users' versions alone. On
// PostgreSQL it raises each of them exactly once, however many entries the
// user gets. Writes after it raise versions row by row on both engines.
func TestBulkInsertRaisesEntryVersions(t *testing.T) {
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			res, db, dsn := openSeeded(t, engine, devseed.Options{Entries: 0, Users: 5, Projects: 1, Years: 1, Seed: 12})
			// A second workspace, where the first workspace's users have
			// no entries and so no version yet.
			other, err := devseed.Run(ctx, dsn, devseed.Options{Entries: 0, Users: 1, Projects: 1, Years: 1, Seed: 13})
			if err != nil {
				t.Fatalf("seeding a second workspace: %v", err)
			}
			raw := inspect(t, engine, dsn)
			ws, users := res.WorkspaceID, res.UserIDs

			base := time.Date(2026, 2, 2, 8, 0, 0, 0, time.UTC)
			var first []domain.TimeEntry
			for i, userID := range users[:4] {
				first = append(first, finishedEntries(ws, userID, base.Add(time.Duration(i)*1000*time.Hour), 5)...)
			}
			if err := db.InsertTimeEntries(ctx, first); err != nil {
				t.Fatalf("inserting the first entries: %v", err)
			}
			before := map[string]int64{}
			for _, userID := range users[:4] {
				before[userID] = entryVersion(t, raw, ws, userID)
			}

			// User 0 gets more entries than one multi-row statement holds,
			// interleaved with user 1's, and user 4, with no entries yet,
			// gets a few. Users 2 and 3 get none.
			busy := finishedEntries(ws, users[0], base.Add(10_000*time.Hour), 600)
			few := finishedEntries(ws, users[1], base.Add(20_000*time.Hour), 20)
			var batch []domain.TimeEntry
			for i, e := range busy {
				batch = append(batch, e)
				if i%30 == 0 {
					batch = append(batch, few[i/30])
				}
			}
			batch = append(batch, finishedEntries(ws, users[4], base.Add(30_000*time.Hour), 3)...)
			batch = append(batch, finishedEntries(other.WorkspaceID, users[0], base, 4)...)
			if err := db.InsertTimeEntries(ctx, batch); err != nil {
				t.Fatalf("inserting %d entries: %v", len(batch), err)
			}

			for _, userID := range users[:2] {
				if after := entryVersion(t, raw, ws, userID); after <= before[userID] {
					t.Errorf("user %s: version stayed at %d after the bulk insert of their entries", userID, after)
				}
			}
			for _, userID := range users[2:4] {
				if after := entryVersion(t, raw, ws, userID); after != before[userID] {
					t.Errorf("user %s without new entries: version went from %d to %d", userID, before[userID], after)
				}
			}
			if v := entryVersion(t, raw, ws, users[4]); v < 1 {
				t.Errorf("user %s with first entries: version = %d, want at least 1", users[4], v)
			}
			if v := entryVersion(t, raw, other.WorkspaceID, users[0]); v < 1 {
				t.Errorf("user %s in the second workspace: version = %d, want at least 1", users[0], v)
			}
			if engine == apitest.Postgres {
				// The per-row trigger would have raised user 0's version
				// by 600 and user 1's by 20.
				for _, userID := range users[:2] {
					if rise := entryVersion(t, raw, ws, userID) - before[userID]; rise != 1 {
						t.Errorf("user %s: version rose by %d in one bulk insert, want 1", userID, rise)
					}
				}
				if v := entryVersion(t, raw, ws, users[4]); v != 1 {
					t.Errorf("user %s with first entries: version = %d, want 1", users[4], v)
				}
				if v := entryVersion(t, raw, other.WorkspaceID, users[0]); v != 1 {
					t.Errorf("user %s in the second workspace: version = %d, want 1", users[0], v)
				}
			}

			// A failed bulk insert commits nothing, its versions included.
			failed := finishedEntries(ws, users[2], base.Add(40_000*time.Hour), 2)
			failed[1].ID = busy[0].ID
			if err := db.InsertTimeEntries(ctx, failed); !errors.Is(err, domain.ErrConflict) {
				t.Fatalf("bulk insert with a duplicate id: error = %v, want %v", err, domain.ErrConflict)
			}
			if after := entryVersion(t, raw, ws, users[2]); after != before[users[2]] {
				t.Errorf("user %s after a failed bulk insert: version went from %d to %d", users[2], before[users[2]], after)
			}

			// Writes after the bulk insert, on the store's connections and
			// by plain SQL, raise the version once per changed row. The
			// setting that defers the triggers ends with the bulk
			// transaction.
			single := finishedEntries(ws, users[2], base.Add(50_000*time.Hour), 1)[0]
			err = db.Update(ctx, func(tx domain.Tx) error { return tx.CreateTimeEntry(ctx, single) })
			if err != nil {
				t.Fatalf("creating an entry: %v", err)
			}
			if rise := entryVersion(t, raw, ws, users[2]) - before[users[2]]; rise != 1 {
				t.Errorf("user %s: version rose by %d after creating one entry, want 1", users[2], rise)
			}
			_, err = raw.Exec(`UPDATE time_entries SET description = 'edited' WHERE workspace_id = '` + ws + `' AND user_id = '` + users[3] + `'`)
			if err != nil {
				t.Fatalf("editing entries by plain SQL: %v", err)
			}
			// The update trigger raises the version of the old row's user
			// and of the new row's, the same user here, so twice per row.
			if rise := entryVersion(t, raw, ws, users[3]) - before[users[3]]; rise != 10 {
				t.Errorf("user %s: version rose by %d after an update of 5 entries, want 10", users[3], rise)
			}
		})
	}
}

// finishedEntries returns n finished entries of the user in the workspace,
// an hour apart from start on, with no project.
func finishedEntries(workspaceID, userID string, start time.Time, n int) []domain.TimeEntry {
	out := make([]domain.TimeEntry, n)
	for i := range out {
		s := start.Add(time.Duration(i) * time.Hour)
		end := s.Add(45 * time.Minute)
		out[i] = domain.TimeEntry{ID: domain.NewID(), WorkspaceID: workspaceID, UserID: userID, Description: "versioned",
			Start: s, End: &end, Type: domain.EntryRegular, CreatedAt: end}
	}
	return out
}

// entryVersion reads the user's entry version in the workspace, or 0 when
// entry_versions has no row for them.
func entryVersion(t *testing.T, raw *sql.DB, workspaceID, userID string) int64 {
	t.Helper()
	var version int64
	err := raw.QueryRow(`SELECT COALESCE((SELECT version FROM entry_versions WHERE workspace_id = '` + workspaceID +
		`' AND user_id = '` + userID + `'), 0)`).Scan(&version)
	if err != nil {
		t.Fatalf("reading the entry version of user %s in workspace %s: %v", userID, workspaceID, err)
	}
	return version
}
