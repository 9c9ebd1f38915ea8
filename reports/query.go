package reports

import (
	"slices"
	"strings"
	"time"

	"github.com/punchclock/punchclock/domain"
)

// Amount types, as amountShown and amounts name them.
const (
	amountEarned = "EARNED"
	amountCost   = "COST"
	amountProfit = "PROFIT"
	amountHidden = "HIDE_AMOUNT"
	amountExport = "EXPORT"
)

// query is a checked Request, resolved against the caller: its date range
// as instants, its time zone and week start, and the permission limits.
type query struct {
	kind Kind
	req  Request

	loc       *time.Location
	from, to  time.Time // entries starting in [from, to) count
	weekStart time.Weekday

	descending  bool
	amountShown string   // EARNED, COST or PROFIT; "" when amounts are hidden
	amountTypes []string // the types listed in each amounts array
	rounding    bool

	currency string // the workspace's currency code

	actor domain.Actor // the caller, whose permissions decide which entries count
	// totalsOnly marks a scan that only sums entries, so it skips the tags
	// and custom field values that rows would show.
	totalsOnly bool
	// dims are the workspace's entities, set when the scan has read them.
	dims *dims
	// ownOnly, when set, is the only user whose entries the caller may see,
	// so the store can skip the others.
	ownOnly string
}

// prepare checks req for kind and resolves it for the actor.
func prepare(a domain.Actor, kind Kind, req Request) (*query, error) {
	q := &query{kind: kind, req: req, currency: a.Workspace.Currency, actor: a}

	zone := req.TimeZone
	if zone == "" {
		zone = a.User.TimeZone
	}
	loc, err := time.LoadLocation(zone)
	if err != nil || zone == "" || zone == "Local" {
		return nil, domain.Invalidf("Field 'timeZone' has the value '%s', which is not an IANA time zone such as Europe/Berlin", req.TimeZone)
	}
	q.loc = loc

	week := req.WeekStart
	if week == "" {
		week = a.User.WeekStart
	}
	if week == "" {
		week = a.Workspace.Settings.WeekStart
	}
	day, ok := weekdays[week]
	if !ok {
		if req.WeekStart != "" {
			return nil, domain.Invalidf("Field 'weekStart' has the value '%s'; use one of MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY", req.WeekStart)
		}
		day = time.Monday
	}
	q.weekStart = day

	if err := q.resolveRange(); err != nil {
		return nil, err
	}
	if err := q.checkEnums(); err != nil {
		return nil, err
	}
	if err := q.checkOwnFilter(); err != nil {
		return nil, err
	}

	q.descending = req.SortOrder == string(domain.Descending)
	if req.SortOrder == "" && kind == Detailed {
		// The detailed report lists the newest entries first unless the request sets sortOrder.
		q.descending = true
	}
	q.rounding = a.Workspace.Settings.TimeRoundingInReports
	if req.Rounding != nil {
		q.rounding = *req.Rounding
	}

	q.amountShown = req.AmountShown
	if q.amountShown == "" || q.amountShown == amountExport {
		q.amountShown = amountEarned
	}
	q.amountTypes = slices.Clone(req.Amounts)
	if len(q.amountTypes) == 0 {
		q.amountTypes = []string{q.amountShown}
	}
	q.amountTypes = slices.DeleteFunc(q.amountTypes, func(t string) bool { return t == amountHidden || t == amountExport })

	if !a.IsAdmin() && a.Workspace.Settings.OnlyAdminsSeeAllTimeEntries &&
		len(a.ManagedUserIDs()) == 0 && len(a.ManagedProjectIDs()) == 0 {
		q.ownOnly = a.User.ID
	}
	if !a.CanSeeRates() {
		q.amountShown = amountHidden
	}
	if q.amountShown == amountHidden {
		q.amountTypes = nil
	}
	return q, nil
}

// resolveRange reads the date range as wall-clock times in the request's
// zone. The end is inclusive to its last digit, as Clockify's
// "...T23:59:59.999" ends show, so ...T23:59:59 covers that whole second,
// except that an end at exactly midnight is exclusive, so that "Monday 00:00
// to next Monday 00:00" is one week.
func (q *query) resolveRange() error {
	start, err := parseWallClock("dateRangeStart", q.req.DateRangeStart, q.loc)
	if err != nil {
		return err
	}
	end, err := parseWallClock("dateRangeEnd", q.req.DateRangeEnd, q.loc)
	if err != nil {
		return err
	}
	exclusive := end.Hour() == 0 && end.Minute() == 0 && end.Second() == 0 && end.Nanosecond() == 0
	if !exclusive {
		step := endPrecision(q.req.DateRangeEnd)
		end = end.Truncate(step).Add(step)
	}
	if !end.After(start) {
		return domain.Invalidf("Field 'dateRangeEnd' (%s) must be later than dateRangeStart (%s)", q.req.DateRangeEnd, q.req.DateRangeStart)
	}
	q.from, q.to = start.UTC(), end.UTC()
	return nil
}

