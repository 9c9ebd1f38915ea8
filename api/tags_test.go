package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

const tagsPath = "/v1/workspaces/{ws}/tags"

func TestTagLifecycle(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		apitest.Run(t, env, []apitest.Case{
			{Name: "create", Method: "POST", Path: tagsPath, Body: map[string]any{"name": "  Urgent "},
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Store(env, "tag", "id"),
					apitest.Equal("name", "Urgent"),
					apitest.Equal("workspaceId", env.Owner.WorkspaceID),
					apitest.Equal("archived", false),
				}},
			{Name: "create taken name in other case", Method: "POST", Path: tagsPath, Body: map[string]any{"name": "URGENT"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{
					apitest.ErrorBody(501),
					apitest.Equal("message", "Tag with name 'URGENT' already exists"),
				}},
			{Name: "create blank name", Method: "POST", Path: tagsPath, Body: map[string]any{"name": "  "},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "create without body", Method: "POST", Path: tagsPath,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "create name too long", Method: "POST", Path: tagsPath, Body: map[string]any{"name": strings.Repeat("x", 101)},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "create malformed JSON", Method: "POST", Path: tagsPath, Body: `{"name":`,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3002)}},
			{Name: "create name of wrong type", Method: "POST", Path: tagsPath, Body: `{"name":5}`,
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3002)}},
			{Name: "get", Method: "GET", Path: tagsPath + "/{tag}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("id", "{tag}"),
				apitest.Equal("name", "Urgent"),
				apitest.Equal("archived", false),
			}},
			{Name: "get unknown id", Method: "GET", Path: tagsPath + "/0123456789abcdef01234567",
				Status: http.StatusBadRequest, Checks: []apitest.Check{
					apitest.ErrorBody(501),
					apitest.Equal("message", "Tag doesn't belong to Workspace"),
				}},
			{Name: "get malformed id", Method: "GET", Path: tagsPath + "/nope",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "archive and rename", Method: "PUT", Path: tagsPath + "/{tag}", Body: map[string]any{"name": "Later", "archived": true},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("name", "Later"),
					apitest.Equal("archived", true),
				}},
			{Name: "PUT without archived un-archives", Method: "PUT", Path: tagsPath + "/{tag}", Body: map[string]any{"name": "Later"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("archived", false)}},
			{Name: "PUT without name keeps it", Method: "PUT", Path: tagsPath + "/{tag}", Body: map[string]any{"archived": true},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("name", "Later"),
					apitest.Equal("archived", true),
				}},
			{Name: "PUT blank name", Method: "PUT", Path: tagsPath + "/{tag}", Body: map[string]any{"name": ""},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "create second", Method: "POST", Path: tagsPath, Body: map[string]any{"name": "Other"},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Store(env, "other", "id")}},
			{Name: "PUT to taken name", Method: "PUT", Path: tagsPath + "/{other}", Body: map[string]any{"name": "later"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{
					apitest.ErrorBody(501),
					apitest.Equal("message", "Tag with name 'later' already exists"),
				}},
			{Name: "PUT unknown id", Method: "PUT", Path: tagsPath + "/0123456789abcdef01234567", Body: map[string]any{"name": "x"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Equal("message", "Tag doesn't belong to Workspace")}},
			{Name: "delete active tag", Method: "DELETE", Path: tagsPath + "/{other}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("id", "{other}"),
				apitest.Equal("name", "Other"),
				apitest.Equal("archived", false),
			}},
			{Name: "get deleted", Method: "GET", Path: tagsPath + "/{other}",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "delete deleted", Method: "DELETE", Path: tagsPath + "/{other}",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "deleted name is free again", Method: "POST", Path: tagsPath, Body: map[string]any{"name": "Other"},
				Status: http.StatusCreated},
			{Name: "delete archived tag", Method: "DELETE", Path: tagsPath + "/{tag}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("name", "Later"),
				apitest.Equal("archived", true),
			}},
		})
	})
}

