package importer_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/punchclock/punchclock/importer"
)

func TestProgressEstimate(t *testing.T) {
	p := importer.Progress{Done: 1000, Total: 4000, Elapsed: 2 * time.Second}
	if p.Rate() != 500 {
		t.Errorf("rate %v rows/s, want 500", p.Rate())
	}
	if p.Remaining() != 6*time.Second {
		t.Errorf("remaining %s, want 6s", p.Remaining())
	}
	if (importer.Progress{Total: 10}).Remaining() != 0 {
		t.Error("an estimate before any row was written is not 0")
	}
}

func TestProgressPrinter(t *testing.T) {
	var b bytes.Buffer
	print := importer.ProgressPrinter(&b)
	print(importer.Progress{Done: 500, Total: 1000, Elapsed: time.Second})
	if got := b.String(); !strings.HasPrefix(got, "\rimported 500 of 1000 rows, 500 rows/s, about 1s left") || strings.Contains(got, "\n") {
		t.Errorf("first line %q", got)
	}
	print(importer.Progress{Done: 1000, Total: 1000, Elapsed: 2 * time.Second})
	if !strings.HasSuffix(b.String(), "\n") {
		t.Errorf("output %q does not end the line after the last batch", b.String())
	}
}

func TestFormatHours(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                "0:00:00",
		59 * time.Second: "0:00:59",
		412*time.Hour + 3*time.Minute + 15*time.Second: "412:03:15",
	} {
		if got := importer.FormatHours(d); got != want {
			t.Errorf("FormatHours(%s) = %s, want %s", d, got, want)
		}
	}
}
