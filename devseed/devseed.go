// Package devseed fills a database with a realistic, reproducible workspace
// for benchmarks and load tests: users, clients, projects with tasks, tags and
// time entries spread over years. A few users and projects carry most of the
// entries, as in real teams, because their counts follow a Zipf-like
// distribution. Time entries go through the store's bulk path, so a million
// of them take seconds rather than the hours one API request each would.
package devseed

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store"
	"github.com/punchclock/punchclock/store/sqlstore"
)

// Options sets the size and shape of the seeded data.
type Options struct {
	Entries  int // time entries, running timers included
	Users    int // members that track time; the first one is the admin
	Projects int
	Years    int // the entries span this many years before Now
	// Seed makes the data reproducible: the same options and seed give the
	// same ids, names and entries. The exception is the time part of a new
	// workspace's id, which stays after the oldest workspace's creation.
	// A database takes each seed once per new workspace and once per
	// existing WorkspaceID, and Run returns ErrSeedUsed for a repeat.
	Seed uint64
	// WorkspaceID, when set, names an existing workspace to fill. The seeded
	// users join it, and the first one becomes an ADMIN. When empty, a new
	// workspace is created, owned by the first seeded user.
	WorkspaceID string
	// Now is the end of the seeded time range. Zero means the current time.
	Now time.Time
}

// Result describes what Run created.
type Result struct {
	WorkspaceID string
	AdminUserID string
	AdminEmail  string
	// APIKey is a new API key of the admin, shown only here because the
	// database stores its hash.
	APIKey     string
	UserIDs    []string
	ProjectIDs []string
	TagIDs     []string
	Clients    int
	Tasks      int
	Entries    int
	Running    int // entries whose timer is still running
	Elapsed    time.Duration
}

// Limits of the options, so that a typo does not fill the disk.
const (
	maxEntries  = 100_000_000
	maxUsers    = 100_000
	maxProjects = 100_000
	maxYears    = 50
)

// entriesPerTx is the number of entries each bulk transaction inserts.
const entriesPerTx = 100_000