func TestTagListFilters(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		for _, name := range []string{"beta", "Alpha", "alphabet", "gamma_1", "gammaX1"} {
			tag := env.MustDo(t, "POST", tagsPath, "", map[string]any{"name": name}, http.StatusCreated)
			env.Vars[name] = apitest.Str(t, tag, "id")
		}
		env.MustDo(t, "PUT", tagsPath+"/{beta}", "", map[string]any{"name": "beta", "archived": true}, http.StatusOK)

		apitest.Run(t, env, []apitest.Case{
			{Name: "archived absent lists both", Method: "GET", Path: tagsPath, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 5),
				apitest.HeaderIs("Last-Page", "true"),
				apitest.Equal("0.name", "Alpha"),
				apitest.Equal("1.name", "alphabet"),
				apitest.Equal("2.name", "beta"),
			}},
			{Name: "archived true", Method: "GET", Path: tagsPath + "?archived=true", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 1),
				apitest.Equal("0.name", "beta"),
			}},
			{Name: "archived 0", Method: "GET", Path: tagsPath + "?archived=0", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 4),
			}},
			{Name: "name substring ignores case", Method: "GET", Path: tagsPath + "?name=ALPHA", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 2),
			}},
			{Name: "name wildcard is literal", Method: "GET", Path: tagsPath + "?name=a_1", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 1),
				apitest.Equal("0.name", "gamma_1"),
			}},
			{Name: "strict name", Method: "GET", Path: tagsPath + "?name=alpha&strict-name-search=true", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 1),
				apitest.Equal("0.name", "Alpha"),
			}},
			{Name: "strict name without match", Method: "GET", Path: tagsPath + "?name=alph&strict-name-search=1", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 0),
			}},
			{Name: "excluded ids repeated", Method: "GET", Path: tagsPath + "?excluded-ids={Alpha}&excluded-ids={beta}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 3),
				apitest.Equal("0.name", "alphabet"),
			}},
			{Name: "excluded ids joined", Method: "GET", Path: tagsPath + "?excluded-ids={Alpha},{alphabet},{beta}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 2),
				apitest.Equal("0.name", "gamma_1"),
			}},
			{Name: "sort by name descending", Method: "GET", Path: tagsPath + "?sort-column=NAME&sort-order=DESCENDING", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("0.name", "gammaX1"),
				apitest.Equal("4.name", "Alpha"),
			}},
			{Name: "sort by id", Method: "GET", Path: tagsPath + "?sort-column=id&archived=false&name=gamma", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 2),
				sortedByID(""),
			}},
			{Name: "filters combine", Method: "GET", Path: tagsPath + "?name=a&archived=false&excluded-ids={gammaX1}&page-size=2", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 2),
				apitest.HeaderIs("Last-Page", "false"),
				apitest.Equal("0.name", "Alpha"),
				apitest.Equal("1.name", "alphabet"),
			}},
			{Name: "bad sort column", Method: "GET", Path: tagsPath + "?sort-column=COLOR",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000)}},
			{Name: "bad archived", Method: "GET", Path: tagsPath + "?archived=maybe",
				Status: http.StatusBadRequest, Checks: []apitest.Check{
					apitest.ErrorBody(3000),
					apitest.Contains("message", "maybe"),
				}},
			{Name: "bad strict name search", Method: "GET", Path: tagsPath + "?strict-name-search=maybe",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000)}},
		})
		apitest.Run(t, env, listParamErrorCases(tagsPath))
	})
}

// listParamErrorCases returns the requests with a bad sort order or page that
// every list at path must reject with 400 and code 3000.
func listParamErrorCases(path string) []apitest.Case {
	bad := []struct{ name, query string }{
		{"bad sort order", "?sort-order=UP"},
		{"page size 0", "?page-size=0"},
		{"page size 5001", "?page-size=5001"},
		{"page size abc", "?page-size=abc"},
		{"page 0", "?page=0"},
		{"page -1", "?page=-1"},
	}
	cases := make([]apitest.Case, len(bad))
	for i, b := range bad {
		cases[i] = apitest.Case{Name: b.name, Method: "GET", Path: path + b.query,
			Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(3000)}}
	}
	return cases
}

// sortedByID checks that the array at path is in ascending order of id.
func sortedByID(path string) apitest.Check {
	return func(t testing.TB, r *apitest.Response) {
		t.Helper()
		list, _ := apitest.Lookup(r.JSON(t), path)
		items, _ := list.([]any)
		for i := 1; i < len(items); i++ {
			prev := apitest.Str(t, items[i-1], "id")
			next := apitest.Str(t, items[i], "id")
			if prev >= next {
				t.Errorf("%s: ids out of order at %d: %s before %s", r.Path, i, prev, next)
			}
		}
	}
}

