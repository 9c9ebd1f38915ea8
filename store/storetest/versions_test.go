package storetest

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/devseed"
	"github.com/punchclock/punchclock/domain"
)

// uncachedTables are the tables whose changes leave the workspace version
// alone, because the catalog cache never holds their rows: entries and what
// hangs off them change on every entry write. Every other table must raise
// the version, or the cache would serve stale copies of its rows.
var uncachedTables = []string{
	"entry_versions", "import_keys", "project_tracked", "schema_migrations", "shared_reports", "task_tracked",
	"time_entries", "time_entry_custom_values", "time_entry_tags", "workspace_versions",
}

// The workspace version rises with every change to a cached table,
// whether through the store or by plain SQL from another process, and
// stays the same when only entries change.
func TestWorkspaceVersionTriggers(t *testing.T) {
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			dsn := apitest.NewDSN(t, engine)
			res, err := devseed.Run(ctx, dsn, devseed.Options{Entries: 200, Users: 3, Projects: 3, Years: 1, Seed: 9})
			if err != nil {
				t.Fatalf("seeding: %v", err)
			}
			raw := inspect(t, engine, dsn)
			ws, user, project := res.WorkspaceID, res.AdminUserID, res.ProjectIDs[0]
			group, field := domain.NewID(), domain.NewID()
			fill := strings.NewReplacer("{ws}", ws, "{user}", user, "{project}", project, "{group}", group,
				"{field}", field, "{other}", domain.NewID())

			version := func() int64 {
				t.Helper()
				var v int64
				if err := raw.QueryRow(fill.Replace(`SELECT version FROM workspace_versions WHERE workspace_id = '{ws}'`)).Scan(&v); err != nil {
					t.Fatalf("reading the workspace version: %v", err)
				}
				return v
			}

			raises := []string{
				`UPDATE workspaces SET name = name || 'x' WHERE id = '{ws}'`,
				`UPDATE users SET name = name || 'x' WHERE id = '{user}'`,
				`INSERT INTO api_keys (hash, user_id, created_at) VALUES ('{other}', '{user}', 0)`,
				`DELETE FROM api_keys WHERE hash = '{other}'`,
				`UPDATE members SET status = status WHERE workspace_id = '{ws}' AND user_id = '{user}'`,
				`UPDATE clients SET note = 'x' WHERE workspace_id = '{ws}'`,
				`UPDATE projects SET note = 'x' WHERE id = '{project}'`,
				`INSERT INTO project_members (project_id, user_id, status) VALUES ('{project}', '{other}', 'ACTIVE')`,
				`DELETE FROM project_members WHERE project_id = '{project}' AND user_id = '{other}'`,
				`UPDATE tasks SET name = name || 'x' WHERE workspace_id = '{ws}'`,
				`UPDATE tags SET name = name || 'x' WHERE workspace_id = '{ws}'`,
				`INSERT INTO user_groups (id, workspace_id, name, created_at) VALUES ('{group}', '{ws}', 'cache group', 0)`,
				`INSERT INTO user_group_members (group_id, user_id, position) VALUES ('{group}', '{user}', 0)`,
				`INSERT INTO project_groups (project_id, group_id, position) VALUES ('{project}', '{group}', 0)`,
				`DELETE FROM project_groups WHERE group_id = '{group}'`,
				`DELETE FROM user_group_members WHERE group_id = '{group}'`,
				`INSERT INTO member_roles (workspace_id, user_id, role, entity_id) VALUES ('{ws}', '{user}', 'PROJECT_MANAGER', '{project}')`,
				`DELETE FROM member_roles WHERE workspace_id = '{ws}' AND entity_id = '{project}'`,
				`INSERT INTO rate_changes (workspace_id, kind, level, since_at, amount) VALUES ('{ws}', 'HOURLY', 'WORKSPACE', 1, 100)`,
				`INSERT INTO custom_fields (id, workspace_id, name, type, entity_type, status, created_at)
					VALUES ('{field}', '{ws}', 'cache field', 'TXT', 'TIMEENTRY', 'VISIBLE', 0)`,
				`INSERT INTO project_custom_fields (project_id, field_id, status) VALUES ('{project}', '{field}', 'VISIBLE')`,
				`INSERT INTO user_custom_values (workspace_id, user_id, field_id, value) VALUES ('{ws}', '{user}', '{field}', '"x"')`,
				`INSERT INTO member_profiles (workspace_id, user_id, work_capacity) VALUES ('{ws}', '{user}', 3600)`,
				`DELETE FROM member_profiles WHERE workspace_id = '{ws}' AND user_id = '{user}'`,
				`DELETE FROM user_groups WHERE id = '{group}'`,
			}
			for _, stmt := range raises {
				before := version()
				if _, err := raw.Exec(fill.Replace(stmt)); err != nil {
					t.Fatalf("%s: %v", stmt, err)
				}
				if after := version(); after <= before {
					t.Errorf("%s: version stayed at %d", stmt, after)
				}
			}

			keeps := []string{
				`UPDATE time_entries SET description = 'x' WHERE workspace_id = '{ws}'`,
				`INSERT INTO time_entry_custom_values (entry_id, field_id, value)
					SELECT id, '{field}', '"x"' FROM time_entries WHERE workspace_id = '{ws}'`,
				`DELETE FROM time_entry_custom_values WHERE field_id = '{field}'`,
				`DELETE FROM time_entry_tags WHERE entry_id IN (SELECT id FROM time_entries WHERE workspace_id = '{ws}')`,
				`DELETE FROM time_entries WHERE workspace_id = '{ws}'`,
			}
			for _, stmt := range keeps {
				before := version()
				if _, err := raw.Exec(fill.Replace(stmt)); err != nil {
					t.Fatalf("%s: %v", stmt, err)
				}
				if after := version(); after != before {
					t.Errorf("%s: version went from %d to %d", stmt, before, after)
				}
			}
		})
	}
}

