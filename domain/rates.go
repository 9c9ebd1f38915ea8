package domain

import (
	"context"
	"iter"
	"slices"
	"sort"
	"time"
)

// RateLevel is the entity a rate is set on.
type RateLevel string

// Rate levels, from the least to the most specific.
const (
	LevelWorkspace     RateLevel = "WORKSPACE"
	LevelMember        RateLevel = "MEMBER"         // a workspace member, keyed by UserID
	LevelProject       RateLevel = "PROJECT"        // keyed by ProjectID
	LevelTask          RateLevel = "TASK"           // keyed by ProjectID and TaskID
	LevelProjectMember RateLevel = "PROJECT_MEMBER" // keyed by ProjectID and UserID
)

// RatesBeginning is the Since of rates that apply to every entry, however
// early it starts: the rates a workspace had before rates had a history, and
// the rates an entity is created with when the request gives no since. It is
// 0001-01-01T00:00:00Z, the earliest instant the stores keep.
var RatesBeginning = time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)

// RateRecord is one change in a rate history: from Since on, the rate of
// Kind at Level (for the entity named by the ids the level uses) is Amount,
// in minor units per hour, or unset when Amount is nil. A record applies
// until the next record of the same rate.
type RateRecord struct {
	WorkspaceID string
	Kind        RateKind
	Level       RateLevel
	UserID      string
	ProjectID   string
	TaskID      string
	Since       time.Time
	Amount      *int64
}

// RateScope selects the rate records that can apply to entries of some users
// and projects: every workspace record, the member records of UserIDs and
// the project, task and project-member records of ProjectIDs. All selects
// the whole history of the workspace.
type RateScope struct {
	All        bool
	UserIDs    []string
	ProjectIDs []string
}

// EntryRateFilter selects time entries whose rates a rate change may alter:
// those of the workspace that start at or after From and before Before (no
// bound when nil), narrowed by the ids that are set.
type EntryRateFilter struct {
	UserID    string
	ProjectID string
	TaskID    string
	From      time.Time
	Before    *time.Time
}

// RateStore persists rate histories and the rates resolved onto entries.
type RateStore interface {
	// RateRecords returns the workspace's rate records that s selects, in
	// no particular order.
	RateRecords(ctx context.Context, workspaceID string, s RateScope) ([]RateRecord, error)
	// PutRateRecord stores r, replacing the record of the same rate with
	// the same Since.
	PutRateRecord(ctx context.Context, r RateRecord) error
	// ScanEntriesForRates calls fn with each entry f selects, in no
	// particular order, with the fields that rate resolution reads: id,
	// user, project, task, start and the resolved rates. Tags and the other
	// fields are left empty. fn must not use the transaction.
	ScanEntriesForRates(ctx context.Context, workspaceID string, f EntryRateFilter, fn func(TimeEntry) error) error
	// SetEntryRates writes hourly and cost as the resolved rates of the
	// entries with the given ids, which must be entries of the workspace.
	SetEntryRates(ctx context.Context, workspaceID string, ids []string, hourly, cost *int64) error
	// LockRates holds, until the transaction ends, the workspace's rate
	// lock: exclusive for a rate change, shared for a write that resolves
	// entry rates. A change then never misses an entry written beside it,
	// and such a write never misses a change.
	LockRates(ctx context.Context, workspaceID string, exclusive bool) error
}

// rateKey names one rate: a kind at one level of one entity.
type rateKey struct {
	kind      RateKind
	level     RateLevel
	userID    string
	projectID string
	taskID    string
}

func keyOf(r RateRecord) rateKey {
	return rateKey{kind: r.Kind, level: r.Level, userID: r.UserID, projectID: r.ProjectID, taskID: r.TaskID}
}

// RateBook is a workspace's rate history indexed for resolving the rates of
// many entries without further queries.
type RateBook struct {
	currency string
	history  map[rateKey][]RateRecord // each sorted by Since
}

