package devseed

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/punchclock/punchclock/domain"
)

// Word lists for names. Longer lists give more distinct combinations before
// a number has to make a name unique.
var (
	firstNames = []string{"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Frances",
		"Dennis", "Radia", "Niklaus", "Shafi", "Tony", "Leslie", "John", "Sophie", "Linus", "Anita", "Bjarne"}
	lastNames = []string{"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Thompson",
		"Allen", "Ritchie", "Perlman", "Wirth", "Goldwasser", "Hoare", "Lamport", "Backus", "Wilson", "Torvalds",
		"Borg", "Stroustrup"}
	companies = []string{"Acme Corp", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises",
		"Cyberdyne", "Soylent", "Tyrell", "Wonka Industries", "Aperture Science", "Vandelay Industries", "Pied Piper",
		"Massive Dynamic", "Gringotts"}
	projectAdjectives = []string{"Website", "Mobile app", "Billing", "Onboarding", "Data platform", "Marketing",
		"Support portal", "Analytics", "Payments", "Search", "Infrastructure", "Security audit", "Design system",
		"Reporting", "Integrations", "Migration"}
	projectNouns = []string{"redesign", "rollout", "maintenance", "phase 1", "phase 2", "research", "launch",
		"refactor", "pilot", "retainer", "upgrade", "review"}
	taskNames = []string{"Planning", "Design", "Development", "Code review", "Testing", "Deployment",
		"Documentation", "Meetings", "Bug fixing", "Support", "Research", "Project management"}
	tagNames = []string{"billable-review", "urgent", "meeting", "remote", "on-site", "overtime", "frontend",
		"backend", "ops", "design", "qa", "sales", "internal", "travel", "training", "hiring", "support",
		"research", "writing", "planning", "customer-call", "pairing", "on-call", "admin"}
	timeZones = []string{"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Europe/London",
		"America/Los_Angeles", "Australia/Sydney", "Asia/Kolkata"}
	colors = []string{"#03A9F4", "#F44336", "#4CAF50", "#FF9800", "#9C27B0", "#3F51B5", "#009688", "#795548",
		"#E91E63", "#607D8B"}
)

// numbered returns names[i mod len] and, after the first round through the
// list, a round number, so that every i gives a distinct name.
func numbered(names []string, i int) string {
	name := names[i%len(names)]
	if round := i / len(names); round > 0 {
		name += " " + strconv.Itoa(round+1)
	}
	return name
}

// writeCatalog writes the workspace (unless it exists), users, members,
// clients, projects, tasks and tags in one transaction.
func (s *seeder) writeCatalog(tx domain.Tx) error {
	ctx := context.Background()
	// Update may run this function again, after a conflict with a concurrent
	// writer, so it starts from scratch and draws the same values again.
	s.users, s.clients, s.projects, s.tags = nil, nil, nil, nil
	s.resetRNG()
	created := s.start().AddDate(0, 0, -30)

	if err := s.writeWorkspace(ctx, tx); err != nil {
		return err
	}
	if err := s.writeUsers(ctx, tx, created); err != nil {
		return err
	}
	if err := s.writeClients(ctx, tx); err != nil {
		return err
	}
	if err := s.writeProjects(ctx, tx); err != nil {
		return err
	}
	for i := range len(tagNames) {
		t := domain.Tag{ID: s.newID(created), WorkspaceID: s.ws.ID, Name: tagNames[i] + s.suffix}
		if err := tx.CreateTag(ctx, t); err != nil {
			return err
		}
		s.tags = append(s.tags, t)
	}
	return nil
}

