package storetest

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store"
)

// Two transactions lock the same two member rows in opposite orders, so
// PostgreSQL aborts one of them with SQLSTATE 40P01. Update must run the
// aborted one again, and both writes must land. SQLite has no such test
// because its single writer connection makes write transactions serial.
func TestUpdateRetriesDeadlock(t *testing.T) {
	dsn := apitest.NewDSN(t, apitest.Postgres)
	// PostgreSQL checks for deadlocks after deadlock_timeout, 1 s by default,
	// so the whole test takes a little over a second.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	db, err := store.Open(ctx, dsn, nil)
	if err != nil {
		t.Fatalf("opening store: %v", err)
	}
	t.Cleanup(func() { db.Close() })

	svc := domain.NewService(db)
	owner, err := svc.CreateUser(ctx, domain.NewUser{Email: "a@example.com", Name: "a", WorkspaceName: "deadlock"})
	if err != nil {
		t.Fatalf("creating user a: %v", err)
	}
	ws := owner.WorkspaceID
	other, err := svc.CreateUser(ctx, domain.NewUser{Email: "b@example.com", Name: "b", WorkspaceID: ws, Role: domain.RoleUser})
	if err != nil {
		t.Fatalf("creating user b: %v", err)
	}
	userA, userB := owner.UserID, other.UserID

	// Each first run closes its own channel once it holds its first row
	// lock, then waits for the other's, so that both hold one lock before
	// either requests its second. Later runs find both channels closed.
	lockedA, lockedB := make(chan struct{}), make(chan struct{})
	var onceA, onceB sync.Once
	var runs atomic.Int32

	// lockBoth returns an fn that locks the member row of user first, closes
	// myLock once, waits for theirLock, locks the row of user second and sets
	// the hourly rate of first to amount cents.
	lockBoth := func(first, second string, once *sync.Once, myLock, theirLock chan struct{}, amount int64) func(domain.Tx) error {
		return func(tx domain.Tx) error {
			runs.Add(1)
			m, err := tx.Member(ctx, ws, first)
			if err != nil {
				return err
			}
			once.Do(func() { close(myLock) })
			select {
			case <-theirLock:
			case <-ctx.Done():
				return ctx.Err()
			}
			if _, err := tx.Member(ctx, ws, second); err != nil {
				return err
			}
			m.HourlyRate = &domain.Rate{Amount: amount, Currency: "USD"}
			return tx.UpdateMember(ctx, m)
		}
	}

	var wg sync.WaitGroup
	var errA, errB error
	wg.Add(2)
	go func() {
		defer wg.Done()
		errA = db.Update(ctx, lockBoth(userA, userB, &onceA, lockedA, lockedB, 1111))
	}()
	go func() {
		defer wg.Done()
		errB = db.Update(ctx, lockBoth(userB, userA, &onceB, lockedB, lockedA, 2222))
	}()
	wg.Wait()

	if errA != nil {
		t.Errorf("Update locking a then b: %v", errA)
	}
	if errB != nil {
		t.Errorf("Update locking b then a: %v", errB)
	}
	if got := runs.Load(); got != 3 {
		t.Errorf("fn ran %d times in all, want 3 (two first runs and one rerun after the deadlock)", got)
	}

	err = db.View(ctx, func(tx domain.Tx) error {
		for user, want := range map[string]int64{userA: 1111, userB: 2222} {
			m, err := tx.Member(ctx, ws, user)
			if err != nil {
				return err
			}
			if m.HourlyRate == nil || m.HourlyRate.Amount != want {
				t.Errorf("hourly rate of member %s = %+v, want %d cents", user, m.HourlyRate, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("reading members back: %v", err)
	}
}
