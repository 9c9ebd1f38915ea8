package reports

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/punchclock/punchclock/domain"
)

// groupKey is the group one entry falls in at one level of a summary.
type groupKey struct {
	id, name   string
	color      string
	clientName string
	email      string
	ordered    bool // id sorts chronologically, so GROUP order uses it
}

// A grouper returns the groups of an entry at one level: one for most
// groupings, one per tag for TAG and one per user group for USER_GROUP, so
// that an entry with two tags counts in both tag groups.
type grouper func(q *query, r *row) []groupKey

// Names of the groups that collect entries without the grouped entity.
const (
	withoutProject     = "Without project"
	withoutClient      = "Without client"
	withoutTask        = "Without task"
	withoutTag         = "Without tag"
	withoutGroup       = "Without group"
	withoutDescription = "(Without description)"
)

var groupers = map[string]grouper{
	"PROJECT": func(q *query, r *row) []groupKey {
		if r.project == nil {
			return []groupKey{{name: withoutProject}}
		}
		return []groupKey{{id: r.project.ID, name: r.project.Name, color: r.project.Color, clientName: r.project.ClientName}}
	},
	"CLIENT": func(q *query, r *row) []groupKey {
		if r.client == nil {
			return []groupKey{{name: withoutClient}}
		}
		return []groupKey{{id: r.client.ID, name: r.client.Name}}
	},
	"TASK": func(q *query, r *row) []groupKey {
		if r.task == nil {
			return []groupKey{{name: withoutTask}}
		}
		return []groupKey{{id: r.task.ID, name: r.task.Name}}
	},
	"TAG": func(q *query, r *row) []groupKey {
		if len(r.tags) == 0 {
			return []groupKey{{name: withoutTag}}
		}
		keys := make([]groupKey, len(r.tags))
		for i, t := range r.tags {
			keys[i] = groupKey{id: t.ID, name: t.Name}
		}
		return keys
	},
	"USER": func(q *query, r *row) []groupKey {
		return []groupKey{{id: r.e.UserID, name: r.userName(), email: r.userEmail()}}
	},
	"USER_GROUP": func(q *query, r *row) []groupKey {
		if len(r.groups) == 0 {
			return []groupKey{{name: withoutGroup}}
		}
		keys := make([]groupKey, len(r.groups))
		for i, g := range r.groups {
			keys[i] = groupKey{id: g.ID, name: g.Name}
		}
		return keys
	},
	"DATE": func(q *query, r *row) []groupKey {
		day := q.dayOf(r.e.Start).Format("2006-01-02")
		return []groupKey{{id: day, name: day, ordered: true}}
	},
	"WEEK": func(q *query, r *row) []groupKey {
		week := q.weekOf(r.e.Start)
		last := week.AddDate(0, 0, 6)
		return []groupKey{{id: week.Format("2006-01-02"), name: week.Format("2006-01-02") + " - " + last.Format("2006-01-02"), ordered: true}}
	},
	"MONTH": func(q *query, r *row) []groupKey {
		day := q.dayOf(r.e.Start)
		return []groupKey{{id: day.Format("2006-01"), name: day.Format("January 2006"), ordered: true}}
	},
	"TIMEENTRY": func(q *query, r *row) []groupKey {
		if strings.TrimSpace(r.e.Description) == "" {
			return []groupKey{{name: withoutDescription}}
		}
		return []groupKey{{id: r.e.Description, name: r.e.Description}}
	},
}

// groupNode is one group of a summary with its sums and subgroups.
type groupNode struct {
	key      groupKey
	tally    tally
	children map[string]*groupNode
}

func (n *groupNode) child(k groupKey) *groupNode {
	if n.children == nil {
		n.children = map[string]*groupNode{}
	}
	c := n.children[k.id]
	if c == nil {
		c = &groupNode{key: k}
		n.children[k.id] = c
	}
	return c
}

// summaryTree sums entries into nested groups as they stream by. Its size
// grows with the number of groups, not of entries.
type summaryTree struct {
	q      *query
	groups []grouper
	root   groupNode
}

func newSummaryTree(q *query) *summaryTree {
	t := &summaryTree{q: q}
	for _, g := range q.req.SummaryFilter.Groups {
		t.groups = append(t.groups, groupers[g])
	}
	return t
}

func (t *summaryTree) add(r *row) {
	t.root.tally.add(r)
	t.addAt(&t.root, 0, r)
}

func (t *summaryTree) addAt(n *groupNode, level int, r *row) {
	for _, k := range t.groups[level](t.q, r) {
		c := n.child(k)
		c.tally.add(r)
		if level+1 < len(t.groups) {
			t.addAt(c, level+1, r)
		}
	}
}

// sorted returns the children of n in the request's order.
func (t *summaryTree) sorted(n *groupNode) []*groupNode {
	list := make([]*groupNode, 0, len(n.children))
	for _, c := range n.children {
		list = append(list, c)
	}
	column := t.q.req.SummaryFilter.SortColumn
	slices.SortFunc(list, func(a, b *groupNode) int {
		var c int
		switch column {
		case "DURATION":
			c = cmp.Compare(a.tally.seconds, b.tally.seconds)
		case "AMOUNT":
			c = cmp.Compare(t.q.shownAmount(&a.tally), t.q.shownAmount(&b.tally))
		case "EARNED", "COST", "PROFIT":
			c = cmp.Compare(a.tally.amount(column), b.tally.amount(column))
		default:
			c = compareGroups(a.key, b.key)
		}
		if t.q.descending {
			c = -c
		}
		if c == 0 {
			c = strings.Compare(a.key.id, b.key.id)
		}
		return c
	})
	return list
}

