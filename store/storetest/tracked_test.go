package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/devseed"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store"
)

// The tracked time of projects and tasks comes from sums that triggers keep
// up to date. After entries are inserted in bulk, edited, moved between
// projects and tasks, stopped and deleted, every sum must equal a fresh sum
// over the entries.
func TestTrackedTotalsFollowEntries(t *testing.T) {
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			dsn := apitest.NewDSN(t, engine)
			res, err := devseed.Run(ctx, dsn, devseed.Options{Entries: 1500, Users: 4, Projects: 6, Years: 1, Seed: 5})
			if err != nil {
				t.Fatalf("seeding: %v", err)
			}
			db, err := store.Open(ctx, dsn, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()

			// A second bulk insert adds to sums that exist already, with
			// starts and ends off whole seconds.
			var taskID string
			err = db.View(ctx, func(tx domain.Tx) error {
				list, err := tx.Tasks(ctx, res.WorkspaceID, res.ProjectIDs[0], domain.TaskFilter{Page: domain.Page{Number: 1, Size: 1}})
				if err == nil && len(list) > 0 {
					taskID = list[0].ID
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if taskID == "" {
				t.Fatalf("project %s has no task to add entries to", res.ProjectIDs[0])
			}
			var more []domain.TimeEntry
			base := time.Date(2020, 3, 1, 8, 0, 0, 700_000_000, time.UTC)
			for i := range 300 {
				start := base.Add(time.Duration(i) * time.Hour)
				end := start.Add(time.Duration(i+1)*time.Minute + 600*time.Millisecond)
				e := domain.TimeEntry{ID: domain.NewID(), WorkspaceID: res.WorkspaceID, UserID: res.UserIDs[1],
					ProjectID: res.ProjectIDs[i%2], Start: start, End: &end, Type: domain.EntryRegular, CreatedAt: start}
				if i%2 == 0 {
					e.TaskID = taskID
				}
				more = append(more, e)
			}
			if err := db.InsertTimeEntries(ctx, more); err != nil {
				t.Fatalf("inserting %d more entries: %v", len(more), err)
			}

			err = db.Update(ctx, func(tx domain.Tx) error {
				for i, userID := range res.UserIDs {
					list, err := tx.TimeEntries(ctx, res.WorkspaceID, userID, domain.TimeEntryFilter{Page: domain.Page{Number: 1, Size: 40}})
					if err != nil {
						return err
					}
					for j, e := range list {
						switch {
						case e.End == nil:
							end := e.Start.Add(time.Minute)
							e.End = &end
						case j%4 == 0:
							// Move the entry to another project, without a task.
							e.ProjectID, e.TaskID = res.ProjectIDs[(i+j)%len(res.ProjectIDs)], ""
						case j%4 == 1:
							later := e.End.Add(90 * time.Second)
							e.End = &later
						case j%4 == 2:
							if err := tx.DeleteTimeEntry(ctx, res.WorkspaceID, e.ID); err != nil {
								return err
							}
							continue
						case i == 0 && j == 3:
							// The user's running timer stopped above, so
							// this one may run: one per user at most.
							e.End = nil
						default:
							e.Start = e.Start.Add(-30 * time.Second)
						}
						if err := tx.UpdateTimeEntry(ctx, e); err != nil {
							return err
						}
					}
				}
				return nil
			})
			if err != nil {
				t.Fatalf("editing entries: %v", err)
			}

			raw := inspect(t, engine, dsn)
			want := map[string]int64{}
			rows, err := raw.Query(`SELECT project_id, SUM(end_at / 1000 - start_at / 1000) FROM time_entries
				WHERE end_at IS NOT NULL AND project_id <> '' GROUP BY project_id
				UNION ALL SELECT task_id, SUM(end_at / 1000 - start_at / 1000) FROM time_entries
				WHERE end_at IS NOT NULL AND task_id <> '' GROUP BY task_id`)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var id string
				var seconds int64
				if err := rows.Scan(&id, &seconds); err != nil {
					t.Fatal(err)
				}
				want[id] = seconds
			}
			rows.Close()

			err = db.View(ctx, func(tx domain.Tx) error {
				projects, err := tx.ProjectsByID(ctx, res.WorkspaceID, res.ProjectIDs)
				if err != nil {
					return err
				}
				tasks := 0
				for _, p := range projects {
					if got := int64(p.Tracked / time.Second); got != want[p.ID] {
						t.Errorf("project %s tracked %d s, the entries sum to %d s", p.ID, got, want[p.ID])
					}
					list, err := tx.Tasks(ctx, res.WorkspaceID, p.ID, domain.TaskFilter{Page: domain.Page{Number: 1, Size: 50}})
					if err != nil {
						return err
					}
					for _, task := range list {
						tasks++
						if got := int64(task.Tracked / time.Second); got != want[task.ID] {
							t.Errorf("task %s tracked %d s, the entries sum to %d s", task.ID, got, want[task.ID])
						}
					}
				}
				if len(projects) != len(res.ProjectIDs) || tasks != res.Tasks {
					t.Errorf("read %d projects and %d tasks, want %d and %d", len(projects), tasks, len(res.ProjectIDs), res.Tasks)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}
