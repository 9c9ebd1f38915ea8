package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
)

const profilePath = "/v1/workspaces/{ws}/member-profile/"

func TestMemberProfile(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		user := env.NewUser(t, "ada", domain.RoleUser, "")
		other := env.NewUser(t, "bob", domain.RoleUser, "")
		env.Vars["ada"], env.Vars["adaKey"], env.Vars["bob"] = user.UserID, user.Key, other.UserID
		env.Vars["owner"] = env.Owner.UserID
		bad := func(code int, msg string) []apitest.Check {
			return []apitest.Check{apitest.ErrorBody(code), apitest.Contains("message", msg)}
		}
		denied := []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "Only workspace admins")}
		apitest.Run(t, env, []apitest.Case{
			{Name: "defaults", Method: "GET", Path: profilePath + "{ada}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Contains("email", "ada-"),
				apitest.Equal("name", "ada"),
				apitest.Equal("imageUrl", ""),
				apitest.Equal("hasPassword", false),
				apitest.Equal("hasPendingApprovalRequest", false),
				apitest.Equal("weekStart", "MONDAY"),
				apitest.Equal("workCapacity", "PT8H"),
				apitest.Equal("workingDays", []string{"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}),
				apitest.Equal("workspaceNumber", 1),
				apitest.Equal("userCustomFieldValues", []any{}),
			}},
			{Name: "own profile", Method: "GET", Path: profilePath + "{ada}", Key: "{adaKey}", Status: http.StatusOK},
			{Name: "another member's profile", Method: "GET", Path: profilePath + "{bob}", Key: "{adaKey}", Status: http.StatusForbidden,
				Checks: []apitest.Check{apitest.Equal("message", "Access Denied")}},
			{Name: "unknown member", Method: "GET", Path: profilePath + "0123456789abcdef01234567", Status: http.StatusBadRequest,
				Checks: bad(501, "User doesn't belong to Workspace")},
			{Name: "malformed id", Method: "GET", Path: profilePath + "nope", Status: http.StatusBadRequest,
				Checks: bad(501, "User doesn't belong to Workspace")},
			{Name: "PUT is not routed", Method: "PUT", Path: profilePath + "{ada}", Body: map[string]any{}, Status: http.StatusMethodNotAllowed},

			{Name: "admin sets the schedule", Method: "PATCH", Path: profilePath + "{ada}", Body: map[string]any{
				"workCapacity": "PT7H30M", "workingDays": []string{"FRIDAY", "monday", "MONDAY"}, "weekStart": "SUNDAY"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("workCapacity", "PT7H30M"),
					apitest.Equal("workingDays", []string{"MONDAY", "FRIDAY"}),
					apitest.Equal("weekStart", "SUNDAY"),
				}},
			{Name: "week start shows in user settings", Method: "GET", Path: "/v1/user", Key: "{adaKey}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("settings.weekStart", "SUNDAY")}},
			{Name: "working days as a JSON string", Method: "PATCH", Path: profilePath + "{ada}", Body: map[string]any{
				"workingDays": `["TUESDAY","WEDNESDAY"]`}, Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("workingDays", []string{"TUESDAY", "WEDNESDAY"}),
				apitest.Equal("workCapacity", "PT7H30M"),
			}},
			{Name: "empty body changes nothing", Method: "PATCH", Path: profilePath + "{ada}", Body: map[string]any{}, Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("workingDays", []string{"TUESDAY", "WEDNESDAY"})}},
			{Name: "capacity in milliseconds", Method: "PATCH", Path: profilePath + "{ada}", Body: map[string]any{"workCapacity": "21600000"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("workCapacity", "PT6H")}},
			{Name: "capacity over a day", Method: "PATCH", Path: profilePath + "{ada}", Body: map[string]any{"workCapacity": "PT25H"},
				Status: http.StatusBadRequest, Checks: bad(501, "PT24H")},
			{Name: "capacity not a duration", Method: "PATCH", Path: profilePath + "{ada}", Body: map[string]any{"workCapacity": "seven"},
				Status: http.StatusBadRequest, Checks: bad(3002, "workCapacity")},
			{Name: "unknown working day", Method: "PATCH", Path: profilePath + "{ada}", Body: map[string]any{"workingDays": []string{"FUNDAY"}},
				Status: http.StatusBadRequest, Checks: bad(3002, "FUNDAY")},
			{Name: "working days of wrong type", Method: "PATCH", Path: profilePath + "{ada}", Body: map[string]any{"workingDays": 5},
				Status: http.StatusBadRequest, Checks: bad(3002, "workingDays")},
			{Name: "unknown week start", Method: "PATCH", Path: profilePath + "{ada}", Body: map[string]any{"weekStart": "MONDAYS"},
				Status: http.StatusBadRequest, Checks: bad(3002, "weekStart")},
			{Name: "no working days", Method: "PATCH", Path: profilePath + "{bob}", Body: map[string]any{"workingDays": []string{}},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("workingDays", []any{})}},

			{Name: "member changes own capacity", Method: "PATCH", Path: profilePath + "{ada}", Key: "{adaKey}",
				Body: map[string]any{"workCapacity": "PT4H"}, Status: http.StatusForbidden, Checks: denied},
			{Name: "member changes own working days", Method: "PATCH", Path: profilePath + "{ada}", Key: "{adaKey}",
				Body: map[string]any{"workingDays": []string{"MONDAY"}}, Status: http.StatusForbidden, Checks: denied},
			{Name: "member sends own schedule unchanged", Method: "PATCH", Path: profilePath + "{ada}", Key: "{adaKey}",
				Body:   map[string]any{"workCapacity": "PT6H", "workingDays": []string{"WEDNESDAY", "TUESDAY"}, "weekStart": "MONDAY"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("weekStart", "MONDAY")}},
			{Name: "member renames self", Method: "PATCH", Path: profilePath + "{ada}", Key: "{adaKey}",
				Body:   map[string]any{"name": " Ada L ", "imageUrl": "https://example.com/ada.png"},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Equal("name", "Ada L"),
					apitest.Equal("imageUrl", "https://example.com/ada.png"),
				}},
			{Name: "new name shows in the member list", Method: "GET", Path: "/v1/workspaces/{ws}/users?name=Ada%20L", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Len("", 1), apitest.Equal("0.profilePicture", "https://example.com/ada.png")}},
			{Name: "remove image", Method: "PATCH", Path: profilePath + "{ada}", Key: "{adaKey}", Body: map[string]any{"removeProfileImage": true},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Equal("imageUrl", "")}},
			{Name: "blank name", Method: "PATCH", Path: profilePath + "{ada}", Body: map[string]any{"name": "  "},
				Status: http.StatusBadRequest, Checks: bad(501, "name")},
			{Name: "image not a URL", Method: "PATCH", Path: profilePath + "{ada}", Body: map[string]any{"imageUrl": "ada.png"},
				Status: http.StatusBadRequest, Checks: bad(501, "imageUrl")},
			{Name: "member patches another", Method: "PATCH", Path: profilePath + "{bob}", Key: "{adaKey}",
				Body: map[string]any{"weekStart": "MONDAY"}, Status: http.StatusForbidden,
				Checks: []apitest.Check{apitest.Equal("message", "Access Denied")}},
		})

		// Reports read the capacity from the domain, with defaults for
		// members without a stored profile.
		ctx := context.Background()
		a, err := env.Svc.AuthenticateIn(ctx, env.Owner.Key, env.Owner.WorkspaceID)
		if err != nil {
			t.Fatal(err)
		}
		caps, err := env.Svc.Capacities(ctx, a, []string{user.UserID, other.UserID, env.Owner.UserID})
		if err != nil {
			t.Fatal(err)
		}
		if got := caps[user.UserID]; got.PerDay != 6*time.Hour || got.On(time.Tuesday) != 6*time.Hour || got.On(time.Monday) != 0 {
			t.Errorf("capacity of ada = %+v, want 6h on Tuesdays and nothing on Mondays", got)
		}
		if got := caps[other.UserID]; len(got.WorkingDays) != 0 || got.On(time.Monday) != 0 {
			t.Errorf("capacity of bob = %+v, want no working days", got)
		}
		if got := caps[env.Owner.UserID]; got.PerDay != 8*time.Hour || got.On(time.Friday) != 8*time.Hour || got.On(time.Saturday) != 0 {
			t.Errorf("capacity of the owner = %+v, want the defaults", got)
		}
	})
}

