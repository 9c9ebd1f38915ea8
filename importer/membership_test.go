package importer_test

import (
	"context"
	"testing"

	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/importer"
)

func TestImportAddsExistingUserAsMember(t *testing.T) {
	apitest.ForEachEngine(t, testImportAddsExistingUserAsMember)
}

// testImportAddsExistingUserAsMember imports entries of a user who owns
// another workspace and is not a member of the target one. The import makes
// the user an active regular member of the target, creates no user, and
// leaves the user's own workspace membership as it was.
func testImportAddsExistingUserAsMember(t *testing.T, env *apitest.Env) {
	ctx := context.Background()
	rita, err := env.Svc.CreateUser(ctx, domain.NewUser{Email: "rita@example.com", Name: "Rita", Role: domain.RoleOwner,
		WorkspaceName: "Rita's workspace"})
	if err != nil {
		t.Fatalf("creating a user in another workspace: %v", err)
	}
	if rita.WorkspaceID == env.Owner.WorkspaceID {
		t.Fatalf("rita was created in the target workspace")
	}

	text := "Project,Description,User,Email,Start Date,Start Time,End Date,End Time\n" +
		"Audit,Checks,Rita,RITA@example.com,2024-03-04,09:00,2024-03-04,10:00\n" +
		"Audit,More checks,Rita,rita@example.com,2024-03-05,09:00,2024-03-05,09:30\n"
	sum := mustImport(t, env, importer.ClockifyEntries, text, importer.Options{})
	if sum.Created.Users != 0 {
		t.Errorf("import created %d users, want 0 because rita exists", sum.Created.Users)
	}
	if sum.Created.Members != 1 {
		t.Errorf("import created %d memberships, want 1", sum.Created.Members)
	}
	if sum.Created.Entries != 2 {
		t.Errorf("import created %d entries, want 2", sum.Created.Entries)
	}

	var target, own domain.Member
	err = env.Store.View(ctx, func(tx domain.Tx) error {
		var err error
		if target, err = tx.Member(ctx, env.Owner.WorkspaceID, rita.UserID); err != nil {
			return err
		}
		own, err = tx.Member(ctx, rita.WorkspaceID, rita.UserID)
		return err
	})
	if err != nil {
		t.Fatalf("reading rita's memberships: %v", err)
	}
	if target.Role != domain.RoleUser {
		t.Errorf("role in the target workspace %s, want %s", target.Role, domain.RoleUser)
	}
	if target.Status != domain.MembershipActive {
		t.Errorf("status in the target workspace %s, want %s", target.Status, domain.MembershipActive)
	}
	if own.Role != domain.RoleOwner {
		t.Errorf("role in her own workspace %s, want %s", own.Role, domain.RoleOwner)
	}

	entries := storedEntries(t, env)
	if len(entries) != 2 {
		t.Fatalf("%d entries in the target workspace, want 2", len(entries))
	}
	for i, e := range entries {
		if e.UserID != rita.UserID {
			t.Errorf("entry %d belongs to user %s, want rita %s", i, e.UserID, rita.UserID)
		}
	}

	again := mustImport(t, env, importer.ClockifyEntries, text, importer.Options{})
	if again.Created.Members != 0 {
		t.Errorf("second import created %d memberships, want 0", again.Created.Members)
	}
}
