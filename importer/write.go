package importer

import (
	"context"
	"errors"
	"fmt"

	"github.com/punchclock/punchclock/domain"
)

// importEntries resolves every row in a read transaction without writing,
// which finds any name that cannot be resolved and counts what the import
// creates, and then, unless this is a dry run, writes in batches.
func importEntries(ctx context.Context, st domain.Store, f *entryFile, opts Options, sum *Summary) error {
	var plan Counts
	var skipped int
	err := st.View(ctx, func(tx domain.Tx) error {
		var err error
		plan, skipped, err = writeEntries(ctx, tx, f, f.rows, opts, true)
		return err
	})
	if err != nil || opts.DryRun {
		sum.Created, sum.Skipped = plan, skipped
		return err
	}
	return inBatches(ctx, st, len(f.rows), opts, sum, func(tx domain.Tx, from, to int) (Counts, int, error) {
		return writeEntries(ctx, tx, f, f.rows[from:to], opts, false)
	})
}

// writeEntries creates the entries of rows that no earlier import created,
// with what they refer to. With dry set it only counts.
func writeEntries(ctx context.Context, tx domain.Tx, f *entryFile, rows []entryRow, opts Options, dry bool) (Counts, int, error) {
	r, err := newResolver(ctx, tx, opts.WorkspaceID, zoneName(opts.Location), dry)
	if err != nil {
		return Counts{}, 0, err
	}
	keys := make([]string, len(rows))
	for i, row := range rows {
		keys[i] = row.key
	}
	imported, err := tx.ImportedEntries(ctx, opts.WorkspaceID, keys)
	if err != nil {
		return Counts{}, 0, err
	}
	skipped := 0
	for _, row := range rows {
		if _, ok := imported[row.key]; ok {
			skipped++
			continue
		}
		if err := r.entry(row, f.hasClient); err != nil {
			return Counts{}, 0, rowError(f, row, err)
		}
	}
	if !dry {
		if err := r.createPending(); err != nil {
			return Counts{}, 0, fmt.Errorf("%s: %w", f.file, err)
		}
	}
	return r.created, skipped, nil
}

// createPending writes the resolved entries with their import keys, after
// resolving their rates as of their starts with one read of the rate
// history. Workspace settings that require a project, task, tag or
// description apply to new tracking, not to history, so they are not
// checked.
func (r *resolver) createPending() error {
	list := make([]domain.TimeEntry, len(r.pending))
	for i, p := range r.pending {
		list[i] = p.entry
	}
	if err := domain.ResolveEntryRates(r.ctx, r.tx, r.ws, list); err != nil {
		return err
	}
	for i, e := range list {
		if err := r.tx.CreateTimeEntry(r.ctx, e); err != nil {
			return err
		}
		if err := r.tx.CreateImportKey(r.ctx, r.ws.ID, r.pending[i].key, e.ID); err != nil {
			return err
		}
	}
	return nil
}

// rowError places an error that resolving a row returned on its line.
func rowError(f *entryFile, row entryRow, err error) error {
	var ambiguous *errAmbiguousProject
	if errors.As(err, &ambiguous) {
		return &Error{File: f.file, Line: row.line, Column: "Project", Value: row.project, HasValue: true,
			Expected: ambiguous.Error(), Err: err}
	}
	return fmt.Errorf("%s, line %d: %w", f.file, row.line, err)
}

// entry resolves the time entry of row, creating its user, project, task
// and tags when missing, and adds it to the pending entries.
func (r *resolver) entry(row entryRow, byClient bool) error {
	e := domain.TimeEntry{ID: domain.NewID(), WorkspaceID: r.ws.ID, Description: row.description,
		Start: row.start, End: &row.end, Type: row.kind, Invoiced: row.invoiced, CreatedAt: r.tx.Now()}
	var err error
	if e.UserID, err = r.user(row.email, row.userName); err != nil {
		return err
	}

	billable := false
	if row.project != "" {
		p, _, err := r.project(projectSpec{name: row.project, client: row.client, byClient: byClient})
		if err != nil {
			return err
		}
		e.ProjectID, billable = p.ID, p.Billable
		if row.task != "" {
			if e.TaskID, err = r.task(p, row.task); err != nil {
				return err
			}
		}
	}
	if row.billable != nil {
		billable = *row.billable
	}
	e.Billable = billable

	for _, name := range row.tags {
		id, err := r.tag(name)
		if err != nil {
			return err
		}
		e.TagIDs = append(e.TagIDs, id)
	}
	r.pending = append(r.pending, pendingEntry{entry: e, key: row.key})
	r.created.Entries++
	r.created.Time += e.Duration()
	return nil
}

// importProjects resolves and then writes a project export as
// importEntries does a time-entry export.
func importProjects(ctx context.Context, st domain.Store, f *projectFile, opts Options, sum *Summary) error {
	var plan Counts
	var skipped int
	err := st.View(ctx, func(tx domain.Tx) error {
		var err error
		plan, skipped, err = writeProjects(ctx, tx, f, f.rows, opts, true)
		return err
	})
	if err != nil || opts.DryRun {
		sum.Created, sum.Skipped = plan, skipped
		return err
	}
	return inBatches(ctx, st, len(f.rows), opts, sum, func(tx domain.Tx, from, to int) (Counts, int, error) {
		return writeProjects(ctx, tx, f, f.rows[from:to], opts, false)
	})
}

// writeProjects creates the projects of rows that the workspace lacks, with
// their clients, and the tasks that their projects lack. It returns the
// number of rows whose project existed.
func writeProjects(ctx context.Context, tx domain.Tx, f *projectFile, rows []projectRow, opts Options, dry bool) (Counts, int, error) {
	r, err := newResolver(ctx, tx, opts.WorkspaceID, zoneName(opts.Location), dry)
	if err != nil {
		return Counts{}, 0, err
	}
	existed := 0
	for _, row := range rows {
		spec := projectSpec{name: row.name, client: row.client, byClient: f.hasClient, archived: row.archived,
			in: domain.NewProject{Billable: row.billable, Public: row.public, Note: row.note}}
		if row.rate != nil {
			spec.in.HourlyRate = &domain.RateChange{Amount: *row.rate}
		}
		if row.costRate != nil {
			spec.in.CostRate = &domain.RateChange{Amount: *row.costRate}
		}
		if row.estimate != nil {
			manual := domain.EstimateManual
			spec.in.Estimate = &domain.TimeEstimateChange{Estimate: row.estimate, Type: &manual}
		}
		p, created, err := r.project(spec)
		var ambiguous *errAmbiguousProject
		if errors.As(err, &ambiguous) {
			return Counts{}, 0, &Error{File: f.file, Line: row.line, Column: "Project", Value: row.name,
				HasValue: true, Expected: ambiguous.Error(), Err: err}
		}
		if err != nil {
			return Counts{}, 0, fmt.Errorf("%s, line %d: %w", f.file, row.line, err)
		}
		if !created {
			existed++
		}
		for _, name := range row.tasks {
			if _, err := r.task(p, name); err != nil {
				return Counts{}, 0, fmt.Errorf("%s, line %d: %w", f.file, row.line, err)
			}
		}
	}
	return r.created, existed, nil
}
