// Package reports builds Clockify's time-entry reports (summary, detailed,
// weekly and attendance) and their CSV, XLSX and PDF exports, and keeps
// shared report configurations.
//
// Every report streams the matching entries from the store once, so memory
// grows with the number of groups or the page size, not with the number of
// entries. Days, weeks and months are cut at midnight in the request's
// time zone, weeks on its week start. An entry counts whole on the day,
// week and month in which it starts, even when it runs past midnight or
// across a daylight-saving change, and its duration is the real time
// elapsed, so a 01:30 to 03:30 entry on a spring-forward night counts one
// hour.
package reports

import (
	"fmt"

	"github.com/punchclock/punchclock/domain"
)

// Service runs reports for authenticated members.
type Service struct {
	svc *domain.Service
}

// New returns a Service that reads through svc.
func New(svc *domain.Service) *Service { return &Service{svc: svc} }

// wrap returns err as is when it is nil or a *domain.Error for the caller,
// and wraps anything else with what was being done.
func wrap(err error, doing string) error {
	if _, ok := domain.AsError(err); ok || err == nil {
		return err
	}
	return fmt.Errorf("%s: %w", doing, err)
}
