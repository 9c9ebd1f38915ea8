package importer

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Error is a problem with an export file, located as precisely as the
// problem allows: the line (counted from 1, where the record starts), the
// column's header name and the value. Expected describes what the importer
// can read there, or how to fix the file or the command.
type Error struct {
	File     string
	Line     int    // 0 when the problem is not on one line
	Column   string // "" when the problem is not in one column
	Value    string
	HasValue bool
	Expected string
	Err      error // an underlying cause such as ErrAmbiguousDateFormat, or nil
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ", line %d", e.Line)
	}
	if e.Column != "" {
		fmt.Fprintf(&b, ", column %q", e.Column)
	}
	b.WriteString(": ")
	if e.HasValue {
		fmt.Fprintf(&b, "invalid value %s: ", quote(e.Value))
	}
	b.WriteString(e.Expected)
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// ErrAmbiguousDateFormat is wrapped by the error for a file whose dates read
// as both MM/DD/YYYY and DD/MM/YYYY.
var ErrAmbiguousDateFormat = errors.New("ambiguous date format")

// quote quotes a value for a message, cut to its first 60 characters so
// that a huge cell does not make a huge message.
func quote(s string) string {
	const keep = 60
	runes := []rune(s)
	if len(runes) <= keep {
		return strconv.Quote(s)
	}
	return strconv.Quote(string(runes[:keep])) + "…"
}
