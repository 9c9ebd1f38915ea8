package domain

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// DefaultWorkCapacity is the daily capacity of a member whose profile sets
// none.
//
// NOTE: Clockify's API documents do not say which capacity a new member
// gets. Their example is PT7H, and eight hours is assumed here.
const DefaultWorkCapacity = 8 * time.Hour

// Weekdays are the day names Clockify uses, Monday first.
var Weekdays = []string{"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"}

// MemberProfile is a member's working schedule in one workspace. Nil fields
// take the defaults: DefaultWorkCapacity and the workspace's working days.
type MemberProfile struct {
	WorkspaceID  string
	UserID       string
	WorkCapacity *time.Duration
	WorkingDays  []string
}

// MemberProfileStore persists member profiles.
type MemberProfileStore interface {
	// MemberProfiles returns the stored profiles of the given members of the
	// workspace. Members without a stored profile are left out.
	MemberProfiles(ctx context.Context, workspaceID string, userIDs []string) ([]MemberProfile, error)
	// SaveMemberProfile inserts or replaces a member's profile.
	SaveMemberProfile(ctx context.Context, p MemberProfile) error
}

// Capacity is how long a member is expected to work: PerDay on each of the
// working days, and nothing on the other days.
type Capacity struct {
	UserID      string
	PerDay      time.Duration
	WorkingDays []time.Weekday
}

// On returns the capacity of a day that falls on weekday.
func (c Capacity) On(weekday time.Weekday) time.Duration {
	if slices.Contains(c.WorkingDays, weekday) {
		return c.PerDay
	}
	return 0
}

// MemberProfileView is a member's profile as GET /member-profile shows it.
type MemberProfileView struct {
	Member         Member
	WorkCapacity   time.Duration
	WorkingDays    []string
	WorkspaceCount int
	CustomFields   []UserFieldValue
}

// MemberProfileInput is the body of a member profile PATCH. Nil fields keep
// the stored values.
type MemberProfileInput struct {
	WorkCapacity *time.Duration
	WorkingDays  *[]string
	WeekStart    *string
	CustomFields []FieldInput
	Name         *string
	ImageURL     *string
	RemoveImage  bool
}

// MemberCapacities returns the daily capacity of the given members of the
// workspace, by user id, inside a transaction the caller runs. Reports use
// it for expected work and overtime. Every id gets an entry: ids without a
// stored profile get the defaults.
func MemberCapacities(ctx context.Context, tx Tx, ws Workspace, userIDs []string) (map[string]Capacity, error) {
	profiles, err := tx.MemberProfiles(ctx, ws.ID, userIDs)
	if err != nil {
		return nil, fmt.Errorf("read member profiles of %s: %w", ws.ID, err)
	}
	out := make(map[string]Capacity, len(userIDs))
	for _, id := range userIDs {
		out[id] = capacityOf(ws, MemberProfile{UserID: id})
	}
	for _, p := range profiles {
		out[p.UserID] = capacityOf(ws, p)
	}
	return out, nil
}

// Capacities returns MemberCapacities in a transaction of its own. Every
// member may read them, as every member may list the members.
func (s *Service) Capacities(ctx context.Context, a Actor, userIDs []string) (map[string]Capacity, error) {
	if err := a.Require(SeeMembers); err != nil {
		return nil, err
	}
	var out map[string]Capacity
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		out, err = MemberCapacities(ctx, tx, a.Workspace, userIDs)
		return err
	})
	return out, err
}

func capacityOf(ws Workspace, p MemberProfile) Capacity {
	c := Capacity{UserID: p.UserID, PerDay: DefaultWorkCapacity}
	if p.WorkCapacity != nil {
		c.PerDay = *p.WorkCapacity
	}
	for _, name := range workingDaysOf(ws, p) {
		if i := slices.Index(Weekdays, name); i >= 0 {
			c.WorkingDays = append(c.WorkingDays, time.Weekday((i+1)%7))
		}
	}
	return c
}

func workingDaysOf(ws Workspace, p MemberProfile) []string {
	if p.WorkingDays != nil {
		return p.WorkingDays
	}
	if ws.Settings.WorkingDays != nil {
		return ws.Settings.WorkingDays
	}
	return DefaultWorkspaceSettings().WorkingDays
}

// MemberProfile returns a member's profile. Members read their own, team
// managers those of their team and admins anyone's.
func (s *Service) MemberProfile(ctx context.Context, a Actor, userID string) (MemberProfileView, error) {
	var out MemberProfileView
	err := s.store.View(ctx, func(tx Tx) error {
		m, err := profileMember(ctx, tx, a, userID, true)
		if err != nil {
			return err
		}
		out, err = memberProfileView(ctx, tx, a.Workspace, m)
		return err
	})
	if err != nil {
		return MemberProfileView{}, fmt.Errorf("get member profile of %s: %w", userID, err)
	}
	return out, nil
}

func memberProfileView(ctx context.Context, tx Tx, ws Workspace, m Member) (MemberProfileView, error) {
	p, err := storedProfile(ctx, tx, ws.ID, m.UserID)
	if err != nil {
		return MemberProfileView{}, err
	}
	c := capacityOf(ws, p)
	v := MemberProfileView{Member: m, WorkCapacity: c.PerDay, WorkingDays: workingDaysOf(ws, p)}
	memberships, err := tx.MembersOfUser(ctx, m.UserID)
	if err != nil {
		return MemberProfileView{}, err
	}
	for _, other := range memberships {
		if other.Joined() {
			v.WorkspaceCount++
		}
	}
	values, err := userFieldViews(ctx, tx, ws.ID, []string{m.UserID})
	v.CustomFields = values[m.UserID]
	return v, err
}

