package domain

import (
	"context"
	"errors"
	"slices"
	"sync"
)

// The catalog cache keeps in memory what nearly every request reads of a
// workspace: the entered actor of each API key, members with their users,
// projects, tasks, tags, rate history and custom fields. Each copy is
// tagged with the workspace's catalog version (Tx.WorkspaceVersion), which
// the database raises in the same transaction as any change to that data,
// so a copy is used only by transactions that read the same version. That
// holds across processes: other nodes on one PostgreSQL database, and
// command-line tools writing to a SQLite file.
//
// Time entries and the tracked-time sums of projects and tasks change on
// every entry write, so they are never cached: projects and tasks from the
// cache carry no Tracked value, and callers that show it read it anew.

// maxCachedWorkspaces bounds the number of workspaces in the cache. Past it,
// an arbitrary workspace is dropped for each one added.
const maxCachedWorkspaces = 1000

// catalogCache contains the newest catalog seen of each workspace.
type catalogCache struct {
	mu          sync.Mutex
	byWorkspace map[string]*catalog
}

// at returns the catalog of the workspace at version, which the caller
// read in its transaction. A catalog of another version is replaced only by
// a newer one, so that a slow transaction of an old version does not evict
// the current copy.
func (c *catalogCache) at(workspaceID string, version int64) *catalog {
	c.mu.Lock()
	defer c.mu.Unlock()
	cat := c.byWorkspace[workspaceID]
	if cat != nil && cat.version == version {
		return cat
	}
	fresh := &catalog{workspaceID: workspaceID, version: version}
	if cat != nil && cat.version > version {
		return fresh
	}
	if c.byWorkspace == nil {
		c.byWorkspace = map[string]*catalog{}
	}
	if cat == nil && len(c.byWorkspace) >= maxCachedWorkspaces {
		for id := range c.byWorkspace {
			delete(c.byWorkspace, id)
			break
		}
	}
	c.byWorkspace[workspaceID] = fresh
	return fresh
}

// newest returns the newest catalog cached of the workspace, or nil.
func (c *catalogCache) newest(workspaceID string) *catalog {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.byWorkspace[workspaceID]
}

// catalog is the cached data of one workspace at one version. Its maps
// fill as transactions of that version read through cachedTx. A nil map
// value records that the id was not found.
type catalog struct {
	workspaceID string
	version     int64

	mu       sync.Mutex
	actors   map[string]Actor // by API key hash, before the automatic lock
	members  map[string]*Member
	projects map[string]*Project
	tasks    map[string]*Task
	tags     map[string]*Tag
	rates    []RateRecord // the whole rate history, when ratesRead
	book     *RateBook    // built from rates, or nil
	fields   []CustomField
	// ratesRead and fieldsRead tell a read empty list from an unread one.
	ratesRead, fieldsRead bool
}

func (c *catalog) actor(keyHash string) (Actor, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.actors[keyHash]
	return a, ok
}

func (c *catalog) putActor(keyHash string, a Actor) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.actors == nil {
		c.actors = map[string]Actor{}
	}
	c.actors[keyHash] = a
}

// lookup returns shallow copies of the cached values of ids from *m, and
// the ids that *m does not contain yet. It takes the map field by pointer
// because store may replace a nil map, so the field is read only under
// c.mu.
func lookup[T any](c *catalog, m *map[string]*T, ids []string) (found []T, missing []string) {
	found = make([]T, 0, len(ids))
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, id := range ids {
		v, ok := (*m)[id]
		switch {
		case !ok:
			missing = append(missing, id)
		case v != nil:
			found = append(found, *v)
		}
	}
	return found, missing
}

// store records values read from the database under their ids, and ids
// that matched nothing as nil.
func store[T any](c *catalog, m *map[string]*T, ids []string, values []T, idOf func(T) string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if *m == nil {
		*m = map[string]*T{}
	}
	for _, id := range ids {
		if _, ok := (*m)[id]; !ok {
			(*m)[id] = nil
		}
	}
	for _, v := range values {
		(*m)[idOf(v)] = &v
	}
}

// cachedTx is a transaction that reads the catalog's data from the
// catalog, and reads it from the database and keeps it on a miss. It must
// run only in transactions that read the catalog's version, and never in
// one that changes the catalog's data, which would then read stale copies.
type cachedTx struct {
	Tx
	cat   *catalog
	pages *pageCache[[]TimeEntry]
}

