package devseed_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/punchclock/punchclock/api"
	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/devseed"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store"
)

func TestMain(m *testing.M) { apitest.Main(m) }

// seedNow is the fixed end of the seeded range, so that runs are repeatable.
var seedNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

var engines = []string{apitest.SQLite, apitest.Postgres}

// wireEntry is the part of a time entry's JSON that the tests check.
type wireEntry struct {
	ID           string   `json:"id"`
	UserID       string   `json:"userId"`
	ProjectID    *string  `json:"projectId"`
	TaskID       *string  `json:"taskId"`
	TagIDs       []string `json:"tagIds"`
	Description  string   `json:"description"`
	TimeInterval struct {
		Start string  `json:"start"`
		End   *string `json:"end"`
	} `json:"timeInterval"`
}

// client sends API requests with one key.
type client struct {
	t    *testing.T
	root string
	key  string
}

// get sends GET path and decodes the JSON response into out, failing the
// test unless the status is 200.
func (c client) get(path string, out any) {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.root+path, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("X-Api-Key", c.key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("GET %s: reading body: %v", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		c.t.Fatalf("GET %s: status %d, body %s", path, resp.StatusCode, body)
	}
	if err := json.Unmarshal(body, out); err != nil {
		c.t.Fatalf("GET %s: decoding %s: %v", path, body, err)
	}
}

// serve starts an API server on the database at dsn.
func serve(t *testing.T, dsn string) string {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, nil)
	if err != nil {
		t.Fatalf("opening %s: %v", dsn, err)
	}
	t.Cleanup(func() { db.Close() })
	srv := httptest.NewServer(api.New(domain.NewService(db), slog.New(slog.DiscardHandler)))
	t.Cleanup(srv.Close)
	return srv.URL
}

func run(t *testing.T, dsn string, opts devseed.Options) devseed.Result {
	t.Helper()
	res, err := devseed.Run(context.Background(), dsn, opts)
	if err != nil {
		t.Fatalf("seeding %+v: %v", opts, err)
	}
	return res
}

// userEntries reads all time entries of a user through the API.
func userEntries(c client, ws, userID string) []wireEntry {
	c.t.Helper()
	var all []wireEntry
	for page := 1; ; page++ {
		var list []wireEntry
		c.get(fmt.Sprintf("/api/v1/workspaces/%s/user/%s/time-entries?page-size=1000&page=%d", ws, userID, page), &list)
		all = append(all, list...)
		if len(list) < 1000 {
			return all
		}
	}
}

func TestRunNewWorkspaceThroughAPI(t *testing.T) {
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			dsn := apitest.NewDSN(t, engine)
			opts := devseed.Options{Entries: 3000, Users: 6, Projects: 12, Years: 2, Seed: 7, Now: seedNow}
			res := run(t, dsn, opts)
			c := client{t: t, root: serve(t, dsn), key: res.APIKey}

			var me struct {
				ID               string `json:"id"`
				DefaultWorkspace string `json:"defaultWorkspace"`
				ActiveWorkspace  string `json:"activeWorkspace"`
			}
			c.get("/api/v1/user", &me)
			if me.ID != res.AdminUserID {
				t.Errorf("the API key belongs to user %s, want the admin %s", me.ID, res.AdminUserID)
			}
			if me.DefaultWorkspace != res.WorkspaceID {
				t.Errorf("default workspace = %s, want %s", me.DefaultWorkspace, res.WorkspaceID)
			}

			ws := res.WorkspaceID
			var members []struct {
				ID string `json:"id"`
			}
			c.get("/api/v1/workspaces/"+ws+"/users?page-size=100", &members)
			if len(members) != opts.Users {
				t.Errorf("workspace has %d members, want %d", len(members), opts.Users)
			}
			var projects []struct {
				ID       string `json:"id"`
				Archived bool   `json:"archived"`
			}
			c.get("/api/v1/workspaces/"+ws+"/projects?page-size=100&archived=false", &projects)
			var archived []struct {
				ID string `json:"id"`
			}
			c.get("/api/v1/workspaces/"+ws+"/projects?page-size=100&archived=true", &archived)
			if got := len(projects) + len(archived); got != opts.Projects || len(archived) == 0 {
				t.Errorf("workspace has %d active and %d archived projects, want %d in all", len(projects), len(archived), opts.Projects)
			}
			var clients []struct {
				ID string `json:"id"`
			}
			c.get("/api/v1/workspaces/"+ws+"/clients?page-size=100", &clients)
			if len(clients) != res.Clients || res.Clients == 0 {
				t.Errorf("workspace has %d clients, Result says %d", len(clients), res.Clients)
			}
			var tags []struct {
				ID string `json:"id"`
			}
			c.get("/api/v1/workspaces/"+ws+"/tags?page-size=100", &tags)
			if len(tags) != len(res.TagIDs) {
				t.Errorf("workspace has %d tags, Result says %d", len(tags), len(res.TagIDs))
			}

			total, running := 0, 0
			perUser := map[string]int{}
			for _, userID := range res.UserIDs {
				entries := userEntries(c, ws, userID)
				perUser[userID] = len(entries)
				total += len(entries)
				running += checkUserEntries(t, userID, entries, res)
			}
			if total != opts.Entries {
				t.Errorf("the API lists %d entries, want %d", total, opts.Entries)
			}
			if running != res.Running || running == 0 {
				t.Errorf("%d running timers, Result says %d", running, res.Running)
			}
			var inProgress []wireEntry
			c.get("/api/v1/workspaces/"+ws+"/time-entries/status/in-progress", &inProgress)
			if len(inProgress) != res.Running {
				t.Errorf("in-progress lists %d entries, want %d", len(inProgress), res.Running)
			}
			busiest, quietest := perUser[res.UserIDs[0]], perUser[res.UserIDs[len(res.UserIDs)-1]]
			if busiest < 3*quietest {
				t.Errorf("the first user has %d entries and the last %d; want a skew of at least 3x", busiest, quietest)
			}
		})
	}
}

