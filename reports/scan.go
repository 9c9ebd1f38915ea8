package reports

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/punchclock/punchclock/domain"
)

// dims are the workspace's entities that report rows refer to, read once
// per report. Their number grows with the workspace, not with the entries.
type dims struct {
	ws       domain.Workspace
	members  map[string]*domain.Member // by user id, with the user
	projects map[string]*domain.Project
	clients  map[string]*domain.Client
	tasks    map[string]*domain.Task
	tags     map[string]*domain.Tag
	groupsOf map[string][]*domain.UserGroup // by user id
	fields   map[string]*domain.CustomField
	// fieldList is the workspace's custom fields, oldest first.
	fieldList []domain.CustomField
	// userValues are the members' custom field values, by user id, read
	// only when the request filters by them.
	userValues map[string][]domain.FieldValue
}

// allRows is a page large enough to hold every row of a dimension table.
var allRows = domain.Page{Number: 1, Size: 1 << 30}

func loadDims(ctx context.Context, tx domain.Tx, ws domain.Workspace) (*dims, error) {
	d := &dims{ws: ws, groupsOf: map[string][]*domain.UserGroup{}}

	members, err := tx.Members(ctx, ws.ID, domain.MemberFilter{Page: allRows})
	if err != nil {
		return nil, err
	}
	d.members = byKey(members, func(m *domain.Member) string { return m.UserID })

	projects, err := tx.ReportProjects(ctx, ws.ID)
	if err != nil {
		return nil, err
	}
	d.projects = byKey(projects, func(p *domain.Project) string { return p.ID })

	clients, err := tx.Clients(ctx, ws.ID, domain.ClientFilter{Page: allRows})
	if err != nil {
		return nil, err
	}
	d.clients = byKey(clients, func(c *domain.Client) string { return c.ID })

	tasks, err := tx.AllTasks(ctx, ws.ID)
	if err != nil {
		return nil, err
	}
	d.tasks = byKey(tasks, func(t *domain.Task) string { return t.ID })

	tags, err := tx.Tags(ctx, ws.ID, domain.TagFilter{Page: allRows})
	if err != nil {
		return nil, err
	}
	d.tags = byKey(tags, func(t *domain.Tag) string { return t.ID })

	fields, err := tx.CustomFields(ctx, ws.ID)
	if err != nil {
		return nil, err
	}
	d.fieldList = fields
	d.fields = byKey(fields, func(f *domain.CustomField) string { return f.ID })

	groups, err := tx.UserGroups(ctx, ws.ID, domain.UserGroupFilter{SortColumn: "NAME", Page: allRows})
	if err != nil {
		return nil, err
	}
	for i := range groups {
		for _, userID := range groups[i].UserIDs {
			d.groupsOf[userID] = append(d.groupsOf[userID], &groups[i])
		}
	}
	return d, nil
}

// byKey indexes list by key, pointing into list's own elements.
func byKey[T any](list []T, key func(*T) string) map[string]*T {
	out := make(map[string]*T, len(list))
	for i := range list {
		out[key(&list[i])] = &list[i]
	}
	return out
}

// row is one entry as reports use it: the entry, what it refers to, and
// its duration and money.
type row struct {
	e       *domain.TimeEntry
	fields  []domain.FieldValue // custom field values, when the scan reads them
	member  *domain.Member      // nil for a user who left the workspace
	project *domain.Project
	client  *domain.Client
	task    *domain.Task
	tags    []*domain.Tag

	groups []*domain.UserGroup // the user's groups, sorted by name

	// count is the number of entries the row stands for: 0 means 1, more
	// for a row that sums a ReportGroup.
	count        int64
	seconds      int64 // rounded when the request sets rounding
	hourly, cost *domain.Rate
	// earned and costAmount are cents, each entry rounded to a whole cent
	// as domain.EntryAmounts rounds it, so report totals match entry amounts.
	earned, costAmount int64
}

func (r *row) userName() string {
	if r.member == nil {
		return ""
	}
	return r.member.User.Name
}

func (r *row) userEmail() string {
	if r.member == nil {
		return ""
	}
	return r.member.User.Email
}

