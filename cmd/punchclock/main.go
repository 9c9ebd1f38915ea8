// Command punchclock runs the Punchclock time-tracking server and its
// administration commands.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/punchclock/punchclock/api"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/importer"
	"github.com/punchclock/punchclock/store"
)

// usage lists every command. Flags in brackets are optional, and --db
// defaults to $PUNCHCLOCK_DB or punchclock.db.
const usage = `Usage:
  punchclock serve [--addr HOST:PORT] [--db PATH-OR-URL] [--public-url URL]
      [--max-in-flight N] [--max-reports-in-flight N] [--max-queued N] [--queue-timeout D]
  punchclock users create --email EMAIL [--name NAME] [--db PATH-OR-URL]
      [--workspace-id ID | --workspace-name NAME]
      [--role OWNER|ADMIN|USER|TEAM_MANAGER|PROJECT_MANAGER [--manages ID,...]]
      [--timezone IANA-ZONE] [--json]
  punchclock workspaces settings --workspace-id ID [--db PATH-OR-URL] [--SETTING VALUE ...] [--json]
  punchclock dev seed [--db PATH-OR-URL] [--entries N] [--users U] [--projects P]
      [--years Y] [--seed S] [--workspace-id ID]
  punchclock dev load --key KEY [--base URL] [--duration D] [--rate R]
      [--mix create=20,get=40,list=30,report=10] [--pid PID] [--seed S] [--max-in-flight N]
  punchclock import clockify-csv FILE --workspace-id ID --timezone IANA-ZONE [--db PATH-OR-URL]
      [--date-format MM/DD/YYYY|DD/MM/YYYY|DD.MM.YYYY|YYYY-MM-DD] [--dry-run]
  punchclock import clockify-projects-csv FILE --workspace-id ID [--db PATH-OR-URL] [--dry-run]
  punchclock import toggl-csv FILE --workspace-id ID --timezone IANA-ZONE [--db PATH-OR-URL]
      [--date-format MM/DD/YYYY|DD/MM/YYYY|DD.MM.YYYY|YYYY-MM-DD] [--dry-run]
  punchclock help
`

// commandList names every command for the errors that follow the usage.
const commandList = "serve, users create, workspaces settings, dev seed, dev load, " +
	"import clockify-csv, import clockify-projects-csv or import toggl-csv"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "punchclock:", err)
		os.Exit(1)
	}
}

// run dispatches args to a subcommand. It returns flag.ErrHelp after printing
// the usage on request.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	switch {
	case len(args) >= 1 && args[0] == "serve":
		return serve(ctx, args[1:], stderr)
	case len(args) >= 2 && args[0] == "users" && args[1] == "create":
		return createUser(ctx, args[2:], stdout, stderr)
	case len(args) >= 2 && args[0] == "workspaces" && args[1] == "settings":
		return workspaceSettings(ctx, args[2:], stdout, stderr)
	case len(args) >= 2 && args[0] == "dev" && args[1] == "seed":
		return devSeed(ctx, args[2:], stdout, stderr)
	case len(args) >= 2 && args[0] == "dev" && args[1] == "load":
		return devLoad(ctx, args[2:], stdout, stderr)
	case len(args) >= 2 && args[0] == "import":
		switch kind := importer.Kind(args[1]); kind {
		case importer.ClockifyEntries, importer.ClockifyProjects, importer.TogglEntries:
			return importFile(ctx, kind, args[2:], stdout, stderr)
		}
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("%w, not %q", errUnknownImport, args[1])
	case len(args) == 1 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help"):
		fmt.Fprint(stdout, usage)
		return flag.ErrHelp
	}
	fmt.Fprint(stderr, usage)
	if len(args) == 0 {
		return errors.New("missing command: use " + commandList + ", as the usage above shows")
	}
	return fmt.Errorf("unknown command %q: use %s, as the usage above shows", strings.Join(args, " "), commandList)
}

