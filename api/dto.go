package api

import (
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/iso8601"
)

// Response shapes shared by several resources. Field names are Clockify's.

type rateDTO struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

func toRate(r *domain.Rate) *rateDTO {
	if r == nil {
		return nil
	}
	return &rateDTO{Amount: r.Amount, Currency: r.Currency}
}

// rateRequest is the body of the rate PUT routes. Amount is in minor units,
// such as cents.
type rateRequest struct {
	Amount   *int64  `json:"amount"`
	Currency string  `json:"currency"`
	Since    *string `json:"since"`
}

// decodeRate reads the body of a rate PUT.
func decodeRate(r *http.Request) (domain.RateChange, error) {
	var body rateRequest
	if err := decodeJSON(r, &body); err != nil {
		return domain.RateChange{}, err
	}
	return body.change()
}

func (r rateRequest) change() (domain.RateChange, error) {
	if r.Amount == nil {
		return domain.RateChange{}, domain.Invalidf("amount must not be null")
	}
	since, err := bodyInstant("since", r.Since)
	if err != nil {
		return domain.RateChange{}, err
	}
	return domain.RateChange{Amount: *r.Amount, Currency: r.Currency, Since: since}, nil
}

type membershipDTO struct {
	UserID           string   `json:"userId"`
	TargetID         string   `json:"targetId"`
	MembershipType   string   `json:"membershipType"`
	MembershipStatus string   `json:"membershipStatus"`
	HourlyRate       *rateDTO `json:"hourlyRate"`
	CostRate         *rateDTO `json:"costRate"`
}

func toWorkspaceMembership(m domain.Member) membershipDTO {
	return membershipDTO{UserID: m.UserID, TargetID: m.WorkspaceID, MembershipType: "WORKSPACE",
		MembershipStatus: m.Status, HourlyRate: toRate(m.HourlyRate), CostRate: toRate(m.CostRate)}
}

// instant formats an optional instant as ISO-8601, so nil becomes JSON null.
func instant(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := iso8601.FormatInstant(*t)
	return &s
}

// bodyDuration parses a duration field of a request body: ISO-8601 such as
// PT1H30M, or a whole number of milliseconds, which Clockify's own examples
// use. It returns nil for nil and "", which both mean that none was given.
func bodyDuration(field string, s *string) (*time.Duration, error) {
	if s == nil || *s == "" {
		return nil, nil
	}
	if ms, err := strconv.ParseInt(*s, 10, 64); err == nil {
		if ms < 0 || ms > math.MaxInt64/int64(time.Millisecond) {
			return nil, badBody("JSON parse error: field '%s' has invalid value %q; milliseconds must be from 0 to %d", field, *s, math.MaxInt64/int64(time.Millisecond))
		}
		d := time.Duration(ms) * time.Millisecond
		return &d, nil
	}
	d, err := iso8601.ParseDuration(*s)
	if err != nil {
		return nil, badBody("JSON parse error: field '%s' has invalid value %q; expected an ISO-8601 duration such as PT1H30M", field, *s)
	}
	return &d, nil
}