// catalogOf returns the cached catalog of the workspace at the version
// that tx reads, or nil for an unknown workspace.
func (s *Service) catalogOf(ctx context.Context, tx Tx, workspaceID string) (*catalog, error) {
	version, err := tx.WorkspaceVersion(ctx, workspaceID)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return s.catalogs.at(workspaceID, version), nil
}

// withCatalog returns tx reading through the cached catalog of the
// workspace at the version that tx reads.
func (s *Service) withCatalog(ctx context.Context, tx Tx, workspaceID string) (Tx, error) {
	cat, err := s.catalogOf(ctx, tx, workspaceID)
	if err != nil || cat == nil {
		return tx, err
	}
	return cachedTx{Tx: tx, cat: cat, pages: &s.pages}, nil
}

// viewCached runs fn in a read transaction that reads the workspace's
// catalog from the cache. It uses the catalog the actor entered with, when
// there is one, without reading the version again: the data is then as it
// was when the request authenticated, which is a state the database held
// during the request.
func (s *Service) viewCached(ctx context.Context, a Actor, fn func(Tx) error) error {
	return s.store.View(ctx, func(tx Tx) error {
		if a.catalog != nil && a.catalog.workspaceID == a.Workspace.ID {
			return fn(cachedTx{Tx: tx, cat: a.catalog, pages: &s.pages})
		}
		cached, err := s.withCatalog(ctx, tx, a.Workspace.ID)
		if err != nil {
			return err
		}
		return fn(cached)
	})
}

// updateCached runs fn in a write transaction. Where the engine runs one
// write transaction at a time, fn reads the workspace's catalog from the
// cache, because nothing can change it before the commit. Elsewhere fn
// reads the database, which takes the row locks that keep its checks true
// until the commit.
func (s *Service) updateCached(ctx context.Context, workspaceID string, fn func(Tx) error) error {
	return s.store.Update(ctx, func(tx Tx) error {
		if !tx.WritesSerialized() {
			return fn(tx)
		}
		cached, err := s.withCatalog(ctx, tx, workspaceID)
		if err != nil {
			return err
		}
		return fn(cached)
	})
}

func (t cachedTx) Member(ctx context.Context, workspaceID, userID string) (Member, error) {
	if workspaceID != t.cat.workspaceID {
		return t.Tx.Member(ctx, workspaceID, userID)
	}
	ids := []string{userID}
	found, missing := lookup(t.cat, &t.cat.members, ids)
	if len(missing) == 0 {
		if len(found) == 0 {
			return Member{}, ErrNotFound
		}
		return found[0], nil
	}
	m, err := t.Tx.Member(ctx, workspaceID, userID)
	switch {
	case errors.Is(err, ErrNotFound):
		store(t.cat, &t.cat.members, ids, nil, memberUserID)
	case err == nil:
		store(t.cat, &t.cat.members, ids, []Member{m}, memberUserID)
	}
	return m, err
}

func (t cachedTx) Project(ctx context.Context, workspaceID, id string) (Project, error) {
	list, err := t.ProjectsByID(ctx, workspaceID, []string{id})
	if err != nil {
		return Project{}, err
	}
	if len(list) == 0 {
		return Project{}, ErrNotFound
	}
	return list[0], nil
}

func (t cachedTx) ProjectsByID(ctx context.Context, workspaceID string, ids []string) ([]Project, error) {
	if workspaceID != t.cat.workspaceID {
		return t.Tx.ProjectsByID(ctx, workspaceID, ids)
	}
	found, missing := lookup(t.cat, &t.cat.projects, ids)
	if len(missing) == 0 {
		return found, nil
	}
	read, err := t.Tx.ProjectsByID(ctx, workspaceID, missing)
	if err != nil {
		return nil, err
	}
	for i := range read {
		read[i].Tracked = 0
	}
	store(t.cat, &t.cat.projects, missing, read, func(p Project) string { return p.ID })
	return append(found, read...), nil
}

func (t cachedTx) Task(ctx context.Context, workspaceID, projectID, id string) (Task, error) {
	list, err := t.TasksByID(ctx, workspaceID, []string{id})
	if err != nil {
		return Task{}, err
	}
	if len(list) == 0 || list[0].ProjectID != projectID {
		return Task{}, ErrNotFound
	}
	return list[0], nil
}

