package reports

import (
	"bytes"
	"fmt"
	"os"
	"testing"
)

// A CSV table that moves rows to its spill file sends the same bytes as
// one that keeps them in memory, sends nothing before flush, and removes
// the file on release.
func TestCSVTableSpillKeepsRows(t *testing.T) {
	write := func(spillSize int) (*csvTable, *bytes.Buffer, []int) {
		var out bytes.Buffer
		table := newCSVTable(&out)
		table.spillSize = spillSize
		var sentBeforeFlush []int
		for chunk := range 3 {
			for i := range 40 {
				if err := table.row([]any{fmt.Sprintf("chunk %d row %d", chunk, i), "=formula", 1.5}); err != nil {
					t.Fatalf("row: %v", err)
				}
			}
			sentBeforeFlush = append(sentBeforeFlush, out.Len())
			if err := table.flush(); err != nil {
				t.Fatalf("flush: %v", err)
			}
		}
		if err := table.close(); err != nil {
			t.Fatalf("close: %v", err)
		}
		return table, &out, sentBeforeFlush
	}

	_, want, _ := write(1 << 30)
	spilled, got, sent := write(100)
	if spilled.spill == nil {
		t.Fatalf("rows of %d bytes were never moved to a spill file", got.Len())
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("the spilled table sent %d bytes that differ from the %d kept in memory", got.Len(), want.Len())
	}
	flushed := 0
	for chunk, n := range sent {
		if n != flushed {
			t.Errorf("chunk %d: %d bytes reached the client before flush, want %d", chunk, n, flushed)
		}
		flushed = len(want.Bytes()) * (chunk + 1) / len(sent)
	}

	name := spilled.spill.Name()
	spilled.release()
	if _, err := os.Stat(name); !os.IsNotExist(err) {
		t.Errorf("the spill file %s is still there after release: %v", name, err)
	}
}
