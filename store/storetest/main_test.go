// Package storetest checks the stores of both engines below the API: that
// every migration runs from an empty database, that processes sharing one
// PostgreSQL database migrate it once, and that a node rejects a schema newer
// than its own migrations.
package storetest

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/store"
)

// Environment variables that turn the test binary into a child process that
// opens one store and exits (see runChild).
const (
	childDSNEnv     = "PUNCHCLOCK_STORETEST_CHILD_DSN"
	childStartAtEnv = "PUNCHCLOCK_STORETEST_CHILD_START_AT" // Unix nanoseconds
)

func TestMain(m *testing.M) {
	if dsn := os.Getenv(childDSNEnv); dsn != "" {
		os.Exit(runChild(dsn, os.Getenv(childStartAtEnv)))
	}
	apitest.Main(m)
}

// runChild waits until startAt, so that all children open the store at
// nearly the same moment, then opens (and so migrates) the store at dsn. It
// returns the process exit code.
func runChild(dsn, startAt string) int {
	ns, err := strconv.ParseInt(startAt, 10, 64)
	if err != nil {
		fmt.Fprintf(os.Stderr, "storetest child: invalid %s %q: %v\n", childStartAtEnv, startAt, err)
		return 2
	}
	time.Sleep(time.Until(time.Unix(0, ns)))

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	db, err := store.Open(ctx, dsn, nil)
	if err != nil {
		fmt.Fprintf(os.Stderr, "storetest child: %v\n", err)
		return 1
	}
	if err := db.Close(); err != nil {
		fmt.Fprintf(os.Stderr, "storetest child: closing: %v\n", err)
		return 1
	}
	return 0
}
