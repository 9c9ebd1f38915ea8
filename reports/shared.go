package reports

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/jsonbody"
)

// sharedTypes are the report types a shared report may have: the union of
// the types in Clockify's OpenAPI document and in its server's validation
// message. Only SUMMARY, DETAILED, WEEKLY and the attendance types render.
var sharedTypes = []string{"SUMMARY", "DETAILED", "WEEKLY", "ATTENDANCE", "ATTENDANCE_DETAILED", "ATTENDANCE_SUMMARY",
	"EXPENSE_DETAILED", "EXPENSE_SUMMARY", "EXPENSE_RECEIPT", "INVOICE_TIME", "INVOICE_EXPENSE", "INVOICE_AMOUNT_LIST",
	"INVOICE_DETAILED", "INVOICES", "KIOSK_PIN_LIST", "KIOSK_ASSIGNEES", "ASSIGNMENT_LIST", "ASSIGNMENT_SCHEDULE",
	"APPROVAL_DETAILED", "APPROVAL_SUMMARY", "BALANCE_LIST", "TIMEOFF_DETAILED", "TIMEOFF_HOLIDAY", "TIMEOFF_BALANCE",
	"SCHEDULED", "PTO_REQUESTS", "PTO_BALANCE", "PROJECT", "TEAM_FULL", "TEAM_LIMITED", "TEAM_GROUPS", "USER_DATA_EXPORT"}

// kindOf returns the report kind a shared report type renders as.
func kindOf(sharedType string) (Kind, bool) {
	switch sharedType {
	case "SUMMARY":
		return Summary, true
	case "DETAILED":
		return Detailed, true
	case "WEEKLY":
		return Weekly, true
	case "ATTENDANCE", "ATTENDANCE_DETAILED", "ATTENDANCE_SUMMARY":
		return Attendance, true
	}
	return "", false
}

// SharedInput is the body of a shared report create or update. On update,
// absent fields keep their saved values and a filter replaces the saved
// filter's top-level keys that it names.
type SharedInput struct {
	Name                *string         `json:"name"`
	Type                *string         `json:"type"`
	IsPublic            *bool           `json:"isPublic"`
	FixedDate           *bool           `json:"fixedDate"`
	VisibleToUsers      *[]string       `json:"visibleToUsers"`
	VisibleToUserGroups *[]string       `json:"visibleToUserGroups"`
	Filter              json.RawMessage `json:"filter"`
}

// SharedJSON is a shared report as create and update return it.
type SharedJSON struct {
	ID                  string          `json:"id"`
	WorkspaceID         string          `json:"workspaceId"`
	UserID              string          `json:"userId"`
	Name                string          `json:"name"`
	IsPublic            bool            `json:"isPublic"`
	VisibleToUserGroups []string        `json:"visibleToUserGroups"`
	VisibleToUsers      []string        `json:"visibleToUsers"`
	FixedDate           bool            `json:"fixedDate"`
	Type                string          `json:"type"`
	Filter              json.RawMessage `json:"filter"`
}

func sharedJSON(r domain.SharedReport) SharedJSON {
	return SharedJSON{ID: r.ID, WorkspaceID: r.WorkspaceID, UserID: r.UserID, Name: r.Name, IsPublic: r.IsPublic,
		VisibleToUserGroups: r.VisibleToUserGroups, VisibleToUsers: r.VisibleToUsers, FixedDate: r.FixedDate,
		Type: r.Type, Filter: r.Filter}
}

// maxSharedName bounds a shared report's name.
const maxSharedName = 250