// NewRateBook indexes records, all of one workspace whose currency is
// currency.
func NewRateBook(currency string, records []RateRecord) *RateBook {
	b := &RateBook{currency: currency, history: map[rateKey][]RateRecord{}}
	for _, r := range records {
		k := keyOf(r)
		b.history[k] = append(b.history[k], r)
	}
	for _, list := range b.history {
		sort.Slice(list, func(i, j int) bool { return list[i].Since.Before(list[j].Since) })
	}
	return b
}

// at returns the amount of one rate in effect at t, and false when the rate
// is unset then: it has no record at or before t, or the last such record
// unsets it.
func (b *RateBook) at(k rateKey, t time.Time) (int64, bool) {
	list := b.history[k]
	i := sort.Search(len(list), func(i int) bool { return list[i].Since.After(t) })
	if i == 0 || list[i-1].Amount == nil {
		return 0, false
	}
	return *list[i-1].Amount, true
}

// next returns the Since of the first record of r's rate after r, or nil
// when r is the last.
func (b *RateBook) next(r RateRecord) *time.Time {
	list := b.history[keyOf(r)]
	i := sort.Search(len(list), func(i int) bool { return list[i].Since.After(r.Since) })
	if i == len(list) {
		return nil
	}
	return &list[i].Since
}

// EntryRates resolves the billable (hourly) and cost rates of an entry, each
// on its own, as the rates in effect when the entry starts at the most
// specific level where that rate is set. The levels, most specific first:
//
//  1. the user's membership of the entry's project
//  2. the entry's task
//  3. the entry's project
//  4. the user's membership of the workspace
//  5. the workspace
//
// This is the order of Clockify's help page on rate mismatches
// (clockify.me/help/troubleshooting/time-mismatch). Another of its pages
// places the workspace member above the project. The workspace's billable
// rate is always set, to 0 until changed, so the hourly rate is never nil.
// The cost rate is nil when no level sets it.
func (b *RateBook) EntryRates(e TimeEntry) (hourly, cost *Rate) {
	return b.rate(HourlyRate, e), b.rate(CostRate, e)
}

func (b *RateBook) rate(kind RateKind, e TimeEntry) *Rate {
	var keys []rateKey
	if e.ProjectID != "" {
		keys = append(keys,
			rateKey{kind: kind, level: LevelProjectMember, projectID: e.ProjectID, userID: e.UserID})
		if e.TaskID != "" {
			keys = append(keys, rateKey{kind: kind, level: LevelTask, projectID: e.ProjectID, taskID: e.TaskID})
		}
		keys = append(keys, rateKey{kind: kind, level: LevelProject, projectID: e.ProjectID})
	}
	keys = append(keys, rateKey{kind: kind, level: LevelMember, userID: e.UserID},
		rateKey{kind: kind, level: LevelWorkspace})
	for _, k := range keys {
		if amount, ok := b.at(k, e.Start); ok {
			return &Rate{Amount: amount, Currency: b.currency}
		}
	}
	if kind == HourlyRate {
		return &Rate{Amount: 0, Currency: b.currency}
	}
	return nil
}

// Amount is the money that rate earns or costs over d, in minor units. It
// is rate × d in whole seconds ÷ 3600, rounded half up to a whole minor
// unit: 1 second at 1800 cents an hour is 0.5 cents and rounds to 1.
// Fractions of a second are dropped first. A nil rate or a non-positive d
// gives 0. The result is exact for every rate up to MaxRateAmount and every
// duration a time.Duration holds.
func Amount(rate *Rate, d time.Duration) int64 {
	if rate == nil || d <= 0 {
		return 0
	}
	seconds := int64(d / time.Second)
	// Whole hours and the remainder apart, so that no product leaves int64.
	hours, rest := seconds/3600, seconds%3600
	return rate.Amount*hours + (rate.Amount*rest+1800)/3600
}

