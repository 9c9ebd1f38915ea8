package api

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"math/bits"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"
)

// jsonAppender is a response value that writes its own JSON. appendJSON
// appends exactly the bytes that encoding/json's Encoder, with
// SetEscapeHTML(false), writes for the value, without the Encoder's
// trailing newline. It returns an error where encoding/json would fail, such
// as on a NaN in an interface field, and writeJSON then leaves the response
// to encoding/json, so a response never differs between the two.
type jsonAppender interface {
	appendJSON(b []byte) ([]byte, error)
}

// jsonArray is a slice whose elements, through pointers, are jsonAppenders.
// It encodes as the slice would: null when nil, [] when empty.
type jsonArray[T any] []T

func (l jsonArray[T]) appendJSON(b []byte) ([]byte, error) {
	return appendArrayOrError(b, l, func(b []byte, item *T) ([]byte, error) {
		a, ok := any(item).(jsonAppender)
		if !ok {
			return b, fmt.Errorf("api: %T is not a jsonAppender", item)
		}
		return a.appendJSON(b)
	})
}

// appendArray appends list as a JSON array with appendItem writing each
// element, or null when list is nil.
func appendArray[T any](b []byte, list []T, appendItem func([]byte, *T) []byte) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendItem(b, &list[i])
	}
	return append(b, ']')
}

// appendArrayOrError is appendArray for elements whose appending can fail.
// It stops at the first error.
func appendArrayOrError[T any](b []byte, list []T, appendItem func([]byte, *T) ([]byte, error)) ([]byte, error) {
	if list == nil {
		return append(b, "null"...), nil
	}
	b = append(b, '[')
	for i := range list {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendItem(b, &list[i]); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}

// listBody returns items as a jsonArray when *T is a jsonAppender, so that
// writeJSON takes the appender path for the list, and items otherwise.
func listBody[T any](items []T) any {
	if _, ok := any((*T)(nil)).(jsonAppender); ok {
		return jsonArray[T](items)
	}
	return items
}

// Response buffers are pooled. A buffer that grew past maxPooledBuffer, for
// a page of thousands of entries, is dropped rather than kept in the pool.
const (
	initialBufferSize = 16 << 10
	maxPooledBuffer   = 1 << 20
)

var responseBuffers = sync.Pool{New: func() any {
	b := make([]byte, 0, initialBufferSize)
	return &b
}}

// writeAppended sends a's JSON and the Encoder's trailing newline from a
// pooled buffer, with Content-Length. It writes nothing and returns false
// when a returns an error.
func writeAppended(w http.ResponseWriter, status int, a jsonAppender) bool {
	err := appendPooled(a, func(body []byte) { writeBody(w, status, body) })
	return err == nil
}

// appendPooled appends a's JSON and the Encoder's trailing newline to a
// pooled buffer and passes the result to use, which must not keep it. When
// a returns an error, use is not called.
func appendPooled(a jsonAppender, use func(body []byte)) error {
	buf := responseBuffers.Get().(*[]byte)
	defer func() {
		if cap(*buf) <= maxPooledBuffer {
			responseBuffers.Put(buf)
		}
	}()

	b, err := a.appendJSON((*buf)[:0])
	*buf = b
	if err != nil {
		return err
	}
	b = append(b, '\n')
	*buf = b

	use(b)
	return nil
}

// writeBody sends body with Content-Length and status.
func writeBody(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body) //nolint:errcheck // an error means the client went away
}

// hexDigits are the digits of the \u00XX escapes, lower case as
// encoding/json writes them.
const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string the way encoding/json does with
// HTML escaping off. It writes the short escapes for ", \, \b, \f, \n, \r
// and \t, and \u00XX for the other control characters. Each byte that is
// not part of valid UTF-8 becomes \ufffd. U+2028 and U+2029 are escaped as
// well, because older JavaScript rejects them in string literals. Everything
// else is copied.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0 // s[start:i] is copied as is when an escape or the end comes
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			special := specialBytes(binary.LittleEndian.Uint64([]byte(s[i : i+8])))
			if special == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(special) / 8
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}

		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// Masks of eight bytes at once.
const (
	eachByte01 = 0x0101010101010101
	eachByte20 = 0x2020202020202020
	eachByte80 = 0x8080808080808080
	eachQuote  = eachByte01 * '"'
	eachSlash  = eachByte01 * '\\'
)

// specialBytes returns a mask with the top bit set in each byte of x (read
// little-endian) that appendString cannot copy as is, and maybe in bytes
// above it: a byte below 0x20, '"', '\\', or one from 0x80 on. The lowest
// set bit is always at the first such byte, because a subtraction borrows
// only upward from a byte that is below the subtrahend.
func specialBytes(x uint64) uint64 {
	control := x - eachByte20
	quote := (x ^ eachQuote) - eachByte01
	slash := (x ^ eachSlash) - eachByte01
	return (control | quote | slash | x) & eachByte80
}

// appendOptString appends *s, or null when s is nil.
func appendOptString(b []byte, s *string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return appendString(b, *s)
}

// appendStrings appends a list of strings, or null when it is nil.
func appendStrings(b []byte, list []string) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

func appendOptInt(b []byte, n *int) []byte {
	if n == nil {
		return append(b, "null"...)
	}
	return strconv.AppendInt(b, int64(*n), 10)
}

// appendFloat appends a float64 as encoding/json writes it: the shortest
// decimal that reads back as f, in exponent form below 1e-6 and from 1e21
// (absolute), with a negative exponent's leading zero dropped (1e-07 becomes
// 1e-7). NaN and the infinities have no JSON form and return an error.
func appendFloat(b []byte, f float64) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return b, fmt.Errorf("api: %v has no JSON form", f)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

// appendAny appends an interface value, as custom field values and user
// settings hold them. It writes the types that JSON decoding and the custom
// field code produce, and hands any other type to appendEncoded.
func appendAny(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendString(b, x), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	case float64:
		return appendFloat(b, x)
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(b, x, 10), nil
	case []string:
		return appendStrings(b, x), nil
	case []any:
		return appendAnyList(b, x)
	case map[string]any:
		return appendAnyMap(b, x)
	}
	return appendEncoded(b, v)
}

func appendAnyList(b []byte, list []any) ([]byte, error) {
	return appendArrayOrError(b, list, func(b []byte, v *any) ([]byte, error) {
		return appendAny(b, *v)
	})
}

// appendAnyMap appends a map with its keys in byte order, as encoding/json
// sorts them.
func appendAnyMap(b []byte, m map[string]any) ([]byte, error) {
	if m == nil {
		return append(b, "null"...), nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		var err error
		if b, err = appendAny(b, m[k]); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

// appendEncoded appends v as encoding/json encodes it, for the rare values
// that have no appender.
func appendEncoded(b []byte, v any) ([]byte, error) {
	out := &appendWriter{b: b}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return b, err
	}
	// Encode ends every value with a newline.
	return out.b[:len(out.b)-1], nil
}

// appendWriter is an io.Writer that appends to b.
type appendWriter struct{ b []byte }

func (w *appendWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}
