package api

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The tests in this file compare the JSON appenders byte for byte with
// encoding/json, which writeJSON uses for every value without an appender. Values come
// from a generator that fills every exported field of a DTO by reflection,
// so a field added to a DTO but not to its appender makes them fail.

// encodeReference returns what encoding/json's Encoder writes for v with
// HTML escaping off, including the trailing newline, as writeJSON sends it
// for values without an appender.
func encodeReference(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return buf.Bytes(), err
}

// appendResponse returns what writeAppended sends for a: its JSON and a
// newline.
func appendResponse(a jsonAppender) ([]byte, error) {
	b, err := a.appendJSON(nil)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// firstDifference describes where got and want first differ.
func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-40)
	return fmt.Sprintf("first difference at byte %d of %d (want %d bytes)\n got: %q\nwant: %q",
		i, len(got), len(want), got[from:min(len(got), i+40)], want[from:min(len(want), i+40)])
}

// sameAsEncodingJSON returns an error unless a's response bytes equal
// encoding/json's for the same value, or both fail.
func sameAsEncodingJSON(a jsonAppender) error {
	want, wantErr := encodeReference(a)
	got, gotErr := appendResponse(a)
	switch {
	case wantErr != nil && gotErr == nil:
		return fmt.Errorf("encoding/json failed (%v) but the appender wrote %q", wantErr, got)
	case wantErr == nil && gotErr != nil:
		return fmt.Errorf("the appender failed (%v) but encoding/json wrote %q", gotErr, want)
	case !bytes.Equal(got, want):
		return fmt.Errorf("%T: %s", a, firstDifference(got, want))
	}
	return nil
}

// entropy is the source of the generator's choices: a seeded random source
// in the property test, the fuzzer's bytes in the fuzz target.
type entropy interface {
	uint64() uint64
	text() string
}

