// Package iso8601 formats and parses the ISO-8601 durations and instants of
// Clockify's wire format.
package iso8601

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// FormatDuration renders d in whole seconds as PT#H#M#S with hours as the
// largest unit (PT26H30M, never P1DT2H30M) and PT0S for zero, because
// clients such as clockify-cli drop day components and reject fractions.
// Negative durations render as their absolute value with a leading minus.
func FormatDuration(d time.Duration) string {
	secs := int64(d / time.Second)
	if secs == 0 {
		return "PT0S"
	}
	var buf [32]byte
	b := buf[:0]
	if secs < 0 {
		b, secs = append(b, '-'), -secs
	}
	b = append(b, "PT"...)
	if h := secs / 3600; h > 0 {
		b = append(strconv.AppendInt(b, h, 10), 'H')
	}
	if m := secs % 3600 / 60; m > 0 {
		b = append(strconv.AppendInt(b, m, 10), 'M')
	}
	if s := secs % 60; s > 0 {
		b = append(strconv.AppendInt(b, s, 10), 'S')
	}
	return string(b)
}

// ParseDuration reads an ISO-8601 duration such as PT1H30M0S, PT36H or
// P1DT2H. Days count as 24 hours. Years, months and weeks are rejected
// because their length depends on the calendar. Seconds may have a fraction.
func ParseDuration(s string) (time.Duration, error) {
	rest, ok := strings.CutPrefix(s, "P")
	if !ok || rest == "" || rest == "T" {
		return 0, fmt.Errorf("invalid ISO-8601 duration %q: expected a form such as PT1H30M", s)
	}
	var total time.Duration
	inTime := false
	for rest != "" {
		if rest[0] == 'T' {
			if inTime {
				return 0, fmt.Errorf("invalid ISO-8601 duration %q: more than one T", s)
			}
			inTime, rest = true, rest[1:]
			if rest == "" {
				return 0, fmt.Errorf("invalid ISO-8601 duration %q: nothing after T", s)
			}
			continue
		}
		i := 0
		for i < len(rest) && (rest[i] >= '0' && rest[i] <= '9' || rest[i] == '.') {
			i++
		}
		if i == 0 || i == len(rest) {
			return 0, fmt.Errorf("invalid ISO-8601 duration %q", s)
		}
		n, err := strconv.ParseFloat(rest[:i], 64)
		if err != nil {
			return 0, fmt.Errorf("invalid ISO-8601 duration %q: %w", s, err)
		}
		var unit time.Duration
		switch {
		case !inTime && rest[i] == 'D':
			unit = 24 * time.Hour
		case inTime && rest[i] == 'H':
			unit = time.Hour
		case inTime && rest[i] == 'M':
			unit = time.Minute
		case inTime && rest[i] == 'S':
			unit = time.Second
		default:
			return 0, fmt.Errorf("invalid ISO-8601 duration %q: unit %q is not supported, use D before T and H, M or S after it", s, rest[i])
		}
		if n != float64(int64(n)) && unit != time.Second {
			return 0, fmt.Errorf("invalid ISO-8601 duration %q: only seconds may have a fraction", s)
		}
		part := n * float64(unit)
		if part >= float64(math.MaxInt64)-float64(total) {
			return 0, fmt.Errorf("invalid ISO-8601 duration %q: longer than %s", s, FormatDuration(math.MaxInt64))
		}
		total += time.Duration(part)
		rest = rest[i+1:]
	}
	return total, nil
}

// Instants outside these years are rejected, so that the span between any two
// accepted instants, at most 230 years, fits in a time.Duration, whose
// maximum is about 292 years.
const (
	MinYear = 1970
	MaxYear = 2199
)

// ParseInstant reads an RFC 3339 instant, with or without fractional
// seconds, with Z or a numeric offset, and returns it in UTC. Years outside
// MinYear to MaxYear are rejected.
func ParseInstant(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("invalid date-time %q: expected ISO-8601 such as 2024-01-31T09:00:00Z", s)
	}
	t = t.UTC()
	if y := t.Year(); y < MinYear || y > MaxYear {
		return time.Time{}, fmt.Errorf("invalid date-time %q: the year must be from %d to %d", s, MinYear, MaxYear)
	}
	return t, nil
}

// FormatInstant renders t in UTC with a Z and whole seconds, as Clockify's
// main API does.
func FormatInstant(t time.Time) string {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		var buf [32]byte
		return string(t.Truncate(time.Second).AppendFormat(buf[:0], "2006-01-02T15:04:05Z"))
	}
	// AppendFormat parses its layout on every call, and entry pages format
	// two instants per entry, so the digits are written directly.
	hour, minute, second := t.Clock()
	b := [20]byte{4: '-', 7: '-', 10: 'T', 13: ':', 16: ':', 19: 'Z'}
	putDigits(b[0:4], year)
	putDigits(b[5:7], int(month))
	putDigits(b[8:10], day)
	putDigits(b[11:13], hour)
	putDigits(b[14:16], minute)
	putDigits(b[17:19], second)
	return string(b[:])
}

// putDigits writes n into b as decimal digits, padded with zeros to the
// length of b.
func putDigits(b []byte, n int) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
}
