package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// LoadMigrations reads files named NNNN_description.sql from dir of fsys, in
// version order.
func LoadMigrations(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: reading migrations: %w", err)
	}
	var out []Migration
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".sql") {
			continue
		}
		prefix, _, ok := strings.Cut(name, "_")
		version, err := strconv.Atoi(prefix)
		if !ok || err != nil || version <= 0 {
			return nil, fmt.Errorf("sqlstore: migration %q: name must start with a positive number and an underscore", name)
		}
		body, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("sqlstore: reading migration %q: %w", name, err)
		}
		out = append(out, Migration{Version: version, Name: name, SQL: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			return nil, fmt.Errorf("sqlstore: migrations %q and %q share version %d", out[i-1].Name, out[i].Name, out[i].Version)
		}
	}
	return out, nil
}

// Migrate applies the migrations newer than the database's version, each in
// its own transaction together with its row in schema_migrations. It rejects
// a database whose version is newer than the newest migration, because this
// binary cannot read its schema. The caller must hold a lock that keeps other
// processes from migrating at the same time, on conn.
func Migrate(ctx context.Context, conn *sql.Conn, migrations []Migration, numbered bool) error {
	const create = `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)`
	if _, err := conn.ExecContext(ctx, create); err != nil {
		return fmt.Errorf("sqlstore: creating schema_migrations: %w", err)
	}

	var current int
	err := conn.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current)
	if err != nil {
		return fmt.Errorf("sqlstore: reading schema version: %w", err)
	}
	newest := 0
	if len(migrations) > 0 {
		newest = migrations[len(migrations)-1].Version
	}
	if current > newest {
		return fmt.Errorf("sqlstore: the database schema is at version %d but this binary has migrations only up to %d, so run a newer punchclock", current, newest)
	}

	insert := `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`
	if numbered {
		insert = `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`
	}
	for _, m := range migrations {
		if m.Version <= current {
			continue
		}
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("sqlstore: migration %s: %w", m.Name, err)
		}
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			tx.Rollback() //nolint:errcheck // the exec error is the one to report
			return fmt.Errorf("sqlstore: migration %s: %w", m.Name, err)
		}
		if _, err := tx.ExecContext(ctx, insert, m.Version, m.Name); err != nil {
			tx.Rollback() //nolint:errcheck // the exec error is the one to report
			return fmt.Errorf("sqlstore: recording migration %s: %w", m.Name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("sqlstore: committing migration %s: %w", m.Name, err)
		}
	}
	return nil
}
