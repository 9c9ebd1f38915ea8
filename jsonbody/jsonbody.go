// Package jsonbody decodes JSON request bodies and turns the decoder's type
// and syntax errors into messages for API clients. encoding/json names Go
// types in those errors (such as "Go struct field settingsRequest.forceTags
// of type bool"), which mean nothing to a client. These messages name the
// JSON field path, the JSON type of the value sent and the type expected.
package jsonbody

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// Error is a body that is not valid JSON or has a value of the wrong JSON
// type.
type Error struct {
	// Field is the dotted path of JSON object keys to the value, such as
	// "round.minutes", without array indexes. It is empty for the whole
	// body and for syntax errors.
	Field   string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Unmarshal decodes data into v as json.Unmarshal does. Type and syntax
// errors come back as *Error. Errors returned by a type's own UnmarshalJSON
// come back unchanged.
func Unmarshal(data []byte, v any) error {
	return UnmarshalAt("", data, v)
}

// UnmarshalAt is Unmarshal for data that is the value of the field at path
// in a larger body, such as "filter". Messages name fields from the root of
// that body.
func UnmarshalAt(path string, data []byte, v any) error {
	err := json.Unmarshal(data, v)
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &typeErr):
		return typeError(path, typeErr)
	case errors.As(err, &syntaxErr):
		reason := strings.TrimPrefix(syntaxErr.Error(), "json: ")
		msg := "The body is not valid JSON: " + reason
		if reason != "unexpected end of JSON input" {
			line, column := position(data, syntaxErr.Offset-1)
			msg += fmt.Sprintf(" at line %d, column %d", line, column)
		}
		return &Error{Message: msg}
	}
	return err
}

func typeError(path string, e *json.UnmarshalTypeError) *Error {
	field := e.Field
	switch {
	case path != "" && field != "":
		field = path + "." + field
	case path != "":
		field = path
	}
	name := field
	if name == "" {
		name = "body"
	}
	msg := fmt.Sprintf("%s: expected %s, got %s", name, expected(e.Type), got(e.Value))
	return &Error{Field: field, Message: msg}
}

// expected describes the JSON value that decodes into a Go type.
func expected(t reflect.Type) string {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return "another type"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "a boolean"
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return fmt.Sprintf("a whole number from %d to %d", minInt(t.Bits()), maxInt(t.Bits()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "a whole number of 0 or more"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "another type"
}

func minInt(bits int) int64 { return -1 << (bits - 1) }
func maxInt(bits int) int64 { return 1<<(bits-1) - 1 }

// got describes the JSON value that UnmarshalTypeError.Value names: "bool",
// "string", "array", "object", "number", or "number" with the digits when a
// number does not fit the Go type.
func got(value string) string {
	switch value {
	case "bool":
		return "a boolean"
	case "string":
		return "a string"
	case "array":
		return "an array"
	case "object":
		return "an object"
	case "number":
		return "a number"
	}
	if digits, ok := strings.CutPrefix(value, "number "); ok {
		return "the number " + digits
	}
	return value
}

// position returns the 1-based line and column of the byte at index i.
// SyntaxError.Offset counts the offending byte, so it sits at Offset-1.
func position(data []byte, i int64) (line, column int) {
	i = min(max(i, 0), int64(len(data)))
	before := string(data[:i])
	line = 1 + strings.Count(before, "\n")
	column = int(i) - strings.LastIndexByte(before, '\n')
	return line, column
}
