package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/punchclock/punchclock/devseed"
)

// devSeed runs "dev seed": it fills a database with generated data and
// prints the admin's API key.
func devSeed(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("dev seed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("db", envOr("PUNCHCLOCK_DB", "punchclock.db"), "SQLite file path or postgres:// URL (env PUNCHCLOCK_DB)")
	var opts devseed.Options
	fs.IntVar(&opts.Entries, "entries", 100_000, "number of time entries, running timers included")
	fs.IntVar(&opts.Users, "users", 20, "number of users tracking time")
	fs.IntVar(&opts.Projects, "projects", 50, "number of projects")
	fs.IntVar(&opts.Years, "years", 2, "years of history before now that the entries span")
	fs.Uint64Var(&opts.Seed, "seed", 1, "random seed: the same seed and flags give the same data")
	fs.StringVar(&opts.WorkspaceID, "workspace-id", "", "fill this existing workspace instead of creating one")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("dev seed: unexpected argument %q; flags start with --", fs.Arg(0))
	}

	res, err := devseed.Run(ctx, *dsn, opts)
	if err != nil {
		return err
	}

	_, err = fmt.Fprintf(stdout, "seeded workspace %s in %s: %d users, %d clients, %d projects, %d tasks, %d tags, %d time entries (%d running)\nadmin %s (%s)\nAPI key: %s\n",
		res.WorkspaceID, res.Elapsed.Round(1e6), len(res.UserIDs), res.Clients, len(res.ProjectIDs), res.Tasks,
		len(res.TagIDs), res.Entries, res.Running, res.AdminEmail, res.AdminUserID, res.APIKey)
	return err
}
