package api_test

import (
	"bufio"
	"log/slog"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/punchclock/punchclock/api"
)

// specOperations is the number of operations in Clockify's OpenAPI document,
// each of which has a row in the first table of docs/compatibility.md.
const specOperations = 158

var (
	docRow     = regexp.MustCompile("^\\| ([^|]*) \\| (GET|POST|PUT|PATCH|DELETE) \\| `([^`]+)` \\| ([^|]*) \\| ([^|]*) \\|")
	pathParams = regexp.MustCompile(`\{[^}]+\}`)
)

// routeKey normalizes "METHOD /path/{name}" so that parameter names do not matter.
func routeKey(method, path string) string {
	return method + " " + pathParams.ReplaceAllString(path, "{}")
}

// TestCompatibilityDocument checks that docs/compatibility.md and the route
// table agree: every row marked served is routed, no row marked "not yet"
// is, and every routed API path has a row.
func TestCompatibilityDocument(t *testing.T) {
	f, err := os.Open("../docs/compatibility.md")
	if err != nil {
		t.Fatalf("opening the compatibility document: %v", err)
	}
	defer f.Close()

	routed := map[string]bool{}
	for _, p := range api.New(nil, slog.Default()).Patterns() {
		method, path, _ := strings.Cut(p, " ")
		if strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/report/") {
			routed[routeKey(method, path)] = true
		}
	}

	documented := map[string]bool{}
	specRows, section := 0, 0
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		line := scanner.Text()
		if strings.HasPrefix(line, "## ") {
			section++
		}
		m := docRow.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if section == 0 {
			specRows++
		}
		key, state := routeKey(m[2], m[3]), strings.TrimSpace(m[5])
		if documented[key] {
			t.Errorf("%s has more than one row", key)
		}
		documented[key] = true
		switch state {
		case "served", "served, differs":
			if !routed[key] {
				t.Errorf("%s is marked %q but has no route", key, state)
			}
		case "not yet":
			if routed[key] {
				t.Errorf("%s is routed but marked \"not yet\"", key)
			}
		default:
			t.Errorf("%s has unknown state %q", key, state)
		}
		if state == "served, differs" && strings.TrimSpace(strings.TrimSuffix(line[len(m[0]):], "|")) == "" {
			t.Errorf("%s is marked %q without a note saying how", key, state)
		}
	}
	if err := scanner.Err(); err != nil {
		t.Fatalf("reading the compatibility document: %v", err)
	}

	if specRows != specOperations {
		t.Errorf("the spec table has %d rows, want %d", specRows, specOperations)
	}
	for key := range routed {
		if !documented[key] {
			t.Errorf("%s is routed but has no row in docs/compatibility.md", key)
		}
	}
}