// EntryAmounts returns the billable amount and the cost of e over d, in
// minor units, each by Amount. d is e's duration, or its rounded duration
// in reports that round. A non-billable entry earns 0 but still costs.
func EntryAmounts(e TimeEntry, d time.Duration) (billable, cost int64) {
	if e.Billable {
		billable = Amount(e.HourlyRate, d)
	}
	return billable, Amount(e.CostRate, d)
}

// ResolveEntryRates sets the HourlyRate and CostRate of each entry to the
// rates in effect when it starts, reading the rate history they need with
// one query. Every path that creates an entry or changes its start, user,
// project or task calls it before writing the entry.
func ResolveEntryRates(ctx context.Context, tx Tx, ws Workspace, list []TimeEntry) error {
	if len(list) == 0 {
		return nil
	}
	var scope RateScope
	for _, e := range list {
		scope.UserIDs = append(scope.UserIDs, e.UserID)
		if e.ProjectID != "" {
			scope.ProjectIDs = append(scope.ProjectIDs, e.ProjectID)
		}
	}
	scope.UserIDs, scope.ProjectIDs = dedupe(scope.UserIDs), dedupe(scope.ProjectIDs)
	if len(scope.UserIDs)+len(scope.ProjectIDs) > maxScopeIDs {
		// Past this many ids the whole history is the smaller query.
		scope = RateScope{All: true}
	}
	if err := tx.LockRates(ctx, ws.ID, false); err != nil {
		return err
	}
	book, err := rateBook(ctx, tx, ws, scope)
	if err != nil {
		return err
	}
	for i := range list {
		list[i].HourlyRate, list[i].CostRate = book.EntryRates(list[i])
	}
	return nil
}

// rateBook returns the rate book of the workspace's records in scope. A
// transaction that reads through the catalog cache gets the whole
// workspace's book, built once per catalog version.
func rateBook(ctx context.Context, tx Tx, ws Workspace, scope RateScope) (*RateBook, error) {
	if cached, ok := tx.(cachedTx); ok && cached.cat.workspaceID == ws.ID {
		return cached.rateBook(ctx, ws.Currency)
	}
	records, err := tx.RateRecords(ctx, ws.ID, scope)
	if err != nil {
		return nil, err
	}
	return NewRateBook(ws.Currency, records), nil
}

// maxScopeIDs bounds the ids of a RateScope, which the store binds as
// query parameters, far below the limits of both engines.
const maxScopeIDs = 1000

// resolveEntry is ResolveEntryRates for one entry.
func resolveEntry(ctx context.Context, tx Tx, ws Workspace, e *TimeEntry) error {
	list := []TimeEntry{*e}
	if err := ResolveEntryRates(ctx, tx, ws, list); err != nil {
		return err
	}
	e.HourlyRate, e.CostRate = list[0].HourlyRate, list[0].CostRate
	return nil
}

// rateUpdateBatch is the number of ids per update statement of entry
// re-resolution, well under the bind-parameter limits of both engines.
const rateUpdateBatch = 1000