// checkShared checks a shared report about to be saved: its name, type,
// audience and filter. The filter of a type that renders must be a valid
// report request for that type.
func checkShared(ctx context.Context, tx domain.Tx, a domain.Actor, r *domain.SharedReport) error {
	name := strings.TrimSpace(r.Name)
	if name == "" || len([]rune(name)) > maxSharedName {
		return domain.Invalidf("Field 'name' must have 1 to %d characters, got %d", maxSharedName, len([]rune(name)))
	}
	r.Name = name
	if !slices.Contains(sharedTypes, r.Type) {
		return domain.Invalidf("Field 'type' has the value '%s'; use SUMMARY, DETAILED, WEEKLY or another report type", r.Type)
	}
	for _, id := range r.VisibleToUsers {
		if _, err := tx.Member(ctx, a.Workspace.ID, id); err != nil {
			if errors.Is(err, domain.ErrNotFound) || !domain.ValidID(id) {
				return domain.Invalidf("User %s in visibleToUsers doesn't belong to Workspace", id)
			}
			return err
		}
	}
	if len(r.VisibleToUserGroups) > 0 {
		groups, err := tx.UserGroupsByID(ctx, a.Workspace.ID, r.VisibleToUserGroups)
		if err != nil {
			return err
		}
		if len(groups) != len(slices.Compact(slices.Sorted(slices.Values(r.VisibleToUserGroups)))) {
			return domain.Invalidf("A group in visibleToUserGroups doesn't belong to Workspace")
		}
	}

	var req Request
	if err := jsonbody.UnmarshalAt("filter", r.Filter, &req); err != nil {
		return domain.Invalidf("%s", err.Error())
	}
	if req.ExportType == "" {
		return domain.Invalidf("Field 'filter.exportType' is required, such as JSON_V1")
	}
	if req.DateRangeStart == "" || req.DateRangeEnd == "" {
		return domain.Invalidf("Fields 'filter.dateRangeStart' and 'filter.dateRangeEnd' are required")
	}
	var filter map[string]json.RawMessage
	if err := jsonbody.UnmarshalAt("filter", r.Filter, &filter); err != nil {
		return domain.Invalidf("%s", err.Error())
	}
	if req.DateRangeType == "" {
		filter["dateRangeType"] = json.RawMessage(`"ABSOLUTE"`)
	}
	if kind, ok := kindOf(r.Type); ok {
		if kind == Summary && req.SummaryFilter != nil && req.SummaryFilter.SummaryChartType == "" {
			req.SummaryFilter.SummaryChartType = "BILLABILITY"
			summary, err := json.Marshal(req.SummaryFilter)
			if err != nil {
				return err
			}
			filter["summaryFilter"] = summary
		}
		if kind == Detailed && req.DetailedFilter == nil {
			req.DetailedFilter = &DetailedFilter{}
			filter["detailedFilter"] = json.RawMessage(`{}`)
		}
		if kind == Attendance && req.AttendanceFilter == nil {
			req.AttendanceFilter = &AttendanceFilter{}
			filter["attendanceFilter"] = json.RawMessage(`{}`)
		}
		if _, err := prepare(a, kind, req); err != nil {
			return domain.Invalidf("Field 'filter' is not a valid %s report: %s", strings.ToLower(string(kind)), err.Error())
		}
	}
	saved, err := json.Marshal(filter)
	if err != nil {
		return err
	}
	r.Filter = saved
	return nil
}

func (in SharedInput) apply(r *domain.SharedReport) error {
	if in.Name != nil {
		r.Name = *in.Name
	}
	if in.Type != nil {
		r.Type = *in.Type
	}
	if in.IsPublic != nil {
		r.IsPublic = *in.IsPublic
	}
	if in.FixedDate != nil {
		r.FixedDate = *in.FixedDate
	}
	if in.VisibleToUsers != nil {
		r.VisibleToUsers = slices.Clone(*in.VisibleToUsers)
	}
	if in.VisibleToUserGroups != nil {
		r.VisibleToUserGroups = slices.Clone(*in.VisibleToUserGroups)
	}
	if len(in.Filter) == 0 || bytes.Equal(bytes.TrimSpace(in.Filter), []byte("null")) {
		return nil
	}
	merged := map[string]json.RawMessage{}
	if len(r.Filter) > 0 {
		if err := json.Unmarshal(r.Filter, &merged); err != nil {
			return err
		}
	}
	var change map[string]json.RawMessage
	if err := jsonbody.UnmarshalAt("filter", in.Filter, &change); err != nil {
		return domain.Invalidf("%s", err.Error())
	}
	for k, v := range change {
		merged[k] = v
	}
	out, err := json.Marshal(merged)
	r.Filter = out
	return err
}