// Every table either raises the workspace version through a trigger or is
// one of uncachedTables, so that a table added later cannot be forgotten.
func TestEveryCachedTableHasVersionTrigger(t *testing.T) {
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			dsn := apitest.NewDSN(t, engine)
			if _, err := devseed.Run(context.Background(), dsn, devseed.Options{Entries: 10, Users: 1, Projects: 1, Years: 1, Seed: 2}); err != nil {
				t.Fatalf("creating the schema: %v", err)
			}
			raw := inspect(t, engine, dsn)

			tablesQuery := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
			triggersQuery := `SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\_version\_%' ESCAPE '\'`
			if engine == apitest.Postgres {
				tablesQuery = `SELECT table_name FROM information_schema.tables
					WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
				triggersQuery = `SELECT event_object_table FROM information_schema.triggers
					WHERE trigger_schema = current_schema() AND trigger_name LIKE '%\_version%'`
			}
			tables := queryNames(t, raw, tablesQuery)
			triggered := queryNames(t, raw, triggersQuery)
			for _, table := range tables {
				if !slices.Contains(triggered, table) && !slices.Contains(uncachedTables, table) {
					t.Errorf("table %s has no trigger that raises the workspace version", table)
				}
			}
		})
	}
}

// On PostgreSQL, TRUNCATE fires no row triggers, so every table whose rows
// the caches depend on needs a statement trigger for it as well.
func TestEveryCachedTableHasTruncateTrigger(t *testing.T) {
	dsn := apitest.NewDSN(t, apitest.Postgres)
	if _, err := devseed.Run(context.Background(), dsn, devseed.Options{Entries: 10, Users: 1, Projects: 1, Years: 1, Seed: 2}); err != nil {
		t.Fatalf("creating the schema: %v", err)
	}
	raw := inspect(t, apitest.Postgres, dsn)

	tables := queryNames(t, raw, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)
	// Bit 5 of pg_trigger.tgtype marks a TRUNCATE trigger.
	truncated := queryNames(t, raw, `SELECT c.relname FROM pg_trigger g
		JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND NOT g.tgisinternal AND g.tgtype & 32 <> 0`)
	needed := []string{"time_entries", "time_entry_tags", "time_entry_custom_values", "entry_versions"}
	for _, table := range tables {
		if slices.Contains(uncachedTables, table) && !slices.Contains(needed, table) {
			continue
		}
		if !slices.Contains(truncated, table) {
			t.Errorf("table %s has no TRUNCATE trigger that raises the versions", table)
		}
	}
}

func queryNames(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return names
}

// Store.Versions reads, outside a transaction, the same two versions that
// a transaction reads, and follows changes made by plain SQL.
func TestVersionsMatchTransactionReads(t *testing.T) {
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			res, db, dsn := openSeeded(t, engine, devseed.Options{Entries: 100, Users: 2, Projects: 2, Years: 1, Seed: 4})
			ws, user := res.WorkspaceID, res.AdminUserID

			inTx := func() (workspace, entries int64) {
				t.Helper()
				err := db.View(ctx, func(tx domain.Tx) error {
					var err error
					if workspace, err = tx.WorkspaceVersion(ctx, ws); err != nil {
						return err
					}
					entries, err = tx.EntryVersion(ctx, ws, user)
					return err
				})
				if err != nil {
					t.Fatalf("reading versions in a transaction: %v", err)
				}
				return workspace, entries
			}
			check := func(when string) domain.Versions {
				t.Helper()
				got, err := db.Versions(ctx, ws, user)
				if err != nil {
					t.Fatalf("%s: Versions: %v", when, err)
				}
				workspace, entries := inTx()
				if got.Workspace != workspace || got.Entries != entries {
					t.Errorf("%s: Versions read workspace %d and entries %d, a transaction %d and %d",
						when, got.Workspace, got.Entries, workspace, entries)
				}
				if age := time.Since(got.Now); got.Now.Location() != time.UTC || age < 0 || age > time.Minute {
					t.Errorf("%s: Now is %v, want the current time in UTC", when, got.Now)
				}
				return got
			}

			before := check("after seeding")
			if before.Entries == 0 {
				t.Errorf("the seeded admin's entry version is 0, want the version of their entries")
			}
			raw := inspect(t, engine, dsn)
			if _, err := raw.Exec(`UPDATE time_entries SET description = 'by SQL' WHERE id = (
				SELECT id FROM time_entries WHERE workspace_id = '` + ws + `' AND user_id = '` + user + `' LIMIT 1)`); err != nil {
				t.Fatalf("updating an entry by SQL: %v", err)
			}
			afterEntry := check("after an entry changed")
			if afterEntry.Entries <= before.Entries || afterEntry.Workspace != before.Workspace {
				t.Errorf("an entry change moved the versions from %+v to %+v, want only Entries higher", before, afterEntry)
			}
			if _, err := raw.Exec(`UPDATE projects SET note = 'by SQL' WHERE id = '` + res.ProjectIDs[0] + `'`); err != nil {
				t.Fatalf("updating a project by SQL: %v", err)
			}
			afterProject := check("after a project changed")
			if afterProject.Workspace <= afterEntry.Workspace || afterProject.Entries != afterEntry.Entries {
				t.Errorf("a project change moved the versions from %+v to %+v, want only Workspace higher", afterEntry, afterProject)
			}

			if v, err := db.Versions(ctx, ws, domain.NewID()); err != nil || v.Entries != 0 || v.Workspace != afterProject.Workspace {
				t.Errorf("Versions of a user without entries: %+v, %v; want entries 0 and workspace %d", v, err, afterProject.Workspace)
			}
			if _, err := db.Versions(ctx, domain.NewID(), user); !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("Versions of an unknown workspace: error %v, want one wrapping ErrNotFound", err)
			}
		})
	}
}
