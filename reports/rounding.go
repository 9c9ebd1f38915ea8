package reports

// Rounding modes, as Clockify's workspace setting names them.
const (
	roundNearest = "Round to nearest"
	roundUp      = "Round up to"
	roundDown    = "Round down to"
)

// roundRule rounds each entry's duration to a multiple of minutes before
// reports sum them. Stored entries never change.
type roundRule struct {
	mode    string
	minutes int64
}

// defaultRoundRule is the rule of a new Clockify workspace.
var defaultRoundRule = roundRule{mode: roundNearest, minutes: 15}

// apply rounds seconds by the rule. Rounding to the nearest multiple rounds
// an exact half up.
func (r roundRule) apply(seconds int64) int64 {
	step := r.minutes * 60
	if step <= 0 {
		return seconds
	}
	down := seconds / step * step
	switch r.mode {
	case roundUp:
		if down < seconds {
			return down + step
		}
		return down
	case roundDown:
		return down
	}
	if seconds-down >= step-(seconds-down) {
		return down + step
	}
	return down
}

// roundRule returns the workspace's rounding rule.
//
// TODO: read the rule from the workspace settings once they store one;
// until then every workspace uses Clockify's default rule.
func (q *query) roundRule() roundRule { return defaultRoundRule }
