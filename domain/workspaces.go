package domain

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// WorkspaceView is a workspace with its member list, the shape Clockify
// returns for workspace reads and for member changes.
type WorkspaceView struct {
	Workspace Workspace
	Members   []Member
	// RatesHidden is set when the reader may not see rates: the view's
	// rates are cleared, and responses show null for them.
	RatesHidden bool
}

// RateKind selects the billable (hourly) or the cost rate.
type RateKind int

const (
	HourlyRate RateKind = iota + 1
	CostRate
)

// RateChange is a request to set a rate. The rate applies to the entries
// that start at or after Since (until the rate's next change), and those
// entries take the new rate at once. Without Since it applies to entries
// that start from the time of the request on, except on a create, where the
// rates of the new entity apply to all its entries.
type RateChange struct {
	Amount   int64
	Currency string
	Since    *time.Time
}

// MaxRateAmount is the largest rate accepted, in minor units per hour: a
// billion currency units. It keeps rate times duration (at most about 300
// years of seconds) inside int64.
const MaxRateAmount = 100_000_000_000

func (c RateChange) check() error {
	if c.Amount < 0 || c.Amount > MaxRateAmount {
		return Invalidf("amount must be from 0 to %d, got %d", int64(MaxRateAmount), c.Amount)
	}
	if c.Currency != "" && !isCurrencyCode(c.Currency) {
		return Invalidf("currency %q is not a three-letter ISO 4217 code such as USD", c.Currency)
	}
	return nil
}

// isCurrencyCode reports whether s has the shape of an ISO 4217 code.
func isCurrencyCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < 'a' || r > 'z') {
			return false
		}
	}
	return true
}

// Workspaces returns the workspaces the user belongs to, oldest first. With
// roles (OWNER, WORKSPACE_ADMIN, TEAM_MANAGER, PROJECT_MANAGER), it keeps the
// workspaces where the user has one of them. An owner matches only OWNER,
// not WORKSPACE_ADMIN.
func (s *Service) Workspaces(ctx context.Context, u User, roles []string) ([]WorkspaceView, error) {
	var out []WorkspaceView
	err := s.store.View(ctx, func(tx Tx) error {
		mine, err := tx.MembersOfUser(ctx, u.ID)
		if err != nil {
			return err
		}
		for _, m := range mine {
			if !m.Joined() {
				continue
			}
			if len(roles) > 0 {
				held, err := heldRoles(ctx, tx, m)
				if err != nil {
					return err
				}
				if !slices.ContainsFunc(roles, func(r string) bool { return slices.Contains(held, r) }) {
					continue
				}
			}
			v, err := workspaceView(ctx, tx, m.WorkspaceID)
			if err != nil {
				return err
			}
			Actor{User: u, Workspace: v.Workspace, Member: m}.redactWorkspace(&v)
			out = append(out, v)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list workspaces of %s: %w", u.ID, err)
	}
	return out, nil
}

// heldRoles names the roles the member holds in its workspace, as the roles
// filter of GET /workspaces spells them.
func heldRoles(ctx context.Context, tx Tx, m Member) ([]string, error) {
	held := []string{clockifyRole(m.Role)}
	grants, err := tx.RolesOf(ctx, m.WorkspaceID, m.UserID)
	for _, g := range grants {
		held = append(held, string(g.Role))
	}
	return held, err
}

// workspaceView reads a workspace with all its members.
func workspaceView(ctx context.Context, tx Tx, id string) (WorkspaceView, error) {
	w, err := tx.Workspace(ctx, id)
	if err != nil {
		return WorkspaceView{}, err
	}
	applyAutomaticLock(&w, tx.Now())
	members, err := tx.Members(ctx, id, MemberFilter{SortColumn: "ID", Page: Page{Number: 1, Size: 1 << 30}})
	if err != nil {
		return WorkspaceView{}, err
	}
	return WorkspaceView{Workspace: w, Members: members}, nil
}

// CreateWorkspace creates a workspace owned by u.
func (s *Service) CreateWorkspace(ctx context.Context, u User, name string) (WorkspaceView, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return WorkspaceView{}, Invalidf("name must not be blank")
	}
	if utf8.RuneCountInString(name) > 50 {
		return WorkspaceView{}, Invalidf("Workspace name %s is longer than 50 characters", clip(name))
	}
	var out WorkspaceView
	err := s.store.Update(ctx, func(tx Tx) error {
		w := newWorkspace(name, tx.Now())
		if err := tx.CreateWorkspace(ctx, w); err != nil {
			return err
		}
		if err := joinWorkspace(ctx, tx, u, w.ID, RoleOwner, MembershipActive); err != nil {
			return err
		}
		var err error
		out, err = workspaceView(ctx, tx, w.ID)
		return err
	})
	if err != nil {
		return WorkspaceView{}, fmt.Errorf("create workspace: %w", err)
	}
	return out, nil
}

// Workspace returns the actor's workspace with its members.
func (s *Service) Workspace(ctx context.Context, a Actor) (WorkspaceView, error) {
	var out WorkspaceView
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		out, err = workspaceView(ctx, tx, a.Workspace.ID)
		return err
	})
	if err != nil {
		return WorkspaceView{}, fmt.Errorf("get workspace %s: %w", a.Workspace.ID, err)
	}
	a.redactWorkspace(&out)
	return out, nil
}

