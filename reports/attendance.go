package reports

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/punchclock/punchclock/domain"
)

// checkValueFilters checks the attendance filters: start and end compare
// 24-hour clock times (HH:MM), the others durations in hours times 100.
func checkValueFilters(f *AttendanceFilter) error {
	lists := []struct {
		name    string
		filters []ValueFilter
		clock   bool
	}{
		{"startFilters", f.StartFilters, true}, {"endFilters", f.EndFilters, true},
		{"breakFilters", f.BreakFilters, false}, {"workFilters", f.WorkFilters, false},
		{"capacityFilters", f.CapacityFilters, false}, {"overtimeFilters", f.OvertimeFilters, false},
	}
	for _, l := range lists {
		for _, v := range l.filters {
			field := "attendanceFilter." + l.name
			if err := oneOf(field+".filtrationType", v.FiltrationType, "EXACTLY", "LARGER_THAN", "SMALLER_THAN"); err != nil {
				return err
			}
			if v.FiltrationType == "" {
				return domain.Invalidf("Field '%s.filtrationType' is required: use EXACTLY, LARGER_THAN or SMALLER_THAN", field)
			}
			if _, err := parseFilterValue(v.Value, l.clock); err != nil {
				return domain.Invalidf("Field '%s.value' has the value '%s': %v", field, v.Value, err)
			}
		}
	}
	return nil
}

// parseFilterValue returns an attendance filter value in seconds: a clock
// time HH:MM as seconds after midnight, or hours times 100 as seconds.
func parseFilterValue(s string, clock bool) (int64, error) {
	if clock {
		h, m, ok := strings.Cut(s, ":")
		hours, err1 := strconv.Atoi(h)
		minutes, err2 := strconv.Atoi(m)
		if !ok || err1 != nil || err2 != nil || hours < 0 || hours > 23 || minutes < 0 || minutes > 59 {
			return 0, errInvalidClock
		}
		return int64(hours*3600 + minutes*60), nil
	}
	hundredths, err := strconv.ParseInt(s, 10, 64)
	if err != nil || hundredths < 0 {
		return 0, errInvalidHundredths
	}
	return hundredths * 36, nil
}

var (
	errInvalidClock      = domain.Invalidf("expected a 24-hour time such as 09:00")
	errInvalidHundredths = domain.Invalidf("expected hours times 100 such as 750 for 7.5 hours")
)

// attendanceDay is one user's tracked time on one calendar day.
type attendanceDay struct {
	userID, userName, image string
	day                     time.Time
	first, last             time.Time
	work                    int64 // seconds of entries other than breaks
	capacity                int64
	running                 bool
}

// breakSeconds is the time between the day's first start and last end that
// no work entry covers, breaks included.
func (d *attendanceDay) breakSeconds() int64 {
	span := int64(d.last.Sub(d.first) / time.Second)
	return max(span-d.work, 0)
}

func (d *attendanceDay) overtime() int64 { return max(d.work-d.capacity, 0) }

// attendanceJSON is one row of the attendance report. Durations are in
// seconds.
type attendanceJSON struct {
	UserID            string `json:"userId"`
	UserName          string `json:"userName"`
	ImageURL          string `json:"imageUrl"`
	Date              string `json:"date"`
	StartTime         string `json:"startTime"`
	EndTime           string `json:"endTime"`
	Break             int64  `json:"break"`
	Capacity          int64  `json:"capacity"`
	TotalDuration     int64  `json:"totalDuration"`
	Overtime          int64  `json:"overtime"`
	RemainingCapacity int64  `json:"remainingCapacity"`
	TimeOff           int64  `json:"timeOff"`
	HasRunningEntry   bool   `json:"hasRunningEntry"`
}

// AttendanceResult is the attendance report's JSON body.
type AttendanceResult struct {
	Entities []attendanceJSON `json:"entities"`
}