// compareGroups orders groups by name, dates chronologically, and puts the
// group of entries without the entity last.
func compareGroups(a, b groupKey) int {
	if (a.id == "") != (b.id == "") {
		if a.id == "" {
			return 1
		}
		return -1
	}
	if a.ordered {
		return strings.Compare(a.id, b.id)
	}
	return strings.Compare(strings.ToLower(a.name), strings.ToLower(b.name))
}

// groupJSON is one group of a summary response.
type groupJSON struct {
	ID                    string       `json:"_id"`
	Name                  string       `json:"name"`
	NameLowerCase         string       `json:"nameLowerCase"`
	Color                 string       `json:"color,omitempty"`
	ClientName            string       `json:"clientName,omitempty"`
	Email                 string       `json:"email,omitempty"`
	Currency              string       `json:"currency"`
	WorkspaceCurrencyCode string       `json:"workspaceCurrencyCode"`
	Duration              int64        `json:"duration"`
	Amount                float64      `json:"amount"`
	Amounts               []amountJSON `json:"amounts"`
	Children              []groupJSON  `json:"children,omitempty"`
}

// SummaryResult is the summary report's JSON body.
type SummaryResult struct {
	Totals      []totalsJSON `json:"totals"`
	GroupOne    []groupJSON  `json:"groupOne"`
	DonutChart  []chartSlice `json:"donutChart"`
	GroupTotals struct {
		GroupOneTotalCount int `json:"groupOneTotalCount"`
		GroupTwoTotalCount int `json:"groupTwoTotalCount"`
	} `json:"groupTotals"`
}

// chartSlice is one slice of the summary's donut chart: time per project,
// or billable against non-billable time, as summaryChartType selects.
type chartSlice struct {
	ID       string  `json:"_id"`
	Name     string  `json:"name"`
	Color    string  `json:"color,omitempty"`
	Duration int64   `json:"duration"`
	Amount   float64 `json:"amount"`
}

func (t *summaryTree) render(n *groupNode) []groupJSON {
	currency := t.q.currency
	out := []groupJSON{}
	for _, c := range t.sorted(n) {
		g := groupJSON{
			ID: c.key.id, Name: c.key.name, NameLowerCase: strings.ToLower(c.key.name),
			Color: c.key.color, ClientName: c.key.clientName, Email: c.key.email,
			Currency: currency, WorkspaceCurrencyCode: currency,
			Duration: c.tally.seconds, Amount: t.q.shownAmount(&c.tally), Amounts: t.q.amountsOf(&c.tally, currency),
		}
		if c.children != nil {
			g.Children = t.render(c)
		}
		out = append(out, g)
	}
	return out
}

func (t *summaryTree) result(chart *chartTally) SummaryResult {
	var res SummaryResult
	res.Totals = []totalsJSON{t.q.totalsOf(&t.root.tally, t.q.currency)}
	res.GroupOne = t.render(&t.root)
	res.GroupTotals.GroupOneTotalCount = len(res.GroupOne)
	for _, g := range res.GroupOne {
		res.GroupTotals.GroupTwoTotalCount += len(g.Children)
	}
	res.DonutChart = chart.render(t.q)
	return res
}

// chartTally sums the donut chart's slices while entries stream by.
type chartTally struct {
	byProject bool
	order     []string
	entries   map[string]*chartEntry
}

type chartEntry struct {
	key   groupKey
	tally tally
}

func newChartTally(q *query) *chartTally {
	return &chartTally{byProject: q.req.SummaryFilter.SummaryChartType == "PROJECT", entries: map[string]*chartEntry{}}
}

func (c *chartTally) add(q *query, r *row) {
	var k groupKey
	switch {
	case c.byProject:
		k = groupers["PROJECT"](q, r)[0]
	case r.e.Billable:
		k = groupKey{id: "BILLABLE", name: "Billable"}
	default:
		k = groupKey{id: "NON_BILLABLE", name: "Non-billable"}
	}
	e := c.entries[k.id]
	if e == nil {
		e = &chartEntry{key: k}
		c.entries[k.id] = e
		c.order = append(c.order, k.id)
	}
	e.tally.add(r)
}

func (c *chartTally) render(q *query) []chartSlice {
	out := []chartSlice{}
	for _, id := range c.order {
		e := c.entries[id]
		out = append(out, chartSlice{ID: id, Name: e.key.name, Color: e.key.color, Duration: e.tally.seconds, Amount: q.shownAmount(&e.tally)})
	}
	slices.SortFunc(out, func(a, b chartSlice) int {
		return cmp.Or(cmp.Compare(b.Duration, a.Duration), strings.Compare(a.ID, b.ID))
	})
	return out
}

// Summary runs the summary report and returns its JSON body.
func (s *Service) Summary(ctx context.Context, a domain.Actor, req Request) (SummaryResult, error) {
	q, err := prepare(a, Summary, req)
	if err != nil {
		return SummaryResult{}, err
	}
	return s.summary(ctx, a, q)
}

func (s *Service) summary(ctx context.Context, a domain.Actor, q *query) (SummaryResult, error) {
	tree := newSummaryTree(q)
	chart := newChartTally(q)
	add := func(_ *dims, r *row) error {
		tree.add(r)
		chart.add(q, r)
		return nil
	}
	var err error
	if q.groupable() {
		err = s.scanGroups(ctx, a, q, add)
	} else {
		err = s.scan(ctx, a, q, domain.OrderNone, add)
	}
	if err != nil {
		return SummaryResult{}, wrap(err, "summary report")
	}
	return tree.result(chart), nil
}
