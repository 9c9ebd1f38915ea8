package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/iso8601"
	"github.com/punchclock/punchclock/jsonbody"
)

// sprintf is fmt.Sprintf, except that it returns format unchanged when there
// are no args, so a message without args may contain a literal %.
func sprintf(format string, args ...any) string {
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}

// Page sizes shared by most list endpoints.
const (
	defaultPageSize = 50
	maxPageSize     = 5000
)

// query reads URL query parameters with Clockify's conventions: booleans as
// true/false/1/0, lists as repeated parameters or comma-separated values,
// unknown parameters ignored.
type query url.Values

func readQuery(r *http.Request) query { return query(r.URL.Query()) }

// maxListValues bounds the values of one query parameter, counting repeats
// and comma-separated parts, well below the bind-parameter limits of SQLite
// (32,766) and PostgreSQL (65,535) that a filter over them would hit.
const maxListValues = 5000

func countCommas(values []string) int {
	n := 0
	for _, v := range values {
		n += strings.Count(v, ",")
	}
	return n
}

// checkQuery rejects query parameters that PostgreSQL cannot compare with
// text, so that both engines treat them alike: values that are not UTF-8,
// and values with the NUL character. No client sends either on purpose.
func checkQuery(r *http.Request) error {
	for name, values := range r.URL.Query() {
		displayName := strings.ToValidUTF8(strings.ReplaceAll(name, "\x00", ""), "?")
		if !utf8.ValidString(name) || strings.ContainsRune(name, 0) {
			return badParam("Query parameter name '%s' must be UTF-8 text without NUL characters", displayName)
		}
		if n := len(values) + countCommas(values); n > maxListValues {
			return badParam("Method parameter '%s': at most %d values are accepted, got %d", displayName, maxListValues, n)
		}
		for _, v := range values {
			if !utf8.ValidString(v) {
				return badParam("Method parameter '%s': the value is not valid UTF-8", displayName)
			}
			if strings.ContainsRune(v, 0) {
				return badParam("Method parameter '%s': the value must not contain the NUL character", displayName)
			}
		}
	}
	return nil
}

// str returns the first value of name, or "".
func (q query) str(name string) string { return url.Values(q).Get(name) }

// has reports whether name is present with a non-empty value.
func (q query) has(name string) bool { return q.str(name) != "" }

// list returns every value of name, split at commas, trimmed, without empties.
func (q query) list(name string) []string {
	var out []string
	for _, v := range q[name] {
		for part := range strings.SplitSeq(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

// optBool parses name as a boolean, or returns nil when it is absent or empty.
func (q query) optBool(name string) (*bool, error) {
	v := q.str(name)
	if v == "" {
		return nil, nil
	}
	b, err := parseBool(v)
	if err != nil {
		return nil, badParam("Method parameter '%s': invalid boolean value '%s'; use true, false, 1 or 0", name, v)
	}
	return &b, nil
}

// boolOr parses name as a boolean, or returns def when it is absent or empty.
func (q query) boolOr(name string, def bool) (bool, error) {
	b, err := q.optBool(name)
	if err != nil || b == nil {
		return def, err
	}
	return *b, nil
}

// parseBool accepts the forms Spring, on which Clockify runs, converts to a
// boolean: true/false, 1/0, yes/no and on/off, in any letter case.
func parseBool(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "true", "1", "yes", "on":
		return true, nil
	case "false", "0", "no", "off":
		return false, nil
	}
	return false, errors.New("not a boolean")
}

// page reads page (from 1) and page-size (from 1 to maxSize). Values out of
// range are rejected rather than capped, because clockify-cli stops paging at
// the first page shorter than the size it asked for.
func (q query) page(defaultSize, maxSize int) (domain.Page, error) {
	p := domain.Page{Number: 1, Size: defaultSize}
	if v := q.str("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return p, badParam("Method parameter 'page': invalid value '%s'; page must be a whole number of at least 1", v)
		}
		p.Number = n
	}
	if v := q.str("page-size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxSize {
			return p, badParam("Method parameter 'page-size': invalid value '%s'; page-size must be a whole number from 1 to %d", v, maxSize)
		}
		p.Size = n
	}
	return p, nil
}

// enum returns the value of name, upper-cased, when it is one of allowed, or
// def when name is absent.
func (q query) enum(name, def string, allowed ...string) (string, error) {
	v := q.str(name)
	if v == "" {
		return def, nil
	}
	up := strings.ToUpper(v)
	if !slices.Contains(allowed, up) {
		return "", badParam("Method parameter '%s': invalid value '%s'; use one of %s", name, v, strings.Join(allowed, ", "))
	}
	return up, nil
}