// TestTagPagination follows a client that pages through 51 tags with the
// default page size of 50.
func TestTagPagination(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		for i := 1; i <= 51; i++ {
			env.MustDo(t, "POST", tagsPath, "", map[string]any{"name": fmt.Sprintf("tag %02d", i)}, http.StatusCreated)
		}

		apitest.Run(t, env, []apitest.Case{
			{Name: "page 1", Method: "GET", Path: tagsPath, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 50),
				apitest.HeaderIs("Last-Page", "false"),
				apitest.Equal("0.name", "tag 01"),
				apitest.Equal("49.name", "tag 50"),
			}},
			{Name: "page 2", Method: "GET", Path: tagsPath + "?page=2", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 1),
				apitest.HeaderIs("Last-Page", "true"),
				apitest.Equal("0.name", "tag 51"),
			}},
			{Name: "page 3", Method: "GET", Path: tagsPath + "?page=3&page-size=50", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 0),
				apitest.HeaderIs("Last-Page", "true"),
			}},
			{Name: "page size 5000", Method: "GET", Path: tagsPath + "?page-size=5000", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 51),
				apitest.HeaderIs("Last-Page", "true"),
			}},
			{Name: "exact fit is the last page", Method: "GET", Path: tagsPath + "?page-size=51", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 51),
				apitest.HeaderIs("Last-Page", "true"),
			}},
			{Name: "page size 10 page 6", Method: "GET", Path: tagsPath + "?page-size=10&page=6", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 1),
				apitest.Equal("0.name", "tag 51"),
			}},
		})
	})
}

func TestTagPermissionsAndTenancy(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		user := env.NewUser(t, "regular", domain.RoleUser, "")
		admin := env.NewUser(t, "admin", domain.RoleAdmin, "")
		env.Vars["user"], env.Vars["admin"] = user.Key, admin.Key
		other := env.MustDo(t, "POST", "/v1/workspaces", "", map[string]any{"name": "Elsewhere"}, http.StatusCreated)
		env.Vars["otherWs"] = apitest.Str(t, other, "id")

		apitest.Run(t, env, []apitest.Case{
			{Name: "member creates by default", Method: "POST", Path: tagsPath, Key: "{user}", Body: map[string]any{"name": "mine"},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Store(env, "mine", "id")}},
			{Name: "tag of another workspace", Method: "POST", Path: "/v1/workspaces/{otherWs}/tags", Body: map[string]any{"name": "mine"},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Store(env, "foreign", "id")}},
			{Name: "foreign tag is not found", Method: "GET", Path: tagsPath + "/{foreign}",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Equal("message", "Tag doesn't belong to Workspace")}},
			{Name: "foreign tag cannot be deleted", Method: "DELETE", Path: tagsPath + "/{foreign}",
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "lists stay per workspace", Method: "GET", Path: tagsPath, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("", 1),
				apitest.Equal("0.id", "{mine}"),
			}},
			{Name: "no key", Method: "GET", Path: tagsPath, Key: apitest.NoKey, Status: http.StatusUnauthorized},
			{Name: "non-member", Method: "GET", Path: "/v1/workspaces/{otherWs}/tags", Key: "{user}", Status: http.StatusForbidden},
		})

		restrictTags(t, env)
		apitest.Run(t, env, []apitest.Case{
			{Name: "member reads when restricted", Method: "GET", Path: tagsPath + "/{mine}", Key: "{user}", Status: http.StatusOK},
			{Name: "member cannot create when restricted", Method: "POST", Path: tagsPath, Key: "{user}", Body: map[string]any{"name": "x"},
				Status: http.StatusForbidden, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "member cannot update when restricted", Method: "PUT", Path: tagsPath + "/{mine}", Key: "{user}", Body: map[string]any{"name": "x"},
				Status: http.StatusForbidden},
			{Name: "member cannot delete when restricted", Method: "DELETE", Path: tagsPath + "/{mine}", Key: "{user}",
				Status: http.StatusForbidden},
			{Name: "admin creates when restricted", Method: "POST", Path: tagsPath, Key: "{admin}", Body: map[string]any{"name": "x"},
				Status: http.StatusCreated},
		})
	})
}

// restrictTags turns on the workspace setting that lets only admins manage tags.
func restrictTags(t *testing.T, env *apitest.Env) {
	t.Helper()
	ctx := context.Background()
	err := env.Store.Update(ctx, func(tx domain.Tx) error {
		w, err := tx.Workspace(ctx, env.Owner.WorkspaceID)
		if err != nil {
			return err
		}
		w.Settings.OnlyAdminsCreateTag = true
		return tx.UpdateWorkspace(ctx, w)
	})
	if err != nil {
		t.Fatalf("restricting tags to admins: %v", err)
	}
}
