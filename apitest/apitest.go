// Package apitest starts real Punchclock servers for tests, on SQLite and on
// PostgreSQL, and runs tables of HTTP scenarios against them.
//
// PostgreSQL runs only when PUNCHCLOCK_TEST_POSTGRES_URL names a server on
// which the tests may create databases. Each test package gets its own
// database, which Main drops, and each Env its own schema inside it.
package apitest

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for administrative connections

	"github.com/punchclock/punchclock/api"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store"
	"github.com/punchclock/punchclock/store/sqlstore"
)

// PostgresEnv is the environment variable that contains the PostgreSQL server URL.
const PostgresEnv = "PUNCHCLOCK_TEST_POSTGRES_URL"

// Engine names.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// Account is a user with an API key in a workspace.
type Account struct {
	UserID      string
	WorkspaceID string
	Key         string
}

// Env is a running server with a fresh database and an owner account.
type Env struct {
	Engine string
	URL    string // server root, such as http://127.0.0.1:PORT
	DSN    string // the store's address, for opening it from another process
	Store  *sqlstore.DB
	Svc    *domain.Service
	Owner  Account
	// Vars fill {name} placeholders in scenario paths and bodies. {ws} is the
	// owner's workspace id.
	Vars map[string]string
	// Logs receives every server log record at all levels, one JSON object a
	// line. The test log still shows only Error records.
	Logs *LogBuffer
}

// ForEachEngine runs fn as a subtest per engine with a fresh Env. PostgreSQL
// is skipped, with a message, when PostgresEnv is unset.
func ForEachEngine(t *testing.T, fn func(t *testing.T, env *Env)) {
	t.Helper()
	for _, engine := range []string{SQLite, Postgres} {
		t.Run(engine, func(t *testing.T) {
			fn(t, New(t, engine))
		})
	}
}

// New starts a server on a fresh database of the engine and creates an
// owner in a first workspace.
func New(t testing.TB, engine string) *Env {
	t.Helper()
	return NewWithClock(t, engine, nil)
}

// NewWithClock is New with a store whose transactions read the time from
// now; nil means time.Now.
func NewWithClock(t testing.TB, engine string, now func() time.Time) *Env {
	t.Helper()
	ctx := context.Background()
	dsn := NewDSN(t, engine)
	db, err := store.Open(ctx, dsn, now)
	if err != nil {
		t.Fatalf("opening %s store: %v", engine, err)
	}
	t.Cleanup(func() { db.Close() })

	svc := domain.NewService(db)
	logs := &LogBuffer{}
	log := slog.New(slog.NewMultiHandler(
		slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelError}),
		slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}),
	))
	srv := httptest.NewServer(api.New(svc, log))
	t.Cleanup(srv.Close)

	env := &Env{Engine: engine, URL: srv.URL, DSN: dsn, Store: db, Svc: svc, Vars: map[string]string{}, Logs: logs}
	env.Owner = env.NewUser(t, "owner", domain.RoleOwner, "")
	env.Vars["ws"] = env.Owner.WorkspaceID
	return env
}

// NewUser creates a user with the role in the owner's workspace, or, before
// the owner exists, in a new workspace it owns.
func (e *Env) NewUser(t testing.TB, name string, role domain.Role, timeZone string) Account {
	t.Helper()
	in := domain.NewUser{Email: name + "-" + randomHex(4) + "@example.com", Name: name, Role: role, TimeZone: timeZone}
	if e.Owner.WorkspaceID == "" {
		in.WorkspaceName = name + "'s workspace"
	} else {
		in.WorkspaceID = e.Owner.WorkspaceID
	}
	out, err := e.Svc.CreateUser(context.Background(), in)
	if err != nil {
		t.Fatalf("creating user %s: %v", name, err)
	}
	return Account{UserID: out.UserID, WorkspaceID: out.WorkspaceID, Key: out.APIKey}
}

// NewDSN returns the address of a fresh, empty database of the engine.
func NewDSN(t testing.TB, engine string) string {
	t.Helper()
	switch engine {
	case SQLite:
		return filepath.Join(t.TempDir(), "punchclock.db")
	case Postgres:
		return newSchema(t)
	}
	t.Fatalf("unknown engine %q", engine)
	return ""
}

