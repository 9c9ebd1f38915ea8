package reports

// tally sums the entries of a report or of one group.
type tally struct {
	seconds         int64
	billableSeconds int64
	count           int64
	earned          int64 // cents
	cost            int64 // cents
}

func (t *tally) add(r *row) {
	t.seconds += r.seconds
	if r.e.Billable {
		t.billableSeconds += r.seconds
	}
	t.count += max(r.count, 1)
	t.earned += r.earned
	t.cost += r.costAmount
}

// amount returns the money of one amount type in cents. Profit is earned
// minus cost.
func (t *tally) amount(kind string) float64 {
	var cents int64
	switch kind {
	case amountEarned:
		cents = t.earned
	case amountCost:
		cents = t.cost
	case amountProfit:
		cents = t.earned - t.cost
	}
	return float64(cents)
}

// currencyAmount is money in one currency, in cents.
type currencyAmount struct {
	Currency string  `json:"currency"`
	Amount   float64 `json:"amount"`
}

// amountJSON is one entry of an amounts array.
type amountJSON struct {
	Type             string           `json:"type"`
	Value            float64          `json:"value"`
	AmountByCurrency []currencyAmount `json:"amountByCurrency"`
}

// totalsJSON is the element of a report's totals array.
type totalsJSON struct {
	ID                    string           `json:"_id"`
	TotalTime             int64            `json:"totalTime"`
	TotalBillableTime     int64            `json:"totalBillableTime"`
	EntriesCount          int64            `json:"entriesCount"`
	TotalAmount           float64          `json:"totalAmount"`
	TotalAmountByCurrency []currencyAmount `json:"totalAmountByCurrency"`
	NumOfCurrencies       int              `json:"numOfCurrencies"`
	Amounts               []amountJSON     `json:"amounts"`
}

// shownAmount is the money that amountShown selects, or 0 when hidden.
func (q *query) shownAmount(t *tally) float64 {
	if q.amountShown == amountHidden {
		return 0
	}
	return t.amount(q.amountShown)
}

func (q *query) amountsOf(t *tally, currency string) []amountJSON {
	out := make([]amountJSON, 0, len(q.amountTypes))
	for _, kind := range q.amountTypes {
		v := t.amount(kind)
		out = append(out, amountJSON{Type: kind, Value: v, AmountByCurrency: []currencyAmount{{Currency: currency, Amount: v}}})
	}
	return out
}

// totalsOf renders t as the one element of a totals array. A workspace has
// one currency, so the per-currency lists have one element.
func (q *query) totalsOf(t *tally, currency string) totalsJSON {
	out := totalsJSON{
		TotalTime:             t.seconds,
		TotalBillableTime:     t.billableSeconds,
		EntriesCount:          t.count,
		TotalAmount:           q.shownAmount(t),
		TotalAmountByCurrency: []currencyAmount{},
		Amounts:               q.amountsOf(t, currency),
	}
	if q.amountShown != amountHidden {
		out.TotalAmountByCurrency = []currencyAmount{{Currency: currency, Amount: out.TotalAmount}}
		out.NumOfCurrencies = 1
	}
	return out
}
