package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to inspect PostgreSQL databases
	_ "modernc.org/sqlite"             // the "sqlite" driver, to inspect SQLite files

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/store"
	"github.com/punchclock/punchclock/store/postgres"
	"github.com/punchclock/punchclock/store/sqlstore"
)

var engines = []string{apitest.SQLite, apitest.Postgres}

// appliedMigration is one row of schema_migrations.
type appliedMigration struct {
	Version int
	Name    string
}

// migrationFiles returns the migrations the engine's store embeds, read from
// its source folder (store/ENGINE/migrations).
func migrationFiles(t *testing.T, engine string) []appliedMigration {
	t.Helper()
	list, err := sqlstore.LoadMigrations(os.DirFS(".."), engine+"/migrations")
	if err != nil {
		t.Fatalf("loading %s migrations: %v", engine, err)
	}
	if len(list) == 0 {
		t.Fatalf("no migrations found in store/%s/migrations", engine)
	}
	out := make([]appliedMigration, len(list))
	for i, m := range list {
		out[i] = appliedMigration{Version: m.Version, Name: m.Name}
	}
	return out
}

// inspect opens the database at dsn directly, past the store, so that tests
// can read and change schema_migrations.
func inspect(t *testing.T, engine, dsn string) *sql.DB {
	t.Helper()
	driver, source := "pgx", dsn
	if engine == apitest.SQLite {
		// Without a busy timeout, a statement fails at once with
		// SQLITE_BUSY when it meets a lock that another connection holds
		// for a moment, such as one taken for WAL recovery.
		driver, source = "sqlite", "file:"+dsn+"?_pragma=busy_timeout(10000)"
	}
	db, err := sql.Open(driver, source)
	if err != nil {
		t.Fatalf("opening %s database %s: %v", engine, dsn, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func appliedMigrations(t *testing.T, db *sql.DB) []appliedMigration {
	t.Helper()
	rows, err := db.Query(`SELECT version, name FROM schema_migrations ORDER BY version`)
	if err != nil {
		t.Fatalf("reading schema_migrations: %v", err)
	}
	defer rows.Close()
	var out []appliedMigration
	for rows.Next() {
		var m appliedMigration
		if err := rows.Scan(&m.Version, &m.Name); err != nil {
			t.Fatalf("scanning schema_migrations: %v", err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("reading schema_migrations: %v", err)
	}
	return out
}

func openStore(t *testing.T, dsn string) {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, nil)
	if err != nil {
		t.Fatalf("opening store %s: %v", dsn, err)
	}
	if err := db.Ping(context.Background()); err != nil {
		t.Errorf("ping after migrating: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Errorf("closing store: %v", err)
	}
}

func TestMigrationsFromEmptyDatabase(t *testing.T) {
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			want := migrationFiles(t, engine)
			dsn := apitest.NewDSN(t, engine)

			openStore(t, dsn)
			got := appliedMigrations(t, inspect(t, engine, dsn))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("schema_migrations after the first open = %v, want %v", got, want)
			}

			// A second open finds nothing to apply and records nothing.
			openStore(t, dsn)
			got = appliedMigrations(t, inspect(t, engine, dsn))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("schema_migrations after the second open = %v, want %v", got, want)
			}
		})
	}
}

// Both engines must reach the same schema version, or a database could not be
// moved from one to the other and docs could not name one version.
func TestMigrationsInStepAcrossEngines(t *testing.T) {
	sqlite := migrationFiles(t, apitest.SQLite)
	postgres := migrationFiles(t, apitest.Postgres)
	if !reflect.DeepEqual(sqlite, postgres) {
		t.Errorf("SQLite migrations %v and PostgreSQL migrations %v differ in versions or names", sqlite, postgres)
	}
}

func TestNewerSchemaRejected(t *testing.T) {
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			files := migrationFiles(t, engine)
			newest := files[len(files)-1].Version
			future := newest + 1
			dsn := apitest.NewDSN(t, engine)
			openStore(t, dsn)

			// A newer binary would have recorded its migration like this.
			db := inspect(t, engine, dsn)
			_, err := db.Exec(`INSERT INTO schema_migrations (version, name) VALUES (` + strconv.Itoa(future) + `, 'from_a_newer_binary.sql')`)
			if err != nil {
				t.Fatalf("recording a future migration: %v", err)
			}

			opened, err := store.Open(context.Background(), dsn, nil)
			if err == nil {
				opened.Close()
				t.Fatalf("store.Open succeeded on a schema at version %d, newer than %d", future, newest)
			}
			msg := err.Error()
			if !strings.Contains(msg, fmt.Sprintf("version %d", future)) {
				t.Errorf("error %q does not name the database's version %d", msg, future)
			}
			if !strings.Contains(msg, strconv.Itoa(newest)) {
				t.Errorf("error %q does not name the binary's newest version %d", msg, newest)
			}
			if !strings.Contains(msg, "newer punchclock") {
				t.Errorf("error %q does not tell the operator to run a newer punchclock", msg)
			}

			// The rejected open must not have applied or removed anything.
			got := appliedMigrations(t, db)
			if len(got) != len(files)+1 {
				t.Errorf("schema_migrations has %d rows after the rejected open, want %d", len(got), len(files)+1)
			}
		})
	}
}

// Goroutines with separate connection pools stand in for nodes starting at
// once; each must succeed, and every migration must be recorded once.
func TestConcurrentOpensMigrateOnce(t *testing.T) {
	const nodes = 8
	want := migrationFiles(t, apitest.Postgres)
	dsn := apitest.NewDSN(t, apitest.Postgres)

	start := make(chan struct{})
	errs := make([]error, nodes)
	var wg sync.WaitGroup
	for i := range nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			db, err := postgres.Open(context.Background(), dsn, nil)
			if err != nil {
				errs[i] = err
				return
			}
			errs[i] = db.Close()
		}()
	}
	close(start)
	wg.Wait()

	for i, err := range errs {
		if err != nil {
			t.Errorf("node %d: %v", i, err)
		}
	}
	got := appliedMigrations(t, inspect(t, apitest.Postgres, dsn))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("schema_migrations = %v, want each migration once: %v", got, want)
	}
}

// Real processes share no memory, so only the database's advisory lock can
// keep them from applying a migration twice.
func TestConcurrentProcessesMigrateOnce(t *testing.T) {
	const processes = 4
	want := migrationFiles(t, apitest.Postgres)
	dsn := apitest.NewDSN(t, apitest.Postgres)

	self, err := os.Executable()
	if err != nil {
		t.Fatalf("finding the test binary: %v", err)
	}
	// Starting a process takes a few milliseconds; a common start time
	// 500 ms ahead lets every child reach store.Open together.
	startAt := time.Now().Add(500 * time.Millisecond).UnixNano()

	cmds := make([]*exec.Cmd, processes)
	outputs := make([]*strings.Builder, processes)
	for i := range cmds {
		outputs[i] = &strings.Builder{}
		cmd := exec.Command(self)
		cmd.Env = append(os.Environ(), childDSNEnv+"="+dsn, childStartAtEnv+"="+strconv.FormatInt(startAt, 10))
		cmd.Stdout = outputs[i]
		cmd.Stderr = outputs[i]
		if err := cmd.Start(); err != nil {
			t.Fatalf("starting process %d: %v", i, err)
		}
		cmds[i] = cmd
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("process %d: %v; output:\n%s", i, err, outputs[i])
		}
	}

	got := appliedMigrations(t, inspect(t, apitest.Postgres, dsn))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("schema_migrations = %v, want each migration once: %v", got, want)
	}
}