// endPrecision returns the unit of the last digit of a wall-clock end, which
// an inclusive end covers whole: a millisecond for ...T23:59:59.999, a second
// for ...T23:59:59 and a minute for ...T23:59.
func endPrecision(s string) time.Duration {
	s = wallClockDigits(s)
	t := strings.IndexAny(s, "Tt")
	if t < 0 || strings.Contains(s[t:], ".") {
		return time.Millisecond
	}
	if strings.Count(s[t:], ":") == 1 {
		return time.Minute
	}
	return time.Second
}

func (q *query) checkEnums() error {
	r := q.req
	checks := []error{
		oneOf("exportType", r.ExportType, "JSON", "JSON_V1", "CSV", "XLSX", "PDF"),
		oneOf("sortOrder", r.SortOrder, "ASCENDING", "DESCENDING"),
		oneOf("amountShown", r.AmountShown, amountEarned, amountCost, amountProfit, amountHidden, amountExport),
		oneOf("approvalState", r.ApprovalState, "APPROVED", "UNAPPROVED", "ALL"),
		oneOf("invoicingState", r.InvoicingState, "INVOICED", "UNINVOICED", "ALL"),
		oneOf("dateRangeType", r.DateRangeType, "ABSOLUTE", "TODAY", "YESTERDAY", "THIS_WEEK", "LAST_WEEK",
			"PAST_TWO_WEEKS", "THIS_MONTH", "LAST_MONTH", "THIS_YEAR", "LAST_YEAR"),
	}
	for _, t := range r.Amounts {
		checks = append(checks, oneOf("amounts", t, amountEarned, amountCost, amountProfit, amountHidden, amountExport))
	}
	entityStatus := []string{"ACTIVE", "ARCHIVED", "ALL"}
	userStatus := []string{"ALL", "ACTIVE_WITH_PENDING", "ACTIVE", "PENDING", "INACTIVE"}
	contains := []string{"CONTAINS", "DOES_NOT_CONTAIN", "CONTAINS_ONLY"}
	for name, f := range map[string]*EntityFilter{"users": r.Users, "userGroups": r.UserGroups, "clients": r.Clients,
		"projects": r.Projects, "tasks": r.Tasks, "tags": r.Tags, "currency": r.Currency} {
		if f == nil {
			continue
		}
		checks = append(checks, oneOf(name+".contains", f.Contains, contains...),
			oneOf(name+".containedInTimeentry", f.ContainedInTimeentry, contains...))
		if name == "users" || name == "userGroups" {
			checks = append(checks, oneOf(name+".status", f.Status, userStatus...))
		} else {
			checks = append(checks, oneOf(name+".status", f.Status, entityStatus...))
		}
		for _, id := range f.IDs {
			if id != "" && !domain.ValidID(id) {
				checks = append(checks, domain.Invalidf("Field '%s.ids' contains '%s', which is not a 24-hex id", name, id))
			}
		}
	}
	checks = append(checks, checkFieldFilters("customFields", r.CustomFields),
		checkFieldFilters("userCustomFields", r.UserCustomFields))
	for _, err := range checks {
		if err != nil {
			return err
		}
	}
	return nil
}

