package importer

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// WriteText writes the summary as "label: value" lines.
func (s Summary) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "file: %s (%s, %d rows)\n", s.File, s.Kind, s.Rows)
	verb, imported := "created", "time imported"
	if s.DryRun {
		b.WriteString("dry run: nothing was written; the counts are what an import would create\n")
		verb, imported = "to create", "time to import"
	}

	entries := s.Kind != ClockifyProjects
	if entries {
		fmt.Fprintf(&b, "entries %s: %d\n", verb, s.Created.Entries)
		fmt.Fprintf(&b, "rows skipped: %d (imported before)\n", s.Skipped)
		fmt.Fprintf(&b, "users %s: %d\n", verb, s.Created.Users)
		fmt.Fprintf(&b, "members %s: %d\n", verb, s.Created.Members)
	} else {
		fmt.Fprintf(&b, "projects existing: %d\n", s.Skipped)
	}

	fmt.Fprintf(&b, "clients %s: %d\n", verb, s.Created.Clients)
	fmt.Fprintf(&b, "projects %s: %d\n", verb, s.Created.Projects)
	fmt.Fprintf(&b, "tasks %s: %d\n", verb, s.Created.Tasks)
	if entries {
		fmt.Fprintf(&b, "tags %s: %d\n", verb, s.Created.Tags)
		fmt.Fprintf(&b, "%s: %s\n", imported, FormatHours(s.Created.Time))
		fmt.Fprintf(&b, "time in file: %s\n", FormatHours(s.FileTime))
		if s.DurationMismatches > 0 {
			fmt.Fprintf(&b, "warning: %d rows have a duration column that differs from their start and end, the first on line %d; check that --timezone is the zone of the export\n",
				s.DurationMismatches, s.FirstMismatchLine)
		}
	}

	if s.RateCurrency != "" {
		fmt.Fprintf(&b, "rates: the file's amounts in %s are stored as amounts in the workspace's currency\n", s.RateCurrency)
	}
	fmt.Fprintf(&b, "elapsed: %s\n", s.Elapsed.Round(time.Millisecond))
	_, err := io.WriteString(w, b.String())
	return err
}

// FormatHours formats d as hours, minutes and seconds, such as 412:03:15.
func FormatHours(d time.Duration) string {
	sec := int64(d / time.Second)
	return fmt.Sprintf("%d:%02d:%02d", sec/3600, sec%3600/60, sec%60)
}

// ProgressPrinter returns a Progress function that rewrites one line of w,
// a terminal, with the rows written, the rate and an estimate of the time
// left. It ends the line after the last batch.
func ProgressPrinter(w io.Writer) func(Progress) {
	return func(p Progress) {
		fmt.Fprintf(w, "\rimported %d of %d rows, %.0f rows/s, about %s left   ",
			p.Done, p.Total, p.Rate(), p.Remaining().Round(time.Second))
		if p.Done >= p.Total {
			fmt.Fprintln(w)
		}
	}
}
