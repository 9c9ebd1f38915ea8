package api_test

import (
	"context"
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

var placeholderPattern = regexp.MustCompile(`\{([a-zA-Z]+)\}`)

// objectPlaceholders returns the placeholders of a row that name objects of
// a tenant, in the order they first appear.
func objectPlaceholders(t *testing.T, tn *tenant, row authzRow) []string {
	text := row.Path
	if row.Body != nil {
		data, err := json.Marshal(row.Body)
		if err != nil {
			t.Fatalf("encoding body: %v", err)
		}
		text += " " + string(data)
	}
	var out []string
	for _, m := range placeholderPattern.FindAllStringSubmatch(text, -1) {
		name := m[1]
		switch name {
		case "ws", "n", "marker":
			continue
		}
		if _, ok := tn.vars[name]; ok && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// newHexID returns an id that names nothing.
func newHexID() string { return domain.NewID() }

// TestTenantIsolation calls every workspace route of one tenant with each
// object id of another tenant, and with the other tenant's key. No call
// succeeds (except lists whose ids only filter), no body shows the other
// tenant's data, a foreign id gets the same response as an unknown one, and
// the database is unchanged afterwards.
func TestTenantIsolation(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		a := newTenant(t, env, env.Owner)
		out, err := env.Svc.CreateUser(context.Background(), domain.NewUser{Email: "owner-b-" + randomTag() + "@example.com",
			Name: "Owner B", WorkspaceName: "Workspace B"})
		if err != nil {
			t.Fatalf("creating the second workspace: %v", err)
		}
		b := newTenant(t, env, apitest.Account{UserID: out.UserID, WorkspaceID: out.WorkspaceID, Key: out.APIKey})
		before := env.Dump(t)

		for _, row := range authzRows() {
			if !strings.Contains(row.Path, "{ws}") {
				continue // routes outside any workspace
			}
			method, _, _ := strings.Cut(row.Route, " ")
			t.Run(row.Route, func(t *testing.T) {
				for _, name := range objectPlaceholders(t, a, row) {
					a.vars["n"] = randomTag()
					saved := a.vars[name]

					a.vars[name] = b.vars[name]
					foreign := a.do(t, method, row.Path, a.keys["owner"], row.Body)
					a.vars[name] = newHexID()
					unknownID := a.vars[name]
					unknown := a.do(t, method, row.Path, a.keys["owner"], row.Body)
					a.vars[name] = saved

					if foreign.Status/100 == 2 && !row.Filter {
						t.Errorf("{%s} of the other workspace: status %d; body: %s", name, foreign.Status, foreign.Body)
					}
					for _, leak := range []string{b.vars["marker"], b.vars["ws"]} {
						if strings.Contains(string(foreign.Body), leak) {
							t.Errorf("{%s} of the other workspace: body shows %q: %s", name, leak, foreign.Body)
						}
					}
					got := strings.ReplaceAll(string(foreign.Body), b.vars[name], "ID")
					want := strings.ReplaceAll(string(unknown.Body), unknownID, "ID")
					if foreign.Status != unknown.Status || got != want {
						t.Errorf("{%s}: a foreign id gets %d %s, an unknown id %d %s", name, foreign.Status, got, unknown.Status, want)
					}
				}

				a.vars["n"] = randomTag()
				r := a.do(t, method, row.Path, b.keys["owner"], row.Body)
				if r.Status != denied {
					t.Errorf("key of the other workspace: status %d, want 403; body: %s", r.Status, r.Body)
				}
				if strings.Contains(string(r.Body), a.vars["marker"]) {
					t.Errorf("key of the other workspace: body shows its data: %s", r.Body)
				}
			})
		}

		if after := env.Dump(t); after != before {
			t.Errorf("the requests changed the database:\n%s", dumpDiff(before, after))
		}
	})
}

// filterProbes are list requests whose query names objects. Given another
// workspace's ids they return nothing, or fail.
var filterProbes = []string{
	w + "/projects?clients={client}",
	w + "/projects?users={worker}",
	w + "/users?project-id={project}",
	w + "/users?projectId={project}",
	w + "/user-groups?project-id={project}",
	w + "/user/{owner}/time-entries?project={project}",
	w + "/user/{owner}/time-entries?task={task}",
	w + "/user/{owner}/time-entries?tags={tag}",
}

// TestTenantIsolationFilters sends the list filters another workspace's ids.
func TestTenantIsolationFilters(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		a := newTenant(t, env, env.Owner)
		out, err := env.Svc.CreateUser(context.Background(), domain.NewUser{Email: "owner-b-" + randomTag() + "@example.com",
			Name: "Owner B", WorkspaceName: "Workspace B"})
		if err != nil {
			t.Fatalf("creating the second workspace: %v", err)
		}
		b := newTenant(t, env, apitest.Account{UserID: out.UserID, WorkspaceID: out.WorkspaceID, Key: out.APIKey})
		// The owner of A tracks on every object of A, so that a filter that
		// ignored the workspace would return A's rows as well.
		a.must(t, "POST", w+"/time-entries", authzEntry(map[string]any{"tagIds": []string{"{tag}"}}), 201)
		for _, probe := range filterProbes {
			path := probe
			for _, name := range []string{"client", "worker", "project", "task", "tag"} {
				path = strings.ReplaceAll(path, "{"+name+"}", b.vars[name])
			}
			r := a.do(t, "GET", path, a.keys["owner"], nil)
			switch {
			case r.Status/100 == 2 && strings.TrimSpace(string(r.Body)) != "[]":
				t.Errorf("%s: status %d with rows: %s", probe, r.Status, r.Body)
			case r.Status/100 != 2 && r.Status != 400:
				t.Errorf("%s: status %d; body: %s", probe, r.Status, r.Body)
			}
			if strings.Contains(string(r.Body), b.vars["marker"]) {
				t.Errorf("%s: body shows the other workspace's data: %s", probe, r.Body)
			}
		}
	})
}

// dumpDiff lists the lines only one of two dumps has.
func dumpDiff(before, after string) string {
	count := func(s string) map[string]int {
		m := map[string]int{}
		for _, line := range strings.Split(s, "\n") {
			m[line]++
		}
		return m
	}
	b, a := count(before), count(after)
	var out []string
	for _, line := range slices.Sorted(maps.Keys(b)) {
		if b[line] > a[line] {
			out = append(out, "- "+line)
		}
	}
	for _, line := range slices.Sorted(maps.Keys(a)) {
		if a[line] > b[line] {
			out = append(out, "+ "+line)
		}
	}
	return strings.Join(out, "\n")
}
