package reports

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// xlsxTable fills one sheet through excelize's stream writer, which moves
// rows to a temporary file past a threshold, so a large export does not
// hold its rows in memory.
type xlsxTable struct {
	w      io.Writer
	file   *excelize.File
	stream *excelize.StreamWriter
	next   int // the next row number, from 1
	err    error
}

// xlsxSheet is the name of the one sheet of an XLSX export.
const xlsxSheet = "Sheet1"

func newXLSXTable(w io.Writer) *xlsxTable {
	t := &xlsxTable{w: w, file: excelize.NewFile(), next: 1}
	t.stream, t.err = t.file.NewStreamWriter(xlsxSheet)
	return t
}

func (t *xlsxTable) row(cells []any) error {
	if t.err != nil {
		return t.err
	}
	cell, err := excelize.CoordinatesToCellName(1, t.next)
	if err != nil {
		return err
	}
	t.next++
	values := make([]any, len(cells))
	copy(values, cells)
	if err := t.stream.SetRow(cell, values); err != nil {
		return fmt.Errorf("writing xlsx row %d: %w", t.next-1, err)
	}
	return nil
}

// flush does nothing: an XLSX file is a zip archive written whole by close.
func (t *xlsxTable) flush() error { return nil }

func (t *xlsxTable) close() error {
	defer t.file.Close()
	if t.err != nil {
		return t.err
	}
	if err := t.stream.Flush(); err != nil {
		return fmt.Errorf("flushing the xlsx sheet: %w", err)
	}
	if err := t.file.Write(t.w); err != nil {
		return fmt.Errorf("writing the xlsx file: %w", err)
	}
	return nil
}
