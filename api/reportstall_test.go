package api_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

// stallEntries is the number of entries that seedLargeReport writes: several
// scan chunks, and a CSV of about 5 MB, more than the kernel's largest
// socket buffers hold.
const stallEntries = 4000

// seedLargeReport writes stallEntries entries of three users in March 2026
// with about 1 kB descriptions. Descriptions repeat every 7 entries and
// starts every 2, so that the sort keys tie.
func seedLargeReport(t *testing.T, env *apitest.Env) {
	t.Helper()
	users := []string{env.Owner.UserID, env.NewUser(t, "ann", domain.RoleUser, "").UserID,
		env.NewUser(t, "bob", domain.RoleUser, "").UserID}
	base := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	padding := strings.Repeat("x", 1000)
	entries := make([]domain.TimeEntry, stallEntries)
	for i := range entries {
		start := base.Add(time.Duration(i/2) * 10 * time.Minute)
		end := start.Add(time.Duration(i%5+1) * time.Minute)
		entries[i] = domain.TimeEntry{ID: domain.NewID(), WorkspaceID: env.Owner.WorkspaceID, UserID: users[i%3],
			Description: fmt.Sprintf("d%d %s", i%7, padding), Start: start, End: &end, Type: domain.EntryRegular,
			CreatedAt: start}
	}
	if err := env.Store.InsertTimeEntries(context.Background(), entries); err != nil {
		t.Fatalf("inserting %d entries: %v", len(entries), err)
	}
}

// dialStalled sends a GET for path on a connection with a 4 kB receive
// buffer, waits for the first byte of the response and then reads no more.
func dialStalled(t *testing.T, env *apitest.Env, path string) net.Conn {
	t.Helper()
	dialer := net.Dialer{Timeout: 10 * time.Second, Control: func(_, _ string, c syscall.RawConn) error {
		var err error
		if cerr := c.Control(func(fd uintptr) {
			err = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096)
		}); cerr != nil {
			return cerr
		}
		return err
	}}
	conn, err := dialer.Dial("tcp", strings.TrimPrefix(env.URL, "http://"))
	if err != nil {
		t.Fatalf("dialing the server: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", env.Expand(path), strings.TrimPrefix(env.URL, "http://"))
	conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	first := make([]byte, 1)
	if _, err := conn.Read(first); err != nil {
		t.Fatalf("reading the first byte of %s: %v", path, err)
	}
	return conn
}

func TestStalledExportReleasesDatabase(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedLargeReport(t, env)
		shared := env.MustDo(t, "POST", sharedPath, "", map[string]any{"name": "All", "type": "DETAILED", "isPublic": true,
			"filter": map[string]any{"exportType": "JSON", "dateRangeStart": "2026-03-01T00:00:00Z",
				"dateRangeEnd": "2026-03-31T23:59:59.999Z", "timeZone": "UTC"}}, http.StatusOK)
		env.Vars["large"] = apitest.Str(t, shared, "id")

		// More stalled readers than either engine's read pool has
		// connections: SQLite has 4, PostgreSQL 32.
		for range 33 {
			dialStalled(t, env, openPath+"{large}?exportType=CSV")
		}

		client := http.Client{Timeout: 10 * time.Second}
		for _, path := range []string{"/api/v1/user", "/readyz"} {
			req, err := http.NewRequest("GET", env.URL+path, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("X-Api-Key", env.Owner.Key)
			resp, err := client.Do(req)
			if err != nil {
				t.Fatalf("GET %s while exports stall: %v", path, err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("GET %s while exports stall: status %d, want 200", path, resp.StatusCode)
			}
		}
	})
}

func TestChunkedExportOrder(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		seedLargeReport(t, env)
		for _, sort := range []struct{ column, order string }{
			{"DATE", "DESCENDING"}, {"DATE", "ASCENDING"}, {"DESCRIPTION", "ASCENDING"}, {"USER_DATE", "DESCENDING"},
			{"DURATION", "DESCENDING"}, {"USER", "ASCENDING"}, {"ID", "ASCENDING"},
		} {
			t.Run(sort.column+" "+sort.order, func(t *testing.T) {
				extra := map[string]any{"dateRangeStart": "2026-03-01T00:00:00Z", "dateRangeEnd": "2026-03-31T23:59:59.999Z",
					"sortOrder": sort.order, "timeFormat": "HOUR24"}
				filter := map[string]any{"sortColumn": sort.column, "page": 1, "pageSize": 1000}

				// The JSON pages come from single scans that skip to the
				// page, so they order entries independently of the chunks.
				var want []string
				for page := 1; len(want) < stallEntries; page++ {
					filter["page"] = page
					r := env.MustDo(t, "POST", detailedPath, "", detailedBody(filter, extra), http.StatusOK)
					list, _ := apitest.Lookup(r, "timeentries")
					rows, _ := list.([]any)
					if len(rows) == 0 {
						t.Fatalf("page %d is empty after %d entries", page, len(want))
					}
					for _, row := range rows {
						m := row.(map[string]any)
						start := m["timeInterval"].(map[string]any)["start"].(string)
						want = append(want, fmt.Sprintf("%s|%s|%s", m["userName"], start[11:19], m["description"]))
					}
				}

				r := exportFile(t, env, detailedPath, "CSV", detailedBody(filter, extra))
				records := readCSV(t, r.Body)
				header := records[0]
				var got []string
				for _, rec := range records[1:] {
					got = append(got, fmt.Sprintf("%s|%s|%s", column(t, header, rec, "User"),
						column(t, header, rec, "Start Time"), column(t, header, rec, "Description")))
				}
				if len(got) != len(want) {
					t.Fatalf("the CSV has %d rows, want %d", len(got), len(want))
				}
				for i := range want {
					if got[i] != want[i] {
						t.Fatalf("CSV row %d = %.40s, want %.40s as in the JSON pages", i+1, got[i], want[i])
					}
				}
			})
		}
	})
}
