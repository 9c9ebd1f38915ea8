package devseed

import (
	"cmp"
	"context"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"slices"
	"time"

	"github.com/punchclock/punchclock/domain"
)

// Shape of the time entries.
const (
	// userExponent and projectExponent skew the Zipf-like draws: with 1, the
	// busiest of 20 users tracks about 28% of all entries.
	userExponent        = 1.0
	projectExponent     = 1.1
	tagExponent         = 0.9
	descriptionExponent = 0.8
	maxRunningTimers    = 5
	maxEntryLength      = 8 * time.Hour
	// margin keeps every instant at least this long before Now, so that a
	// running timer never starts in the future.
	margin = time.Minute
)

// descriptions are the texts that entries draw from: a verb and an object,
// plus the empty description.
var descriptions = func() []string {
	verbs := []string{"Fix", "Review", "Write", "Plan", "Discuss", "Test", "Deploy", "Refactor", "Design", "Update"}
	objects := []string{"login flow", "invoice export", "API docs", "sprint goals", "release notes", "search index",
		"billing report", "onboarding email", "error handling", "database schema", "CI pipeline", "client feedback",
		"dashboard", "permissions", "mobile layout"}
	out := []string{""}
	for _, o := range objects {
		for _, v := range verbs {
			out = append(out, v+" "+o)
		}
	}
	return out
}()

// draft is a compact time entry, so that the entries of a large seed fit in
// memory while they are sorted into insertion order.
type draft struct {
	start, end int64 // Unix seconds; end is 0 while the timer runs
	user       int32
	project    int32 // -1 for none
	task       int16 // -1 for none
	tagCount   uint8
	billable   bool
	tags       [3]int16
	desc       int32
	id         [12]byte
}

// created returns the creation time of the entry in Unix seconds: its end,
// or its start while the timer runs.
func (d draft) created() int64 {
	if d.end == 0 {
		return d.start
	}
	return d.end
}

// cmpDraft orders entries by creation time, then user and start, which is
// the order they are inserted in. Ids start with the creation time, so the
// primary key index grows at its end.
func cmpDraft(a, b draft) int {
	return cmp.Or(cmp.Compare(a.created(), b.created()), cmp.Compare(a.user, b.user), cmp.Compare(a.start, b.start))
}