// resolve fills r from e. The row and its tag slice are reused from one
// entry to the next, so callers copy what they keep.
func (d *dims) resolve(q *query, re *domain.ReportEntry, r *row) {
	e := &re.TimeEntry
	*r = row{e: e, fields: re.FieldValues, tags: r.tags[:0]}
	r.member = d.members[e.UserID]
	r.project = d.projects[e.ProjectID]
	if r.project != nil {
		r.client = d.clients[r.project.ClientID]
		if t := d.tasks[e.TaskID]; t != nil && t.ProjectID == e.ProjectID {
			r.task = t
		}
	}
	for _, id := range e.TagIDs {
		if t := d.tags[id]; t != nil {
			r.tags = append(r.tags, t)
		}
	}
	slices.SortFunc(r.tags, func(a, b *domain.Tag) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })

	r.groups = d.groupsOf[e.UserID]

	duration := e.Duration()
	if q.rounding {
		duration = d.ws.Settings.Round.Apply(duration)
	}
	r.seconds = int64(duration / time.Second)
	r.hourly, r.cost = e.HourlyRate, e.CostRate
	r.earned, r.costAmount = domain.EntryAmounts(*e, duration)
}

// storeQuery returns the part of q's filter that the store applies with
// its indexes. match applies all of it again.
func (q *query) storeQuery(order domain.ReportOrder) domain.ReportQuery {
	sq := domain.ReportQuery{From: q.from, To: q.to, Order: order, Descending: q.descending, WithTags: q.needsTags(),
		WithFieldValues: q.kind == Detailed && !q.totalsOnly || len(q.req.CustomFields) > 0}
	if q.ownOnly != "" {
		sq.UserIDs = []string{q.ownOnly}
	} else if f := q.req.Users; f != nil && len(f.IDs) > 0 && containsMode(f) != "DOES_NOT_CONTAIN" {
		sq.UserIDs = f.IDs
	}
	if f := q.req.Projects; f != nil && len(f.IDs) > 0 && containsMode(f) != "DOES_NOT_CONTAIN" {
		sq.ProjectIDs = f.IDs
	}
	sq.Billable = q.req.Billable
	return sq
}

// needsTags reports whether the report reads entry tags: to filter or group
// by them, or to show them in detailed rows and files.
func (q *query) needsTags() bool {
	if q.kind == Detailed && !q.totalsOnly || q.req.Tags != nil {
		return true
	}
	if q.kind == Summary {
		return slices.Contains(q.req.SummaryFilter.Groups, "TAG")
	}
	return false
}

func containsMode(f *EntityFilter) string {
	if f.ContainedInTimeentry != "" {
		return f.ContainedInTimeentry
	}
	if f.Contains == "" {
		return "CONTAINS"
	}
	return f.Contains
}

// matchIDs applies an entity filter to the id of the entry's entity ("" when
// it has none) and that entity's archived flag. Empty ids select every id.
// The status selects active or archived entities, and an entry without the
// entity passes it.
func matchIDs(f *EntityFilter, id string, archived bool) bool {
	if f == nil {
		return true
	}
	if len(f.IDs) > 0 {
		in := slices.Contains(f.IDs, id)
		if (containsMode(f) == "DOES_NOT_CONTAIN") == in {
			return false
		}
	}
	if id == "" {
		return true
	}
	switch f.Status {
	case "ACTIVE":
		return !archived
	case "ARCHIVED":
		return archived
	}
	return true
}

// matchTags applies the tag filter. CONTAINS keeps entries with any of the
// tags, DOES_NOT_CONTAIN entries with none of them, and CONTAINS_ONLY
// entries that have tags and only tags from the list.
func matchTags(f *EntityFilter, r *row) bool {
	if f == nil {
		return true
	}
	ids := r.e.TagIDs
	if len(f.IDs) > 0 {
		any := false
		all := len(ids) > 0
		for _, id := range ids {
			if slices.Contains(f.IDs, id) {
				any = true
			} else {
				all = false
			}
		}
		switch containsMode(f) {
		case "DOES_NOT_CONTAIN":
			if any {
				return false
			}
		case "CONTAINS_ONLY":
			if !all {
				return false
			}
		default:
			if !any {
				return false
			}
		}
	}
	if f.Status == "ACTIVE" || f.Status == "ARCHIVED" {
		if len(ids) == 0 {
			return true
		}
		for _, t := range r.tags {
			if t.Archived == (f.Status == "ARCHIVED") {
				return true
			}
		}
		return false
	}
	return true
}

