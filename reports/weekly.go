package reports

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/punchclock/punchclock/domain"
)

// weekNode is one row of the weekly grid: a user or a project, with its
// time per day of the week and its subrows.
type weekNode struct {
	key      groupKey
	days     [7]tally
	total    tally
	children map[string]*weekNode
}

func (n *weekNode) add(day int, r *row) {
	n.days[day].add(r)
	n.total.add(r)
}

func (n *weekNode) child(k groupKey) *weekNode {
	if n.children == nil {
		n.children = map[string]*weekNode{}
	}
	c := n.children[k.id]
	if c == nil {
		c = &weekNode{key: k}
		n.children[k.id] = c
	}
	return c
}

type dayJSON struct {
	Date     string  `json:"date"`
	Duration int64   `json:"duration"`
	Amount   float64 `json:"amount"`
}

type weekGroupJSON struct {
	ID         string          `json:"_id"`
	Name       string          `json:"name"`
	ClientName string          `json:"clientName,omitempty"`
	Color      string          `json:"color,omitempty"`
	Email      string          `json:"email,omitempty"`
	Duration   int64           `json:"duration"`
	Amount     float64         `json:"amount"`
	Days       []dayJSON       `json:"days"`
	Children   []weekGroupJSON `json:"children,omitempty"`
}

type userJSON struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

// WeeklyResult is the weekly report's JSON body.
type WeeklyResult struct {
	Totals                  []totalsJSON    `json:"totals"`
	TotalsByDay             []dayJSON       `json:"totalsByDay"`
	GroupOne                []weekGroupJSON `json:"groupOne"`
	UsersWithoutTime        []userJSON      `json:"usersWithoutTime"`
	IncludeUsersWithoutTime bool            `json:"includeUsersWithoutTime"`
	DecimalFormat           bool            `json:"decimalFormat"`
	TrackTimeDownToSeconds  bool            `json:"trackTimeDownToSeconds"`
}

// weekAmount is the money a weekly cell shows: the subgroup's amount type
// when it names one, else the one amountShown selects.
func (q *query) weekAmount(t *tally) float64 {
	if q.amountShown == amountHidden {
		return 0
	}
	switch sub := q.req.WeeklyFilter.Subgroup; sub {
	case amountEarned, amountCost, amountProfit:
		return t.amount(sub)
	}
	return q.shownAmount(t)
}