// envOr returns the environment variable name, or def when it is unset.
func envOr(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

// serve runs the HTTP server until ctx is canceled, then shuts it down
// gracefully within 15 seconds.
func serve(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", envOr("PUNCHCLOCK_ADDR", "127.0.0.1:8080"), "address to listen on (env PUNCHCLOCK_ADDR)")
	dsn := fs.String("db", envOr("PUNCHCLOCK_DB", "punchclock.db"), "SQLite file path or postgres:// URL (env PUNCHCLOCK_DB)")
	publicURL := fs.String("public-url", os.Getenv("PUNCHCLOCK_PUBLIC_URL"),
		"base URL at which clients reach the server, such as https://time.example.com, for the links it returns; links are paths when unset (env PUNCHCLOCK_PUBLIC_URL)")
	var limits api.Limits
	fs.IntVar(&limits.MaxInFlight, "max-in-flight", 0,
		"API requests served at once; 0 means the store's database connections plus GOMAXPROCS (env PUNCHCLOCK_MAX_IN_FLIGHT)")
	fs.IntVar(&limits.MaxReports, "max-reports-in-flight", 0,
		"report requests served at once, within --max-in-flight; 0 means half the database connections for reads, at most GOMAXPROCS and at least 1 (env PUNCHCLOCK_MAX_REPORTS_IN_FLIGHT)")
	fs.IntVar(&limits.MaxQueued, "max-queued", 0,
		"API requests that may wait for a free slot; later ones get 503 at once; 0 means 8 times --max-in-flight (env PUNCHCLOCK_MAX_QUEUED)")
	fs.DurationVar(&limits.QueueTimeout, "queue-timeout", 5*time.Second,
		"how long a request waits for a free slot before it gets 503, such as 5s; 0 rejects at once (env PUNCHCLOCK_QUEUE_TIMEOUT)")
	if err := setFromEnv(fs, limitEnv); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("serve: unexpected argument %q; flags start with --", fs.Arg(0))
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))

	db, err := store.Open(ctx, *dsn, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := domain.NewService(db)
	handler := api.New(svc, log)
	if *publicURL != "" {
		if err := handler.SetPublicURL(*publicURL); err != nil {
			return fmt.Errorf("serve: --public-url: %w", err)
		}
	}
	limits = limits.WithDefaults(db.MaxConnections())
	if err := handler.SetLimits(limits); err != nil {
		return fmt.Errorf("serve: %w", err)
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", *addr, err)
	}
	baseURL := "http://" + ln.Addr().String() + "/api"

	owner, err := svc.Bootstrap(ctx)
	if err != nil {
		ln.Close()
		return fmt.Errorf("creating the first workspace: %w", err)
	}
	if owner.APIKey != "" {
		// Logged once, on the first start, because only the key's hash is stored.
		log.Info("created the first workspace and its owner, whose API key is shown only this once",
			"workspace_id", owner.WorkspaceID, "user_id", owner.UserID, "api_key", owner.APIKey, "base_url", baseURL,
			"try", fmt.Sprintf("curl -H 'X-Api-Key: %s' %s/v1/user", owner.APIKey, baseURL))
	}

	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "addr", ln.Addr().String(), "base_url", baseURL, "db", redact(*dsn),
		"max_in_flight", limits.MaxInFlight, "max_reports_in_flight", limits.MaxReports,
		"max_queued", limits.MaxQueued, "queue_timeout", limits.QueueTimeout)

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	log.Info("stopped")
	return nil
}

// limitEnv names the environment variable of each request limit flag.
var limitEnv = [][2]string{
	{"max-in-flight", "PUNCHCLOCK_MAX_IN_FLIGHT"},
	{"max-reports-in-flight", "PUNCHCLOCK_MAX_REPORTS_IN_FLIGHT"},
	{"max-queued", "PUNCHCLOCK_MAX_QUEUED"},
	{"queue-timeout", "PUNCHCLOCK_QUEUE_TIMEOUT"},
}

// setFromEnv sets each flag of pairs (flag name, variable name) whose
// environment variable is set, so that a flag on the command line overrides
// the environment.
func setFromEnv(fs *flag.FlagSet, pairs [][2]string) error {
	for _, p := range pairs {
		v, ok := os.LookupEnv(p[1])
		if !ok || v == "" {
			continue
		}
		if err := fs.Set(p[0], v); err != nil {
			return fmt.Errorf("invalid %s %q: %w", p[1], v, err)
		}
	}
	return nil
}

// redact hides the password in a database URL before it is logged.
func redact(dsn string) string {
	if !store.IsPostgres(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://(unparsable URL hidden)"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "***")
	}
	q := u.Query()
	for key := range q {
		if strings.EqualFold(key, "password") {
			q.Set(key, "***")
		}
	}
	u.RawQuery = q.Encode()
	return strings.NewReplacer("%2A%2A%2A", "***").Replace(u.String())
}

// createUser runs "users create" and prints the new user's ids and API key.
func createUser(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("users create", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("db", envOr("PUNCHCLOCK_DB", "punchclock.db"), "SQLite file path or postgres:// URL (env PUNCHCLOCK_DB)")
	email := fs.String("email", "", "the user's email (required)")
	name := fs.String("name", "", "the user's display name")
	workspaceID := fs.String("workspace-id", "", "add the user to this workspace")
	workspaceName := fs.String("workspace-name", "", "create a workspace with this name, owned by the user")
	role := fs.String("role", "", "OWNER, ADMIN (or WORKSPACE_ADMIN), USER, TEAM_MANAGER or PROJECT_MANAGER (default USER; OWNER for a new workspace)")
	manages := fs.String("manages", "", "comma-separated ids the user manages: members and user groups for TEAM_MANAGER, projects for PROJECT_MANAGER")
	timezone := fs.String("timezone", "", "the user's IANA time zone, such as Europe/Berlin (default UTC for a new user; an existing user keeps its zone)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("users create: unexpected argument %q; flags start with --", fs.Arg(0))
	}
	explicit := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { explicit[f.Name] = true })
	if explicit["workspace-name"] && *workspaceName == "" {
		return errors.New("users create: --workspace-name must not be empty")
	}
	if *workspaceName != "" && *role != "" && !strings.EqualFold(*role, "OWNER") {
		return fmt.Errorf("users create: the creator of a new workspace owns it, so --role %s does not apply with --workspace-name", *role)
	}
	if *email == "" {
		return errors.New("users create: --email is required")
	}
	if *workspaceID != "" && *workspaceName != "" {
		return errors.New("users create: give --workspace-id or --workspace-name, not both")
	}

	db, err := store.Open(ctx, *dsn, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	out, err := domain.NewService(db).CreateUser(ctx, domain.NewUser{
		Email: *email, Name: *name, WorkspaceID: *workspaceID, WorkspaceName: *workspaceName,
		Role: cliRole(*role), Manages: splitIDs(*manages), TimeZone: *timezone,
	})
	if err != nil {
		return err
	}

	if *asJSON {
		return json.NewEncoder(stdout).Encode(out)
	}
	_, err = fmt.Fprintf(stdout, "user %s in workspace %s\nAPI key: %s\n", out.UserID, out.WorkspaceID, out.APIKey)
	return err
}