// hostilePieces are the string parts that encoding/json treats specially,
// or that a hand-written encoder is likely to get wrong.
var hostilePieces = []string{
	"", "a", "Zz 09", `"`, `\`, "/", "<", ">", "&", "</script>", `\u2028`, "'",
	"\x00", "\x01", "\x1f", "\x7f", "\b", "\f", "\n", "\r", "\t", "\v",
	"\u2028", "\u2029", "\u2027", "\u202a", "\ufffd", "\ufeff", "\u00a0", "é", "日本", "😀", "\U0010ffff",
	"\xff", "\x80", "\xc3", "\xc3(", "\xe2\x80", "\xe2\x80\xa8\xa8", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xaf",
}

type randomEntropy struct{ r *rand.Rand }

func (e randomEntropy) uint64() uint64 { return e.r.Uint64() }

// text joins up to eight hostile pieces, or returns up to 12 random bytes.
func (e randomEntropy) text() string {
	if e.r.IntN(8) == 0 {
		b := make([]byte, e.r.IntN(13))
		for i := range b {
			b[i] = byte(e.r.IntN(256))
		}
		return string(b)
	}
	var s string
	for range e.r.IntN(9) {
		s += hostilePieces[e.r.IntN(len(hostilePieces))]
	}
	return s
}

// byteEntropy reads choices from fuzz input. Once the input runs out every
// choice is 0 and every string empty, so generation ends.
type byteEntropy struct{ data []byte }

func (e *byteEntropy) uint64() uint64 {
	var buf [8]byte
	n := copy(buf[:], e.data)
	e.data = e.data[n:]
	return binary.LittleEndian.Uint64(buf[:])
}

// text takes the next byte, modulo 32, as a length and that many raw input
// bytes.
func (e *byteEntropy) text() string {
	if len(e.data) == 0 {
		return ""
	}
	n := min(int(e.data[0]%32), len(e.data)-1)
	s := string(e.data[1 : 1+n])
	e.data = e.data[1+n:]
	return s
}

// generator fills values of the DTO types with choices from src.
type generator struct {
	t   testing.TB
	src entropy
}

func (g generator) intn(n int) int { return int(g.src.uint64() % uint64(n)) }

// specialFloats are the float64 values at the edges of encoding/json's
// format: the switch to exponent form at 1e-6 and 1e21, negative zero,
// subnormals and the largest values.
var specialFloats = []float64{
	0, math.Copysign(0, -1), 1, -1, 0.1, 12.5, 1e-6, 9.999999999999999e-7, 1e-7, -1e-7, 1e20, 1e21,
	-1e21, 999999999999999900000, 1.5e300, 1e-300, math.MaxFloat64, -math.MaxFloat64,
	math.SmallestNonzeroFloat64, 5e-324, 1 << 53, 123456789.123, 1e-10, 2.5e-8,
}

func (g generator) float() float64 {
	switch g.intn(4) {
	case 0:
		return specialFloats[g.intn(len(specialFloats))]
	case 1:
		return float64(int64(g.src.uint64())) / 1000
	default:
		// Random bits: any exponent, and now and then NaN or an infinity,
		// which encoding/json cannot encode.
		return math.Float64frombits(g.src.uint64())
	}
}

func (g generator) int() int64 {
	switch g.intn(4) {
	case 0:
		return []int64{0, -1, 1, math.MaxInt64, math.MinInt64}[g.intn(5)]
	default:
		return int64(g.src.uint64()) >> g.intn(64)
	}
}

// fill sets every exported field reachable from v, which must be settable.
// Pointers, slices and maps are nil about a quarter of the time, slices
// are empty another quarter, and interfaces hold any of the types that
// appendAny writes itself or hands to encoding/json.
func (g generator) fill(v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(g.src.text())
	case reflect.Bool:
		v.SetBool(g.intn(2) == 1)
	case reflect.Int, reflect.Int64:
		v.SetInt(g.int())
	case reflect.Float64:
		v.SetFloat(g.float())
	case reflect.Pointer:
		if g.intn(4) == 0 {
			v.SetZero()
			return
		}
		p := reflect.New(v.Type().Elem())
		g.fill(p.Elem(), depth)
		v.Set(p)
	case reflect.Slice:
		switch g.intn(4) {
		case 0:
			v.SetZero()
		case 1:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		default:
			s := reflect.MakeSlice(v.Type(), 1+g.intn(3), 3)
			for i := range s.Len() {
				g.fill(s.Index(i), depth+1)
			}
			v.Set(s)
		}
	case reflect.Map:
		if g.intn(4) == 0 {
			v.SetZero()
			return
		}
		m := reflect.MakeMap(v.Type())
		for range g.intn(4) {
			key := reflect.New(v.Type().Key()).Elem()
			g.fill(key, depth+1)
			elem := reflect.New(v.Type().Elem()).Elem()
			g.fill(elem, depth+1)
			m.SetMapIndex(key, elem)
		}
		v.Set(m)
	case reflect.Interface:
		if x := g.anyValue(depth); x != nil {
			v.Set(reflect.ValueOf(x))
		} else {
			v.SetZero()
		}
	case reflect.Struct:
		for i := range v.NumField() {
			// Exported fields, and the fields of embedded structs such as
			// hydratedEntryDTO's timeEntryDTO, are what encoding/json writes.
			if f := v.Type().Field(i); f.IsExported() || f.Anonymous {
				g.fill(v.Field(i), depth)
			}
		}
	default:
		g.t.Fatalf("the generator has no case for %s (%s); add one so that the field is compared", v.Type(), v.Kind())
	}
}

// fallbackValue is a type without an appender, which appendAny hands to
// encoding/json.
type fallbackValue struct {
	Text   string  `json:"text"`
	Number float32 `json:"number"`
	Skip   string  `json:"-"`
	Empty  string  `json:"empty,omitempty"`
}

// anyValue returns a value for an interface field.
func (g generator) anyValue(depth int) any {
	limit := 13
	if depth > 3 {
		limit = 6 // no more nesting
	}
	switch g.intn(limit) {
	case 0:
		return nil
	case 1:
		return g.src.text()
	case 2:
		return g.intn(2) == 1
	case 3:
		return g.float()
	case 4:
		return int(g.int())
	case 5:
		return g.int()
	case 6:
		var list []string
		g.fill(reflect.ValueOf(&list).Elem(), depth+1)
		return list
	case 7:
		var list []any
		g.fill(reflect.ValueOf(&list).Elem(), depth+1)
		return list
	case 8:
		var m map[string]any
		g.fill(reflect.ValueOf(&m).Elem(), depth+1)
		return m
	case 9:
		return fallbackValue{Text: g.src.text(), Number: float32(g.float()), Skip: "x"}
	case 10:
		return []byte(g.src.text())
	case 11:
		return json.Number(strconv.FormatInt(g.int(), 10))
	default:
		return map[string]string{g.src.text(): g.src.text()}
	}
}

// generate returns a new *T with every field filled.
func generate[T any](g generator) *T {
	v := new(T)
	g.fill(reflect.ValueOf(v).Elem(), 0)
	return v
}

// generators are constructors of generated values, one for each response
// type with an appender.
var generators = []func(g generator) jsonAppender{
	func(g generator) jsonAppender { return generate[timeEntryDTO](g) },
	func(g generator) jsonAppender { return generate[hydratedEntryDTO](g) },
	func(g generator) jsonAppender { return generate[projectDTO](g) },
	func(g generator) jsonAppender { return generate[userDTO](g) },
	func(g generator) jsonAppender { return *generate[jsonArray[timeEntryDTO]](g) },
	func(g generator) jsonAppender { return *generate[jsonArray[hydratedEntryDTO]](g) },
}

func TestEntryAppendersMatchEncodingJSON(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	g := generator{t: t, src: randomEntropy{rand.New(rand.NewPCG(seed, 1))}}
	iterations := 3000
	if testing.Short() {
		iterations = 300
	}

	failures := 0
	for i := range iterations {
		for _, gen := range generators {
			if err := sameAsEncodingJSON(gen(g)); err != nil {
				t.Errorf("seed %d, iteration %d: %v", seed, i, err)
				failures++
			}
		}
		if failures >= 5 {
			t.Fatal("stopping after 5 failures")
		}
	}
}

func TestAppendersOfNilAndEmpty(t *testing.T) {
	values := []jsonAppender{
		(*timeEntryDTO)(nil), (*hydratedEntryDTO)(nil), (*projectDTO)(nil), (*userDTO)(nil),
		&timeEntryDTO{}, &hydratedEntryDTO{}, &projectDTO{}, &userDTO{},
		jsonArray[timeEntryDTO](nil), jsonArray[timeEntryDTO]{}, jsonArray[hydratedEntryDTO]{{}},
		&hydratedEntryDTO{Kiosk: &struct{}{}},
	}
	for _, a := range values {
		if err := sameAsEncodingJSON(a); err != nil {
			t.Errorf("%#v: %v", a, err)
		}
	}
}

func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	var all []string
	for c := range 256 {
		all = append(all, string(rune(c)), string([]byte{byte(c)}))
	}
	all = append(all, hostilePieces...)
	// The same at every offset within and beyond the eight bytes that
	// appendString checks at once.
	for _, piece := range all[:len(all):len(all)] {
		for offset := range 17 {
			all = append(all, strings.Repeat("a", offset)+piece+strings.Repeat("z", 16-offset))
		}
	}
	for _, s := range all {
		if err := sameString(s); err != nil {
			t.Error(err)
		}
	}
}

func TestAppendFloatMatchesEncodingJSON(t *testing.T) {
	for _, f := range specialFloats {
		for _, x := range []float64{f, -f, math.Nextafter(f, 0), math.Nextafter(f, math.Inf(1))} {
			if err := sameAsEncodingJSON(&timeEntryDTO{CustomFieldValues: []entryFieldValueDTO{{Value: x}}}); err != nil {
				t.Errorf("%v: %v", x, err)
			}
		}
	}
	for _, x := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if _, err := appendFloat(nil, x); err == nil {
			t.Errorf("appendFloat(%v): no error, want one because JSON has no form for it", x)
		}
	}
}

// sameString returns an error unless appendString writes what
// encoding/json writes for s.
func sameString(s string) error {
	want, err := encodeReference(s)
	if err != nil {
		return fmt.Errorf("encoding/json: %q: %v", s, err)
	}
	got := append(appendString(nil, s), '\n')
	if !bytes.Equal(got, want) {
		return fmt.Errorf("string %q: %s", s, firstDifference(got, want))
	}
	return nil
}

func FuzzAppendString(f *testing.F) {
	for _, s := range hostilePieces {
		f.Add(s)
	}
	f.Add("plain text with \"quotes\", a \\ and a tab\t")
	f.Add("\xe2\x80\xa8\xe2\x80\xa9\xe2\x80\xaa")

	f.Fuzz(func(t *testing.T, s string) {
		if err := sameString(s); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzEntryAppenders generates every appender's value from the fuzz input
// and compares its bytes with encoding/json's.
func FuzzEntryAppenders(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("\xff\xff\xff\xff\xff\xff\xff\xff"))
	for _, s := range hostilePieces {
		f.Add([]byte(s + s + s + s + s + s + s + s + s))
	}
	seeds := rand.New(rand.NewPCG(1, 2))
	for kind := range 4 * len(generators) {
		b := make([]byte, 8+64+seeds.IntN(1024))
		for i := range b {
			b[i] = byte(seeds.IntN(256))
		}
		binary.LittleEndian.PutUint64(b, uint64(kind%len(generators))) // the first choice picks the type
		f.Add(b)
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		g := generator{t: t, src: &byteEntropy{data: data}}
		a := generators[g.intn(len(generators))](g)
		if err := sameAsEncodingJSON(a); err != nil {
			t.Fatal(err)
		}
	})
}

func TestWriteJSONAppenderResponse(t *testing.T) {
	g := generator{t: t, src: randomEntropy{rand.New(rand.NewPCG(7, 7))}}
	for range 50 {
		d := generate[hydratedEntryDTO](g)
		want, wantErr := encodeReference(d)

		rec := httptest.NewRecorder()
		writeJSON(rec, http.StatusCreated, d)

		if rec.Code != http.StatusCreated {
			t.Errorf("status %d, want %d", rec.Code, http.StatusCreated)
		}
		if got := rec.Body.Bytes(); !bytes.Equal(got, want) {
			t.Errorf("body: %s", firstDifference(got, want))
		}
		wantLength := strconv.Itoa(len(want))
		if wantErr != nil {
			wantLength = "" // encoding/json wrote nothing and set no length
		}
		if got := rec.Header().Get("Content-Length"); got != wantLength {
			t.Errorf("Content-Length %q, want %q (encoding/json error: %v)", got, wantLength, wantErr)
		}
		if got := rec.Header().Get("Content-Type"); got != "application/json" {
			t.Errorf("Content-Type %q, want application/json", got)
		}
	}
}

func TestWriteJSONFallsBackOnNaN(t *testing.T) {
	d := &timeEntryDTO{CustomFieldValues: []entryFieldValueDTO{{Value: math.NaN()}}}

	rec := httptest.NewRecorder()
	writeJSON(rec, http.StatusOK, d)

	if rec.Body.Len() != 0 {
		t.Errorf("body %q, want none, as encoding/json writes nothing for NaN", rec.Body.String())
	}
	if got := rec.Header().Get("Content-Length"); got != "" {
		t.Errorf("Content-Length %q, want none", got)
	}
}

func TestWriteListUsesAppenders(t *testing.T) {
	rows := []timeEntryDTO{{ID: "a", Description: "<b>&\u2028"}, {ID: "b"}}
	if _, ok := listBody(rows).(jsonAppender); !ok {
		t.Errorf("listBody of time entries is %T, want a jsonAppender", listBody(rows))
	}
	if _, ok := listBody([]tagDTO{}).(jsonAppender); ok {
		t.Error("listBody of tags is a jsonAppender, but tagDTO has no appender")
	}

	rec := httptest.NewRecorder()
	writeList[timeEntryDTO](rec, nil, true)

	if got := rec.Body.String(); got != "[]\n" {
		t.Errorf("body of a nil list %q, want %q", got, "[]\n")
	}
	if got := rec.Header().Get("Last-Page"); got != "true" {
		t.Errorf("Last-Page %q, want true", got)
	}
	if got := rec.Header().Get("Content-Length"); got != "3" {
		t.Errorf("Content-Length %q, want 3", got)
	}
}