var pkgDB struct {
	once sync.Once
	url  string // the package database's URL
	name string
	err  error
}

// newSchema creates a schema in the package's PostgreSQL database and returns
// a URL whose search_path selects it.
func newSchema(t testing.TB) string {
	t.Helper()
	server := os.Getenv(PostgresEnv)
	if server == "" {
		t.Skipf("PostgreSQL tests skipped: set %s (for example postgres://postgres@127.0.0.1:5432/postgres) to run them", PostgresEnv)
	}
	pkgDB.once.Do(func() { pkgDB.url, pkgDB.name, pkgDB.err = createDatabase(server) })
	if pkgDB.err != nil {
		t.Fatalf("creating the test database: %v", pkgDB.err)
	}
	schema := "t_" + randomHex(6)
	db, err := sql.Open("pgx", pkgDB.url)
	if err != nil {
		t.Fatalf("connecting to the test database: %v", err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("creating schema %s: %v", schema, err)
	}
	return withParam(pkgDB.url, "search_path", schema)
}

func createDatabase(server string) (dbURL, name string, err error) {
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return "", "", err
	}
	defer admin.Close()
	dropStaleDatabases(admin, time.Now())
	name = fmt.Sprintf("%s%d_%s", testDatabasePrefix, time.Now().Unix(), randomHex(6))
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		return "", "", fmt.Errorf("CREATE DATABASE %s: %w", name, err)
	}
	u, err := url.Parse(server)
	if err != nil {
		return "", "", fmt.Errorf("parsing %s: %w", PostgresEnv, err)
	}
	u.Path = "/" + name
	return u.String(), name, nil
}

// testDatabasePrefix starts the name of every package database, followed by
// its creation time in Unix seconds and a random suffix.
const testDatabasePrefix = "punchclock_test_"

// staleAfter is the age after which another test run drops a test
// database. Main drops each package's database, but a package that panics or
// times out never reaches Main, and no test run lasts this long.
const staleAfter = 6 * time.Hour

// dropStaleDatabases drops test databases left behind by earlier runs.
// Failures are ignored: cleaning up is a courtesy, not part of the test.
func dropStaleDatabases(admin *sql.DB, now time.Time) {
	rows, err := admin.Query(`SELECT datname FROM pg_database WHERE datname LIKE 'punchclock\_test\_%'`)
	if err != nil {
		return
	}
	var stale []string
	for rows.Next() {
		var name string
		if rows.Scan(&name) != nil {
			continue
		}
		created, _, ok := strings.Cut(strings.TrimPrefix(name, testDatabasePrefix), "_")
		unix, err := strconv.ParseInt(created, 10, 64)
		if ok && err == nil && now.Sub(time.Unix(unix, 0)) > staleAfter {
			stale = append(stale, name)
		}
	}
	rows.Close()
	for _, name := range stale {
		admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") //nolint:errcheck // best effort, as above
	}
}

// Main runs the package's tests and drops the PostgreSQL database they
// created. Call it from TestMain.
func Main(m interface{ Run() int }) {
	code := m.Run()
	if pkgDB.name != "" {
		if err := dropDatabase(os.Getenv(PostgresEnv), pkgDB.name); err != nil {
			fmt.Fprintf(os.Stderr, "apitest: dropping database %s: %v\n", pkgDB.name, err)
		}
	}
	os.Exit(code)
}

func dropDatabase(server, name string) error {
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return err
	}
	defer admin.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err = admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	return err
}

func withParam(raw, key, value string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) //nolint:errcheck // never fails
	return hex.EncodeToString(b)
}

// testWriter sends server logs to the test log, so they show only on failure.
type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

var _ io.Writer = testWriter{}

// LogBuffer collects output that a server or child process writes while a
// test reads it.
type LogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *LogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *LogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Lines returns the complete lines written so far.
func (b *LogBuffer) Lines() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	text := strings.TrimSuffix(b.buf.String(), "\n")
	if text == "" {
		return nil
	}
	return strings.Split(text, "\n")
}
