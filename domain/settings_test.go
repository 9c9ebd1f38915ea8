package domain

import (
	"testing"
	"time"
)

func TestRoundSettingApply(t *testing.T) {
	m := time.Minute
	cases := []struct {
		round RoundSetting
		in    time.Duration
		want  time.Duration
	}{
		{RoundSetting{RoundNearest, 15}, 7*m + 29*time.Second, 0},
		{RoundSetting{RoundNearest, 15}, 7*m + 30*time.Second, 15 * m},
		{RoundSetting{RoundNearest, 15}, 22 * m, 15 * m},
		{RoundSetting{RoundNearest, 15}, 30 * m, 30 * m},
		{RoundSetting{RoundUp, 15}, time.Second, 15 * m},
		{RoundSetting{RoundUp, 15}, 15 * m, 15 * m},
		{RoundSetting{RoundUp, 6}, 61 * m, 66 * m},
		{RoundSetting{RoundDown, 30}, 29 * m, 0},
		{RoundSetting{RoundDown, 30}, 59 * m, 30 * m},
		{RoundSetting{RoundDown, 60}, 3*time.Hour + 59*m, 3 * time.Hour},
		{RoundSetting{}, 7 * m, 7 * m},
	}
	for _, c := range cases {
		if got := c.round.Apply(c.in); got != c.want {
			t.Errorf("%q %d minutes on %s: got %s, want %s", c.round.Mode, c.round.Minutes, c.in, got, c.want)
		}
	}
}

func TestSettingsChangeKeepsOmitted(t *testing.T) {
	s := DefaultWorkspaceSettings()
	lock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	yes := true
	if err := (SettingsChange{ForceTags: &yes, LockTimeEntries: &lock}).apply(&s); err != nil {
		t.Fatal(err)
	}
	if !s.ForceTags || s.LockTimeEntries == nil || !s.IsProjectPublicByDefault || s.DurationFormat != "FULL" {
		t.Errorf("after the change: %+v", s)
	}
	if err := (SettingsChange{ClearLock: true}).apply(&s); err != nil {
		t.Fatal(err)
	}
	if s.LockTimeEntries != nil || !s.ForceTags {
		t.Errorf("after clearing the lock: %+v", s)
	}
}
