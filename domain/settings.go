package domain

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Rounding modes of RoundSetting, spelled as Clockify's workspace settings
// spell them.
const (
	RoundNearest = "Round to nearest"
	RoundUp      = "Round up to"
	RoundDown    = "Round down to"
)

// roundMinutes are the rounding intervals Clockify offers.
var roundMinutes = []int{1, 5, 6, 10, 12, 15, 30, 60}

// durationFormats are the values of the durationFormat setting.
var durationFormats = []string{"FULL", "COMPACT", "DECIMAL"}

// RoundSetting is the rule by which reports round each entry's duration
// when rounding is on. Stored durations never change.
type RoundSetting struct {
	Mode    string `json:"round"`   // RoundNearest, RoundUp or RoundDown
	Minutes int    `json:"minutes"` // one of 1, 5, 6, 10, 12, 15, 30, 60
}

// Apply rounds d to a whole number of the setting's intervals. A zero
// setting leaves d as it is.
func (r RoundSetting) Apply(d time.Duration) time.Duration {
	step := time.Duration(r.Minutes) * time.Minute
	if step <= 0 {
		return d
	}
	down := d - d%step
	switch r.Mode {
	case RoundUp:
		if down < d {
			return down + step
		}
		return down
	case RoundDown:
		return down
	}
	if d-down >= step-(d-down) {
		return down + step
	}
	return down
}

// SettingsChange is a partial change of the workspace settings: nil fields
// keep their value. ClearLock removes the lock date and
// ClearAutomaticLock the automatic lock.
type SettingsChange struct {
	ForceProjects                      *bool
	ForceTasks                         *bool
	ForceTags                          *bool
	ForceDescription                   *bool
	LockTimeEntries                    *time.Time
	ClearLock                          bool
	LockTimeZone                       *string
	AutomaticLock                      *AutomaticLock
	ClearAutomaticLock                 bool
	OnlyAdminsCreateProject            *bool
	OnlyAdminsCreateTag                *bool
	OnlyAdminsCreateTask               *bool
	OnlyAdminsSeeAllTimeEntries        *bool
	OnlyAdminsSeeBillableRates         *bool
	OnlyAdminsSeePublicProjectsEntries *bool
	OnlyAdminsCanChangeBillableStatus  *bool
	DefaultBillableProjects            *bool
	IsProjectPublicByDefault           *bool
	TimeRoundingInReports              *bool
	Round                              *RoundSetting
	DurationFormat                     *string
	WeekStart                          *string
	TimeTrackingMode                   *string
}

// apply checks c and writes it onto s.
func (c SettingsChange) apply(s *WorkspaceSettings) error {
	for _, f := range []struct {
		dst *bool
		src *bool
	}{
		{&s.ForceProjects, c.ForceProjects}, {&s.ForceTasks, c.ForceTasks}, {&s.ForceTags, c.ForceTags},
		{&s.ForceDescription, c.ForceDescription}, {&s.OnlyAdminsCreateProject, c.OnlyAdminsCreateProject},
		{&s.OnlyAdminsCreateTag, c.OnlyAdminsCreateTag}, {&s.OnlyAdminsCreateTask, c.OnlyAdminsCreateTask},
		{&s.OnlyAdminsSeeAllTimeEntries, c.OnlyAdminsSeeAllTimeEntries},
		{&s.OnlyAdminsSeeBillableRates, c.OnlyAdminsSeeBillableRates},
		{&s.OnlyAdminsSeePublicProjectsEntries, c.OnlyAdminsSeePublicProjectsEntries},
		{&s.OnlyAdminsCanChangeBillable, c.OnlyAdminsCanChangeBillableStatus},
		{&s.DefaultBillableProjects, c.DefaultBillableProjects},
		{&s.IsProjectPublicByDefault, c.IsProjectPublicByDefault},
		{&s.TimeRoundingInReports, c.TimeRoundingInReports},
	} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	if c.ClearAutomaticLock {
		s.AutomaticLock = nil
	}
	if c.AutomaticLock != nil {
		if err := c.AutomaticLock.check(); err != nil {
			return err
		}
		lock := *c.AutomaticLock
		s.AutomaticLock = &lock
	}
	if (c.ClearLock || c.LockTimeEntries != nil) && s.AutomaticLock != nil {
		return Invalidf("lockTimeEntries cannot be changed while automaticLock is set: set automaticLock to null first")
	}
	if c.ClearLock {
		s.LockTimeEntries = nil
	}
	if c.LockTimeEntries != nil {
		lock := c.LockTimeEntries.UTC().Truncate(time.Second)
		s.LockTimeEntries = &lock
	}
	if c.LockTimeZone != nil {
		if _, err := time.LoadLocation(*c.LockTimeZone); *c.LockTimeZone == "Local" || err != nil {
			return Invalidf("lockTimeZone %q is not an IANA time zone such as Europe/Berlin", *c.LockTimeZone)
		}
		s.LockTimeZone = *c.LockTimeZone
	}
	if c.Round != nil {
		if err := oneOf("round.round", c.Round.Mode, []string{RoundNearest, RoundUp, RoundDown}); err != nil {
			return err
		}
		if !slices.Contains(roundMinutes, c.Round.Minutes) {
			return Invalidf("round.minutes %d is not valid: use one of 1, 5, 6, 10, 12, 15, 30, 60", c.Round.Minutes)
		}
		s.Round = *c.Round
	}
	if c.DurationFormat != nil {
		if err := oneOf("durationFormat", *c.DurationFormat, durationFormats); err != nil {
			return err
		}
		s.DurationFormat = *c.DurationFormat
	}
	if c.WeekStart != nil {
		day := strings.ToUpper(*c.WeekStart)
		if err := oneOf("weekStart", day, weekDays); err != nil {
			return err
		}
		s.WeekStart = day
	}
	if c.TimeTrackingMode != nil {
		if err := oneOf("timeTrackingMode", *c.TimeTrackingMode, []string{"DEFAULT", "STOPWATCH_ONLY"}); err != nil {
			return err
		}
		s.TimeTrackingMode = *c.TimeTrackingMode
	}
	return nil
}