// SetWorkspaceRate sets the workspace's default billable or cost rate. A
// currency, when given, becomes the workspace currency.
func (s *Service) SetWorkspaceRate(ctx context.Context, a Actor, kind RateKind, c RateChange) (WorkspaceView, error) {
	if err := a.Require(ManageWorkspace); err != nil {
		return WorkspaceView{}, err
	}
	if err := c.check(); err != nil {
		return WorkspaceView{}, err
	}
	var out WorkspaceView
	err := s.store.Update(ctx, func(tx Tx) error {
		w, err := tx.Workspace(ctx, a.Workspace.ID)
		if err != nil {
			return err
		}
		if c.Currency != "" {
			w.Currency = strings.ToUpper(c.Currency)
		}
		if kind == HourlyRate {
			w.HourlyRate = Rate{Amount: c.Amount, Currency: w.Currency}
		} else {
			w.CostRate = &Rate{Amount: c.Amount, Currency: w.Currency}
		}
		if err := tx.UpdateWorkspace(ctx, w); err != nil {
			return err
		}
		if err := recordChange(ctx, tx, w, RateRecord{Kind: kind, Level: LevelWorkspace}, &c, tx.Now()); err != nil {
			return err
		}
		out, err = workspaceView(ctx, tx, w.ID)
		return err
	})
	if err != nil {
		return WorkspaceView{}, fmt.Errorf("set rate of workspace %s: %w", a.Workspace.ID, err)
	}
	return out, nil
}

// Members returns one page of the workspace's members and whether it is the
// last page.
func (s *Service) Members(ctx context.Context, a Actor, f MemberFilter) ([]Member, bool, error) {
	if err := a.Require(SeeMembers); err != nil {
		return nil, false, err
	}
	var list []Member
	err := s.store.View(ctx, func(tx Tx) error {
		if err := requireProjectFilter(ctx, tx, a, f.ProjectID); err != nil {
			return err
		}
		var err error
		list, err = tx.Members(ctx, a.Workspace.ID, f)
		if err != nil {
			return err
		}
		ids := make([]string, len(list))
		for i, m := range list {
			ids[i] = m.UserID
		}
		values, err := userFieldViews(ctx, tx, a.Workspace.ID, ids)
		if err != nil {
			return err
		}
		for i := range list {
			list[i].CustomFields = values[list[i].UserID]
		}
		if err := memberDetails(ctx, tx, a.Workspace, f, list); err != nil {
			return err
		}
		if !f.WithProjects {
			return nil
		}
		projects, err := tx.ProjectMembershipsOf(ctx, a.Workspace.ID, ids)
		for i := range list {
			list[i].Projects = projects[list[i].UserID]
		}
		return err
	})
	if err != nil {
		return nil, false, fmt.Errorf("list members of %s: %w", a.Workspace.ID, err)
	}
	a.redactMembers(list)
	page, last := Cut(list, f.Page)
	return page, last, nil
}

// AddMember invites a person by email. An unknown email gets a user with
// status NOT_REGISTERED. The membership starts PENDING, which gives no
// access, and stays so until CreateUser adds the person or SetMemberStatus
// activates it: with no invitation email, those stand in for accepting.
func (s *Service) AddMember(ctx context.Context, a Actor, email string) (WorkspaceView, error) {
	if err := a.Require(ManageWorkspace); err != nil {
		return WorkspaceView{}, err
	}
	email = strings.TrimSpace(email)
	if addr, err := mail.ParseAddress(email); err != nil || addr.Address != email {
		return WorkspaceView{}, Invalidf("email %q is not a valid email address", email)
	}
	var out WorkspaceView
	err := s.store.Update(ctx, func(tx Tx) error {
		u, err := tx.UserByEmail(ctx, email)
		if errors.Is(err, ErrNotFound) {
			u = User{ID: NewID(), Email: email, Status: UserNotRegistered, TimeZone: "UTC",
				WeekStart: "MONDAY", DefaultWorkspace: a.Workspace.ID, ActiveWorkspace: a.Workspace.ID, CreatedAt: tx.Now()}
			err = tx.CreateUser(ctx, u)
		}
		if err != nil {
			return err
		}
		_, err = tx.Member(ctx, a.Workspace.ID, u.ID)
		switch {
		case err == nil:
			return Invalidf("User with email %s is already a member of this workspace", email)
		case !errors.Is(err, ErrNotFound):
			return err
		}
		m := Member{WorkspaceID: a.Workspace.ID, UserID: u.ID, Role: RoleUser, Status: MembershipPending, CreatedAt: tx.Now()}
		if err := tx.CreateMember(ctx, m); err != nil {
			return err
		}
		out, err = workspaceView(ctx, tx, a.Workspace.ID)
		return err
	})
	if err != nil {
		return WorkspaceView{}, fmt.Errorf("add member to %s: %w", a.Workspace.ID, err)
	}
	return out, nil
}