// checkUserEntries checks the entries of one user, newest first as the API
// lists them, and returns how many are running.
func checkUserEntries(t *testing.T, userID string, entries []wireEntry, res devseed.Result) int {
	t.Helper()
	running := 0
	var prevStart time.Time
	for i, e := range entries {
		if !domain.ValidID(e.ID) {
			t.Errorf("entry id %q is not 24-hex", e.ID)
		}
		if e.UserID != userID {
			t.Errorf("entry %s of user %s lists user %s", e.ID, userID, e.UserID)
		}
		start, err := time.Parse(time.RFC3339, e.TimeInterval.Start)
		if err != nil || start.Before(seedNow.AddDate(-3, 0, 0)) || !start.Before(seedNow) {
			t.Errorf("entry %s starts at %q, outside the seeded range", e.ID, e.TimeInterval.Start)
		}
		if e.TimeInterval.End == nil {
			running++
			if i != 0 {
				t.Errorf("running entry %s of user %s is not the user's latest", e.ID, userID)
			}
		} else {
			end, err := time.Parse(time.RFC3339, *e.TimeInterval.End)
			if err != nil || !end.After(start) || end.After(seedNow) {
				t.Errorf("entry %s runs from %s to %s", e.ID, e.TimeInterval.Start, *e.TimeInterval.End)
			}
			if i > 0 && end.After(prevStart) {
				t.Errorf("entry %s ends at %s, after the next entry starts at %s", e.ID, *e.TimeInterval.End, prevStart)
			}
		}
		if e.ProjectID != nil && *e.ProjectID != "" && !slices.Contains(res.ProjectIDs, *e.ProjectID) {
			t.Errorf("entry %s names project %s, which was not seeded", e.ID, *e.ProjectID)
		}
		if e.TaskID != nil && *e.TaskID != "" && (e.ProjectID == nil || *e.ProjectID == "") {
			t.Errorf("entry %s has task %s but no project", e.ID, *e.TaskID)
		}
		for _, tag := range e.TagIDs {
			if !slices.Contains(res.TagIDs, tag) {
				t.Errorf("entry %s names tag %s, which was not seeded", e.ID, tag)
			}
		}
		prevStart = start
	}
	if running > 1 {
		t.Errorf("user %s has %d running timers", userID, running)
	}
	return running
}

func TestRunExistingWorkspace(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		opts := devseed.Options{Entries: 500, Users: 3, Projects: 4, Years: 1, Seed: 3, Now: seedNow,
			WorkspaceID: env.Owner.WorkspaceID}
		res := run(t, env.DSN, opts)
		if res.WorkspaceID != env.Owner.WorkspaceID {
			t.Fatalf("seeded workspace %s, want %s", res.WorkspaceID, env.Owner.WorkspaceID)
		}

		owner := client{t: t, root: env.URL, key: env.Owner.Key}
		var members []struct {
			ID    string `json:"id"`
			Email string `json:"email"`
		}
		owner.get("/api/v1/workspaces/"+env.Owner.WorkspaceID+"/users?page-size=100", &members)
		if len(members) != 1+opts.Users {
			t.Errorf("workspace has %d members, want the owner and %d seeded users", len(members), opts.Users)
		}
		total := 0
		for _, userID := range res.UserIDs {
			total += len(userEntries(owner, env.Owner.WorkspaceID, userID))
		}
		if total != opts.Entries {
			t.Errorf("the owner sees %d seeded entries, want %d", total, opts.Entries)
		}

		// The seeded admin may read another member's entries, which a USER
		// may not.
		admin := client{t: t, root: env.URL, key: res.APIKey}
		var list []wireEntry
		admin.get("/api/v1/workspaces/"+env.Owner.WorkspaceID+"/user/"+res.UserIDs[1]+"/time-entries", &list)
		if len(list) == 0 {
			t.Errorf("the admin reads no entries of user %s", res.UserIDs[1])
		}

		// A second seed into the same workspace adds to it: names carry the
		// seed, so they do not collide.
		opts.Seed = 4
		if _, err := devseed.Run(context.Background(), env.DSN, opts); err != nil {
			t.Errorf("seeding the workspace again with another seed: %v", err)
		}
	})
}