// UpdateSettings changes the workspace settings, which only the owner and
// admins may do, and returns the workspace.
func (s *Service) UpdateSettings(ctx context.Context, a Actor, c SettingsChange) (WorkspaceView, error) {
	if err := a.Require(ManageWorkspace); err != nil {
		return WorkspaceView{}, err
	}
	return s.updateSettings(ctx, a.Workspace.ID, c)
}

// UpdateSettingsAsOperator changes a workspace's settings from the command
// line, where the operator of the server needs no API key.
func (s *Service) UpdateSettingsAsOperator(ctx context.Context, workspaceID string, c SettingsChange) (WorkspaceView, error) {
	if !ValidID(workspaceID) {
		return WorkspaceView{}, Invalidf("workspace id %s is not a 24-digit hex id", clip(workspaceID))
	}
	return s.updateSettings(ctx, workspaceID, c)
}

func (s *Service) updateSettings(ctx context.Context, workspaceID string, c SettingsChange) (WorkspaceView, error) {
	var out WorkspaceView
	err := s.store.Update(ctx, func(tx Tx) error {
		w, err := tx.Workspace(ctx, workspaceID)
		if err != nil {
			return missingWorkspace(err, workspaceID)
		}
		// An automatic lock that the change turns off leaves its last lock
		// date in place as the manual one.
		applyAutomaticLock(&w, tx.Now())
		if err := c.apply(&w.Settings); err != nil {
			return err
		}
		if err := tx.UpdateWorkspace(ctx, w); err != nil {
			return err
		}
		out, err = workspaceView(ctx, tx, w.ID)
		return err
	})
	if err != nil {
		return WorkspaceView{}, fmt.Errorf("update settings of workspace %s: %w", workspaceID, err)
	}
	return out, nil
}

// missingWorkspace turns a store's ErrNotFound for a workspace the command
// line names into a message, and returns other errors as they are.
func missingWorkspace(err error, workspaceID string) error {
	if errors.Is(err, ErrNotFound) {
		return Invalidf("Workspace %s does not exist", workspaceID)
	}
	return err
}

// SettingsAsOperator returns a workspace's settings for the command line.
func (s *Service) SettingsAsOperator(ctx context.Context, workspaceID string) (WorkspaceSettings, error) {
	if !ValidID(workspaceID) {
		return WorkspaceSettings{}, Invalidf("workspace id %s is not a 24-digit hex id", clip(workspaceID))
	}
	var out WorkspaceSettings
	err := s.store.View(ctx, func(tx Tx) error {
		w, err := tx.Workspace(ctx, workspaceID)
		applyAutomaticLock(&w, tx.Now())
		out = w.Settings
		return missingWorkspace(err, workspaceID)
	})
	if err != nil {
		return WorkspaceSettings{}, fmt.Errorf("read settings of workspace %s: %w", workspaceID, err)
	}
	return out, nil
}
