// Package e2e runs the punchclock binary as real processes: two `serve`
// nodes sharing one PostgreSQL database, and a single node on SQLite. It
// checks through HTTP what must hold across processes.
package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
)

// binaryDir holds the punchclock binary, built once for the whole package.
var binaryDir string

var build struct {
	once sync.Once
	path string
	err  error
}

// suite removes the binary after the tests; apitest.Main drops the
// PostgreSQL database they used.
type suite struct{ m *testing.M }

func (s suite) Run() int {
	code := s.m.Run()
	os.RemoveAll(binaryDir)
	return code
}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "punchclock-e2e-")
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: creating a folder for the binary: %v\n", err)
		os.Exit(1)
	}
	binaryDir = dir
	apitest.Main(suite{m})
}

// binary returns the path of the punchclock binary, building it on the first
// call.
func binary(t *testing.T) string {
	t.Helper()
	build.once.Do(func() {
		goTool, err := exec.LookPath("go")
		if err != nil {
			build.err = fmt.Errorf("the go command is not on PATH: %w", err)
			return
		}
		build.path = filepath.Join(binaryDir, "punchclock")
		cmd := exec.Command(goTool, "build", "-o", build.path, "github.com/punchclock/punchclock/cmd/punchclock")
		if out, err := cmd.CombinedOutput(); err != nil {
			build.err = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if build.err != nil {
		t.Fatalf("building punchclock: %v", build.err)
	}
	return build.path
}

// node is one running `punchclock serve` process.
type node struct {
	name string
	cmd  *exec.Cmd
	log  *apitest.LogBuffer // the process's output, written while the test reads it
	URL  string             // http://127.0.0.1:PORT

	done    chan struct{} // closed when the process has exited
	waitErr error         // the result of cmd.Wait, set before done closes
}

// servingAddr matches the log line serve writes once it listens.
var servingAddr = regexp.MustCompile(`msg=serving addr=(\S+)`)

// startNode starts `punchclock serve` on a free port of 127.0.0.1 against
// dsn. It does not wait for the node to listen; waitReady does.
func startNode(t *testing.T, name, dsn string) *node {
	t.Helper()
	// Port 0 lets the kernel pick a free port; the node logs the address.
	cmd := exec.Command(binary(t), "serve", "--addr", "127.0.0.1:0", "--db", dsn)
	cmd.Env = append(os.Environ(), "PUNCHCLOCK_ADDR=", "PUNCHCLOCK_DB=")
	return launch(t, name, cmd)
}

// launch starts cmd, a `punchclock serve` command, as the node name, and
// kills it when the test ends unless it has exited.
func launch(t *testing.T, name string, cmd *exec.Cmd) *node {
	t.Helper()
	n := &node{name: name, cmd: cmd, log: &apitest.LogBuffer{}, done: make(chan struct{})}
	n.cmd.Stdout = n.log
	n.cmd.Stderr = n.log
	if err := n.cmd.Start(); err != nil {
		t.Fatalf("starting node %s: %v", name, err)
	}
	go func() {
		n.waitErr = n.cmd.Wait()
		close(n.done)
	}()
	t.Cleanup(func() {
		select {
		case <-n.done:
		default:
			n.cmd.Process.Kill() //nolint:errcheck // the process may exit on its own meanwhile
			<-n.done
		}
		if t.Failed() {
			t.Logf("log of node %s:\n%s", name, n.log)
		}
	})
	return n
}

// waitReady waits until the node logs its address and its /readyz returns
// 200.
func (n *node) waitReady(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-n.done:
			t.Fatalf("node %s exited before it was ready: %v\n%s", n.name, n.waitErr, n.log)
		default:
		}
		if n.URL == "" {
			if m := servingAddr.FindStringSubmatch(n.log.String()); m != nil {
				n.URL = "http://" + m[1]
			}
		}
		if n.URL != "" {
			resp, err := client.Get(n.URL + "/readyz")
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					return
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("node %s was not ready after 60 s; log:\n%s", n.name, n.log)
}

// stop sends SIGTERM and checks that the node shuts down and exits with
// status 0.
func (n *node) stop(t *testing.T) {
	t.Helper()
	if err := n.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("sending SIGTERM to node %s: %v", n.name, err)
	}
	select {
	case <-n.done:
	case <-time.After(30 * time.Second):
		t.Fatalf("node %s still running 30 s after SIGTERM", n.name)
	}
	if n.waitErr != nil {
		t.Errorf("node %s after SIGTERM: %v, want exit status 0; log:\n%s", n.name, n.waitErr, n.log)
	}
	if !strings.Contains(n.log.String(), "msg=\"shutting down\"") {
		t.Errorf("node %s did not log its shutdown; log:\n%s", n.name, n.log)
	}
}

// ownerKeys returns the API keys a node logged for a bootstrapped owner.
func (n *node) ownerKeys() []string {
	var keys []string
	sc := bufio.NewScanner(strings.NewReader(n.log.String()))
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	keyAttr := regexp.MustCompile(`\bapi_key=(\S+)`)
	for sc.Scan() {
		if m := keyAttr.FindStringSubmatch(sc.Text()); m != nil {
			keys = append(keys, m[1])
		}
	}
	return keys
}

// createdUser is the JSON that `punchclock users create --json` prints.
type createdUser struct {
	UserID      string `json:"userId"`
	WorkspaceID string `json:"workspaceId"`
	APIKey      string `json:"apiKey"`
}

var hexID = regexp.MustCompile(`^[0-9a-f]{24}$`)

// createUser runs `punchclock users create ... --json` and decodes its
// output strictly: one JSON object with exactly the three known fields.
func createUser(t *testing.T, dsn string, args ...string) createdUser {
	t.Helper()
	full := append([]string{"users", "create", "--db", dsn}, args...)
	full = append(full, "--json")
	cmd := exec.Command(binary(t), full...)
	cmd.Env = append(os.Environ(), "PUNCHCLOCK_DB=")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("punchclock %s: %v\nstderr: %s", strings.Join(full, " "), err, stderr.String())
	}

	dec := json.NewDecoder(bytes.NewReader(stdout.Bytes()))
	dec.DisallowUnknownFields()
	var out createdUser
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("users create printed %q, not the expected JSON object: %v", stdout.String(), err)
	}
	if dec.More() {
		t.Fatalf("users create printed more than one JSON value: %q", stdout.String())
	}
	if !hexID.MatchString(out.UserID) {
		t.Errorf("users create: userId %q is not a 24-digit hex id", out.UserID)
	}
	if !hexID.MatchString(out.WorkspaceID) {
		t.Errorf("users create: workspaceId %q is not a 24-digit hex id", out.WorkspaceID)
	}
	if len(out.APIKey) < 32 {
		t.Errorf("users create: apiKey %q is shorter than 32 characters", out.APIKey)
	}
	return out
}