// writeWorkspace finds the workspace to fill, or creates a new one, after
// checking that the seed has not filled it before.
func (s *seeder) writeWorkspace(ctx context.Context, tx domain.Tx) error {
	if s.opts.WorkspaceID != "" {
		ws, err := tx.Workspace(ctx, s.opts.WorkspaceID)
		if errors.Is(err, domain.ErrNotFound) {
			return fmt.Errorf("workspace %s does not exist: omit the workspace id to create one", s.opts.WorkspaceID)
		}
		if err != nil {
			return err
		}
		s.ws = ws
		return s.checkSeedUnused(ctx, tx)
	}

	created, err := s.workspaceCreated(ctx, tx)
	if err != nil {
		return err
	}
	s.ws = domain.Workspace{ID: s.newID(created), Name: fmt.Sprintf("Seeded workspace (seed %d)", s.opts.Seed),
		Currency: "USD", HourlyRate: domain.Rate{Amount: 5000, Currency: "USD"},
		Settings: domain.DefaultWorkspaceSettings(), CreatedAt: created}
	if err := s.checkSeedUnused(ctx, tx); err != nil {
		return err
	}
	if err := tx.CreateWorkspace(ctx, s.ws); err != nil {
		return err
	}
	return s.recordRate(ctx, tx, domain.RateRecord{Level: domain.LevelWorkspace}, &s.ws.HourlyRate)
}

// workspaceCreated returns the creation time of a new seeded workspace: Now,
// or a millisecond after the oldest workspace when that one is not older.
// The seeded history may go back years, but the workspace itself is created
// in the present, so it never becomes the oldest one, which "users create"
// without a workspace flag joins.
func (s *seeder) workspaceCreated(ctx context.Context, tx domain.Tx) (time.Time, error) {
	first, err := tx.FirstWorkspace(ctx)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return s.opts.Now, nil
	case err != nil:
		return time.Time{}, err
	case first.CreatedAt.Before(s.opts.Now):
		return s.opts.Now, nil
	}
	return first.CreatedAt.Add(time.Millisecond), nil
}

// checkSeedUnused returns ErrSeedUsed when the admin that the seed gives the
// workspace exists. Every id and email of a seed follows from the seed and
// the workspace id's random part, so a second run would repeat them.
func (s *seeder) checkSeedUnused(ctx context.Context, tx domain.Tx) error {
	email := s.email(0)
	admin, err := tx.UserByEmail(ctx, email)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return nil
	case err != nil:
		return err
	case s.opts.WorkspaceID != "":
		return fmt.Errorf("%w: seed %d filled workspace %s before, and its admin %s exists",
			ErrSeedUsed, s.opts.Seed, s.ws.ID, email)
	}
	return fmt.Errorf("%w: seed %d created workspace %s before, and its admin %s exists",
		ErrSeedUsed, s.opts.Seed, admin.DefaultWorkspace, email)
}

// email returns the email of the i-th seeded user. The seed and the
// workspace id's random part keep emails of different seeds apart, because
// emails are unique across the database.
func (s *seeder) email(i int) string {
	first := firstNames[i%len(firstNames)]
	last := lastNames[(i/len(firstNames))%len(lastNames)]
	return fmt.Sprintf("%s.%s.%d@seed%d.ws%s.example.com", strings.ToLower(first), strings.ToLower(last), i,
		s.opts.Seed, s.ws.ID[16:])
}

// recordRate adds the billable rate r of the entity that rate names to the
// rate history, applying from the beginning as a rate set at creation does.
// A nil r records nothing.
func (s *seeder) recordRate(ctx context.Context, tx domain.Tx, rate domain.RateRecord, r *domain.Rate) error {
	if r == nil {
		return nil
	}
	rate.WorkspaceID, rate.Kind, rate.Since, rate.Amount = s.ws.ID, domain.HourlyRate, domain.RatesBeginning, &r.Amount
	return tx.PutRateRecord(ctx, rate)
}