func TestRunDeterministic(t *testing.T) {
	opts := devseed.Options{Entries: 2000, Users: 5, Projects: 6, Years: 1, Seed: 42, Now: seedNow}
	read := func(seed uint64) (devseed.Result, []domain.TimeEntry) {
		dsn := apitest.NewDSN(t, apitest.SQLite)
		o := opts
		o.Seed = seed
		res := run(t, dsn, o)
		db, err := store.Open(context.Background(), dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var all []domain.TimeEntry
		err = db.View(context.Background(), func(tx domain.Tx) error {
			for _, u := range res.UserIDs {
				list, err := tx.TimeEntries(context.Background(), res.WorkspaceID, u, domain.TimeEntryFilter{Page: domain.Page{Number: 1, Size: 10000}})
				if err != nil {
					return err
				}
				all = append(all, list...)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return res, all
	}

	res1, entries1 := read(42)
	res2, entries2 := read(42)
	res3, entries3 := read(43)
	if res1.WorkspaceID != res2.WorkspaceID || !slices.Equal(res1.UserIDs, res2.UserIDs) || !slices.Equal(res1.ProjectIDs, res2.ProjectIDs) {
		t.Errorf("one seed gave different ids:\n%+v\n%+v", res1, res2)
	}
	if len(entries1) != opts.Entries {
		t.Fatalf("read %d entries, want %d", len(entries1), opts.Entries)
	}
	if !slices.EqualFunc(entries1, entries2, sameEntry) {
		t.Errorf("one seed gave different entries")
	}
	if res1.APIKey == res2.APIKey {
		t.Errorf("two runs issued the same API key %q", res1.APIKey)
	}
	if res3.WorkspaceID == res1.WorkspaceID || slices.EqualFunc(entries1, entries3, sameEntry) {
		t.Errorf("seeds 42 and 43 gave the same data")
	}
}

func sameEntry(a, b domain.TimeEntry) bool {
	return a.ID == b.ID && a.UserID == b.UserID && a.ProjectID == b.ProjectID && a.TaskID == b.TaskID &&
		a.Description == b.Description && a.Start.Equal(b.Start) && (a.End == nil) == (b.End == nil) &&
		(a.End == nil || a.End.Equal(*b.End)) && slices.Equal(a.TagIDs, b.TagIDs) && a.Billable == b.Billable
}

func TestRunSkewsProjects(t *testing.T) {
	dsn := apitest.NewDSN(t, apitest.SQLite)
	res := run(t, dsn, devseed.Options{Entries: 5000, Users: 4, Projects: 20, Years: 1, Seed: 9, Now: seedNow})
	db, err := store.Open(context.Background(), dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	perProject := map[string]int{}
	described := 0
	err = db.View(context.Background(), func(tx domain.Tx) error {
		for _, u := range res.UserIDs {
			list, err := tx.TimeEntries(context.Background(), res.WorkspaceID, u, domain.TimeEntryFilter{Page: domain.Page{Number: 1, Size: 10000}})
			if err != nil {
				return err
			}
			for _, e := range list {
				perProject[e.ProjectID]++
				if strings.TrimSpace(e.Description) != "" {
					described++
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	counts := make([]int, 0, len(perProject))
	for id, n := range perProject {
		if id != "" {
			counts = append(counts, n)
		}
	}
	slices.Sort(counts)
	if len(counts) < 10 || counts[len(counts)-1] < 5*counts[0] {
		t.Errorf("entries per project %v: want at least 10 projects used and the busiest with 5x the quietest", counts)
	}
	if perProject[""] == 0 {
		t.Errorf("no entry lacks a project")
	}
	if described < 4000 {
		t.Errorf("%d of 5000 entries have a description, want most", described)
	}
}

func TestRunRejectsBadOptions(t *testing.T) {
	dsn := apitest.NewDSN(t, apitest.SQLite)
	cases := []struct {
		name string
		opts devseed.Options
		want string
	}{
		{"no users", devseed.Options{Entries: 10, Users: 0, Years: 1}, "users 0"},
		{"negative entries", devseed.Options{Entries: -1, Users: 1, Years: 1}, "entries -1"},
		{"no years", devseed.Options{Entries: 10, Users: 1, Years: 0}, "years 0"},
		{"bad workspace id", devseed.Options{Entries: 10, Users: 1, Years: 1, WorkspaceID: "nope"}, `"nope"`},
		{"missing workspace", devseed.Options{Entries: 10, Users: 1, Years: 1, WorkspaceID: strings.Repeat("a", 24)}, "does not exist"},
		{"entries too dense", devseed.Options{Entries: 20_000_000, Users: 1, Years: 1}, "do not fit"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := devseed.Run(context.Background(), dsn, tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want one containing %s", err, tc.want)
			}
		})
	}
}

func TestRunRejectsUsedSeed(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		opts := devseed.Options{Entries: 300, Users: 3, Projects: 5, Years: 1, Seed: 5, Now: seedNow}
		first := run(t, env.DSN, opts)
		before := env.Dump(t)

		// The same second gives the same ids, and a later one the same
		// emails: both are rejected before anything is written.
		for _, now := range []time.Time{seedNow, seedNow.Add(90 * time.Minute)} {
			again := opts
			again.Now = now
			_, err := devseed.Run(context.Background(), env.DSN, again)
			if !errors.Is(err, devseed.ErrSeedUsed) {
				t.Errorf("second run of seed 5 at %s: error = %v, want ErrSeedUsed", now.Format(time.RFC3339), err)
			}
			if err != nil && strings.Contains(strings.ToLower(err.Error()), "constraint") {
				t.Errorf("error %q shows a raw constraint message", err)
			}
		}
		if env.Dump(t) != before {
			t.Error("the rejected runs changed the database")
		}

		// Seed 6 adds a workspace whose data matches seed 6 on a new
		// database, and whose ids do not collide with seed 5's. Only the
		// time part of the workspace id differs: the env's workspace was
		// created after seedNow, and a seeded workspace is never older than
		// the first one.
		opts.Seed = 6
		added := run(t, env.DSN, opts)
		alone := run(t, apitest.NewDSN(t, env.Engine), opts)
		if added.WorkspaceID == first.WorkspaceID || added.WorkspaceID == env.Owner.WorkspaceID {
			t.Errorf("seed 6 reused workspace %s", added.WorkspaceID)
		}
		if added.WorkspaceID[8:] != alone.WorkspaceID[8:] || !slices.Equal(added.UserIDs, alone.UserIDs) ||
			!slices.Equal(added.ProjectIDs, alone.ProjectIDs) || !slices.Equal(added.TagIDs, alone.TagIDs) ||
			added.Tasks != alone.Tasks || added.Clients != alone.Clients || added.AdminEmail != alone.AdminEmail {
			t.Errorf("seed 6 after seed 5 differs from seed 6 alone:\n%+v\n%+v", added, alone)
		}

		// Filling an existing workspace takes each seed once too.
		fill := opts
		fill.WorkspaceID = env.Owner.WorkspaceID
		run(t, env.DSN, fill)
		if _, err := devseed.Run(context.Background(), env.DSN, fill); !errors.Is(err, devseed.ErrSeedUsed) {
			t.Errorf("filling workspace %s twice with seed 6: error = %v, want ErrSeedUsed", fill.WorkspaceID, err)
		}
	})
}

func TestRunRejectsTakenEmail(t *testing.T) {
	dsn := apitest.NewDSN(t, apitest.SQLite)
	opts := devseed.Options{Entries: 30, Users: 2, Projects: 1, Years: 1, Seed: 8, Now: seedNow}
	alone := run(t, apitest.NewDSN(t, apitest.SQLite), opts)

	// A user created by hand with the second seeded user's email makes the
	// seed's users collide after the admin check passes.
	db, err := store.Open(context.Background(), dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	email := strings.Replace(alone.AdminEmail, "ada.lovelace.0@", "grace.lovelace.1@", 1)
	if _, err := domain.NewService(db).CreateUser(context.Background(), domain.NewUser{Email: email}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	_, err = devseed.Run(context.Background(), dsn, opts)
	if !errors.Is(err, devseed.ErrSeedUsed) {
		t.Errorf("error = %v, want ErrSeedUsed", err)
	}
	if err != nil && strings.Contains(strings.ToLower(err.Error()), "constraint") {
		t.Errorf("error %q shows a raw constraint message", err)
	}
}