func (t cachedTx) TasksByID(ctx context.Context, workspaceID string, ids []string) ([]Task, error) {
	if workspaceID != t.cat.workspaceID {
		return t.Tx.TasksByID(ctx, workspaceID, ids)
	}
	found, missing := lookup(t.cat, &t.cat.tasks, ids)
	if len(missing) == 0 {
		return found, nil
	}
	read, err := t.Tx.TasksByID(ctx, workspaceID, missing)
	if err != nil {
		return nil, err
	}
	for i := range read {
		read[i].Tracked = 0
	}
	store(t.cat, &t.cat.tasks, missing, read, func(t Task) string { return t.ID })
	return append(found, read...), nil
}

func (t cachedTx) Tag(ctx context.Context, workspaceID, id string) (Tag, error) {
	list, err := t.TagsByID(ctx, workspaceID, []string{id})
	if err != nil {
		return Tag{}, err
	}
	if len(list) == 0 {
		return Tag{}, ErrNotFound
	}
	return list[0], nil
}

func (t cachedTx) TagsByID(ctx context.Context, workspaceID string, ids []string) ([]Tag, error) {
	if workspaceID != t.cat.workspaceID {
		return t.Tx.TagsByID(ctx, workspaceID, ids)
	}
	found, missing := lookup(t.cat, &t.cat.tags, ids)
	if len(missing) == 0 {
		return found, nil
	}
	read, err := t.Tx.TagsByID(ctx, workspaceID, missing)
	if err != nil {
		return nil, err
	}
	store(t.cat, &t.cat.tags, missing, read, func(g Tag) string { return g.ID })
	return append(found, read...), nil
}

// RateRecords returns the workspace's whole rate history whatever the
// scope: a RateBook picks the records that apply to each entry, so the
// records outside the scope change no result.
func (t cachedTx) RateRecords(ctx context.Context, workspaceID string, s RateScope) ([]RateRecord, error) {
	if workspaceID != t.cat.workspaceID {
		return t.Tx.RateRecords(ctx, workspaceID, s)
	}
	t.cat.mu.Lock()
	records, ok := t.cat.rates, t.cat.ratesRead
	t.cat.mu.Unlock()
	if ok {
		return slices.Clone(records), nil
	}
	records, err := t.Tx.RateRecords(ctx, workspaceID, RateScope{All: true})
	if err != nil {
		return nil, err
	}
	t.cat.mu.Lock()
	t.cat.rates, t.cat.ratesRead = slices.Clone(records), true
	t.cat.mu.Unlock()
	return records, nil
}

// rateBook returns the book of the workspace's whole rate history. A
// RateBook is never changed after it is built, so callers share it.
func (t cachedTx) rateBook(ctx context.Context, currency string) (*RateBook, error) {
	t.cat.mu.Lock()
	book := t.cat.book
	t.cat.mu.Unlock()
	if book != nil && book.currency == currency {
		return book, nil
	}
	records, err := t.RateRecords(ctx, t.cat.workspaceID, RateScope{All: true})
	if err != nil {
		return nil, err
	}
	book = NewRateBook(currency, records)
	t.cat.mu.Lock()
	t.cat.book = book
	t.cat.mu.Unlock()
	return book, nil
}

func (t cachedTx) CustomFields(ctx context.Context, workspaceID string) ([]CustomField, error) {
	if workspaceID != t.cat.workspaceID {
		return t.Tx.CustomFields(ctx, workspaceID)
	}
	t.cat.mu.Lock()
	fields, ok := t.cat.fields, t.cat.fieldsRead
	t.cat.mu.Unlock()
	if ok {
		return cloneFields(fields), nil
	}
	fields, err := t.Tx.CustomFields(ctx, workspaceID)
	if err != nil {
		return nil, err
	}
	t.cat.mu.Lock()
	t.cat.fields, t.cat.fieldsRead = cloneFields(fields), true
	t.cat.mu.Unlock()
	return fields, nil
}

func memberUserID(m Member) string { return m.UserID }

// Cached values are handed out as shallow copies: callers may change their
// fields but not the elements of their slices, which the cache shares. The
// one caller that clears rates inside a slice, redactProject, copies the
// slice first. The custom field and rate lists are copied, because their
// callers sort and filter them.

func cloneFields(list []CustomField) []CustomField {
	out := slices.Clone(list)
	for i := range out {
		out[i].AllowedValues = slices.Clone(out[i].AllowedValues)
		out[i].ProjectDefaults = slices.Clone(out[i].ProjectDefaults)
	}
	return out
}