// checkOwnFilter checks that the body carries the filter object of its
// report type, and that object's fields.
func (q *query) checkOwnFilter() error {
	r := q.req
	switch q.kind {
	case Summary:
		f := r.SummaryFilter
		if f == nil || len(f.Groups) == 0 {
			return domain.Invalidf("Field 'summaryFilter.groups' must contain one to three groups, such as [\"PROJECT\"]")
		}
		if len(f.Groups) > 3 {
			return domain.Invalidf("Field 'summaryFilter.groups' has %d groups; at most 3 are allowed", len(f.Groups))
		}
		seen := map[string]bool{}
		for _, g := range f.Groups {
			if _, ok := groupers[g]; !ok {
				return domain.Invalidf("Field 'summaryFilter.groups' contains '%s'; use PROJECT, CLIENT, TASK, TAG, USER, USER_GROUP, DATE, WEEK, MONTH or TIMEENTRY", g)
			}
			if seen[g] {
				return domain.Invalidf("Field 'summaryFilter.groups' contains '%s' twice; groups must be unique", g)
			}
			seen[g] = true
		}
		return oneOf("summaryFilter.sortColumn", f.SortColumn, "GROUP", "DURATION", "AMOUNT", "EARNED", "COST", "PROFIT")
	case Detailed:
		f := r.DetailedFilter
		if f == nil {
			return domain.Invalidf("Field 'detailedFilter' is required for the detailed report, such as {\"page\": 1, \"pageSize\": 50}")
		}
		if err := checkPaging("detailedFilter", f.Page, f.PageSize); err != nil {
			return err
		}
		if f.Options != nil {
			if err := oneOf("detailedFilter.options.totals", f.Options.Totals, "CALCULATE", "EXCLUDE"); err != nil {
				return err
			}
		}
		if a := f.AuditFilter; a != nil && a.Duration != nil && *a.Duration < 0 {
			return domain.Invalidf("Field 'detailedFilter.auditFilter.duration' must not be negative, got %v", *a.Duration)
		}
		return oneOf("detailedFilter.sortColumn", f.SortColumn, "ID", "DESCRIPTION", "USER", "DURATION", "DATE",
			"ZONED_DATE", "NATURAL", "USER_DATE")
	case Weekly:
		f := r.WeeklyFilter
		if f == nil {
			return domain.Invalidf("Field 'weeklyFilter' is required for the weekly report, such as {\"group\": \"USER\", \"subgroup\": \"TIME\"}")
		}
		if err := oneOf("weeklyFilter.group", f.Group, "USER", "PROJECT"); err != nil {
			return err
		}
		if err := oneOf("weeklyFilter.subgroup", f.Subgroup, "TIME", "EARNED", "COST", "PROFIT"); err != nil {
			return err
		}
		return q.checkSevenDays()
	case Attendance:
		f := r.AttendanceFilter
		if f == nil {
			return domain.Invalidf("Field 'attendanceFilter' is required for the attendance report, such as {\"page\": 1, \"pageSize\": 50}")
		}
		if err := checkPaging("attendanceFilter", f.Page, f.PageSize); err != nil {
			return err
		}
		if err := oneOf("attendanceFilter.sortColumn", f.SortColumn, "USER", "NAME", "DATE", "START", "END", "BREAK",
			"WORK", "CAPACITY", "OVERTIME", "TIME_OFF"); err != nil {
			return err
		}
		return checkValueFilters(f)
	}
	return nil
}

// checkSevenDays enforces the weekly report's range of exactly seven
// calendar days in the request's zone, with an inclusive or an exclusive end.
func (q *query) checkSevenDays() error {
	start := q.from.In(q.loc)
	want := time.Date(start.Year(), start.Month(), start.Day()+7, 0, 0, 0, 0, q.loc)
	midnight := start.Hour() == 0 && start.Minute() == 0 && start.Second() == 0 && start.Nanosecond() == 0
	if !midnight || !q.to.Equal(want) {
		return domain.Invalidf("Please select date range of exactly 7 days for weekly report")
	}
	return nil
}

func checkPaging(field string, page, size *int) error {
	if page != nil && *page < 1 {
		return domain.Invalidf("Field '%s.page' must be 1 or more, got %d", field, *page)
	}
	if size != nil && (*size < 1 || *size > maxPageSize) {
		return domain.Invalidf("Field '%s.pageSize' must be between 1 and %d, got %d", field, maxPageSize, *size)
	}
	return nil
}

// paging returns the page number and size, with the defaults applied.
func paging(page, size *int) domain.Page {
	p := domain.Page{Number: 1, Size: defaultPageSize}
	if page != nil {
		p.Number = *page
	}
	if size != nil {
		p.Size = *size
	}
	return p
}

// dayOf returns the calendar day, in the request's zone, on which the
// instant falls, as midnight of that day.
func (q *query) dayOf(t time.Time) time.Time {
	local := t.In(q.loc)
	return time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, q.loc)
}

// weekOf returns the first day of the week in which the instant falls.
func (q *query) weekOf(t time.Time) time.Time {
	day := q.dayOf(t)
	back := (int(day.Weekday()) - int(q.weekStart) + 7) % 7
	return time.Date(day.Year(), day.Month(), day.Day()-back, 0, 0, 0, 0, q.loc)
}

// formatOffset renders an instant in the request's zone with its offset,
// as the reports API renders timestamps.
func (q *query) formatOffset(t time.Time) string {
	return t.In(q.loc).Format("2006-01-02T15:04:05-07:00")
}