// matchGroups applies the user groups filter to the groups of the entry's
// user, with the tag filter's meaning of CONTAINS_ONLY.
func matchGroups(f *EntityFilter, r *row) bool {
	if f == nil || len(f.IDs) == 0 {
		return true
	}
	any, all := false, len(r.groups) > 0
	for _, g := range r.groups {
		if slices.Contains(f.IDs, g.ID) {
			any = true
		} else {
			all = false
		}
	}
	switch containsMode(f) {
	case "DOES_NOT_CONTAIN":
		return !any
	case "CONTAINS_ONLY":
		return all
	}
	return any
}

// matchUser applies the users filter, whose status selects members by
// their membership status.
func matchUser(f *EntityFilter, r *row) bool {
	if f == nil {
		return true
	}
	if len(f.IDs) > 0 {
		in := slices.Contains(f.IDs, r.e.UserID)
		if (containsMode(f) == "DOES_NOT_CONTAIN") == in {
			return false
		}
	}
	status := domain.MembershipInactive
	if r.member != nil {
		status = r.member.Status
	}
	switch f.Status {
	case "ACTIVE":
		return status == domain.MembershipActive
	case "PENDING":
		return status == domain.MembershipPending
	case "ACTIVE_WITH_PENDING":
		return status == domain.MembershipActive || status == domain.MembershipPending
	case "INACTIVE":
		return status == domain.MembershipInactive || status == domain.MembershipDeclined
	}
	return true
}

// match applies every filter of the request to r.
func (q *query) match(r *row) bool {
	e, req := r.e, q.req
	if !q.actor.CanSeeEntry(*e, r.project) {
		return false
	}
	if !matchUser(req.Users, r) {
		return false
	}

	if !matchGroups(req.UserGroups, r) {
		return false
	}
	projectArchived := r.project != nil && r.project.Archived
	if !matchIDs(req.Projects, e.ProjectID, projectArchived) {
		return false
	}
	clientID, clientArchived := "", false
	if r.client != nil {
		clientID, clientArchived = r.client.ID, r.client.Archived
	}
	if !matchIDs(req.Clients, clientID, clientArchived) {
		return false
	}
	taskID, taskDone := "", false
	if r.task != nil {
		taskID, taskDone = r.task.ID, r.task.Status == domain.TaskDone
	}
	if !matchIDs(req.Tasks, taskID, taskDone) {
		return false
	}
	if !matchTags(req.Tags, r) {
		return false
	}

	if req.Billable != nil && e.Billable != *req.Billable {
		return false
	}
	if req.Description != nil && *req.Description != "" &&
		!strings.Contains(strings.ToLower(e.Description), strings.ToLower(*req.Description)) {
		return false
	}
	if req.WithoutDescription != nil && *req.WithoutDescription && strings.TrimSpace(e.Description) != "" {
		return false
	}

	switch req.InvoicingState {
	case "INVOICED":
		if !e.Invoiced {
			return false
		}
	case "UNINVOICED":
		if e.Invoiced {
			return false
		}
	}
	if req.ApprovalState == "APPROVED" {
		// NOTE: Punchclock has no approval workflow yet, so every entry is
		// unapproved.
		return false
	}
	if !q.dims.matchFields(req.CustomFields, q.dims.shownFields(r)) {
		return false
	}
	if len(req.UserCustomFields) > 0 && !q.dims.matchFields(req.UserCustomFields, q.dims.userValues[e.UserID]) {
		return false
	}
	if f := q.auditFilter(); f != nil {
		if f.WithoutProject && e.ProjectID != "" {
			return false
		}
		if f.WithoutTask && e.TaskID != "" {
			return false
		}
		if f.Duration != nil {
			limit := int64(*f.Duration * 3600)
			if f.DurationShorter && r.seconds >= limit {
				return false
			}
			if !f.DurationShorter && r.seconds <= limit {
				return false
			}
		}
	}
	return true
}

func (q *query) auditFilter() *AuditFilter {
	if q.kind != Detailed || q.req.DetailedFilter == nil {
		return nil
	}
	return q.req.DetailedFilter.AuditFilter
}

