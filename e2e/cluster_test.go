package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
)

// outcome is the result of one request of a burst.
type outcome struct {
	resp response
	err  error
}

// burst sends n requests at once, request i built and sent by send(i), and
// returns their outcomes in order.
func burst(n int, send func(ctx context.Context, i int) (response, error)) []outcome {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out := make([]outcome, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			out[i].resp, out[i].err = send(ctx, i)
		}()
	}
	close(start)
	wg.Wait()
	return out
}

// maxReported is how many failed requests of one burst a test reports one by
// one; the status counts cover the rest.
const maxReported = 5

// statusCounts fails the test for transport errors and 5xx responses, and
// returns how many responses had each status.
func statusCounts(t *testing.T, request string, outcomes []outcome) map[int]int {
	t.Helper()
	counts := map[int]int{}
	reported := 0
	for i, o := range outcomes {
		if o.err != nil {
			t.Errorf("%s, request %d: %v", request, i, o.err)
			continue
		}
		counts[o.resp.Status]++
		if o.resp.Status >= 500 && reported < maxReported {
			t.Errorf("%s, request %d: status %d; body: %s", request, i, o.resp.Status, o.resp.Body)
			reported++
		}
	}
	return counts
}

// cluster is two serve processes on one PostgreSQL database and a user with
// its own workspace.
type cluster struct {
	nodes []*node
	user  createdUser
}

// on returns the node that serves request i, alternating between the two.
func (c *cluster) on(i int) *node { return c.nodes[i%len(c.nodes)] }

// wsURL returns the URL of a path under the user's workspace on node n.
func (c *cluster) wsURL(n *node, path string) string {
	return n.URL + "/api/v1/workspaces/" + c.user.WorkspaceID + path
}

// Two real serve processes on one PostgreSQL database must behave as one
// server: one running timer per user, unique tag names and no lost updates,
// with every rule enforced by the database rather than a process's memory.
func TestTwoNodesOnePostgresDatabase(t *testing.T) {
	dsn := apitest.NewDSN(t, apitest.Postgres)

	// Both nodes start at once on an empty database: both migrate, and
	// exactly one of them creates the first owner.
	a := startNode(t, "a", dsn)
	b := startNode(t, "b", dsn)
	a.waitReady(t)
	b.waitReady(t)
	if keys := len(a.ownerKeys()) + len(b.ownerKeys()); keys != 1 {
		t.Errorf("the two nodes logged %d owner API keys in all, want 1", keys)
	}

	c := &cluster{nodes: []*node{a, b}}
	c.user = createUser(t, dsn, "--email", "cluster@example.com", "--name", "Cluster Tester", "--workspace-name", "Cluster")
	for _, n := range c.nodes {
		me := mustCall(t, http.MethodGet, n.URL+"/api/v1/user", c.user.APIKey, nil, http.StatusOK)
		if got := field(me, "id"); got != c.user.UserID {
			t.Fatalf("node %s: GET /api/v1/user returned id %q, want %q", n.name, got, c.user.UserID)
		}
	}

	t.Run("one running timer", c.testOneRunningTimer)
	t.Run("unique tag name", c.testUniqueTagName)
	t.Run("client replacements", c.testClientReplacements)
	t.Run("client kept name", c.testClientKeptName)
	t.Run("workspace rates", c.testWorkspaceRates)

	a.stop(t)
	b.stop(t)
}

