package sqlstore

import (
	"math"
	"testing"
	"time"
)

func TestSecondsCaps(t *testing.T) {
	if got := seconds(90); got != 90*time.Second {
		t.Errorf("seconds(90) = %v", got)
	}
	want := time.Duration(math.MaxInt64/int64(time.Second)) * time.Second
	if got := seconds(2 * 300 * 365 * 24 * 3600); got != want {
		t.Errorf("seconds of 600 years = %v, want %v", got, want)
	}
}