// client is shared by every request, with enough idle connections for the
// concurrent bursts below.
var client = &http.Client{
	Timeout:   30 * time.Second,
	Transport: &http.Transport{MaxIdleConnsPerHost: 128},
}

// response is one received response with its body read.
type response struct {
	Status int
	Body   []byte
}

// call sends one request with the API key and a JSON body (nil for none).
// It returns an error instead of failing the test, so that goroutines may
// call it.
func call(ctx context.Context, method, url, key string, body any) (response, error) {
	var reader io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			return response{}, fmt.Errorf("encoding the body of %s %s: %w", method, url, err)
		}
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, reader)
	if err != nil {
		return response{}, err
	}
	req.Header.Set("X-Api-Key", key)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return response{}, fmt.Errorf("reading the response to %s %s: %w", method, url, err)
	}
	return response{Status: resp.StatusCode, Body: raw}, nil
}

// mustCall sends one request and fails the test unless the status is want.
// It returns the decoded JSON body.
func mustCall(t *testing.T, method, url, key string, body any, want int) any {
	t.Helper()
	resp, err := call(context.Background(), method, url, key, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	if resp.Status != want {
		t.Fatalf("%s %s: status %d, want %d; body: %s", method, url, resp.Status, want, resp.Body)
	}
	var v any
	if len(resp.Body) > 0 {
		if err := json.Unmarshal(resp.Body, &v); err != nil {
			t.Fatalf("%s %s: body %q is not JSON: %v", method, url, resp.Body, err)
		}
	}
	return v
}

// field returns the string or number at key of a decoded JSON object, as text.
func field(v any, key string) string {
	obj, ok := v.(map[string]any)
	if !ok {
		return ""
	}
	switch x := obj[key].(type) {
	case string:
		return x
	case float64:
		return fmt.Sprint(x)
	case nil:
		return ""
	default:
		raw, _ := json.Marshal(x)
		return string(raw)
	}
}
