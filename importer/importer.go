// Package importer reads the CSV files that Clockify and Toggl Track export
// and writes the time entries, projects, clients, tasks, tags and users they
// describe into a workspace through the domain store.
//
// An import reads and checks the whole file first, then resolves every name
// against the database in one read transaction, so that a bad row or an
// unresolvable name stops it before anything is written. It then writes in
// batches, one transaction each. Every imported entry is recorded under a
// key derived from its content, so importing the same file again creates
// nothing.
package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/punchclock/punchclock/domain"
)

// Kind is the kind of export file.
type Kind string

// The export files the importer reads.
const (
	ClockifyEntries  Kind = "clockify-csv"          // Clockify's detailed report
	ClockifyProjects Kind = "clockify-projects-csv" // Clockify's project list export
	TogglEntries     Kind = "toggl-csv"             // Toggl Track's time-entry export or detailed report
)

// DefaultBatchSize is the number of rows written per transaction.
const DefaultBatchSize = 500

// Options configure one import.
type Options struct {
	WorkspaceID string
	// Location is the time zone in which the export's wall times are read,
	// and the zone of the users the import creates. Required for entries.
	Location *time.Location
	// DateFormat is the layout of the export's dates. Empty means detect it,
	// which fails for files whose dates read both as MM/DD and as DD/MM.
	DateFormat DateFormat
	DryRun     bool
	BatchSize  int // 0 means DefaultBatchSize
	// Progress, when set, is called after each written batch.
	Progress func(Progress)
}

// Progress is how far the writing of an import has come.
type Progress struct {
	Done, Total int // rows
	Elapsed     time.Duration
}

// Rate returns the rows written per second so far.
func (p Progress) Rate() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Done) / p.Elapsed.Seconds()
}

// Remaining estimates the time left at the rate so far.
func (p Progress) Remaining() time.Duration {
	rate := p.Rate()
	if rate == 0 {
		return 0
	}
	return time.Duration(float64(p.Total-p.Done) / rate * float64(time.Second))
}

// Counts are the things an import created, or would create in a dry run.
type Counts struct {
	Entries  int
	Users    int // users the database lacked
	Members  int // workspace memberships added, those of new users included
	Clients  int
	Projects int
	Tasks    int
	Tags     int
	// Time is the summed duration of the entries created.
	Time time.Duration
}

func (c *Counts) add(o Counts) {
	c.Entries += o.Entries
	c.Users += o.Users
	c.Members += o.Members
	c.Clients += o.Clients
	c.Projects += o.Projects
	c.Tasks += o.Tasks
	c.Tags += o.Tags
	c.Time += o.Time
}

// Summary is the outcome of an import.
type Summary struct {
	File   string
	Kind   Kind
	DryRun bool
	Rows   int // data rows in the file
	// Skipped counts the entry rows that an earlier import created, or the
	// project rows whose project existed.
	Skipped int
	Created Counts
	// FileTime is the summed duration of every entry row in the file,
	// computed from its start and end columns.
	FileTime time.Duration
	// DurationMismatches counts the entry rows whose own duration column
	// disagrees with their start and end, which most often means that
	// --timezone is not the zone the export was made in. FirstMismatchLine
	// is the file line of the first of them.
	DurationMismatches int
	FirstMismatchLine  int
	// RateCurrency is the currency named in a project export's rate
	// header. Rates are stored as amounts in the workspace's currency.
	RateCurrency string
	Elapsed      time.Duration
}

// Import reads the export r, named file in messages, and imports it into the
// workspace of opts through st.
func Import(ctx context.Context, st domain.Store, kind Kind, file string, r io.Reader, opts Options) (Summary, error) {
	began := time.Now()
	sum := Summary{File: file, Kind: kind, DryRun: opts.DryRun}
	if opts.BatchSize <= 0 {
		opts.BatchSize = DefaultBatchSize
	}
	t, err := readTable(file, r)
	if err != nil {
		return sum, err
	}
	sum.Rows = len(t.records)

	switch kind {
	case ClockifyEntries, TogglEntries:
		if opts.Location == nil {
			return sum, errors.New("missing time zone: importing time entries needs the IANA zone of the export's times")
		}
		cols := clockifyColumns
		if kind == TogglEntries {
			cols = togglColumns
		}
		f, err := readEntries(t, cols, opts.Location, opts.DateFormat)
		if err != nil {
			return sum, err
		}
		for _, row := range f.rows {
			sum.FileTime += row.end.Sub(row.start)
			if row.durationDiffers {
				if sum.DurationMismatches == 0 {
					sum.FirstMismatchLine = row.line
				}
				sum.DurationMismatches++
			}
		}
		err = importEntries(ctx, st, f, opts, &sum)
		sum.Elapsed = time.Since(began)
		return sum, err
	case ClockifyProjects:
		f, err := readProjects(t)
		if err != nil {
			return sum, err
		}
		sum.RateCurrency = f.rateCurrency
		err = importProjects(ctx, st, f, opts, &sum)
		sum.Elapsed = time.Since(began)
		return sum, err
	}
	return sum, fmt.Errorf("unknown import kind %q", kind)
}

// zoneName returns the name of the zone of users an import creates.
func zoneName(loc *time.Location) string {
	if loc == nil {
		return "UTC"
	}
	return loc.String()
}

// inBatches runs write over consecutive batches of n rows, each in its own
// transaction, and reports progress after each. write may run more than
// once for one batch (see domain.Store.Update), so it must return its counts
// rather than add them up.
func inBatches(ctx context.Context, st domain.Store, total int, opts Options, sum *Summary,
	write func(tx domain.Tx, from, to int) (Counts, int, error)) error {
	began := time.Now()
	for from := 0; from < total; from += opts.BatchSize {
		to := min(from+opts.BatchSize, total)
		var counts Counts
		var skipped int
		err := st.Update(ctx, func(tx domain.Tx) error {
			var err error
			counts, skipped, err = write(tx, from, to)
			return err
		})
		if err != nil {
			return fmt.Errorf("%s: writing rows %d to %d failed, after %d earlier rows were imported; "+
				"importing the file again continues where it stopped: %w", sum.File, from+1, to, from, err)
		}
		sum.Created.add(counts)
		sum.Skipped += skipped
		if opts.Progress != nil {
			opts.Progress(Progress{Done: to, Total: total, Elapsed: time.Since(began)})
		}
	}
	return nil
}
