package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store/sqlite"
)

// A unique or foreign key violation earns exactly one more run of fn, and
// any other error none.
func TestUpdateRerunsAfterConflict(t *testing.T) {
	errPlain := errors.New("plain failure")
	conflict := fmt.Errorf("creating client: %w", domain.ErrConflict)
	missing := fmt.Errorf("creating project: %w", domain.ErrMissingReference)

	cases := []struct {
		name     string
		fail     func(run int) error // the error fn returns on its run-th run (from 1)
		wantRuns int
		wantErr  error // nil means Update must succeed
	}{
		{
			name:     "conflict on first run only",
			fail:     func(run int) error { return errorOnFirst(run, conflict) },
			wantRuns: 2,
		},
		{
			name:     "missing reference on first run only",
			fail:     func(run int) error { return errorOnFirst(run, missing) },
			wantRuns: 2,
		},
		{
			name:     "conflict on every run",
			fail:     func(int) error { return conflict },
			wantRuns: 2,
			wantErr:  domain.ErrConflict,
		},
		{
			name:     "conflict then missing reference",
			fail:     func(run int) error { return []error{conflict, missing, nil}[run-1] },
			wantRuns: 2,
			wantErr:  domain.ErrMissingReference,
		},
		{
			name:     "plain error",
			fail:     func(int) error { return errPlain },
			wantRuns: 1,
			wantErr:  errPlain,
		},
	}

	db := openSQLite(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			runs := 0
			err := db.Update(context.Background(), func(domain.Tx) error {
				runs++
				return tc.fail(runs)
			})

			if runs != tc.wantRuns {
				t.Errorf("fn ran %d times, want %d", runs, tc.wantRuns)
			}
			if tc.wantErr == nil && err != nil {
				t.Errorf("Update returned %v, want nil", err)
			}
			if tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Errorf("Update returned %v, want an error wrapping %v", err, tc.wantErr)
			}
		})
	}
}

func errorOnFirst(run int, err error) error {
	if run == 1 {
		return err
	}
	return nil
}

func openSQLite(t *testing.T) domain.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "punchclock.db")
	db, err := sqlite.Open(context.Background(), path, nil)
	if err != nil {
		t.Fatalf("opening SQLite store %s: %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