// CreateShared saves a shared report authored by the actor. Any member may
// share a report, which then shows what its author may see.
func (s *Service) CreateShared(ctx context.Context, a domain.Actor, in SharedInput) (SharedJSON, error) {
	if in.Name == nil || in.Type == nil || len(in.Filter) == 0 {
		return SharedJSON{}, domain.Invalidf("Fields 'name', 'type' and 'filter' are required")
	}
	r := domain.SharedReport{ID: domain.NewID(), WorkspaceID: a.Workspace.ID, UserID: a.User.ID,
		VisibleToUsers: []string{}, VisibleToUserGroups: []string{}}
	if err := in.apply(&r); err != nil {
		return SharedJSON{}, err
	}
	err := s.svc.Update(ctx, func(tx domain.Tx) error {
		r.CreatedAt = tx.Now()
		if err := checkShared(ctx, tx, a, &r); err != nil {
			return err
		}
		return tx.CreateSharedReport(ctx, r)
	})
	if err != nil {
		return SharedJSON{}, wrap(err, "create shared report")
	}
	return sharedJSON(r), nil
}

// errSharedNotFound is the error for a shared report id that does not exist
// in the workspace.
var errSharedNotFound = domain.Invalidf("Shared report doesn't belong to Workspace")

// editable reads a shared report of the actor's workspace that the actor
// may change: its author's, or any for an admin.
func editable(ctx context.Context, tx domain.Tx, a domain.Actor, id string) (domain.SharedReport, error) {
	if !domain.ValidID(id) {
		return domain.SharedReport{}, errSharedNotFound
	}
	r, err := tx.SharedReport(ctx, id)
	if errors.Is(err, domain.ErrNotFound) || err == nil && r.WorkspaceID != a.Workspace.ID {
		return domain.SharedReport{}, errSharedNotFound
	}
	if err != nil {
		return domain.SharedReport{}, err
	}
	if r.UserID != a.User.ID && !a.IsAdmin() {
		return domain.SharedReport{}, domain.ErrAccessDenied
	}
	return r, nil
}

// UpdateShared merges in into a shared report.
func (s *Service) UpdateShared(ctx context.Context, a domain.Actor, id string, in SharedInput) (SharedJSON, error) {
	var r domain.SharedReport
	err := s.svc.Update(ctx, func(tx domain.Tx) error {
		var err error
		if r, err = editable(ctx, tx, a, id); err != nil {
			return err
		}
		if err := in.apply(&r); err != nil {
			return err
		}
		if err := checkShared(ctx, tx, a, &r); err != nil {
			return err
		}
		return tx.UpdateSharedReport(ctx, r)
	})
	if err != nil {
		return SharedJSON{}, wrap(err, "update shared report "+id)
	}
	return sharedJSON(r), nil
}

// DeleteShared deletes a shared report.
func (s *Service) DeleteShared(ctx context.Context, a domain.Actor, id string) error {
	err := s.svc.Update(ctx, func(tx domain.Tx) error {
		if _, err := editable(ctx, tx, a, id); err != nil {
			return err
		}
		return tx.DeleteSharedReport(ctx, a.Workspace.ID, id)
	})
	return wrap(err, "delete shared report "+id)
}

// namedID is a user or group as the shared report list shows it.
type namedID struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// SharedListItem is one row of the shared report list. The caller fills
// Link, because only it has the server's address.
type SharedListItem struct {
	ID                  string    `json:"id"`
	Name                string    `json:"name"`
	Link                string    `json:"link"`
	ReportAuthor        string    `json:"reportAuthor"`
	Type                string    `json:"type"`
	IsPublic            bool      `json:"isPublic"`
	FixedDate           bool      `json:"fixedDate"`
	VisibleToUsers      []namedID `json:"visibleToUsers"`
	VisibleToUserGroups []namedID `json:"visibleToUserGroups"`
}

// SharedList is the body of the shared report list.
type SharedList struct {
	Reports []SharedListItem `json:"reports"`
	Count   int              `json:"count"`
}

