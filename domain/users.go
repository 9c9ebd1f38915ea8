package domain

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// NewUser describes an account to create from the command line.
type NewUser struct {
	Email         string
	Name          string
	WorkspaceID   string // join this workspace
	WorkspaceName string // or create a workspace with this name, owned by the user
	// Role is OWNER, ADMIN or USER, OWNER when the user creates the
	// workspace. TEAM_MANAGER and PROJECT_MANAGER make a USER who manages
	// the entities in Manages.
	Role Role
	// Manages names, for TEAM_MANAGER, the members and user groups the user
	// manages and, for PROJECT_MANAGER, the projects.
	Manages []string
	// TimeZone is an IANA name. Empty means UTC for a new user and no change
	// for an existing one, as an empty Name does.
	TimeZone string
}

// CreatedUser is the outcome of CreateUser: the API key is shown once and
// only its hash is stored.
type CreatedUser struct {
	UserID      string `json:"userId"`
	WorkspaceID string `json:"workspaceId"`
	APIKey      string `json:"apiKey"`
}

// CreateUser creates a user, or finds an existing one by email, makes it a
// member of a workspace and issues a new API key. With neither WorkspaceID nor
// WorkspaceName it joins the oldest workspace, or creates the first workspace
// with the user as owner when the database has none.
func (s *Service) CreateUser(ctx context.Context, in NewUser) (CreatedUser, error) {
	return s.createUser(ctx, in, false)
}

// createUser does the work of CreateUser. With firstOnly set it creates
// nothing, and returns a zero CreatedUser, unless the database has no users.
// It counts them in the same transaction as the insert, so that of several
// processes sharing one database only one creates the first user.
func (s *Service) createUser(ctx context.Context, in NewUser, firstOnly bool) (CreatedUser, error) {
	email := strings.TrimSpace(in.Email)
	if _, err := mail.ParseAddress(email); err != nil || !strings.Contains(email, "@") {
		return CreatedUser{}, Invalidf("Invalid email %q", in.Email)
	}
	for field, text := range map[string]string{"name": in.Name, "workspace name": in.WorkspaceName} {
		if !utf8.ValidString(text) || strings.ContainsRune(text, 0) {
			return CreatedUser{}, Invalidf("Invalid %s: it must be UTF-8 text without NUL characters", field)
		}
	}
	if _, err := time.LoadLocation(in.TimeZone); in.TimeZone == "Local" || (in.TimeZone != "" && err != nil) {
		return CreatedUser{}, Invalidf("Invalid time zone %q: use an IANA name such as Europe/Berlin", in.TimeZone)
	}
	switch in.Role {
	case "", RoleOwner, RoleAdmin, RoleUser:
		if len(in.Manages) > 0 {
			return CreatedUser{}, Invalidf("Role %s manages no entities: give them with TEAM_MANAGER or PROJECT_MANAGER", orUser(in.Role))
		}
	case RoleTeamManager, RoleProjectManager:
		if len(in.Manages) == 0 {
			return CreatedUser{}, Invalidf("Role %s needs the ids of the entities to manage", in.Role)
		}
	default:
		return CreatedUser{}, Invalidf("Invalid role %q: use OWNER, ADMIN, USER, TEAM_MANAGER or PROJECT_MANAGER", in.Role)
	}

	out := CreatedUser{APIKey: newAPIKey()}
	created := false
	err := s.store.Update(ctx, func(tx Tx) error {
		created = false
		if firstOnly {
			count, err := tx.CountUsers(ctx)
			if err != nil || count > 0 {
				return err
			}
		}
		now := tx.Now()
		u, err := tx.UserByEmail(ctx, email)
		switch {
		case errors.Is(err, ErrNotFound):
			u = User{ID: NewID(), Email: email, Name: in.Name, Status: UserActive,
				TimeZone: cmp.Or(in.TimeZone, "UTC"), WeekStart: "MONDAY", CreatedAt: now}
			if err := tx.CreateUser(ctx, u); err != nil {
				return err
			}
		case err != nil:
			return err
		case firstOnly:
			// Another process committed the first user after the count.
			return nil
		default:
			// An existing user takes the name and zone given, and one who was
			// only invited becomes a registered user with this key.
			u.Name, u.TimeZone = cmp.Or(in.Name, u.Name), cmp.Or(in.TimeZone, u.TimeZone)
			if u.Status == UserNotRegistered {
				u.Status = UserActive
			}
			if err := tx.UpdateUser(ctx, u); err != nil {
				return err
			}
		}

		ws, role, err := s.targetWorkspace(ctx, tx, in, u)
		if err != nil {
			return err
		}
		manager := role == RoleTeamManager || role == RoleProjectManager
		if manager {
			if ws.ID == "" {
				return Invalidf("Role %s needs an existing workspace to manage entities in", role)
			}
			role = RoleUser
		}
		if ws.ID == "" {
			ws = newWorkspace(in.WorkspaceName, now)
			if ws.Name == "" {
				ws.Name = firstWorkspaceName(u)
			}
			if err := tx.CreateWorkspace(ctx, ws); err != nil {
				return err
			}
			role = RoleOwner
		}
		if err := joinWorkspace(ctx, tx, u, ws.ID, role, MembershipActive); err != nil {
			return err
		}
		if manager {
			if err := grantManaged(ctx, tx, ws.ID, u.ID, in.Role, in.Manages); err != nil {
				return err
			}
		}
		if u.DefaultWorkspace == "" {
			u.DefaultWorkspace, u.ActiveWorkspace = ws.ID, ws.ID
			if err := tx.UpdateUser(ctx, u); err != nil {
				return err
			}
		}
		out.UserID, out.WorkspaceID = u.ID, ws.ID
		created = true
		return tx.CreateAPIKey(ctx, u.ID, HashAPIKey(out.APIKey))
	})
	if firstOnly && errors.Is(err, ErrConflict) {
		// Another process inserted the same email first, and the unique
		// index rejected this insert.
		return CreatedUser{}, nil
	}
	if err != nil {
		return CreatedUser{}, fmt.Errorf("create user %s: %w", email, err)
	}
	if !created {
		return CreatedUser{}, nil
	}
	return out, nil
}

