package apitest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// NoKey as a Case's Key sends no credentials.
const NoKey = "-"

// Case is one HTTP scenario, a request and the checks its response must pass.
type Case struct {
	Name   string
	Method string
	Path   string            // under /api, such as /v1/workspaces/{ws}/tags, or a /report/ path; {name} takes Env.Vars
	Key    string            // API key; "" is the owner's, NoKey sends none
	Header map[string]string // extra request headers
	Body   any               // a string is sent as is (after {name} substitution), anything else as JSON
	Status int
	Checks []Check
}

// Check inspects a response and reports problems with t.Errorf.
type Check func(t testing.TB, r *Response)

// Run runs each case as a subtest, in order, against env.
func Run(t *testing.T, env *Env, cases []Case) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			r := env.Do(t, c.Method, c.Path, c.Key, c.Body, c.Header)
			if r.Status != c.Status {
				t.Fatalf("%s %s: status %d, want %d; body: %s", c.Method, r.Path, r.Status, c.Status, r.Body)
			}
			for _, check := range c.Checks {
				check(t, r)
			}
		})
	}
}

// Response is a received response with its body read.
type Response struct {
	env    *Env
	Path   string
	Status int
	Header http.Header
	Body   []byte
}

// Do sends one request and reads the whole response.
func (e *Env) Do(t testing.TB, method, path, key string, body any, header map[string]string) *Response {
	t.Helper()
	path = e.Expand(path)
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		reader = strings.NewReader(e.Expand(b))
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			t.Fatalf("encoding body: %v", err)
		}
		reader = bytes.NewReader([]byte(e.Expand(string(buf))))
	}

	base := e.URL + "/api"
	if strings.HasPrefix(path, "/report/") {
		// The reports API has its own base beside /api.
		base = e.URL
	}
	req, err := http.NewRequest(method, base+path, reader)
	if err != nil {
		t.Fatalf("building request: %v", err)
	}
	switch key {
	case NoKey:
	case "":
		req.Header.Set("X-Api-Key", e.Owner.Key)
	default:
		req.Header.Set("X-Api-Key", e.Expand(key))
	}
	if reader != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}

	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", method, path, err)
	}
	return &Response{env: e, Path: path, Status: resp.StatusCode, Header: resp.Header, Body: data}
}

// Expand replaces {name} placeholders with Env.Vars.
func (e *Env) Expand(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	for k, v := range e.Vars {
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	return s
}

// MustDo is Do that fails the test unless the status is want, and returns
// the decoded JSON body.
func (e *Env) MustDo(t testing.TB, method, path, key string, body any, want int) any {
	t.Helper()
	r := e.Do(t, method, path, key, body, nil)
	if r.Status != want {
		t.Fatalf("%s %s: status %d, want %d; body: %s", method, r.Path, r.Status, want, r.Body)
	}
	return r.JSON(t)
}

// JSON decodes the body. Numbers stay json.Number so integers compare exactly.
func (r *Response) JSON(t testing.TB) any {
	t.Helper()
	if len(bytes.TrimSpace(r.Body)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(r.Body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%s: body is not JSON: %v; body: %s", r.Path, err, r.Body)
	}
	return v
}

// Lookup walks a decoded JSON value along a dotted path such as
// "timeInterval.duration" or "0.tags.1.name". ok is false when a step is missing.
func Lookup(v any, path string) (any, bool) {
	if path == "" {
		return v, true
	}
	for step := range strings.SplitSeq(path, ".") {
		switch node := v.(type) {
		case map[string]any:
			next, ok := node[step]
			if !ok {
				return nil, false
			}
			v = next
		case []any:
			i, err := strconv.Atoi(step)
			if err != nil || i < 0 || i >= len(node) {
				return nil, false
			}
			v = node[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// Str returns the string at path in v, failing the test when it is not one.
func Str(t testing.TB, v any, path string) string {
	t.Helper()
	got, ok := Lookup(v, path)
	s, isString := got.(string)
	if !ok || !isString {
		t.Fatalf("%s: want a string, got %#v", path, got)
	}
	return s
}

// Equal checks that the value at path equals want. Numbers compare by their
// text, so Equal("code", 501) matches the JSON number 501, and a string want
// has its {name} placeholders expanded first.
func Equal(path string, want any) Check {
	return func(t testing.TB, r *Response) {
		t.Helper()
		if s, ok := want.(string); ok && r.env != nil {
			want = r.env.Expand(s)
		}
		got, ok := Lookup(r.JSON(t), path)
		if !ok {
			t.Errorf("%s: %q is missing; body: %s", r.Path, path, r.Body)
			return
		}
		if !sameJSON(got, want) {
			t.Errorf("%s: %q = %#v, want %#v", r.Path, path, got, want)
		}
	}
}

// Missing checks that path is absent from the body.
func Missing(path string) Check {
	return func(t testing.TB, r *Response) {
		t.Helper()
		if got, ok := Lookup(r.JSON(t), path); ok {
			t.Errorf("%s: %q = %#v, want it absent", r.Path, path, got)
		}
	}
}

// Contains checks that the string at path contains sub.
func Contains(path, sub string) Check {
	return func(t testing.TB, r *Response) {
		t.Helper()
		got, _ := Lookup(r.JSON(t), path)
		s, ok := got.(string)
		if !ok || !strings.Contains(s, sub) {
			t.Errorf("%s: %q = %#v, want a string containing %q", r.Path, path, got, sub)
		}
	}
}

// Len checks that the array at path has n elements.
func Len(path string, n int) Check {
	return func(t testing.TB, r *Response) {
		t.Helper()
		got, _ := Lookup(r.JSON(t), path)
		list, ok := got.([]any)
		if !ok {
			t.Errorf("%s: %q = %#v, want an array", r.Path, path, got)
			return
		}
		if len(list) != n {
			t.Errorf("%s: %q has %d elements, want %d; body: %s", r.Path, path, len(list), n, r.Body)
		}
	}
}

// HeaderIs checks a response header.
func HeaderIs(name, want string) Check {
	return func(t testing.TB, r *Response) {
		t.Helper()
		if got := r.Header.Get(name); got != want {
			t.Errorf("%s: header %s = %q, want %q", r.Path, name, got, want)
		}
	}
}

// ErrorBody checks Clockify's error shape: a JSON content type and the code.
func ErrorBody(code int) Check {
	return func(t testing.TB, r *Response) {
		t.Helper()
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s: Content-Type %q, want application/json", r.Path, ct)
		}
		Equal("code", code)(t, r)
		Contains("message", "")(t, r)
	}
}

// Store saves the string at path into Env.Vars[name] for later cases.
func Store(env *Env, name, path string) Check {
	return func(t testing.TB, r *Response) {
		t.Helper()
		env.Vars[name] = Str(t, r.JSON(t), path)
	}
}

func sameJSON(got, want any) bool {
	if n, ok := got.(json.Number); ok {
		return n.String() == fmt.Sprint(want)
	}
	if want == nil {
		return got == nil
	}
	if s, ok := want.(string); ok {
		return got == s
	}
	if b, ok := want.(bool); ok {
		return got == b
	}
	wb, err := json.Marshal(want)
	if err != nil {
		return false
	}
	var normalized any
	dec := json.NewDecoder(bytes.NewReader(wb))
	dec.UseNumber()
	if dec.Decode(&normalized) != nil {
		return false
	}
	return reflect.DeepEqual(got, normalized)
}