// attendanceDays collects one attendanceDay per user and day with tracked time.
func (s *Service) attendanceDays(ctx context.Context, a domain.Actor, q *query) ([]*attendanceDay, error) {
	byKey := map[string]*attendanceDay{}
	var list []*attendanceDay
	err := s.scan(ctx, a, q, domain.OrderNone, func(_ *dims, r *row) error {
		day := q.dayOf(r.e.Start)
		key := r.e.UserID + day.Format("2006-01-02")
		d := byKey[key]
		if d == nil {
			d = &attendanceDay{userID: r.e.UserID, userName: r.userName(), day: day, first: r.e.Start, last: *r.e.End}
			if r.member != nil {
				d.image = r.member.User.ProfilePicture
			}
			byKey[key] = d
			list = append(list, d)
		}
		if r.e.Start.Before(d.first) {
			d.first = r.e.Start
		}
		if r.e.End.After(d.last) {
			d.last = *r.e.End
		}
		if r.e.Type != domain.EntryBreak {
			d.work += r.seconds
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	// Capacities and running timers, read once the scan has closed its cursor.
	err = s.svc.View(ctx, func(tx domain.Tx) error {
		var userIDs []string
		for _, d := range list {
			userIDs = append(userIDs, d.userID)
		}
		capacities, err := domain.MemberCapacities(ctx, tx, a.Workspace, slices.Compact(slices.Sorted(slices.Values(userIDs))))
		if err != nil {
			return err
		}
		for _, d := range list {
			d.capacity = int64(capacities[d.userID].On(d.day.Weekday()) / time.Second)
		}
		running, err := tx.RunningEntries(ctx, a.Workspace.ID, allRows)
		for _, e := range running {
			if d := byKey[e.UserID+q.dayOf(e.Start).Format("2006-01-02")]; d != nil {
				d.running = true
			}
		}
		return err
	})
	return list, err
}

// keep applies the attendance value filters to d.
func (f *AttendanceFilter) keep(q *query, d *attendanceDay) bool {
	clock := func(t time.Time) int64 {
		local := t.In(q.loc)
		return int64(local.Hour()*3600 + local.Minute()*60)
	}
	checks := []struct {
		filters []ValueFilter
		value   int64
		clock   bool
	}{
		{f.StartFilters, clock(d.first), true}, {f.EndFilters, clock(d.last), true},
		{f.BreakFilters, d.breakSeconds(), false}, {f.WorkFilters, d.work, false},
		{f.CapacityFilters, d.capacity, false}, {f.OvertimeFilters, d.overtime(), false},
	}
	for _, c := range checks {
		for _, v := range c.filters {
			want, _ := parseFilterValue(v.Value, c.clock)
			switch v.FiltrationType {
			case "EXACTLY":
				if c.value != want {
					return false
				}
			case "LARGER_THAN":
				if c.value <= want {
					return false
				}
			case "SMALLER_THAN":
				if c.value >= want {
					return false
				}
			}
		}
	}
	if f.HasTimeOff != nil && *f.HasTimeOff {
		// No member has time off in Punchclock yet.
		return false
	}
	return true
}

// sortAttendance orders the rows by the filter's sort column, then by
// user name and date.
func sortAttendance(q *query, list []*attendanceDay) {
	column := q.req.AttendanceFilter.SortColumn
	slices.SortFunc(list, func(a, b *attendanceDay) int {
		var c int
		switch column {
		case "DATE":
			c = a.day.Compare(b.day)
		case "START":
			c = a.first.Compare(b.first)
		case "END":
			c = a.last.Compare(b.last)
		case "BREAK":
			c = cmp.Compare(a.breakSeconds(), b.breakSeconds())
		case "WORK":
			c = cmp.Compare(a.work, b.work)
		case "CAPACITY":
			c = cmp.Compare(a.capacity, b.capacity)
		case "OVERTIME":
			c = cmp.Compare(a.overtime(), b.overtime())
		}
		if q.descending {
			c = -c
		}
		return cmp.Or(c, strings.Compare(strings.ToLower(a.userName), strings.ToLower(b.userName)),
			strings.Compare(a.userID, b.userID), a.day.Compare(b.day))
	})
}

func (q *query) attendanceRow(d *attendanceDay) attendanceJSON {
	return attendanceJSON{
		UserID: d.userID, UserName: d.userName, ImageURL: d.image, Date: d.day.Format("2006-01-02"),
		StartTime: q.formatOffset(d.first), EndTime: q.formatOffset(d.last), Break: d.breakSeconds(),
		Capacity: d.capacity, TotalDuration: d.work, Overtime: d.overtime(),
		RemainingCapacity: max(d.capacity-d.work, 0), HasRunningEntry: d.running,
	}
}

// attendanceList returns the filtered and sorted rows of the report.
func (s *Service) attendanceList(ctx context.Context, a domain.Actor, q *query) ([]*attendanceDay, error) {
	days, err := s.attendanceDays(ctx, a, q)
	if err != nil {
		return nil, err
	}
	f := q.req.AttendanceFilter
	days = slices.DeleteFunc(days, func(d *attendanceDay) bool { return !f.keep(q, d) })
	sortAttendance(q, days)
	return days, nil
}

// Attendance runs the attendance report: per user and day with tracked
// time, the first start, the last end, the break between them, the work
// time, and the capacity and overtime.
func (s *Service) Attendance(ctx context.Context, a domain.Actor, req Request) (AttendanceResult, error) {
	q, err := prepare(a, Attendance, req)
	if err != nil {
		return AttendanceResult{}, err
	}
	days, err := s.attendanceList(ctx, a, q)
	if err != nil {
		return AttendanceResult{}, wrap(err, "attendance report")
	}
	f := q.req.AttendanceFilter
	page := paging(f.Page, f.PageSize)
	res := AttendanceResult{Entities: []attendanceJSON{}}
	for i := page.Offset(); i < len(days) && len(res.Entities) < page.Size; i++ {
		res.Entities = append(res.Entities, q.attendanceRow(days[i]))
	}
	return res, nil
}

// attendanceRows writes every row of the attendance report.
func (x *Export) attendanceRows(ctx context.Context, t table) error {
	q := x.q
	days, err := x.s.attendanceList(ctx, x.a, q)
	if err != nil {
		return err
	}
	header := []any{"User", "Date", "Start", "End", "Break (h)", "Work (h)", "Capacity (h)", "Overtime (h)", "Time off (h)"}
	if err := t.row(header); err != nil {
		return err
	}
	for _, d := range days {
		cells := []any{d.userName, d.day.Format(q.dateLayout()), d.first.In(q.loc).Format(q.timeLayout()),
			d.last.In(q.loc).Format(q.timeLayout()), formatHMS(d.breakSeconds()), formatHMS(d.work),
			formatHMS(d.capacity), formatHMS(d.overtime()), formatHMS(0)}
		if err := t.row(cells); err != nil {
			return err
		}
	}
	return nil
}