// targetWorkspace picks the workspace that CreateUser joins. A zero Workspace
// means that a new one must be created.
func (s *Service) targetWorkspace(ctx context.Context, tx Tx, in NewUser, u User) (Workspace, Role, error) {
	role := in.Role
	switch {
	case in.WorkspaceID != "":
		ws, err := tx.Workspace(ctx, in.WorkspaceID)
		if errors.Is(err, ErrNotFound) {
			return Workspace{}, "", Invalidf("Workspace %s does not exist", in.WorkspaceID)
		}
		return ws, role, err
	case in.WorkspaceName != "":
		return Workspace{}, RoleOwner, nil
	}
	ws, err := tx.FirstWorkspace(ctx)
	if errors.Is(err, ErrNotFound) {
		return Workspace{}, RoleOwner, nil
	}
	return ws, role, err
}

// joinWorkspace makes u a member of the workspace. A new member gets role,
// or USER when role is empty. An existing member keeps its role unless role
// names another one, and becomes ACTIVE whatever status is passed. A workspace has exactly one owner, so the owner's role
// cannot change and no second member can become OWNER.
func joinWorkspace(ctx context.Context, tx Tx, u User, workspaceID string, role Role, status string) error {
	m, err := tx.Member(ctx, workspaceID, u.ID)
	switch {
	case errors.Is(err, ErrNotFound):
		if role == "" {
			role = RoleUser
		}
		if role == RoleOwner {
			if err := requireNoOwner(ctx, tx, workspaceID); err != nil {
				return err
			}
		}
		return tx.CreateMember(ctx, Member{WorkspaceID: workspaceID, UserID: u.ID, Role: role,
			Status: status, CreatedAt: tx.Now()})
	case err != nil:
		return err
	}
	if role != "" && role != m.Role {
		if m.Role == RoleOwner {
			return Invalidf("User %s owns workspace %s, so its role cannot change to %s", u.Email, workspaceID, role)
		}
		if role == RoleOwner {
			if err := requireNoOwner(ctx, tx, workspaceID); err != nil {
				return err
			}
		}
		m.Role = role
	}
	m.Status = MembershipActive
	return tx.UpdateMember(ctx, m)
}

// requireNoOwner rejects a second owner for a workspace.
func requireNoOwner(ctx context.Context, tx Tx, workspaceID string) error {
	members, err := tx.Members(ctx, workspaceID, MemberFilter{SortColumn: "ID", Page: Page{Number: 1, Size: 1 << 30}})
	if err != nil {
		return err
	}
	for _, m := range members {
		if m.Role == RoleOwner {
			return Invalidf("Workspace %s already has an owner (%s), and a workspace has only one", workspaceID, m.User.Email)
		}
	}
	return nil
}

func newWorkspace(name string, now time.Time) Workspace {
	return Workspace{ID: NewID(), Name: name, Currency: "USD",
		HourlyRate: Rate{Currency: "USD"}, Settings: DefaultWorkspaceSettings(), CreatedAt: now}
}

func firstWorkspaceName(u User) string {
	if u.Name != "" {
		return u.Name + "'s workspace"
	}
	return "My workspace"
}

// Bootstrap creates the first workspace and its owner when the database has
// no users, and returns the owner's API key. On a database with users, or
// when another process sharing the database creates the owner first, it
// returns a zero CreatedUser.
func (s *Service) Bootstrap(ctx context.Context) (CreatedUser, error) {
	return s.createUser(ctx, NewUser{Email: "owner@punchclock.local", Name: "Owner",
		WorkspaceName: "Punchclock", Role: RoleOwner}, true)
}

// orUser names a role for a message, USER when it is empty.
func orUser(r Role) Role {
	return cmp.Or(r, RoleUser)
}

// grantManaged gives the member userID the manager role on each entity: a
// member or user group of the workspace for TEAM_MANAGER, a project for
// PROJECT_MANAGER.
func grantManaged(ctx context.Context, tx Tx, workspaceID, userID string, role Role, entityIDs []string) error {
	for _, id := range entityIDs {
		g := RoleGrant{WorkspaceID: workspaceID, UserID: userID, Role: role, EntityID: strings.TrimSpace(id)}
		switch {
		case role == RoleProjectManager:
			if _, err := getProject(ctx, tx, workspaceID, g.EntityID); err != nil {
				return err
			}
		case g.EntityID == userID:
			return Invalidf("A user cannot be their own team manager")
		default:
			if _, err := workspaceMember(ctx, tx, workspaceID, g.EntityID); err != nil {
				if _, gerr := getUserGroup(ctx, tx, workspaceID, g.EntityID); gerr != nil {
					return Invalidf("%s names no member or user group of workspace %s", clip(g.EntityID), workspaceID)
				}
				g.SourceType = SourceUserGroup
			}
		}
		if err := tx.CreateRole(ctx, g); err != nil {
			return err
		}
	}
	return nil
}