// scan runs fn for every entry that q selects, in order, inside one read
// transaction, after reading the dimensions.
func (s *Service) scan(ctx context.Context, a domain.Actor, q *query, order domain.ReportOrder, fn func(*dims, *row) error) error {
	return s.svc.View(ctx, func(tx domain.Tx) error {
		return s.scanTx(ctx, tx, a, q, order, fn)
	})
}

// scanTx is scan inside the caller's transaction. It reads the dimensions
// unless q already has them.
func (s *Service) scanTx(ctx context.Context, tx domain.Tx, a domain.Actor, q *query, order domain.ReportOrder, fn func(*dims, *row) error) error {
	_, err := s.scanLimit(ctx, tx, a, q, order, 0, fn)
	return err
}

// scanLimit is scanTx that reads at most limit entries from the store when
// limit is positive, before the report's own filters. It returns the number
// of entries the store returned.
func (s *Service) scanLimit(ctx context.Context, tx domain.Tx, a domain.Actor, q *query, order domain.ReportOrder, limit int, fn func(*dims, *row) error) (int, error) {
	if err := q.loadDims(ctx, tx, a); err != nil {
		return 0, err
	}
	sq := q.storeQuery(order)
	sq.Limit = limit
	read, _, err := s.scanQuery(ctx, tx, q, sq, fn)
	return read, err
}

// loadDims reads the dimensions into q unless it has them already.
func (q *query) loadDims(ctx context.Context, tx domain.Tx, a domain.Actor) error {
	if q.dims != nil {
		return nil
	}
	d, err := loadDims(ctx, tx, a.Workspace)
	if err != nil {
		return err
	}
	if len(q.req.UserCustomFields) > 0 {
		userIDs := slices.Collect(maps.Keys(d.members))
		if d.userValues, err = tx.UserFieldValues(ctx, a.Workspace.ID, userIDs); err != nil {
			return err
		}
	}
	q.dims = d
	return nil
}

// scanQuery runs fn for every entry of sq that q's filters keep, with the
// dimensions already in q. It returns the number of entries the store
// returned and the last of them.
func (s *Service) scanQuery(ctx context.Context, tx domain.Tx, q *query, sq domain.ReportQuery, fn func(*dims, *row) error) (int, domain.TimeEntry, error) {
	d := q.dims
	var r row
	var last domain.TimeEntry
	read := 0
	err := tx.ScanReportEntries(ctx, q.actor.Workspace.ID, sq, func(e *domain.ReportEntry) error {
		read++
		last = e.TimeEntry
		d.resolve(q, e, &r)
		if !q.match(&r) {
			return nil
		}
		return fn(d, &r)
	})
	return read, last, err
}

// exportChunk is the number of entries that a chunked scan reads in one
// transaction.
const exportChunk = 1000

// chunkedOrder reports whether scans in order are read in chunks. Only the
// start order reads a chunk from an index range that begins at the last
// entry of the chunk before. In the others, every query sorts all matching
// entries, so chunks would cost the whole sort each and a scan would grow
// with the square of its entries. Those scans are read in one transaction.
func chunkedOrder(order domain.ReportOrder) bool {
	return order == domain.OrderStart
}

// scanChunks is scan in chunks of exportChunk entries, each read in its own
// read transaction and resumed after the last entry of the one before, for
// orders that chunkedOrder accepts, and in one read transaction otherwise.
// After each transaction ends it calls flush, which may block on a slow
// client without holding a database connection, so fn must keep what it
// writes until then. order must not be OrderNone.
//
// NOTE: the chunks are separate snapshots, so an entry written or changed
// during a long export may appear in it or not, but none appears twice
// unless its sort key changes between two chunks.
func (s *Service) scanChunks(ctx context.Context, a domain.Actor, q *query, order domain.ReportOrder, fn func(*dims, *row) error, flush func() error) error {
	var after *domain.TimeEntry
	for {
		var read int
		var last domain.TimeEntry
		err := s.svc.View(ctx, func(tx domain.Tx) error {
			if err := q.loadDims(ctx, tx, a); err != nil {
				return err
			}
			sq := q.storeQuery(order)
			if chunkedOrder(order) {
				sq.Limit, sq.After = exportChunk, after
			}
			var err error
			read, last, err = s.scanQuery(ctx, tx, q, sq, fn)
			return err
		})
		if err != nil {
			return err
		}
		if err := flush(); err != nil {
			return err
		}
		if !chunkedOrder(order) || read < exportChunk {
			return nil
		}
		after = &last
	}
}