// storedProfile returns the stored profile of a member, or an empty one.
func storedProfile(ctx context.Context, tx Tx, workspaceID, userID string) (MemberProfile, error) {
	profiles, err := tx.MemberProfiles(ctx, workspaceID, []string{userID})
	if err != nil || len(profiles) == 0 {
		return MemberProfile{WorkspaceID: workspaceID, UserID: userID}, err
	}
	return profiles[0], nil
}

// UpdateMemberProfile changes a member's profile. Members change their own
// week start, name, image and user field values (except fields only admins
// edit). The work capacity and working days plan the team's time, so only
// admins change them, for any member.
//
// NOTE: Clockify takes name, imageUrl and removeProfileImage only for
// limited users, whose accounts have no profile page of their own. Here
// every account is managed through this API, so they apply to every user,
// in all of the user's workspaces.
func (s *Service) UpdateMemberProfile(ctx context.Context, a Actor, userID string, in MemberProfileInput) (MemberProfileView, error) {
	if err := checkProfileInput(in); err != nil {
		return MemberProfileView{}, err
	}
	var out MemberProfileView
	err := s.store.Update(ctx, func(tx Tx) error {
		m, err := profileMember(ctx, tx, a, userID, false)
		if err != nil {
			return err
		}
		p, err := storedProfile(ctx, tx, a.Workspace.ID, userID)
		if err != nil {
			return err
		}
		if err := applyProfileInput(a, &p, in); err != nil {
			return err
		}
		if err := tx.SaveMemberProfile(ctx, p); err != nil {
			return err
		}

		u := m.User
		if in.WeekStart != nil {
			u.WeekStart = *in.WeekStart
		}
		if in.Name != nil {
			u.Name = strings.TrimSpace(*in.Name)
		}
		if in.ImageURL != nil {
			u.ProfilePicture = *in.ImageURL
		}
		if in.RemoveImage {
			u.ProfilePicture = ""
		}
		if u != m.User {
			if err := tx.UpdateUser(ctx, u); err != nil {
				return err
			}
			m.User = u
		}

		if len(in.CustomFields) > 0 {
			fields, err := tx.CustomFields(ctx, a.Workspace.ID)
			if err != nil {
				return err
			}
			for _, f := range in.CustomFields {
				if _, err := setUserField(ctx, tx, a, userID, fields, f); err != nil {
					return err
				}
			}
		}
		out, err = memberProfileView(ctx, tx, a.Workspace, m)
		return err
	})
	if err != nil {
		return MemberProfileView{}, fmt.Errorf("update member profile of %s: %w", userID, err)
	}
	return out, nil
}

// checkProfileInput checks the parts of a profile change that need no
// stored data.
func checkProfileInput(in MemberProfileInput) error {
	if in.WorkCapacity != nil && (*in.WorkCapacity < 0 || *in.WorkCapacity > 24*time.Hour) {
		return Invalidf("workCapacity %s is not valid: a day's capacity must be from PT0S to PT24H", in.WorkCapacity)
	}
	if in.WeekStart != nil && !slices.Contains(Weekdays, *in.WeekStart) {
		return Invalidf("weekStart %s is not valid: use one of %s", clip(*in.WeekStart), strings.Join(Weekdays, ", "))
	}
	if in.Name != nil {
		name := strings.TrimSpace(*in.Name)
		if n := utf8.RuneCountInString(name); n < 1 || n > 100 {
			return Invalidf("name %s is not valid: it must be from 1 to 100 characters long", clip(*in.Name))
		}
		if !utf8.ValidString(name) || strings.ContainsRune(name, 0) {
			return Invalidf("name must be UTF-8 text without NUL characters")
		}
	}
	if in.ImageURL != nil && *in.ImageURL != "" && !isWebLink(*in.ImageURL) {
		return Invalidf("imageUrl %s is not valid: use an absolute http or https URL", clip(*in.ImageURL))
	}
	if len(in.CustomFields) > maxEntryFieldValues {
		return Invalidf("userCustomFields may list at most %d values, got %d", maxEntryFieldValues, len(in.CustomFields))
	}
	return nil
}

// applyProfileInput writes the schedule parts of in onto p. Only admins
// may change them, so a member who sends their current values unchanged
// is not rejected.
func applyProfileInput(a Actor, p *MemberProfile, in MemberProfileInput) error {
	changed := false
	if in.WorkCapacity != nil {
		if capacityOf(a.Workspace, *p).PerDay != *in.WorkCapacity {
			changed = true
		}
		c := *in.WorkCapacity
		p.WorkCapacity = &c
	}
	if in.WorkingDays != nil {
		days, err := workingDays(*in.WorkingDays)
		if err != nil {
			return err
		}
		if !slices.Equal(days, workingDaysOf(a.Workspace, *p)) {
			changed = true
		}
		p.WorkingDays = days
	}
	if changed && !a.IsAdmin() {
		return Errorf(KindForbidden, CodeBusinessRule, "Only workspace admins may change workCapacity and workingDays")
	}
	return nil
}

// workingDays checks day names and returns them once each, Monday first.
func workingDays(names []string) ([]string, error) {
	out := []string{}
	for _, day := range Weekdays {
		if slices.Contains(names, day) {
			out = append(out, day)
		}
	}
	for _, name := range names {
		if !slices.Contains(Weekdays, name) {
			return nil, Invalidf("workingDays item %s is not valid: use one of %s", clip(name), strings.Join(Weekdays, ", "))
		}
	}
	return out, nil
}