// User custom fields take values per member, shown in the member list and
// the member profile, with the field's default for members without one.
func TestUserFieldValues(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		user := env.NewUser(t, "ada", domain.RoleUser, "")
		other := env.NewUser(t, "bob", domain.RoleUser, "")
		env.Vars["ada"], env.Vars["adaKey"], env.Vars["bob"] = user.UserID, user.Key, other.UserID
		newField(t, env, "badge", map[string]any{"name": "Badge", "type": "NUMBER", "entityType": "USER", "status": "VISIBLE"})
		newField(t, env, "team", map[string]any{"name": "Team", "type": "DROPDOWN_SINGLE", "entityType": "USER", "status": "VISIBLE",
			"allowedValues": []string{"Red", "Blue"}, "workspaceDefaultValue": "Red", "onlyAdminCanEdit": true})
		newField(t, env, "old", map[string]any{"name": "Old", "type": "TXT", "entityType": "USER"})
		newField(t, env, "entryField", map[string]any{"name": "Entry only", "type": "TXT", "status": "VISIBLE"})
		value := func(userID, fieldID string) string {
			return "/v1/workspaces/{ws}/users/" + userID + "/custom-field/" + fieldID + "/value"
		}
		adminOnly := []apitest.Check{apitest.ErrorBody(501), apitest.Equal("message", `Only workspace admins may change custom field "Team"`)}
		apitest.Run(t, env, []apitest.Case{
			{Name: "admin sets a value", Method: "PUT", Path: value("{ada}", "{badge}"), Body: map[string]any{"value": "1234"},
				Status: http.StatusCreated, Checks: []apitest.Check{
					apitest.Equal("customFieldId", "{badge}"),
					apitest.Equal("customFieldName", "Badge"),
					apitest.Equal("customFieldType", "NUMBER"),
					apitest.Equal("userId", "{ada}"),
					apitest.Equal("value", 1234),
				}},
			{Name: "invalid value", Method: "PUT", Path: value("{ada}", "{badge}"), Body: map[string]any{"value": "12a"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "Badge")}},
			{Name: "inactive field", Method: "PUT", Path: value("{ada}", "{old}"), Body: map[string]any{"value": "x"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "inactive")}},
			{Name: "time entry field", Method: "PUT", Path: value("{ada}", "{entryField}"), Body: map[string]any{"value": "x"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "doesn't belong")}},
			{Name: "unknown field", Method: "PUT", Path: value("{ada}", "0123456789abcdef01234567"), Body: map[string]any{"value": "x"},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501)}},
			{Name: "unknown user", Method: "PUT", Path: value("0123456789abcdef01234567", "{badge}"), Body: map[string]any{"value": 1},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.Contains("message", "User doesn't belong")}},
			{Name: "member sets own value", Method: "PUT", Path: value("{ada}", "{badge}"), Key: "{adaKey}", Body: map[string]any{"value": 99},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Equal("value", 99)}},
			{Name: "member sets another's value", Method: "PUT", Path: value("{bob}", "{badge}"), Key: "{adaKey}", Body: map[string]any{"value": 1},
				Status: http.StatusForbidden, Checks: []apitest.Check{apitest.Equal("message", "Access Denied")}},
			{Name: "member sets admin-only value", Method: "PUT", Path: value("{ada}", "{team}"), Key: "{adaKey}", Body: map[string]any{"value": "Blue"},
				Status: http.StatusForbidden, Checks: adminOnly},
			{Name: "admin sets admin-only value", Method: "PUT", Path: value("{ada}", "{team}"), Body: map[string]any{"value": "Blue"},
				Status: http.StatusCreated},
			{Name: "admin clears a value", Method: "PUT", Path: value("{bob}", "{badge}"), Body: map[string]any{"value": nil},
				Status: http.StatusCreated, Checks: []apitest.Check{apitest.Equal("value", nil)}},
			{Name: "member list shows values and defaults", Method: "GET", Path: "/v1/workspaces/{ws}/users?sort-column=NAME", Status: http.StatusOK,
				Checks: []apitest.Check{
					apitest.Equal("0.name", "ada"),
					apitest.Len("0.customFields", 2),
					apitest.Equal("0.customFields.0.customFieldId", "{badge}"),
					apitest.Equal("0.customFields.0.customFieldName", "Badge"),
					apitest.Equal("0.customFields.0.customFieldType", "NUMBER"),
					apitest.Equal("0.customFields.0.userId", "{ada}"),
					apitest.Equal("0.customFields.0.value", 99),
					apitest.Equal("0.customFields.1.value", "Blue"),
					apitest.Equal("1.name", "bob"),
					apitest.Len("1.customFields", 1),
					apitest.Equal("1.customFields.0.value", "Red"),
				}},
			{Name: "member filter shows them too", Method: "POST", Path: "/v1/workspaces/{ws}/users/info", Body: map[string]any{"name": "ada"},
				Status: http.StatusOK, Checks: []apitest.Check{apitest.Len("0.customFields", 2)}},
			{Name: "profile shows sources", Method: "GET", Path: profilePath + "{bob}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Len("userCustomFieldValues", 1),
				apitest.Equal("userCustomFieldValues.0.customFieldId", "{team}"),
				apitest.Equal("userCustomFieldValues.0.name", "Team"),
				apitest.Equal("userCustomFieldValues.0.type", "DROPDOWN_SINGLE"),
				apitest.Equal("userCustomFieldValues.0.sourceType", "WORKSPACE"),
				apitest.Equal("userCustomFieldValues.0.userId", "{bob}"),
				apitest.Equal("userCustomFieldValues.0.value", "Red"),
				apitest.Equal("userCustomFieldValues.0.customField.id", "{team}"),
				apitest.Equal("userCustomFieldValues.0.customField.allowedValues", []string{"Red", "Blue"}),
			}},
			{Name: "profile patch sets values", Method: "PATCH", Path: profilePath + "{bob}", Body: map[string]any{
				"userCustomFields": []map[string]any{{"customFieldId": "{badge}", "value": 5}, {"customFieldId": "{team}", "value": "Blue"}}},
				Status: http.StatusOK, Checks: []apitest.Check{
					apitest.Len("userCustomFieldValues", 2),
					apitest.Equal("userCustomFieldValues.0.sourceType", "USER"),
					apitest.Equal("userCustomFieldValues.0.value", 5),
					apitest.Equal("userCustomFieldValues.1.value", "Blue"),
				}},
			{Name: "profile patch by member on admin-only field", Method: "PATCH", Path: profilePath + "{ada}", Key: "{adaKey}", Body: map[string]any{
				"userCustomFields": []map[string]any{{"customFieldId": "{badge}", "value": 7}, {"customFieldId": "{team}", "value": "Red"}}},
				Status: http.StatusForbidden, Checks: adminOnly},
			{Name: "refused patch changed nothing", Method: "GET", Path: profilePath + "{ada}", Key: "{adaKey}", Status: http.StatusOK, Checks: []apitest.Check{
				apitest.Equal("userCustomFieldValues.0.value", 99),
				apitest.Equal("userCustomFieldValues.1.value", "Blue"),
			}},
			{Name: "profile patch with missing field id", Method: "PATCH", Path: profilePath + "{ada}", Body: map[string]any{
				"userCustomFields": []map[string]any{{"value": 7}}},
				Status: http.StatusBadRequest, Checks: []apitest.Check{apitest.ErrorBody(501), apitest.Contains("message", "customFieldId")}},
		})
	})
}

