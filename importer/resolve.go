package importer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/punchclock/punchclock/domain"
)

// resolver finds the users, clients, projects, tasks and tags that rows
// name inside one transaction, and creates those that are missing. Names
// match in any letter case, as the stores' unique indexes compare them.
// With dry set it writes nothing: what it would create gets a new id and
// is found again by later rows, so that a dry run counts what a real
// import creates.
type resolver struct {
	ctx      context.Context
	tx       domain.Tx
	ws       domain.Workspace
	dry      bool
	timeZone string // of users the import creates

	users    map[string]string // lower-case email -> user id
	clients  map[string]domain.Client
	projects map[string][]domain.Project  // lower-case name -> projects of any client
	tasks    map[string]map[string]string // project id -> lower-case name -> task id
	tags     map[string]string            // lower-case name -> tag id
	loaded   struct{ clients, tags bool }
	created  Counts
	// pending are the entries resolved and not yet written, with their
	// import keys.
	pending []pendingEntry
}

type pendingEntry struct {
	entry domain.TimeEntry
	key   string
}

// allRows is a page that contains every row of a list.
var allRows = domain.Page{Number: 1, Size: 1 << 30}

func newResolver(ctx context.Context, tx domain.Tx, workspaceID, timeZone string, dry bool) (*resolver, error) {
	ws, err := tx.Workspace(ctx, workspaceID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, fmt.Errorf("workspace %s does not exist: give the id of an existing workspace with --workspace-id", workspaceID)
	}
	if err != nil {
		return nil, err
	}
	return &resolver{ctx: ctx, tx: tx, ws: ws, dry: dry, timeZone: timeZone,
		users: map[string]string{}, clients: map[string]domain.Client{}, projects: map[string][]domain.Project{},
		tasks: map[string]map[string]string{}, tags: map[string]string{}}, nil
}

// user returns the id of the user with the email, creating the user when
// missing, and makes the user a member of the workspace when it is not one.
// An existing member keeps its role and status.
func (r *resolver) user(email, name string) (string, error) {
	key := strings.ToLower(email)
	if id, ok := r.users[key]; ok {
		return id, nil
	}
	u, err := r.tx.UserByEmail(r.ctx, email)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		u = domain.ImportedUser(email, name, r.timeZone, r.tx.Now())
		u.DefaultWorkspace, u.ActiveWorkspace = r.ws.ID, r.ws.ID
		if err := r.write(func() error { return r.tx.CreateUser(r.ctx, u) }); err != nil {
			return "", err
		}
		r.created.Users++
	case err != nil:
		return "", err
	}
	_, err = r.tx.Member(r.ctx, r.ws.ID, u.ID)
	if errors.Is(err, domain.ErrNotFound) {
		m := domain.Member{WorkspaceID: r.ws.ID, UserID: u.ID, Role: domain.RoleUser,
			Status: domain.MembershipActive, CreatedAt: r.tx.Now()}
		if err := r.write(func() error { return r.tx.CreateMember(r.ctx, m) }); err != nil {
			return "", err
		}
		r.created.Members++
	} else if err != nil {
		return "", err
	}
	r.users[key] = u.ID
	return u.ID, nil
}

// write runs fn, which writes to the store, unless this is a dry run.
func (r *resolver) write(fn func() error) error {
	if r.dry {
		return nil
	}
	return fn()
}

// client returns the client with the name, creating it when missing.
func (r *resolver) client(name string) (domain.Client, error) {
	if !r.loaded.clients {
		list, err := r.tx.Clients(r.ctx, r.ws.ID, domain.ClientFilter{Page: allRows})
		if err != nil {
			return domain.Client{}, err
		}
		for _, c := range list {
			r.clients[strings.ToLower(c.Name)] = c
		}
		r.loaded.clients = true
	}
	if c, ok := r.clients[strings.ToLower(name)]; ok {
		return c, nil
	}
	c := domain.Client{ID: domain.NewID(), WorkspaceID: r.ws.ID, Name: name}
	if err := r.write(func() error { return r.tx.CreateClient(r.ctx, c) }); err != nil {
		return c, err
	}
	r.created.Clients++
	r.clients[strings.ToLower(name)] = c
	return c, nil
}

