package api_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/punchclock/punchclock/apitest"
)

func TestMetricsShowsProcessMemory(t *testing.T) {
	env := apitest.New(t, apitest.SQLite)
	resp, err := http.Get(env.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics: status %d, body %s", resp.StatusCode, body)
	}
	for _, name := range []string{"process_resident_memory_bytes ", "go_goroutines ", "go_memstats_heap_inuse_bytes "} {
		if !strings.Contains(string(body), "\n"+name) {
			t.Errorf("GET /metrics lacks %s", strings.TrimSpace(name))
		}
	}
}
