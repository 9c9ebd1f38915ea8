package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/importer"
	"github.com/punchclock/punchclock/store"
)

// importFile runs "import KIND FILE" and prints the import's summary.
func importFile(ctx context.Context, kind importer.Kind, args []string, stdout, stderr io.Writer) error {
	name := "import " + string(kind)
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("db", envOr("PUNCHCLOCK_DB", "punchclock.db"), "SQLite file path or postgres:// URL (env PUNCHCLOCK_DB)")
	workspaceID := fs.String("workspace-id", "", "id of the workspace to import into (required)")
	timezone := fs.String("timezone", "", "IANA time zone of the export's times, such as Europe/Berlin (required for time entries)")
	dateFormat := fs.String("date-format", "", "date format of the export: MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY or YYYY-MM-DD (default: detected)")
	dryRun := fs.Bool("dry-run", false, "check the file and report what would be created, without writing")
	file, err := parseWithFile(fs, args)
	if err != nil {
		return err
	}
	if file == "" {
		return fmt.Errorf("%s: missing FILE, the export to import", name)
	}
	if *workspaceID == "" {
		return fmt.Errorf("%s: --workspace-id is required", name)
	}
	if !domain.ValidID(*workspaceID) {
		return fmt.Errorf("%s: invalid --workspace-id %q: expected a 24-character hex id", name, *workspaceID)
	}

	opts := importer.Options{WorkspaceID: *workspaceID, DryRun: *dryRun}
	switch {
	case *timezone != "":
		if opts.Location, err = loadZone(*timezone); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	case kind != importer.ClockifyProjects:
		return fmt.Errorf("%s: --timezone is required: give the IANA time zone of the exporting account, such as Europe/Berlin", name)
	}
	if *dateFormat != "" {
		if opts.DateFormat, err = importer.ParseDateFormat(*dateFormat); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	if isTerminal(stderr) {
		opts.Progress = importer.ProgressPrinter(stderr)
	}

	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer f.Close()
	db, err := store.Open(ctx, *dsn, nil)
	if err != nil {
		return err
	}
	defer db.Close()

	sum, err := importer.Import(ctx, db, kind, file, f, opts)
	if err != nil {
		return err
	}
	return sum.WriteText(stdout)
}

// parseWithFile parses flags that may come before or after the one
// positional argument, and returns that argument.
func parseWithFile(fs *flag.FlagSet, args []string) (string, error) {
	var file string
	for {
		if err := fs.Parse(args); err != nil {
			return "", err
		}
		if fs.NArg() == 0 {
			return file, nil
		}
		if file != "" {
			return "", fmt.Errorf("%s: unexpected argument %q after FILE %q; flags start with --", fs.Name(), fs.Arg(0), file)
		}
		file, args = fs.Arg(0), fs.Args()[1:]
	}
}

// loadZone loads an IANA time zone. "Local" is rejected because it names
// this machine's zone rather than the export's.
func loadZone(name string) (*time.Location, error) {
	loc, err := time.LoadLocation(name)
	if err != nil || strings.EqualFold(name, "Local") {
		return nil, fmt.Errorf("unknown time zone %q: give an IANA name such as Europe/Berlin", name)
	}
	return loc, nil
}

// terminalReporter is a writer that states itself whether it is a
// terminal. Tests use it to stand in for one.
type terminalReporter interface {
	IsTerminal() bool
}

// isTerminal reports whether w is a character device such as a terminal, or
// a terminalReporter that reports being one.
func isTerminal(w io.Writer) bool {
	if r, ok := w.(terminalReporter); ok {
		return r.IsTerminal()
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// errUnknownImport is returned for an import kind the command lacks.
var errUnknownImport = errors.New("unknown import: use clockify-csv, clockify-projects-csv or toggl-csv")