// 100 timer starts split over both nodes leave exactly one running entry.
func (c *cluster) testOneRunningTimer(t *testing.T) {
	const starts = 100
	start := time.Now().UTC().Add(-time.Hour).Truncate(time.Second).Format(time.RFC3339)

	outcomes := burst(starts, func(ctx context.Context, i int) (response, error) {
		return call(ctx, http.MethodPost, c.wsURL(c.on(i), "/time-entries"), c.user.APIKey, map[string]any{"start": start})
	})
	// One server stops the running timer when a new one starts, so every
	// start returns 201.
	counts := statusCounts(t, "POST time-entries", outcomes)
	if counts[http.StatusCreated] != starts {
		t.Errorf("%d of %d concurrent timer starts returned 201 (status counts %v)", counts[http.StatusCreated], starts, counts)
		reported := 0
		for i, o := range outcomes {
			if o.err == nil && o.resp.Status != http.StatusCreated && o.resp.Status < 500 && reported < maxReported {
				t.Errorf("POST time-entries, request %d: status %d; body: %s", i, o.resp.Status, o.resp.Body)
				reported++
			}
		}
	}

	var runningID string
	for _, n := range c.nodes {
		v := mustCall(t, http.MethodGet, c.wsURL(n, "/time-entries/status/in-progress"), c.user.APIKey, nil, http.StatusOK)
		running, _ := v.([]any)
		if len(running) != 1 {
			t.Fatalf("node %s: %d running entries after %d concurrent starts, want 1: %v", n.name, len(running), starts, v)
		}
		if got := field(running[0], "userId"); got != c.user.UserID {
			t.Errorf("node %s: the running entry belongs to %q, want %q", n.name, got, c.user.UserID)
		}
		id := field(running[0], "id")
		if runningID != "" && id != runningID {
			t.Errorf("nodes disagree on the running entry: %s and %s", runningID, id)
		}
		runningID = id
	}

	// Every 201 created an entry, and no request created one without a 201.
	v := mustCall(t, http.MethodGet, c.wsURL(c.nodes[0], "/user/"+c.user.UserID+"/time-entries?page-size=1000"), c.user.APIKey, nil, http.StatusOK)
	entries, _ := v.([]any)
	if len(entries) != counts[http.StatusCreated] {
		t.Errorf("the user has %d time entries after %d starts returned 201", len(entries), counts[http.StatusCreated])
	}
}

// Concurrent creates of one tag name across nodes: one 201, the rest 400.
func (c *cluster) testUniqueTagName(t *testing.T) {
	const creates = 20
	outcomes := burst(creates, func(ctx context.Context, i int) (response, error) {
		return call(ctx, http.MethodPost, c.wsURL(c.on(i), "/tags"), c.user.APIKey, map[string]any{"name": "Deploy"})
	})
	counts := statusCounts(t, "POST tags", outcomes)
	if counts[http.StatusCreated] != 1 {
		t.Errorf("%d of %d concurrent creates of one tag name returned 201, want 1 (status counts %v)", counts[http.StatusCreated], creates, counts)
	}
	if counts[http.StatusBadRequest] != creates-1 {
		t.Errorf("%d of %d concurrent creates of one tag name returned 400, want %d (status counts %v)", counts[http.StatusBadRequest], creates, creates-1, counts)
	}
	for i, o := range outcomes {
		if o.err == nil && o.resp.Status == http.StatusBadRequest && !strings.Contains(string(o.resp.Body), "already exists") {
			t.Errorf("POST tags, request %d: 400 body %s does not say the name already exists", i, o.resp.Body)
		}
	}

	v := mustCall(t, http.MethodGet, c.wsURL(c.nodes[1], "/tags?name=Deploy&strict-name-search=true"), c.user.APIKey, nil, http.StatusOK)
	if tags, _ := v.([]any); len(tags) != 1 {
		t.Errorf("GET tags named Deploy: %d tags, want 1: %v", len(tags), v)
	}
}

// createClient creates a client through node 0 and returns its id.
func (c *cluster) createClient(t *testing.T, name string) string {
	t.Helper()
	v := mustCall(t, http.MethodPost, c.wsURL(c.nodes[0], "/clients"), c.user.APIKey, map[string]any{"name": name}, http.StatusCreated)
	id := field(v, "id")
	if id == "" {
		t.Fatalf("POST clients returned no id: %v", v)
	}
	return id
}

// Concurrent full replacements of one client: each returns what it wrote, and
// the final state is exactly one of the written states, never a mix.
func (c *cluster) testClientReplacements(t *testing.T) {
	const writers = 20
	id := c.createClient(t, "Replaced client")
	write := func(i int) map[string]any {
		return map[string]any{"name": fmt.Sprintf("Replaced client %d", i), "note": fmt.Sprintf("note %d", i),
			"email": fmt.Sprintf("billing%d@example.com", i)}
	}

	outcomes := burst(writers, func(ctx context.Context, i int) (response, error) {
		return call(ctx, http.MethodPut, c.wsURL(c.on(i), "/clients/"+id), c.user.APIKey, write(i))
	})
	counts := statusCounts(t, "PUT client", outcomes)
	if counts[http.StatusOK] != writers {
		t.Errorf("%d of %d concurrent client replacements returned 200 (status counts %v)", counts[http.StatusOK], writers, counts)
	}
	for i, o := range outcomes {
		if o.err != nil || o.resp.Status != http.StatusOK {
			continue
		}
		var got map[string]any
		if err := json.Unmarshal(o.resp.Body, &got); err != nil {
			t.Errorf("PUT client, request %d: body %q is not JSON: %v", i, o.resp.Body, err)
			continue
		}
		for key, want := range write(i) {
			if got[key] != want {
				t.Errorf("PUT client, request %d: response %s is %v, want %v", i, key, got[key], want)
			}
		}
	}

	final := mustCall(t, http.MethodGet, c.wsURL(c.nodes[1], "/clients/"+id), c.user.APIKey, nil, http.StatusOK)
	var index int
	if _, err := fmt.Sscanf(field(final, "name"), "Replaced client %d", &index); err != nil {
		t.Fatalf("final client name %q is none of the written names", field(final, "name"))
	}
	for key, want := range write(index) {
		if got := field(final, key); got != want {
			t.Errorf("final client mixes writes: name from write %d but %s %q, want %q", index, key, got, want)
		}
	}
}

