package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// table is a CSV export read whole: its header and its records, each with
// the line on which it starts.
type table struct {
	file    string
	header  []string
	records [][]string
	lines   []int
	index   map[string][]int // header name folded to lower case -> positions
}

// utf8BOM starts Toggl's exports.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// readTable reads a comma-separated file with a header line. Quotes follow
// RFC 4180 (a quote inside a quoted field is doubled) and a backslash is an
// ordinary character, as in Clockify's and Toggl's exports. A leading UTF-8
// byte-order mark is skipped.
func readTable(file string, r io.Reader) (*table, error) {
	br := bufio.NewReader(r)
	if head, err := br.Peek(len(utf8BOM)); err == nil && bytes.Equal(head, utf8BOM) {
		br.Discard(len(utf8BOM)) //nolint:errcheck // the bytes were peeked
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = 0 // every record must have as many fields as the header

	t := &table{file: file, index: map[string][]int{}}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(file, err)
		}
		line, _ := cr.FieldPos(0)
		for i, cell := range rec {
			if !utf8.ValidString(cell) {
				return nil, &Error{File: file, Line: line, Column: columnName(t.header, i),
					Expected: "the file is not UTF-8 text; export it again with UTF-8 encoding"}
			}
			if strings.ContainsRune(cell, 0) {
				return nil, &Error{File: file, Line: line, Column: columnName(t.header, i),
					Expected: "the value contains a NUL character, which text fields cannot hold"}
			}
		}
		if t.header == nil {
			t.header = rec
			for i, name := range rec {
				key := strings.ToLower(strings.TrimSpace(name))
				t.index[key] = append(t.index[key], i)
			}
			continue
		}
		t.records = append(t.records, rec)
		t.lines = append(t.lines, line)
	}
	if t.header == nil {
		return nil, &Error{File: file, Expected: "the file is empty; expected a header line with column names"}
	}
	return t, nil
}

// csvError turns a CSV syntax error into an Error with its line.
func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = "the record does not have as many fields as the header"
		}
		return &Error{File: file, Line: pe.StartLine, Expected: "not a valid CSV file: " + msg, Err: err}
	}
	return &Error{File: file, Expected: fmt.Sprintf("reading the file failed: %v", err), Err: err}
}

// columnName returns the header name of column i, or its 1-based number
// while the header itself is read.
func columnName(header []string, i int) string {
	if i < len(header) {
		return strings.TrimSpace(header[i])
	}
	return fmt.Sprintf("#%d", i+1)
}

// column finds the first of names (alternative headers of one column, in
// any letter case) that the header contains, and returns its position, or
// -1. A name that the header repeats is an error, because the importer could
// not tell which of the columns to read.
func (t *table) column(names ...string) (int, error) {
	for _, name := range names {
		pos := t.index[strings.ToLower(name)]
		switch {
		case len(pos) == 1:
			return pos[0], nil
		case len(pos) > 1:
			return -1, &Error{File: t.file, Line: 1, Column: strings.TrimSpace(t.header[pos[0]]),
				Expected: fmt.Sprintf("the header has this column %d times (positions %s); remove the extra ones", len(pos), positions(pos))}
		}
	}
	return -1, nil
}

// requireColumn is column for a column the import cannot do without.
func (t *table) requireColumn(names ...string) (int, error) {
	i, err := t.column(names...)
	if err != nil || i >= 0 {
		return i, err
	}
	return -1, &Error{File: t.file, Line: 1, Column: names[0], Expected: fmt.Sprintf(
		"the header lacks this column (it has %s); export the file with English headers and this column included",
		strings.Join(t.header, ", "))}
}

// columnWithPrefix returns the position and full name of the first header
// that starts with prefix in any letter case, such as "Billable Rate (" for
// "Billable Rate (EUR)", or -1.
func (t *table) columnWithPrefix(prefix string) (int, string) {
	for i, name := range t.header {
		name = strings.TrimSpace(name)
		if len(name) >= len(prefix) && strings.EqualFold(name[:len(prefix)], prefix) {
			return i, name
		}
	}
	return -1, ""
}

func positions(pos []int) string {
	parts := make([]string, len(pos))
	for i, p := range pos {
		parts[i] = fmt.Sprint(p + 1)
	}
	return strings.Join(parts, ", ")
}

// cell returns the trimmed value of column i of record r, or "" when the
// file has no such column.
func (t *table) cell(r, i int) string {
	if i < 0 {
		return ""
	}
	return strings.TrimSpace(t.records[r][i])
}

// errAt returns an Error for record r's value in column i.
func (t *table) errAt(r, i int, expected string) *Error {
	return &Error{File: t.file, Line: t.lines[r], Column: columnName(t.header, i),
		Value: t.records[r][i], HasValue: true, Expected: expected}
}