// recordRate stores a rate change and re-resolves the rates of the entries
// it covers: those that the change's level and ids reach and that start at
// or after its Since and before the next change of the same rate. Other
// entries keep the rates they have. The entries are read with one query and
// only those whose rates change are written, with one update per distinct
// pair of rates and batch of ids.
//
// NOTE: a change that covers a whole large workspace takes its time inside
// one write transaction: about 36 s for 1,000,000 SQLite entries (see
// docs/rates.md). Storing each entry's resolved level would let a plain
// UPDATE do it.
func recordRate(ctx context.Context, tx Tx, ws Workspace, r RateRecord) error {
	r.WorkspaceID = ws.ID
	if err := tx.LockRates(ctx, ws.ID, true); err != nil {
		return err
	}
	if err := tx.PutRateRecord(ctx, r); err != nil {
		return err
	}
	records, err := tx.RateRecords(ctx, ws.ID, RateScope{All: true})
	if err != nil {
		return err
	}
	book := NewRateBook(ws.Currency, records)

	f := EntryRateFilter{From: r.Since, Before: book.next(r)}
	switch r.Level {
	case LevelMember:
		f.UserID = r.UserID
	case LevelProject:
		f.ProjectID = r.ProjectID
	case LevelTask:
		f.ProjectID, f.TaskID = r.ProjectID, r.TaskID
	case LevelProjectMember:
		f.ProjectID, f.UserID = r.ProjectID, r.UserID
	}
	changed := rateChanges{}
	err = tx.ScanEntriesForRates(ctx, ws.ID, f, func(e TimeEntry) error {
		hourly, cost := book.EntryRates(e)
		if !sameRate(hourly, e.HourlyRate) || !sameRate(cost, e.CostRate) {
			changed.add(e.ID, hourly, cost)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return changed.write(ctx, tx, ws.ID)
}

// rateChanges collects the ids of entries to rewrite, grouped by their new
// pair of rates.
type rateChanges struct {
	order []ratePair
	ids   map[ratePair][]string
}

// ratePair is the amounts of a billable and a cost rate, either unset.
type ratePair struct {
	hourly, cost       int64
	hasHourly, hasCost bool
}

func (c *rateChanges) add(id string, hourly, cost *Rate) {
	var p ratePair
	if hourly != nil {
		p.hourly, p.hasHourly = hourly.Amount, true
	}
	if cost != nil {
		p.cost, p.hasCost = cost.Amount, true
	}
	if c.ids == nil {
		c.ids = map[ratePair][]string{}
	}
	if _, seen := c.ids[p]; !seen {
		c.order = append(c.order, p)
	}
	c.ids[p] = append(c.ids[p], id)
}

func (c *rateChanges) write(ctx context.Context, tx Tx, workspaceID string) error {
	for _, p := range c.order {
		var hourly, cost *int64
		if p.hasHourly {
			hourly = &p.hourly
		}
		if p.hasCost {
			cost = &p.cost
		}
		for chunk := range slices.Chunk(c.ids[p], rateUpdateBatch) {
			if err := tx.SetEntryRates(ctx, workspaceID, chunk, hourly, cost); err != nil {
				return err
			}
		}
	}
	return nil
}

func sameRate(a, b *Rate) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Amount == b.Amount
}

// rateSince is when a rate change takes effect: the request's since, or
// fallback when it has none.
func rateSince(c *RateChange, fallback time.Time) time.Time {
	if c != nil && c.Since != nil {
		return c.Since.UTC().Truncate(time.Millisecond)
	}
	return fallback
}

// recordChange records the rate change c of one rate, whose level and ids
// rate names, from c's since or, without one, from fallback. A nil c
// records nothing.
func recordChange(ctx context.Context, tx Tx, ws Workspace, rate RateRecord, c *RateChange, fallback time.Time) error {
	if c == nil {
		return nil
	}
	rate.Since, rate.Amount = rateSince(c, fallback), &c.Amount
	return recordRate(ctx, tx, ws, rate)
}

// recordUnset records that a rate is unset from now on, when it is set:
// the rate of a user who leaves a project, for example. Entries that started
// earlier keep their rates.
func recordUnset(ctx context.Context, tx Tx, ws Workspace, rate RateRecord, current *Rate) error {
	if current == nil {
		return nil
	}
	rate.Since, rate.Amount = tx.Now(), nil
	return recordRate(ctx, tx, ws, rate)
}

// recordMemberChanges records the project-member rate changes of a
// membership replacement: the rates the request gives, and an unset for each
// rate a user had and no longer has, because the request leaves it out or
// removes the user.
func recordMemberChanges(ctx context.Context, tx Tx, ws Workspace, projectID string, old []ProjectMember, changes []ProjectMemberChange) error {
	given := map[string]ProjectMemberChange{}
	last := map[string]int{}
	for i, c := range changes {
		given[c.UserID], last[c.UserID] = c, i
	}
	for i, c := range changes {
		if last[c.UserID] != i {
			continue // a user named twice keeps the last entry, as projectMembers does
		}
		for _, kind := range []RateKind{HourlyRate, CostRate} {
			rate := RateRecord{Kind: kind, Level: LevelProjectMember, ProjectID: projectID, UserID: c.UserID}
			if err := recordChange(ctx, tx, ws, rate, changeOf(c, kind), tx.Now()); err != nil {
				return err
			}
		}
	}
	for _, m := range old {
		c, kept := given[m.UserID]
		for _, kind := range []RateKind{HourlyRate, CostRate} {
			if kept && changeOf(c, kind) != nil {
				continue
			}
			rate := RateRecord{Kind: kind, Level: LevelProjectMember, ProjectID: projectID, UserID: m.UserID}
			if err := recordUnset(ctx, tx, ws, rate, memberRate(m, kind)); err != nil {
				return err
			}
		}
	}
	return nil
}

// byKind returns the billable and the cost rate change keyed by kind, in
// that order, for loops that treat both alike.
func byKind(hourly, cost *RateChange) iter.Seq2[RateKind, *RateChange] {
	return func(yield func(RateKind, *RateChange) bool) {
		if yield(HourlyRate, hourly) {
			yield(CostRate, cost)
		}
	}
}

func changeOf(c ProjectMemberChange, kind RateKind) *RateChange {
	if kind == HourlyRate {
		return c.HourlyRate
	}
	return c.CostRate
}

func memberRate(m ProjectMember, kind RateKind) *Rate {
	if kind == HourlyRate {
		return m.HourlyRate
	}
	return m.CostRate
}

// recordCopiedRates records the rates of a project copied from a template,
// with its members and tasks, as rates that apply from the beginning. The
// new project has no entries yet, so entries added later for earlier days
// take the copied rates.
func recordCopiedRates(ctx context.Context, tx Tx, ws Workspace, p Project, tasks []Task) error {
	type setRate struct {
		rate   RateRecord
		amount *Rate
	}
	var all []setRate
	for _, kind := range []RateKind{HourlyRate, CostRate} {
		projectRate := p.HourlyRate
		if kind == CostRate {
			projectRate = p.CostRate
		}
		all = append(all, setRate{RateRecord{Kind: kind, Level: LevelProject, ProjectID: p.ID}, projectRate})
		for _, m := range p.Members {
			all = append(all, setRate{RateRecord{Kind: kind, Level: LevelProjectMember, ProjectID: p.ID, UserID: m.UserID},
				memberRate(m, kind)})
		}
		for _, t := range tasks {
			taskRate := t.HourlyRate
			if kind == CostRate {
				taskRate = t.CostRate
			}
			all = append(all, setRate{RateRecord{Kind: kind, Level: LevelTask, ProjectID: p.ID, TaskID: t.ID}, taskRate})
		}
	}
	for _, s := range all {
		if s.amount == nil {
			continue
		}
		s.rate.Since, s.rate.Amount = RatesBeginning, &s.amount.Amount
		if err := recordRate(ctx, tx, ws, s.rate); err != nil {
			return err
		}
	}
	return nil
}

// unsetMemberRates records that the project-member rates of userID on p are
// unset from now on, for a user who leaves the project.
func unsetMemberRates(ctx context.Context, tx Tx, ws Workspace, p *Project, userID string) error {
	i := slices.IndexFunc(p.Members, func(m ProjectMember) bool { return m.UserID == userID })
	if i < 0 {
		return nil
	}
	for _, kind := range []RateKind{HourlyRate, CostRate} {
		rate := RateRecord{Kind: kind, Level: LevelProjectMember, ProjectID: p.ID, UserID: userID}
		if err := recordUnset(ctx, tx, ws, rate, memberRate(p.Members[i], kind)); err != nil {
			return err
		}
	}
	return nil
}
