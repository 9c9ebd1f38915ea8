package apitest

import (
	"database/sql"
	"fmt"
	"os"
	"testing"
	"time"
)

func TestDropStaleDatabases(t *testing.T) {
	server := os.Getenv(PostgresEnv)
	if server == "" {
		t.Skipf("PostgreSQL tests skipped: set %s to run them", PostgresEnv)
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() }) // after the drop cleanup below, which runs first

	now := time.Now()
	old := fmt.Sprintf("%s%d_%s", testDatabasePrefix, now.Add(-7*time.Hour).Unix(), randomHex(6))
	fresh := fmt.Sprintf("%s%d_%s", testDatabasePrefix, now.Add(-time.Hour).Unix(), randomHex(6))
	for _, name := range []string{old, fresh} {
		if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { admin.Exec("DROP DATABASE IF EXISTS " + fresh + " WITH (FORCE)") })

	dropStaleDatabases(admin, now)

	exists := func(name string) bool {
		var n int
		if err := admin.QueryRow("SELECT COUNT(*) FROM pg_database WHERE datname = $1", name).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n == 1
	}
	if exists(old) {
		t.Errorf("database %s, 7 hours old, was not dropped", old)
		admin.Exec("DROP DATABASE IF EXISTS " + old + " WITH (FORCE)")
	}
	if !exists(fresh) {
		t.Errorf("database %s, 1 hour old, was dropped", fresh)
	}
}
