package apitest

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Dump returns every row of every table of the env's database as sorted
// text lines, so that a test can check that requests changed nothing by
// comparing a dump taken before with one taken after.
func (e *Env) Dump(t testing.TB) string {
	t.Helper()
	driver, listTables := "sqlite", `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`
	if e.Engine == Postgres {
		driver = "pgx"
		listTables = `SELECT table_name FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`
	}
	db, err := sql.Open(driver, e.DSN)
	if err != nil {
		t.Fatalf("dump: opening %s: %v", e.Engine, err)
	}
	defer db.Close()

	tables, err := queryStrings(db, listTables)
	if err != nil {
		t.Fatalf("dump: listing tables: %v", err)
	}
	var b strings.Builder
	for _, table := range tables {
		lines, err := tableRows(db, table)
		if err != nil {
			t.Fatalf("dump: reading table %s: %v", table, err)
		}
		fmt.Fprintf(&b, "== %s (%d rows)\n%s", table, len(lines), strings.Join(lines, ""))
	}
	return b.String()
}

func queryStrings(db *sql.DB, query string) ([]string, error) {
	rows, err := db.Query(query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// tableRows returns one line per row of table, sorted.
func tableRows(db *sql.DB, table string) ([]string, error) {
	rows, err := db.Query(`SELECT * FROM ` + table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	columns, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var lines []string
	for rows.Next() {
		values := make([]any, len(columns))
		pointers := make([]any, len(columns))
		for i := range values {
			pointers[i] = &values[i]
		}
		if err := rows.Scan(pointers...); err != nil {
			return nil, err
		}
		var line strings.Builder
		for i, v := range values {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			fmt.Fprintf(&line, "%s=%v ", columns[i], v)
		}
		lines = append(lines, line.String()+"\n")
	}
	slices.Sort(lines)
	return lines, rows.Err()
}