// canView reports whether the member a may open r: its author, an admin,
// a listed user or a member of a listed group, or anyone when r is public.
func canView(r domain.SharedReport, a domain.Actor, groupsOf map[string][]string) bool {
	if r.IsPublic || r.UserID == a.User.ID || a.IsAdmin() || slices.Contains(r.VisibleToUsers, a.User.ID) {
		return true
	}
	for _, g := range groupsOf[a.User.ID] {
		if slices.Contains(r.VisibleToUserGroups, g) {
			return true
		}
	}
	return false
}

// ListShared returns one page of the shared reports that filter selects:
// ALL (those the caller may open), ALL_ADMIN (every one, for admins),
// CREATED_BY_ME or SHARED_WITH_ME (by others, open to the caller).
func (s *Service) ListShared(ctx context.Context, a domain.Actor, filter string, page domain.Page) (SharedList, error) {
	if err := oneOf("sharedReportsFilter", filter, "ALL", "ALL_ADMIN", "CREATED_BY_ME", "SHARED_WITH_ME"); err != nil {
		return SharedList{}, err
	}
	if filter == "ALL_ADMIN" && !a.IsAdmin() {
		return SharedList{}, domain.ErrAccessDenied
	}
	out := SharedList{Reports: []SharedListItem{}}
	err := s.svc.View(ctx, func(tx domain.Tx) error {
		all, _, err := tx.SharedReports(ctx, a.Workspace.ID, allRows)
		if err != nil {
			return err
		}
		d, err := loadDims(ctx, tx, a.Workspace)
		if err != nil {
			return err
		}
		groupIDsOf := map[string][]string{}
		groupNames := map[string]string{}
		for userID, groups := range d.groupsOf {
			for _, g := range groups {
				groupIDsOf[userID] = append(groupIDsOf[userID], g.ID)
				groupNames[g.ID] = g.Name
			}
		}
		var kept []domain.SharedReport
		for _, r := range all {
			mine := r.UserID == a.User.ID
			switch {
			case filter == "ALL_ADMIN":
			case filter == "CREATED_BY_ME" && !mine:
				continue
			case filter == "SHARED_WITH_ME" && (mine || !canView(r, a, groupIDsOf)):
				continue
			case !canView(r, a, groupIDsOf):
				continue
			}
			kept = append(kept, r)
		}
		out.Count = len(kept)
		for i := page.Offset(); i < len(kept) && len(out.Reports) < page.Size; i++ {
			r := kept[i]
			item := SharedListItem{ID: r.ID, Name: r.Name, Type: r.Type, IsPublic: r.IsPublic, FixedDate: r.FixedDate,
				VisibleToUsers: []namedID{}, VisibleToUserGroups: []namedID{}}
			if m := d.members[r.UserID]; m != nil {
				item.ReportAuthor = m.User.Name
			}
			for _, id := range r.VisibleToUsers {
				n := namedID{ID: id}
				if m := d.members[id]; m != nil {
					n.Name = m.User.Name
				}
				item.VisibleToUsers = append(item.VisibleToUsers, n)
			}
			for _, id := range r.VisibleToUserGroups {
				item.VisibleToUserGroups = append(item.VisibleToUserGroups, namedID{ID: id, Name: groupNames[id]})
			}
			out.Reports = append(out.Reports, item)
		}
		return nil
	})
	if err != nil {
		return SharedList{}, wrap(err, "list shared reports")
	}
	return out, nil
}

// SharedOverrides are the query parameters that change a shared report
// when it is opened. Empty fields keep the saved values.
type SharedOverrides struct {
	DateRangeStart, DateRangeEnd string
	SortColumn, SortOrder        string
	Page, PageSize               *int
	ExportType                   string
}

// OpenedShared is a shared report ready to render: the saved request with
// the overrides applied, run as its author.
type OpenedShared struct {
	Kind    Kind
	Request Request
	Author  domain.Actor
	Filter  map[string]any // the saved filter with the viewer's context, for the "filters" key
}

