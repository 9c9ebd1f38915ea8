package reports

import (
	"context"
	"errors"

	"github.com/punchclock/punchclock/domain"
)

// detailedOrders maps detailedFilter.sortColumn to the store's order.
var detailedOrders = map[string]domain.ReportOrder{
	"":            domain.OrderStart,
	"DATE":        domain.OrderStart,
	"ZONED_DATE":  domain.OrderStart,
	"NATURAL":     domain.OrderStart,
	"ID":          domain.OrderID,
	"DESCRIPTION": domain.OrderDescription,
	"USER":        domain.OrderUserName,
	"DURATION":    domain.OrderDuration,
	"USER_DATE":   domain.OrderUserStart,
}

// tagJSON is a tag as a detailed report row shows it.
type tagJSON struct {
	ID   string `json:"_id"`
	Name string `json:"name"`
}

type intervalJSON struct {
	Start    string `json:"start"`
	End      string `json:"end"`
	Duration int64  `json:"duration"`
}

// entryJSON is one row of the detailed report. Money is in cents; rates
// and amounts are null where the caller may not see them.
type entryJSON struct {
	ID                string       `json:"_id"`
	Description       string       `json:"description"`
	UserID            string       `json:"userId"`
	UserName          string       `json:"userName"`
	UserEmail         string       `json:"userEmail"`
	Billable          bool         `json:"billable"`
	ProjectID         *string      `json:"projectId"`
	ProjectName       string       `json:"projectName,omitempty"`
	ProjectColor      string       `json:"projectColor,omitempty"`
	ClientID          *string      `json:"clientId"`
	ClientName        string       `json:"clientName,omitempty"`
	TaskID            *string      `json:"taskId"`
	TaskName          string       `json:"taskName,omitempty"`
	Tags              []tagJSON    `json:"tags"`
	TimeInterval      intervalJSON `json:"timeInterval"`
	ApprovalRequestID *string      `json:"approvalRequestId"`
	IsLocked          bool         `json:"isLocked"`
	Type              string       `json:"type"`
	Invoiced          bool         `json:"invoiced"`
	CustomFields      []fieldJSON  `json:"customFields"`
	Amount            *float64     `json:"amount"`
	Rate              *float64     `json:"rate"`
	EarnedAmount      *float64     `json:"earnedAmount"`
	EarnedRate        *float64     `json:"earnedRate"`
	CostAmount        *float64     `json:"costAmount"`
	CostRate          *float64     `json:"costRate"`
	Currency          string       `json:"currency"`
}

// DetailedResult is the detailed report's JSON body.
type DetailedResult struct {
	Totals      []*totalsJSON `json:"totals"`
	TimeEntries []entryJSON   `json:"timeentries"`
}

func optional(id string) *string {
	if id == "" {
		return nil
	}
	return &id
}

func money(v float64) *float64 { return &v }

func (q *query) entryJSON(d *dims, r *row) entryJSON {
	e := r.e
	out := entryJSON{
		ID: e.ID, Description: e.Description, UserID: e.UserID, UserName: r.userName(), UserEmail: r.userEmail(),
		Billable: e.Billable, TaskID: optional(e.TaskID), Tags: []tagJSON{}, Type: e.Type, Invoiced: e.Invoiced,
		CustomFields: d.fieldsJSON(d.shownFields(r)), Currency: d.ws.Currency,
		TimeInterval: intervalJSON{Start: q.formatOffset(e.Start), End: q.formatOffset(*e.End), Duration: r.seconds},
		IsLocked:     domain.LockedBefore(d.ws, e.Start),
	}
	if r.project != nil {
		out.ProjectID, out.ProjectName, out.ProjectColor = &r.project.ID, r.project.Name, r.project.Color
	} else {
		out.ProjectID = optional(e.ProjectID)
	}
	if r.client != nil {
		out.ClientID, out.ClientName = &r.client.ID, r.client.Name
	}
	if r.task != nil {
		out.TaskName = r.task.Name
	}
	for _, t := range r.tags {
		out.Tags = append(out.Tags, tagJSON{ID: t.ID, Name: t.Name})
	}
	if q.amountShown != amountHidden {
		var one tally
		one.add(r)
		earnedRate, costRate := 0.0, 0.0
		if r.hourly != nil {
			earnedRate = float64(r.hourly.Amount)
		}
		if r.cost != nil {
			costRate = float64(r.cost.Amount)
		}
		out.EarnedAmount, out.EarnedRate = money(one.amount(amountEarned)), money(earnedRate)
		out.CostAmount, out.CostRate = money(one.amount(amountCost)), money(costRate)
		out.Amount = money(q.shownAmount(&one))
		switch q.amountShown {
		case amountCost:
			out.Rate = money(costRate)
		case amountProfit:
			out.Rate = money(earnedRate - costRate)
		default:
			out.Rate = money(earnedRate)
		}
	}
	return out
}

// errPageFull stops a scan once the page is complete and no totals are due.
var errPageFull = errors.New("page full")

// Detailed runs the detailed report and returns one page of its JSON body.
// The totals cover every matching entry, not only the page, unless
// detailedFilter.options.totals is EXCLUDE.
func (s *Service) Detailed(ctx context.Context, a domain.Actor, req Request) (DetailedResult, error) {
	q, err := prepare(a, Detailed, req)
	if err != nil {
		return DetailedResult{}, err
	}
	f := q.req.DetailedFilter
	page := paging(f.Page, f.PageSize)
	withTotals := f.Options == nil || f.Options.Totals != "EXCLUDE"

	// The page comes from an ordered scan that stops once the page is full.
	// The totals come from sums in the database when the filters allow, or
	// else from a second scan without order, tags or custom field values,
	// in the same transaction.
	res := DetailedResult{TimeEntries: []entryJSON{}}
	var sum tally
	err = s.svc.View(ctx, func(tx domain.Tx) error {
		// The store reads at most limit entries, which fill the page unless
		// the report's own filters drop some. Then it reads again with a
		// larger limit.
		limit := page.Offset() + page.Size
		var err error
		for {
			res.TimeEntries = res.TimeEntries[:0]
			skip := page.Offset()
			var read int
			read, err = s.scanLimit(ctx, tx, a, q, detailedOrders[f.SortColumn], limit, func(d *dims, r *row) error {
				switch {
				case skip > 0:
					skip--
				case len(res.TimeEntries) < page.Size:
					res.TimeEntries = append(res.TimeEntries, q.entryJSON(d, r))
				default:
					return errPageFull
				}
				return nil
			})
			if err != nil || len(res.TimeEntries) == page.Size || read < limit {
				break
			}
			limit *= 4
		}
		if err != nil && !errors.Is(err, errPageFull) || !withTotals {
			return err
		}
		totals := *q
		totals.totalsOnly = true
		add := func(_ *dims, r *row) error {
			sum.add(r)
			return nil
		}
		if totals.filtersGroupable() {
			return s.scanGroupsTx(ctx, tx, a, &totals, add)
		}
		return s.scanTx(ctx, tx, a, &totals, domain.OrderNone, add)
	})
	if err != nil && !errors.Is(err, errPageFull) {
		return DetailedResult{}, wrap(err, "detailed report")
	}
	if withTotals {
		totals := q.totalsOf(&sum, a.Workspace.Currency)
		res.Totals = []*totalsJSON{&totals}
	} else {
		res.Totals = []*totalsJSON{}
	}
	return res, nil
}