// projectsNamed returns the workspace's projects with the name, of any client.
func (r *resolver) projectsNamed(name string) ([]domain.Project, error) {
	key := strings.ToLower(name)
	if list, ok := r.projects[key]; ok {
		return list, nil
	}
	list, err := r.tx.Projects(r.ctx, r.ws.ID, domain.ProjectFilter{Name: name, StrictName: true, Page: allRows})
	if err != nil {
		return nil, err
	}
	r.projects[key] = list
	return list, nil
}

// projectSpec describes a project that an import looks up, and creates when missing.
type projectSpec struct {
	name, client string
	// byClient is true when the file has a Client column, so that a row
	// without a client means a project without one. Otherwise the project
	// is found by name alone.
	byClient bool
	in       domain.NewProject // fields of a project the import creates
	archived bool
}

// errAmbiguousProject is returned for a project name that several clients
// use, in a file without a Client column.
type errAmbiguousProject struct{ clients []string }

func (e *errAmbiguousProject) Error() string {
	return fmt.Sprintf("several projects have this name (clients: %s) and the file has no Client column to choose one",
		strings.Join(e.clients, ", "))
}

// project returns the project that spec names, creating it (and its client)
// when missing. created reports whether this call created it.
func (r *resolver) project(spec projectSpec) (p domain.Project, created bool, err error) {
	list, err := r.projectsNamed(spec.name)
	if err != nil {
		return p, false, err
	}
	clientID := ""
	if spec.byClient && spec.client != "" {
		c, err := r.client(spec.client)
		if err != nil {
			return p, false, err
		}
		clientID = c.ID
	}
	if spec.byClient {
		if i := slices.IndexFunc(list, func(p domain.Project) bool { return p.ClientID == clientID }); i >= 0 {
			return list[i], false, nil
		}
	} else {
		if i := slices.IndexFunc(list, func(p domain.Project) bool { return p.ClientID == "" }); i >= 0 {
			return list[i], false, nil
		}
		switch len(list) {
		case 0:
		case 1:
			return list[0], false, nil
		default:
			var names []string
			for _, p := range list {
				names = append(names, p.ClientName)
			}
			return p, false, &errAmbiguousProject{clients: names}
		}
	}

	in := spec.in
	in.Name, in.ClientID = spec.name, clientID
	p, err = domain.ImportedProject(r.ws, in)
	if err != nil {
		return p, false, err
	}
	p.Archived = spec.archived
	err = r.write(func() error {
		if err := r.tx.CreateProject(r.ctx, p); err != nil {
			return err
		}
		return domain.RecordImportedProjectRates(r.ctx, r.tx, r.ws, p.ID, in)
	})
	if err != nil {
		return p, false, err
	}
	r.created.Projects++
	r.projects[strings.ToLower(spec.name)] = append(list, p)
	r.tasks[p.ID] = map[string]string{}
	return p, true, nil
}

// task returns the id of the project's task with the name, creating it when
// missing.
func (r *resolver) task(p domain.Project, name string) (string, error) {
	byName, ok := r.tasks[p.ID]
	if !ok {
		list, err := r.tx.Tasks(r.ctx, r.ws.ID, p.ID, domain.TaskFilter{Page: allRows})
		if err != nil {
			return "", err
		}
		byName = map[string]string{}
		for _, t := range list {
			byName[strings.ToLower(t.Name)] = t.ID
		}
		r.tasks[p.ID] = byName
	}
	if id, ok := byName[strings.ToLower(name)]; ok {
		return id, nil
	}
	t := domain.ImportedTask(p, name)
	if err := r.write(func() error { return r.tx.CreateTask(r.ctx, t) }); err != nil {
		return "", err
	}
	r.created.Tasks++
	byName[strings.ToLower(name)] = t.ID
	return t.ID, nil
}

// tag returns the id of the tag with the name, creating it when missing.
func (r *resolver) tag(name string) (string, error) {
	if !r.loaded.tags {
		list, err := r.tx.Tags(r.ctx, r.ws.ID, domain.TagFilter{Page: allRows})
		if err != nil {
			return "", err
		}
		for _, t := range list {
			r.tags[strings.ToLower(t.Name)] = t.ID
		}
		r.loaded.tags = true
	}
	if id, ok := r.tags[strings.ToLower(name)]; ok {
		return id, nil
	}
	t := domain.Tag{ID: domain.NewID(), WorkspaceID: r.ws.ID, Name: name}
	if err := r.write(func() error { return r.tx.CreateTag(r.ctx, t) }); err != nil {
		return "", err
	}
	r.created.Tags++
	r.tags[strings.ToLower(name)] = t.ID
	return t.ID, nil
}
