package domain

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Kind classifies an Error by what went wrong. The HTTP layer maps each kind
// to a status code in one place.
type Kind uint8

const (
	// KindInvalid is a request that breaks a validation or business rule (400).
	KindInvalid Kind = iota + 1
	// KindUnauthenticated is a request without valid credentials (401).
	KindUnauthenticated
	// KindForbidden is a request by a caller who lacks the permission (403).
	KindForbidden
	// KindNotFound is a lookup of something that does not exist, in the few
	// places where Clockify returns 404 rather than 400. Most missing entities
	// are KindInvalid.
	KindNotFound
)

// Clockify's internal error codes, sent as the "code" field of error bodies.
const (
	CodeBusinessRule    = 501
	CodeMissingAuth     = 1000
	CodeMalformed       = 3000
	CodeMissingParam    = 3001
	CodeMalformedBody   = 3002
	CodeUnknownAPIKey   = 4003
	CodeNotFoundRunning = 404
)

// Error is an error whose message is safe to show to the caller. Any other
// error that reaches the HTTP layer is an internal fault and becomes a 500.
type Error struct {
	Kind    Kind
	Code    int
	Message string
}

func (e *Error) Error() string { return e.Message }

// Invalidf returns a KindInvalid error with Clockify's business-rule code 501.
func Invalidf(format string, args ...any) error {
	return &Error{Kind: KindInvalid, Code: CodeBusinessRule, Message: fmt.Sprintf(format, args...)}
}

// Errorf returns an Error of the given kind and code.
func Errorf(kind Kind, code int, format string, args ...any) error {
	return &Error{Kind: kind, Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrAccessDenied is the error Clockify sends when a member lacks a role.
var ErrAccessDenied = &Error{Kind: KindForbidden, Code: CodeBusinessRule, Message: "Access Denied"}

// ErrNotFound is returned by stores when a row does not exist. The domain
// layer turns it into the message Clockify sends for that entity.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned by stores when a write breaks a uniqueness constraint.
var ErrConflict = errors.New("unique constraint violated")

// ErrMissingReference is returned by stores when a write refers to a row
// that a concurrent transaction deleted, such as a tag deleted while an
// entry carrying it was saved.
var ErrMissingReference = errors.New("foreign key constraint violated")

// AsError reports whether err is or wraps an *Error and returns it.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// clip quotes a value for an error message, cutting it to its first 40
// characters so that a huge input does not make a huge message.
func clip(s string) string {
	const keep = 40
	if utf8.RuneCountInString(s) <= keep {
		return strconv.Quote(s)
	}
	runes := []rune(s)
	return strconv.Quote(string(runes[:keep])) + "…"
}

// notBelong returns the error Clockify sends for a missing, deleted or
// foreign entity id: 400 with code 501, not 404.
func notBelong(entity string) error {
	return Invalidf("%s doesn't belong to Workspace", entity)
}