// enumList is enum for every value of a list parameter.
func (q query) enumList(name string, allowed ...string) ([]string, error) {
	out := q.list(name)
	for i, v := range out {
		up := strings.ToUpper(v)
		if !slices.Contains(allowed, up) {
			return nil, badParam("Method parameter '%s': invalid value '%s'; use one of %s", name, v, strings.Join(allowed, ", "))
		}
		out[i] = up
	}
	return out, nil
}

// sortOrder reads sort-order, ascending by default.
func (q query) sortOrder() (domain.SortOrder, error) {
	v, err := q.enum("sort-order", string(domain.Ascending), string(domain.Ascending), string(domain.Descending))
	return domain.SortOrder(v), err
}

// instant parses name as an ISO-8601 instant, or returns nil when it is absent
// or empty.
func (q query) instant(name string) (*time.Time, error) {
	v := q.str(name)
	if v == "" {
		return nil, nil
	}
	t, err := iso8601.ParseInstant(v)
	if err != nil {
		return nil, badParam("Method parameter '%s': %v", name, err)
	}
	return &t, nil
}

// maxBodyBytes is the maximum size of a request body (8 MiB). The largest
// Clockify bodies, bulk edits of many entries, stay far below it.
const maxBodyBytes = 8 << 20

// decodeJSON reads the request body into v. Unknown fields are ignored, as
// Clockify ignores them, and an empty body decodes as {}.
func decodeJSON(r *http.Request, v any) error {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		return badBody("Could not read the request body: %v", err)
	}
	if len(body) > maxBodyBytes {
		return badBody("Request body is larger than %d bytes", maxBodyBytes)
	}

	if len(strings.TrimSpace(string(body))) == 0 {
		body = []byte("{}")
	}
	if err := checkBodyText(body); err != nil {
		return err
	}

	return unmarshalBody(body, v)
}

// unmarshalBody decodes a read body into v, with the messages of package
// jsonbody for values of the wrong type and for invalid JSON.
func unmarshalBody(body []byte, v any) error {
	err := jsonbody.Unmarshal(body, v)
	if err == nil {
		return nil
	}
	var bodyErr *jsonbody.Error
	if errors.As(err, &bodyErr) {
		return badBody("%s", bodyErr.Message)
	}
	var fieldErr *fieldError
	if errors.As(err, &fieldErr) {
		return badBody("JSON parse error: %s", fieldErr.Error())
	}
	return badBody("JSON parse error: %v", err)
}

// containsNULEscape reports whether a JSON text has the escape \u0000 in a
// string. It counts only when an odd number of backslashes ends at it,
// because "\\u0000" is an escaped backslash followed by the letters u0000.
// checkBodyText rejects a JSON body that is not valid UTF-8 or whose strings
// contain U+0000, which PostgreSQL cannot store in text and no client needs.
func checkBodyText(body []byte) error {
	if !utf8.Valid(body) {
		return badBody("JSON parse error: the body is not valid UTF-8")
	}
	if containsNULEscape(body) {
		return badBody("JSON parse error: strings must not contain the NUL character (\\u0000)")
	}
	return nil
}

func containsNULEscape(body []byte) bool {
	for i := 0; i+6 <= len(body); i++ {
		if body[i] != '\\' || (body[i+1] != 'u' && body[i+1] != 'U') || string(body[i+2:i+6]) != "0000" {
			continue
		}
		slashes := 0
		for j := i; j >= 0 && body[j] == '\\'; j-- {
			slashes++
		}
		if slashes%2 == 1 {
			return true
		}
	}
	return false
}

// fieldError is returned by custom JSON decoders for a value they reject.
type fieldError struct {
	field string
	value string
	want  string
}

func (e *fieldError) Error() string {
	return fmt.Sprintf("field '%s' has invalid value %s; expected %s", e.field, e.value, e.want)
}

// writeJSON encodes v with the status. A jsonAppender writes its own JSON,
// which is the same as encoding/json's, into a pooled buffer and is sent
// with Content-Length. Any other value goes through encoding/json.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	if a, ok := v.(jsonAppender); ok && writeAppended(w, status, a) {
		return
	}

	w.WriteHeader(status)
	if v == nil {
		return
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v) //nolint:errcheck // an error means the client went away
}

// writeList sends a page of a list as a JSON array (never null) with the
// Last-Page header Clockify sends on paginated lists.
func writeList[T any](w http.ResponseWriter, items []T, last bool) {
	if items == nil {
		items = []T{}
	}
	w.Header().Set("Last-Page", strconv.FormatBool(last))
	writeJSON(w, http.StatusOK, listBody(items))
}