// weekGrid sums entries into the seven days of the week and returns the
// root of the grid and the dimensions read.
func (s *Service) weekGrid(ctx context.Context, a domain.Actor, q *query) (*weekNode, *dims, error) {
	byUser := q.req.WeeklyFilter.Group != "PROJECT"
	root := &weekNode{}
	var seen *dims
	err := s.scan(ctx, a, q, domain.OrderNone, func(d *dims, r *row) error {
		seen = d
		day := int(q.dayOf(r.e.Start).Sub(q.dayOf(q.from)).Hours()+12) / 24
		day = min(max(day, 0), 6)
		user := groupers["USER"](q, r)[0]
		project := groupers["PROJECT"](q, r)[0]
		outer, inner := user, project
		if !byUser {
			outer, inner = project, user
		}
		root.add(day, r)
		o := root.child(outer)
		o.add(day, r)
		o.child(inner).add(day, r)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return root, seen, nil
}

// weekDates returns the seven dates of the report's week.
func (q *query) weekDates() [7]string {
	var out [7]string
	first := q.dayOf(q.from)
	for i := range out {
		out[i] = time.Date(first.Year(), first.Month(), first.Day()+i, 0, 0, 0, 0, q.loc).Format("2006-01-02")
	}
	return out
}

func (q *query) weekRows(n *weekNode, dates [7]string) []weekGroupJSON {
	list := make([]*weekNode, 0, len(n.children))
	for _, c := range n.children {
		list = append(list, c)
	}
	slices.SortFunc(list, func(a, b *weekNode) int {
		return cmp.Or(compareGroups(a.key, b.key), strings.Compare(a.key.id, b.key.id))
	})
	out := []weekGroupJSON{}
	for _, c := range list {
		g := weekGroupJSON{ID: c.key.id, Name: c.key.name, ClientName: c.key.clientName, Color: c.key.color,
			Email: c.key.email, Duration: c.total.seconds, Amount: q.weekAmount(&c.total), Days: q.dayCells(c, dates)}
		if c.children != nil {
			g.Children = q.weekRows(c, dates)
		}
		out = append(out, g)
	}
	return out
}

func (q *query) dayCells(n *weekNode, dates [7]string) []dayJSON {
	out := make([]dayJSON, 7)
	for i := range out {
		out[i] = dayJSON{Date: dates[i], Duration: n.days[i].seconds, Amount: q.weekAmount(&n.days[i])}
	}
	return out
}

// Weekly runs the weekly report: the seven days of the range, by user or
// by project. The range must be exactly seven calendar days.
func (s *Service) Weekly(ctx context.Context, a domain.Actor, req Request) (WeeklyResult, error) {
	q, err := prepare(a, Weekly, req)
	if err != nil {
		return WeeklyResult{}, err
	}
	root, _, err := s.weekGrid(ctx, a, q)
	if err != nil {
		return WeeklyResult{}, wrap(err, "weekly report")
	}
	dates := q.weekDates()
	res := WeeklyResult{
		Totals: []totalsJSON{}, TotalsByDay: q.dayCells(root, dates), GroupOne: q.weekRows(root, dates),
		UsersWithoutTime: []userJSON{}, IncludeUsersWithoutTime: q.req.WeeklyFilter.Group != "PROJECT",
		TrackTimeDownToSeconds: true,
	}
	if root.total.count > 0 {
		res.Totals = []totalsJSON{q.totalsOf(&root.total, q.currency)}
	}
	if res.IncludeUsersWithoutTime {
		res.UsersWithoutTime, err = s.usersWithoutTime(ctx, a, q, root)
		if err != nil {
			return WeeklyResult{}, wrap(err, "weekly report")
		}
	}
	return res, nil
}

// usersWithoutTime lists the active members that the report's user filter
// selects and that tracked nothing in the week.
func (s *Service) usersWithoutTime(ctx context.Context, a domain.Actor, q *query, root *weekNode) ([]userJSON, error) {
	out := []userJSON{}
	err := s.svc.View(ctx, func(tx domain.Tx) error {
		members, err := tx.Members(ctx, a.Workspace.ID, domain.MemberFilter{Statuses: []string{domain.MembershipActive}, Page: allRows})
		if err != nil {
			return err
		}
		groups, err := tx.UserGroups(ctx, a.Workspace.ID, domain.UserGroupFilter{Page: allRows})
		if err != nil {
			return err
		}
		groupsOf := map[string][]*domain.UserGroup{}
		for i := range groups {
			for _, userID := range groups[i].UserIDs {
				groupsOf[userID] = append(groupsOf[userID], &groups[i])
			}
		}
		for i := range members {
			m := &members[i]
			if root.children[m.UserID] != nil {
				continue
			}
			if _, err := a.EntryScopeFor(m.UserID); err != nil {
				continue // the caller sees none of this user's entries
			}
			probe := row{e: &domain.TimeEntry{UserID: m.UserID}, member: m, groups: groupsOf[m.UserID]}
			if !matchUser(q.req.Users, &probe) || !matchGroups(q.req.UserGroups, &probe) {
				continue
			}
			out = append(out, userJSON{ID: m.UserID, Name: m.User.Name, Email: m.User.Email})
		}
		return nil
	})
	slices.SortFunc(out, func(a, b userJSON) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	return out, err
}

// weeklyRows writes the grid: one row per group and subgroup, a column per
// day, then the total.
func (x *Export) weeklyRows(ctx context.Context, t table) error {
	q := x.q
	root, _, err := x.s.weekGrid(ctx, x.a, q)
	if err != nil {
		return err
	}
	dates := q.weekDates()
	outer, inner := "User", "Project"
	if q.req.WeeklyFilter.Group == "PROJECT" {
		outer, inner = "Project", "User"
	}
	header := []any{outer, inner}
	for _, d := range dates {
		day, _ := time.ParseInLocation("2006-01-02", d, q.loc)
		header = append(header, day.Format(q.dateLayout()))
	}
	header = append(header, "Total (h)", "Total (decimal)")
	if err := t.row(header); err != nil {
		return err
	}
	for _, g := range q.weekRows(root, dates) {
		for _, c := range g.Children {
			cells := []any{g.Name, c.Name}
			for _, d := range c.Days {
				cells = append(cells, formatHMS(d.Duration))
			}
			cells = append(cells, formatHMS(c.Duration), decimalHours(c.Duration))
			if err := t.row(cells); err != nil {
				return err
			}
		}
	}
	cells := []any{"Total", ""}
	for i := range root.days {
		cells = append(cells, formatHMS(root.days[i].seconds))
	}
	cells = append(cells, formatHMS(root.total.seconds), decimalHours(root.total.seconds))
	return t.row(cells)
}
