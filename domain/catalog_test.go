package domain

import (
	"context"
	"fmt"
	"sync"
	"testing"
)

// catalogSourceTx serves the reads that cachedTx passes on to the
// database, with values named after their ids.
type catalogSourceTx struct{ Tx }

func (catalogSourceTx) Member(_ context.Context, _, userID string) (Member, error) {
	return Member{UserID: userID}, nil
}

func (catalogSourceTx) ProjectsByID(_ context.Context, _ string, ids []string) ([]Project, error) {
	out := make([]Project, len(ids))
	for i, id := range ids {
		out[i] = Project{ID: id, Name: "project " + id}
	}
	return out, nil
}

func (catalogSourceTx) TasksByID(_ context.Context, _ string, ids []string) ([]Task, error) {
	out := make([]Task, len(ids))
	for i, id := range ids {
		out[i] = Task{ID: id, Name: "task " + id}
	}
	return out, nil
}

func (catalogSourceTx) TagsByID(_ context.Context, _ string, ids []string) ([]Tag, error) {
	out := make([]Tag, len(ids))
	for i, id := range ids {
		out[i] = Tag{ID: id, Name: "tag " + id}
	}
	return out, nil
}

// Requests of one catalog version read through one catalog at once, and
// the first read of each kind creates its map. Run with -race, this test
// fails when a lookup reads a map field of the catalog without its lock.
func TestCatalogConcurrentFirstReads(t *testing.T) {
	ctx := context.Background()
	for round := range 20 {
		cat := &catalog{workspaceID: "ws", version: 1}
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Go(func() {
				tx := cachedTx{Tx: catalogSourceTx{}, cat: cat}
				id := fmt.Sprintf("id%d", g%2)
				m, err := tx.Member(ctx, "ws", id)
				if err != nil {
					t.Errorf("round %d: Member(%s) failed: %v", round, id, err)
				} else if m.UserID != id {
					t.Errorf("round %d: Member(%s) returned user %q", round, id, m.UserID)
				}
				p, err := tx.Project(ctx, "ws", id)
				if err != nil {
					t.Errorf("round %d: Project(%s) failed: %v", round, id, err)
				} else if p.Name != "project "+id {
					t.Errorf("round %d: Project(%s) returned name %q", round, id, p.Name)
				}
				tasks, err := tx.TasksByID(ctx, "ws", []string{id})
				if err != nil {
					t.Errorf("round %d: TasksByID(%s) failed: %v", round, id, err)
				} else if len(tasks) != 1 || tasks[0].Name != "task "+id {
					t.Errorf("round %d: TasksByID(%s) returned %+v, want one task named %q", round, id, tasks, "task "+id)
				}
				tag, err := tx.Tag(ctx, "ws", id)
				if err != nil {
					t.Errorf("round %d: Tag(%s) failed: %v", round, id, err)
				} else if tag.Name != "tag "+id {
					t.Errorf("round %d: Tag(%s) returned name %q", round, id, tag.Name)
				}
			})
		}
		wg.Wait()
	}
}