// A PUT without a name keeps the stored name, which is a read-modify-write.
// Racing a rename against such PUTs on the other node must never bring the
// old name back: on one server the rename is kept whatever the order.
func (c *cluster) testClientKeptName(t *testing.T) {
	const rounds, noteWriters = 15, 6
	id := c.createClient(t, "Kept-name client")

	for r := range rounds {
		base := fmt.Sprintf("Kept-name client %d", r)
		renamed := fmt.Sprintf("Renamed client %d", r)
		mustCall(t, http.MethodPut, c.wsURL(c.nodes[0], "/clients/"+id), c.user.APIKey, map[string]any{"name": base}, http.StatusOK)

		outcomes := burst(noteWriters+1, func(ctx context.Context, i int) (response, error) {
			if i == noteWriters {
				return call(ctx, http.MethodPut, c.wsURL(c.nodes[1], "/clients/"+id), c.user.APIKey, map[string]any{"name": renamed})
			}
			return call(ctx, http.MethodPut, c.wsURL(c.nodes[0], "/clients/"+id), c.user.APIKey,
				map[string]any{"note": fmt.Sprintf("note %d.%d", r, i)})
		})
		counts := statusCounts(t, "PUT client", outcomes)
		if counts[http.StatusOK] != noteWriters+1 {
			t.Fatalf("round %d: %d of %d client PUTs returned 200 (status counts %v)", r, counts[http.StatusOK], noteWriters+1, counts)
		}

		final := mustCall(t, http.MethodGet, c.wsURL(c.nodes[1], "/clients/"+id), c.user.APIKey, nil, http.StatusOK)
		if got := field(final, "name"); got != renamed {
			t.Fatalf("round %d: final client name %q, want %q: a PUT that kept the name overwrote the rename", r, got, renamed)
		}
	}
}

// Setting the hourly rate on one node and the cost rate on the other at once
// must keep both: each is a read-modify-write of the one workspace row.
func (c *cluster) testWorkspaceRates(t *testing.T) {
	const rounds = 15
	for r := range rounds {
		hourly, cost := 1000+r, 2000+r
		outcomes := burst(2, func(ctx context.Context, i int) (response, error) {
			if i == 0 {
				return call(ctx, http.MethodPut, c.wsURL(c.nodes[0], "/hourly-rate"), c.user.APIKey, map[string]any{"amount": hourly, "currency": "USD"})
			}
			return call(ctx, http.MethodPut, c.wsURL(c.nodes[1], "/cost-rate"), c.user.APIKey, map[string]any{"amount": cost})
		})
		counts := statusCounts(t, "PUT workspace rate", outcomes)
		if counts[http.StatusOK] != 2 {
			t.Fatalf("round %d: %d of 2 rate PUTs returned 200 (status counts %v)", r, counts[http.StatusOK], counts)
		}

		ws := mustCall(t, http.MethodGet, c.wsURL(c.nodes[r%2], ""), c.user.APIKey, nil, http.StatusOK)
		obj, _ := ws.(map[string]any)
		if got := field(obj["hourlyRate"], "amount"); got != fmt.Sprint(hourly) {
			t.Errorf("round %d: hourly rate %s, want %d", r, got, hourly)
		}
		if got := field(obj["costRate"], "amount"); got != fmt.Sprint(cost) {
			t.Errorf("round %d: cost rate %s, want %d", r, got, cost)
		}
	}
}