// SetMemberStatus activates or deactivates a member if
// Actor.RequireStatusChange allows it, so the owner is never deactivated.
func (s *Service) SetMemberStatus(ctx context.Context, a Actor, userID, status string) (WorkspaceView, error) {
	if err := a.Require(ManageWorkspace); err != nil {
		return WorkspaceView{}, err
	}
	if status != MembershipActive && status != MembershipInactive {
		return WorkspaceView{}, Invalidf("status %q is not valid: use ACTIVE or INACTIVE", status)
	}
	return s.updateMember(ctx, a, userID, func(m *Member) error {
		if err := a.RequireStatusChange(*m, status); err != nil {
			return err
		}
		m.Status = status
		return nil
	})
}

// SetMemberRate sets a member's billable or cost rate in the workspace.
func (s *Service) SetMemberRate(ctx context.Context, a Actor, userID string, kind RateKind, c RateChange) (WorkspaceView, error) {
	if err := a.Require(ManageWorkspace); err != nil {
		return WorkspaceView{}, err
	}
	if err := c.check(); err != nil {
		return WorkspaceView{}, err
	}
	var out WorkspaceView
	err := s.store.Update(ctx, func(tx Tx) error {
		m, err := tx.Member(ctx, a.Workspace.ID, userID)
		if errors.Is(err, ErrNotFound) {
			return notBelong("User")
		}
		if err != nil {
			return err
		}
		r := &Rate{Amount: c.Amount, Currency: a.Workspace.Currency}
		if kind == HourlyRate {
			m.HourlyRate = r
		} else {
			m.CostRate = r
		}
		if err := tx.UpdateMember(ctx, m); err != nil {
			return err
		}
		rate := RateRecord{Kind: kind, Level: LevelMember, UserID: userID}
		if err := recordChange(ctx, tx, a.Workspace, rate, &c, tx.Now()); err != nil {
			return err
		}
		out, err = workspaceView(ctx, tx, a.Workspace.ID)
		return err
	})
	if err != nil {
		return WorkspaceView{}, fmt.Errorf("set rate of member %s of %s: %w", userID, a.Workspace.ID, err)
	}
	return out, nil
}

func (s *Service) updateMember(ctx context.Context, a Actor, userID string, change func(*Member) error) (WorkspaceView, error) {
	var out WorkspaceView
	err := s.store.Update(ctx, func(tx Tx) error {
		m, err := tx.Member(ctx, a.Workspace.ID, userID)
		if errors.Is(err, ErrNotFound) {
			return notBelong("User")
		}
		if err != nil {
			return err
		}
		if err := change(&m); err != nil {
			return err
		}
		if err := tx.UpdateMember(ctx, m); err != nil {
			return err
		}
		out, err = workspaceView(ctx, tx, a.Workspace.ID)
		return err
	})
	if err != nil {
		return WorkspaceView{}, fmt.Errorf("update member %s of %s: %w", userID, a.Workspace.ID, err)
	}
	return out, nil
}

// memberDetails fills the user groups and roles of the listed members when
// the filter requests them. The groups come from one read of all the
// workspace's groups, which are few.
//
// NOTE: roles are read member by member, two or more queries each, so a
// large page with includeRoles is slow.
func memberDetails(ctx context.Context, tx Tx, ws Workspace, f MemberFilter, list []Member) error {
	if f.WithGroups {
		groups, err := tx.UserGroups(ctx, ws.ID, UserGroupFilter{SortColumn: "ID", SortOrder: Ascending,
			Page: Page{Number: 1, Size: 1 << 30}})
		if err != nil {
			return err
		}
		byUser := map[string][]string{}
		for _, g := range groups {
			for _, userID := range g.UserIDs {
				byUser[userID] = append(byUser[userID], g.ID)
			}
		}
		for i := range list {
			list[i].GroupIDs = byUser[list[i].UserID]
		}
	}
	if !f.WithRoles {
		return nil
	}
	for i := range list {
		roles, err := memberRoles(ctx, tx, ws, list[i])
		if err != nil {
			return err
		}
		list[i].Roles = roles
	}
	return nil
}

// requireProjectFilter rejects a member list filtered by a project the
// actor may not see, so that the members of a private project stay hidden.
// An id that names no project of the workspace filters everyone out as
// before.
func requireProjectFilter(ctx context.Context, tx Tx, a Actor, projectID string) error {
	if projectID == "" || a.IsAdmin() || !ValidID(projectID) {
		return nil
	}
	p, err := tx.Project(ctx, a.Workspace.ID, projectID)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	return a.RequireProjectRead(p)
}
