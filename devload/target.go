package devload

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"
)

// client sends requests with the API key.
type client struct {
	base string
	key  string
	http *http.Client
}

// do sends one request and returns the status and body.
func (c *client) do(ctx context.Context, method, path string, body []byte) (int, []byte, error) {
	var reader io.Reader
	if body != nil {
		reader = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, reader)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("X-Api-Key", c.key)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	return resp.StatusCode, out, err
}

// getJSON sends GET path and decodes a 200 response into out.
func (c *client) getJSON(ctx context.Context, path string, out any) error {
	status, body, err := c.do(ctx, http.MethodGet, path, nil)
	if err != nil {
		return fmt.Errorf("devload: GET %s: %w", path, err)
	}
	if status != http.StatusOK {
		return fmt.Errorf("devload: GET %s: status %d: %.300s", path, status, body)
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("devload: GET %s: decoding the response: %w", path, err)
	}
	return nil
}

// target is the user and workspace the load works on, read before the run.
type target struct {
	c          *client
	userID     string
	workspace  string
	projectIDs []string

	mu       sync.Mutex
	entryIDs []string // entries that get requests read; creates add to it
}

func newTarget(ctx context.Context, c *client) (*target, error) {
	var me struct {
		ID              string `json:"id"`
		ActiveWorkspace string `json:"activeWorkspace"`
	}
	if err := c.getJSON(ctx, "/api/v1/user", &me); err != nil {
		return nil, err
	}
	t := &target{c: c, userID: me.ID, workspace: me.ActiveWorkspace}

	var entries []struct {
		ID string `json:"id"`
	}
	if err := c.getJSON(ctx, t.userPath()+"?page-size=200", &entries); err != nil {
		return nil, err
	}
	for _, e := range entries {
		t.entryIDs = append(t.entryIDs, e.ID)
	}
	var projects []struct {
		ID string `json:"id"`
	}
	if err := c.getJSON(ctx, t.workspacePath()+"/projects?archived=false&page-size=200", &projects); err != nil {
		return nil, err
	}
	for _, p := range projects {
		t.projectIDs = append(t.projectIDs, p.ID)
	}
	return t, nil
}

func (t *target) workspacePath() string { return "/api/v1/workspaces/" + t.workspace }

func (t *target) userPath() string { return t.workspacePath() + "/user/" + t.userID + "/time-entries" }

// request is one prepared request of the load.
type request struct {
	op     Op
	method string
	path   string
	body   []byte
	want   int
}

// request prepares a request of op, drawing its details from rng.
func (t *target) request(op Op, rng *rand.Rand) request {
	now := time.Now().UTC()
	switch op {
	case OpCreate:
		start := now.Add(-time.Duration(rng.Int64N(int64(30 * 24 * time.Hour)))).Truncate(time.Second)
		end := start.Add(time.Duration(5+rng.IntN(120)) * time.Minute)
		project := ""
		if len(t.projectIDs) > 0 {
			project = t.projectIDs[rng.IntN(len(t.projectIDs))]
		}
		body := fmt.Appendf(nil, `{"start":%q,"end":%q,"description":"load test","projectId":%q,"billable":true}`,
			start.Format(time.RFC3339), end.Format(time.RFC3339), project)
		return request{op: op, method: http.MethodPost, path: t.workspacePath() + "/time-entries", body: body, want: http.StatusCreated}
	case OpGet:
		t.mu.Lock()
		id := t.entryIDs[rng.IntN(len(t.entryIDs))]
		t.mu.Unlock()
		return request{op: op, method: http.MethodGet, path: t.workspacePath() + "/time-entries/" + id, want: http.StatusOK}
	case OpList:
		// Mostly the newest page, as clients poll it, sometimes an older one.
		page := 1
		if rng.IntN(5) == 0 {
			page = 2 + rng.IntN(4)
		}
		return request{op: op, method: http.MethodGet, path: fmt.Sprintf("%s?page-size=50&page=%d", t.userPath(), page), want: http.StatusOK}
	default:
		from := now.AddDate(0, 0, -30)
		body := fmt.Appendf(nil, `{"dateRangeStart":%q,"dateRangeEnd":%q,"timeZone":"UTC","summaryFilter":{"groups":["PROJECT","USER"]}}`,
			from.Format(time.RFC3339), now.Format(time.RFC3339))
		return request{op: OpReport, method: http.MethodPost, path: "/report/v1/workspaces/" + t.workspace + "/reports/summary",
			body: body, want: http.StatusOK}
	}
}

// outcome is the result of one request: a zero outcome is a success.
type outcome struct {
	kind   string // such as "status 500" or "transport error"
	detail string // the error or the start of the response body
}

// send sends req and returns its outcome.
func (t *target) send(ctx context.Context, req request) outcome {
	status, body, err := t.c.do(ctx, req.method, req.path, req.body)
	switch {
	case err != nil:
		return outcome{kind: "transport error", detail: err.Error()}
	case status != req.want:
		return outcome{kind: fmt.Sprintf("status %d", status), detail: fmt.Sprintf("%s %s: %.200s", req.method, req.path, body)}
	}
	if req.op == OpCreate {
		var created struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(body, &created) == nil && created.ID != "" {
			t.mu.Lock()
			t.entryIDs = append(t.entryIDs, created.ID)
			t.mu.Unlock()
		}
	}
	return outcome{}
}