// OpenShared reads a shared report for a viewer: nil viewer for a caller
// without credentials, who may open only public reports. The report runs
// with its author's permissions, so it shows what the author shared. A
// report whose fixedDate is false and whose dateRangeType is relative, such
// as LAST_WEEK, has its range computed again from now.
func (s *Service) OpenShared(ctx context.Context, id string, viewer *domain.User, o SharedOverrides, now time.Time) (OpenedShared, error) {
	notFound := domain.Errorf(domain.KindNotFound, 404, "Shared report %s not found", id)
	if !domain.ValidID(id) {
		return OpenedShared{}, notFound
	}
	var saved domain.SharedReport
	var author domain.User
	var viewerGroups []string
	err := s.svc.View(ctx, func(tx domain.Tx) error {
		var err error
		saved, err = tx.SharedReport(ctx, id)
		if errors.Is(err, domain.ErrNotFound) {
			return notFound
		}
		if err != nil {
			return err
		}
		if author, err = tx.User(ctx, saved.UserID); err != nil {
			return err
		}
		if viewer != nil {
			viewerGroups, err = tx.GroupsOfUser(ctx, saved.WorkspaceID, viewer.ID)
		}
		return err
	})
	if err != nil {
		return OpenedShared{}, wrap(err, "open shared report "+id)
	}

	viewerAdmin := false
	if !saved.IsPublic {
		if viewer == nil {
			return OpenedShared{}, domain.Errorf(domain.KindUnauthenticated, domain.CodeMissingAuth, "Multiple or none auth tokens present")
		}
		va, err := s.svc.Enter(ctx, *viewer, saved.WorkspaceID)
		if err != nil {
			return OpenedShared{}, err
		}
		viewerAdmin = va.IsAdmin()
		if !canView(saved, va, map[string][]string{viewer.ID: viewerGroups}) {
			return OpenedShared{}, domain.ErrAccessDenied
		}
	}
	authorActor, err := s.svc.Enter(ctx, author, saved.WorkspaceID)
	if err != nil {
		return OpenedShared{}, domain.Errorf(domain.KindNotFound, 404, "Shared report %s is no longer available: its author left the workspace", id)
	}

	kind, ok := kindOf(saved.Type)
	if !ok {
		return OpenedShared{}, domain.Invalidf("Shared reports of type %s cannot be opened here; Punchclock renders SUMMARY, DETAILED, WEEKLY and ATTENDANCE reports", saved.Type)
	}
	var req Request
	if err := json.Unmarshal(saved.Filter, &req); err != nil {
		return OpenedShared{}, wrap(err, "decode shared report "+id)
	}
	if !saved.FixedDate {
		relativeRange(&req, authorActor, now)
	} else if err := o.checkFixedDate(); err != nil {
		return OpenedShared{}, err
	}
	if err := o.apply(kind, &req); err != nil {
		return OpenedShared{}, err
	}

	var filters map[string]any
	if err := json.Unmarshal(saved.Filter, &filters); err != nil {
		return OpenedShared{}, wrap(err, "decode shared report "+id)
	}
	filters["dateRangeStart"], filters["dateRangeEnd"] = req.DateRangeStart, req.DateRangeEnd
	filters["timezone"] = cmpOr(req.TimeZone, author.TimeZone)
	filters["weekStart"] = cmpOr(req.WeekStart, author.WeekStart)
	filters["isAdminOrOwner"] = viewerAdmin
	filters["workspaceId"] = saved.WorkspaceID
	return OpenedShared{Kind: kind, Request: req, Author: authorActor, Filter: filters}, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// checkFixedDate rejects a date range override of a report saved with
// fixedDate true, whose author chose the range for every viewer.
func (o SharedOverrides) checkFixedDate() error {
	for _, p := range []struct{ name, value string }{{"dateRangeStart", o.DateRangeStart}, {"dateRangeEnd", o.DateRangeEnd}} {
		if p.value != "" {
			return domain.Invalidf("Parameter '%s' has the value '%s', but this shared report has a fixed date range (fixedDate is true); open it without %s", p.name, p.value, p.name)
		}
	}
	return nil
}

// apply sets the overrides on req, checking the sort column for the kind.
func (o SharedOverrides) apply(kind Kind, req *Request) error {
	if o.DateRangeStart != "" {
		req.DateRangeStart = o.DateRangeStart
	}
	if o.DateRangeEnd != "" {
		req.DateRangeEnd = o.DateRangeEnd
	}
	if o.SortOrder != "" {
		req.SortOrder = o.SortOrder
	}
	if o.ExportType != "" {
		req.ExportType = o.ExportType
	}
	switch kind {
	case Summary:
		if req.SummaryFilter != nil && o.SortColumn != "" {
			req.SummaryFilter.SortColumn = o.SortColumn
		}
	case Detailed:
		if req.DetailedFilter == nil {
			req.DetailedFilter = &DetailedFilter{}
		}
		if o.SortColumn != "" {
			req.DetailedFilter.SortColumn = o.SortColumn
		}
		if o.Page != nil {
			req.DetailedFilter.Page = o.Page
		}
		if o.PageSize != nil {
			req.DetailedFilter.PageSize = o.PageSize
		}
	case Attendance:
		if req.AttendanceFilter == nil {
			req.AttendanceFilter = &AttendanceFilter{}
		}
		if o.SortColumn != "" {
			req.AttendanceFilter.SortColumn = o.SortColumn
		}
		if o.Page != nil {
			req.AttendanceFilter.Page = o.Page
		}
		if o.PageSize != nil {
			req.AttendanceFilter.PageSize = o.PageSize
		}
	case Weekly:
		if o.SortColumn != "" {
			return domain.Invalidf("Query parameter 'sortColumn' does not apply to a weekly report")
		}
	}
	return nil
}

// relativeRange replaces the date range of a request whose dateRangeType
// names a period relative to now, in the request's zone and week start.
// ABSOLUTE and unknown types keep the saved dates.
func relativeRange(req *Request, a domain.Actor, now time.Time) {
	zone := cmpOr(req.TimeZone, a.User.TimeZone)
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return
	}
	q := &query{loc: loc, weekStart: time.Monday}
	if d, ok := weekdays[cmpOr(req.WeekStart, cmpOr(a.User.WeekStart, a.Workspace.Settings.WeekStart))]; ok {
		q.weekStart = d
	}
	today := q.dayOf(now)
	week := q.weekOf(now)
	month := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, loc)
	year := time.Date(today.Year(), 1, 1, 0, 0, 0, 0, loc)
	var from, to time.Time
	switch req.DateRangeType {
	case "TODAY":
		from, to = today, today.AddDate(0, 0, 1)
	case "YESTERDAY":
		from, to = today.AddDate(0, 0, -1), today
	case "THIS_WEEK":
		from, to = week, week.AddDate(0, 0, 7)
	case "LAST_WEEK":
		from, to = week.AddDate(0, 0, -7), week
	case "PAST_TWO_WEEKS":
		from, to = week.AddDate(0, 0, -7), week.AddDate(0, 0, 7)
	case "THIS_MONTH":
		from, to = month, month.AddDate(0, 1, 0)
	case "LAST_MONTH":
		from, to = month.AddDate(0, -1, 0), month
	case "THIS_YEAR":
		from, to = year, year.AddDate(1, 0, 0)
	case "LAST_YEAR":
		from, to = year.AddDate(-1, 0, 0), year
	default:
		return
	}
	const layout = "2006-01-02T15:04:05.000"
	req.DateRangeStart = from.Format(layout)
	req.DateRangeEnd = to.Add(-time.Millisecond).Format(layout)
	if req.TimeZone == "" {
		req.TimeZone = zone
	}
}

// RunShared renders an opened shared report as JSON: the report's own body
// with a "filters" key that echoes the saved configuration.
func (s *Service) RunShared(ctx context.Context, o OpenedShared) (map[string]any, error) {
	var res any
	var err error
	switch o.Kind {
	case Summary:
		res, err = s.Summary(ctx, o.Author, o.Request)
	case Detailed:
		res, err = s.Detailed(ctx, o.Author, o.Request)
	case Weekly:
		res, err = s.Weekly(ctx, o.Author, o.Request)
	default:
		res, err = s.Attendance(ctx, o.Author, o.Request)
	}
	if err != nil {
		return nil, err
	}
	data, err := json.Marshal(res)
	if err != nil {
		return nil, err
	}
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, err
	}
	out["filters"] = o.Filter
	return out, nil
}