// writeEntries draws every entry, sorts them by creation time and inserts
// them in transactions of entriesPerTx. It returns the number of running
// timers.
func (s *seeder) writeEntries(ctx context.Context) (int, error) {
	drafts, err := s.drawEntries()
	if err != nil {
		return 0, err
	}
	slices.SortFunc(drafts, cmpDraft)

	// The rates come from the workspace's rate history, which an existing
	// workspace may have filled before the seed.
	var records []domain.RateRecord
	err = s.db.View(ctx, func(tx domain.Tx) error {
		var err error
		records, err = tx.RateRecords(ctx, s.ws.ID, domain.RateScope{All: true})
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("devseed: reading the rate history: %w", err)
	}
	book := domain.NewRateBook(s.ws.Currency, records)

	running := 0
	batch := make([]domain.TimeEntry, 0, entriesPerTx)
	for i, d := range drafts {
		e := s.entry(d)
		e.HourlyRate, e.CostRate = book.EntryRates(e)
		if e.End == nil {
			running++
		}
		batch = append(batch, e)
		if len(batch) == entriesPerTx || i == len(drafts)-1 {
			if err := s.db.InsertTimeEntries(ctx, batch); err != nil {
				return 0, fmt.Errorf("devseed: inserting time entries %d to %d: %w", i+1-len(batch), i, err)
			}
			batch = batch[:0]
		}
	}
	return running, nil
}

// drawEntries splits the entries over the users and lays out each user's
// entries one after another over the time range, so that none overlap. The
// last entry of each of the busiest users (up to maxRunningTimers) is a
// running timer.
func (s *seeder) drawEntries() ([]draft, error) {
	from := s.start().Unix()
	to := s.opts.Now.Add(-margin).Unix()
	counts := s.userShares()

	projects := newZipf(max(1, len(s.projects)), projectExponent)
	tags := newZipf(len(s.tags), tagExponent)
	texts := newZipf(len(descriptions), descriptionExponent)
	out := make([]draft, 0, s.opts.Entries)
	for u, n := range counts {
		slot := float64(to-from) / float64(max(1, n))
		for k := range n {
			d := draft{user: int32(u), project: -1, task: -1}
			slotStart := from + int64(float64(k)*slot)
			slotEnd := from + int64(float64(k+1)*slot)
			offset := s.rng.Int64N(max(1, (slotEnd-slotStart)/4))
			d.start = slotStart + offset
			// Leave at least a second before the next slot starts.
			room := min(slotEnd-d.start-1, int64(maxEntryLength/time.Second))
			d.end = d.start + max(1, int64(float64(room)*(0.35+0.65*s.rng.Float64())))
			if k == n-1 && u < maxRunningTimers {
				d.end = 0
			}
			s.drawFields(&d, u, projects, tags, texts)
			binary.BigEndian.PutUint32(d.id[:4], uint32(d.created()))
			binary.BigEndian.PutUint64(d.id[4:], s.rng.Uint64())
			out = append(out, d)
		}
	}
	return out, nil
}

// userShares splits the entries over the users.
func (s *seeder) userShares() []int {
	return shares(s.opts.Entries, newZipf(s.opts.Users, userExponent))
}

// checkDensity rejects options that would give the busiest user less than
// two seconds per entry.
func (s *seeder) checkDensity() error {
	busiest := s.userShares()[0]
	span := s.opts.Now.Add(-margin).Unix() - s.start().Unix()
	if busiest > 0 && span/int64(busiest) < 2 {
		return fmt.Errorf("devseed: %d entries of the busiest user do not fit in %d years at 2 seconds each: raise the years or the users",
			busiest, s.opts.Years)
	}
	return nil
}

// drawFields picks the project, task, tags and description of an entry.
// About one entry in seven has no project. Each user prefers a different
// part of the project list, so that users differ while projects stay skewed.
func (s *seeder) drawFields(d *draft, user int, projects, tags, texts zipf) {
	if len(s.projects) > 0 && s.rng.IntN(7) != 0 {
		p := projects.draw(s.rng)
		if s.rng.IntN(2) == 0 {
			p = (p + user) % len(s.projects)
		}
		// Entries of archived projects stay, as they would after archiving,
		// but only one in ten is kept there so that they remain rare.
		if !s.projects[p].Archived || s.rng.IntN(10) == 0 {
			d.project = int32(p)
			d.billable = s.projects[p].Billable
			if ids := s.projects[p].taskIDs; len(ids) > 0 && s.rng.IntN(10) < 7 {
				d.task = int16(s.rng.IntN(len(ids)))
			}
		}
	}

	switch r := s.rng.IntN(20); {
	case r < 8:
		d.tagCount = 0
	case r < 15:
		d.tagCount = 1
	case r < 19:
		d.tagCount = 2
	default:
		d.tagCount = 3
	}
	for i := 0; i < int(d.tagCount); {
		t := int16(tags.draw(s.rng))
		if !slices.Contains(d.tags[:i], t) {
			d.tags[i] = t
			i++
		}
	}
	d.desc = int32(texts.draw(s.rng))
}

// entry expands a draft into the time entry it describes.
func (s *seeder) entry(d draft) domain.TimeEntry {
	e := domain.TimeEntry{
		ID:          hex.EncodeToString(d.id[:]),
		WorkspaceID: s.ws.ID,
		UserID:      s.users[d.user].ID,
		Description: descriptions[d.desc],
		Billable:    d.billable,
		Start:       time.Unix(d.start, 0).UTC(),
		Type:        domain.EntryRegular,
	}
	e.CreatedAt = e.Start
	if d.end != 0 {
		end := time.Unix(d.end, 0).UTC()
		e.End, e.CreatedAt = &end, end
	}
	if d.project >= 0 {
		p := s.projects[d.project]
		e.ProjectID = p.ID
		if d.task >= 0 {
			e.TaskID = p.taskIDs[d.task]
		}
	}
	for _, t := range d.tags[:d.tagCount] {
		e.TagIDs = append(e.TagIDs, s.tags[t].ID)
	}
	return e
}