// workspaceNumber counts the workspaces the user has joined, not those it
// is only invited to.
func TestMemberProfileWorkspaceNumber(t *testing.T) {
	apitest.ForEachEngine(t, func(t *testing.T, env *apitest.Env) {
		user := env.NewUser(t, "ada", domain.RoleUser, "")
		env.Vars["ada"] = user.UserID
		email := apitest.Str(t, env.MustDo(t, "GET", profilePath+"{ada}", "", nil, http.StatusOK), "email")
		other, err := env.Svc.CreateUser(context.Background(), domain.NewUser{Email: "other-owner@example.com", Name: "other", WorkspaceName: "Other"})
		if err != nil {
			t.Fatal(err)
		}
		env.Vars["other"], env.Vars["otherKey"] = other.WorkspaceID, other.APIKey
		env.MustDo(t, "POST", "/v1/workspaces/{other}/users", "{otherKey}", map[string]any{"email": email}, http.StatusOK)
		apitest.Run(t, env, []apitest.Case{
			{Name: "invitation not counted", Method: "GET", Path: profilePath + "{ada}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("workspaceNumber", 1)}},
		})
		if _, err := env.Svc.CreateUser(context.Background(), domain.NewUser{Email: email, WorkspaceID: other.WorkspaceID}); err != nil {
			t.Fatal(err)
		}
		apitest.Run(t, env, []apitest.Case{
			{Name: "joined workspace counted", Method: "GET", Path: profilePath + "{ada}", Status: http.StatusOK,
				Checks: []apitest.Check{apitest.Equal("workspaceNumber", 2)}},
		})
	})
}
