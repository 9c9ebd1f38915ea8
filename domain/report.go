package domain

import (
	"context"
	"time"
)

// ReportOrder is the column by which ScanReportEntries sorts entries.
type ReportOrder string

// Report orders. Ties are broken by start, then by id, so that a detailed
// report pages through a stable order.
const (
	OrderStart       ReportOrder = "START"
	OrderDescription ReportOrder = "DESCRIPTION"
	OrderUserName    ReportOrder = "USER"
	OrderDuration    ReportOrder = "DURATION"
	OrderID          ReportOrder = "ID"
	// OrderUserStart sorts by user name, then by start.
	OrderUserStart ReportOrder = "USER_START"
	// OrderNone leaves the order to the engine, which is fastest for reports
	// that aggregate every entry.
	OrderNone ReportOrder = ""
)

// ReportQuery narrows the entries that a report scans. The report applies
// its full filter to each scanned entry again, so the store only needs to
// honour these fields, which an index can serve. Nil slices do not filter.
type ReportQuery struct {
	From, To   time.Time // entries that start at or after From and before To
	UserIDs    []string  // only these users
	ProjectIDs []string  // only these projects; "" selects entries without one
	Billable   *bool
	Order      ReportOrder
	Descending bool
	// WithTags fills each entry's TagIDs. Reading them costs a lookup per
	// entry, so reports that neither show, group nor filter tags skip it.
	WithTags bool
	// WithFieldValues fills each entry's custom field values, at the same
	// cost.
	WithFieldValues bool
	// Limit, when positive, stops the scan after that many entries. It
	// applies before the report's own filters, and PostgreSQL computes
	// every row of a query without one even when the caller stops reading.
	Limit int
	// After, when set, resumes an ordered scan: only entries that sort after
	// this one in Order and Descending are read. It needs an Order other
	// than OrderNone. Together with Limit it reads a long report in chunks,
	// each in its own short transaction.
	After *TimeEntry
	// GroupBy names the columns besides billable by which
	// GroupReportEntries groups: "user", "project", "task", "invoiced".
	// Fewer columns make fewer, cheaper groups; the fields of the others are
	// left empty in each ReportGroup.
	GroupBy []string
}

// ReportGroup sums the finished entries that share a billable flag and the
// values of ReportQuery.GroupBy. Seconds are each entry's duration in
// whole seconds; Earned and Cost are each entry's amounts by Amount, in
// cents, so the sums equal those of the entries one by one.
type ReportGroup struct {
	UserID, ProjectID, TaskID string
	Billable, Invoiced        bool
	Count                     int64
	Seconds                   int64
	Earned, Cost              int64
}

// ReportEntry is an entry as a report scan reads it.
type ReportEntry struct {
	TimeEntry
	// FieldValues are the entry's custom field values, when the query asked
	// for them.
	FieldValues []FieldValue
}

// ReportStore reads what reports need.
type ReportStore interface {
	// ScanReportEntries calls fn for each finished entry of the workspace
	// that matches q, in q's order, with its tag ids and resolved rates. It reads rows as fn
	// consumes them, so memory does not grow with the number of entries. An
	// error from fn stops the scan and is returned.
	ScanReportEntries(ctx context.Context, workspaceID string, q ReportQuery, fn func(*ReportEntry) error) error
	// GroupReportEntries calls fn for each ReportGroup of the entries that
	// match q. q's order, tags and field values do not apply.
	GroupReportEntries(ctx context.Context, workspaceID string, q ReportQuery, fn func(*ReportGroup) error) error
	// ReportProjects returns every project of the workspace with its client
	// name and members, but without the tracked-time and estimate sums.
	ReportProjects(ctx context.Context, workspaceID string) ([]Project, error)
	// AllTasks returns every task of the workspace's projects.
	AllTasks(ctx context.Context, workspaceID string) ([]Task, error)

	SharedReport(ctx context.Context, id string) (SharedReport, error)
	// SharedReports returns one page of the workspace's shared reports,
	// oldest first, fetched with p.Limit, and the number of all of them.
	SharedReports(ctx context.Context, workspaceID string, p Page) ([]SharedReport, int, error)
	CreateSharedReport(ctx context.Context, r SharedReport) error
	UpdateSharedReport(ctx context.Context, r SharedReport) error
	DeleteSharedReport(ctx context.Context, workspaceID, id string) error
}

// SharedReport is a saved report configuration that others may open by id.
// Filter is the saved request body as JSON, kept as the client sent it so
// that fields Punchclock does not interpret survive a round trip.
type SharedReport struct {
	ID                  string
	WorkspaceID         string
	UserID              string // the author
	Name                string
	Type                string
	IsPublic            bool
	FixedDate           bool
	VisibleToUsers      []string
	VisibleToUserGroups []string
	Filter              []byte
	CreatedAt           time.Time
}

// LockedBefore reports whether an entry starting at start falls before the
// workspace's lock date, so that members may no longer change it.
func LockedBefore(ws Workspace, start time.Time) bool { return lockedBefore(ws, start) }