// groupable reports whether the summary can sum entries in the database by
// user, project, task and flags: when no grouping, filter or rounding needs
// anything else of single entries.
func (q *query) groupable() bool {
	if q.kind != Summary || !q.filtersGroupable() {
		return false
	}
	for _, g := range q.req.SummaryFilter.Groups {
		switch g {
		case "PROJECT", "CLIENT", "TASK", "USER", "USER_GROUP":
		default:
			return false
		}
	}
	return true
}

// filtersGroupable reports whether every filter of the request, and its
// rounding, apply to sums of entries that share a user, project, task and
// flags.
func (q *query) filtersGroupable() bool {
	if q.rounding || q.req.Tags != nil || len(q.req.CustomFields) > 0 || q.auditFilter() != nil {
		return false
	}
	if q.req.Description != nil && *q.req.Description != "" {
		return false
	}
	return q.req.WithoutDescription == nil || !*q.req.WithoutDescription
}

// scanGroups is scan over the database's per-group sums: fn gets one row
// per ReportGroup, standing for all its entries.
func (s *Service) scanGroups(ctx context.Context, a domain.Actor, q *query, fn func(*dims, *row) error) error {
	return s.svc.View(ctx, func(tx domain.Tx) error {
		return s.scanGroupsTx(ctx, tx, a, q, fn)
	})
}

// scanGroupsTx is scanGroups inside the caller's transaction.
func (s *Service) scanGroupsTx(ctx context.Context, tx domain.Tx, a domain.Actor, q *query, fn func(*dims, *row) error) error {
	d := q.dims
	if d == nil {
		var err error
		if d, err = loadDims(ctx, tx, a.Workspace); err != nil {
			return err
		}
		if len(q.req.UserCustomFields) > 0 {
			userIDs := slices.Collect(maps.Keys(d.members))
			if d.userValues, err = tx.UserFieldValues(ctx, a.Workspace.ID, userIDs); err != nil {
				return err
			}
		}
		q.dims = d
	}
	var e domain.TimeEntry
	var r row
	sq := q.storeQuery(domain.OrderNone)
	sq.GroupBy = q.groupColumns()
	return tx.GroupReportEntries(ctx, a.Workspace.ID, sq, func(g *domain.ReportGroup) error {
		e = domain.TimeEntry{UserID: g.UserID, ProjectID: g.ProjectID, TaskID: g.TaskID, Billable: g.Billable,
			Invoiced: g.Invoiced, Type: domain.EntryRegular}
		d.resolve(q, &domain.ReportEntry{TimeEntry: e}, &r)
		r.e = &e
		r.count, r.seconds, r.earned, r.costAmount = g.Count, g.Seconds, g.Earned, g.Cost
		if !q.match(&r) {
			return nil
		}
		return fn(d, &r)
	})
}

// groupColumns returns the columns the database must group by for the
// summary's groupings, filters and the caller's visibility rules.
func (q *query) groupColumns() []string {
	need := map[string]bool{}
	var groups []string
	chart := ""
	if f := q.req.SummaryFilter; f != nil && q.kind == Summary {
		groups, chart = f.Groups, f.SummaryChartType
	}
	for _, g := range groups {
		switch g {
		case "PROJECT", "CLIENT":
			need["project"] = true
		case "TASK":
			need["project"], need["task"] = true, true
		case "USER", "USER_GROUP":
			need["user"] = true
		}
	}
	if chart == "PROJECT" {
		need["project"] = true
	}
	r := q.req
	if r.Users != nil || r.UserGroups != nil || len(r.UserCustomFields) > 0 || !q.actor.IsAdmin() {
		// Non-admins' visibility depends on the entry's user and project.
		need["user"], need["project"] = true, true
	}
	if r.Projects != nil || r.Clients != nil {
		need["project"] = true
	}
	if r.Tasks != nil {
		need["project"], need["task"] = true, true
	}
	if r.InvoicingState == "INVOICED" || r.InvoicingState == "UNINVOICED" {
		need["invoiced"] = true
	}
	var out []string
	for _, c := range []string{"user", "project", "task", "invoiced"} {
		if need[c] {
			out = append(out, c)
		}
	}
	return out
}