// Run opens the database at dbURL (a SQLite file path or a postgres:// URL),
// migrates it and fills it as opts describe.
func Run(ctx context.Context, dbURL string, opts Options) (Result, error) {
	started := time.Now()
	if err := opts.check(); err != nil {
		return Result{}, err
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	opts.Now = opts.Now.UTC().Truncate(time.Second)

	now := opts.Now
	db, err := store.Open(ctx, dbURL, func() time.Time { return now })
	if err != nil {
		return Result{}, err
	}
	defer db.Close()

	res, err := seed(ctx, db, opts)
	if err != nil {
		return Result{}, err
	}
	res.Elapsed = time.Since(started)
	return res, nil
}

func (o Options) check() error {
	var errs []error
	if o.Entries < 0 || o.Entries > maxEntries {
		errs = append(errs, fmt.Errorf("devseed: entries %d is out of range: use 0 to %d", o.Entries, maxEntries))
	}
	if o.Users < 1 || o.Users > maxUsers {
		errs = append(errs, fmt.Errorf("devseed: users %d is out of range: use 1 to %d", o.Users, maxUsers))
	}
	if o.Projects < 0 || o.Projects > maxProjects {
		errs = append(errs, fmt.Errorf("devseed: projects %d is out of range: use 0 to %d", o.Projects, maxProjects))
	}
	if o.Years < 1 || o.Years > maxYears {
		errs = append(errs, fmt.Errorf("devseed: years %d is out of range: use 1 to %d", o.Years, maxYears))
	}
	if o.WorkspaceID != "" && !domain.ValidID(o.WorkspaceID) {
		errs = append(errs, fmt.Errorf("devseed: workspace id %q is not a 24-hex id", o.WorkspaceID))
	}
	return errors.Join(errs...)
}

// seeder holds the state of one Run.
type seeder struct {
	opts Options
	rng  *rand.Rand
	db   *sqlstore.DB

	ws       domain.Workspace
	users    []domain.User
	clients  []domain.Client
	projects []seedProject
	tags     []domain.Tag
	// suffix is appended to names in an existing workspace, where names
	// from an earlier seed or from real use could otherwise collide.
	suffix string
}

// seedProject is a project with the ids of its tasks.
type seedProject struct {
	domain.Project
	taskIDs []string
}

// ErrSeedUsed is returned when the database already holds the data of the
// seed, whose emails and ids a second run would repeat, or when another
// record took one of them.
var ErrSeedUsed = errors.New("devseed: seed already used on this database")

func seed(ctx context.Context, db *sqlstore.DB, opts Options) (Result, error) {
	s := &seeder{opts: opts, db: db}
	if opts.WorkspaceID != "" {
		s.suffix = fmt.Sprintf(" (seed %d)", opts.Seed)
	}

	if err := s.checkDensity(); err != nil {
		return Result{}, err
	}
	err := db.Update(ctx, s.writeCatalog)
	if errors.Is(err, domain.ErrConflict) && !errors.Is(err, ErrSeedUsed) {
		// Another record took an email or id of the seed, such as a user
		// created by hand with a seeded email.
		return Result{}, fmt.Errorf("%w: seed %d would repeat an email or id that another record already has", ErrSeedUsed, opts.Seed)
	}
	if err != nil && !errors.Is(err, ErrSeedUsed) {
		err = fmt.Errorf("devseed: writing users, projects and tags: %w", err)
	}
	if err != nil {
		return Result{}, err
	}
	running, err := s.writeEntries(ctx)
	if err != nil {
		return Result{}, err
	}
	if err := db.RefreshStatistics(ctx); err != nil {
		return Result{}, fmt.Errorf("devseed: %w", err)
	}

	// The key goes through the service, which stores only its hash. The
	// admin is a member already, so it keeps its role.
	admin := s.users[0]
	created, err := domain.NewService(db).CreateUser(ctx, domain.NewUser{Email: admin.Email, WorkspaceID: s.ws.ID})
	if err != nil {
		return Result{}, fmt.Errorf("devseed: issuing an API key for %s: %w", admin.Email, err)
	}

	res := Result{WorkspaceID: s.ws.ID, AdminUserID: admin.ID, AdminEmail: admin.Email, APIKey: created.APIKey,
		Clients: len(s.clients), Entries: opts.Entries, Running: running}
	for _, u := range s.users {
		res.UserIDs = append(res.UserIDs, u.ID)
	}
	for _, p := range s.projects {
		res.ProjectIDs = append(res.ProjectIDs, p.ID)
		res.Tasks += len(p.taskIDs)
	}
	for _, t := range s.tags {
		res.TagIDs = append(res.TagIDs, t.ID)
	}
	return res, nil
}

// resetRNG starts the seeded generator over. The workspace id takes part in
// the seed, so that one seed fills two existing workspaces with different ids.
func (s *seeder) resetRNG() {
	h := fnv.New64a()
	h.Write([]byte(s.opts.WorkspaceID))
	s.rng = rand.New(rand.NewPCG(s.opts.Seed, h.Sum64()))
}

// newID returns a 24-hex id shaped like domain.NewID's, with the time t and
// eight bytes from the seeded generator.
func (s *seeder) newID(t time.Time) string {
	var b [12]byte
	binary.BigEndian.PutUint32(b[:4], uint32(t.Unix()))
	binary.BigEndian.PutUint64(b[4:], s.rng.Uint64())
	return hex.EncodeToString(b[:])
}

// start is the beginning of the seeded time range.
func (s *seeder) start() time.Time {
	return s.opts.Now.AddDate(-s.opts.Years, 0, 0)
}

// zipf draws indexes in [0, n) where index i has weight 1/(i+1)^exponent.
type zipf struct {
	cdf []float64
}

func newZipf(n int, exponent float64) zipf {
	cdf := make([]float64, n)
	sum := 0.0
	for i := range cdf {
		sum += 1 / math.Pow(float64(i+1), exponent)
		cdf[i] = sum
	}
	for i := range cdf {
		cdf[i] /= sum
	}
	return zipf{cdf: cdf}
}

func (z zipf) draw(rng *rand.Rand) int {
	i, _ := slices.BinarySearch(z.cdf, rng.Float64())
	return min(i, len(z.cdf)-1)
}

// shares splits total into len(weights) whole counts in proportion to the
// weights, handing the remainder to the first ones.
func shares(total int, z zipf) []int {
	out := make([]int, len(z.cdf))
	given := 0
	prev := 0.0
	for i, c := range z.cdf {
		out[i] = int(float64(total) * (c - prev))
		prev = c
		given += out[i]
	}
	for i := 0; given < total; i = (i + 1) % len(out) {
		out[i]++
		given++
	}
	return out
}

// pick returns a random element of list.
func pick[T any](rng *rand.Rand, list []T) T {
	return list[rng.IntN(len(list))]
}
