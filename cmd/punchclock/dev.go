package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/punchclock/punchclock/devload"
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
	fs.Uint64Var(&opts.Seed, "seed", 1, "random seed: the same seed and flags give the same names, counts and entries, placed relative to the time of the run. Each seed creates one workspace per database and fills each --workspace-id once")
	fs.StringVar(&opts.WorkspaceID, "workspace-id", "", "fill this existing workspace instead of creating one")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("dev seed: unexpected argument %q; flags start with --", fs.Arg(0))
	}

	res, err := devseed.Run(ctx, *dsn, opts)
	if errors.Is(err, devseed.ErrSeedUsed) {
		return fmt.Errorf("%w. Pass another --seed to add new users, or seed a new database", err)
	}
	if err != nil {
		return err
	}

	_, err = fmt.Fprintf(stdout, "seeded workspace %s in %s: %d users, %d clients, %d projects, %d tasks, %d tags, %d time entries (%d running)\nadmin %s (%s)\nAPI key: %s\n",
		res.WorkspaceID, res.Elapsed.Round(1e6), len(res.UserIDs), res.Clients, len(res.ProjectIDs), res.Tasks,
		len(res.TagIDs), res.Entries, res.Running, res.AdminEmail, res.AdminUserID, res.APIKey)
	return err
}

// devLoad runs "dev load": an open-loop HTTP load against a server on this
// machine, and prints what it measured.
func devLoad(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("dev load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts devload.Options
	fs.StringVar(&opts.BaseURL, "base", "http://127.0.0.1:8080", "server root on a loopback address")
	fs.StringVar(&opts.Key, "key", "", "API key of the user whose entries the load reads and writes (required)")
	fs.DurationVar(&opts.Duration, "duration", 30*time.Second, "how long to send requests, such as 30s or 5m")
	fs.Float64Var(&opts.Rate, "rate", 100, "requests started per second, whatever the response times")
	mix := fs.String("mix", "create=20,get=40,list=30,report=10", "relative weights of the operations create, get, list and report")
	fs.IntVar(&opts.PID, "pid", 0, "the server's process id, to read its memory from /proc (default: its /metrics)")
	fs.Uint64Var(&opts.Seed, "seed", 1, "random seed of the operations and request bodies")
	fs.IntVar(&opts.MaxInFlight, "max-in-flight", 4096, "requests that may wait for a response at once; later ones are dropped and counted")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("dev load: unexpected argument %q; flags start with --", fs.Arg(0))
	}
	if opts.Key == "" {
		return errors.New("dev load: --key is required: pass the API key that dev seed printed")
	}
	var err error
	if opts.Mix, err = devload.ParseMix(*mix); err != nil {
		return err
	}

	rep, err := devload.Run(ctx, opts)
	if err != nil {
		return err
	}
	return rep.Write(stdout)
}
