package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/iso8601"
)

// benchFields creates five visible time-entry custom fields, one of each
// type but LINK, with defaults on two of them and a project default on
// project, and returns their ids.
func benchFields(b *testing.B, env *apitest.Env, a domain.Actor, project string) []string {
	b.Helper()
	ctx := context.Background()
	visible := domain.FieldVisible
	choices := []string{"Ops", "Dev", "QA"}
	inputs := []domain.CustomFieldInput{
		{Name: "Ticket", Type: domain.FieldText},
		{Name: "Units", Type: domain.FieldNumber, DefaultValue: json.RawMessage(`1`)},
		{Name: "Paid", Type: domain.FieldCheckbox},
		{Name: "Team", Type: domain.FieldDropdownSingle, AllowedValues: &choices, DefaultValue: json.RawMessage(`"Ops"`)},
		{Name: "Areas", Type: domain.FieldDropdownMultiple, AllowedValues: &choices},
	}
	ids := make([]string, len(inputs))
	for i, in := range inputs {
		in.Status = &visible
		f, err := env.Svc.CreateCustomField(ctx, a, in)
		if err != nil {
			b.Fatalf("creating custom field %s: %v", in.Name, err)
		}
		ids[i] = f.ID
	}
	_, err := env.Svc.SetProjectCustomField(ctx, a, project, ids[3], domain.ProjectFieldInput{DefaultValue: json.RawMessage(`"Dev"`)})
	if err != nil {
		b.Fatalf("setting a project default: %v", err)
	}
	return ids
}

// BenchmarkCustomFieldEntries measures time entries in a workspace with
// five visible custom fields: "create" is POST /time-entries of a finished
// entry that sets two of them, and "list" is GET /user/{userId}/time-entries
// of a page of 50 such entries, each showing two values of its own and two
// defaults. Compare with CreateTimeEntry and ListUserEntries/plain.
func BenchmarkCustomFieldEntries(b *testing.B) {
	forEachEngine(b, func(b *testing.B, env *apitest.Env) {
		a := actor(b, env, env.Owner)
		project := createProjects(b, env, a, 1)[0]
		tag := createTags(b, env, a, 1)[0]
		fields := benchFields(b, env, a, project.ID)
		c := newBenchClient(b, env)
		ws := "/api/v1/workspaces/" + env.Owner.WorkspaceID
		body := func(i int) []byte {
			start := benchEpoch.Add(time.Duration(i) * time.Hour)
			return fmt.Appendf(nil, `{"start":%q,"end":%q,"projectId":%q,"tagIds":[%q],"customFields":[`+
				`{"customFieldId":%q,"value":"T-%d"},{"customFieldId":%q,"value":["Dev","QA"]}]}`,
				iso8601.FormatInstant(start), iso8601.FormatInstant(start.Add(30*time.Minute)), project.ID, tag,
				fields[0], i, fields[4])
		}

		b.Run("create", func(b *testing.B) {
			b.ReportAllocs()
			b.ResetTimer()

			for i := range b.N {
				c.mustSend(b, http.MethodPost, ws+"/time-entries", env.Owner.Key, body(i), http.StatusCreated)
			}

			b.StopTimer()
			reportHealthzRatio(b, env.Engine)
		})

		user := env.NewUser(b, "listed", domain.RoleUser, "")
		for i := range 50 {
			c.mustSend(b, http.MethodPost, ws+"/user/"+user.UserID+"/time-entries", env.Owner.Key, body(i), http.StatusCreated)
		}
		runGets(b, env, c, []getCase{{"list", ws + "/user/" + user.UserID + "/time-entries?page-size=" + strconv.Itoa(50)}})
	})
}