// writeUsers creates the users and their memberships. The first user owns a
// new workspace, or is an ADMIN of an existing one.
func (s *seeder) writeUsers(ctx context.Context, tx domain.Tx, created time.Time) error {
	for i := range s.opts.Users {
		first := firstNames[i%len(firstNames)]
		last := lastNames[(i/len(firstNames))%len(lastNames)]
		u := domain.User{
			ID:               s.newID(created),
			Email:            s.email(i),
			Name:             first + " " + last,
			Status:           domain.UserActive,
			TimeZone:         timeZones[i%len(timeZones)],
			WeekStart:        "MONDAY",
			DefaultWorkspace: s.ws.ID,
			ActiveWorkspace:  s.ws.ID,
			CreatedAt:        created,
		}
		if i >= len(firstNames)*len(lastNames) {
			u.Name += " " + strconv.Itoa(i)
		}
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}

		role := domain.RoleUser
		switch {
		case i == 0 && s.opts.WorkspaceID == "":
			role = domain.RoleOwner
		case i == 0:
			role = domain.RoleAdmin
		}
		m := domain.Member{WorkspaceID: s.ws.ID, UserID: u.ID, Role: role, Status: domain.MembershipActive, CreatedAt: created}
		if s.rng.IntN(3) == 0 {
			m.HourlyRate = &domain.Rate{Amount: int64(2500 + 500*s.rng.IntN(20)), Currency: s.ws.Currency}
		}
		if err := tx.CreateMember(ctx, m); err != nil {
			return err
		}
		if err := s.recordRate(ctx, tx, domain.RateRecord{Level: domain.LevelMember, UserID: u.ID}, m.HourlyRate); err != nil {
			return err
		}
		s.users = append(s.users, u)
	}
	return nil
}

func (s *seeder) writeClients(ctx context.Context, tx domain.Tx) error {
	n := 0
	if s.opts.Projects > 0 {
		n = max(1, s.opts.Projects/5)
	}
	for i := range n {
		c := domain.Client{ID: s.newID(s.start()), WorkspaceID: s.ws.ID, Name: numbered(companies, i) + s.suffix}
		if err := tx.CreateClient(ctx, c); err != nil {
			return err
		}
		s.clients = append(s.clients, c)
	}
	return nil
}

// writeProjects creates the projects, each with up to five tasks. Most have
// a client, most are billable, and the least used tenth is archived.
func (s *seeder) writeProjects(ctx context.Context, tx domain.Tx) error {
	names := make([]string, 0, len(projectAdjectives)*len(projectNouns))
	for _, noun := range projectNouns {
		for _, adjective := range projectAdjectives {
			names = append(names, adjective+" "+noun)
		}
	}
	for i := range s.opts.Projects {
		p := domain.Project{
			ID:             s.newID(s.start()),
			WorkspaceID:    s.ws.ID,
			Name:           numbered(names, i) + s.suffix,
			Color:          pick(s.rng, colors),
			Billable:       s.rng.IntN(5) != 0,
			Public:         true,
			Archived:       s.opts.Projects >= 10 && i >= s.opts.Projects*9/10,
			TimeEstimate:   domain.TimeEstimate{Type: domain.EstimateAuto},
			BudgetEstimate: domain.BudgetEstimate{Type: domain.EstimateAuto},
			Members:        []domain.ProjectMember{},
		}
		if len(s.clients) > 0 && s.rng.IntN(10) < 7 {
			c := pick(s.rng, s.clients)
			p.ClientID, p.ClientName = c.ID, c.Name
		}
		if s.rng.IntN(4) == 0 {
			p.HourlyRate = &domain.Rate{Amount: int64(5000 + 1000*s.rng.IntN(10)), Currency: s.ws.Currency}
		}
		if err := tx.CreateProject(ctx, p); err != nil {
			return err
		}
		if err := s.recordRate(ctx, tx, domain.RateRecord{Level: domain.LevelProject, ProjectID: p.ID}, p.HourlyRate); err != nil {
			return err
		}

		sp := seedProject{Project: p}
		tasks := 0
		if s.rng.IntN(5) != 0 {
			tasks = 1 + s.rng.IntN(5)
		}
		for j, k := range s.rng.Perm(len(taskNames))[:tasks] {
			status := domain.TaskActive
			if j > 0 && s.rng.IntN(10) == 0 {
				status = domain.TaskDone
			}
			t := domain.Task{ID: s.newID(s.start()), WorkspaceID: s.ws.ID, ProjectID: p.ID, Name: taskNames[k],
				AssigneeIDs: []string{}, UserGroupIDs: []string{}, Status: status, Billable: p.Billable}
			if err := tx.CreateTask(ctx, t); err != nil {
				return err
			}
			sp.taskIDs = append(sp.taskIDs, t.ID)
		}
		s.projects = append(s.projects, sp)
	}
	return nil
}
